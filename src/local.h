/* Local address sources: an interface's address, a command's output. */
#ifndef NICUPDATE_LOCAL_H
#define NICUPDATE_LOCAL_H

#include <net/if.h>
#include <stddef.h>

#include "addr.h"

/*
 * The interface's first usable address of family f: never a deprecated,
 * tentative or optimistic one, and for IPv6 a temporary one when temporary
 * is set (ifv6-address = temporary), else a stable one; 0, or -1 with why.
 */
int local_ifaddr(enum fam f, const char *ifname, int allow_private, int temporary,
    char out[ADDR_MAX], char *why, size_t whylen);
/*
 * The interface of the default route of family f, read from table
 * (/proc/net/route or /proc/net/ipv6_route): of several, the one of the
 * lowest metric; 0, or -1 with why. ifv4/ifv6 = default use it.
 */
int local_default_if(enum fam f, const char *table, char name[IF_NAMESIZE], char *why,
    size_t whylen);
/* May an address with these netlink IFA_F_ flags be taken? 1 / 0 */
int local_flags_ok(unsigned int flags, int temporary);
/*
 * The one address in a command's output; 0, or -1 with why set. profile
 * names the first profile that uses the command, for its environment.
 */
int local_cmd(const char *profile, enum fam f, const char *cmd, const char *skip,
    long timeout_s, char out[ADDR_MAX], char *why, size_t whylen);

#endif

/* Local address sources: an interface's address, a command's output. */
#ifndef NICUPDATE_LOCAL_H
#define NICUPDATE_LOCAL_H

#include <stddef.h>

#include "addr.h"

/* The interface's one usable address of family f; 0, or -1 with why set. */
int local_ifaddr(enum fam f, const char *ifname, int allow_private,
    char out[ADDR_MAX], char *why, size_t whylen);
/*
 * The one address in a command's output; 0, or -1 with why set. profile
 * names the first profile that uses the command, for its environment.
 */
int local_cmd(const char *profile, enum fam f, const char *cmd, const char *skip,
    long timeout_s, char out[ADDR_MAX], char *why, size_t whylen);

#endif

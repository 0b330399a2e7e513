/*
 * Address sources: the one table of how a family's address is found, with
 * each kind's name per family (which is also the key that configures it:
 * usev4 = ifv4 reads ifv4 = eth0) and ddclient's legacy word (use = if).
 * The config reader, --check-config, the ddclient importer and detection
 * all use it (nicupdate.conf(5), Address sources).
 */
#ifndef NICUPDATE_SOURCE_H
#define NICUPDATE_SOURCE_H

#include "addr.h"

enum use {
	USE_DISABLED,
	USE_WEB,	/* web endpoints, hedged */
	USE_IF,		/* an interface's address */
	USE_CMD,	/* a command's output */
	USE_STATIC,	/* a fixed address */
	USE_N
};

/* The name of source kind u for family f: "webv4", "ifv6", "disabled". */
const char *use_name(enum fam f, enum use u);
/* Parse a usev4/usev6 value for family f; 0, or -1 if unknown. */
int use_parse(enum fam f, const char *word, enum use *out);
/* ddclient's legacy word for u: "web", "if", "cmd", "ip" or "disabled". */
const char *use_legacy(enum use u);
/* Parse ddclient's legacy use=/usev6= word (web, if, cmd, ip); 0 / -1. */
int use_parse_legacy(const char *word, enum use *out);
/* The valid values for family f, for messages: "webv4, ifv4, ... or disabled". */
const char *use_choices(enum fam f);

#endif

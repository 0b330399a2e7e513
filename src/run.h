/*
 * One run: config -> state -> detect each distinct source once -> decide
 * per host and family -> send -> record -> exit code.
 */
#ifndef NICUPDATE_RUN_H
#define NICUPDATE_RUN_H

#include <stdint.h>

#include "addr.h"
#include "config.h"
#include "report.h"

/* Exit codes (SPEC §6), and their precedence. */
enum {
	EX_DONE = 0,
	EX_BADCMD = 64,
	EX_REJECTED = 65,
	EX_INTERNAL = 70,
	EX_STATE = 74,
	EX_TEMP = 75,
	EX_AUTH = 77,
	EX_CONFIG = 78,
};

/* The code that wins when a run has both outcomes. */
int exit_merge(int a, int b);

struct run_opts {
	int dry_run, force;
	const char *ip[FAM_N];		/* --ip: use instead of detecting */
	struct strlist profiles;	/* -p: only these (empty: all) */
	struct strlist hosts;		/* -host: only these (empty: all) */
	long hedge_ms;
	long long now;			/* epoch seconds of this run */
	struct report *report;		/* --json: filled as the run goes, or NULL */
};

/* What identifies the settings an update of host and family f was made with. */
uint32_t run_fingerprint(const struct profile *p, const char *host, enum fam f);
/* Does family f of profile p take part in this run? */
int run_fam_enabled(const struct profile *p, const struct run_opts *o, enum fam f);
/* Select the profiles to run; 0, or -1 (unknown name reported, exit 64). */
int run_select(const struct config *c, const struct run_opts *o, int *selected);
/* A full update run; returns the exit code. */
int run_update(const struct config *c, const struct run_opts *o);
/* --query: every source's answer; returns the exit code. */
int run_query(const struct config *c, const struct run_opts *o);
/* --import-ddclient-cache: seed the state from ddclient's cache. */
int run_import_cache(const struct config *c, const struct run_opts *o, const char *path);
/* state_prune's keep(): is there a profile of that name in the config? */
int run_has_profile(const char *name, const void *config);
/* --status: the state file as a table; returns the exit code. */
int run_status(const struct config *c, const struct run_opts *o);

#endif

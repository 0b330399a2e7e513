/*
 * One run: config -> state -> detect each distinct source once -> decide
 * per host and family -> send -> record -> exit code.
 */
#ifndef NICUPDATE_RUN_H
#define NICUPDATE_RUN_H

#include <signal.h>
#include <stdint.h>

#include "addr.h"
#include "config.h"
#include "report.h"

/*
 * What a run comes to, from best to worst; when a run has several
 * outcomes, the worst wins. Only main.c maps them to exit statuses
 * (nicupdate(1), EXIT STATUS).
 */
enum {
	EX_DONE,	/* nothing left to do */
	EX_TEMP,	/* try again later */
	EX_STATE,	/* the state file cannot be read or written */
	EX_REJECTED,	/* the provider rejected a host */
	EX_AUTH,	/* the provider refused the credentials */
	EX_INTERNAL,
	EX_BADCMD,	/* a command-line mistake */
	EX_CONFIG,	/* a configuration mistake */
};

/* The outcome that wins when a run has both. */
static inline int
exit_merge(int a, int b)
{
	return a > b ? a : b;
}

struct run_opts {
	int dry_run, force;
	const char *ip[FAM_N];		/* --ip: use instead of detecting */
	struct strlist profiles;	/* -p: only these (empty: all) */
	struct strlist hosts;		/* -host: only these (empty: all) */
	long hedge_ms;
	long long now;			/* epoch seconds of this run */
	struct report *report;		/* --json: filled as the run goes, or NULL */
};

/* ---- the parts of a run (send.c, record.c) ---- */

struct batch;
struct state;
struct srec;

/* A batch of profile p for family f and address addr, sized by its protocol. */
struct batch *batch_new(const struct profile *p, enum fam f, const char *addr);
void batch_free(struct batch *b);
/* (Re)build a batch's first request. */
void batch_build(struct batch *b);

/* The batches of one run, sent together. */
struct sendq {
	struct batch **b;
	size_t n;
	unsigned char *unsent;	/* set by send_all: batch i stopped before sending */
};
/*
 * Send every batch at once, retrying transient failures within the run.
 * Once run_stop is set nothing new starts: the requests in flight finish
 * (bounded by timeout) and the batches not sent are marked in q->unsent.
 */
void send_all(struct sendq *q);

struct postscripts;
/* Record and report the outcome of one batch, queue its postscripts (run
 * after the state is written); returns its outcome. */
int run_record(struct batch *b, const struct run_opts *o, struct state *st,
    struct postscripts *ps);
/* The signal that asked the run to stop, or 0 (nicupdate(1), SIGNALS). */
extern volatile sig_atomic_t run_stop;
/* The handler of SIGTERM, SIGINT and SIGHUP during an update run. */
void run_on_signal(int sig);

struct decision;
/* Why a host waits (decision d on its record r), naming the rule; into buf. */
void run_wait_note(char *buf, size_t n, const struct profile *p, const struct srec *r,
    const struct decision *d);
/*
 * Check p's records against its credentials: fingerprints of earlier
 * versions are migrated, locks whose credentials changed are marked.
 */
void run_credentials(struct state *st, const struct profile *p);
/* A host of p locked out for refused credentials, or NULL. */
const struct srec *run_auth_locked(struct state *st, const struct profile *p);

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
/* --status: the state file as a table; returns the exit code. */
int run_status(const struct config *c, const struct run_opts *o);

#endif

/*
 * The run report printed by --json and posted by the webhook: one entry
 * per host and family. Every text in it is masked (log_mask).
 */
#ifndef NICUPDATE_REPORT_H
#define NICUPDATE_REPORT_H

#include "addr.h"
#include "util.h"

struct report {
	struct buf hosts;	/* JSON objects, comma-separated */
	struct buf detected;
	struct buf errors;	/* JSON strings, comma-separated */
	struct buf text;	/* one plain line per entry, for the healthcheck */
	int updated;		/* entries whose address the provider changed */
};

/*
 * Add what happened to one host and family. action is one of updated,
 * unchanged, up-to-date, waiting, locked, failed, no-address, would-send;
 * answer is the provider's word (or NULL), reason the human explanation.
 */
void report_host(struct report *r, const char *profile, const char *host, enum fam f,
    const char *addr, const char *action, const char *answer, const char *reason);
/* Add what one address source found ("" when nothing) and why. */
void report_detect(struct report *r, enum fam f, const char *addr, const char *source);
/* Add one error message of the run. */
void report_error(struct report *r, const char *msg);
/* The report as one JSON object (no newline); caller frees. */
char *report_render(const struct report *r, int exit_code);
/* Print the report as one JSON line on stdout, and free it. */
void report_print(struct report *r, int exit_code);
void report_free(struct report *r);

#endif

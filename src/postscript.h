/*
 * The postscripts of one run. They are queued while the outcomes are
 * recorded and run only once the state file is written, so a postscript
 * that hangs or kills nicupdate never costs the record of an update the
 * provider already applied (nicupdate.conf(5), After a change).
 */
#ifndef NICUPDATE_POSTSCRIPT_H
#define NICUPDATE_POSTSCRIPT_H

#include "config.h"
#include "proto.h"

struct postscript_job {
	char *who;		/* "profile/host", for messages */
	long timeout;
	struct strlist argv, env;
};

/* A queue; { 0 } is empty. */
struct postscripts {
	struct postscript_job *job;
	size_t n;
};

/*
 * Queue p's postscript, if it has one and postscript-on asks for the
 * event, for host: out is what the provider did with the family f address
 * addr (OUT_GOOD: changed from old_addr, "" when unknown; OUT_NOCHG:
 * nothing to run; any other: a failure); status is the provider's answer word,
 * such as "good", "badauth" or "http-500". Everything is copied.
 */
void postscript_add(struct postscripts *q, const struct profile *p, const char *host,
    enum fam f, enum outcome out, const char *addr, const char *old_addr,
    const char *status);
/* Run the queued postscripts in order, warn about each failure, empty q. */
void postscript_run_all(struct postscripts *q);

#endif

/*
 * Monitoring hooks of an update run (nicupdate.conf(5), Monitoring): the
 * healthcheck pings and the webhook. Each hook sends at most one request
 * per call, bounded by the [global] timeout, through http.h; a hook that
 * fails is a warning and never changes the run's exit status.
 */
#ifndef NICUPDATE_HOOKS_H
#define NICUPDATE_HOOKS_H

#include "config.h"
#include "report.h"

/* Does c configure a hook, so the run must keep a report? 1 / 0 */
int hooks_wanted(const struct config *c);
/* Before detection: healthcheck URL/start (healthchecks style only). */
void hooks_start(const struct config *c);
/*
 * After the state is written: the healthcheck's success or failure ping
 * with a plain-text summary, and the webhook's JSON report when a host
 * was updated or the run failed. exit_code is the run's exit status.
 */
void hooks_end(const struct config *c, const struct report *r, int exit_code);

#endif

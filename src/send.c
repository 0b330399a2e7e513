/*
 * Sending: every batch of a run at once on one HTTP event loop, multi-step
 * APIs step by step, transient failures retried within the run as the
 * results' retry class allows (nicupdate.conf(5), attempts).
 */
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"
#include "log.h"
#include "proto.h"
#include "run.h"
#include "state.h"

/* No retry is started after this long, so a cron job never piles up. */
#define RUN_DEADLINE_MS (120 * 1000)
#define UPDATE_MAX_BODY (64 * 1024)
/* How soon a batch waiting for its retry notices run_stop. */
#define STOP_CHECK_MS 100

/* Set by a signal: start nothing new (nicupdate(1), SIGNALS). */
volatile sig_atomic_t run_stop;

void
run_on_signal(int sig)
{
	run_stop = sig;
}

struct batch *
batch_new(const struct profile *p, enum fam f, const char *addr)
{
	struct batch *b = xcalloc(1, sizeof(*b));

	b->p = p;
	b->fam = f;
	snprintf(b->addr, sizeof(b->addr), "%s", addr);
	b->hosts = xcalloc((size_t)p->proto->max_hosts, sizeof(*b->hosts));
	b->res = xcalloc((size_t)p->proto->max_hosts, sizeof(*b->res));
	b->opts.ca_file = p->ssl_ca_file;
	b->opts.ca_dir = p->ssl_ca_dir;
	b->opts.proxy = p->proxy;
	b->opts.interface = p->interface;
	b->req.opts = &b->opts;
	if (p->proto->flags & P_CONNADDR)
		b->req.family = f == FAM_V4 ? 4 : 6;
	return b;
}

void
batch_free(struct batch *b)
{
	http_req_reset(&b->req);
	if (b->p->proto->ops->done != NULL)
		b->p->proto->ops->done(b);
	free(b->body);
	free(b->url);
	free(b->hosts);
	free(b->res);
	free(b);
}

/* (Re)build a batch's first request. */
void
batch_build(struct batch *b)
{
	free(b->url);
	b->url = NULL;
	b->p->proto->ops->build(b);
}

/* May the batch be sent again in this run? Only if every host may. */
static int
retryable(const struct batch *b)
{
	for (size_t i = 0; i < b->nhosts; i++)
		if (b->res[i].retry != RETRY_SOON)
			return 0;
	return 1;
}

enum { B_WAITING, B_RUNNING, B_DONE };

/* Send every batch at once, retrying transient failures within the run. */
void
send_all(struct sendq *q)
{
	struct http *h = http_new();
	long long start = now_ms(), *not_before = xcalloc(q->n + 1, sizeof(*not_before));
	int *st = xcalloc(q->n + 1, sizeof(*st));

	q->unsent = xcalloc(q->n + 1, sizeof(*q->unsent));

	for (size_t i = 0; i < q->n; i++) {
		struct batch *b = q->b[i];

		b->req.timeout_ms = b->p->timeout * 1000;
		b->req.max_body = UPDATE_MAX_BODY;
		b->req.data = b;
		batch_build(b);
	}
	for (;;) {
		long long now = now_ms(), wake = LLONG_MAX;
		struct http_req *r, *ready = NULL;
		int busy = 0;

		for (size_t i = 0; i < q->n; i++) {
			struct batch *b = q->b[i];
			int (*admit)(struct batch *) = b->p->proto->ops->admit;
			int adm = 0;

			if (st[i] == B_WAITING && run_stop) {
				/* a retry keeps the answer it retries; a first or further step was never sent */
				q->unsent[i] = not_before[i] == 0;
				st[i] = B_DONE;
			}
			if (st[i] == B_WAITING && not_before[i] <= now && ready == NULL &&
			    (adm = admit ? admit(b) : 0) != 1) {
				b->tries++;
				st[i] = B_RUNNING;
				if (adm == -1) {
					st[i] = B_DONE;	/* refused unsent, b->res set */
				} else if (b->p->proto->ops->exchange != NULL) {
					/* not over HTTP: done now, read below as if it came */
					b->p->proto->ops->exchange(b);
					ready = &b->req;
				} else if (h == NULL || http_start(h, &b->req) == -1) {
					proto_set_all(b, OUT_TEMP, "internal", "%s",
					    h ? b->req.err : "cannot start HTTP transfers");
					st[i] = B_DONE;
				}
			}
			if (st[i] == B_WAITING && adm != 1 && not_before[i] < wake)
				wake = not_before[i];
			busy |= st[i] != B_DONE;
		}
		if (!busy)
			break;
		now = now_ms();
		/* poll() and nanosleep() return early on a signal, but one may come just before */
		if (wake > now + STOP_CHECK_MS)
			wake = now + STOP_CHECK_MS;
		if (ready == NULL && (h == NULL || http_running(h) == 0)) {
			/* nothing in flight, only retries waiting: sleep rather than spin */
			if (wake > now)
				poll(NULL, 0, (int)(wake - now));
			continue;
		}
		if ((r = ready) == NULL && (r = http_wait(h, wake)) == NULL)
			continue;
		for (size_t i = 0; i < q->n; i++) {
			struct batch *b = q->b[i];
			long long retry_ms = b->p->retry_interval * 1000;

			if (&b->req != r)
				continue;
			if (b->p->proto->ops->parse(b)) {
				/* a multi-request API goes on to its next step */
				http_req_reset(&b->req);
				not_before[i] = 0;
				st[i] = B_WAITING;
				b->tries--;
				continue;
			}
			st[i] = B_DONE;
			now = now_ms();
			if (retryable(b) && b->tries < b->p->attempts &&
			    now + retry_ms + b->req.timeout_ms <= start + RUN_DEADLINE_MS) {
				log_info("%s: %s: %s; trying again in %lds", b->p->name,
				    b->res[0].code, b->res[0].msg, b->p->retry_interval);
				http_req_reset(&b->req);
				batch_build(b);
				not_before[i] = now + retry_ms;
				st[i] = B_WAITING;
			}
		}
	}
	http_free(h);
	free(not_before);
	free(st);
}


/* The healthcheck pings and the webhook of one run (hooks.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks.h"
#include "http.h"
#include "log.h"

#define HOOK_MAX_ANSWER 65536

int
hooks_wanted(const struct config *c)
{
	return c->healthcheck != NULL || c->webhook != NULL;
}

/*
 * One request, waited for within the [global] timeout. The URL is not
 * named in warnings: it is the hook's credential. 0 / -1 (warned).
 */
static int
hook_send(const struct config *c, const char *what, const char *url, const char *body,
    const char *type)
{
	const struct profile *g = &c->global;
	struct http_opts opts = { .ca_file = g->ssl_ca_file, .ca_dir = g->ssl_ca_dir,
	    .proxy = g->proxy, .interface = g->interface };
	char ctype[64];
	const char *headers[] = { ctype, NULL };
	struct http_req req = { 0 }, *done = NULL;
	struct http *h = http_new();
	int rc = -1;

	snprintf(ctype, sizeof(ctype), "Content-Type: %s", type);
	req.url = url;
	req.method = body != NULL ? "POST" : NULL;
	req.body = body;
	req.headers = body != NULL ? headers : NULL;
	req.timeout_ms = g->timeout * 1000;
	req.max_body = HOOK_MAX_ANSWER;
	req.opts = &opts;
	if (h == NULL || http_start(h, &req) == -1) {
		log_warn("%s: %s", what, h == NULL ? "cannot start a transfer" : req.err);
		goto out;
	}
	/* libcurl ends the transfer at timeout_ms; the deadline is a backstop */
	done = http_wait(h, now_ms() + req.timeout_ms + 1000);
	if (done == NULL) {
		http_cancel(h, &req);
		log_warn("%s: no answer within %lds", what, g->timeout);
	} else if (req.failed) {
		log_warn("%s: %s", what, req.err);
	} else if (req.status < 200 || req.status > 299) {
		log_warn("%s: HTTP %ld", what, req.status);
	} else {
		rc = 0;
	}
out:
	http_req_reset(&req);
	http_free(h);
	return rc;
}

void
hooks_start(const struct config *c)
{
	char *url;

	if (c->healthcheck == NULL || c->healthcheck_style != HC_HEALTHCHECKS)
		return;
	url = xasprintf("%s/start", c->healthcheck);
	hook_send(c, "healthcheck", url, NULL, NULL);
	free(url);
}

/* The healthcheck's body: the outcome, then one line per host and family. */
static char *
summary(const struct report *r, int exit_code)
{
	return xasprintf("nicupdate %s: %s, exit status %d\n%s", PACKAGE_VERSION,
	    exit_code == 0 ? (r->updated ? "updated" : "ok") : "failed", exit_code,
	    r->text.s ? r->text.s : "");
}

static void
healthcheck_end(const struct config *c, const struct report *r, int exit_code)
{
	char *body = summary(r, exit_code), *url;

	if (c->healthcheck_style == HC_UPTIME_KUMA) {
		/* the first line as msg: Uptime Kuma shows it beside the beat */
		char *first = xstrndup(body, strcspn(body, "\n"));
		char *msg = url_encode(first);

		url = xasprintf("%s?status=%s&msg=%s", c->healthcheck,
		    exit_code == 0 ? "up" : "down", msg);
		hook_send(c, "healthcheck", url, NULL, NULL);
		free(msg);
		free(first);
	} else {
		url = xasprintf("%s%s", c->healthcheck, exit_code == 0 ? "" : "/fail");
		hook_send(c, "healthcheck", url, body, "text/plain; charset=utf-8");
	}
	free(url);
	free(body);
}

void
hooks_end(const struct config *c, const struct report *r, int exit_code)
{
	if (c->healthcheck != NULL)
		healthcheck_end(c, r, exit_code);
	if (c->webhook != NULL && (exit_code != 0 || r->updated > 0)) {
		char *doc = report_render(r, exit_code);

		hook_send(c, "webhook", c->webhook, doc, "application/json");
		free(doc);
	}
}

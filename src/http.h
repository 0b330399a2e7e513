/*
 * The HTTP layer, and the only file that knows libcurl. Transfers run
 * concurrently on one multi handle, which also pools connections, so
 * detection races and bulk updates share one event loop.
 */
#ifndef NICUPDATE_HTTP_H
#define NICUPDATE_HTTP_H

#include <poll.h>
#include <stddef.h>

/* Settings shared by the requests of one profile. */
struct http_opts {
	const char *ca_file, *ca_dir;	/* trust anchors; NULL: system store */
	const char *proxy;		/* NULL: libcurl's environment variables */
	const char *interface;		/* interface name or source address, or NULL */
};

/* One request and, once done, its answer. The caller owns it. */
struct http_req {
	/* set by the caller */
	const char *url;
	const char *method;		/* NULL: GET */
	const char *user, *pass;	/* HTTP basic auth when user != NULL */
	const char *body;		/* request body, or NULL */
	const char *const *headers;	/* NULL-terminated extra header lines */
	int family;			/* 0 any, 4 or 6: force the connection's family */
	int multiplex;			/* wait to share a new HTTP/2 connection
					 * rather than open another */
	long timeout_ms;		/* whole transfer */
	size_t max_body;		/* larger answers fail */
	const struct http_opts *opts;
	void *data;			/* the caller's */

	/* set by http_wait() */
	int failed;			/* transport failure: no usable answer */
	long status;			/* HTTP status when !failed */
	char *resp;			/* NUL-terminated body (may hold NULs) */
	size_t resp_len;
	char err[256];			/* why it failed */

	void *handle;			/* private */
};

struct http;

/* Global set-up; call once before http_new(). 0 / -1. */
int http_init(void);
void http_cleanup(void);
/* "libcurl/8.x OpenSSL/3.x ..." */
const char *http_version(void);

struct http *http_new(void);
/* Connections at once to one server and in all (http_new(): 16 and 32). */
void http_set_conns(struct http *h, long per_server, long total);
void http_free(struct http *h);

/* Start a transfer. 0 / -1 (err set). */
int http_start(struct http *h, struct http_req *r);
/*
 * Drive transfers until one finishes (returned) or until the monotonic
 * deadline (ms, see now_ms()) passes or nothing is running (NULL).
 */
struct http_req *http_wait(struct http *h, long long deadline);
/*
 * The same, also returning NULL as soon as one of the n descriptors in
 * fds (poll(2)'s, revents set on return) is ready.
 */
struct http_req *http_wait_fds(struct http *h, long long deadline, struct pollfd *fds,
    unsigned n);
/* Stop a running transfer; its answer stays empty. */
void http_cancel(struct http *h, struct http_req *r);
/* Number of transfers started and not yet returned or cancelled. */
int http_running(const struct http *h);
/* Free the answer, so the request can be started again. */
void http_req_reset(struct http_req *r);

#endif

#include <curl/curl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "http.h"
#include "log.h"
#include "util.h"

#define MAX_HEADER_BYTES (32 * 1024)	/* all response headers of one answer */
#define MAX_REDIRS 3

/* http and https only; 7.85.0 names protocols in strings, older libcurl in bits */
#if LIBCURL_VERSION_NUM >= 0x075500
#define OPT_PROTOCOLS CURLOPT_PROTOCOLS_STR
#define OPT_REDIR_PROTOCOLS CURLOPT_REDIR_PROTOCOLS_STR
#define PROTO_WEB "http,https"
#define PROTO_HTTPS "https"
#else
#define OPT_PROTOCOLS CURLOPT_PROTOCOLS
#define OPT_REDIR_PROTOCOLS CURLOPT_REDIR_PROTOCOLS
#define PROTO_WEB ((long)(CURLPROTO_HTTP | CURLPROTO_HTTPS))
#define PROTO_HTTPS ((long)CURLPROTO_HTTPS)
#endif

struct http {
	CURLM *multi;
	int running;
	int bound;		/* a transfer was bound to an interface */
};

/* What one transfer needs besides the caller's request. */
struct xfer {
	CURL *easy;
	struct curl_slist *headers;
	struct buf body;
	size_t header_bytes;
	int too_big, headers_too_big;
	char errbuf[CURL_ERROR_SIZE];
};

int
http_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
http_cleanup(void)
{
	curl_global_cleanup();
}

const char *
http_version(void)
{
	return curl_version();
}

struct http *
http_new(void)
{
	struct http *h = xcalloc(1, sizeof(*h));

	h->multi = curl_multi_init();
	if (h->multi == NULL) {
		free(h);
		return NULL;
	}
	/* many requests share one HTTP/2 connection where the server offers it */
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	/* a bulk run reuses a bounded set of connections per server, never hundreds */
	http_set_conns(h, 16, 32);
	return h;
}

void
http_set_conns(struct http *h, long per_server, long total)
{
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, per_server);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
}

static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	buf_free(&x->body);
	free(x);
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	curl_multi_cleanup(h->multi);
	free(h);
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct http_req *r = arg;
	struct xfer *x = r->handle;

	n *= size;
	if (x->body.len + n > r->max_body) {
		x->too_big = 1;
		return 0;
	}
	buf_add(&x->body, p, n);
	return n;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct http_req *r = arg;
	struct xfer *x = r->handle;

	(void)p;
	n *= size;
	x->header_bytes += n;
	if (x->header_bytes > MAX_HEADER_BYTES) {
		x->headers_too_big = 1;
		return 0;
	}
	return n;
}

/* A security option that libcurl refuses fails the transfer: 0 / -1 (err set). */
static int
must(struct http_req *r, CURLcode rc, const char *what)
{
	if (rc == CURLE_OK)
		return 0;
	snprintf(r->err, sizeof(r->err), "cannot set %s: %s", what,
	    curl_easy_strerror(rc));
	return -1;
}

/*
 * Bind the transfer to opts->interface (nicupdate.conf(5), interface):
 * "host!" for an address, "if!" for a name, so libcurl never resolves it.
 * 0 / -1 (err set).
 */
static int
bind_to(struct http *h, struct http_req *r, CURL *e)
{
	const char *itf = r->opts ? r->opts->interface : NULL;
	char spec[64];
	int fam;

	if (itf == NULL) {
		/*
		 * libcurl lets an unbound transfer reuse a bound connection:
		 * that would send it through another WAN.
		 */
		if (h->bound)
			curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
		return 0;
	}
	fam = addr_family(itf);
	if (fam != -1 && r->family != 0 && r->family != (fam == FAM_V4 ? 4 : 6)) {
		snprintf(r->err, sizeof(r->err), "interface %s: an %s address cannot send "
		    "over IPv%d", itf, fam_name((enum fam)fam), r->family);
		return -1;
	}
	snprintf(spec, sizeof(spec), "%s%s", fam != -1 ? "host!" : "if!", itf);
	h->bound = 1;
	return must(r, curl_easy_setopt(e, CURLOPT_INTERFACE, spec), "interface");
}

int
http_start(struct http *h, struct http_req *r)
{
	struct xfer *x = xcalloc(1, sizeof(*x));
	int https = strncmp(r->url, "https://", 8) == 0;
	CURL *e;

	r->handle = x;
	r->failed = 0;
	r->status = 0;
	r->err[0] = '\0';
	x->easy = e = curl_easy_init();
	if (e == NULL) {
		snprintf(r->err, sizeof(r->err), "cannot create a transfer");
		goto fail;
	}
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	/* a redirect never downgrades https, and libcurl keeps credentials on the same host */
	if (must(r, curl_easy_setopt(e, OPT_PROTOCOLS, PROTO_WEB), "protocols") == -1 ||
	    must(r, curl_easy_setopt(e, OPT_REDIR_PROTOCOLS, https ? PROTO_HTTPS :
	    PROTO_WEB), "redirect protocols") == -1)
		goto fail;
	if (must(r, curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L), "TLS peer "
	    "verification") == -1 ||
	    must(r, curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L), "TLS host "
	    "verification") == -1)
		goto fail;
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRS);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r->timeout_ms);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_body);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	if (r->family == 4)
		curl_easy_setopt(e, CURLOPT_IPRESOLVE, (long)CURL_IPRESOLVE_V4);
	else if (r->family == 6)
		curl_easy_setopt(e, CURLOPT_IPRESOLVE, (long)CURL_IPRESOLVE_V6);
	if (r->multiplex)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	if (r->user != NULL) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(e, CURLOPT_PASSWORD, r->pass ? r->pass : "");
	}
	if (r->method != NULL)
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
	if (r->body != NULL)
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body);
	for (const char *const *hl = r->headers; hl != NULL && *hl != NULL; hl++) {
		struct curl_slist *n = curl_slist_append(x->headers, *hl);

		if (n == NULL) {
			snprintf(r->err, sizeof(r->err), "out of memory");
			goto fail;
		}
		x->headers = n;
	}
	if (x->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (r->opts != NULL) {
		if (r->opts->ca_file != NULL && must(r, curl_easy_setopt(e,
		    CURLOPT_CAINFO, r->opts->ca_file), "ssl_ca_file") == -1)
			goto fail;
		if (r->opts->ca_dir != NULL && must(r, curl_easy_setopt(e,
		    CURLOPT_CAPATH, r->opts->ca_dir), "ssl_ca_dir") == -1)
			goto fail;
		if (r->opts->proxy != NULL)
			curl_easy_setopt(e, CURLOPT_PROXY, r->opts->proxy);
	}
	if (bind_to(h, r, e) == -1)
		goto fail;
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK) {
		snprintf(r->err, sizeof(r->err), "cannot start a transfer");
		goto fail;
	}
	h->running++;
	log_debug("%s %s", r->method ? r->method : "GET", r->url);
	return 0;
fail:
	r->failed = 1;
	xfer_free(x);
	r->handle = NULL;
	return -1;
}

/* Printable, single-line excerpt of an answer for debug output. */
static void
debug_answer(const struct http_req *r)
{
	char shown[121];
	size_t n = 0;

	if (log_verbosity < 3)
		return;
	for (size_t i = 0; i < r->resp_len && n < sizeof(shown) - 1; i++) {
		unsigned char c = (unsigned char)r->resp[i];

		shown[n++] = c >= 0x20 && c < 0x7f ? (char)c : c == '\n' ? '|' : '?';
	}
	shown[n] = '\0';
	log_debug("%s: HTTP %ld, %zu bytes: %s", r->url, r->status, r->resp_len, shown);
}

static void
finish(struct http *h, struct http_req *r, CURLcode rc)
{
	struct xfer *x = r->handle;

	if (rc == CURLE_OK) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
	} else {
		r->failed = 1;
		if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
			snprintf(r->err, sizeof(r->err), "answer larger than %zu bytes",
			    r->max_body);
		else if (rc == CURLE_INTERFACE_FAILED)
			snprintf(r->err, sizeof(r->err), "cannot send through interface %s "
			    "(missing, down or without an address): %.160s", r->opts &&
			    r->opts->interface ? r->opts->interface : "?",
			    x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		else if (x->headers_too_big)
			snprintf(r->err, sizeof(r->err), "answer headers larger than %d bytes",
			    MAX_HEADER_BYTES);
		else
			snprintf(r->err, sizeof(r->err), "%s",
			    x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	}
	r->resp = x->body.s ? x->body.s : xstrdup("");
	r->resp_len = x->body.len;
	x->body.s = NULL;
	curl_multi_remove_handle(h->multi, x->easy);
	xfer_free(x);
	r->handle = NULL;
	h->running--;
	if (r->failed)
		log_debug("%s: %s", r->url, r->err);
	else
		debug_answer(r);
}

struct http_req *
http_wait(struct http *h, long long deadline)
{
	return http_wait_fds(h, deadline, NULL, 0);
}

struct http_req *
http_wait_fds(struct http *h, long long deadline, struct pollfd *fds, unsigned n)
{
	struct curl_waitfd *w = n ? xcalloc(n, sizeof(*w)) : NULL;
	struct http_req *r = NULL;

	for (unsigned i = 0; i < n; i++) {
		w[i].fd = fds[i].fd;
		w[i].events = (short)((fds[i].events & POLLIN ? CURL_WAIT_POLLIN : 0) |
		    (fds[i].events & POLLOUT ? CURL_WAIT_POLLOUT : 0));
		fds[i].revents = 0;
	}
	for (;;) {
		CURLMsg *m;
		long long now;
		int still, left, ready = 0;

		curl_multi_perform(h->multi, &still);
		while ((m = curl_multi_info_read(h->multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			finish(h, r, m->data.result);
			goto out;
		}
		for (unsigned i = 0; i < n; i++) {
			fds[i].revents = w[i].revents;
			ready |= w[i].revents != 0;
		}
		now = now_ms();
		if (ready || (h->running == 0 && n == 0) || now >= deadline)
			goto out;
		curl_multi_poll(h->multi, w, n,
		    (int)(deadline - now < 1000 ? deadline - now : 1000), NULL);
	}
out:
	free(w);
	return r;
}

void
http_cancel(struct http *h, struct http_req *r)
{
	struct xfer *x = r->handle;

	if (x == NULL)
		return;
	curl_multi_remove_handle(h->multi, x->easy);
	xfer_free(x);
	r->handle = NULL;
	h->running--;
}

int
http_running(const struct http *h)
{
	return h->running;
}

void
http_req_reset(struct http_req *r)
{
	free(r->resp);
	r->resp = NULL;
	r->resp_len = 0;
	r->failed = 0;
	r->status = 0;
	r->err[0] = '\0';
}

/*
 * What the provider suites share: the loopback fake provider with fixed
 * answers, a one-profile config, the request lines the fake saw, request
 * cases and answer rows.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provcase.h"

struct fake fk;

void
setup(void)
{
	tsecret(PW);
	tsecret(TOKEN);
}

void
teardown(void)
{
	fake_stop(&fk);
}

/* s as the inside of a JSON string. */
void
json_str(char *dst, size_t n, const char *s)
{
	size_t k = 0;

	for (; *s && k + 7 < n; s++) {
		if (*s == '"' || *s == '\\') {
			dst[k++] = '\\';
			dst[k++] = *s;
		} else if ((unsigned char)*s < 0x20) {
			k += (size_t)snprintf(dst + k, n - k, "\\u%04x", (unsigned)*s);
		} else {
			dst[k++] = *s;
		}
	}
	ck_assert_msg(*s == '\0', "json_str: buffer too small");
	dst[k] = '\0';
}

/* Start the fake with fixed routes (path == NULL ends the list). */
void
fake_routes(const struct route *r)
{
	char json[16384], body[4096];
	size_t k;

	k = (size_t)snprintf(json, sizeof(json), "{\"routes\": {");
	for (int i = 0; r != NULL && r[i].path != NULL; i++) {
		json_str(body, sizeof(body), r[i].body ? r[i].body : "");
		k += (size_t)snprintf(json + k, sizeof(json) - k,
		    "%s\"%s\": {\"status\": %d, \"body\": \"%s\"}", i ? ", " : "",
		    r[i].path, r[i].status ? r[i].status : 200, body);
		ck_assert_uint_lt(k, sizeof(json));
	}
	snprintf(json + k, sizeof(json) - k, "}}");
	fake_start(&fk, json, NULL, 0);
}

/* Start the fake with one route. */
void
fake_route(const char *path, int status, const char *body)
{
	struct route r[2] = { { path, status, body }, { NULL, 0, NULL } };

	fake_routes(r);
}

/*
 * A config with one profile [p] at line 5, "server" the fake. In the
 * profile lines, @BASE@ stands for the fake's base URL.
 */
const char *
pconf(const char *lines)
{
	char text[8192], *t;
	const char *s;
	size_t k;

	k = (size_t)snprintf(text, sizeof(text), "[global]\ncache = %s/state/nicupdate.cache\n"
	    "attempts = 1\n\n[p]\nserver = %s\n", tdir(), fk.base);
	t = text + k;
	for (s = lines; *s; ) {
		if (strncmp(s, "@BASE@", 6) == 0) {
			t += snprintf(t, sizeof(text) - (size_t)(t - text), "%s", fk.base);
			s += 6;
		} else {
			*t++ = *s++;
		}
		ck_assert_uint_lt((size_t)(t - text), sizeof(text) - 200);
	}
	*t = '\0';
	return tfile("nicupdate.conf", text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The fake's log as "METHOD\tTARGET\tAUTH\tBODY" lines; each line's
 * User-Agent is checked and dropped. Returns the count; caller frees *buf.
 */
static int
requests(char **buf, char **line, int max)
{
	char *save = NULL;
	int n = 0;

	*buf = fake_log(&fk);
	for (char *l = strtok_r(*buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *f[5], *s = l;
		int k;

		for (k = 0; k < 5 && s != NULL; k++) {
			f[k] = s;
			s = strchr(s, '\t');
			if (s != NULL)
				*s++ = '\0';
		}
		ck_assert_msg(k == 5 && s == NULL, "bad log line %d", n + 1);
		ck_assert_msg(strcmp(f[3], UA) == 0, "User-Agent %s", f[3]);
		ck_assert_int_lt(n, max);
		/* rejoin without the User-Agent */
		memmove(f[3], f[4], strlen(f[4]) + 1);
		f[0][strlen(f[0])] = '\t';
		f[1][strlen(f[1])] = '\t';
		f[2][strlen(f[2])] = '\t';
		line[n++] = l;
	}
	return n;
}

/*
 * The fake saw exactly the request lines of want (NULL-terminated), in
 * that order when ordered, else in any order.
 */
void
expect_requests(int ordered, const char *const *want)
{
	char *buf, *got[MAXREQ], all[8192] = "";
	const char *w[MAXREQ];
	int n = requests(&buf, got, MAXREQ), nw = 0;

	for (int i = 0; i < n; i++)
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "  %s\n", got[i]);
	for (; want[nw] != NULL && nw < MAXREQ; nw++)
		w[nw] = want[nw];
	ck_assert_msg(n == nw, "%d requests, want %d:\n%s", n, nw, all);
	if (!ordered) {
		qsort(got, (size_t)n, sizeof(got[0]), cmp_str);
		qsort(w, (size_t)nw, sizeof(w[0]), cmp_str);
	}
	for (int i = 0; i < n; i++)
		ck_assert_msg(strcmp(got[i], w[i]) == 0, "request %d:\n  %s\nwant\n  %s\nall:\n%s",
		    i + 1, got[i], w[i], all);
	free(buf);
}

/* The same, with the wanted lines as arguments. */
void
expect(int ordered, ...)
{
	const char *want[MAXREQ + 1];
	va_list ap;
	int n = 0;

	va_start(ap, ordered);
	while (n < MAXREQ && (want[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	want[n] = NULL;
	expect_requests(ordered, want);
}

/* Run with the config and up to two --ip; the exit code must be rc. */
void
run(struct outcome *o, const char *cfg, const char *ip1, const char *ip2, int rc)
{
	if (ip1 == NULL)
		nic_run(o, "-c", cfg, NULL);
	else if (ip2 == NULL)
		nic_run(o, "-c", cfg, "--ip", ip1, NULL);
	else
		nic_run(o, "-c", cfg, "--ip", ip1, "--ip", ip2, NULL);
	ck_assert_msg(o->rc == rc, "exit %d, want %d\nstdout: %s\nstderr: %s", o->rc, rc,
	    o->out, o->err);
}

void
has(const char *text, const char *part)
{
	ck_assert_msg(strstr(text, part) != NULL, "\"%s\" not in:\n%s", part, text);
}

/* Run one request case: exit 0, its output, exactly its request lines. */
void
req_case_run(const struct req_case *c)
{
	struct outcome o;

	fake_routes(c->routes);
	run(&o, pconf(c->conf), c->ip[0], c->ip[1], 0);
	if (o.rc != 0 || strstr(o.out, c->out) == NULL)
		ck_abort_msg("%s: exit %d, stdout:\n%s\nstderr:\n%s", c->name, o.rc, o.out, o.err);
	expect_requests(c->ordered, c->want);
	outcome_free(&o);
}

/* Run one answer row: the fake gives it at a->path; the exit code and stderr. */
void
native_run(const struct native *a)
{
	struct outcome o;

	fake_route(a->path, a->status, a->body);
	nic_run(&o, "-c", pconf(a->conf), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == a->rc, "%sHTTP %d \"%s\": exit %d, want %d\n%s", a->conf,
	    a->status, a->body, o.rc, a->rc, o.err);
	if (a->err != NULL)
		has(o.err, a->err);
	outcome_free(&o);
}

/* Does a case of cases[0..n) configure protocol name? */
int
req_cases_have(const struct req_case *cases, int n, const char *name)
{
	char proto[64];
	int found = 0;

	snprintf(proto, sizeof(proto), "protocol = %s\n", name);
	for (int i = 0; i < n; i++)
		found |= strncmp(cases[i].conf, proto, strlen(proto)) == 0;
	return found;
}

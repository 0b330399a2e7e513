/*
 * The ddclient.conf corpus (tests/ddclient/v4): nicupdate -c NAME.conf
 * against the loopback fake provider must send what ddclient 4.0.0 sent for
 * the same file, recorded in NAME.req, or refuse it as refusals[] says
 * (a "NAME.conf:LINE:" message) and send nothing. Anything else fails,
 * except the files listed in may_differ[].
 *
 * tests/ddclient/v4/record.sh writes the .req files: it sets DDCLIENT4 to a
 * runnable ddclient 4.0.0, and this suite then runs that instead of nicupdate.
 * The requests are compared as "METHOD PATH?QUERY AUTH BODY" lines (see
 * requests()), so a recording needs no ddclient at test time.
 */
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "util.h"

extern char **environ;

/*
 * Corpus files whose nicupdate requests differ from ddclient 4.0.0's and may:
 * documented, the difference is stated in nicupdate(1) under
 * --import-ddclient; pending, the import is being changed for it (flip the
 * row to 0 once the file matches: a row that is not needed is reported).
 */
static const struct {
	const char *name;
	int pending;
} may_differ[] = {
	{ "dual-stack", 0 },		/* one request per address family */
	{ "desec-dual", 0 },		/* the same; to deSEC's own server: desec */
	{ "midfile-change", 0 },	/* hosts of one account, two profiles */
	{ "noip", 0 },			/* ddclient adds system=noip */
	{ "duckdns-dual", 0 },		/* Duck DNS: one request per family */
	{ "duckdns-fullname", 0 },	/* Duck DNS: names less .duckdns.org */
	{ "freemyip", 0 },		/* nicupdate sends the address as myip */
	{ "porkbun-root-domain", 0 },	/* ddclient sends the record's ttl, notes */
	{ NULL, 0 }
};

/* Corpus files nicupdate refuses, and what its message must say. */
static const struct {
	const char *name, *says;
} refusals[] = {
	{ NULL, NULL }
};

/* One query parameter with its value percent-decoded; the names of a
 * hostname= or domains= list sorted (their order means nothing). */
static char *
norm_param(const char *kv)
{
	struct strlist parts = { 0 };
	struct buf b = { 0 };
	char *dec = xstrdup(kv), *o = dec;

	for (const char *c = kv; *c != '\0'; c++) {
		unsigned int x;

		if (*c == '%' && sscanf(c + 1, "%2x", &x) == 1 && strchr(c + 1, '\0') -
		    c > 2)
			*o++ = (char)x, c += 2;
		else
			*o++ = *c;
	}
	*o = '\0';
	if (strncmp(dec, "hostname=", 9) != 0 && strncmp(dec, "domains=", 8) != 0)
		return dec;
	o = strchr(dec, '=') + 1;
	strlist_split(&parts, o);
	if (parts.n > 0)
		tsort(&parts);
	buf_printf(&b, "%.*s", (int)(o - dec), dec);
	for (size_t i = 0; i < parts.n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", parts.v[i]);
	strlist_free(&parts);
	free(dec);
	return b.s;
}

/* A JSON object body with its members sorted (ddclient 4's encode_json
 * writes them in Perl's hash order, which changes from run to run); any
 * other body as it is. */
static char *
norm_body(const char *body)
{
	size_t n = strlen(body), start = 1;
	struct strlist members = { 0 };
	struct buf b = { 0 };
	int depth = 0, str = 0;

	if (n < 2 || body[0] != '{' || body[n - 1] != '}')
		return xstrdup(body);
	for (size_t i = 1; i < n; i++) {
		char c = body[i];

		if (str && c == '\\' && i + 1 < n)
			i++;
		else if (c == '"')
			str = !str;
		else if (!str && (c == '{' || c == '['))
			depth++;
		else if (!str && depth > 0 && (c == '}' || c == ']'))
			depth--;
		else if (!str && depth == 0 && (c == ',' || i == n - 1)) {
			char *m = xstrndup(body + start, i - start);

			strlist_add(&members, m);
			free(m);
			start = i + 1;
		}
	}
	if (members.n > 0)
		tsort(&members);
	buf_add(&b, "{", 1);
	for (size_t i = 0; i < members.n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", members.v[i]);
	buf_add(&b, "}", 1);
	strlist_free(&members);
	return b.s;
}

/*
 * The requests one client (by User-Agent) made in log, address detection
 * (/ip, /ip6) left out, one per line: "METHOD PATH?QUERY AUTH BODY", a
 * trailing "/" of the path dropped, the query's parameters normalized and
 * sorted, a JSON body's members sorted, the lines sorted.
 */
static char *
requests(const char *log, const char *ua)
{
	struct strlist reqs = { 0 };
	struct buf b = { 0 };
	char *copy = xstrdup(log), *save = NULL;

	buf_add(&b, "", 0);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *f[5] = { 0 }, *fs = NULL, *q, *body;
		struct strlist params = { 0 };
		struct buf r = { 0 };

		for (int i = 0; i < 5; i++)
			f[i] = strtok_r(i ? NULL : l, "\t", &fs);
		if (f[4] == NULL || strncmp(f[3], ua, strlen(ua)) != 0 ||
		    strcmp(f[1], "/ip") == 0 || strcmp(f[1], "/ip6") == 0)
			continue;
		if ((q = strchr(f[1], '?')) != NULL)
			*q++ = '\0';
		/* "/zones/?name=" is "/zones?name=" (ddclient's cloudflare) */
		if (strlen(f[1]) > 1 && f[1][strlen(f[1]) - 1] == '/')
			f[1][strlen(f[1]) - 1] = '\0';
		for (char *kv = q ? strtok_r(q, "&", &fs) : NULL; kv;
		    kv = strtok_r(NULL, "&", &fs)) {
			char *n = norm_param(kv);

			strlist_add(&params, n);
			free(n);
		}
		tsort(&params);
		buf_printf(&r, "%s %s", f[0], f[1]);
		for (size_t i = 0; i < params.n; i++)
			buf_printf(&r, "%s%s", i ? "&" : "?", params.v[i]);
		body = norm_body(f[4]);
		buf_printf(&r, " %s %s", f[2], body);
		free(body);
		strlist_add(&reqs, r.s);
		buf_free(&r);
		strlist_free(&params);
	}
	tsorted_lines(&reqs, &b);
	free(copy);
	return b.s;
}

/*
 * A corpus file pointed at the fake (tests/ddclient/v4/fake.json: accounts,
 * hosts and answers): the host of every server= and the whole of every web=,
 * webv4= (127.0.0.1) and webv6= ([::1]) replaced, the CA named first. NULL
 * when the file names no server (a request could leave the machine).
 */
static char *
to_loopback(const char *conf, int port)
{
	static const char *const keys[] = { "server", "web", "webv4", "webv6" };
	struct buf b = { 0 };
	const char *c = conf;
	int servers = 0;

	buf_printf(&b, "ssl_ca_file=%s/certs/ca.pem\n", tdir());
	while (*c != '\0') {
		size_t k, n = 0, v;

		for (k = 0; k < 4; k++) {
			n = strlen(keys[k]);
			if (strncmp(c, keys[k], n) == 0 && (c == conf ||
			    strchr(" ,\n", c[-1]) != NULL) &&
			    c[n += strspn(c + n, " \t")] == '=')
				break;
		}
		if (k == 4) {
			buf_add(&b, c++, 1);
			continue;
		}
		n += 1 + strspn(c + n + 1, " \t");
		v = strcspn(c + n, " ,\r\n\\");
		if (k == 0) {
			/* a scheme (ddclient 4) stays */
			size_t s = strncmp(c + n, "https://", 8) == 0 ? 8 : 0;
			size_t h = s + strcspn(c + n + s, "/ ,\r\n\\");

			servers++;
			buf_printf(&b, "server=%.*s127.0.0.1:%d%.*s", (int)s, c + n, port,
			    (int)(v - h), c + n + h);
		} else {
			buf_printf(&b, "%s=https://%s:%d/ip%s", keys[k], k == 3 ?
			    "[::1]" : "127.0.0.1", port, k == 3 ? "6" : "");
		}
		c += n + v;
	}
	if (servers == 0)
		buf_free(&b);
	return b.s;
}

/*
 * ddclient 4 (DDCLIENT4, a script) for one cycle in the foreground, its
 * output to err. A file with daemon= keeps it looping (it takes -daemon=0 as
 * 60 s): it is stopped once it says it sleeps, its cycle done.
 */
static void
run_ddclient4(const char *script, const char *conf, const char *cache,
    const char *err)
{
	const char *argv[] = { "perl", script, "-foreground", "-file", conf, "-cache",
	    cache, "-verbose", "-debug", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	ck_assert_int_eq(posix_spawnp(&pid, "perl", &fa, NULL, (char **)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		char *out = slurp(err);

		if (out != NULL && strstr(out, "> sleep ") != NULL) {
			kill(pid, SIGKILL);
			ck_assert_int_eq(waitpid(pid, &status, 0), pid);
			free(out);
			break;
		}
		free(out);
		usleep(100000);
	}
}

static void
write_golden(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_msg(fp != NULL, "%s: cannot write", path);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

/* 1 if run o is name's refusal in refusals[]: nothing sent, exit status
 * non-zero, and "NAME.conf:" with the listed words on standard error. */
static int
refused_as_listed(const char *name, const char *sent, const struct outcome *o)
{
	char at[300];

	snprintf(at, sizeof(at), "%s.conf:", name);
	for (size_t i = 0; refusals[i].name != NULL; i++)
		if (strcmp(refusals[i].name, name) == 0)
			return *sent == '\0' && o->rc != 0 && strstr(o->err, at) != NULL &&
			    strstr(o->err, refusals[i].says) != NULL;
	return 0;
}

/* -1: name may not differ; else its may_differ[] row's pending. */
static int
may_differ_row(const char *name)
{
	for (size_t i = 0; may_differ[i].name != NULL; i++)
		if (strcmp(may_differ[i].name, name) == 0)
			return may_differ[i].pending;
	return -1;
}

/* The corpus's NAME.conf file names, sorted. */
static void
corpus_names(const char *dir, struct strlist *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	ck_assert_msg(d != NULL, "%s: cannot open", dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 5 && strcmp(e->d_name + n - 5, ".conf") == 0)
			strlist_add(names, e->d_name);
	}
	closedir(d);
	if (names->n > 0)
		tsort(names);
}

/* The log's lines from offset *at on (caller frees); *at moves to its end. */
static char *
log_since(const struct fake *f, size_t *at)
{
	char *all = fake_log(f), *s;
	size_t n = all ? strlen(all) : 0;

	s = xstrdup(all && *at <= n ? all + *at : "");
	*at = n;
	free(all);
	return s;
}

START_TEST(corpus_sends_what_ddclient4_sends)
{
	const char *cases = getenv("DDCLIENT_CASES"), *dd4 = getenv("DDCLIENT4");
	/* match, refused, differs, differs (documented), differs (pending) */
	int counts[5] = { 0 }, failed = 0, row;
	struct strlist names = { 0 };
	struct fake f;
	size_t at = 0;
	char dir[600], path[900], conf_path[900], cache[900], err[900], *json;

	ck_assert_ptr_nonnull(cases);
	snprintf(dir, sizeof(dir), "%s/v4", cases);
	corpus_names(dir, &names);
	ck_assert_msg(names.n >= 38, "%s: %zu files, fewer than 38", dir, names.n);
	/* a request that would go elsewhere than the fake goes to a closed
	 * port instead (ddclient runs in a namespace of its own: record.sh) */
	if (dd4 == NULL) {
		setenv("ALL_PROXY", "http://127.0.0.1:1", 1);
		setenv("NO_PROXY", "127.0.0.1,::1", 1);
	}
	setenv("DDC4_CORPUS_LOGIN", "alice", 1);
	setenv("DDC4_CORPUS_PASSWORD", "pw-alice", 1);
	/* "::" takes IPv4 too: webv6= asks [::1], the rest 127.0.0.1 */
	snprintf(path, sizeof(path), "%s/fake.json", dir);
	json = slurp(path);
	ck_assert_msg(json != NULL, "%s: cannot read", path);
	fake_start(&f, json, "::", 1);
	free(json);
	for (size_t i = 0; i < names.n; i++) {
		char *text, *conf, *log, *ours, *golden, *name = names.v[i];
		struct outcome o = { 0 };
		int kind;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		text = slurp(path);
		ck_assert_ptr_nonnull(text);
		conf = to_loopback(text, f.port);
		ck_assert_msg(conf != NULL, "%s: no server=", path);
		snprintf(conf_path, sizeof(conf_path), "%s/%s", tdir(), name);
		ck_assert_ptr_nonnull(tfile(name, conf));
		name[strlen(name) - 5] = '\0';
		snprintf(cache, sizeof(cache), "%s/%s.cache", tdir(), name);
		snprintf(path, sizeof(path), "%s/%s.req", dir, name);
		if (dd4 != NULL) {
			snprintf(err, sizeof(err), "%s/%s.ddclient", tdir(), name);
			run_ddclient4(dd4, conf_path, cache, err);
			log = log_since(&f, &at);
			ours = requests(log, "ddclient/");
			write_golden(path, ours);
			printf("%s: recorded\n%s", name, ours);
			goto next;
		}
		nic_run(&o, "-c", conf_path, "--cache", cache, NULL);
		log = log_since(&f, &at);
		ours = requests(log, "nicupdate/");
		golden = slurp(path);
		ck_assert_msg(golden != NULL, "%s: missing", path);
		row = may_differ_row(name);
		kind = strcmp(ours, golden) == 0 ? 0 : refused_as_listed(name, ours, &o) ?
		    1 : row == -1 ? 2 : 3 + row;
		counts[kind]++;
		printf("%s: %s%s\n", name, (const char *[]){ "match", "refused",
		    "DIFFERS", "differs (documented)", "differs (pending)" }[kind],
		    kind < 2 && row != -1 ? " (listed in may_differ: remove it)" : "");
		if (kind == 1)
			printf("%s", o.err);
		if (kind >= 2)
			printf("  ddclient 4.0.0 sent:\n%s  nicupdate sent (exit %d):\n%s"
			    "  nicupdate said:\n%s", golden, o.rc, ours, o.err);
		failed += kind == 2;
		free(golden);
		outcome_free(&o);
next:
		free(ours);
		free(log);
		free(conf);
		free(text);
	}
	fake_stop(&f);
	printf("corpus: %zu files: %d match, %d refused, %d differ (%d documented, "
	    "%d pending, %d neither)\n", names.n, counts[0], counts[1], counts[2] +
	    counts[3] + counts[4], counts[3], counts[4], counts[2]);
	fflush(stdout);
	strlist_free(&names);
	ck_assert_msg(failed == 0, "%d corpus files differ from ddclient 4.0.0", failed);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ddcorpus");
	TCase *tc = tcase_create("corpus");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, corpus_sends_what_ddclient4_sends);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

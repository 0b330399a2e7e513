/*
 * ddclient 4.0.0's requests against nicupdate's. tests/ddclient/
 * protocols_v4.conf writes above each host the request ddclient sends
 * ("# ddclient: METHOD URL LOGIN:PASSWORD") and nicupdate's differences
 * ("# differs: +name=value -name=value"); this suite builds the request of
 * the profile its golden .ini (check_ddclient) makes of that host with the
 * protocol's own build() and compares method, URL up to the query, basic
 * auth and the query's parameters in any order. Nothing is sent.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "proto.h"
#include "util.h"

#define ADDR "81.2.69.160"

static char *
case_file(const char *name)
{
	const char *d = getenv("DDCLIENT_CASES");
	char *path = xasprintf("%s/%s", d && *d ? d : "tests/ddclient", name);
	char *s = read_file(path);

	ck_assert_msg(s != NULL, "cannot read %s", path);
	free(path);
	return s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profile of cfg that updates host, or NULL. */
static struct profile *
profile_of(struct config *cfg, const char *host)
{
	for (size_t i = 0; i < cfg->nprof; i++)
		for (size_t j = 0; j < cfg->prof[i].hosts.n; j++)
			if (strcmp(cfg->prof[i].hosts.v[j], host) == 0)
				return &cfg->prof[i];
	return NULL;
}

/* The blank-separated words of s added to l. */
static void
add_words(struct strlist *l, const char *s)
{
	char *copy = xstrdup(s), *save = NULL;

	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		strlist_add(l, w);
	free(copy);
}

/* "METHOD BASE AUTH" then the query's parameters, sorted, one per line;
 * minus and plus: parameters taken out and added (blank-separated). */
static char *
shape(const char *method, const char *url, const char *auth, const char *minus,
    const char *plus)
{
	struct strlist q = { 0 }, drop = { 0 };
	struct buf b = { 0 };
	char *copy = xstrdup(url), *query = strchr(copy, '?'), *save = NULL;

	if (query != NULL)
		*query++ = '\0';
	buf_printf(&b, "%s %s %s\n", method, copy, auth);
	for (char *kv = query ? strtok_r(query, "&", &save) : NULL; kv;
	    kv = strtok_r(NULL, "&", &save))
		strlist_add(&q, kv);
	add_words(&drop, minus);
	for (size_t i = 0; i < drop.n; i++) {
		size_t j = 0;

		while (j < q.n && strcmp(q.v[j], drop.v[i]) != 0)
			j++;
		ck_assert_msg(j < q.n, "%s: no %s to take out", url, drop.v[i]);
		free(q.v[j]);
		q.v[j] = q.v[--q.n];
	}
	add_words(&q, plus);
	if (q.n > 0)
		qsort(q.v, q.n, sizeof(*q.v), cmp_str);
	for (size_t i = 0; i < q.n; i++)
		buf_printf(&b, "%s\n", q.v[i]);
	strlist_free(&q);
	strlist_free(&drop);
	free(copy);
	return b.s;
}

/* nicupdate's request for n hosts of profile p and address addr of family
 * f, as shape() writes it. */
static char *
nicupdate_request(const struct profile *p, const char **hosts, size_t n, enum fam f,
    const char *addr)
{
	struct result res[8];
	struct batch b = { .p = p, .fam = f, .hosts = hosts, .res = res, .nhosts = n };
	char *auth, *s;

	ck_assert_uint_le(n, 8);
	memset(res, 0, sizeof(res));
	snprintf(b.addr, sizeof(b.addr), "%s", addr);
	p->proto->ops->build(&b);
	auth = b.req.user ? xasprintf("%s:%s", b.req.user, b.req.pass) : xstrdup("-");
	s = shape(b.req.method ? b.req.method : "GET", b.req.url, auth, "", "");
	if (p->proto->ops->done != NULL)
		p->proto->ops->done(&b);
	free(auth);
	free(b.url);
	free(b.body);
	return s;
}

START_TEST(protocols_v4_requests)
{
	char *conf = case_file("protocols_v4.conf"), *ini = case_file("protocols_v4.ini");
	char *save = NULL, *want = NULL, minus[256] = "", plus[256] = "";
	struct config cfg;
	int compared = 0;

	ck_assert_int_eq(config_load_string(&cfg, "protocols_v4.ini", ini), 0);
	for (char *l = strtok_r(conf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char m[16], url[512], auth[128], *host;
		struct profile *p;

		if (sscanf(l, "# ddclient: %15s %511s %127s", m, url, auth) == 3) {
			/* its differences follow: compared at the host's line */
			free(want);
			want = xasprintf("%s %s %s", m, url, auth);
			minus[0] = plus[0] = '\0';
		} else if (strncmp(l, "# differs:", 10) == 0) {
			for (char *w = l + 10; *w && *w != '(';) {
				size_t n;

				w += strspn(w, " ");
				n = strcspn(w, " (");
				if (n > 0 && (*w == '+' || *w == '-')) {
					char *to = *w == '+' ? plus : minus;
					size_t used = strlen(to);

					snprintf(to + used, sizeof(plus) - used, "%.*s ",
					    (int)n - 1, w + 1);
				}
				w += n;
			}
		} else if (want != NULL && strncmp(l, "protocol=", 9) == 0) {
			char *a, *b;

			host = strrchr(l, ' ') + 1;
			ck_assert_msg((p = profile_of(&cfg, host)) != NULL, "%s: no profile", host);
			sscanf(want, "%15s %511s %127s", m, url, auth);
			a = shape(m, url, auth, minus, plus);
			b = nicupdate_request(p, (const char *[]){ host }, 1, FAM_V4, ADDR);
			ck_assert_msg(strcmp(a, b) == 0, "%s: ddclient\n%s\nnicupdate\n%s", host,
			    a, b);
			free(a);
			free(b);
			free(want);
			want = NULL;
			compared++;
		}
	}
	ck_assert_int_ge(compared, 14);
	config_free(&cfg);
	free(conf);
	free(ini);
}
END_TEST

/*
 * Duck DNS: ddclient sends one request with the names as written and both
 * families; nicupdate the names less .duckdns.org and one request per
 * family, which together carry the same parameters (nicupdate.conf(5),
 * duckdns).
 */
START_TEST(duckdns_dual_requests)
{
	static const char v6[] = "2a00:1450:4001:80b::200e";
	static const char names[] = "domains=home.duckdns.org,nas.duckdns.org";
	const char *hosts[] = { "home.duckdns.org", "nas.duckdns.org" };
	char *conf = case_file("duckdns_dual.conf"), *ini = case_file("duckdns_dual.ini");
	const char *line = strstr(conf, "# ddclient: ");
	char m[16], url[512], auth[128], minus[160], *want, *got;
	struct config cfg;
	struct profile *p;

	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(sscanf(line, "# ddclient: %15s %511s %127s", m, url, auth), 3);
	ck_assert_int_eq(config_load_string(&cfg, "duckdns_dual.ini", ini), 0);
	ck_assert_ptr_nonnull(p = profile_of(&cfg, hosts[0]));
	for (int f = FAM_V4; f <= FAM_V6; f++) {
		/* ddclient's request less the other family's address */
		snprintf(minus, sizeof(minus), "%s %s=%s", names, f == FAM_V4 ? "ipv6" : "ip",
		    f == FAM_V4 ? v6 : ADDR);
		want = shape(m, url, auth, minus, "domains=home,nas");
		got = nicupdate_request(p, hosts, 2, (enum fam)f, f == FAM_V4 ? ADDR : v6);
		ck_assert_str_eq(want, got);
		free(want);
		free(got);
	}
	config_free(&cfg);
	free(conf);
	free(ini);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ddrequest");
	TCase *tc = tcase_create("ddrequest");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, protocols_v4_requests);
	tcase_add_test(tc, duckdns_dual_requests);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

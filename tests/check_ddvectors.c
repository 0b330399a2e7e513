/*
 * ddclient 4.0.0's own test vectors (its t/ directory), restated as our
 * tables: each row is an input, what ddclient 4.0.0 yields, and what
 * nicupdate yields. A row with a reason is a difference on purpose, stated
 * in nicupdate(1) (the ddclient paragraphs of --import-ddclient) or
 * nicupdate.conf(5); a row without one must give ddclient's result.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "config.h"
#include "ddc.h"
#include "ddclient.h"
#include "proto.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the value grammar (t/parse_assignments.pl), read from a file ---- */

/*
 * want: ddclient's settings "k=v;k=v" then its hosts "[h,h]". ddclient's
 * file reader joins a line ending in a backslash to the next and reads line
 * by line, so the newline rows give the settings of the file, not of one
 * parse_assignments() string.
 */
static const struct gv {
	const char *name, *text, *want, *ours, *why;
} gvec[] = {
	{ "no assignments", "", "[]", NULL, NULL },
	{ "one assignment", "a=1", "a=1[]", NULL, NULL },
	{ "empty value", "a=", "a=[]", NULL, NULL },
	{ "sep: comma", "a=1,b=2", "a=1;b=2[]", NULL, NULL },
	{ "sep: space", "a=1 b=2", "a=1;b=2[]", NULL, NULL },
	{ "sep: comma space", "a=1, b=2", "a=1;b=2[]", NULL, NULL },
	{ "sep: space comma", "a=1 ,b=2", "a=1;b=2[]", NULL, NULL },
	{ "sep: space comma space", "a=1 , b=2", "a=1;b=2[]", NULL, NULL },
	{ "leading space", " a=1", "a=1[]", NULL, NULL },
	{ "trailing space", "a=1 ", "a=1[]", NULL, NULL },
	{ "leading comma", ",a=1", "a=1[]", NULL, NULL },
	{ "trailing comma", "a=1,", "a=1[]", NULL, NULL },
	{ "empty assignment", "a=1,,b=2", "a=1;b=2[]", NULL, NULL },
	{ "rest", "a", "[a]", NULL, NULL },
	{ "rest leading space", " x", "[x]", NULL, NULL },
	{ "rest trailing space", "x ", "[x]", NULL, NULL },
	{ "rest leading comma", ",x", "[x]", NULL, NULL },
	{ "rest trailing comma", "x,", "[x]", NULL, NULL },
	{ "assign space rest", "a=1 x", "a=1[x]", NULL, NULL },
	{ "assign comma rest", "a=1,x", "a=1[x]", NULL, NULL },
	{ "assign comma space rest", "a=1, x", "a=1[x]", NULL, NULL },
	{ "assign space comma rest", "a=1 ,x", "a=1[x]", NULL, NULL },
	{ "single quoting", "a='\", '", "a=\", []", NULL, NULL },
	{ "double quoting", "a=\"', \"", "a=', []", NULL, NULL },
	{ "mixed quoting", "a=1\"2\"'3'4", "a=1234[]", NULL, NULL },
	/* a backslash ending a line continues it: b=2 follows */
	{ "unquoted escaped backslash", "a=\\\\,b=2", "a=\\;b=2[]", NULL, NULL },
	{ "squoted escaped squote", "a='\\''", "a='[]", NULL, NULL },
	{ "dquoted escaped dquote", "a=\"\\\"\"", "a=\"[]", NULL, NULL },
	{ "env: empty", "a_env=", "[]", NULL, NULL },
	{ "env: unset", "a_env=DDV_UNSET", "[]", NULL, NULL },
	{ "env: set", "a_env=DDV_TEST", "a=val[]", NULL, NULL },
	{ "env: single quoted", "a_env='DDV_TEST'", "a=val[]", NULL, NULL },
	{ "newline: quoted value", "a='1\n2'", "a=1[2']", NULL, NULL },
	{ "newline: escaped value", "a=1\\\n2", "a=12[]", NULL, NULL },
	{ "newline: between vars", "a=1 \n b=2", "a=1;b=2[]", NULL, NULL },
	{ "newline: terminating", "a=1 \n", "a=1[]", NULL, NULL },
};

static void
sets_text(struct buf *o, const struct sets *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const char *v = s->v[i].env ? getenv(s->v[i].val) : s->v[i].val;

		if (strcmp(s->v[i].key, "host") != 0)
			buf_printf(o, "%s%s=%s", o->len ? ";" : "", s->v[i].key, v ? v : "");
	}
}

START_TEST(test_grammar)
{
	const struct gv *g = &gvec[_i];
	struct ddc d = { .name = "ddclient.conf" };
	struct buf o = { 0 };

	setenv("DDV_TEST", "val", 1);
	unsetenv("DDV_UNSET");
	buf_add(&o, "", 0);
	ddc_read(&d, g->text);
	sets_text(&o, d.nh ? &d.h[0] : &d.globals);
	buf_adds(&o, "[");
	for (size_t i = 0; i < d.nh; i++)
		buf_printf(&o, "%s%s", i ? "," : "", d.h[i].v[0].val);
	buf_adds(&o, "]");
	ck_assert_msg(strcmp(o.s, g->ours ? g->ours : g->want) == 0,
	    "%s: ddclient %s, nicupdate %s%s%s", g->name, g->want, o.s,
	    g->why ? " on purpose: " : "", g->why ? g->why : "");
	buf_free(&o);
	for (size_t i = 0; i < d.nh; i++)
		ddc_sets_free(&d.h[i]);
	free(d.h);
	ddc_sets_free(&d.globals);
	ddc_map_free(&d.hosts);
	ddc_map_free(&d.warned);
	buf_free(&d.top);
}
END_TEST

/* ---- intervals (t/interval_expired.pl and ddclient's interval()) ---- */

/* secs: ddclient's seconds; -1 not a delay (ignored), -2 "inf" (never due) */
static const struct iv {
	const char *in;
	long secs;
	const char *why;	/* nicupdate keeps it as a comment instead */
} ivec[] = {
	{ "300", 300, NULL }, { "5m", 300, NULL }, { "5minutes", 300, NULL },
	{ "5M", 300, NULL }, { "1h", 3600, NULL }, { "1hours", 3600, NULL },
	{ "2d", 172800, NULL }, { "2days", 172800, NULL }, { "10s", 10, NULL },
	{ "10seconds", 10, NULL }, { "5sec", 5, NULL }, { "0", 0, NULL },
	{ "5x", -1, NULL }, { "m", -1, NULL }, { "-5", -1, NULL },
	{ "inf", -2, "no infinite interval" }, { "infinite", -2, "no infinite interval" },
	{ "indefinitely", -2, "no infinite interval" }, { "never", -2, "no infinite interval" },
	{ "forever", -2, "no infinite interval" }, { "always", -2, "no infinite interval" },
};

START_TEST(test_interval)
{
	const struct iv *t = &ivec[_i];
	char *conf = xasprintf("protocol=dyndns2, login=u, password=p, "
	    "max-interval=%s h.example.com\n", t->in);
	char *out = ddclient_translate("ddclient.conf", conf), *l, *e;
	long secs = -1;

	ck_assert_ptr_nonnull(out);
	if ((l = strstr(out, "\nmax-interval = ")) != NULL) {
		l += strlen("\nmax-interval = ");
		e = l + strcspn(l, "\n");
		*e = '\0';
		ck_assert_int_eq(parse_duration(l, &secs), 0);
	}
	if (t->why != NULL)
		ck_assert_msg(secs == -1 && strstr(e = out, t->why) != NULL,
		    "%s: nicupdate: %s", t->in, out);
	else
		ck_assert_msg(secs == t->secs, "%s: ddclient %ld s, nicupdate %ld s",
		    t->in, t->secs, secs);
	free(conf);
	free(out);
}
END_TEST

/* ---- dyndns2 answers (t/protocol_dyndns2.pl) ---- */

/* per host: g ddclient records success (good or nochg), f a failure */
static const struct dv {
	const char *name, *body, *want;
} dvec[] = {
	{ "single host, good", "good\n", "g" },
	{ "single host, nochg", "nochg\n", "g" },
	{ "single host, bad", "nohost\n", "f" },
	{ "single host, unexpected", "WAT\n", "f" },
	{ "multiple hosts, multiple good", "good 192.0.2.1\ngood\n", "gg" },
	{ "multiple hosts, mixed success", "good\nnochg\ndnserr\n", "ggf" },
	{ "excess status line", "good\ngood\nWAT\n", "gg" },
	{ "multiple hosts, single failure", "abuse\n", "ff" },
	{ "multiple hosts, single success", "good\n", "gg" },
	{ "multiple hosts, fewer results", "good\nnochg\n", "ggf" },
};

static const char *dhosts[] = { "h1", "h2", "h3" };

/* A dyndns2 batch of n hosts for addr, as run.c would make it. */
static struct batch *
dbatch(struct profile *p, const char *addr, size_t n)
{
	struct batch *b = xcalloc(1, sizeof(*b));

	memset(p, 0, sizeof(*p));
	p->name = "home";
	p->proto = proto_find("dyndns2");
	p->ssl = 1;
	p->login = "username";
	p->password = "password";
	b->p = p;
	b->fam = strchr(addr, ':') ? FAM_V6 : FAM_V4;
	snprintf(b->addr, sizeof(b->addr), "%s", addr);
	b->hosts = dhosts;
	b->nhosts = n;
	b->res = xcalloc(n, sizeof(*b->res));
	return b;
}

START_TEST(test_dyndns2_answer)
{
	const struct dv *t = &dvec[_i];
	struct profile p;
	struct batch *b = dbatch(&p, "192.0.2.1", strlen(t->want));
	char got[4] = "";

	b->req.status = 200;
	b->req.resp = (char *)t->body;
	b->req.resp_len = strlen(t->body);
	p.proto->ops->parse(b);
	for (size_t i = 0; i < b->nhosts; i++)
		got[i] = b->res[i].out == OUT_GOOD || b->res[i].out == OUT_NOCHG ? 'g' : 'f';
	ck_assert_msg(strcmp(got, t->want) == 0, "%s: ddclient %s, nicupdate %s",
	    t->name, t->want, got);
	free(b->res);
	free(b);
}
END_TEST

/* ddclient's query; ours: the query of each family's request, "|" between */
static const struct dq {
	const char *v4, *v6;
	size_t n;
	const char *want, *ours, *why;
} dqvec[] = {
	{ "192.0.2.1", NULL, 1, "hostname=h1&myip=192.0.2.1", NULL, NULL },
	{ "192.0.2.1", NULL, 2, "hostname=h1,h2&myip=192.0.2.1", NULL, NULL },
	{ "192.0.2.1", NULL, 3, "hostname=h1,h2,h3&myip=192.0.2.1", NULL, NULL },
	{ NULL, "2001:db8::1", 1, "hostname=h1&myip=2001:db8::1", NULL, NULL },
	{ "192.0.2.1", "2001:db8::1", 1, "hostname=h1&myip=192.0.2.1,2001:db8::1",
	    "hostname=h1&myip=192.0.2.1|hostname=h1&myip=2001:db8::1",
	    "one request per family" },
};

START_TEST(test_dyndns2_query)
{
	const struct dq *t = &dqvec[_i];
	const char *addr[] = { t->v4, t->v6 };
	struct buf o = { 0 };
	struct profile p;

	buf_add(&o, "", 0);
	for (int f = 0; f < 2; f++) {
		struct batch *b;

		if (addr[f] == NULL)
			continue;
		b = dbatch(&p, addr[f], t->n);
		p.proto->ops->build(b);
		buf_printf(&o, "%s%s", o.len ? "|" : "", strchr(b->url, '?') + 1);
		free(b->url);
		free(b->res);
		free(b);
	}
	ck_assert_msg(strcmp(o.s, t->ours ? t->ours : t->want) == 0,
	    "ddclient %s, nicupdate %s", t->want, o.s);
	buf_free(&o);
}
END_TEST

/* ---- addresses (t/is-and-extract-ipv4.pl, -ipv6.pl, -ipv6-global.pl) ---- */

#define ZPAD "zero-padded IPv4 parts are refused"

/* is_ipv4() true; nicupdate parses each but the zero-padded one */
static const char *v4ok[] = {
	"192.168.1.1", "0.0.0.0", "000.000.000.000", "255.255.255.255", "10.0.0.0",
};
static const char *v4bad[] = {
	"", "192.168.1", "0.0.0", "000.000", "256.256.256.256", ".10.0.0.0",
};
/* is_ipv6() true; the three with zero-padded IPv4 parts nicupdate refuses */
static const char *v6ok[] = {
	"::abcd:efAB:CDEF", "08:09:0a:0b:0c:0d:0e:0f",
	"1111:2222:3333:4444:5555:6666:7777:8888", "1111:2222:3333:4444:5555:6666:7777::",
	"1111:2222:3333:4444:5555:6666::", "1111:2222:3333:4444:5555::", "1111:2222:3333:4444::",
	"1111:2222:3333::", "1111:2222::", "1111::", "::", "1111:2222:3333:4444:5555:6666::8888",
	"1111:2222:3333:4444:5555::8888", "1111:2222:3333:4444::8888", "1111:2222:3333::8888",
	"1111:2222::8888", "1111::8888", "::8888", "1111:2222:3333:4444:5555::7777:8888",
	"1111:2222:3333:4444::7777:8888", "1111:2222:3333::7777:8888", "1111:2222::7777:8888",
	"1111::7777:8888", "::7777:8888", "1111:2222:3333:4444::6666:7777:8888",
	"1111:2222:3333::6666:7777:8888", "1111:2222::6666:7777:8888", "1111::6666:7777:8888",
	"::6666:7777:8888", "1111:2222:3333::5555:6666:7777:8888", "1111:2222::5555:6666:7777:8888",
	"1111::5555:6666:7777:8888", "::5555:6666:7777:8888", "1111:2222::4444:5555:6666:7777:8888",
	"1111::4444:5555:6666:7777:8888", "::4444:5555:6666:7777:8888",
	"1111::3333:4444:5555:6666:7777:8888", "::3333:4444:5555:6666:7777:8888",
	"::2222:3333:4444:5555:6666:7777:8888", "1111:2222:3333:4444:5555:6666:0.0.0.0",
	"1111:2222:3333:4444:5555:6666:00.00.00.00", "1111:2222:3333:4444:5555:6666:000.000.000.000",
	"1111:2222:3333:4444:5555:6666:123.123.123.123", "1111:2222:3333:4444:5555::123.123.123.123",
	"1111:2222:3333:4444::123.123.123.123", "1111:2222:3333::123.123.123.123",
	"1111:2222::123.123.123.123", "1111::123.123.123.123", "::123.123.123.123",
	"1111:2222:3333:4444::6666:123.123.123.123", "1111:2222:3333::6666:123.123.123.123",
	"1111:2222::6666:123.123.123.123", "1111::6666:123.123.123.123", "::6666:123.123.123.123",
	"1111:2222:3333::5555:6666:123.123.123.123", "1111:2222::5555:6666:123.123.123.123",
	"1111::5555:6666:123.123.123.123", "::5555:6666:123.123.123.123",
	"1111:2222::4444:5555:6666:123.123.123.123", "1111::4444:5555:6666:123.123.123.123",
	"::4444:5555:6666:123.123.123.123", "1111::3333:4444:5555:6666:123.123.123.123",
	"::3333:4444:5555:6666:123.123.123.123", "::2222:3333:4444:5555:6666:123.123.123.123",
};
/* is_ipv6() false (and undef, "") */
static const char *v6bad[] = {
	"   ", "foobar", "foo2001:DB8:4341:0781:1111:2222:3333:4444",
	"foo 2001:DB8:4341:0781::4444", "foo 2001:DB8:4341:0781:1111:: bar",
	"foo2001:DB8:4341:0781::100bar", "2001:DB8:4341:0781::1 bar",
	"2001:DB8:4341:0781::0001bar",
	"foo bar 3001:DB8:4341:0781:1111:2222:3333:4444 foo bar",
	"__3001:DB8:4341:0781::4444", "__3001:DB8:4341:0781:1111::__",
	"--3001:DB8:4341:0781::100--", "/3001:DB8:4341:0781::1/",
	"3001:DB8:4341:0781::0001%", "fdb6:1d86:d9bd:1::4444%eth0",
	"fdb6:1d86:d9bd:1:1111::%ens192", "fdb6:1d86:d9bd:1::100%en0",
	"fdb6:1d86:d9bd:1::1%eth1.100", "XXXX:XXXX:XXXX:XXXX:XXXX:XXXX:XXXX:XXXX",
	"1111:2222:3333:4444:5555:6666:7777:8888:9999",
	"1111:2222:3333:4444:5555:6666:7777:8888::",
	"::2222:3333:4444:5555:6666:7777:8888:9999",
	"1111:2222:3333:4444:5555:6666:7777", "1111:2222:3333:4444:5555:6666",
	"1111:2222:3333:4444:5555", "1111:2222:3333:4444", "1111:2222:3333",
	"1111:2222", "1111", "11112222:3333:4444:5555:6666:7777:8888",
	"1111:22223333:4444:5555:6666:7777:8888",
	"1111:2222:33334444:5555:6666:7777:8888",
	"1111:2222:3333:44445555:6666:7777:8888",
	"1111:2222:3333:4444:55556666:7777:8888",
	"1111:2222:3333:4444:5555:66667777:8888",
	"1111:2222:3333:4444:5555:6666:77778888",
	"1111:2222:3333:4444:5555:6666:7777:8888:",
	"1111:2222:3333:4444:5555:6666:7777:", "1111:2222:3333:4444:5555:6666:",
	"1111:2222:3333:4444:5555:", "1111:2222:3333:4444:", "1111:2222:3333:",
	"1111:2222:", "1111:", ":", ":8888", ":7777:8888", ":6666:7777:8888",
	":5555:6666:7777:8888", ":4444:5555:6666:7777:8888",
	":3333:4444:5555:6666:7777:8888", ":2222:3333:4444:5555:6666:7777:8888",
	":1111:2222:3333:4444:5555:6666:7777:8888",
	":::2222:3333:4444:5555:6666:7777:8888", "1111:::3333:4444:5555:6666:7777:8888",
	"1111:2222:::4444:5555:6666:7777:8888", "1111:2222:3333:::5555:6666:7777:8888",
	"1111:2222:3333:4444:::6666:7777:8888", "1111:2222:3333:4444:5555:::7777:8888",
	"1111:2222:3333:4444:5555:6666:::8888", "1111:2222:3333:4444:5555:6666:7777:::",
	"::2222::4444:5555:6666:7777:8888", "::2222:3333::5555:6666:7777:8888",
	"::2222:3333:4444::6666:7777:8888", "::2222:3333:4444:5555::7777:8888",
	"::2222:3333:4444:5555:7777::8888", "::2222:3333:4444:5555:7777:8888::",
	"1111::3333::5555:6666:7777:8888", "1111::3333:4444::6666:7777:8888",
	"1111::3333:4444:5555::7777:8888", "1111::3333:4444:5555:6666::8888",
	"1111::3333:4444:5555:6666:7777::", "1111:2222::4444::6666:7777:8888",
	"1111:2222::4444:5555::7777:8888", "1111:2222::4444:5555:6666::8888",
	"1111:2222::4444:5555:6666:7777::", "1111:2222:3333::5555::7777:8888",
	"1111:2222:3333::5555:6666::8888", "1111:2222:3333::5555:6666:7777::",
	"1111:2222:3333:4444::6666::8888", "1111:2222:3333:4444::6666:7777::",
	"1111:2222:3333:4444:5555::7777::", "XXXX:XXXX:XXXX:XXXX:XXXX:XXXX:1.2.3.4",
	"1111:2222:3333:4444:5555:6666:256.256.256.256",
	"1111:2222:3333:4444:5555:6666:7777:8888:1.2.3",
	"1111:2222:3333:4444:5555:6666:7777:1.2.3.4",
	"1111:2222:3333:4444:5555:6666::1.2.3.4",
	"::2222:3333:4444:5555:6666:7777:1.2.3.4",
	"1111:2222:3333:4444:5555:6666:1.2.3.4.5", "1111:2222:3333:4444:5555:1.2.3.4",
	"1111:2222:3333:4444:1.2.3.4", "1111:2222:3333:1.2.3.4", "1111:2222:1.2.3.4",
	"1111:1.2.3.4", "1.2.3.4", "11112222:3333:4444:5555:6666:1.2.3.4",
	"1111:22223333:4444:5555:6666:1.2.3.4", "1111:2222:33334444:5555:6666:1.2.3.4",
	"1111:2222:3333:44445555:6666:1.2.3.4", "1111:2222:3333:4444:55556666:1.2.3.4",
	"1111:2222:3333:4444:5555:66661.2.3.4",
	"1111:2222:3333:4444:5555:6666:255255.255.255",
	"1111:2222:3333:4444:5555:6666:255.255255.255",
	"1111:2222:3333:4444:5555:6666:255.255.255255", ":1.2.3.4", ":6666:1.2.3.4",
	":5555:6666:1.2.3.4", ":4444:5555:6666:1.2.3.4", ":3333:4444:5555:6666:1.2.3.4",
	":2222:3333:4444:5555:6666:1.2.3.4", ":1111:2222:3333:4444:5555:6666:1.2.3.4",
	":::2222:3333:4444:5555:6666:1.2.3.4", "1111:::3333:4444:5555:6666:1.2.3.4",
	"1111:2222:::4444:5555:6666:1.2.3.4", "1111:2222:3333:::5555:6666:1.2.3.4",
	"1111:2222:3333:4444:::6666:1.2.3.4", "1111:2222:3333:4444:5555:::1.2.3.4",
	"::2222::4444:5555:6666:1.2.3.4", "::2222:3333::5555:6666:1.2.3.4",
	"::2222:3333:4444::6666:1.2.3.4", "::2222:3333:4444:5555::1.2.3.4",
	"1111::3333::5555:6666:1.2.3.4", "1111::3333:4444::6666:1.2.3.4",
	"1111::3333:4444:5555::1.2.3.4", "1111:2222::4444::6666:1.2.3.4",
	"1111:2222::4444:5555::1.2.3.4", "1111:2222:3333::5555::1.2.3.4", "::.", "::..",
	"::...", "::1...", "::1.2..", "::1.2.3.", "::.2..", "::.2.3.", "::.2.3.4",
	"::..3.", "::..3.4", "::...4", ":1111:2222:3333:4444:5555:6666:7777::",
	":1111:2222:3333:4444:5555:6666::", ":1111:2222:3333:4444:5555::",
	":1111:2222:3333:4444::", ":1111:2222:3333::", ":1111:2222::", ":1111::", ":::",
	":1111:2222:3333:4444:5555:6666::8888", ":1111:2222:3333:4444:5555::8888",
	":1111:2222:3333:4444::8888", ":1111:2222:3333::8888", ":1111:2222::8888",
	":1111::8888", ":::8888", ":1111:2222:3333:4444:5555::7777:8888",
	":1111:2222:3333:4444::7777:8888", ":1111:2222:3333::7777:8888",
	":1111:2222::7777:8888", ":1111::7777:8888", ":::7777:8888",
	":1111:2222:3333:4444::6666:7777:8888", ":1111:2222:3333::6666:7777:8888",
	":1111:2222::6666:7777:8888", ":1111::6666:7777:8888", ":::6666:7777:8888",
	":1111:2222:3333::5555:6666:7777:8888", ":1111:2222::5555:6666:7777:8888",
	":1111::5555:6666:7777:8888", ":::5555:6666:7777:8888",
	":1111:2222::4444:5555:6666:7777:8888", ":1111::4444:5555:6666:7777:8888",
	":::4444:5555:6666:7777:8888", ":1111::3333:4444:5555:6666:7777:8888",
	":::3333:4444:5555:6666:7777:8888", ":::2222:3333:4444:5555:6666:7777:8888",
	":1111:2222:3333:4444:5555:6666:1.2.3.4", ":1111:2222:3333:4444:5555::1.2.3.4",
	":1111:2222:3333:4444::1.2.3.4", ":1111:2222:3333::1.2.3.4",
	":1111:2222::1.2.3.4", ":1111::1.2.3.4", ":::1.2.3.4",
	":1111:2222:3333:4444::6666:1.2.3.4", ":1111:2222:3333::6666:1.2.3.4",
	":1111:2222::6666:1.2.3.4", ":1111::6666:1.2.3.4", ":::6666:1.2.3.4",
	":1111:2222:3333::5555:6666:1.2.3.4", ":1111:2222::5555:6666:1.2.3.4",
	":1111::5555:6666:1.2.3.4", ":::5555:6666:1.2.3.4",
	":1111:2222::4444:5555:6666:1.2.3.4", ":1111::4444:5555:6666:1.2.3.4",
	":::4444:5555:6666:1.2.3.4", ":1111::3333:4444:5555:6666:1.2.3.4",
	":::3333:4444:5555:6666:1.2.3.4", ":::2222:3333:4444:5555:6666:1.2.3.4",
	"1111:2222:3333:4444:5555:6666:7777:::", "1111:2222:3333:4444:5555:6666:::",
	"1111:2222:3333:4444:5555:::", "1111:2222:3333:4444:::", "1111:2222:3333:::",
	"1111:2222:::", "1111:::", ":::", "1111:2222:3333:4444:5555:6666::8888:",
	"1111:2222:3333:4444:5555::8888:", "1111:2222:3333:4444::8888:",
	"1111:2222:3333::8888:", "1111:2222::8888:", "1111::8888:", "::8888:",
	"1111:2222:3333:4444:5555::7777:8888:", "1111:2222:3333:4444::7777:8888:",
	"1111:2222:3333::7777:8888:", "1111:2222::7777:8888:", "1111::7777:8888:",
	"::7777:8888:", "1111:2222:3333:4444::6666:7777:8888:",
	"1111:2222:3333::6666:7777:8888:", "1111:2222::6666:7777:8888:",
	"1111::6666:7777:8888:", "::6666:7777:8888:",
	"1111:2222:3333::5555:6666:7777:8888:", "1111:2222::5555:6666:7777:8888:",
	"1111::5555:6666:7777:8888:", "::5555:6666:7777:8888:",
	"1111:2222::4444:5555:6666:7777:8888:", "1111::4444:5555:6666:7777:8888:",
	"::4444:5555:6666:7777:8888:", "1111::3333:4444:5555:6666:7777:8888:",
	"::3333:4444:5555:6666:7777:8888:", "::2222:3333:4444:5555:6666:7777:8888:",
};

/* 1 if s is zero-padded: a dotted decimal part of two digits or more opening 0. */
static int
zpad(const char *s)
{
	for (const char *p = s; *p; p++) {
		const char *q = p + strspn(p, "0123456789");

		if (*p == '0' && q - p > 1 && (p == s || !isalnum((unsigned char)p[-1])) &&
		    ((p > s && p[-1] == '.') || *q == '.'))
			return 1;
	}
	return 0;
}

/* addr_parse(), used for ip= and every address read, against is_ipv4/6(). */
START_TEST(test_is_addr)
{
	char c[ADDR_MAX];
	size_t i;

	for (i = 0; i < NELEM(v4ok); i++)
		ck_assert_msg((addr_parse(FAM_V4, v4ok[i], c) == 0) == !zpad(v4ok[i]),
		    "%s: " ZPAD ", others taken", v4ok[i]);
	for (i = 0; i < NELEM(v4bad); i++)
		ck_assert_msg(addr_parse(FAM_V4, v4bad[i], c) == -1, "%s", v4bad[i]);
	for (i = 0; i < NELEM(v6ok); i++)
		ck_assert_msg((addr_parse(FAM_V6, v6ok[i], c) == 0) == !zpad(v6ok[i]),
		    "%s: " ZPAD ", others taken", v6ok[i]);
	for (i = 0; i < NELEM(v6bad); i++)
		ck_assert_msg(addr_parse(FAM_V6, v6bad[i], c) == -1, "%s", v6bad[i]);
}
END_TEST

/* is_ipv4/6() of a valid address with a character before, after, or both. */
START_TEST(test_is_addr_adjacent)
{
	static const char chars[] = "/.,:z @$#&%!^*()_-+\n";
	char c[ADDR_MAX];

	for (const char *ch = chars; *ch; ch++)
		for (size_t i = 0; i < NELEM(v4ok) + NELEM(v6ok); i++) {
			enum fam f = i < NELEM(v4ok) ? FAM_V4 : FAM_V6;
			const char *ip = f == FAM_V4 ? v4ok[i] : v6ok[i - NELEM(v4ok)];
			char *t[3];

			t[0] = xasprintf("%c%s", *ch, ip);
			t[1] = xasprintf("%s%c", ip, *ch);
			t[2] = xasprintf("%c%s%c", *ch, ip, *ch);
			for (int k = 0; k < 3; k++) {
				ck_assert_msg(addr_parse(f, t[k], c) == -1, "\"%s\"", t[k]);
				free(t[k]);
			}
		}
}
END_TEST

#define MANY "more than one address is refused, not the first taken"

/* extract_ipv4(), extract_ipv6(), extract_ipv6_global(): ddclient's result */
static const struct xv {
	enum fam f;
	int global;	/* ours: addr_accept() as well */
	const char *text, *want, *ours, *why;	/* ours "" for none */
} xvec[] = {
	{ FAM_V4, 0, "", NULL, NULL, NULL },
	{ FAM_V4, 0, "1.2.3.256", NULL, NULL, NULL },
	{ FAM_V4, 0, "1.1.1.1\n2.2.2.2", "1.1.1.1", "", MANY },
	{ FAM_V4, 0, "1.2.3.4:123", "1.2.3.4", NULL, NULL },
	{ FAM_V4, 0, "001.002.003.004", "1.2.3.4", "", ZPAD },
	{ FAM_V6, 0, "", NULL, NULL, NULL },
	{ FAM_V6, 0, "::12345", NULL, NULL, NULL },
	{ FAM_V6, 0, "::1\n::2", "::1", "", MANY },
	{ FAM_V6, 0, "fe80::1%0", "fe80::1", NULL, NULL },
	{ FAM_V6, 0, "[::1]:123", "::1", NULL, NULL },
	{ FAM_V6, 0, "[fe80::1%250]:123", "fe80::1", NULL, NULL },
	{ FAM_V6, 0, "::0001", "::1", NULL, NULL },
	{ FAM_V6, 1, "", NULL, NULL, NULL },
	{ FAM_V6, 1, "foo fe80:: bar", NULL, NULL, NULL },
	{ FAM_V6, 1, "foo 2000:: bar", "2000::", NULL, NULL },
	{ FAM_V6, 1, "2000:: 3000::", "2000::", "", MANY },
	{ FAM_V6, 1, "2000:: fe80::", "2000::", "", MANY },
	{ FAM_V6, 1, "fe80:: 2000::", "2000::", "", MANY },
	{ FAM_V6, 1, "2001::0001", "2001::1", NULL, NULL },
};

/* What nicupdate takes from text: the address, or "" for none. */
static void
extract(enum fam f, int global, const char *text, char out[ADDR_MAX])
{
	char why[160];

	if (addr_extract(f, text, strlen(text), NULL, out, why, sizeof(why)) == -1 ||
	    (global && addr_accept(f, out, 0, why, sizeof(why)) == -1))
		out[0] = '\0';
}

START_TEST(test_extract)
{
	const struct xv *t = &xvec[_i];
	char got[ADDR_MAX];
	const char *want = t->ours ? t->ours : t->want ? t->want : "";

	extract(t->f, t->global, t->text, got);
	ck_assert_msg(strcmp(got, want) == 0, "\"%s\": ddclient %s, nicupdate \"%s\"%s%s",
	    t->text, t->want ? t->want : "none", got, t->why ? " on purpose: " : "",
	    t->why ? t->why : "");
}
END_TEST

/* "foo" c ADDRESS c "bar": ddclient takes the address (leading zeros
 * dropped); nicupdate the same address in canonical text, none if zero-padded. */
START_TEST(test_extract_adjacent)
{
	static const char v4wb[] = "/, @$#&%!^*()_-+:\n", v6wb[] = "/, @$#&%!^*()_-+\n";

	for (size_t i = 0; i < NELEM(v4ok) + NELEM(v6ok); i++) {
		enum fam f = i < NELEM(v4ok) ? FAM_V4 : FAM_V6;
		const char *ip = f == FAM_V4 ? v4ok[i] : v6ok[i - NELEM(v4ok)];
		char want[ADDR_MAX] = "", got[ADDR_MAX];

		if (!zpad(ip))
			ck_assert_int_eq(addr_parse(f, ip, want), 0);
		for (const char *wb = f == FAM_V4 ? v4wb : v6wb; *wb; wb++) {
			char *text = xasprintf("foo%c%s%cbar", *wb, ip, *wb);

			extract(f, 0, text, got);
			ck_assert_msg(strcmp(got, want) == 0, "\"%s\": \"%s\"", text, got);
			free(text);
		}
	}
}
END_TEST

/* is_ipv6_global(): ddclient's global ones outside 2000::/3 are not ours */
static const struct gl {
	const char *ip;
	int global;
	const char *why;
} glvec[] = {
	{ "::", 0, NULL }, { "::1", 0, NULL },
	{ "0:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, NULL }, { "fc00::", 0, NULL },
	{ "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, NULL }, { "fe80::", 0, NULL },
	{ "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, NULL }, { "ff00::", 0, NULL },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, NULL }, { "FF00::", 0, NULL },
	{ "1::", 1, "outside 2000::/3" },
	{ "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, "outside 2000::/3" },
	{ "fe00::", 1, "outside 2000::/3" },
	{ "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, "outside 2000::/3" },
	{ "fec0::", 1, "site-local, outside 2000::/3" },
	{ "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, "outside 2000::/3" },
	{ "2000::", 1, NULL }, { "2a00:1450::1", 1, NULL },
};

START_TEST(test_global)
{
	const struct gl *t = &glvec[_i];
	char c[ADDR_MAX];
	int ours;

	ck_assert_int_eq(addr_parse(FAM_V6, t->ip, c), 0);
	ours = addr_nonglobal(FAM_V6, c) == NULL;
	ck_assert_msg(ours == (t->why ? !t->global : t->global),
	    "%s: ddclient global %d, nicupdate %d", t->ip, t->global, ours);
}
END_TEST

/* ---- the cache (t/read_recap.pl), with ddclient's real recap variables ---- */

#define HDR "## ddclient-4.0.0\n"

/* "host ipv4=A mtime=N" per host, "; " between; ddclient's result */
static const struct cv {
	const char *name, *text, *want, *ours, *why;
} cvec[] = {
	{ "ok value", HDR "ipv4=192.0.2.1 host_a\n", "host_a ipv4=192.0.2.1", NULL, NULL },
	{ "unknown var", HDR "foo=123 host_a\n", "host_a", NULL, NULL },
	{ "invalid value", HDR "ipv4=wat host_a\n", "host_a", NULL, NULL },
	{ "invalid number", HDR "mtime=12x host_a\n", "host_a", NULL, NULL },
	{ "negative number", HDR "mtime=-5 host_a\n", "host_a", NULL, NULL },
	{ "signed number", HDR "mtime=+5 host_a\n", "host_a", NULL, NULL },
	{ "number", HDR "mtime=1700000000 host_a\n", "host_a mtime=1700000000", NULL, NULL },
	{ "multiple entries", HDR "ipv4=192.0.2.1 host_a\nmtime=123 host_b\n",
	    "host_a ipv4=192.0.2.1; host_b mtime=123", NULL, NULL },
	{ "non-recap vars are not loaded", HDR "login=foo host_b\n", "host_b", NULL, NULL },
	{ "zero-padded address", HDR "ipv4=001.002.003.004 host_a\n",
	    "host_a ipv4=001.002.003.004", "host_a", ZPAD },
	{ "another version's file", "## ddclient-3.11.2\nip=192.0.2.1 host_a\n", "",
	    "host_a ipv4=192.0.2.1", "3.x caches are read" },
};

START_TEST(test_cache)
{
	const struct cv *t = &cvec[_i];
	struct ddc_cache *c;
	struct buf o = { 0 };
	size_t n;

	buf_add(&o, "", 0);
	ck_assert_int_eq(ddclient_cache_parse(t->text, &c, &n), 0);
	for (size_t i = 0; i < n; i++) {
		buf_printf(&o, "%s%s", i ? "; " : "", c[i].host);
		if (c[i].ipv4[0] != '\0')
			buf_printf(&o, " ipv4=%s", c[i].ipv4);
		if (c[i].mtime != 0)
			buf_printf(&o, " mtime=%lld", c[i].mtime);
	}
	ck_assert_msg(strcmp(o.s, t->ours ? t->ours : t->want) == 0,
	    "%s: ddclient \"%s\", nicupdate \"%s\"", t->name, t->want, o.s);
	ddclient_cache_free(c, n);
	buf_free(&o);
}
END_TEST

static Suite *
ddvectors_suite(void)
{
	Suite *s = suite_create("ddvectors");
	TCase *tc = tcase_create("vectors");

	tcase_add_loop_test(tc, test_grammar, 0, NELEM(gvec));
	tcase_add_loop_test(tc, test_interval, 0, NELEM(ivec));
	tcase_add_loop_test(tc, test_dyndns2_answer, 0, NELEM(dvec));
	tcase_add_loop_test(tc, test_dyndns2_query, 0, NELEM(dqvec));
	tcase_add_test(tc, test_is_addr);
	tcase_add_test(tc, test_is_addr_adjacent);
	tcase_add_loop_test(tc, test_extract, 0, NELEM(xvec));
	tcase_add_test(tc, test_extract_adjacent);
	tcase_add_loop_test(tc, test_global, 0, NELEM(glvec));
	tcase_add_loop_test(tc, test_cache, 0, NELEM(cvec));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(ddvectors_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

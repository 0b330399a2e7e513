/*
 * Unit tests of the dyndns2 protocol: the request URL dyndns2_build()
 * makes, and how dyndns2_parse() reads answers filled in by hand.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "proto.h"
#include "util.h"

/* ---- fixtures ---- */

/* A dyndns2 profile as config.c would leave it, fields owned by the test. */
static void
prof_init(struct profile *p, const char *proto)
{
	memset(p, 0, sizeof(*p));
	p->name = xstrdup("home");
	p->proto = proto_find(proto);
	ck_assert_ptr_nonnull(p->proto);
	p->ssl = 1;
	p->login = xstrdup("user");
	p->password = xstrdup("pass-word");
}

static void
prof_free(struct profile *p)
{
	free(p->name);
	free(p->server);
	free(p->script);
	free(p->login);
	free(p->password);
	for (size_t i = 0; i < p->nopt; i++) {
		free(p->opt[i].key);
		free(p->opt[i].value);
	}
	free(p->opt);
}

/* Like run.c's new_batch(): arrays sized by the protocol's max_hosts. */
static struct batch *
batch_new(const struct profile *p, const char *addr, size_t nhosts, const char **hosts)
{
	struct batch *b = xcalloc(1, sizeof(*b));

	ck_assert_uint_le(nhosts, (size_t)p->proto->max_hosts);
	b->p = p;
	b->fam = strchr(addr, ':') ? FAM_V6 : FAM_V4;
	snprintf(b->addr, sizeof(b->addr), "%s", addr);
	b->hosts = xcalloc((size_t)p->proto->max_hosts, sizeof(*b->hosts));
	b->res = xcalloc((size_t)p->proto->max_hosts, sizeof(*b->res));
	for (size_t i = 0; i < nhosts; i++)
		b->hosts[b->nhosts++] = hosts[i];
	return b;
}

static void
batch_free(struct batch *b)
{
	free(b->url);
	free(b->hosts);
	free(b->res);
	free(b);
}

/* The URL built for the profile and hosts. */
static char *
build(const struct profile *p, const char *addr, size_t n, const char **hosts)
{
	struct batch *b = batch_new(p, addr, n, hosts);
	char *url;

	b->p->proto->ops->build(b);
	ck_assert_ptr_nonnull(b->url);
	url = xstrdup(b->url);
	batch_free(b);
	return url;
}

static const char *one[] = { "a.example.com" };
static const char *two[] = { "a.example.com", "b.example.com" };
static const char *three[] = { "a.example.com", "b.example.com", "c.example.com" };

/* Fill in an answer as http_wait() would. */
static void
answer(struct batch *b, long status, const char *body, size_t len)
{
	b->req.failed = 0;
	b->req.status = status;
	b->req.resp = (char *)body;
	b->req.resp_len = len;
}

/* Parse a NUL-terminated body of an HTTP status for n hosts of profile p. */
static struct batch *
parse(const struct profile *p, size_t n, const char **hosts, long status,
    const char *body)
{
	struct batch *b = batch_new(p, "192.0.2.1", n, hosts);

	answer(b, status, body, strlen(body));
	b->p->proto->ops->parse(b);
	return b;
}

static void
expect_res(const struct batch *b, size_t i, enum outcome out, const char *code)
{
	ck_assert_msg(b->res[i].out == out && strcmp(b->res[i].code, code) == 0,
	    "host %zu: expected outcome %d code \"%s\", got %d \"%s\" (%s)", i, (int)out,
	    code, (int)b->res[i].out, b->res[i].code, b->res[i].msg);
	ck_assert_msg(b->res[i].msg[0] != '\0', "host %zu: no message", i);
}

/* A stored code must be printable and without blanks. */
static void
expect_clean_code(const struct result *r)
{
	size_t n = strlen(r->code);

	ck_assert_msg(n > 0 && n < sizeof(r->code), "code length %zu", n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg((unsigned char)r->code[i] > 0x20 &&
		    (unsigned char)r->code[i] < 0x7f, "byte 0x%02x at %zu in the code",
		    (unsigned char)r->code[i], i);
}

/* b->p->proto->ops->parse(b) with stderr captured; what it wrote (caller frees). */
static char *
parse_stderr(struct batch *b)
{
	FILE *tmp = tmpfile();
	int saved;
	off_t n;
	char *s;

	ck_assert_ptr_nonnull(tmp);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	ck_assert_int_ge(saved, 0);
	dup2(fileno(tmp), STDERR_FILENO);
	b->p->proto->ops->parse(b);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = lseek(fileno(tmp), 0, SEEK_END);
	ck_assert_int_ge(n, 0);
	s = xmalloc((size_t)n + 1);
	ck_assert_int_eq(pread(fileno(tmp), s, (size_t)n, 0), n);
	s[n] = '\0';
	fclose(tmp);
	return s;
}

/* ---- dyndns2_build ---- */

START_TEST(test_build_one_host)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_two_hosts)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	url = build(&p, "192.0.2.1", 2, two);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com,b.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_ipv6)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	url = build(&p, "2001:db8::1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=2001:db8::1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_wildcard)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	profile_set_opt(&p, "wildcard", "yes", 0, 0);
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1&wildcard=ON");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_mx)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	profile_set_opt(&p, "mx", "mx.example.com", 0, 0);
	profile_set_opt(&p, "backupmx", "yes", 0, 0);
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1&mx=mx.example.com&backmx=YES");
	free(url);
	profile_set_opt(&p, "backupmx", "no", 0, 0);
	profile_set_opt(&p, "wildcard", "yes", 0, 0);
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1&wildcard=ON&mx=mx.example.com&backmx=NO");
	free(url);
	/* backupmx without mx sends neither */
	prof_free(&p);
	prof_init(&p, "dyndns2");
	profile_set_opt(&p, "wildcard", "no", 0, 0);
	profile_set_opt(&p, "backupmx", "yes", 0, 0);
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_script_with_query)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	p.script = xstrdup("/update.php?system=dyndns");
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/update.php?system=dyndns"
	    "&hostname=a.example.com&myip=192.0.2.1");
	free(url);
	free(p.script);
	p.script = xstrdup("/dyn");
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://members.dyndns.org/dyn?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_server)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	/* a scheme in server wins over ssl */
	p.server = xstrdup("http://127.0.0.1:8053");
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "http://127.0.0.1:8053/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	free(p.server);
	p.server = xstrdup("https://[::1]:8443");
	p.ssl = 0;
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://[::1]:8443/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	/* host:port takes its scheme from ssl */
	free(p.server);
	p.server = xstrdup("dyn.example.net:8443");
	p.ssl = 1;
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "https://dyn.example.net:8443/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

START_TEST(test_build_no_ssl)
{
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	p.ssl = 0;
	url = build(&p, "192.0.2.1", 1, one);
	ck_assert_str_eq(url, "http://members.dyndns.org/nic/update?"
	    "hostname=a.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

/* protocol = infomaniak and nothing else: the preset's server and path. */
START_TEST(test_build_infomaniak)
{
	struct config c;
	struct batch *b;

	ck_assert_int_eq(config_load_string(&c, "test.conf", "[home]\n"
	    "protocol = infomaniak\nlogin = user\npassword = pass-word\n"
	    "hosts = a.example.com, b.example.com\n"), 0);
	b = batch_new(&c.prof[0], "192.0.2.1", c.prof[0].hosts.n,
	    (const char **)c.prof[0].hosts.v);
	b->p->proto->ops->build(b);
	ck_assert_str_eq(b->url, "https://infomaniak.com/nic/update?"
	    "hostname=a.example.com,b.example.com&myip=192.0.2.1");
	ck_assert_ptr_eq(b->req.url, b->url);
	ck_assert_str_eq(b->req.user, "user");
	ck_assert_str_eq(b->req.pass, "pass-word");
	batch_free(b);
	config_free(&c);
	log_secret_clear();
}
END_TEST

START_TEST(test_build_request)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = batch_new(&p, "192.0.2.1", 1, one);
	b->p->proto->ops->build(b);
	ck_assert_ptr_eq(b->req.url, b->url);
	ck_assert_ptr_eq(b->req.user, p.login);
	ck_assert_ptr_eq(b->req.pass, p.password);
	ck_assert_ptr_null(b->req.method);	/* GET */
	ck_assert_ptr_null(b->req.body);
	batch_free(b);
	prof_free(&p);
}
END_TEST

/* Host names are URL-encoded once. */
START_TEST(test_build_encodes_hosts)
{
	static const char *odd[] = { "a_b.example.com", "*.example.com" };
	struct profile p;
	char *url;

	prof_init(&p, "dyndns2");
	url = build(&p, "192.0.2.1", 2, odd);
	ck_assert_str_eq(url, "https://members.dyndns.org/nic/update?"
	    "hostname=a_b.example.com,%2A.example.com&myip=192.0.2.1");
	free(url);
	prof_free(&p);
}
END_TEST

/* ---- dyndns2_code and every word of the table ---- */

static const struct {
	const char *word;
	enum outcome out;
} words[] = {
	{ "good", OUT_GOOD },
	{ "nochg", OUT_NOCHG },
	{ "successfully_changed", OUT_GOOD },
	{ "no_change", OUT_NOCHG },
	{ "badauth", OUT_AUTH },
	{ "nohost", OUT_PERM },
	{ "notfqdn", OUT_PERM },
	{ "numhost", OUT_PERM },
	{ "abuse", OUT_PERM },
	{ "badagent", OUT_PERM },
	{ "!donator", OUT_PERM },
	{ "!yours", OUT_PERM },
	{ "!active", OUT_PERM },
	{ "badsys", OUT_PERM },
	{ "911", OUT_TEMP },
	{ "dnserr", OUT_TEMP },
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

START_TEST(test_code_table)
{
	for (size_t i = 0; i < NWORDS; i++) {
		const char *msg = NULL;

		ck_assert_msg(dyndns2_code(words[i].word, &msg) == words[i].out,
		    "%s: outcome %d", words[i].word, (int)dyndns2_code(words[i].word, &msg));
		ck_assert_msg(msg != NULL && msg[0] != '\0', "%s: no message", words[i].word);
	}
}
END_TEST

START_TEST(test_code_unknown)
{
	static const char *unknown[] = {
		"", "hello", "good1", "goo", " good", "good ", "nochg!", "badauth\r",
		"911x",
	};

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		const char *msg = NULL;

		ck_assert_msg(dyndns2_code(unknown[i], &msg) == OUT_NONE, "\"%s\" is known",
		    unknown[i]);
		ck_assert_ptr_nonnull(msg);
	}
}
END_TEST

/* Each word of the table, as the answer for one host and for three. */
START_TEST(test_parse_every_code)
{
	struct profile p;

	prof_init(&p, "dyndns2");
	for (size_t i = 0; i < NWORDS; i++) {
		char *body = xasprintf("%s 192.0.2.1\n", words[i].word);
		struct batch *b = parse(&p, 1, one, 200, body);

		expect_res(b, 0, words[i].out, words[i].word);
		batch_free(b);
		/* one line for several hosts applies to all */
		b = parse(&p, 3, three, 200, body);
		for (size_t h = 0; h < 3; h++)
			expect_res(b, h, words[i].out, words[i].word);
		batch_free(b);
		free(body);
	}
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_per_host_lines)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = parse(&p, 3, three, 200, "good 192.0.2.1\nnochg 192.0.2.1\nnohost\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	expect_res(b, 2, OUT_PERM, "nohost");
	batch_free(b);
	b = parse(&p, 2, two, 200, "badauth\ngood 192.0.2.1");	/* no final newline */
	expect_res(b, 0, OUT_AUTH, "badauth");
	expect_res(b, 1, OUT_GOOD, "good");
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_fewer_lines)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = parse(&p, 3, three, 200, "good 192.0.2.1\nnochg 192.0.2.1\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	expect_res(b, 2, OUT_TEMP, "noanswer");
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_empty_body)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = parse(&p, 2, two, 200, "");
	expect_res(b, 0, OUT_TEMP, "noanswer");
	expect_res(b, 1, OUT_TEMP, "noanswer");
	batch_free(b);
	b = parse(&p, 1, one, 200, "\r\n \n\t\n");
	expect_res(b, 0, OUT_TEMP, "noanswer");
	batch_free(b);
	/* no body at all */
	b = batch_new(&p, "192.0.2.1", 1, one);
	answer(b, 200, NULL, 0);
	b->p->proto->ops->parse(b);
	expect_res(b, 0, OUT_TEMP, "noanswer");
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_more_lines)
{
	struct profile p;
	struct batch *b;
	char *err;

	prof_init(&p, "dyndns2");
	b = batch_new(&p, "192.0.2.1", 2, two);
	answer(b, 200, "good\nnochg\nbadauth\nnohost\n", 26);
	err = parse_stderr(b);
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	ck_assert_msg(strstr(err, "home") != NULL, "no warning naming the profile: %s", err);
	free(err);
	batch_free(b);
	/* one host, two lines: the first answers */
	b = batch_new(&p, "192.0.2.1", 1, one);
	answer(b, 200, "nohost\ngood\n", 12);
	err = parse_stderr(b);
	expect_res(b, 0, OUT_PERM, "nohost");
	ck_assert_msg(strstr(err, "home") != NULL, "no warning naming the profile: %s", err);
	free(err);
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_crlf_blank_spaces)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = parse(&p, 2, two, 200, "good 192.0.2.1\r\nnochg 192.0.2.1\r\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	batch_free(b);
	b = parse(&p, 2, two, 200, "good\r\nnohost\r\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_PERM, "nohost");
	batch_free(b);
	/* blank lines do not count */
	b = parse(&p, 2, two, 200, "\n\r\ngood\n\n\n  \nnochg\n\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	batch_free(b);
	/* leading blanks */
	b = parse(&p, 3, three, 200, "   good 192.0.2.1\n\tnochg\n \t badauth\n");
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	expect_res(b, 2, OUT_AUTH, "badauth");
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_http_auth)
{
	static const long st[] = { 401, 403 };
	struct profile p;

	prof_init(&p, "dyndns2");
	for (size_t i = 0; i < 2; i++) {
		char code[32];
		struct batch *b = parse(&p, 2, two, st[i], "good\n");

		snprintf(code, sizeof(code), "http-%ld", st[i]);
		expect_res(b, 0, OUT_AUTH, code);
		expect_res(b, 1, OUT_AUTH, code);
		batch_free(b);
	}
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_http_temp)
{
	static const long st[] = { 500, 502, 503, 504, 429, 408 };
	struct profile p;

	prof_init(&p, "dyndns2");
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		char code[32];
		struct batch *b = parse(&p, 2, two, st[i], "good\n");

		snprintf(code, sizeof(code), "http-%ld", st[i]);
		expect_res(b, 0, OUT_TEMP, code);
		expect_res(b, 1, OUT_TEMP, code);
		batch_free(b);
	}
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_network_failure)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = batch_new(&p, "192.0.2.1", 2, two);
	b->req.failed = 1;
	b->req.status = 0;
	snprintf(b->req.err, sizeof(b->req.err), "Could not resolve host: x.invalid");
	b->p->proto->ops->parse(b);
	expect_res(b, 0, OUT_TEMP, "network");
	expect_res(b, 1, OUT_TEMP, "network");
	ck_assert_ptr_nonnull(strstr(b->res[0].msg, "Could not resolve host"));
	batch_free(b);
	prof_free(&p);
}
END_TEST

/* Infomaniak answers 400 with a dyndns2 word. */
START_TEST(test_parse_400)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "infomaniak");
	b = parse(&p, 1, one, 400, "nohost\n");
	expect_res(b, 0, OUT_PERM, "nohost");
	batch_free(b);
	b = parse(&p, 1, one, 400, "badauth\n");
	expect_res(b, 0, OUT_AUTH, "badauth");
	batch_free(b);
	b = parse(&p, 2, two, 400, "Bad Request: something odd\n");
	expect_res(b, 0, OUT_PERM, "Bad");
	expect_res(b, 1, OUT_PERM, "Bad");
	ck_assert_ptr_nonnull(strstr(b->res[0].msg, "400"));
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_unknown_word)
{
	struct profile p;
	struct batch *b;

	prof_init(&p, "dyndns2");
	b = parse(&p, 1, one, 200, "hello world\n");
	expect_res(b, 0, OUT_TEMP, "hello");
	batch_free(b);
	b = parse(&p, 1, one, 200, "<html><body>maintenance</body></html>\n");
	ck_assert_int_eq(b->res[0].out, OUT_TEMP);
	expect_clean_code(&b->res[0]);
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_hostile_bytes)
{
#define B(s) { s, sizeof(s) - 1 }
	static const struct { const char *body; size_t len; } hostile[] = {
		B("go\x01od\n"),
		B("goo\0d\n"),
		B("\0good\n"),
		B("\x7f\x80\xff\xfe\n"),
		B("\x1b[31mgood\x1b[0m\n"),
		B("\x01\x02\x03"),
		B("good\0nochg\n"),
		B("\0\0\0\0"),
	};
#undef B
	struct profile p;

	prof_init(&p, "dyndns2");
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct batch *b = batch_new(&p, "192.0.2.1", 2, two);

		answer(b, 200, hostile[i].body, hostile[i].len);
		b->p->proto->ops->parse(b);
		for (size_t h = 0; h < 2; h++) {
			expect_clean_code(&b->res[h]);
			ck_assert_msg(b->res[h].out != OUT_NONE, "body %zu: no outcome", i);
		}
		batch_free(b);
	}
	prof_free(&p);
}
END_TEST

/* A word longer than the code field is cut, not overflowed. */
START_TEST(test_parse_long_word)
{
	struct profile p;
	struct batch *b;
	char body[300];

	prof_init(&p, "dyndns2");
	memset(body, 'g', sizeof(body) - 2);
	body[sizeof(body) - 2] = '\n';
	body[sizeof(body) - 1] = '\0';
	b = parse(&p, 1, one, 200, body);
	ck_assert_int_eq(b->res[0].out, OUT_TEMP);
	expect_clean_code(&b->res[0]);
	ck_assert_uint_eq(strspn(b->res[0].code, "g"), strlen(b->res[0].code));
	batch_free(b);
	prof_free(&p);
}
END_TEST

START_TEST(test_parse_1000_lines)
{
	struct profile p;
	struct batch *b;
	struct buf body = { 0 };
	const char *hosts[20];
	char names[20][32];
	char *err;

	prof_init(&p, "dyndns2");
	for (int i = 0; i < 1000; i++)
		buf_printf(&body, "%s 192.0.2.1\n", i % 2 ? "nochg" : "good");
	b = batch_new(&p, "192.0.2.1", 2, two);
	answer(b, 200, body.s, body.len);
	err = parse_stderr(b);
	expect_res(b, 0, OUT_GOOD, "good");
	expect_res(b, 1, OUT_NOCHG, "nochg");
	free(err);
	batch_free(b);
	/* the most hosts one request carries */
	for (int i = 0; i < 20; i++) {
		snprintf(names[i], sizeof(names[i]), "h%d.example.com", i);
		hosts[i] = names[i];
	}
	b = batch_new(&p, "192.0.2.1", 20, hosts);
	answer(b, 200, body.s, body.len);
	err = parse_stderr(b);
	for (size_t i = 0; i < 20; i++)
		expect_res(b, i, i % 2 ? OUT_NOCHG : OUT_GOOD, i % 2 ? "nochg" : "good");
	free(err);
	batch_free(b);
	buf_free(&body);
	prof_free(&p);
}
END_TEST

static Suite *
dyndns2_suite(void)
{
	Suite *s = suite_create("dyndns2");
	TCase *tb = tcase_create("build");
	TCase *tc = tcase_create("code");
	TCase *tp = tcase_create("parse");

	tcase_add_test(tb, test_build_one_host);
	tcase_add_test(tb, test_build_two_hosts);
	tcase_add_test(tb, test_build_ipv6);
	tcase_add_test(tb, test_build_wildcard);
	tcase_add_test(tb, test_build_mx);
	tcase_add_test(tb, test_build_script_with_query);
	tcase_add_test(tb, test_build_server);
	tcase_add_test(tb, test_build_no_ssl);
	tcase_add_test(tb, test_build_infomaniak);
	tcase_add_test(tb, test_build_request);
	tcase_add_test(tb, test_build_encodes_hosts);
	suite_add_tcase(s, tb);

	tcase_add_test(tc, test_code_table);
	tcase_add_test(tc, test_code_unknown);
	suite_add_tcase(s, tc);

	tcase_add_test(tp, test_parse_every_code);
	tcase_add_test(tp, test_parse_per_host_lines);
	tcase_add_test(tp, test_parse_fewer_lines);
	tcase_add_test(tp, test_parse_empty_body);
	tcase_add_test(tp, test_parse_more_lines);
	tcase_add_test(tp, test_parse_crlf_blank_spaces);
	tcase_add_test(tp, test_parse_http_auth);
	tcase_add_test(tp, test_parse_http_temp);
	tcase_add_test(tp, test_parse_network_failure);
	tcase_add_test(tp, test_parse_400);
	tcase_add_test(tp, test_parse_unknown_word);
	tcase_add_test(tp, test_parse_hostile_bytes);
	tcase_add_test(tp, test_parse_long_word);
	tcase_add_test(tp, test_parse_1000_lines);
	suite_add_tcase(s, tp);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(dyndns2_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

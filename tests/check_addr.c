/* Unit tests for addr.c: parsing, range classification, extraction. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- addr_parse ---- */

static const struct {
	enum fam f;
	const char *in, *canon;
} parse_ok[] = {
	{ FAM_V4, "1.2.3.4", "1.2.3.4" },
	{ FAM_V4, "0.0.0.0", "0.0.0.0" },
	{ FAM_V4, "255.255.255.255", "255.255.255.255" },
	{ FAM_V4, "81.2.69.160", "81.2.69.160" },
	{ FAM_V4, "100.64.0.0", "100.64.0.0" },
	{ FAM_V6, "2001:DB8::1", "2001:db8::1" },
	{ FAM_V6, "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
	{ FAM_V6, "0:0:0:0:0:0:0:0", "::" },
	{ FAM_V6, "::", "::" },
	{ FAM_V6, "0:0:0:0:0:0:0:1", "::1" },
	{ FAM_V6, "::FFFF:1.2.3.4", "::ffff:1.2.3.4" },
	{ FAM_V6, "::ffff:0102:0304", "::ffff:1.2.3.4" },
	{ FAM_V6, "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ FAM_V6, "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
	{ FAM_V6, "2a00:1450:4001:0:0:0:0:1", "2a00:1450:4001::1" },
	{ FAM_V6, "2606:4700:0000::1111", "2606:4700::1111" },
	{ FAM_V6, "FE80:0:0:0:0:0:0:1", "fe80::1" },
	{ FAM_V6, "0064:ff9b::0001", "64:ff9b::1" },
};

START_TEST(test_parse_canonical)
{
	char out[ADDR_MAX];

	memset(out, 'x', sizeof(out));
	ck_assert_msg(addr_parse(parse_ok[_i].f, parse_ok[_i].in, out) == 0,
	    "addr_parse(%s, \"%s\") failed", fam_name(parse_ok[_i].f),
	    parse_ok[_i].in);
	ck_assert_str_eq(out, parse_ok[_i].canon);
}
END_TEST

static const struct {
	enum fam f;
	const char *in;
} parse_bad[] = {
	{ FAM_V4, "" },
	{ FAM_V4, "1.2.3" },
	{ FAM_V4, "1.2.3.4.5" },
	{ FAM_V4, "256.1.1.1" },
	{ FAM_V4, "1.2.3.256" },
	{ FAM_V4, "1.2.3.-4" },
	{ FAM_V4, "a.b.c.d" },
	{ FAM_V4, "1..2.3" },
	{ FAM_V4, "1.2.3.4." },
	{ FAM_V4, " 1.2.3.4" },
	{ FAM_V4, "1.2.3.4 " },
	{ FAM_V4, "1.2.3.4\n" },
	{ FAM_V4, "1.2.3.4/24" },
	{ FAM_V4, "0x1.2.3.4" },
	{ FAM_V4, "16909060" },
	/* leading zeros: octal to some parsers, so never accepted */
	{ FAM_V4, "01.2.3.4" },
	{ FAM_V4, "1.02.3.4" },
	{ FAM_V4, "1.2.3.004" },
	{ FAM_V4, "010.0.0.1" },
	/* the other family */
	{ FAM_V4, "::1" },
	{ FAM_V4, "2001:db8::1" },
	{ FAM_V4, "::ffff:1.2.3.4" },
	{ FAM_V6, "" },
	{ FAM_V6, ":" },
	{ FAM_V6, ":::1" },
	{ FAM_V6, "2001:db8::1::1" },
	{ FAM_V6, "1:2:3:4:5:6:7:8:9" },
	{ FAM_V6, "1:2:3:4:5:6:7" },
	{ FAM_V6, "2001:0db80::1" },
	{ FAM_V6, "g::1" },
	{ FAM_V6, "fe80::1%eth0" },
	{ FAM_V6, "[::1]" },
	{ FAM_V6, " ::1" },
	{ FAM_V6, "2001:db8::1 " },
	{ FAM_V6, "::ffff:1.2.3" },
	{ FAM_V6, "::ffff:01.2.3.4" },
	{ FAM_V6, "1.2.3.4" },
	{ FAM_V6, "81.2.69.160" },
};

START_TEST(test_parse_reject)
{
	char out[ADDR_MAX];

	ck_assert_msg(addr_parse(parse_bad[_i].f, parse_bad[_i].in, out) == -1,
	    "addr_parse(%s, \"%s\") accepted it", fam_name(parse_bad[_i].f),
	    parse_bad[_i].in);
}
END_TEST

START_TEST(test_family)
{
	static const struct {
		const char *in;
		int fam;
	} t[] = {
		{ "1.2.3.4", FAM_V4 },
		{ "0.0.0.0", FAM_V4 },
		{ "::", FAM_V6 },
		{ "::1", FAM_V6 },
		{ "::ffff:1.2.3.4", FAM_V6 },
		{ "2a00:1450:4001::1", FAM_V6 },
		{ "", -1 },
		{ "foo", -1 },
		{ "01.2.3.4", -1 },
		{ "1.2.3.4.5", -1 },
		{ "1.2.3.4 ", -1 },
		{ "2001:db8::g", -1 },
	};

	for (size_t i = 0; i < NELEM(t); i++)
		ck_assert_msg(addr_family(t[i].in) == t[i].fam,
		    "addr_family(\"%s\") = %d, want %d", t[i].in,
		    addr_family(t[i].in), t[i].fam);
	ck_assert_str_eq(fam_name(FAM_V4), "IPv4");
	ck_assert_str_eq(fam_name(FAM_V6), "IPv6");
}
END_TEST

/* ---- addr_nonglobal, addr_never ---- */

struct rcase {
	const char *addr;
	const char *name;	/* NULL: global */
	int never;
};

static const struct rcase v4cases[] = {
	{ "0.0.0.0", "unspecified", 1 },
	{ "0.1.2.3", "unspecified", 1 },
	{ "0.255.255.255", "unspecified", 1 },
	{ "1.0.0.0", NULL, 0 },
	{ "1.1.1.1", NULL, 0 },
	{ "8.8.8.8", NULL, 0 },
	{ "81.2.69.160", NULL, 0 },
	{ "9.255.255.255", NULL, 0 },
	{ "10.0.0.0", "private", 0 },
	{ "10.1.2.3", "private", 0 },
	{ "10.255.255.255", "private", 0 },
	{ "11.0.0.0", NULL, 0 },
	{ "100.63.255.255", NULL, 0 },
	{ "100.64.0.0", "CGNAT", 0 },
	{ "100.100.100.100", "CGNAT", 0 },
	{ "100.127.255.255", "CGNAT", 0 },
	{ "100.128.0.0", NULL, 0 },
	{ "126.255.255.255", NULL, 0 },
	{ "127.0.0.1", "loopback", 0 },
	{ "127.255.255.255", "loopback", 0 },
	{ "128.0.0.0", NULL, 0 },
	{ "169.253.255.255", NULL, 0 },
	{ "169.254.0.0", "link-local", 0 },
	{ "169.254.169.254", "link-local", 0 },
	{ "169.254.255.255", "link-local", 0 },
	{ "169.255.0.0", NULL, 0 },
	{ "172.15.255.255", NULL, 0 },
	{ "172.16.0.0", "private", 0 },
	{ "172.20.1.1", "private", 0 },
	{ "172.31.255.255", "private", 0 },
	{ "172.32.0.0", NULL, 0 },
	{ "192.0.0.0", "reserved", 0 },
	{ "192.0.0.255", "reserved", 0 },
	{ "192.0.1.0", NULL, 0 },
	{ "192.0.2.0", "documentation", 0 },
	{ "192.0.2.1", "documentation", 0 },
	{ "192.0.2.255", "documentation", 0 },
	{ "192.0.3.0", NULL, 0 },
	{ "192.88.99.1", "reserved", 0 },
	{ "192.88.100.0", NULL, 0 },
	{ "192.167.255.255", NULL, 0 },
	{ "192.168.0.0", "private", 0 },
	{ "192.168.1.1", "private", 0 },
	{ "192.168.255.255", "private", 0 },
	{ "192.169.0.0", NULL, 0 },
	{ "198.17.255.255", NULL, 0 },
	{ "198.18.0.0", "benchmarking", 0 },
	{ "198.19.255.255", "benchmarking", 0 },
	{ "198.20.0.0", NULL, 0 },
	{ "198.51.99.255", NULL, 0 },
	{ "198.51.100.0", "documentation", 0 },
	{ "198.51.100.255", "documentation", 0 },
	{ "198.51.101.0", NULL, 0 },
	{ "203.0.112.255", NULL, 0 },
	{ "203.0.113.0", "documentation", 0 },
	{ "203.0.113.255", "documentation", 0 },
	{ "203.0.114.0", NULL, 0 },
	{ "223.255.255.255", NULL, 0 },
	{ "224.0.0.0", "multicast", 1 },
	{ "224.0.0.251", "multicast", 1 },
	{ "239.255.255.255", "multicast", 1 },
	{ "240.0.0.0", "reserved", 1 },
	{ "250.1.2.3", "reserved", 1 },
	{ "255.255.255.254", "reserved", 1 },
	{ "255.255.255.255", "broadcast", 1 },
	/* not an address at all */
	{ "256.0.0.1", "invalid", 1 },
	{ "::1", "invalid", 1 },
};

static const struct rcase v6cases[] = {
	{ "2a00:1450:4001::1", NULL, 0 },
	{ "2606:4700::1111", NULL, 0 },
	{ "2000::", NULL, 0 },
	{ "3ffe::1", NULL, 0 },
	{ "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", NULL, 0 },
	{ "2001:db8::", "documentation", 0 },
	{ "2001:db8::1", "documentation", 0 },
	{ "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation", 0 },
	{ "2001:db9::", NULL, 0 },
	{ "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", NULL, 0 },
	{ "3fff::", "documentation", 0 },
	{ "3fff::1", "documentation", 0 },
	{ "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation", 0 },
	{ "3fff:1000::", NULL, 0 },
	{ "2001:2::1", "benchmarking", 0 },
	{ "2001:2:0:ffff::1", "benchmarking", 0 },
	{ "2001:2:1::1", NULL, 0 },
	{ "2001:10::1", "reserved", 0 },
	{ "2001:1f:ffff::1", "reserved", 0 },
	{ "2001:f:ffff::1", NULL, 0 },
	{ "2001:20::1", NULL, 0 },
	{ "fbff:ffff::1", "not global unicast", 0 },
	{ "fc00::", "private", 0 },
	{ "fc00::1", "private", 0 },
	{ "fd12:3456:789a::1", "private", 0 },
	{ "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "private", 0 },
	{ "fe00::1", "not global unicast", 0 },
	{ "fe80::", "link-local", 0 },
	{ "fe80::1", "link-local", 0 },
	{ "febf:ffff::1", "link-local", 0 },
	{ "fec0::1", "site-local", 0 },
	{ "feff:ffff::1", "site-local", 0 },
	{ "ff00::", "multicast", 1 },
	{ "ff02::1", "multicast", 1 },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast", 1 },
	{ "::", "unspecified", 1 },
	{ "::1", "loopback", 0 },
	{ "::2", "not global unicast", 0 },
	{ "::ffff:1.2.3.4", "not global unicast", 0 },
	{ "::ffff:81.2.69.160", "not global unicast", 0 },
	{ "64:ff9b::1", "not global unicast", 0 },
	{ "64:ff9b::51.2.69.160", "not global unicast", 0 },
	{ "100::1", "not global unicast", 0 },
	{ "1fff:ffff::1", "not global unicast", 0 },
	{ "4000::1", "not global unicast", 0 },
	{ "2001:db8::g", "invalid", 1 },
	{ "1.2.3.4", "invalid", 1 },
};

static void
check_range(enum fam f, const struct rcase *c)
{
	const char *name = addr_nonglobal(f, c->addr);

	ck_assert_msg((name == NULL) == (c->name == NULL) &&
	    (name == NULL || strcmp(name, c->name) == 0),
	    "addr_nonglobal(%s, %s) = %s, want %s", fam_name(f), c->addr,
	    name ? name : "NULL", c->name ? c->name : "NULL");
	ck_assert_msg(addr_never(f, c->addr) == c->never,
	    "addr_never(%s, %s) = %d, want %d", fam_name(f), c->addr,
	    addr_never(f, c->addr), c->never);
}

START_TEST(test_v4_ranges)
{
	check_range(FAM_V4, &v4cases[_i]);
}
END_TEST

START_TEST(test_v6_ranges)
{
	check_range(FAM_V6, &v6cases[_i]);
}
END_TEST

/* ---- addr_extract ---- */

static const char trace_v4[] =
	"fl=466f1\n"
	"h=1.1.1.1\n"
	"ip=81.2.69.160\n"
	"ts=1700000000.123\n"
	"visit_scheme=https\n"
	"uag=Mozilla/5.0\n"
	"colo=FRA\n"
	"sliver=none\n"
	"http=http/2\n"
	"loc=DE\n"
	"tls=TLSv1.3\n"
	"sni=plaintext\n"
	"warp=off\n"
	"gateway=off\n"
	"rbi=off\n"
	"kex=X25519\n";

static const char trace_v6[] =
	"fl=466f1\n"
	"h=1.1.1.1\n"
	"ip=2a00:1450:4001::1\n"
	"ts=1700000000.123\n"
	"visit_scheme=https\n"
	"uag=Mozilla/5.0\n"
	"colo=FRA\n"
	"http=http/2\n"
	"loc=DE\n"
	"tls=TLSv1.3\n";

static const char dyndns_html[] =
	"<html><head><title>Current IP Check</title></head>"
	"<body>Current IP Address: 81.2.69.160</body></html>\r\n";

/* A page with an unrelated address before the skip text. */
static const char dyndns_html2[] =
	"<html><head><title>Current IP Check</title></head>"
	"<body>Served by 10.0.0.7<br>Current IP Address: 81.2.69.160"
	"</body></html>\r\n";

struct xcase {
	const char *name;
	enum fam f;
	const char *body;
	size_t len;		/* 0: strlen(body) */
	const char *skip;
	const char *want;	/* NULL: must fail */
	const char *why1, *why2;	/* must appear in why on failure */
};

static const struct xcase xcases[] = {
	{ "plain", FAM_V4, "81.2.69.160", 0, NULL, "81.2.69.160", NULL, NULL },
	{ "plain newline", FAM_V4, "81.2.69.160\n", 0, NULL, "81.2.69.160",
	    NULL, NULL },
	{ "white space", FAM_V4, " \t 81.2.69.160 \r\n\n", 0, NULL,
	    "81.2.69.160", NULL, NULL },
	{ "json", FAM_V4, "{\"ip\":\"81.2.69.160\"}", 0, NULL, "81.2.69.160",
	    NULL, NULL },
	{ "trace ip= only", FAM_V4, trace_v4, 0, NULL, "81.2.69.160",
	    NULL, NULL },
	{ "trace v6", FAM_V6, trace_v6, 0, NULL, "2a00:1450:4001::1",
	    NULL, NULL },
	{ "trace ip= last, no newline", FAM_V4,
	    "h=1.1.1.1\nts=1700000000.123\nip=81.2.69.160", 0, NULL,
	    "81.2.69.160", NULL, NULL },
	{ "ip= anchored at line start", FAM_V4,
	    "zip=10.9.8.7\nip=81.2.69.160\n", 0, NULL, "81.2.69.160",
	    NULL, NULL },
	{ "ip= with CRLF", FAM_V4, "h=1.1.1.1\r\nip=81.2.69.160\r\n", 0, NULL,
	    "81.2.69.160", NULL, NULL },
	{ "dyndns no skip", FAM_V4, dyndns_html, 0, NULL, "81.2.69.160",
	    NULL, NULL },
	{ "dyndns skip", FAM_V4, dyndns_html, 0, "Current IP Address:",
	    "81.2.69.160", NULL, NULL },
	{ "dyndns skip other case", FAM_V4, dyndns_html, 0,
	    "current ip address:", "81.2.69.160", NULL, NULL },
	{ "empty skip is no skip", FAM_V4, dyndns_html, 0, "", "81.2.69.160",
	    NULL, NULL },
	{ "skip hides an earlier address", FAM_V4, dyndns_html2, 0,
	    "Current IP Address:", "81.2.69.160", NULL, NULL },
	{ "earlier address without skip", FAM_V4, dyndns_html2, 0, NULL, NULL,
	    "10.0.0.7", "81.2.69.160" },
	{ "skip text missing", FAM_V4, "81.2.69.160\n", 0,
	    "Current IP Address:", NULL, "web-skip", NULL },
	{ "skip longer than body", FAM_V4, "1.2.3.4", 0,
	    "Current IP Address:", NULL, "web-skip", NULL },
	{ "two addresses", FAM_V4, "1.2.3.4\n5.6.7.8\n", 0, NULL, NULL,
	    "1.2.3.4", "5.6.7.8" },
	{ "two v6 addresses", FAM_V6, "2a00:1450:4001::1 2606:4700::1111", 0,
	    NULL, NULL, "2a00:1450:4001::1", "2606:4700::1111" },
	{ "two ip= lines", FAM_V4, "ip=1.2.3.4\nip=5.6.7.8\n", 0, NULL, NULL,
	    "1.2.3.4", "5.6.7.8" },
	{ "same address twice", FAM_V4, "81.2.69.160 81.2.69.160\n", 0, NULL,
	    "81.2.69.160", NULL, NULL },
	{ "same v6 address, two spellings", FAM_V6,
	    "2a00:1450:4001::1\n2A00:1450:4001:0:0:0:0:0001\n", 0, NULL,
	    "2a00:1450:4001::1", NULL, NULL },
	{ "no address", FAM_V4, "hello, world\n", 0, NULL, NULL,
	    "no IPv4 address", NULL },
	{ "empty body", FAM_V4, "", 0, NULL, NULL, "no IPv4 address", NULL },
	{ "NUL byte", FAM_V4, "81.2.69.160\n\0", 13, NULL, NULL, "NUL", NULL },
	{ "NUL byte first", FAM_V4, "\0" "81.2.69.160\n", 13, NULL, NULL,
	    "NUL", NULL },
	{ "v6 body asked v4", FAM_V4, "2a00:1450:4001::1\n", 0, NULL, NULL,
	    "no IPv4 address", NULL },
	{ "v4 body asked v6", FAM_V6, "81.2.69.160\n", 0, NULL, NULL,
	    "no IPv6 address", NULL },
	{ "v4 trace asked v6", FAM_V6, trace_v4, 0, NULL, NULL,
	    "no IPv6 address", NULL },
	{ "v6 plain", FAM_V6, "2a00:1450:4001::1\n", 0, NULL,
	    "2a00:1450:4001::1", NULL, NULL },
	{ "v6 plain uncanonical", FAM_V6, "2606:4700:0:0:0:0:0:1111", 0, NULL,
	    "2606:4700::1111", NULL, NULL },
	{ "five parts", FAM_V4, "1.2.3.4.5", 0, NULL, NULL, "no IPv4 address",
	    NULL },
	{ "five parts, sentence", FAM_V4, "got 1.2.3.4.5.\n", 0, NULL, NULL,
	    "no IPv4 address", NULL },
	{ "sentence dot", FAM_V4, "Your IP is 81.2.69.160.", 0, NULL,
	    "81.2.69.160", NULL, NULL },
	{ "sentence dot v6", FAM_V6, "Your IP is 2a00:1450:4001::1.\n", 0, NULL,
	    "2a00:1450:4001::1", NULL, NULL },
	{ "leading zeros are no address", FAM_V4, "081.002.069.160\n", 0, NULL,
	    NULL, "no IPv4 address", NULL },
	/* regressions: an ip= line of the other family must not let h= win */
	{ "v4 asked of a trace whose ip= is v6", FAM_V4, trace_v6, 0, NULL,
	    NULL, "no IPv4 address", NULL },
	/* regressions: the "6" of an "IPv6:" label is not part of the address */
	{ "v6 after a label without space", FAM_V6,
	    "IPv6:2a00:1450:4001::1\n", 0, NULL, "2a00:1450:4001::1", NULL, NULL },
	{ "v6 after a word label", FAM_V6,
	    "addr:2a00:1450:4001::1\n", 0, NULL, "2a00:1450:4001::1", NULL, NULL },
	/* regressions: an address glued to a word is not extracted from it */
	{ "v4 glued after a hex prefix", FAM_V4, "0x51.2.69.160\n", 0, NULL,
	    NULL, "no IPv4 address", NULL },
	{ "v4 glued after letters", FAM_V4, "ip81.2.69.160\n", 0, NULL,
	    NULL, "no IPv4 address", NULL },
	{ "v4 glued before letters", FAM_V4, "81.2.69.160abc\n", 0, NULL,
	    NULL, "no IPv4 address", NULL },
	{ "v6 glued before letters", FAM_V6, "2a00:1450:4001::1g\n", 0, NULL,
	    NULL, "no IPv6 address", NULL },
	{ "v6 glued after a hex prefix", FAM_V6, "0x2a00:1450:4001::1\n", 0, NULL,
	    NULL, "no IPv6 address", NULL },
};

START_TEST(test_extract)
{
	const struct xcase *c = &xcases[_i];
	size_t len = c->len ? c->len : strlen(c->body);
	char out[ADDR_MAX], why[200];
	int rc;

	memset(out, 0, sizeof(out));
	why[0] = '\0';
	rc = addr_extract(c->f, c->body, len, c->skip, out, why, sizeof(why));
	if (c->want != NULL) {
		ck_assert_msg(rc == 0, "%s: failed: %s", c->name, why);
		ck_assert_msg(strcmp(out, c->want) == 0, "%s: got %s, want %s",
		    c->name, out, c->want);
	} else {
		ck_assert_msg(rc == -1, "%s: accepted, got %s", c->name, out);
		ck_assert_msg(why[0] != '\0', "%s: no reason given", c->name);
		ck_assert_msg(c->why1 == NULL || strstr(why, c->why1) != NULL,
		    "%s: \"%s\" lacks \"%s\"", c->name, why, c->why1);
		ck_assert_msg(c->why2 == NULL || strstr(why, c->why2) != NULL,
		    "%s: \"%s\" lacks \"%s\"", c->name, why, c->why2);
	}
}
END_TEST

/* The reason is cut to whylen and always terminated. */
START_TEST(test_extract_why_short)
{
	char out[ADDR_MAX], why[8];

	memset(why, 'x', sizeof(why));
	ck_assert_int_eq(addr_extract(FAM_V4, "1.2.3.4 5.6.7.8", 15, NULL, out,
	    why, sizeof(why)), -1);
	ck_assert_uint_eq(strlen(why), sizeof(why) - 1);
	ck_assert_str_eq(why, "more th");
}
END_TEST

/* Only len bytes are read: an address past len is not seen. */
START_TEST(test_extract_len)
{
	static const char body[] = "81.2.69.160 5.6.7.8";
	char out[ADDR_MAX], why[100];

	ck_assert_int_eq(addr_extract(FAM_V4, body, 11, NULL, out, why,
	    sizeof(why)), 0);
	ck_assert_str_eq(out, "81.2.69.160");
	ck_assert_int_eq(addr_extract(FAM_V4, body, strlen(body), NULL, out, why,
	    sizeof(why)), -1);
}
END_TEST

static Suite *
addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_canonical, 0, NELEM(parse_ok));
	tcase_add_loop_test(tc, test_parse_reject, 0, NELEM(parse_bad));
	tcase_add_test(tc, test_family);
	suite_add_tcase(s, tc);

	tc = tcase_create("ranges");
	tcase_add_loop_test(tc, test_v4_ranges, 0, NELEM(v4cases));
	tcase_add_loop_test(tc, test_v6_ranges, 0, NELEM(v6cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("extract");
	tcase_add_loop_test(tc, test_extract, 0, NELEM(xcases));
	tcase_add_test(tc, test_extract_why_short);
	tcase_add_test(tc, test_extract_len);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(addr_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

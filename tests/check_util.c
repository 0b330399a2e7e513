/* Unit tests for util.c: parsers, string lists, buffers, encoding, hashing. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- parse_bool ---- */

static const struct {
	const char *in;
	int rc, val;
} bools[] = {
	{ "yes", 0, 1 }, { "Yes", 0, 1 }, { "YES", 0, 1 },
	{ "true", 0, 1 }, { "True", 0, 1 }, { "TRUE", 0, 1 },
	{ "on", 0, 1 }, { "On", 0, 1 }, { "ON", 0, 1 },
	{ "1", 0, 1 },
	{ "no", 0, 0 }, { "No", 0, 0 }, { "NO", 0, 0 },
	{ "false", 0, 0 }, { "False", 0, 0 }, { "FALSE", 0, 0 },
	{ "off", 0, 0 }, { "Off", 0, 0 }, { "OFF", 0, 0 },
	{ "0", 0, 0 },
	{ "", -1, 0 }, { "y", -1, 0 }, { "n", -1, 0 }, { "t", -1, 0 },
	{ "2", -1, 0 }, { "-1", -1, 0 }, { "00", -1, 0 }, { "01", -1, 0 },
	{ " yes", -1, 0 }, { "yes ", -1, 0 }, { "no\n", -1, 0 },
	{ "yess", -1, 0 }, { "ye", -1, 0 }, { "truee", -1, 0 },
	{ "enable", -1, 0 }, { "nope", -1, 0 }, { "of", -1, 0 },
};

START_TEST(test_parse_bool)
{
	int v = 42;
	int rc = parse_bool(bools[_i].in, &v);

	ck_assert_msg(rc == bools[_i].rc, "parse_bool(\"%s\") = %d, want %d",
	    bools[_i].in, rc, bools[_i].rc);
	if (rc == 0)
		ck_assert_int_eq(v, bools[_i].val);
	else
		ck_assert_int_eq(v, 42);	/* untouched */
}
END_TEST

/* ---- parse_duration ---- */

#define TEN_YEARS (10L * 365 * 86400)

static const struct {
	const char *in;
	int rc;
	long secs;
} durs[] = {
	{ "30", 0, 30 },
	{ "30s", 0, 30 },
	{ "5m", 0, 300 },
	{ "2h", 0, 7200 },
	{ "25d", 0, 25 * 86400 },
	{ "1d", 0, 86400 },
	{ "0", 0, 0 },
	{ "0s", 0, 0 },
	{ "0d", 0, 0 },
	{ "90m", 0, 5400 },
	/* the upper bound is ten years, in every unit */
	{ "315360000", 0, TEN_YEARS },
	{ "315360000s", 0, TEN_YEARS },
	{ "5256000m", 0, TEN_YEARS },
	{ "87600h", 0, TEN_YEARS },
	{ "3650d", 0, TEN_YEARS },
	{ "315360001", -1, 0 },
	{ "315360001s", -1, 0 },
	{ "5256001m", -1, 0 },
	{ "87601h", -1, 0 },
	{ "3651d", -1, 0 },
	/* garbage */
	{ "5x", -1, 0 },
	{ "", -1, 0 },
	{ "m", -1, 0 },
	{ "s", -1, 0 },
	{ "d", -1, 0 },
	{ "-5", -1, 0 },
	{ "-5m", -1, 0 },
	{ "-0", -1, 0 },
	{ "+5", -1, 0 },
	{ " 5", -1, 0 },
	{ "5 ", -1, 0 },
	{ "5 m", -1, 0 },
	{ "5M", -1, 0 },
	{ "5H", -1, 0 },
	{ "5mm", -1, 0 },
	{ "5ms", -1, 0 },
	{ "m5", -1, 0 },
	{ "1.5h", -1, 0 },
	{ "0x10", -1, 0 },
	{ "1e3", -1, 0 },
	{ "five", -1, 0 },
	/* overflow */
	{ "9223372036854775807", -1, 0 },
	{ "9223372036854775808", -1, 0 },
	{ "99999999999999999999", -1, 0 },
	{ "99999999999999999999d", -1, 0 },
	{ "4000000000000000d", -1, 0 },
	{ "1000000000000000000000000000000000000000", -1, 0 },
};

START_TEST(test_parse_duration)
{
	long v = -42;
	int rc = parse_duration(durs[_i].in, &v);

	ck_assert_msg(rc == durs[_i].rc, "parse_duration(\"%s\") = %d, want %d",
	    durs[_i].in, rc, durs[_i].rc);
	if (rc == 0)
		ck_assert_msg(v == durs[_i].secs, "parse_duration(\"%s\") = %lds, "
		    "want %lds", durs[_i].in, v, durs[_i].secs);
	else
		ck_assert_int_eq(v, -42);
}
END_TEST

/* ---- parse_long ---- */

static const struct {
	const char *in;
	long min, max;
	int rc;
	long val;
} longs[] = {
	{ "0", 0, 10, 0, 0 },
	{ "10", 0, 10, 0, 10 },
	{ "7", 0, 10, 0, 7 },
	{ "11", 0, 10, -1, 0 },
	{ "-1", 0, 10, -1, 0 },
	{ "-5", -10, 10, 0, -5 },
	{ "-10", -10, 10, 0, -10 },
	{ "-11", -10, 10, -1, 0 },
	{ "5", 5, 5, 0, 5 },
	{ "4", 5, 5, -1, 0 },
	{ "6", 5, 5, -1, 0 },
	{ "65535", 1, 65535, 0, 65535 },
	{ "65536", 1, 65535, -1, 0 },
	{ "", 0, 10, -1, 0 },
	{ "-", -10, 10, -1, 0 },
	{ "+5", 0, 10, -1, 0 },
	{ " 5", 0, 10, -1, 0 },
	{ "5 ", 0, 10, -1, 0 },
	{ "5\n", 0, 10, -1, 0 },
	{ "5x", 0, 10, -1, 0 },
	{ "5.0", 0, 10, -1, 0 },
	{ "0x5", 0, 10, -1, 0 },
	{ "1e1", 0, 100, -1, 0 },
	{ "abc", 0, 10, -1, 0 },
	{ "--5", -10, 10, -1, 0 },
	{ "- 5", -10, 10, -1, 0 },
};

START_TEST(test_parse_long)
{
	long v = 4242;
	int rc = parse_long(longs[_i].in, longs[_i].min, longs[_i].max, &v);

	ck_assert_msg(rc == longs[_i].rc, "parse_long(\"%s\", %ld, %ld) = %d, "
	    "want %d", longs[_i].in, longs[_i].min, longs[_i].max, rc,
	    longs[_i].rc);
	if (rc == 0)
		ck_assert_int_eq(v, longs[_i].val);
	else
		ck_assert_int_eq(v, 4242);
}
END_TEST

/* The extremes of long parse; one past them is an error, not a clamp. */
START_TEST(test_parse_long_limits)
{
	char s[64];
	long v;

	snprintf(s, sizeof(s), "%ld", LONG_MAX);
	ck_assert_int_eq(parse_long(s, LONG_MIN, LONG_MAX, &v), 0);
	ck_assert_int_eq(v, LONG_MAX);
	snprintf(s, sizeof(s), "%ld", LONG_MIN);
	ck_assert_int_eq(parse_long(s, LONG_MIN, LONG_MAX, &v), 0);
	ck_assert_int_eq(v, LONG_MIN);

	v = 1;
	snprintf(s, sizeof(s), "%ld0", LONG_MAX);
	ck_assert_int_eq(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	snprintf(s, sizeof(s), "%lu", (unsigned long)LONG_MAX + 1);
	ck_assert_int_eq(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	snprintf(s, sizeof(s), "%ld0", LONG_MIN);
	ck_assert_int_eq(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	ck_assert_int_eq(v, 1);
}
END_TEST

/* ---- strlist ---- */

static const struct {
	const char *in;
	int rc;
	const char *items[4];	/* NULL-terminated; the ones kept */
} splits[] = {
	{ "a,b,c", 0, { "a", "b", "c", NULL } },
	{ " a , b ,\tc ", 0, { "a", "b", "c", NULL } },
	{ "single", 0, { "single", NULL } },
	{ "  single\t\n", 0, { "single", NULL } },
	{ "host one, host two", 0, { "host one", "host two", NULL } },
	{ "a.example.org,b.example.org", 0,
	    { "a.example.org", "b.example.org", NULL } },
	{ "", -1, { NULL } },
	{ "   ", -1, { NULL } },
	{ ",", -1, { NULL } },
	{ "a,,b", -1, { "a", "b", NULL } },
	{ "a, ,b", -1, { "a", "b", NULL } },
	{ "a,", -1, { "a", NULL } },
	{ ",a", -1, { "a", NULL } },
	{ "a , \t", -1, { "a", NULL } },
};

START_TEST(test_strlist_split)
{
	struct strlist l = { 0 };
	size_t n = 0;
	int rc = strlist_split(&l, splits[_i].in);

	ck_assert_msg(rc == splits[_i].rc, "strlist_split(\"%s\") = %d, want %d",
	    splits[_i].in, rc, splits[_i].rc);
	while (splits[_i].items[n] != NULL)
		n++;
	ck_assert_uint_eq(l.n, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(l.v[i], splits[_i].items[i]);
		ck_assert(strlist_has(&l, splits[_i].items[i]));
	}
	if (n > 0)
		ck_assert_ptr_null(l.v[n]);
	strlist_free(&l);
	ck_assert_ptr_null(l.v);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(test_strlist_append)
{
	struct strlist l = { 0 };

	ck_assert_int_eq(strlist_split(&l, "a, b"), 0);
	ck_assert_int_eq(strlist_split(&l, "c"), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(l.v[2], "c");
	ck_assert_ptr_null(l.v[3]);
	ck_assert(strlist_has(&l, "b"));
	ck_assert(!strlist_has(&l, " b"));
	ck_assert(!strlist_has(&l, "d"));
	ck_assert(!strlist_has(&l, ""));
	strlist_add(&l, "");
	ck_assert(strlist_has(&l, ""));
	ck_assert_uint_eq(l.n, 4);
	strlist_free(&l);
}
END_TEST

/* ---- url_encode ---- */

static const struct {
	const char *in, *out;
} urls[] = {
	{ "", "" },
	{ "abcXYZ0189", "abcXYZ0189" },
	{ "-._~", "-._~" },
	{ "&", "%26" },
	{ "=", "%3D" },
	{ "%", "%25" },
	{ "#", "%23" },
	{ "+", "%2B" },
	{ " ", "%20" },
	{ "/?:@", "%2F%3F%3A%40" },
	{ "!*'();$,[]", "%21%2A%27%28%29%3B%24%2C%5B%5D" },
	{ "\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D" },
	{ "p@ss w&rd=1%#+", "p%40ss%20w%26rd%3D1%25%23%2B" },
	{ "a-b_c.d~e", "a-b_c.d~e" },
	{ "\xc3\xa9", "%C3%A9" },		/* é */
	{ "\xe2\x82\xac", "%E2%82%AC" },	/* € */
	{ "\xf0\x9f\x94\x91", "%F0%9F%94%91" },	/* U+1F511 */
	{ "\x01\t\n\x7f\xff", "%01%09%0A%7F%FF" },
};

START_TEST(test_url_encode)
{
	char *s = url_encode(urls[_i].in);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, urls[_i].out);
	free(s);
}
END_TEST

/* ---- fnv1a ---- */

START_TEST(test_fnv1a)
{
	uint32_t ab_c = fnv1a(fnv1a(FNV_INIT, "ab"), "c");
	uint32_t a_bc = fnv1a(fnv1a(FNV_INIT, "a"), "bc");

	/* the separator makes the split visible */
	ck_assert_uint_ne(ab_c, a_bc);
	ck_assert_uint_ne(fnv1a(fnv1a(FNV_INIT, ""), "ab"),
	    fnv1a(fnv1a(FNV_INIT, "ab"), ""));
	ck_assert_uint_ne(fnv1a(FNV_INIT, "abc"), ab_c);
	ck_assert_uint_ne(fnv1a(fnv1a(FNV_INIT, "a"), "b"),
	    fnv1a(fnv1a(FNV_INIT, "b"), "a"));
	ck_assert_uint_ne(fnv1a(FNV_INIT, ""), FNV_INIT);
	/* stable across runs: fingerprints are stored in the state file */
	ck_assert_uint_eq(fnv1a(FNV_INIT, ""), 0x7a0b824eu);
	ck_assert_uint_eq(fnv1a(FNV_INIT, "a"), 0xd225d729u);
	ck_assert_uint_eq(ab_c, 0x84240281u);
	ck_assert_uint_eq(a_bc, 0x17f203abu);
	ck_assert_uint_eq(fnv1a(FNV_INIT, "nicupdate"), 0x0110d4bdu);
	/* NULL hashes like "" */
	ck_assert_uint_eq(fnv1a(FNV_INIT, NULL), fnv1a(FNV_INIT, ""));
	ck_assert_uint_eq(fnv1a(12345, NULL), fnv1a(12345, ""));
}
END_TEST

/* ---- buf ---- */

START_TEST(test_buf_growth)
{
	struct buf b = { 0 };
	char chunk[1000];
	size_t want = 0;

	/* chunks of every size from 1 to 999, with a position-derived pattern */
	for (size_t n = 1; n < sizeof(chunk); n++) {
		for (size_t i = 0; i < n; i++)
			chunk[i] = (char)('a' + (want + i) % 26);
		buf_add(&b, chunk, n);
		want += n;
		ck_assert_uint_eq(b.len, want);
		ck_assert_uint_gt(b.cap, b.len);
		ck_assert_int_eq(b.s[b.len], '\0');
	}
	ck_assert_uint_eq(want, 999 * 1000 / 2);
	for (size_t i = 0; i < want; i++)
		if (b.s[i] != (char)('a' + i % 26))
			ck_abort_msg("byte %zu is %c, want %c", i, b.s[i],
			    'a' + (int)(i % 26));
	ck_assert_uint_eq(strlen(b.s), want);
	buf_free(&b);
	ck_assert_ptr_null(b.s);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(test_buf_large)
{
	const size_t big = 3 * 1024 * 1024 + 17;
	struct buf b = { 0 };
	char *src = malloc(big), *pad = malloc(70001);

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(pad);
	for (size_t i = 0; i < big; i++)
		src[i] = (char)(i * 7 % 251 + 1);
	buf_adds(&b, "head:");
	buf_add(&b, src, big);
	ck_assert_uint_eq(b.len, big + 5);
	ck_assert_int_eq(memcmp(b.s, "head:", 5), 0);
	ck_assert_int_eq(memcmp(b.s + 5, src, big), 0);
	ck_assert_int_eq(b.s[b.len], '\0');
	ck_assert_uint_ge(b.cap, b.len + 1);
	buf_free(&b);

	/* buf_printf longer than any internal stack buffer */
	memset(pad, 'p', 70000);
	pad[70000] = '\0';
	buf_printf(&b, "<%s|%d|%s>", pad, -17, "end");
	ck_assert_uint_eq(b.len, 70000 + 10);
	ck_assert_int_eq(b.s[0], '<');
	ck_assert_int_eq(b.s[70000], 'p');
	ck_assert_str_eq(b.s + 70001, "|-17|end>");
	buf_printf(&b, "%s", "");
	ck_assert_uint_eq(b.len, 70010);
	buf_free(&b);
	free(src);
	free(pad);
}
END_TEST

START_TEST(test_buf_basics)
{
	struct buf b = { 0 };

	/* an empty add still yields a terminated string */
	buf_add(&b, "", 0);
	ck_assert_ptr_nonnull(b.s);
	ck_assert_str_eq(b.s, "");
	ck_assert_uint_eq(b.len, 0);
	/* embedded NUL bytes are kept */
	buf_add(&b, "a\0b", 3);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_int_eq(memcmp(b.s, "a\0b", 4), 0);
	buf_adds(&b, "cd");
	buf_printf(&b, "%03d%s", 7, "x");
	ck_assert_uint_eq(b.len, 9);
	ck_assert_int_eq(memcmp(b.s, "a\0bcd007x", 10), 0);
	buf_free(&b);
	/* usable again after free */
	buf_adds(&b, "again");
	ck_assert_str_eq(b.s, "again");
	buf_free(&b);
}
END_TEST

/* ---- trim, x* ---- */

static const struct {
	const char *in, *out;
} trims[] = {
	{ "", "" },
	{ "x", "x" },
	{ "   ", "" },
	{ " \t\r\n\v\f", "" },
	{ "  a b \t\n", "a b" },
	{ "\tx", "x" },
	{ "x\r\n", "x" },
	{ "a  b", "a  b" },
	{ " key = value ", "key = value" },
};

START_TEST(test_trim)
{
	char s[64], *r;

	snprintf(s, sizeof(s), "%s", trims[_i].in);
	r = trim(s);
	ck_assert_str_eq(r, trims[_i].out);
	/* in place: the result points into s */
	ck_assert(r >= s && r <= s + strlen(trims[_i].in));
}
END_TEST

START_TEST(test_xstr)
{
	char *s;

	s = xstrndup("hello", 3);
	ck_assert_str_eq(s, "hel");
	free(s);
	s = xstrdup("");
	ck_assert_str_eq(s, "");
	free(s);
	s = xasprintf("%s-%d-%04x", "a", 42, 255u);
	ck_assert_str_eq(s, "a-42-00ff");
	free(s);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_bool, 0, NELEM(bools));
	tcase_add_loop_test(tc, test_parse_duration, 0, NELEM(durs));
	tcase_add_loop_test(tc, test_parse_long, 0, NELEM(longs));
	tcase_add_test(tc, test_parse_long_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_loop_test(tc, test_strlist_split, 0, NELEM(splits));
	tcase_add_test(tc, test_strlist_append);
	tcase_add_loop_test(tc, test_url_encode, 0, NELEM(urls));
	tcase_add_loop_test(tc, test_trim, 0, NELEM(trims));
	tcase_add_test(tc, test_xstr);
	tcase_add_test(tc, test_fnv1a);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf");
	tcase_add_test(tc, test_buf_basics);
	tcase_add_test(tc, test_buf_growth);
	tcase_add_test(tc, test_buf_large);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(util_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

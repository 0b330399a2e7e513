/*
 * The rest of a migration from ddclient: its cache file read. The
 * comparison with ddclient's own requests is tests/check_ddcompare.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddclient.h"
#include "harness.h"
#include "util.h"

START_TEST(cache_4x)
{
	const char *text = "## ddclient-4.0.1-rc.2\n"
	    "## last updated at Sat Nov 28 02:16:00 2026 (1795832160)\n"
	    "atime=1795832160,backupmx=1,host=dual.example.com,ipv4=198.51.100.1,"
	    "ipv6=2001:db8::1,mtime=1795832150,mx=mx.example.com,status-ipv4=good,"
	    "status-ipv6=good,wildcard=1 dual.example.com\n"
	    "atime=1795832160,host=bad.example.com,status-ipv4=badauth bad.example.com\n";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].host, "dual.example.com");
	ck_assert_str_eq(c[0].ipv4, "198.51.100.1");
	ck_assert_str_eq(c[0].ipv6, "2001:db8::1");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[0].status6, "good");
	ck_assert_int_eq(c[0].atime, 1795832160);
	ck_assert_int_eq(c[0].mtime, 1795832150);
	ck_assert_str_eq(c[1].host, "bad.example.com");
	ck_assert_str_eq(c[1].ipv4, "");
	ck_assert_str_eq(c[1].status4, "badauth");
	ck_assert_str_eq(c[1].status6, "");
	ck_assert_int_eq(c[1].mtime, 0);
	ddclient_cache_free(c, n);
}
END_TEST

START_TEST(cache_3x)
{
	/* as Debian's ddclient 3.10 wrote it: ip= and status= hold the result */
	const char *text = "## ddclient-3.10.0\n"
	    "## last updated at Sat Nov 28 02:59:19 2026 (1795834759)\n"
	    "atime=1795834759,backupmx=0,custom=0,host=a.example.com,ip=81.2.69.160,"
	    "mtime=1795834759,mx=,script=/nic/update,static=0,status=good,"
	    "status-ipv4=noconnect,status-ipv6=noconnect,warned-min-error-interval=0,"
	    "warned-min-interval=0,wildcard=1,wtime=0 a.example.com\n"
	    "atime=1795834000,host=six.example.com,ip=2001:DB8::2,mtime=1795833000,"
	    "status=nochg six.example.com\n"
	    /* a protocol that sets status-ipv4=: status= stays "noconnect" */
	    "atime=1795834700,host=cf.example.com,ip=81.2.69.161,mtime=1795834700,"
	    "status=noconnect,status-ipv4=good,status-ipv6=noconnect cf.example.com\n"
	    /* a failure in status= does not hide one in status-ipv4= */
	    "ip=81.2.69.162,status=good,status-ipv4=failed fail.example.com\n";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(c[0].host, "a.example.com");
	ck_assert_str_eq(c[0].ipv4, "81.2.69.160");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[0].status6, "noconnect");
	ck_assert_int_eq(c[0].atime, 1795834759);
	ck_assert_str_eq(c[1].ipv6, "2001:db8::2");
	ck_assert_str_eq(c[1].ipv4, "");
	ck_assert_str_eq(c[1].status6, "nochg");
	ck_assert_int_eq(c[1].mtime, 1795833000);
	ck_assert_str_eq(c[2].ipv4, "81.2.69.161");
	ck_assert_str_eq(c[2].status4, "good");
	ck_assert_str_eq(c[2].status6, "noconnect");
	ck_assert_str_eq(c[3].status4, "failed");
	ddclient_cache_free(c, n);
}
END_TEST

START_TEST(cache_garbage_lines_are_skipped)
{
	const char *text = "## ddclient-4.0.0\r\n"
	    "\n"
	    "garbage\n"
	    "two words here\n"
	    "noequals ok.example.com\n"
	    "ipv4=192.0.2.1, spaced.example.com\n"
	    "ipv4=not-an-ip,status-ipv4=good bad-ip.example.com\r\n"
	    "=x bad-key.example.com\n"
	    "ipv4=192.0.2.9,mtime=12 last.example.com";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].host, "bad-ip.example.com");
	ck_assert_str_eq(c[0].ipv4, "");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[1].host, "last.example.com");
	ck_assert_str_eq(c[1].ipv4, "192.0.2.9");
	ck_assert_int_eq(c[1].mtime, 12);
	ddclient_cache_free(c, n);
	ck_assert_int_eq(ddclient_cache_parse("not a cache\n", &c, &n), -1);
	ck_assert_int_eq(ddclient_cache_parse("## ddclient-4.0.0\n", &c, &n), 0);
	ck_assert_uint_eq(n, 0);
	ddclient_cache_free(c, n);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ddmigrate");
	TCase *tc = tcase_create("cache");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, cache_4x);
	tcase_add_test(tc, cache_3x);
	tcase_add_test(tc, cache_garbage_lines_are_skipped);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/* The DoH query encoding (RFC 8484) and the verify rule, a pure function. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>

#include "doh.h"
#include "run.h"
#include "verify.h"

#define ADDR "81.2.69.160"

START_TEST(query_is_rfc8484_base64url)
{
	struct doh q;
	struct http_req r = { 0 };

	/* the example of RFC 8484 section 4.1.1: www.example.com A, id 0 */
	ck_assert_int_eq(doh_prepare(&q, &r, "https://dns.example/dns-query",
	    "www.example.com", DNS_T_A, DNS_C_IN), 0);
	ck_assert_str_eq(r.url, "https://dns.example/dns-query?dns="
	    "AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB");
	ck_assert_str_eq(r.headers[0], "Accept: application/dns-message");
	ck_assert_ptr_null(r.headers[1]);
	doh_free(&q);
	ck_assert_int_eq(doh_prepare(&q, &r, "https://d.example/q?ct", "a", DNS_T_TXT,
	    DNS_C_CH), 0);
	ck_assert_str_eq(r.url, "https://d.example/q?ct&dns=AAABAAABAAAAAAAAAWEAABAAAw");
	doh_free(&q);
	ck_assert_int_eq(doh_prepare(&q, &r, "https://d.example/", "a..b", DNS_T_A,
	    DNS_C_IN), -1);
}
END_TEST

static struct srec
rec_at(const char *addr, long long t)
{
	struct srec r = { 0 };

	snprintf(r.addr, sizeof(r.addr), "%s", addr);
	snprintf(r.status, sizeof(r.status), "ok:good");
	r.atime = r.mtime = t;
	return r;
}

START_TEST(verify_rule)
{
	struct vanswer holds = { 1, 0, { ADDR }, 1, 300 };
	struct vanswer other = { 1, 0, { "81.2.69.99" }, 1, 300 };
	struct vanswer nx = { 1, 1, { "" }, 0, 60 };
	struct vanswer failed = { 0 };
	struct srec r = rec_at(ADDR, 1000);
	struct decision send = { 1, 0, 0, "no previous update" };
	struct decision uptodate = { 0, EX_DONE, 5000, "up to date" };
	struct decision waiting = { 0, EX_TEMP, 5000, "waiting" };
	struct decision d;

	/* no previous update: skipped only when the record already holds it */
	d = send;
	ck_assert_int_eq(verify_adjust(NULL, &holds, ADDR, 30, 2000, &d), VERIFY_SKIP);
	ck_assert_int_eq(d.send, 0);
	ck_assert_str_eq(d.why, "up to date (verified)");
	d = send;
	ck_assert_int_eq(verify_adjust(NULL, &other, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 1);
	d = send;
	ck_assert_int_eq(verify_adjust(NULL, &nx, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 1);
	/* an update the state asks for is never dropped for a known host */
	d = send;
	ck_assert_int_eq(verify_adjust(&r, &holds, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 1);
	/* no answer: exactly as without verify */
	d = send;
	ck_assert_int_eq(verify_adjust(NULL, &failed, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 1);
	d = uptodate;
	ck_assert_int_eq(verify_adjust(&r, &failed, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(verify_adjust(&r, NULL, ADDR, 30, 2000, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 0);
	/* changed behind our back: sent once the answer's TTL has passed */
	d = uptodate;
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 30, 1299, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 0);
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 30, 1300, &d), VERIFY_SEND);
	ck_assert_int_eq(d.send, 1);
	/* ... or min-interval, when longer */
	d = uptodate;
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 600, 1599, &d), VERIFY_KEEP);
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 600, 1600, &d), VERIFY_SEND);
	/* missing record */
	d = uptodate;
	ck_assert_int_eq(verify_adjust(&r, &nx, ADDR, 30, 1059, &d), VERIFY_KEEP);
	ck_assert_int_eq(verify_adjust(&r, &nx, ADDR, 30, 1060, &d), VERIFY_SEND);
	ck_assert_str_eq(d.why, "the live record is missing (verified)");
	/* waiting and locked hosts stay so */
	d = waiting;
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 30, 99999, &d), VERIFY_KEEP);
	ck_assert_int_eq(d.send, 0);
	/* a huge TTL does not overflow */
	other.ttl = UINT32_MAX;
	d = uptodate;
	ck_assert_int_eq(verify_adjust(&r, &other, ADDR, 30, 99999, &d), VERIFY_KEEP);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("verify");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, query_is_rfc8484_base64url);
	tcase_add_test(tc, verify_rule);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/* The DoH query encoding (RFC 8484) and the verify rule, a pure function. */
#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

/* An answer for qname A with flags (QR set for an answer) and one A record, or none. */
static void
answer(struct http_req *r, uint16_t id, uint16_t flags, const char *qname,
    const char *a, uint32_t ttl)
{
	struct buf b = { 0 };
	uint8_t v4[4];

	dns_put16(&b, id);
	dns_put16(&b, flags);
	dns_put16(&b, 1);
	dns_put16(&b, a ? 1 : 0);
	dns_put16(&b, 0);
	dns_put16(&b, 0);
	ck_assert_int_eq(dns_put_name(&b, qname), 0);
	dns_put16(&b, DNS_T_A);
	dns_put16(&b, DNS_C_IN);
	if (a != NULL) {
		dns_put16(&b, 0xc00c);
		dns_put16(&b, DNS_T_A);
		dns_put16(&b, DNS_C_IN);
		dns_put32(&b, ttl);
		dns_put16(&b, 4);
		ck_assert_int_eq(inet_pton(AF_INET, a, v4), 1);
		buf_add(&b, (const char *)v4, 4);
	}
	http_req_reset(r);
	r->status = 200;
	r->resp = b.s;
	r->resp_len = b.len;
}

START_TEST(answers_are_checked)
{
	struct doh q;
	struct http_req r = { 0 };
	struct dns_msg *m = malloc(sizeof(*m));
	char why[200], got[1][ADDR_MAX];

	ck_assert_int_eq(doh_prepare(&q, &r, "https://d.example/", "Nas.Example.com",
	    DNS_T_A, DNS_C_IN), 0);
	answer(&r, 0, 0x8180, "nas.example.com", ADDR, 120);
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), 0);
	ck_assert_int_eq(dns_addrs(m, "nas.example.com", FAM_V4, got, 1), 1);
	ck_assert_str_eq(got[0], ADDR);
	ck_assert_uint_eq(doh_ttl(m), 120);
	/* NXDOMAIN is an answer */
	answer(&r, 0, 0x8183, "nas.example.com", NULL, 0);
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), 0);
	ck_assert_int_eq(m->rcode, DNS_R_NXDOMAIN);
	/* failures: the caller goes on as without an answer */
	answer(&r, 0, 0x8182, "nas.example.com", NULL, 0);
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "SERVFAIL");
	answer(&r, 0, 0x0100, "nas.example.com", ADDR, 1);	/* a query, not an answer */
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	answer(&r, 7, 0x8180, "nas.example.com", ADDR, 1);	/* not our id */
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	answer(&r, 0, 0x8180, "cam.example.com", ADDR, 1);	/* not our question */
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "not an answer to our question");
	answer(&r, 0, 0x8180, "nas.example.com", ADDR, 1);
	r.resp_len -= 3;					/* truncated */
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	r.status = 404;
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "HTTP 404");
	r.failed = 1;
	snprintf(r.err, sizeof(r.err), "timed out");
	ck_assert_int_eq(doh_answer(&q, &r, m, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "timed out");
	http_req_reset(&r);
	doh_free(&q);
	free(m);
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
	tcase_add_test(tc, answers_are_checked);
	tcase_add_test(tc, verify_rule);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

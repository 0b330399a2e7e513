/*
 * Unit tests of the DNS message codec: queries byte for byte, answers with
 * compression and CNAME chains, and hostile messages (pointer loops,
 * forward pointers, truncation, oversized names) refused without reading
 * out of bounds.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

/* A response header for id 0x1234 with the given counts, into b. */
static void
header(struct buf *b, unsigned flags, unsigned qd, unsigned an, unsigned ns, unsigned ar)
{
	dns_put16(b, 0x1234);
	dns_put16(b, flags);
	dns_put16(b, qd);
	dns_put16(b, an);
	dns_put16(b, ns);
	dns_put16(b, ar);
}

/* One record: name as a pointer to offset ptr (or written out), type, rdata. */
static void
record(struct buf *b, int ptr, const char *name, unsigned type, const void *rdata,
    unsigned rdlen)
{
	if (ptr >= 0)
		dns_put16(b, 0xc000 | (unsigned)ptr);
	else
		ck_assert_int_eq(dns_put_name(b, name), 0);
	dns_put16(b, type);
	dns_put16(b, DNS_C_IN);
	dns_put32(b, 300);
	dns_put16(b, rdlen);
	buf_add(b, rdata, rdlen);
}

static int
parse(const struct buf *b, struct dns_msg *m)
{
	char why[100];

	return dns_parse((const uint8_t *)b->s, b->len, m, why, sizeof(why));
}

START_TEST(query_bytes)
{
	static const unsigned char want[] = {
		0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		3, 'n', 'a', 's', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 28, 0, 1,
	};
	struct buf b = { 0 };

	ck_assert_int_eq(dns_query(&b, 0xabcd, "nas.example.com.", DNS_T_AAAA, DNS_C_IN), 0);
	ck_assert_uint_eq(b.len, sizeof(want));
	ck_assert(memcmp(b.s, want, sizeof(want)) == 0);
	buf_free(&b);
}
END_TEST

START_TEST(bad_names_are_refused)
{
	struct buf b = { 0 };
	char label[70], name[300];

	memset(label, 'a', 64);
	label[64] = '\0';
	ck_assert_int_eq(dns_put_name(&b, label), -1);		/* label over 63 */
	ck_assert_int_eq(dns_put_name(&b, "a..b"), -1);		/* empty label */
	memset(name, 'a', sizeof(name) - 1);
	for (size_t i = 60; i < sizeof(name) - 1; i += 61)
		name[i] = '.';
	name[sizeof(name) - 1] = '\0';
	ck_assert_int_eq(dns_put_name(&b, name), -1);		/* name over 255 */
	buf_free(&b);
	ck_assert_int_eq(dns_put_name(&b, "."), 0);		/* the root */
	ck_assert_uint_eq(b.len, 1);
	buf_free(&b);
}
END_TEST

START_TEST(answer_with_compression_and_cname)
{
	static const unsigned char a[4] = { 81, 2, 69, 160 };
	static const unsigned char a6[16] = { 0x2a, 0, 0x14, 0x50, 0x40, 1, 0, 0, 0, 0, 0,
		0, 0, 0, 0x20, 0x0e };
	struct buf b = { 0 }, target = { 0 };
	struct dns_msg m;
	char out[4][ADDR_MAX];

	header(&b, 0x8180, 1, 3, 0, 0);
	ck_assert_int_eq(dns_put_name(&b, "WWW.Example.com"), 0);	/* at 12 */
	dns_put16(&b, DNS_T_A);
	dns_put16(&b, DNS_C_IN);
	/* www.example.com CNAME host.example.com (host + pointer to example.com) */
	buf_add(&target, "\4host\xc0\x10", 7);
	record(&b, 12, NULL, DNS_T_CNAME, target.s, 7);
	record(&b, -1, "host.example.com", DNS_T_A, a, 4);
	record(&b, -1, "host.example.com", DNS_T_AAAA, a6, 16);
	ck_assert_int_eq(parse(&b, &m), 0);
	ck_assert_int_eq(m.rcode, DNS_R_NOERROR);
	ck_assert_str_eq(m.qname, "www.example.com");
	ck_assert_uint_eq(m.nrr, 3);
	ck_assert_uint_eq(dns_addrs(&m, "www.example.com.", FAM_V4, out, 4), 1);
	ck_assert_str_eq(out[0], "81.2.69.160");
	ck_assert_uint_eq(dns_addrs(&m, "WWW.EXAMPLE.COM", FAM_V6, out, 4), 1);
	ck_assert_str_eq(out[0], "2a00:1450:4001::200e");
	ck_assert_uint_eq(dns_addrs(&m, "other.example.com", FAM_V4, out, 4), 0);
	buf_free(&b);
	buf_free(&target);
}
END_TEST

START_TEST(nxdomain_and_txt)
{
	struct buf b = { 0 };
	struct dns_msg m;
	char txt[64];

	header(&b, 0x8183, 1, 0, 0, 0);
	dns_put_name(&b, "gone.example.com");
	dns_put16(&b, DNS_T_A);
	dns_put16(&b, DNS_C_IN);
	ck_assert_int_eq(parse(&b, &m), 0);
	ck_assert_int_eq(m.rcode, DNS_R_NXDOMAIN);
	ck_assert_str_eq(dns_rcode_name(m.rcode), "NXDOMAIN");
	ck_assert_str_eq(dns_rcode_name(15), "rcode 15");
	buf_free(&b);

	header(&b, 0x8180, 0, 1, 0, 0);
	record(&b, -1, "whoami.cloudflare", DNS_T_TXT, "\x0b" "81.2.69.160", 12);
	ck_assert_int_eq(parse(&b, &m), 0);
	ck_assert_int_eq(dns_txt(&m.rr[0], txt, sizeof(txt)), 0);
	ck_assert_str_eq(txt, "81.2.69.160");
	ck_assert_int_eq(dns_txt(&m.rr[0], txt, 5), -1);	/* does not fit */
	buf_free(&b);
}
END_TEST

/* Hostile messages: each must be refused, not looped on or overread. */
START_TEST(hostile_messages)
{
	struct buf b = { 0 };
	struct dns_msg m;
	size_t off;
	char name[DNS_NAME_MAX + 1];

	/* a pointer to itself */
	header(&b, 0x8180, 1, 0, 0, 0);
	buf_add(&b, "\xc0\x0c\0\1\0\1", 6);
	ck_assert_int_eq(parse(&b, &m), -1);
	buf_free(&b);
	/* a pointer forward */
	header(&b, 0x8180, 1, 0, 0, 0);
	buf_add(&b, "\xc0\x20\0\1\0\1", 6);
	ck_assert_int_eq(parse(&b, &m), -1);
	buf_free(&b);
	/* two pointers to each other: the second points back to the first */
	buf_add(&b, "\xc0\x02\xc0\x00", 4);
	off = 2;
	ck_assert_int_eq(dns_get_name((const uint8_t *)b.s, b.len, &off, name), -1);
	buf_free(&b);
	/* a label running past the end */
	header(&b, 0x8180, 1, 0, 0, 0);
	buf_add(&b, "\x3f" "abc", 4);
	ck_assert_int_eq(parse(&b, &m), -1);
	buf_free(&b);
	/* an rdlength past the end */
	header(&b, 0x8180, 0, 1, 0, 0);
	dns_put_name(&b, "a.example.com");
	dns_put16(&b, DNS_T_A);
	dns_put16(&b, DNS_C_IN);
	dns_put32(&b, 1);
	dns_put16(&b, 400);
	buf_add(&b, "\1\2\3\4", 4);
	ck_assert_int_eq(parse(&b, &m), -1);
	buf_free(&b);
	/* more records announced than present */
	header(&b, 0x8180, 0, 5, 0, 0);
	ck_assert_int_eq(parse(&b, &m), -1);
	buf_free(&b);
	/* a query is no answer, and a header is needed */
	header(&b, 0x0100, 0, 0, 0, 0);
	ck_assert_int_eq(parse(&b, &m), -1);
	ck_assert_int_eq(dns_parse((const uint8_t *)"\x12\x34", 2, &m, name, 10), -1);
	buf_free(&b);
}
END_TEST

/* Names that expand past 255 characters through pointers are refused. */
START_TEST(long_names_through_pointers)
{
	struct buf b = { 0 };
	size_t off, prev = 0;
	char name[DNS_NAME_MAX + 1], label[64];

	memset(label + 1, 'x', 62);
	label[0] = 62;
	buf_add(&b, label, 63);
	buf_add(&b, "", 1);
	for (int i = 0; i < 8; i++) {
		size_t here = b.len;

		buf_add(&b, label, 63);
		dns_put16(&b, 0xc000 | (unsigned)prev);
		prev = here;
	}
	off = prev;
	ck_assert_int_eq(dns_get_name((const uint8_t *)b.s, b.len, &off, name), -1);
	off = 0;
	ck_assert_int_eq(dns_get_name((const uint8_t *)b.s, b.len, &off, name), 0);
	ck_assert_uint_eq(strlen(name), 62);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("dns");
	TCase *tc = tcase_create("codec");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, query_bytes);
	tcase_add_test(tc, bad_names_are_refused);
	tcase_add_test(tc, answer_with_compression_and_cname);
	tcase_add_test(tc, nxdomain_and_txt);
	tcase_add_test(tc, hostile_messages);
	tcase_add_test(tc, long_names_through_pointers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

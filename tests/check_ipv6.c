/*
 * IPv6 for the hosts behind the router (nicupdate.conf(5): ipv6-suffix,
 * ipv6-prefix-length, ifv6-address, [PREFIX]): the prefix and suffix
 * arithmetic, the address flags an interface source takes, and runs of the
 * real binary against the loopback fake provider.
 */
#include <check.h>
#include <linux/if_addr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"
#include "ipv6.h"
#include "local.h"

/* prefix + suffix as text, or "-" when refused. */
static const char *
join(const char *addr, int plen, const char *suffix)
{
	static char out[ADDR_MAX];
	unsigned char s[16];
	char why[200];

	if (ipv6_suffix_parse(suffix, plen, s, why, sizeof(why)) == -1 ||
	    ipv6_combine(addr, plen, s, out) == -1)
		return "-";
	return out;
}

START_TEST(prefix_and_literal_suffix)
{
	ck_assert_str_eq(join("2a00:1450:4001:80b::1", 64, "::11"), "2a00:1450:4001:80b::11");
	ck_assert_str_eq(join("2a00:1450:4001:80b:aaaa:bbbb:cccc:dddd", 64, "::a:b:c:d"),
	    "2a00:1450:4001:80b:a:b:c:d");
	/* a /56: the subnet byte comes from the suffix */
	ck_assert_str_eq(join("2a00:1450:4001:8ff:1::1", 56, "0:0:0:5::11"),
	    "2a00:1450:4001:805::11");
}
END_TEST

START_TEST(eui64_from_mac)
{
	unsigned char id[8];

	ck_assert_int_eq(ipv6_eui64("00:11:22:33:44:55", id), 0);
	ck_assert_mem_eq(id, "\x02\x11\x22\xff\xfe\x33\x44\x55", 8);
	/* the universal/local bit is inverted both ways */
	ck_assert_int_eq(ipv6_eui64("02:AB:cd:ef:01:23", id), 0);
	ck_assert_mem_eq(id, "\x00\xab\xcd\xff\xfe\xef\x01\x23", 8);
	ck_assert_str_eq(join("2a00:1450:4001:80b::1", 64, "eui64:00:11:22:33:44:55"),
	    "2a00:1450:4001:80b:211:22ff:fe33:4455");
}
END_TEST

START_TEST(bad_suffixes_are_refused)
{
	static const char *bad[] = {
		"::", "nas", "1.2.3.4", "2a00::11", "::1:0:0:0:0",
		"eui64:00:11:22:33:44", "eui64:00:11:22:33:44:55:66", "eui64:0:11:22:33:44:55",
		"eui64:00-11-22-33-44-55", "eui64:00:11:22:33:44:5g", "eui64:", "::11 x",
	};
	unsigned char s[16];
	char why[200];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ipv6_suffix_parse(bad[i], 64, s, why, sizeof(why)) == -1,
		    "%s accepted", bad[i]);
	/* fits a /64's host part, not a /56's... the other way round */
	ck_assert_int_eq(ipv6_suffix_parse("0:0:0:5::11", 64, s, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "does not fit in the last 64 bits"));
	ck_assert_int_eq(ipv6_suffix_parse("0:0:0:5::11", 56, s, why, sizeof(why)), 0);
}
END_TEST

START_TEST(prefix_in_cidr_form)
{
	char out[IPV6_CIDR_MAX];

	ck_assert_int_eq(ipv6_prefix("2a00:1450:4001:80b:1:2:3:4", 64, out), 0);
	ck_assert_str_eq(out, "2a00:1450:4001:80b::/64");
	ck_assert_int_eq(ipv6_prefix("2a00:1450:4001:8ff::1", 56, out), 0);
	ck_assert_str_eq(out, "2a00:1450:4001:800::/56");
	ck_assert_int_eq(ipv6_prefix("81.2.69.160", 64, out), -1);
}
END_TEST

START_TEST(suffix_list_per_host)
{
	struct strlist l = { 0 }, hosts = { 0 };
	char why[200];

	strlist_split(&hosts, "nas.example.com, cam.example.com, web.example.com");
	strlist_split(&l, "NAS.example.com = ::11, cam.example.com=eui64:00:11:22:33:44:55, ::99");
	ck_assert_int_eq(ipv6_suffix_check(&l, &hosts, 64, why, sizeof(why)), 0);
	ck_assert_str_eq(ipv6_suffix_for(&l, "nas.example.com"), "::11");
	ck_assert_str_eq(ipv6_suffix_for(&l, "cam.example.com"), "eui64:00:11:22:33:44:55");
	ck_assert_str_eq(ipv6_suffix_for(&l, "web.example.com"), "::99");
	strlist_free(&l);

	strlist_split(&l, "nas.example.com=::11");
	ck_assert_ptr_null(ipv6_suffix_for(&l, "cam.example.com"));
	strlist_free(&l);

	strlist_split(&l, "printer.example.com=::11");
	ck_assert_int_eq(ipv6_suffix_check(&l, &hosts, 64, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "printer.example.com: not one of this profile's hosts");
	strlist_free(&l);

	strlist_split(&l, "nas.example.com=::11, NAS.example.com=::12");
	ck_assert_int_eq(ipv6_suffix_check(&l, &hosts, 64, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "NAS.example.com: given two suffixes");
	strlist_free(&l);

	strlist_split(&l, "::11, ::12");
	ck_assert_int_eq(ipv6_suffix_check(&l, &hosts, 64, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "more than one suffix without a host");
	strlist_free(&l);

	strlist_split(&l, "nas.example.com=");
	ck_assert_int_eq(ipv6_suffix_check(&l, &hosts, 64, why, sizeof(why)), -1);
	strlist_free(&l);
	strlist_free(&hosts);
}
END_TEST

START_TEST(stable_or_temporary_flags)
{
	ck_assert_int_eq(local_flags_ok(0, 0), 1);
	ck_assert_int_eq(local_flags_ok(IFA_F_PERMANENT | IFA_F_MANAGETEMPADDR, 0), 1);
	ck_assert_int_eq(local_flags_ok(IFA_F_TEMPORARY, 0), 0);
	ck_assert_int_eq(local_flags_ok(IFA_F_TEMPORARY, 1), 1);
	ck_assert_int_eq(local_flags_ok(0, 1), 0);
	for (int t = 0; t < 2; t++) {
		unsigned int base = t ? IFA_F_TEMPORARY : 0;

		ck_assert_int_eq(local_flags_ok(base | IFA_F_DEPRECATED, t), 0);
		ck_assert_int_eq(local_flags_ok(base | IFA_F_TENTATIVE, t), 0);
		ck_assert_int_eq(local_flags_ok(base | IFA_F_DADFAILED, t), 0);
		ck_assert_int_eq(local_flags_ok(base | IFA_F_OPTIMISTIC, t), 0);
	}
}
END_TEST

/* ---- runs of the real binary ---- */

#define PASSWORD "v6-s3cret-pw"

static struct fake fk;

static const char *
v6conf(const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = " PASSWORD "\n"
	    "hosts = nas.example.com, cam.example.com\nusev4 = disabled\nusev6 = ipv6\n"
	    "ipv6 = 2a00:1450:4001:80b::1\n%s",
	    tdir(), fk.base, extra);
	return tfile("nicupdate.conf", text);
}

static void
setup(void)
{
	tsecret(PASSWORD);
	fake_start(&fk, "{\"users\": {\"alice\": \"" PASSWORD "\"},"
	    " \"hosts\": [\"nas.example.com\", \"cam.example.com\"],"
	    " \"routes\": {\"/dynv6\": {\"body\": \"addresses updated\\n\"}}}", NULL, 0);
}

static void
teardown(void)
{
	fake_stop(&fk);
}

START_TEST(two_suffixes_send_two_requests)
{
	struct outcome o;
	const char *c = v6conf("min-interval = 0\nipv6-suffix = nas.example.com=::11, "
	    "cam.example.com=eui64:00:11:22:33:44:55\n");

	nic_run(&o, "-c", c, "--ip", "2a00:1450:4001:80b::1", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=nas.example.com"
	    "&myip=2a00:1450:4001:80b::11\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=cam.example.com"
	    "&myip=2a00:1450:4001:80b:211:22ff:fe33:4455\t"), 1);
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);

	/* recorded per host: nothing to send again */
	nic_run(&o, "-c", c, "--ip", "2a00:1450:4001:80b::1", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);

	/* a new prefix moves both */
	nic_run(&o, "-c", c, "--ip", "2a00:1450:4001:80c::1", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "myip=2a00:1450:4001:80c::11\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "myip=2a00:1450:4001:80c:211:22ff:fe33:4455\t"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(one_suffix_for_all_hosts_is_one_request)
{
	struct outcome o;

	nic_run(&o, "-c", v6conf("ipv6-suffix = ::11\n"), "--ip", "2a00:1450:4001:80b::1",
	    NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=cam.example.com,"
	    "nas.example.com&myip=2a00:1450:4001:80b::11\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(bad_suffix_config_exits_78)
{
	struct outcome o;

	nic_run(&o, "-c", v6conf("ipv6-prefix-length = 56\n"
	    "ipv6-suffix = nas.example.com=::11, cam.example.com=::1:0:0:0:0:11\n"), "--ip",
	    "2a00:1450:4001:80b::1", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "nicupdate.conf:14: [home]: ipv6-suffix: "
	    "\"::1:0:0:0:0:11\": does not fit in the last 72 bits (ipv6-prefix-length 56)"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);

	nic_run(&o, "-c", v6conf("ipv6-prefix-length = 72\n"), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "ipv6-prefix-length: \"72\" is not a number "
	    "from 48 to 64"));
	outcome_free(&o);

	nic_run(&o, "-c", v6conf("ifv6-address = privacy\n"), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "ifv6-address: unknown \"privacy\" (use "
	    "stable or temporary)"));
	outcome_free(&o);
}
END_TEST

START_TEST(custom_prefix_placeholder_reaches_the_provider)
{
	struct outcome o;
	char extra[600];

	snprintf(extra, sizeof(extra), "protocol = custom\nurl = %s/dynv6?hostname=[DOMAIN]"
	    "&ipv6=[IP]&ipv6prefix=[PREFIX]&p=%%P\nsuccess = updated\nipv6-prefix-length = 56\n"
	    "ipv6-suffix = ::11\n", fk.base);
	nic_run(&o, "-c", v6conf(extra), "--ip", "2a00:1450:4001:8ff::1", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/dynv6?hostname=nas.example.com"
	    "&ipv6=2a00%3A1450%3A4001%3A800%3A%3A11"
	    "&ipv6prefix=2a00%3A1450%3A4001%3A800%3A%3A%2F56"
	    "&p=2a00%3A1450%3A4001%3A800%3A%3A%2F56\t"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(example_is_valid)
{
	char path[700], *text, *line;
	const char *pwfile = tfile("pw", "s3cret\n");
	struct buf conf = { 0 };
	struct outcome o;

	snprintf(path, sizeof(path), "%s/ipv6-hosts.conf", getenv("EXAMPLES"));
	text = slurp(path);
	ck_assert_msg(text != NULL, "%s missing", path);
	for (char *p = text; (line = strsep(&p, "\n")) != NULL;)
		if (strncmp(line, "password-file = ", 16) == 0)
			buf_printf(&conf, "password-file = %s\n", pwfile);
		else
			buf_printf(&conf, "%s\n", line);
	nic_run(&o, "-c", tfile("example.conf", conf.s), "--check-config", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);
	free(text);
	buf_free(&conf);
}
END_TEST

/*
 * An interface with a stable address the kernel makes temporary addresses
 * from (mngtmpaddr, use_tempaddr = 2), in a network namespace of the
 * test's own (root only): ifv6-address picks one or the other.
 */
START_TEST(interface_stable_or_temporary)
{
	const char *conf = tfile("if.conf", "[p]\nlogin = u\npassword = pw\n"
	    "hosts = a.example.com\nusev4 = disabled\nusev6 = ifv6\nifv6 = lo\n\n"
	    "[t]\nlogin = u\npassword = pw\nhosts = b.example.com\nusev4 = disabled\n"
	    "usev6 = ifv6\nifv6 = lo\nifv6-address = temporary\n");
	char cmd[2048], out[700], *text, *t;
	int rc;

	if (geteuid() != 0 || system("unshare -n true 2>/dev/null") != 0) {
		printf("interface_stable_or_temporary: needs root and unshare: skipped\n");
		return;
	}
	snprintf(out, sizeof(out), "%s/query.out", tdir());
	/* exit 3: this kernel makes no temporary address here */
	snprintf(cmd, sizeof(cmd), "unshare -n sh -c '{ ip link set lo up && "
	    "sysctl -qw net.ipv6.conf.lo.use_tempaddr=2 && "
	    "ip -6 addr add 2a00:1450:4001:80b::11/64 dev lo mngtmpaddr nodad && "
	    "ip -6 addr show dev lo | grep -q temporary; } || exit 3; "
	    "\"$0\" -c \"$1\" --query >\"$2\" 2>&1' '%s' '%s' '%s'",
	    getenv("NICUPDATE_BIN"), conf, out);
	rc = system(cmd);
	if (WIFEXITED(rc) && WEXITSTATUS(rc) == 3) {
		printf("interface_stable_or_temporary: no temporary address: skipped\n");
		return;
	}
	ck_assert_int_eq(rc, 0);
	text = slurp(out);
	t = strstr(text, "IPv6 for [t]");
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(strstr(text, "IPv6 for [p]:"));
	/* [p] is listed first: its answer is the stable address */
	ck_assert_ptr_nonnull(strstr(text, "=> 2a00:1450:4001:80b::11\n"));
	ck_assert(strstr(text, "=> 2a00:1450:4001:80b::11\n") < t);
	ck_assert_ptr_nonnull(strstr(t, "=> 2a00:1450:4001:80b:"));
	ck_assert_ptr_null(strstr(t, "=> 2a00:1450:4001:80b::11"));
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ipv6");
	TCase *unit = tcase_create("arithmetic"), *run = tcase_create("run");
	SRunner *sr;
	int failed;

	tcase_add_test(unit, prefix_and_literal_suffix);
	tcase_add_test(unit, eui64_from_mac);
	tcase_add_test(unit, bad_suffixes_are_refused);
	tcase_add_test(unit, prefix_in_cidr_form);
	tcase_add_test(unit, suffix_list_per_host);
	tcase_add_test(unit, stable_or_temporary_flags);
	suite_add_tcase(s, unit);
	tcase_add_unchecked_fixture(run, fake_share, fake_unshare);
	tcase_add_checked_fixture(run, setup, teardown);
	tcase_set_timeout(run, 30);
	tcase_add_test(run, two_suffixes_send_two_requests);
	tcase_add_test(run, one_suffix_for_all_hosts_is_one_request);
	tcase_add_test(run, bad_suffix_config_exits_78);
	tcase_add_test(run, custom_prefix_placeholder_reaches_the_provider);
	tcase_add_test(run, example_is_valid);
	tcase_add_test(run, interface_stable_or_temporary);
	suite_add_tcase(s, run);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/*
 * interface (nicupdate.conf(5)): each profile's detection and update leave
 * from its own source address. Runs in a private network namespace with
 * the addresses on its loopback; needs root (skipped otherwise, exit 77).
 */
#include <check.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define WAN1 "192.0.2.1"
#define WAN2 "198.51.100.1"
#define SERVER "203.0.113.1"
#define PASSWORD "s3cret-bind-pw"

static struct fake fk;

static const char *
conf(const char *itf1, const char *itf2)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n"
	    "allow-private = yes\ninsecure-http = yes\nserver = %s\nlogin = alice\npassword = %s\n"
	    "webv4 = %s/ip\n\n"
	    "[wan1]\nhosts = one.example.com\ninterface = %s\n\n"
	    "[wan2]\nhosts = two.example.com\ninterface = %s\n\n"
	    "[plain]\nhosts = three.example.com\n",
	    tdir(), fk.base, PASSWORD, fk.base, itf1, itf2);
	return tfile("nicupdate.conf", text);
}

static void
start(void)
{
	tsecret(PASSWORD);
	fake_start(&fk, "{\"users\": {\"alice\": \"" PASSWORD "\"}, \"log_client\": true,"
	    " \"hosts\": [\"one.example.com\", \"two.example.com\","
	    " \"three.example.com\"],"
	    " \"routes\": {\"/ip\": {\"echo_client\": true}}}", SERVER, 0);
}

START_TEST(each_profile_detects_and_updates_through_its_own_address)
{
	struct outcome o;

	start();
	nic_run(&o, "-c", conf(WAN1, WAN2), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	/* not one shared detection: each profile saw its own address */
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 3);
	ck_assert_int_eq(fake_count(&fk, "\t" WAN1), 2);
	ck_assert_int_eq(fake_count(&fk, "\t" WAN2), 2);
	/* an unbound profile never reuses a bound connection */
	ck_assert_int_eq(fake_count(&fk, "\t" SERVER), 2);
	ck_assert_int_eq(fake_count(&fk, "hostname=one.example.com&myip=" WAN1), 1);
	ck_assert_int_eq(fake_count(&fk, "hostname=two.example.com&myip=" WAN2), 1);
	ck_assert_ptr_nonnull(strstr(o.out, "wan1/one.example.com: IPv4 " WAN1 " (good)"));
	ck_assert_ptr_nonnull(strstr(o.out, "wan2/two.example.com: IPv4 " WAN2 " (good)"));
	outcome_free(&o);
	fake_stop(&fk);
}
END_TEST

START_TEST(a_missing_interface_is_a_temporary_failure)
{
	struct outcome o;

	start();
	nic_run(&o, "-c", conf(WAN1, "wan9"), NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_msg(strstr(o.err, "interface wan9") != NULL, "stderr: %s", o.err);
	ck_assert_ptr_nonnull(strstr(o.out, "wan1/one.example.com: IPv4 " WAN1 " (good)"));
	outcome_free(&o);
	fake_stop(&fk);
}
END_TEST

START_TEST(a_bad_interface_value_is_a_config_error)
{
	struct outcome o;

	start();
	nic_run(&o, "-c", conf(WAN1, "eth0;rm"), NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_msg(strstr(o.err, "interface: \"eth0;rm\" is neither") != NULL,
	    "stderr: %s", o.err);
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
	outcome_free(&o);
	fake_stop(&fk);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("bind");
	TCase *tc = tcase_create("bind");
	SRunner *sr;
	int failed;

	if (geteuid() != 0 || unshare(CLONE_NEWNET) == -1) {
		printf("check_bind: needs root and a private network namespace: skipped\n");
		return 77;
	}
	if (system("ip link set lo up && ip addr add " WAN1 "/32 dev lo && "
	    "ip addr add " WAN2 "/32 dev lo && ip addr add " SERVER "/32 dev lo") != 0) {
		printf("check_bind: cannot set up the namespace with ip(8): skipped\n");
		return 77;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, each_profile_detects_and_updates_through_its_own_address);
	tcase_add_test(tc, a_missing_interface_is_a_temporary_failure);
	tcase_add_test(tc, a_bad_interface_value_is_a_config_error);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/*
 * interface (nicupdate.conf(5)): each profile's detection, verify lookups
 * and update leave from its own source address. Runs in a private network
 * namespace with the addresses on its loopback, and two veth pairs for
 * binding by name; needs root (skipped otherwise, exit 77, which fails
 * under CI).
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
/*
 * Two veth pairs, nb1-nb1p and nb2-nb2p: a request bound to nb1 leaves
 * through nb1 from NB1's address and comes back in through nb1p to
 * NSERVER; unbound, it would go through loopback from NSERVER itself.
 */
#define NB1 "192.0.2.65"
#define NB2 "198.51.100.65"
#define NSERVER "203.0.113.65"
#define VETH "ip link add nb1 type veth peer name nb1p && " \
	"ip link add nb2 type veth peer name nb2p && " \
	"for d in nb1 nb1p nb2 nb2p; do ip link set $d up || exit; done && " \
	"ip addr add " NB1 "/32 dev nb1 && ip addr add " NB2 "/32 dev nb2 && " \
	"ip addr add " NSERVER "/32 dev nb1p && " \
	"for c in all default nb1p nb2p; do " \
	"echo 1 > /proc/sys/net/ipv4/conf/$c/accept_local || exit; done"

/* IPv6 on the loopback: a second WAN's address, and a server to ask */
#define V6WAN "2001:db8:2::1"
#define V6SERVER "2001:db8:3::1"

static struct fake fk, dns, fk6;
static int have_veth;		/* the veth pairs could be made */
static int have_v6;		/* the IPv6 addresses could be added */

/* The profiles in body, after a [global] with webv4 = web and extra. */
static const char *
conf_text(const char *web, const char *extra, const char *body)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n"
	    "allow-private = yes\ninsecure-http = yes\nserver = %s\nlogin = alice\npassword = %s\n"
	    "webv4 = %s\n%s\n%s", tdir(), fk.base, PASSWORD, web, extra, body);
	return tfile("nicupdate.conf", text);
}

/* Profiles wan1 and wan2 bound to itf1 and itf2, and plain; web is webv4. */
static const char *
conf_web(const char *itf1, const char *itf2, const char *web, const char *extra)
{
	char body[300];

	snprintf(body, sizeof(body), "[wan1]\nhosts = one.example.com\ninterface = %s\n\n"
	    "[wan2]\nhosts = two.example.com\ninterface = %s\n\n"
	    "[plain]\nhosts = three.example.com\n", itf1, itf2);
	return conf_text(web, extra, body);
}

static const char *
conf(const char *itf1, const char *itf2)
{
	char web[200];

	snprintf(web, sizeof(web), "%s/ip", fk.base);
	return conf_web(itf1, itf2, web, "");
}

/* The fake provider on address at. */
static void
start_at(const char *at)
{
	tsecret(PASSWORD);
	fake_start(&fk, "{\"users\": {\"alice\": \"" PASSWORD "\"}, \"log_client\": true,"
	    " \"hosts\": [\"one.example.com\", \"two.example.com\","
	    " \"three.example.com\", \"four.example.com\"],"
	    " \"routes\": {\"/ip\": {\"echo_client\": true}}}", at, 0);
}

static void
start(void)
{
	start_at(SERVER);
}

/*
 * The fake provider, and a DoH resolver on SERVER that names 81.2.69.170
 * whoami.test: web (200 bytes) asks it, extra (200) verifies with it.
 */
static void
start_doh(char *web, char *extra)
{
	char json[700];

	start();
	snprintf(json, sizeof(json), "{\"zone_file\": \"%s\"}", tfile("zone.json",
	    "{\"whoami.test\": {\"A\": [\"81.2.69.170\"]}}"));
	fakedns_start(&dns, json, SERVER, 0);
	snprintf(web, 200, "dns:whoami.test/A@%s/dns-query", dns.base);
	snprintf(extra, 200, "verify = doh\ndoh = %s/dns-query\n", dns.base);
}

/*
 * The run o detected and updated wan1 from a1 and wan2 from a2, and the
 * plain profile from the server's own address at.
 */
static void
left_from(struct outcome *o, const char *a1, const char *a2, const char *at)
{
	char want[200];

	ck_assert_msg(o->rc == 0, "rc %d: %s", o->rc, o->err);
	/* not one shared detection: each profile saw its own address */
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 3);
	snprintf(want, sizeof(want), "\t%s", a1);
	ck_assert_int_eq(fake_count(&fk, want), 2);
	snprintf(want, sizeof(want), "\t%s", a2);
	ck_assert_int_eq(fake_count(&fk, want), 2);
	/* an unbound profile never reuses a bound connection */
	snprintf(want, sizeof(want), "\t%s", at);
	ck_assert_int_eq(fake_count(&fk, want), 2);
	snprintf(want, sizeof(want), "hostname=one.example.com&myip=%s", a1);
	ck_assert_int_eq(fake_count(&fk, want), 1);
	snprintf(want, sizeof(want), "hostname=two.example.com&myip=%s", a2);
	ck_assert_int_eq(fake_count(&fk, want), 1);
	snprintf(want, sizeof(want), "wan1/one.example.com: IPv4 %s (good)", a1);
	ck_assert_ptr_nonnull(strstr(o->out, want));
	snprintf(want, sizeof(want), "wan2/two.example.com: IPv4 %s (good)", a2);
	ck_assert_ptr_nonnull(strstr(o->out, want));
	outcome_free(o);
}

START_TEST(each_profile_detects_and_updates_through_its_own_address)
{
	struct outcome o;

	start();
	nic_run(&o, "-c", conf(WAN1, WAN2), NULL);
	left_from(&o, WAN1, WAN2, SERVER);
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

START_TEST(verify_and_dns_detection_leave_through_the_interface)
{
	char web[200], extra[200];
	struct outcome o;

	start_doh(web, extra);
	nic_run(&o, "-c", conf_web(WAN1, WAN2, web, extra), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
	/* one detection per interface: the plain profile's is the loopback's */
	ck_assert_int_eq(fake_count(&dns, "\twhoami.test\tA\tIN\t"), 3);
	ck_assert_int_eq(fake_count(&dns, "\twhoami.test\tA\tIN\t"
	    "application/dns-message\th1:" WAN1 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\twhoami.test\tA\tIN\t"
	    "application/dns-message\th1:" WAN2 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tone.example.com\tA\tIN\t"
	    "application/dns-message\th1:" WAN1 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\ttwo.example.com\tA\tIN\t"
	    "application/dns-message\th1:" WAN2 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tthree.example.com\tA\tIN\t"
	    "application/dns-message\th1:" SERVER ":"), 1);
	ck_assert_int_eq(fake_count(&fk, "myip=81.2.69.170"), 3);
	fake_stop(&dns);
	fake_stop(&fk);
}
END_TEST

START_TEST(plain_dns_detection_leaves_through_the_interface)
{
	char json[700], web[200];
	struct outcome o;

	start();
	/* as Google's name servers: the asker's address */
	snprintf(json, sizeof(json), "{\"plain\": true, \"zone_file\": \"%s\"}",
	    tfile("zone.json", "{\"o-o.myaddr.l.google.com\": {\"TXT\": [\"$client\"]}}"));
	fakedns_start(&dns, json, SERVER, 0);
	snprintf(web, sizeof(web), "dns:o-o.myaddr.l.google.com/TXT@dns://" SERVER ":%d",
	    dns.port);
	nic_run(&o, "-c", conf_web(WAN1, WAN2, web, ""), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&dns, "\tudp:" WAN1 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tudp:" WAN2 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tudp:" SERVER ":"), 1);
	ck_assert_int_eq(fake_count(&fk, "hostname=one.example.com&myip=" WAN1), 1);
	ck_assert_int_eq(fake_count(&fk, "hostname=two.example.com&myip=" WAN2), 1);
	ck_assert_int_eq(fake_count(&fk, "hostname=three.example.com&myip=" SERVER), 1);
	fake_stop(&dns);
	fake_stop(&fk);
}
END_TEST

/* Requests from client from whose target holds what (a detection's path, an update's query). */
static int
from(const char *what, const char *client)
{
	char *log = fake_log(&fk), *save = NULL, tail[64];
	size_t nt = (size_t)snprintf(tail, sizeof(tail), "\t%s", client);
	int n = 0;

	for (char *l = strtok_r(log, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		n += strstr(l, what) != NULL && strlen(l) >= nt &&
		    strcmp(l + strlen(l) - nt, tail) == 0;
	free(log);
	return n;
}

/*
 * webv4-interface (nicupdate.conf(5)): double NAT, the public address
 * learnt through one uplink and the update sent through another.
 */
START_TEST(webv4_interface_detects_from_one_address_and_updates_from_another)
{
	char web[200];
	struct outcome o;

	start();
	snprintf(web, sizeof(web), "%s/ip", fk.base);
	nic_run(&o, "-c", conf_text(web, "", "[split]\nhosts = one.example.com\n"
	    "interface = " WAN1 "\nwebv4-interface = " WAN2 "\n"), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	ck_assert_ptr_nonnull(strstr(o.out, "split/one.example.com: IPv4 " WAN2 " (good)"));
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 1);
	ck_assert_int_eq(from("GET\t/ip\t", WAN2), 1);
	ck_assert_int_eq(fake_count(&fk, "hostname=one.example.com&"), 1);
	ck_assert_int_eq(from("hostname=one.example.com&myip=" WAN2 "\t", WAN1), 1);
	fake_stop(&fk);
}
END_TEST

/*
 * Profiles share a detection when their binding for the family is the
 * same, whatever their interface: p1 and p2 both detect through WAN2; p3
 * has p2's interface but detects through WAN1; p4 is unbound.
 */
START_TEST(detections_are_shared_by_their_binding_alone)
{
	char web[200];
	struct outcome o;

	start();
	snprintf(web, sizeof(web), "%s/ip", fk.base);
	nic_run(&o, "-c", conf_text(web, "",
	    "[p1]\nhosts = one.example.com\ninterface = " WAN1 "\n"
	    "webv4-interface = " WAN2 "\n\n"
	    "[p2]\nhosts = two.example.com\ninterface = " WAN2 "\n\n"
	    "[p3]\nhosts = three.example.com\ninterface = " WAN2 "\n"
	    "webv4-interface = " WAN1 "\n\n"
	    "[p4]\nhosts = four.example.com\n"), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 3);
	ck_assert_int_eq(from("GET\t/ip\t", WAN2), 1);
	ck_assert_int_eq(from("GET\t/ip\t", WAN1), 1);
	ck_assert_int_eq(from("GET\t/ip\t", SERVER), 1);
	ck_assert_int_eq(fake_count(&fk, "myip="), 4);
	ck_assert_int_eq(from("hostname=one.example.com&myip=" WAN2 "\t", WAN1), 1);
	ck_assert_int_eq(from("hostname=two.example.com&myip=" WAN2 "\t", WAN2), 1);
	ck_assert_int_eq(from("hostname=three.example.com&myip=" WAN1 "\t", WAN2), 1);
	ck_assert_int_eq(from("hostname=four.example.com&myip=" SERVER "\t", SERVER), 1);
	fake_stop(&fk);
}
END_TEST

/* dns: detection goes through webv4-interface, verify lookups through interface. */
START_TEST(webv4_interface_binds_dns_detection_but_not_verify)
{
	char web[200], extra[200];
	struct outcome o;

	start_doh(web, extra);
	nic_run(&o, "-c", conf_text(web, extra, "[split]\nhosts = one.example.com\n"
	    "interface = " WAN1 "\nwebv4-interface = " WAN2 "\n"), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&dns, "\twhoami.test\tA\tIN\t"), 1);
	ck_assert_int_eq(fake_count(&dns, "\twhoami.test\tA\tIN\t"
	    "application/dns-message\th1:" WAN2 ":"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tone.example.com\tA\tIN\t"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tone.example.com\tA\tIN\t"
	    "application/dns-message\th1:" WAN1 ":"), 1);
	ck_assert_int_eq(from("hostname=one.example.com&myip=81.2.69.170\t", WAN1), 1);
	fake_stop(&dns);
	fake_stop(&fk);
}
END_TEST

/*
 * One profile publishes the IPv4 address of its interface's uplink and
 * the IPv6 address of another: webv6-interface binds IPv6 detection alone.
 */
START_TEST(webv6_interface_binds_ipv6_detection_alone)
{
	char web[200], extra[300];
	struct outcome o;

	if (!have_v6) {
		tskip("cannot add IPv6 addresses in the namespace (ip -6 addr add)");
		return;
	}
	start();
	fake_start(&fk6, "{\"log_client\": true, \"routes\": {\"/ip\": "
	    "{\"echo_client\": true}}}", V6SERVER, 0);
	snprintf(web, sizeof(web), "%s/ip", fk.base);
	snprintf(extra, sizeof(extra), "usev6 = webv6\nwebv6 = %s/ip\n", fk6.base);
	nic_run(&o, "-c", conf_text(web, extra, "[dual]\nhosts = one.example.com\n"
	    "interface = " WAN1 "\nwebv6-interface = " V6WAN "\n"), NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
	ck_assert_int_eq(from("GET\t/ip\t", WAN1), 1);
	ck_assert_int_eq(fake_count(&fk6, "GET\t/ip\t"), 1);
	ck_assert_int_eq(fake_count(&fk6, "\t" V6WAN), 1);
	/* both updates through interface, over IPv4 */
	ck_assert_int_eq(fake_count(&fk, "hostname=one.example.com&"), 2);
	ck_assert_int_eq(from("hostname=one.example.com&myip=" WAN1 "\t", WAN1), 1);
	ck_assert_int_eq(from("hostname=one.example.com&myip=" V6WAN "\t", WAN1), 1);
	fake_stop(&fk6);
	fake_stop(&fk);
}
END_TEST

START_TEST(binding_by_name_leaves_through_that_interface)
{
	struct outcome o;

	if (!have_veth) {
		tskip("cannot make veth pairs in the namespace (ip link add type veth)");
		return;
	}
	start_at(NSERVER);
	nic_run(&o, "-c", conf("nb1", "nb2"), NULL);
	left_from(&o, NB1, NB2, NSERVER);
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
	have_veth = system(VETH) == 0;
	have_v6 = system("ip -6 addr add " V6WAN "/128 dev lo nodad && "
	    "ip -6 addr add " V6SERVER "/128 dev lo nodad") == 0;
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, each_profile_detects_and_updates_through_its_own_address);
	tcase_add_test(tc, a_missing_interface_is_a_temporary_failure);
	tcase_add_test(tc, a_bad_interface_value_is_a_config_error);
	tcase_add_test(tc, verify_and_dns_detection_leave_through_the_interface);
	tcase_add_test(tc, plain_dns_detection_leaves_through_the_interface);
	tcase_add_test(tc, binding_by_name_leaves_through_that_interface);
	tcase_add_test(tc, webv4_interface_detects_from_one_address_and_updates_from_another);
	tcase_add_test(tc, detections_are_shared_by_their_binding_alone);
	tcase_add_test(tc, webv4_interface_binds_dns_detection_but_not_verify);
	tcase_add_test(tc, webv6_interface_binds_ipv6_detection_alone);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return tsuite_status(failed);
}

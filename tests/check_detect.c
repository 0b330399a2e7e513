/*
 * Address detection against loopback echo endpoints: body formats, range
 * checks, hedged racing with a hanging endpoint, family forcing, and the
 * local sources (interfaces and commands).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "detect.h"
#include "harness.h"
#include "http.h"
#include "local.h"
#include "log.h"
#include "util.h"

static struct fake fk;

#define ROUTES \
	"{\"routes\": {" \
	"\"/plain\": {\"body\": \"81.2.69.160\\n\"}," \
	"\"/plain2\": {\"body\": \"81.2.69.161\"}," \
	"\"/html\": {\"body\": \"<html><head><title>Current IP Check</title></head>" \
	"<body>Current IP Address: 81.2.69.162</body></html>\"}," \
	"\"/trace\": {\"body\": \"fl=28f123\\nh=1.1.1.1\\nip=81.2.69.163\\n" \
	"ts=1700000000.123\\nvisit_scheme=https\\nuag=Mozilla/5.0\\ncolo=AMS\\n" \
	"tls=TLSv1.3\\nwarp=off\\n\"}," \
	"\"/garbage\": {\"body\": \"<h1>Welcome to the captive portal</h1>\"}," \
	"\"/private\": {\"body\": \"192.168.1.10\"}," \
	"\"/cgnat\": {\"body\": \"100.64.0.1\"}," \
	"\"/two\": {\"body\": \"81.2.69.160 81.2.69.161\"}," \
	"\"/huge\": {\"size\": 20000000}," \
	"\"/endless\": {\"chunked_endless\": true}," \
	"\"/error\": {\"status\": 500, \"body\": \"81.2.69.160\"}," \
	"\"/hang\": {\"hang\": true}," \
	"\"/v6\": {\"body\": \"2a00:1450:4001:80b::200e\\n\"}," \
	"\"/v6ula\": {\"body\": \"fd00::1\\n\"}" \
	"}}"

/* One profile whose family f is found with the given source lines. */
static struct config cfg;

static const struct profile *
profile(const char *source)
{
	char text[2048];

	config_free(&cfg);
	snprintf(text, sizeof(text), "[global]\ntimeout = 5s\n[p]\nlogin = u\n"
	    "password = pw\nhosts = h.example.com\n%s", source);
	ck_assert_int_eq(config_load_string(&cfg, "test.conf", text), 0);
	return &cfg.prof[0];
}

/* Detect family f for the profile; returns the detection (report kept). */
static struct detection det;

static const char *
detect(enum fam f, const char *source, long hedge_ms)
{
	detection_free(&det);
	memset(&det, 0, sizeof(det));
	det.fam = f;
	det.p = profile(source);
	detect_run(&det, 1, hedge_ms);
	return det.addr;
}

static const char *
web4(const char *paths)
{
	static char line[1024];
	char copy[512], *save = NULL;
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", paths);
	n += (size_t)snprintf(line, sizeof(line), "webv4 = ");
	for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s%s",
		    n > 8 ? ", " : "", fk.base, p);
	snprintf(line + n, sizeof(line) - n, "\n");
	return line;
}

static void
setup(void)
{
	ck_assert_int_eq(http_init(), 0);
	log_verbosity = 0;
	fake_start(&fk, ROUTES, NULL, 0);
}

static void
teardown(void)
{
	fake_stop(&fk);
	detection_free(&det);
	config_free(&cfg);
	http_cleanup();
}

START_TEST(plain_text)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/plain"), 1000), "81.2.69.160");
}
END_TEST

START_TEST(checkip_html_with_skip)
{
	char src[1200];

	snprintf(src, sizeof(src), "%swebv4-skip = Current IP Address:\n", web4("/html"));
	ck_assert_str_eq(detect(FAM_V4, src, 1000), "81.2.69.162");
}
END_TEST

START_TEST(cloudflare_trace_uses_ip_line)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/trace"), 1000), "81.2.69.163");
}
END_TEST

START_TEST(garbage_is_rejected)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/garbage"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "rejected: no IPv4 address"));
}
END_TEST

START_TEST(private_and_cgnat_are_rejected_unless_allowed)
{
	char src[1200];

	ck_assert_str_eq(detect(FAM_V4, web4("/private"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "192.168.1.10 is a private address"));
	ck_assert_str_eq(detect(FAM_V4, web4("/cgnat"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "CGNAT"));
	snprintf(src, sizeof(src), "%sallow-private = yes\n", web4("/private"));
	ck_assert_str_eq(detect(FAM_V4, src, 1000), "192.168.1.10");
}
END_TEST

START_TEST(two_addresses_are_rejected)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/two"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "more than one IPv4 address"));
}
END_TEST

START_TEST(huge_and_endless_bodies_are_cut)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/huge"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "larger than 65536 bytes"));
	ck_assert_str_eq(detect(FAM_V4, web4("/endless"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "larger than 65536 bytes"));
}
END_TEST

START_TEST(http_error_falls_through_to_the_next_endpoint)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/error,/plain2"), 100000), "81.2.69.161");
	ck_assert_ptr_nonnull(strstr(det.report.s, "/error: rejected: HTTP 500"));
}
END_TEST

START_TEST(hanging_endpoint_costs_only_the_hedge_delay)
{
	long long t0 = now_ms(), elapsed;

	ck_assert_str_eq(detect(FAM_V4, web4("/hang,/plain"), 300), "81.2.69.160");
	elapsed = now_ms() - t0;
	/* generous bound: hedge 300 ms, never the 5 s timeout */
	ck_assert_msg(elapsed < 2000 * tscale(), "took %lld ms", elapsed);
	ck_assert_ptr_nonnull(strstr(det.report.s, "/hang: cancelled"));
}
END_TEST

START_TEST(healthy_first_endpoint_is_not_hedged)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/plain,/plain2"), 1000), "81.2.69.160");
	ck_assert_int_eq(fake_count(&fk, "/plain2"), 0);
}
END_TEST

START_TEST(every_failure_is_named)
{
	ck_assert_str_eq(detect(FAM_V4, web4("/error,/garbage,/private"), 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "/error: rejected: HTTP 500"));
	ck_assert_ptr_nonnull(strstr(det.report.s, "/garbage: rejected"));
	ck_assert_ptr_nonnull(strstr(det.report.s, "/private: rejected"));
}
END_TEST

START_TEST(ipv6_over_ipv6)
{
	struct fake f6;
	char src[512];

	fake_start(&f6, ROUTES, "::1", 0);
	snprintf(src, sizeof(src), "usev6 = webv6\nwebv6 = %s/v6, %s/v6ula\n", f6.base,
	    f6.base);
	ck_assert_str_eq(detect(FAM_V6, src, 1000), "2a00:1450:4001:80b::200e");
	snprintf(src, sizeof(src), "usev6 = webv6\nwebv6 = %s/v6ula\n", f6.base);
	ck_assert_str_eq(detect(FAM_V6, src, 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "private"));
	fake_stop(&f6);
}
END_TEST

START_TEST(family_is_forced)
{
	struct fake f6;
	char src[512];

	/* "localhost" has both families; this server listens on ::1 only */
	fake_start(&f6, ROUTES, "::1", 0);
	snprintf(src, sizeof(src), "webv4 = http://localhost:%d/plain\n", f6.port);
	ck_assert_str_eq(detect(FAM_V4, src, 1000), "");
	ck_assert_int_eq(fake_count(&f6, "/plain"), 0);
	snprintf(src, sizeof(src), "usev6 = webv6\nwebv6 = http://localhost:%d/v6\n",
	    f6.port);
	ck_assert_str_eq(detect(FAM_V6, src, 1000), "2a00:1450:4001:80b::200e");
	fake_stop(&f6);
}
END_TEST

START_TEST(command_source)
{
	ck_assert_str_eq(detect(FAM_V4, "usev4 = cmdv4\ncmdv4 = printf 'ip: %s\\n' "
	    "81.2.69.170\n", 1000), "81.2.69.170");
	ck_assert_str_eq(detect(FAM_V4, "usev4 = cmdv4\ncmdv4 = false\n", 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "exited with status 1"));
	/* gone since the config was read (a missing one is a config error) */
	detect(FAM_V4, "usev4 = cmdv4\ncmdv4 = true\n", 1000);
	free(cfg.prof[0].src[FAM_V4].cmd);
	cfg.prof[0].src[FAM_V4].cmd = xstrdup("/nonexistent/cmd");
	detection_free(&det);
	memset(&det, 0, sizeof(det));
	det.fam = FAM_V4;
	det.p = &cfg.prof[0];
	detect_run(&det, 1, 1000);
	ck_assert_str_eq(det.addr, "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "cannot run"));
	ck_assert_str_eq(detect(FAM_V4, "usev4 = cmdv4\ncmdv4 = echo 10.1.2.3\n", 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "private"));
}
END_TEST

START_TEST(command_timeout)
{
	long long t0 = now_ms();

	ck_assert_str_eq(detect(FAM_V4, "usev4 = cmdv4\ncmdv4 = sleep 30\ntimeout = 1s\n",
	    1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "timed out"));
	ck_assert_int_lt(now_ms() - t0, 5000);
}
END_TEST

START_TEST(interface_source)
{
	ck_assert_str_eq(detect(FAM_V4, "usev4 = ifv4\nifv4 = lo\nallow-private = yes\n",
	    1000), "127.0.0.1");
	ck_assert_str_eq(detect(FAM_V4, "usev4 = ifv4\nifv4 = lo\n", 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "loopback"));
	ck_assert_str_eq(detect(FAM_V4, "usev4 = ifv4\nifv4 = nosuch0\n", 1000), "");
	ck_assert_ptr_nonnull(strstr(det.report.s, "no such interface"));
}
END_TEST

START_TEST(static_source)
{
	ck_assert_str_eq(detect(FAM_V4, "usev4 = ipv4\nipv4 = 81.2.69.171\n", 1000),
	    "81.2.69.171");
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
}
END_TEST

START_TEST(builtin_names_resolve)
{
	struct endpoint ep;

	ck_assert_int_eq(detect_endpoint(FAM_V4, "ipify-ipv4", &ep), 0);
	ck_assert_str_eq(ep.url, "https://api.ipify.org/");
	ck_assert_int_eq(detect_endpoint(FAM_V6, "ipify-ipv6", &ep), 0);
	ck_assert_str_eq(ep.url, "https://api6.ipify.org/");
	ck_assert_int_eq(detect_endpoint(FAM_V6, "ipify-ipv4", &ep), -1);
	ck_assert_int_eq(detect_endpoint(FAM_V4, "dyndns", &ep), 0);
	ck_assert_str_eq(ep.skip, "Current IP Address:");
	ck_assert_int_eq(detect_endpoint(FAM_V4, "infomaniak", &ep), 0);
	ck_assert_int_eq(detect_endpoint(FAM_V6, "cloudflare-trace", &ep), 0);
	ck_assert_int_eq(detect_endpoint(FAM_V4, "nosuch", &ep), -1);
	ck_assert_int_eq(detect_endpoint(FAM_V4, "ftp://x/", &ep), -1);
}
END_TEST

/* ifv4/ifv6 = default: the default route's interface, the lowest metric of
 * several, never a rejecting route or IPv6's "lo" unreachable one. */
START_TEST(default_route_interface)
{
	const char *v4 = tfile("route", "Iface\tDestination\tGateway \tFlags\tRefCnt\t"
	    "Use\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
	    "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
	    "wlan0\t00000000\t010200C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
	    "blk0\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n"
	    "eth1\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
	const char *v6 = tfile("ipv6_route",
	    "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 "
	    "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
	    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
	    "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n"
	    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
	    "fe800000000000000000000000000001 00000400 00000002 00000000 00000003   wg0\n"
	    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
	    "fe800000000000000000000000000001 00000100 00000002 00000000 00000003   ppp0\n");
	const char *none = tfile("none", "Iface\tDestination\tGateway \tFlags\n"
	    "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
	char name[IF_NAMESIZE], why[200];

	ck_assert_int_eq(local_default_if(FAM_V4, v4, name, why, sizeof(why)), 0);
	ck_assert_str_eq(name, "eth1");
	ck_assert_int_eq(local_default_if(FAM_V6, v6, name, why, sizeof(why)), 0);
	ck_assert_str_eq(name, "ppp0");
	ck_assert_int_eq(local_default_if(FAM_V4, none, name, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "no default IPv4 route");
	ck_assert_int_eq(local_default_if(FAM_V6, "/nonexistent/ipv6_route", name, why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "No such file"));
}
END_TEST

/*
 * An interface with a deprecated and a stable global IPv6 address, in a
 * network namespace of the test's own (root only): the deprecated one,
 * which the kernel lists first, is skipped.
 */
START_TEST(interface_skips_deprecated_addresses)
{
	const char *conf = tfile("if.conf", "[p]\nlogin = u\npassword = pw\n"
	    "hosts = a.example.com\nusev4 = ifv4\nifv4 = lo\nusev6 = ifv6\nifv6 = lo\n");
	char cmd[2048], out[700], *text;

	if (geteuid() != 0 || system("unshare -n true 2>/dev/null") != 0) {
		tskip("interface_skips_deprecated_addresses: needs root and unshare");
		return;
	}
	snprintf(out, sizeof(out), "%s/query.out", tdir());
	snprintf(cmd, sizeof(cmd), "unshare -n sh -c 'ip link set lo up && "
	    "ip -6 addr add 2a00:1450:4001::20/128 dev lo nodad && "
	    "ip -6 addr add 2a00:1450:4001::10/128 dev lo preferred_lft 0 nodad && "
	    "ip addr add 81.2.69.99/32 dev lo && \"$0\" -c \"$1\" --query >\"$2\" 2>&1' "
	    "'%s' '%s' '%s'", getenv("NICUPDATE_BIN"), conf, out);
	ck_assert_int_eq(system(cmd), 0);
	text = slurp(out);
	ck_assert_ptr_nonnull(strstr(text, "=> 81.2.69.99"));
	ck_assert_ptr_nonnull(strstr(text, "=> 2a00:1450:4001::20"));
	free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("web");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, plain_text);
	tcase_add_test(tc, default_route_interface);
	tcase_add_test(tc, checkip_html_with_skip);
	tcase_add_test(tc, cloudflare_trace_uses_ip_line);
	tcase_add_test(tc, garbage_is_rejected);
	tcase_add_test(tc, private_and_cgnat_are_rejected_unless_allowed);
	tcase_add_test(tc, two_addresses_are_rejected);
	tcase_add_test(tc, huge_and_endless_bodies_are_cut);
	tcase_add_test(tc, http_error_falls_through_to_the_next_endpoint);
	tcase_add_test(tc, hanging_endpoint_costs_only_the_hedge_delay);
	tcase_add_test(tc, healthy_first_endpoint_is_not_hedged);
	tcase_add_test(tc, every_failure_is_named);
	tcase_add_test(tc, ipv6_over_ipv6);
	tcase_add_test(tc, family_is_forced);
	tcase_add_test(tc, command_source);
	tcase_add_test(tc, command_timeout);
	tcase_add_test(tc, interface_source);
	tcase_add_test(tc, interface_skips_deprecated_addresses);
	tcase_add_test(tc, static_source);
	tcase_add_test(tc, builtin_names_resolve);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return tsuite_status(failed);
}

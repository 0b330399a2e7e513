/*
 * DNS over HTTPS end to end: the real binary against the loopback fake
 * provider and the loopback resolver tests/fakedns.py, counting every
 * update request and every DoH question exactly. The pure parts are in
 * tests/check_verify.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "util.h"

#define PASSWORD "d0h-pw"
#define ADDR "81.2.69.160"
#define FAKE_JSON "{\"users\": {\"alice\": \"" PASSWORD "\"}," \
	" \"hosts\": [\"nas.example.com\", \"cam.example.com\"]," \
	" \"routes\": {\"/ip\": {\"body\": \"" ADDR "\\n\"}}}"
#define BOTH_HOLD "{\"nas.example.com\": {\"A\": [\"" ADDR "\"], \"ttl\": 1}," \
	" \"cam.example.com\": {\"A\": [\"" ADDR "\"], \"ttl\": 1}}"

static struct fake fk, dns;

/*
 * The fake resolver: tests/fakedns.py, started like the fake provider,
 * with more members of its --config (or ""), over HTTPS when tls.
 */
static void
dns_start_with(const char *zone, int status, const char *more, int tls)
{
	char json[1024];

	snprintf(json, sizeof(json), "{\"zone_file\": \"%s\", \"status\": %d%s}",
	    tfile("zone.json", zone), status, more);
	fakedns_start(&dns, json, NULL, tls);
}

static void
dns_start(const char *zone, int status)
{
	dns_start_with(zone, status, "", 0);
}

static void
zone(const char *text)
{
	tfile("zone.json", text);
}

/*
 * A profile of two hosts on the fake provider, its address from web (NULL:
 * the provider's /ip); extra lines go into it.
 */
static const char *
conf_web(const char *web, const char *extra)
{
	char text[2048], ip[160];

	snprintf(ip, sizeof(ip), "%s/ip", fk.base);
	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com, cam.example.com\nwebv4 = %s\n%s",
	    tdir(), fk.base, PASSWORD, web ? web : ip, extra);
	return tfile("nicupdate.conf", text);
}

static const char *
conf(const char *extra)
{
	return conf_web(NULL, extra);
}

/* verify = doh against the fake resolver, with the given min-interval. */
static const char *
conf_verify_every(const char *min_interval)
{
	char extra[512];

	snprintf(extra, sizeof(extra), "verify = doh\ndoh = %s/dns-query\n"
	    "min-interval = %s\n", dns.base, min_interval);
	return conf(extra);
}

static const char *
conf_verify(void)
{
	return conf_verify_every("1s");
}

static int
updates(void)
{
	return fake_count(&fk, "/nic/update");
}

static int
questions(void)
{
	return fake_count(&dns, "/dns-query");
}

static void
run_ok(const char *c)
{
	struct outcome o;

	nic_run(&o, "-c", c, NULL);
	ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
	outcome_free(&o);
}

static void
setup(void)
{
	tsecret(PASSWORD);
}

static void
teardown(void)
{
	fake_stop(&fk);
	fake_stop(&dns);
}

START_TEST(lost_state_record_holds_address_sends_nothing)
{
	const char *c;
	char *state, path[700];

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start(BOTH_HOLD, 0);
	c = conf_verify();
	run_ok(c);
	ck_assert_int_eq(updates(), 0);
	ck_assert_int_eq(questions(), 2);
	ck_assert_int_eq(fake_count(&dns, "\tnas.example.com\tA\tIN\tapplication/dns-message"),
	    1);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	state = slurp(path);
	ck_assert_ptr_nonnull(strstr(state, "nas.example.com ipv4 " ADDR " ok:verified"));
	ck_assert_ptr_nonnull(strstr(state, "cam.example.com ipv4 " ADDR " ok:verified"));
	free(state);
	run_ok(c);
	ck_assert_int_eq(updates(), 0);
	ck_assert_int_eq(questions(), 4);
}
END_TEST

START_TEST(record_changed_behind_our_back_is_corrected_after_min_interval)
{
	const char *c;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start(BOTH_HOLD, 0);
	/* an hour's min-interval: no clock on a loaded machine can pass it */
	c = conf_verify_every("1h");
	run_ok(c);
	ck_assert_int_eq(updates(), 0);
	/* someone sets nas by hand in the provider's panel */
	zone("{\"nas.example.com\": {\"A\": [\"81.2.69.99\"], \"ttl\": 1},"
	    " \"cam.example.com\": {\"A\": [\"" ADDR "\"], \"ttl\": 1}}");
	run_ok(c);
	ck_assert_int_eq(updates(), 0);		/* within min-interval */
	c = conf_verify();
	sleep(2);
	run_ok(c);
	ck_assert_int_eq(updates(), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=nas.example.com&myip="
	    ADDR "\t"), 1);
	ck_assert_int_eq(questions(), 6);
}
END_TEST

START_TEST(nxdomain_updates_and_a_stale_answer_is_not_resent)
{
	const char *c;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start("{\"negative_ttl\": 3600}", 0);
	c = conf_verify();
	run_ok(c);
	ck_assert_int_eq(updates(), 1);		/* both hosts in one request */
	ck_assert_int_eq(fake_count(&fk, "hostname=cam.example.com,nas.example.com&myip="
	    ADDR), 1);
	sleep(2);
	/* the resolver still serves its cached NXDOMAIN */
	run_ok(c);
	run_ok(c);
	ck_assert_int_eq(updates(), 1);
	ck_assert_int_eq(questions(), 6);
}
END_TEST

START_TEST(unreachable_resolvers_change_nothing)
{
	struct outcome o;
	char extra[512];
	const char *c;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start(BOTH_HOLD, 503);
	/* two resolvers that fail, then one with no server at all */
	snprintf(extra, sizeof(extra), "verify = doh\ndoh = %s/dns-query, %s/dns-query, "
	    "http://127.0.0.1:1/dns-query\n", dns.base, dns.base);
	c = conf(extra);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "verify: no resolver answered for 2 of 2 "
	    "lookups"));
	outcome_free(&o);
	ck_assert_int_eq(updates(), 1);		/* as without verify */
	ck_assert_int_eq(questions(), 4);	/* each host asked of both */
	run_ok(c);
	ck_assert_int_eq(updates(), 1);
	ck_assert_int_eq(questions(), 8);
}
END_TEST

START_TEST(force_asks_no_resolver)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start(BOTH_HOLD, 0);
	nic_run(&o, "-c", conf_verify(), "--force", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(updates(), 1);
	ck_assert_int_eq(questions(), 0);
}
END_TEST

START_TEST(address_detected_over_dns)
{
	char web[1024];
	struct outcome o;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start("{\"whoami.cloudflare\": {\"TXT\": [\"81.2.69.170\"], \"class\": \"CH\"},"
	    " \"private.test\": {\"TXT\": [\"not an address\", \"10.1.2.3\"], \"class\": \"CH\"},"
	    " \"myip.test\": {\"A\": [\"81.2.69.171\"]}}", 0);
	/* a private answer is refused like a web one; the next source wins */
	snprintf(web, sizeof(web), "dns:private.test/TXT/CH@%s/dns-query, "
	    "dns:whoami.cloudflare/TXT/CH@%s/dns-query", dns.base, dns.base);
	run_ok(conf_web(web, ""));
	ck_assert_int_eq(fake_count(&fk, "myip=81.2.69.170\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip"), 0);
	ck_assert_int_eq(fake_count(&dns, "\twhoami.cloudflare\tTXT\tCH\t"), 1);
	ck_assert_int_eq(fake_count(&dns, "\tprivate.test\tTXT\tCH\t"), 1);
	/* an A record, asked with the connection's family forced */
	snprintf(web, sizeof(web), "dns:myip.test/A@%s/dns-query", dns.base);
	nic_run(&o, "-c", conf_web(web, ""), "--query", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "  => 81.2.69.171\n"));
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&dns, "\tmyip.test\tA\tIN\t"), 1);
}
END_TEST

#define MANY 40		/* lookups: more than libcurl's 16 connections per server */
#define HOLD_MANY ", \"together\": 40"

/*
 * Profiles named in names (a space-separated list), each with the same
 * MANY hosts, all held by the zone, and verify against the fake resolver
 * with extra lines; the questions are held until MANY are in.
 */
static const char *
conf_many(const char *names, const char *extra)
{
	struct buf text = { 0 }, z = { 0 }, hosts = { 0 };
	char *list = xstrdup(names), *save = NULL;
	const char *path;

	for (int i = 0; i < MANY; i++) {
		buf_printf(&hosts, "%sh%d.example.com", i ? ", " : "", i);
		buf_printf(&z, "%s\"h%d.example.com\": {\"A\": [\"" ADDR "\"]}",
		    i ? ", " : "{", i);
	}
	buf_printf(&z, "}");
	zone(z.s);
	buf_printf(&text, "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n",
	    tdir());
	for (char *n = strtok_r(list, " ", &save); n; n = strtok_r(NULL, " ", &save))
		buf_printf(&text, "\n[%s]\nserver = %s\nlogin = alice\npassword = %s\n"
		    "hosts = %s\nwebv4 = %s/ip\nverify = doh\ndoh = %s/dns-query\n%s", n,
		    fk.base, PASSWORD, hosts.s, fk.base, dns.base, extra);
	path = tfile("nicupdate.conf", text.s);
	free(list);
	buf_free(&text);
	buf_free(&z);
	buf_free(&hosts);
	return path;
}

START_TEST(many_lookups_over_http1_come_in_one_round_trip)
{
	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start_with("{}", 0, HOLD_MANY, 0);
	/* two profiles ask the same questions of the same resolver: asked once */
	run_ok(conf_many("home again", ""));
	ck_assert_int_eq(updates(), 0);
	ck_assert_int_eq(questions(), MANY);
	ck_assert_int_eq(fake_count(&dns, "\th1:"), MANY);
	ck_assert_int_eq(fake_count(&dns, "\ttogether"), MANY);
	ck_assert_int_eq(fake_count(&dns, "\th7.example.com\tA\t"), 1);
}
END_TEST

/* 1 when the fake resolver can speak HTTP/2 (Debian's python3-h2). */
static int
have_h2(void)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "'%s' -c 'import sys; sys.path.append("
	    "\"/usr/lib/python3/dist-packages\"); import h2' 2>/dev/null", getenv("PYTHON3"));
	return system(cmd) == 0;
}

START_TEST(many_lookups_share_one_http2_connection)
{
	char extra[800], *log, *tag, *end;

	if (!have_h2()) {
		tskip("the fake resolver needs python3's h2 package (Debian: python3-h2)");
		return;
	}
	fake_start(&fk, FAKE_JSON, NULL, 0);
	dns_start_with("{}", 0, HOLD_MANY, 1);
	/* fake_start made the certificates; tcerts() would make new ones */
	snprintf(extra, sizeof(extra), "ssl_ca_file = %s/certs/ca.pem\n", tdir());
	run_ok(conf_many("home", extra));
	ck_assert_int_eq(updates(), 0);
	ck_assert_int_eq(questions(), MANY);
	ck_assert_int_eq(fake_count(&dns, "\ttogether"), MANY);
	/* every question on the first one's connection */
	log = fake_log(&dns);
	ck_assert_ptr_nonnull(tag = strstr(log, "\th2:"));
	ck_assert_ptr_nonnull(end = strchr(tag + 1, '\t'));
	end[1] = '\0';
	ck_assert_int_eq(fake_count(&dns, tag), MANY);
	free(log);
}
END_TEST

#define GOOGLE "o-o.myaddr.l.google.com"

START_TEST(address_detected_over_plain_dns)
{
	static const char *const more[] = { ", \"plain\": true, \"spoof\": \"81.2.69.99\"",
		", \"plain\": true, \"truncate\": true" };

	fake_start(&fk, FAKE_JSON, NULL, 0);
	/* as ns1.google.com answers: the asker's address, and a subnet line */
	for (int tc = 0; tc < 2; tc++) {
		char web[300];
		struct outcome o;

		dns_start_with("{\"" GOOGLE "\": {\"TXT\": [\"edns0-client-subnet "
		    "10.9.8.0/24\", \"$client\"]}}", 0, more[tc], 0);
		snprintf(web, sizeof(web), "dns:" GOOGLE "/TXT@dns://127.0.0.1:%d", dns.port);
		nic_run(&o, "-c", conf_web(web, "allow-private = yes\n"), "--query", NULL);
		ck_assert_msg(o.rc == 0, "rc %d: %s", o.rc, o.err);
		/* a datagram with another id is not the answer */
		ck_assert_ptr_nonnull(strstr(o.out, "  => 127.0.0.1\n"));
		outcome_free(&o);
		ck_assert_int_eq(fake_count(&dns, "UDP\t-\t" GOOGLE "\tTXT\tIN\t"), 1);
		/* a truncated answer is asked again over TCP */
		ck_assert_int_eq(fake_count(&dns, "TCP\t-\t" GOOGLE "\tTXT\tIN\t"), tc);
		fake_stop(&dns);
	}
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
}
END_TEST

START_TEST(check_config_prints_verify)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON, NULL, 0);
	nic_run(&o, "-c", conf("verify = doh\ndoh = https://a.example/q, "
	    "https://b.example/q\n"), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "\nverify = doh\n"
	    "doh = https://a.example/q, https://b.example/q\n"));
	outcome_free(&o);
	nic_run(&o, "-c", conf(""), "--check-config", NULL);
	ck_assert_ptr_null(strstr(o.out, "verify"));
	outcome_free(&o);
}
END_TEST

START_TEST(bad_dns_settings_are_config_errors)
{
	static const char *const bad[] = {
		"verify = maybe\n",
		"doh = ftp://dns.example/\n",
	};
	static const char *const bad_web[] = {
		"dns:myip.test/AAAA@http://127.0.0.1:1/",
		"dns:myip.test/A/XX@http://127.0.0.1:1/",
		"dns:myip.test/A",
		"dns:/A@http://127.0.0.1:1/",
		"dns:myip.test/TXT@file:///etc/passwd",
		"dns:nosuch",
		"dns:myip.test/TXT@dns://[::1]:53",
		"dns:myip.test/TXT@dns://127.0.0.1:0",
		"dns:myip.test/TXT@dns://ns1.example.com",
	};

	fake_start(&fk, FAKE_JSON, NULL, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct outcome o;

		nic_run(&o, "-c", conf(bad[i]), NULL);
		ck_assert_msg(o.rc == 78, "%s: rc %d", bad[i], o.rc);
		outcome_free(&o);
	}
	for (size_t i = 0; i < sizeof(bad_web) / sizeof(bad_web[0]); i++) {
		struct outcome o;

		nic_run(&o, "-c", conf_web(bad_web[i], ""), NULL);
		ck_assert_msg(o.rc == 78, "%s: rc %d", bad_web[i], o.rc);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("doh");
	TCase *tc = tcase_create("doh");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, lost_state_record_holds_address_sends_nothing);
	tcase_add_test(tc, record_changed_behind_our_back_is_corrected_after_min_interval);
	tcase_add_test(tc, nxdomain_updates_and_a_stale_answer_is_not_resent);
	tcase_add_test(tc, unreachable_resolvers_change_nothing);
	tcase_add_test(tc, force_asks_no_resolver);
	tcase_add_test(tc, address_detected_over_dns);
	tcase_add_test(tc, address_detected_over_plain_dns);
	tcase_add_test(tc, many_lookups_over_http1_come_in_one_round_trip);
	tcase_add_test(tc, many_lookups_share_one_http2_connection);
	tcase_add_test(tc, check_config_prints_verify);
	tcase_add_test(tc, bad_dns_settings_are_config_errors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return tsuite_status(failed);
}

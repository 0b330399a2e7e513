/*
 * The rfc2136 provider (src/nsupdate.c) and the UPDATE and TSIG parts of
 * the DNS codec: unit tests of the messages, then the real nicupdate binary
 * against a real knotd started on 127.0.0.1 with a zone and a TSIG key made
 * for the test. Without knotd the suite runs its unit tests and then exits
 * 77 (skipped), saying so.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "dns.h"
#include "harness.h"

static const char *knotd;

/* ---- units ---- */

START_TEST(update_bytes)
{
	static const unsigned char want[] = {
		0x12, 0x34, 0x28, 0x00, 0, 1, 0, 0, 0, 2, 0, 0,
		1, 'z', 0, 0, 6, 0, 1,
		1, 'h', 1, 'z', 0, 0, 1, 0, 255, 0, 0, 0, 0, 0, 0,
		1, 'h', 1, 'z', 0, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 192, 0, 2, 7,
	};
	static const unsigned char a[4] = { 192, 0, 2, 7 };
	struct buf b = { 0 };

	ck_assert_int_eq(dns_update_start(&b, 0x1234, "z."), 0);
	ck_assert_int_eq(dns_update_replace(&b, "h.z", DNS_T_A, 300, a, 4), 0);
	ck_assert_uint_eq(b.len, sizeof(want));
	ck_assert(memcmp(b.s, want, sizeof(want)) == 0);
	ck_assert_int_eq(dns_update_replace(&b, "bad..z", DNS_T_A, 300, a, 4), -1);
	buf_free(&b);
}
END_TEST

/* Base64 keys are read strictly; names must be DNS names. */
static const struct {
	const char *name, *b64;
	int ok;
	size_t len;
} keys[] = {
	{ "Key.Example.", "AAECAw==", 1, 4 },
	{ "k", "AAECAwQ=", 1, 5 },
	{ "k", "AAECAwQF", 1, 6 },
	{ "k", "AAECAw=", 0, 0 },		/* not whole quanta */
	{ "k", "AAECAx==", 0, 0 },		/* bits after the end */
	{ "k", "AA=CAw==", 0, 0 },		/* padding inside */
	{ "k", "AAEC Aw=", 0, 0 },
	{ "k", "", 0, 0 },
	{ "", "AAECAw==", 0, 0 },
	{ "a..b", "AAECAw==", 0, 0 },
};

START_TEST(key_parsing)
{
	struct dns_key k;
	char why[100];

	ck_assert_int_eq(dns_key_set(&k, keys[_i].name, keys[_i].b64, why, sizeof(why)),
	    keys[_i].ok ? 0 : -1);
	if (keys[_i].ok) {
		ck_assert_uint_eq(k.len, keys[_i].len);
		ck_assert(k.secret[0] == 0 && k.secret[3] == 3);
		ck_assert_str_eq(k.name, _i == 0 ? "key.example" : "k");
	}
}
END_TEST

/* A profile the config reader must refuse, and the words of its reason. */
static const struct {
	const char *lines, *why;
} bad_profiles[] = {
	{ "server = http://127.0.0.1/\nzone = example.com\n", "not host[:port]" },
	{ "server = 127.0.0.1:99999\nzone = example.com\n", "not host[:port]" },
	{ "server = 127.0.0.1\n", "needs zone" },
	{ "server = 127.0.0.1\nzone = example.com\nttl = 5m\n", "ttl" },
	{ "zone = example.com\n", "needs server" },
	{ "server = 127.0.0.1\nzone = example.org\n", "not in zone" },
};

START_TEST(bad_profile_is_a_config_error)
{
	char *conf = xasprintf("[p]\nprotocol = rfc2136\nlogin = k\npassword = %s\n"
	    "hosts = home.example.com\n%s", _i == 0 ? "AAECAw=" : "AAECAw==",
	    bad_profiles[_i].lines);
	const char *path = tfile("bad.conf", conf);
	struct outcome o;

	nic_run(&o, "-c", path, "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_msg(strstr(o.err, bad_profiles[_i].why) != NULL, "%s", o.err);
	outcome_free(&o);
	free(conf);
}
END_TEST

/* ---- a real knotd ---- */

struct knot {
	pid_t pid;
	int port;
	char secret[64];
};

static struct knot kn;

/* One UDP exchange with the test's server; the answer's length, or -1. */
static ssize_t
ask(const struct buf *q, uint8_t *ans, size_t max)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)kn.port) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n = -1;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sendto(fd, q->s, q->len, 0, (struct sockaddr *)&sa, sizeof(sa)) == (ssize_t)q->len &&
	    poll(&p, 1, 1000) == 1)
		n = recv(fd, ans, max, 0);
	close(fd);
	return n;
}

/* Ask knotd about name and type over UDP; the answer parsed into m (ans its bytes). */
static void
query(const char *name, int type, uint8_t ans[4096], struct dns_msg *m)
{
	struct buf q = { 0 };
	char why[100];
	ssize_t len;

	dns_query(&q, 7, name, type, DNS_C_IN);
	len = ask(&q, ans, 4096);
	buf_free(&q);
	ck_assert_int_gt(len, 0);
	ck_assert_msg(dns_parse(ans, (size_t)len, m, why, sizeof(why)) == 0, "%s", why);
}

/* The serial of knotd's example.com. */
static long
serial(void)
{
	uint8_t ans[4096];
	struct dns_msg m;

	query("example.com", DNS_T_SOA, ans, &m);
	for (size_t i = 0; i < m.nrr; i++) {
		const uint8_t *p = m.rr[i].rdata;

		if (m.rr[i].type == DNS_T_SOA && m.rr[i].rdlen >= 20) {
			p += m.rr[i].rdlen - 20;
			return (long)((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
		}
	}
	ck_abort_msg("no SOA for example.com");
	return -1;
}

/* A port that was free a moment ago (UDP and TCP). */
static int
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static void
knot_stop(void)
{
	int st;

	if (kn.pid <= 0)
		return;
	kill(kn.pid, SIGTERM);
	for (int i = 0; i < 100 && waitpid(kn.pid, &st, WNOHANG) == 0; i++)
		usleep(50000);
	if (waitpid(kn.pid, &st, WNOHANG) == 0) {
		kill(kn.pid, SIGKILL);
		waitpid(kn.pid, &st, 0);
	}
	kn.pid = 0;
}

/* Start knotd on a free port with example.com, broken.test and a fresh key. */
static void
knot_start(void)
{
	const char *d = tdir();
	uint8_t raw[32];
	FILE *f = fopen("/dev/urandom", "r");
	char conf[2048], logp[600], *log;
	struct buf q = { 0 };
	uint8_t ans[512];

	ck_assert(f != NULL && fread(raw, 1, sizeof(raw), f) == sizeof(raw));
	fclose(f);
	EVP_EncodeBlock((unsigned char *)kn.secret, raw, sizeof(raw));
	tsecret(kn.secret);
	tfile("example.com.zone", "$ORIGIN example.com.\n$TTL 300\n"
	    "@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 127.0.0.1\n"
	    "home A 81.2.69.1\nhome AAAA 2a00:1450:4001::1\n");
	tfile("broken.test.zone", "$ORIGIN broken.test.\n@ SOA garbage\n");
	dns_query(&q, 9, "example.com", DNS_T_SOA, DNS_C_IN);
	for (int attempt = 0; attempt < 5; attempt++) {
		long long deadline = now_ms() + 10000;
		int st;

		kn.port = free_port();
		snprintf(conf, sizeof(conf), "server:\n  rundir: \"%s\"\n  listen: "
		    "127.0.0.1@%d\nlog:\n  - target: stderr\n    any: info\ndatabase:\n"
		    "  storage: \"%s/db\"\nkey:\n  - id: nic\n    algorithm: hmac-sha256\n"
		    "    secret: %s\nacl:\n  - id: upd\n    key: nic\n    action: update\n"
		    "template:\n  - id: default\n    storage: \"%s\"\n    zonefile-sync: -1\n"
		    "    journal-content: none\nzone:\n  - domain: example.com\n    acl: upd\n"
		    "  - domain: broken.test\n    acl: upd\n", d, kn.port, d, kn.secret, d);
		tfile("knot.conf", conf);
		if ((kn.pid = fork()) == 0) {
			char path[600];
			int fd;

			snprintf(path, sizeof(path), "%s/knot.conf", d);
			snprintf(logp, sizeof(logp), "%s/knotd.log", d);
			fd = open(logp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
			dup2(fd, 2);
			dup2(fd, 1);
			execl(knotd, "knotd", "-c", path, (char *)NULL);
			_exit(127);
		}
		/* ready when it answers for the zone; gone when the port was taken */
		while (now_ms() < deadline && waitpid(kn.pid, &st, WNOHANG) == 0) {
			ssize_t n = ask(&q, ans, sizeof(ans));

			if (n > 3 && (ans[3] & 0xf) == DNS_R_NOERROR) {
				buf_free(&q);
				return;
			}
			usleep(20000);
		}
		snprintf(logp, sizeof(logp), "%s/knotd.log", d);
		log = slurp(logp);
		knot_stop();
		ck_assert_msg(log != NULL && strstr(log, "in use") != NULL,
		    "knotd did not start: %s", log ? log : "(no log)");
		free(log);
	}
	ck_abort_msg("no free port for knotd");
}

/* A profile for knotd's example.com, lines of extra replacing its own; its path. */
static const char *
profile(const char *name, const char *extra)
{
	char *own[] = {
		xasprintf("server = 127.0.0.1:%d\n", kn.port), xstrdup("zone = example.com\n"),
		xstrdup("login = nic\n"), xasprintf("password = %s\n", kn.secret),
		xstrdup("hosts = home.example.com\n"),
	};
	struct buf t = { 0 };
	char file[64];
	const char *path;

	buf_printf(&t, "[global]\ncache = %s/%s.state\n[dns]\nprotocol = rfc2136\n%s",
	    tdir(), name, extra);
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		size_t k = strcspn(own[i], " ");
		char *key = xasprintf("\n%.*s =", (int)k, own[i]);

		if (strstr(t.s, key) == NULL && strncmp(extra, key + 1, k + 2) != 0)
			buf_adds(&t, own[i]);
		free(key);
		free(own[i]);
	}
	snprintf(file, sizeof(file), "%s.conf", name);
	path = tfile(file, t.s);
	buf_free(&t);
	return path;
}

/* Run nicupdate with config c and --ip ip (and -v); it must exit rc. */
static void
run(const char *c, const char *ip, int rc, const char *err)
{
	struct outcome o;

	nic_run(&o, "-c", c, "--ip", ip, "-v", NULL);
	ck_assert_msg(o.rc == rc, "%d: %s", o.rc, o.err);
	ck_assert_msg(err == NULL || strstr(o.err, err) != NULL, "%s", o.err);
	outcome_free(&o);
}

/* knotd has exactly addresses want (space-separated) for name in family f. */
static void
expect(const char *name, enum fam f, const char *want)
{
	uint8_t ans[4096];
	struct dns_msg m;
	char out[4][ADDR_MAX], addr[200] = "";
	size_t k;

	query(name, f == FAM_V4 ? DNS_T_A : DNS_T_AAAA, ans, &m);
	k = dns_addrs(&m, name, f, out, 4);
	for (size_t i = 0; i < k; i++)
		snprintf(addr + strlen(addr), sizeof(addr) - strlen(addr), "%s%s", i ? " " : "",
		    out[i]);
	ck_assert_str_eq(addr, want);
}

START_TEST(updates_the_record_then_sends_nothing)
{
	const char *c = profile("a", "");
	long before = serial();

	run(c, "81.2.69.7", 0, "sending");
	expect("home.example.com", FAM_V4, "81.2.69.7");
	/* the update replaced the A records and left the AAAA alone */
	expect("home.example.com", FAM_V6, "2a00:1450:4001::1");
	ck_assert_int_eq(serial(), before + 1);
	run(c, "81.2.69.7", 0, NULL);
	ck_assert_int_eq(serial(), before + 1);
}
END_TEST

/* A fresh state but the server already has the address: asked, not updated. */
START_TEST(compares_before_updating)
{
	long before = serial();

	run(profile("b", ""), "81.2.69.1", 0, "already");
	ck_assert_int_eq(serial(), before);
}
END_TEST

START_TEST(aaaa_over_udp)
{
	run(profile("c", "tcp = no\nttl = 60\nusev4 = disabled\nusev6 = webv6\n"),
	    "2a00:1450:4001::42", 0, NULL);
	expect("home.example.com", FAM_V6, "2a00:1450:4001::42");
	expect("home.example.com", FAM_V4, "81.2.69.1");
}
END_TEST

/* Wrong secret, unknown key name, a zone not served, a zone that fails. */
static const struct {
	const char *name, *extra, *ip;
	int rc;
	const char *err;
} failures[] = {
	{ "badsig", "password = AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
	  "81.2.69.9", 77, "BADSIG" },
	{ "badkey", "login = someone-else\n", "81.2.69.9", 77, "BADKEY" },
	{ "notauth", "zone = example.org\nhosts = home.example.org\n", "81.2.69.9", 65,
	  "NOTAUTH" },
	{ "servfail", "zone = broken.test\nhosts = home.broken.test\nattempts = 1\n",
	  "81.2.69.9", 75, "SERVFAIL" },
};

START_TEST(failures_exit_codes)
{
	long before = serial();

	run(profile(failures[_i].name, failures[_i].extra), failures[_i].ip, failures[_i].rc,
	    failures[_i].err);
	ck_assert_int_eq(serial(), before);
	expect("home.example.com", FAM_V4, "81.2.69.1");
}
END_TEST

/*
 * A port where nothing answers, held for the test: a TCP socket bound to
 * it without listening (connections are refused, and no connection can
 * take it as its own source port and reach itself), and a UDP socket bound
 * to it but connected elsewhere (datagrams from others get "port
 * unreachable"). A port that was only free a moment ago can meanwhile be
 * another test's server, or the source port of the very connection.
 */
static int
closed_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET }, peer = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);

	sa.sin_addr.s_addr = peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	peer.sin_port = htons(9);
	ck_assert_int_eq(bind(t, (struct sockaddr *)&sa, sizeof(sa)), 0);
	getsockname(t, (struct sockaddr *)&sa, &sl);
	ck_assert_int_eq(bind(u, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(connect(u, (struct sockaddr *)&peer, sizeof(peer)), 0);
	return ntohs(sa.sin_port);	/* both stay open until the test ends */
}

/* Nothing listens, over TCP or UDP: temporary, and said at once. */
START_TEST(no_server_is_temporary)
{
	char extra[100];
	struct timespec t0, t1;

	snprintf(extra, sizeof(extra), "server = 127.0.0.1:%d\nattempts = 1\n%s",
	    closed_port(), _i ? "tcp = no\n" : "");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run(profile("dead", extra), "81.2.69.9", 75, "no answer");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* the refusal ends the wait, not the 10 s timeout */
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 5);
}
END_TEST

/* A SERVFAIL is retried after retry-interval, waiting without spinning. */
START_TEST(retry_waits_without_spinning)
{
	struct rusage r0, r1;
	struct timespec t0, t1;
	double cpu;

	getrusage(RUSAGE_CHILDREN, &r0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run(profile("retry", "zone = broken.test\nhosts = home.broken.test\nattempts = 2\n"
	    "retry-interval = 2s\n"), "81.2.69.9", 75, "trying again in 2s");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &r1);
	ck_assert_int_ge(t1.tv_sec - t0.tv_sec + (t1.tv_nsec >= t0.tv_nsec ? 0 : -1), 2);
	cpu = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec + r1.ru_stime.tv_sec -
	    r0.ru_stime.tv_sec) + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec +
	    r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
	ck_assert_msg(cpu < 0.5, "%.2f s of CPU for a 2 s wait", cpu);
}
END_TEST

/* knotd's signed answer verifies; one changed byte anywhere does not. */
START_TEST(tampered_answer_is_refused)
{
	static const uint8_t a[4] = { 198, 51, 100, 10 };
	struct dns_key k;
	struct buf q = { 0 };
	uint8_t ans[1024], mac[DNS_MAC_LEN];
	struct dns_msg m;
	char why[120];
	ssize_t n;
	int err;

	ck_assert_int_eq(dns_key_set(&k, "nic", kn.secret, why, sizeof(why)), 0);
	dns_update_start(&q, 0x4242, "example.com");
	dns_update_replace(&q, "t.example.com", DNS_T_A, 300, a, 4);
	dns_tsig_sign(&q, &k, (int64_t)time(NULL), mac);
	n = ask(&q, ans, sizeof(ans));
	ck_assert_int_gt(n, 12);
	ck_assert_int_eq(dns_parse(ans, (size_t)n, &m, why, sizeof(why)), 0);
	ck_assert_int_eq(m.rcode, DNS_R_NOERROR);
	ck_assert_msg(dns_tsig_verify(&m, &k, (int64_t)time(NULL), mac, &err, why,
	    sizeof(why)) == 0, "%s", why);
	/* another time: outside the fudge */
	ck_assert_int_eq(dns_tsig_verify(&m, &k, (int64_t)time(NULL) + 3600, mac, &err, why,
	    sizeof(why)), -1);
	/* (the id is the caller's to check against the request's) */
	for (ssize_t i = 2; i < n; i++) {
		ans[i] ^= 0x01;
		if (dns_parse(ans, (size_t)n, &m, why, sizeof(why)) == 0)
			ck_assert_msg(dns_tsig_verify(&m, &k, (int64_t)time(NULL), mac, &err,
			    why, sizeof(why)) == -1, "byte %zd changed, still verified", i);
		ans[i] ^= 0x01;
	}
	buf_free(&q);
}
END_TEST

static Suite *
units(void)
{
	Suite *s = suite_create("nsupdate");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, update_bytes);
	tcase_add_loop_test(tc, key_parsing, 0, (int)(sizeof(keys) / sizeof(keys[0])));
	tcase_add_loop_test(tc, bad_profile_is_a_config_error, 0,
	    (int)(sizeof(bad_profiles) / sizeof(bad_profiles[0])));
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
with_knot(void)
{
	Suite *s = suite_create("nsupdate-knot");
	TCase *tc = tcase_create("knotd");

	tcase_add_checked_fixture(tc, knot_start, knot_stop);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, updates_the_record_then_sends_nothing);
	tcase_add_test(tc, compares_before_updating);
	tcase_add_test(tc, aaaa_over_udp);
	tcase_add_loop_test(tc, failures_exit_codes, 0,
	    (int)(sizeof(failures) / sizeof(failures[0])));
	tcase_add_loop_test(tc, no_server_is_temporary, 0, 2);
	tcase_add_test(tc, retry_waits_without_spinning);
	tcase_add_test(tc, tampered_answer_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

/* knotd from $KNOTD or /usr/sbin, or NULL. */
static const char *
find_knotd(void)
{
	const char *path = getenv("KNOTD") ? getenv("KNOTD") : "/usr/sbin/knotd";

	return access(path, X_OK) == 0 ? path : NULL;
}

int
main(void)
{
	SRunner *sr = srunner_create(units());
	int failed;

	knotd = find_knotd();
	if (knotd != NULL)
		srunner_add_suite(sr, with_knot());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (failed == 0 && knotd == NULL) {
		fprintf(stderr, "SKIP: knotd is not installed (apt install knot): the "
		    "tests against a real server did not run\n");
		return 77;
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

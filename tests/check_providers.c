/*
 * Every protocol end to end: the built nicupdate, given the address with
 * --ip, against a loopback fake provider. Each test checks the exact
 * request lines the provider saw (method, target, credentials, body), the
 * exit code each kind of answer maps to, and that no secret is printed.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provcase.h"

/* ---- the request of every protocol ---- */

#define NC_OK "<?xml version=\"1.0\"?><interface-response><Command>SETDNSHOST" \
	"</Command><Language>eng</Language><IP>" IP4 "</IP><ErrCount>0</ErrCount>" \
	"<errors /><ResponseCount>0</ResponseCount><Done>true</Done></interface-response>"
#define NC_ERR(msg) "<?xml version=\"1.0\"?><interface-response><Command>SETDNSHOST" \
	"</Command><Language>eng</Language><ErrCount>1</ErrCount><errors><Err1>" msg \
	"</Err1></errors><ResponseCount>1</ResponseCount><Done>true</Done>" \
	"</interface-response>"

#define AB "hosts = b.example.com, a.example.com\n"
#define NIC_AB(ip) "GET\t/nic/update?hostname=a.example.com,b.example.com&myip=" ip \
	"\tuser:" PW "\t-"


/* FreeDNS's account mode: login and password, and the account's records */
#define FREE_ACCOUNT "protocol = freedns\n" LOGIN "hosts = a.example.com\n"
#define FREE_SHA "b4ae44790061a48db4cce0faf900bff91fb4a17d"	/* sha1("user|" PW) */
#define FREE_URL "https://freedns.afraid.org/dynamic/update.php?"
#define FREE_LIST(a, other) "b.example.com|" other "|" FREE_URL "tokB\n" \
	"a.example.com|" a "|" FREE_URL "tokA4\n" \
	"a.example.com|2001:db8::1|" FREE_URL "tokA6\n"

static const struct req_case req_cases[] = {
	{ "dyndns2", "protocol = dyndns2\n" LOGIN AB,
	  { { "/nic/update", 0, "good " IP4 "\n" } }, { IP4, NULL }, 0,
	  { NIC_AB(IP4) }, "p/a.example.com: IPv4 " IP4 " (good)\np/b.example.com: IPv4 "
	  IP4 " (good)\n" },
	{ "dyndns2 wildcard mx", "protocol = dyndns2\n" LOGIN
	  "hosts = a.example.com\nwildcard = yes\nmx = mx.example.com\nbackupmx = yes\n",
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com&myip=" IP4 "&wildcard=ON"
	    "&mx=mx.example.com&backmx=YES\tuser:" PW "\t-" }, "(good)" },
	{ "dyndns2 script with a query", "protocol = dyndns2\n" LOGIN
	  "hosts = a.example.com\nscript = /dyn.php?v=2\n",
	  { { "/dyn.php", 0, "nochg " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/dyn.php?v=2&hostname=a.example.com&myip=" IP4 "\tuser:" PW "\t-" }, "" },
	{ "dyndns2 dual stack", "protocol = dyndns2\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, IP6 }, 0,
	  { NIC_AB(IP4), NIC_AB(IP6) }, "p/a.example.com: IPv6 " IP6 " (good)" },
	{ "infomaniak", "protocol = infomaniak\n" LOGIN AB,
	  { { "/nic/update", 0, "successfully_changed " IP4 } }, { IP4, NULL }, 0,
	  { NIC_AB(IP4) }, "p/b.example.com: IPv4 " IP4 " (successfully_changed)" },
	{ "dyndns", "protocol = dyndns\n" LOGIN AB,
	  { { "/nic/update", 0, "good " IP4 "\ngood " IP4 "\n" } }, { IP4, NULL }, 0,
	  { NIC_AB(IP4) }, "(good)" },
	{ "noip", "protocol = noip\n" LOGIN AB,
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0, { NIC_AB(IP4) }, "" },
	{ "noip dual stack", "protocol = noip\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP6, IP4 }, 0,
	  { NIC_AB(IP4), NIC_AB(IP6) }, "" },
	{ "dynu", "protocol = dynu\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, NULL }, 0, { NIC_AB(IP4) }, "" },
	{ "dynu IPv6", "protocol = dynu\n" LOGIN AB V6ONLY,
	  { { "/nic/update", 0, "good" } }, { IP6, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com,b.example.com&myipv6=" IP6 "\tuser:"
	    PW "\t-" }, "IPv6 " IP6 " (good)" },
	{ "dynu dual stack", "protocol = dynu\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, IP6 }, 0,
	  { NIC_AB(IP4), "GET\t/nic/update?hostname=a.example.com,b.example.com&myipv6="
	    IP6 "\tuser:" PW "\t-" }, "" },
	{ "ovh", "protocol = ovh\n" LOGIN AB,
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?system=dyndns&hostname=a.example.com&myip=" IP4 "\tuser:" PW
	    "\t-", "GET\t/nic/update?system=dyndns&hostname=b.example.com&myip=" IP4
	    "\tuser:" PW "\t-" }, "p/b.example.com: IPv4 " IP4 " (good)" },
	{ "strato", "protocol = strato\nlogin = example.com\npassword = " PW "\n" AB,
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com,b.example.com&myip=" IP4
	    "\texample.com:" PW "\t-" }, "" },
	{ "he.net", "protocol = he.net\npassword = " PW "\n" AB,
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com&myip=" IP4 "\ta.example.com:" PW "\t-",
	    "GET\t/nic/update?hostname=b.example.com&myip=" IP4 "\tb.example.com:" PW "\t-" },
	  "p/a.example.com: IPv4 " IP4 " (good)" },
	{ "he.net with a login", "protocol = he.net\n" LOGIN "hosts = a.example.com\n",
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com&myip=" IP4 "\tuser:" PW "\t-" }, "" },
	{ "desec", "protocol = desec\npassword = " TOKEN "\nhosts = h.dedyn.io\n",
	  { { "/", 0, "good" } }, { IP4, NULL }, 0,
	  { "GET\t/?hostname=h.dedyn.io&myipv4=" IP4 "&myipv6=preserve\th.dedyn.io:" TOKEN
	    "\t-" }, "p/h.dedyn.io: IPv4 " IP4 " (good)" },
	{ "desec IPv6", "protocol = desec\npassword = " TOKEN "\nhosts = h.dedyn.io\n" V6ONLY,
	  { { "/", 0, "good" } }, { IP6, NULL }, 0,
	  { "GET\t/?hostname=h.dedyn.io&myipv6=" IP6 "&myipv4=preserve\th.dedyn.io:" TOKEN
	    "\t-" }, "" },
	{ "desec dual stack", "protocol = desec\npassword = " TOKEN "\nhosts = h.dedyn.io\n",
	  { { "/", 0, "good" } }, { IP4, IP6 }, 0,
	  { "GET\t/?hostname=h.dedyn.io&myipv4=" IP4 "&myipv6=preserve\th.dedyn.io:" TOKEN
	    "\t-", "GET\t/?hostname=h.dedyn.io&myipv6=" IP6 "&myipv4=preserve\th.dedyn.io:"
	    TOKEN "\t-" }, "" },
	{ "nsupdate.info", "protocol = nsupdate.info\npassword = " TOKEN "\n"
	  "hosts = b.nsupdate.info, a.nsupdate.info\n",
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.nsupdate.info&myip=" IP4 "\ta.nsupdate.info:" TOKEN
	    "\t-", "GET\t/nic/update?hostname=b.nsupdate.info&myip=" IP4 "\tb.nsupdate.info:"
	    TOKEN "\t-" }, "" },
	{ "dynv6", "protocol = dynv6\npassword = " TOKEN "\n" AB,
	  { { "/nic/update", 0, "good" } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com,b.example.com&myip=" IP4 "\tnone:"
	    TOKEN "\t-" }, "" },
	{ "changeip", "protocol = changeip\n" LOGIN "hosts = a.example.com\n",
	  { { "/nic/update", 0, "200 Successful Update" } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=a.example.com&ip=" IP4 "\tuser:" PW "\t-" },
	  "p/a.example.com: IPv4 " IP4 " (good)" },
	{ "loopia", "protocol = loopia\n" LOGIN AB,
	  { { "/XDynDNSServer/XDynDNS.php", 0, "good" } }, { IP4, NULL }, 0,
	  { "GET\t/XDynDNSServer/XDynDNS.php?hostname=a.example.com,b.example.com&myip="
	    IP4 "\tuser:" PW "\t-" }, "" },
	{ "ddnss", "protocol = ddnss\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, NULL }, 0, { NIC_AB(IP4) }, "" },
	{ "dnsomatic", "protocol = dnsomatic\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, NULL }, 0, { NIC_AB(IP4) }, "" },
	{ "joker", "protocol = joker\n" LOGIN AB,
	  { { "/nic/update", 0, "good" } }, { IP4, NULL }, 0, { NIC_AB(IP4) }, "" },
	{ "custom", "protocol = custom\n" LOGIN "hosts = a.example.com\n"
	  "url = @BASE@/upd?h=[DOMAIN]&ip=%i&u=[USERNAME]&p=%p\n",
	  { { "/upd", 0, "good" } }, { IP4, NULL }, 0,
	  { "GET\t/upd?h=a.example.com&ip=" IP4 "&u=user&p=" PW "\tuser:" PW "\t-" },
	  "p/a.example.com: IPv4 " IP4 " (good)" },
	{ "custom without login", "protocol = custom\nhosts = b.example.com, a.example.com\n"
	  "url = @BASE@/upd?host=%h&addr=[IP]\n",
	  { { "/upd", 0, "nochg" } }, { IP4, NULL }, 0,
	  { "GET\t/upd?host=a.example.com&addr=" IP4 "\t-\t-",
	    "GET\t/upd?host=b.example.com&addr=" IP4 "\t-\t-" }, "" },
	{ "custom IPv6", "protocol = custom\nhosts = a.example.com\n" V6ONLY
	  "url = @BASE@/upd?host=%h&addr=[IP]\n",
	  { { "/upd", 0, "good" } }, { IP6, NULL }, 0,
	  /* the address is a value like the others: URL-encoded */
	  { "GET\t/upd?host=a.example.com&addr=2a00%3A1450%3A4001%3A80b%3A%3A200e\t-\t-" },
	  "" },
	{ "duckdns", "protocol = duckdns\npassword = " TOKEN "\n"
	  "hosts = y, x.duckdns.org\n",
	  { { "/update", 0, "OK" } }, { IP4, NULL }, 0,
	  { "GET\t/update?domains=x,y&token=" TOKEN "&ip=" IP4 "\t-\t-" },
	  "p/x.duckdns.org: IPv4 " IP4 " (OK)\np/y: IPv4 " IP4 " (OK)\n" },
	{ "duckdns IPv6", "protocol = duckdns\npassword = " TOKEN "\n"
	  "hosts = x.duckdns.org\n" V6ONLY,
	  { { "/update", 0, "OK" } }, { IP6, NULL }, 0,
	  { "GET\t/update?domains=x&token=" TOKEN "&ipv6=" IP6 "\t-\t-" }, "" },
	{ "freedns", "protocol = freedns\npassword = " TOKEN "\nhosts = a.example.com\n",
	  { { "/u/" TOKEN "/", 0, "Updated 1 host(s) a.example.com to " IP4
	    " in 0.2 seconds" } }, { IP4, NULL }, 0,
	  { "GET\t/u/" TOKEN "/?ip=" IP4 "\t-\t-" }, "p/a.example.com: IPv4 " IP4 " (updated)" },
	{ "namecheap", "protocol = namecheap\npassword = " PW "\nhosts = www.example.com\n",
	  { { "/update", 0, NC_OK } }, { IP4, NULL }, 0,
	  { "GET\t/update?host=www&domain=example.com&password=" PW "&ip=" IP4 "\t-\t-" },
	  "p/www.example.com: IPv4 " IP4 " (good)" },
	{ "namecheap apex", "protocol = namecheap\npassword = " PW "\nhosts = example.com\n"
	  "zone = example.com\n",
	  { { "/update", 0, NC_OK } }, { IP4, NULL }, 0,
	  /* "@" URL-encoded, as every value */
	  { "GET\t/update?host=%40&domain=example.com&password=" PW "&ip=" IP4 "\t-\t-" },
	  "" },
	{ "namecheap zone", "protocol = namecheap\npassword = " PW "\n"
	  "hosts = a.home.example.co.uk\nzone = example.co.uk\n",
	  { { "/update", 0, NC_OK } }, { IP4, NULL }, 0,
	  { "GET\t/update?host=a.home&domain=example.co.uk&password=" PW "&ip=" IP4
	    "\t-\t-" }, "" },
	{ "cloudflare", "protocol = cloudflare\npassword = " TOKEN "\nzone = example.com\n"
	  "hosts = home.example.com\n",
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS("81.2.69.1") },
	    { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK } }, { IP4, NULL }, 1,
	  { "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-",
	    "PATCH\t/client/v4/zones/zid1/dns_records/rid1\tBearer " TOKEN
	    "\t{\"content\":\"" IP4 "\"}" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "cloudflare IPv6, zone from the host", "protocol = cloudflare\npassword = " TOKEN
	  "\nhosts = home.example.com\n" V6ONLY,
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS("2a00::1") },
	    { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK } }, { IP6, NULL }, 1,
	  { "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=AAAA&name=home.example.com\tBearer "
	    TOKEN "\t-",
	    "PATCH\t/client/v4/zones/zid1/dns_records/rid1\tBearer " TOKEN
	    "\t{\"content\":\"" IP6 "\"}" }, "p/home.example.com: IPv6 " IP6 " (good)" },
	{ "cloudflare already set", "protocol = cloudflare\npassword = " TOKEN "\n"
	  "zone = example.com\nhosts = home.example.com\n",
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS(IP4) },
	    { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK } }, { IP4, NULL }, 1,
	  { "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-" }, "" },
	/* ddclient 4 sends both families in one request; nicupdate one per
	 * family, the full names less .duckdns.org (nicupdate.conf(5), duckdns) */
	{ "duckdns dual stack", "protocol = duckdns\npassword = " TOKEN "\n"
	  "hosts = home.duckdns.org, nas.duckdns.org\n",
	  { { "/update", 0, "OK" } }, { IP4, IP6 }, 0,
	  { "GET\t/update?domains=home,nas&token=" TOKEN "&ip=" IP4 "\t-\t-",
	    "GET\t/update?domains=home,nas&token=" TOKEN "&ipv6=" IP6 "\t-\t-" },
	  "p/nas.duckdns.org: IPv6 " IP6 " (OK)" },
	/* FreeDNS with the account's login: the record list (sha1 of
	 * "user|" PW), then the host's update URL, on the same server */
	{ "freedns account", FREE_ACCOUNT,
	  { { "/api/", 0, FREE_LIST("192.0.2.1", "198.51.100.1") },
	    { "/dynamic/update.php", 0, "Updated 1 host(s) a.example.com to " IP4
	      " in 0.1 seconds" } }, { IP4, NULL }, 1,
	  { "GET\t/api/?action=getdyndns&v=2&sha=" FREE_SHA "\t-\t-",
	    "GET\t/dynamic/update.php?tokA4&address=" IP4 "\t-\t-" },
	  "p/a.example.com: IPv4 " IP4 " (updated)" },
	{ "freedns account IPv6", FREE_ACCOUNT V6ONLY,
	  { { "/api/", 0, FREE_LIST("192.0.2.1", "2001:db8::1") },
	    { "/dynamic/update.php", 0, "Updated 1 host(s) a.example.com to " IP6
	      " in 0.1 seconds" } }, { IP6, NULL }, 1,
	  { "GET\t/api/?action=getdyndns&v=2&sha=" FREE_SHA "\t-\t-",
	    "GET\t/dynamic/update.php?tokA6&address=" IP6 "\t-\t-" },
	  "p/a.example.com: IPv6 " IP6 " (updated)" },
	{ "freedns account unchanged", FREE_ACCOUNT,
	  { { "/api/", 0, FREE_LIST(IP4, "198.51.100.1") } }, { IP4, NULL }, 1,
	  /* no update: the record holds the address (a warning on stderr) */
	  { "GET\t/api/?action=getdyndns&v=2&sha=" FREE_SHA "\t-\t-" }, "" },
};

#define NREQ_CASES ((int)(sizeof(req_cases) / sizeof(req_cases[0])))

START_TEST(request_lines)
{
	req_case_run(&req_cases[_i]);
}
END_TEST

/* Every protocol of --list-protocols has a case above or in tests/reqcases2.c. */
START_TEST(every_protocol_has_a_request_case)
{
	struct outcome o;
	char *save = NULL;
	int n = 0;

	nic_run(&o, "--list-protocols", NULL);
	ck_assert_int_eq(o.rc, 0);
	for (char *l = strtok_r(o.out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char name[32];
		int found;

		ck_assert_int_eq(sscanf(l, "%31s", name), 1);
		if (strcmp(name, "rfc2136") == 0)
			continue;	/* not HTTP: tests/check_nsupdate.c */
		if (strcmp(name, "ovh-api") == 0)
			continue;	/* signed over the fake's port: tests/check_ovh.c */
		found = req_cases_have(req_cases, NREQ_CASES, name) ||
		    req_cases_have(req_cases2, nreq_cases2, name);
		ck_assert_msg(found, "no request case for protocol %s", name);
		n++;
	}
	ck_assert_int_eq(n, 65);
	outcome_free(&o);
}
END_TEST

/* ---- answers and exit codes ---- */

struct answer {
	int status;
	const char *body;
	int rc;
	const char *err;	/* part of stderr, or NULL */
};

static const struct answer dyndns2_answers[] = {
	{ 200, "good " IP4 "\n", 0, NULL },
	{ 200, "nochg " IP4 "\n", 0, "already set" },
	{ 200, "successfully_changed " IP4, 0, NULL },
	{ 200, "no_change " IP4, 0, "already set" },
	{ 200, "  good " IP4 "\r\n", 0, NULL },
	{ 200, "badauth", 77, "p/a.example.com: badauth" },
	{ 401, "badauth", 77, "http-401" },
	{ 401, "", 77, "http-401" },
	{ 403, "forbidden", 77, "http-403" },
	{ 200, "nohost", 65, "p/a.example.com: nohost" },
	{ 400, "nohost", 65, "nohost" },
	{ 200, "notfqdn", 65, "notfqdn" },
	{ 200, "numhost", 65, "numhost" },
	{ 200, "abuse", 65, "abuse" },
	{ 200, "badagent", 65, "badagent" },
	{ 200, "!donator", 65, "!donator" },
	{ 200, "!yours", 65, "!yours" },
	{ 200, "!active", 65, "!active" },
	{ 200, "badsys", 65, "badsys" },
	{ 200, "911", 75, "911" },
	{ 200, "dnserr", 75, "dnserr" },
	{ 500, "good", 75, "http-500" },
	{ 502, "", 75, "http-502" },
	{ 503, "911", 75, "http-503" },
	{ 429, "slow down", 75, "http-429" },
	{ 200, "", 75, "noanswer" },
	{ 200, "what?", 75, "what?" },
	{ 400, "Validation failed", 65, "Validation" },
	{ 404, "not found", 65, NULL },
	{ 404, "", 65, "http-404" },
	/* a web server's 404 page is no provider word: its first word is no code */
	{ 404, "<html><body>Not Found</body></html>", 65,
	  "http-404: HTTP 404: wrong server or script?" },
};

START_TEST(dyndns2_answer_exit_codes)
{
	const struct answer *a = &dyndns2_answers[_i];
	struct outcome o;

	fake_route("/nic/update", a->status, a->body);
	nic_run(&o, "-c", pconf("protocol = dyndns2\n" LOGIN "hosts = a.example.com\n"),
	    "--ip", IP4, NULL);
	ck_assert_msg(o.rc == a->rc, "HTTP %d \"%s\": exit %d, want %d\n%s", a->status,
	    a->body, o.rc, a->rc, o.err);
	if (a->err != NULL)
		has(o.err, a->err);
	if (a->rc == 0 && a->err == NULL)
		has(o.out, "p/a.example.com: IPv4 " IP4);
	expect(0, "GET\t/nic/update?hostname=a.example.com&myip=" IP4 "\tuser:" PW "\t-",
	    NULL);
	outcome_free(&o);
}
END_TEST

/* One line per host, in the order sent; a missing line is temporary. */
START_TEST(dyndns2_one_line_per_host)
{
	struct outcome o;

	fake_route("/nic/update", 200, "good " IP4 "\nnohost\n");
	run(&o, pconf("protocol = dyndns2\n" LOGIN AB), IP4, NULL, 65);
	has(o.out, "p/a.example.com: IPv4 " IP4 " (good)");
	has(o.err, "p/b.example.com: nohost");
	ck_assert_ptr_null(strstr(o.out, "b.example.com"));
	outcome_free(&o);
	fake_stop(&fk);

	fake_route("/nic/update", 200, "\nnochg " IP4 "\n\n");
	/* blank lines do not count: one line answers for all three */
	run(&o, pconf("protocol = dyndns2\n" LOGIN "hosts = a.example.com, "
	    "b.example.com, c.example.com\n"), IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "hostname=a.example.com,b.example.com,"
	    "c.example.com&"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(dyndns2_missing_line_is_temporary)
{
	struct outcome o;

	fake_route("/nic/update", 200, "good " IP4 "\ngood " IP4 "\n");
	/* three hosts, two lines: the third has no answer */
	run(&o, pconf("protocol = dyndns2\n" LOGIN
	    "hosts = a.example.com, b.example.com, c.example.com\n"), IP4, NULL, 75);
	has(o.err, "p/c.example.com: noanswer");
	has(o.out, "p/b.example.com: IPv4 " IP4 " (good)");
	outcome_free(&o);
}
END_TEST


#define DUCK "protocol = duckdns\npassword = " TOKEN "\nhosts = x.duckdns.org\n"
#define FREE "protocol = freedns\npassword = " TOKEN "\nhosts = a.example.com\n"
#define NC "protocol = namecheap\npassword = " PW "\nhosts = www.example.com\n"
#define CHG "protocol = changeip\n" LOGIN "hosts = a.example.com\n"
#define CF "protocol = cloudflare\npassword = " TOKEN "\nzone = example.com\n" \
	"hosts = home.example.com\n"

#define CUSTOM "protocol = custom\nurl = @BASE@/upd?h=[DOMAIN]&ip=[IP]\n" \
	"hosts = a.example.com\n"

static const struct native native_answers[] = {
	/* an answer without the success words is quoted, on one line */
	{ CUSTOM, "/upd", 200, "Error: host\r\nnot found", 65,
	  "the success words: \"Error: host  not found\"" },
	{ DUCK, "/update", 200, "OK", 0, NULL },
	{ DUCK, "/update", 200, "OK\n" IP4 "\n\nUPDATED", 0, NULL },
	{ DUCK, "/update", 200, "KO", 77, "p/x.duckdns.org: KO" },
	{ DUCK, "/update", 401, "", 77, "http-401" },
	{ DUCK, "/update", 500, "OK", 75, "http-500" },
	{ DUCK, "/update", 200, "", 75, "unexpected" },
	{ DUCK, "/update", 200, "BROKEN", 75, "unexpected" },
	{ FREE, "/u/" TOKEN "/", 200, "Updated 1 host(s) a.example.com to " IP4
	  " in 0.31 seconds", 0, NULL },
	{ FREE, "/u/" TOKEN "/", 200, "No IP change detected for a.example.com with IP "
	  IP4 ", skipping update", 0, NULL },
	{ FREE, "/u/" TOKEN "/", 200, "ERROR: Invalid update URL (2)", 77, "badtoken" },
	{ FREE, "/u/" TOKEN "/", 200, "ERROR: Unable to locate this record", 65,
	  "p/a.example.com: failed" },
	{ FREE, "/u/" TOKEN "/", 404, "", 65, "http-404: HTTP 404: wrong server or script?" },
	{ FREE, "/u/" TOKEN "/", 503, "", 75, "http-503" },
	{ NC, "/update", 200, NC_OK, 0, NULL },
	{ NC, "/update", 200, NC_ERR("Passwords do not match"), 77,
	  "p/www.example.com: badpassword: Passwords do not match" },
	{ NC, "/update", 200, NC_ERR("Domain name not found"), 65,
	  "p/www.example.com: error: Domain name not found" },
	{ NC, "/update", 200, "<html>maintenance</html>", 65, "unexpected" },
	{ NC, "/update", 502, NC_OK, 75, "http-502" },
	{ CHG, "/nic/update", 200, "200 Successful Update", 0, NULL },
	{ CHG, "/nic/update", 200, "Hostname pattern does not exist", 65, "Successful" },
	{ CHG, "/nic/update", 401, "401 Access Denied", 77, "http-401" },
	{ CF, "/client/v4/zones", 400, "{\"success\":false,\"errors\":[{\"code\":6003,"
	  "\"message\":\"Invalid request headers\"}],\"messages\":[],\"result\":null}", 65,
	  "p/home.example.com: error: Invalid request headers" },
	{ CF, "/client/v4/zones", 200, "{\"success\":false,\"errors\":[{\"code\":1000,"
	  "\"message\":\"Bad thing\"}],\"result\":null}", 65, "Bad thing" },
	{ CF, "/client/v4/zones", 403, "{\"success\":false,\"errors\":[{\"code\":9109,"
	  "\"message\":\"Invalid access token\"}]}", 77,
	  "p/home.example.com: badauth: Invalid access token" },
	{ CF, "/client/v4/zones", 401, "", 77, "badauth" },
	{ CF, "/client/v4/zones", 200, "{\"success\":true,\"errors\":[],\"result\":[]}", 65,
	  "nozone" },
	{ CF, "/client/v4/zones", 500, "<html>oops</html>", 75, "p/home.example.com" },
	/* one classification of HTTP failures: a 408 is temporary here too */
	{ CF, "/client/v4/zones", 408, "", 75, "p/home.example.com" },
	{ CF, "/client/v4/zones", 200, "not json", 65, "unexpected" },
	/* FreeDNS account mode: the record list's answers */
	{ FREE_ACCOUNT, "/api/", 200, "", 77, "badauth: no records for this login" },
	{ FREE_ACCOUNT, "/api/", 200, "ERROR: Could not authenticate.", 77, "badauth" },
	{ FREE_ACCOUNT, "/api/", 401, "", 77, "http-401" },
	{ FREE_ACCOUNT, "/api/", 200, "b.example.com|" IP4 "|" FREE_URL "tokB", 65,
	  "norecord: no A record of this host" },
	{ FREE_ACCOUNT, "/api/", 200, "a.example.com|2001:db8::1|" FREE_URL "tokA6", 65,
	  "norecord: no A record of this host" },
	{ FREE_ACCOUNT, "/api/", 200, "a.example.com|192.0.2.1|no-url", 65, "badurl" },
	{ FREE_ACCOUNT, "/api/", 200, "a.example.com|192.0.2.1|https://x/a b", 65,
	  "badurl" },
	{ FREE_ACCOUNT, "/api/", 503, "", 75, "http-503" },
};

START_TEST(native_answer_exit_codes)
{
	native_run(&native_answers[_i]);
}
END_TEST

static const struct route cf_zone[] = {
	{ "/client/v4/zones", 0, CF_ZONES },
	{ NULL, 0, NULL },
};

START_TEST(cloudflare_missing_record_exits_65)
{
	struct outcome o;
	struct route r[3] = { cf_zone[0], { "/client/v4/zones/zid1/dns_records", 0,
	    "{\"success\":true,\"errors\":[],\"result\":[],\"result_info\":{\"count\":0}}" },
	    { NULL, 0, NULL } };

	fake_routes(r);
	run(&o, pconf(CF), IP4, NULL, 65);
	has(o.err, "p/home.example.com: norecord: no A record named home.example.com");
	expect(1, "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-", NULL);
	outcome_free(&o);
}
END_TEST

START_TEST(cloudflare_refused_patch)
{
	struct outcome o;
	struct route r[4] = { cf_zone[0], { "/client/v4/zones/zid1/dns_records", 0,
	    CF_RECORDS("81.2.69.1") }, { "/client/v4/zones/zid1/dns_records/rid1", 403,
	    "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":"
	    "\"Authentication error\"}]}" }, { NULL, 0, NULL } };

	fake_routes(r);
	run(&o, pconf(CF), IP4, NULL, 77);
	has(o.err, "Authentication error");
	ck_assert_int_eq(fake_count(&fk, "PATCH\t"), 1);
	outcome_free(&o);
}
END_TEST

/* The state of a cloudflare host is kept like any other: no second request. */
START_TEST(cloudflare_second_run_sends_nothing)
{
	struct outcome o;
	struct route r[4] = { cf_zone[0], { "/client/v4/zones/zid1/dns_records", 0,
	    CF_RECORDS("81.2.69.1") }, { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK },
	    { NULL, 0, NULL } };
	const char *c;

	fake_routes(r);
	c = pconf(CF);
	run(&o, c, IP4, NULL, 0);
	outcome_free(&o);
	run(&o, c, IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "/client/v4/"), 3);
	outcome_free(&o);
}
END_TEST

/* A 5xx on the PATCH is retried within the run, from the record lookup:
 * the zone's id is known by then (src/rest.c). */
START_TEST(cloudflare_retry_after_5xx)
{
	struct outcome o;
	char json[4096], zones[512], records[512], ok[512];

	json_str(zones, sizeof(zones), CF_ZONES);
	json_str(records, sizeof(records), CF_RECORDS("81.2.69.1"));
	json_str(ok, sizeof(ok), CF_OK);
	snprintf(json, sizeof(json), "{\"routes\": {\"/client/v4/zones\": {\"body\": \"%s\"},"
	    " \"/client/v4/zones/zid1/dns_records\": {\"body\": \"%s\"},"
	    " \"/client/v4/zones/zid1/dns_records/rid1\": {\"sequence\": ["
	    "{\"status\": 502, \"body\": \"<html>bad gateway</html>\"},"
	    " {\"body\": \"%s\"}]}}}", zones, records, ok);
	fake_start(&fk, json, NULL, 0);
	run(&o, pconf(CF "attempts = 2\nretry-interval = 1s\n"), IP4, NULL, 0);
	has(o.out, "p/home.example.com: IPv4 " IP4 " (good)");
	expect(1, "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-",
	    "PATCH\t/client/v4/zones/zid1/dns_records/rid1\tBearer " TOKEN
	    "\t{\"content\":\"" IP4 "\"}",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-",
	    "PATCH\t/client/v4/zones/zid1/dns_records/rid1\tBearer " TOKEN
	    "\t{\"content\":\"" IP4 "\"}", NULL);
	outcome_free(&o);
}
END_TEST

/* An IPv6 --ip in another spelling is the same address as the record's. */
START_TEST(cloudflare_ipv6_spelling_is_not_a_change)
{
	struct outcome o;
	struct route r[4] = { cf_zone[0], { "/client/v4/zones/zid1/dns_records", 0,
	    CF_RECORDS(IP6) }, { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK },
	    { NULL, 0, NULL } };

	fake_routes(r);
	run(&o, pconf(CF V6ONLY), "2A00:1450:4001:080B:0:0:0:200E", NULL, 0);
	/* regression: --ip is used in its canonical spelling, as detection gives */
	ck_assert_int_eq(fake_count(&fk, "PATCH\t"), 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t"), 2);
	outcome_free(&o);
}
END_TEST

/* Hosts in one profile are independent but for the zone, looked up once. */
START_TEST(cloudflare_two_hosts)
{
	struct outcome o;
	struct route r[4] = { cf_zone[0], { "/client/v4/zones/zid1/dns_records", 0,
	    CF_RECORDS("81.2.69.1") }, { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK },
	    { NULL, 0, NULL } };

	fake_routes(r);
	run(&o, pconf("protocol = cloudflare\npassword = " TOKEN "\nzone = example.com\n"
	    "hosts = home.example.com, nas.example.com\n"), IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/client/v4/zones?name=example.com\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "&name=home.example.com\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "&name=nas.example.com\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "PATCH\t"), 2);
	outcome_free(&o);
}
END_TEST

/* ---- the custom template ---- */

#define ODD_PW "a&b=c%d#e+f g"
#define ODD_PW_ENC "a%26b%3Dc%25d%23e%2Bf%20g"

START_TEST(custom_encodes_each_value_once)
{
	struct outcome o;

	tsecret(ODD_PW);
	tsecret(ODD_PW_ENC);
	fake_route("/upd", 200, "good");
	run(&o, pconf("protocol = custom\nlogin = us er\npassword = " ODD_PW "\n"
	    "hosts = a.example.com\n"
	    "url = @BASE@/upd?h=[DOMAIN]&ip=%i&u=[USERNAME]&p=%p&p2=[PASSWORD]\n"), IP4, NULL, 0);
	expect(0, "GET\t/upd?h=a.example.com&ip=" IP4 "&u=us%20er&p=" ODD_PW_ENC "&p2="
	    ODD_PW_ENC "\tus er:" ODD_PW "\t-", NULL);
	outcome_free(&o);
	/* the dry run shows the URL with the password masked */
	nic_run(&o, "-c", pconf("protocol = custom\nlogin = us er\npassword = " ODD_PW "\n"
	    "hosts = a.example.com\nurl = @BASE@/upd?p=%p&h=%h\n"), "--ip", IP4, "-n", NULL);
	ck_assert_int_eq(o.rc, 0);
	has(o.out, "/upd?p=***&h=a.example.com");
	outcome_free(&o);
}
END_TEST

START_TEST(custom_values_are_not_expanded_again)
{
	struct outcome o;

	fake_route("/upd", 200, "good");
	run(&o, pconf("protocol = custom\nlogin = %h[IP]%%\npassword = [DOMAIN]%i\n"
	    "hosts = a.example.com\nurl = @BASE@/upd?u=%u&p=[PASSWORD]&h=%h\n"), IP4, NULL, 0);
	expect(0, "GET\t/upd?u=%25h%5BIP%5D%25%25&p=%5BDOMAIN%5D%25i&h=a.example.com"
	    "\t%h[IP]%%:[DOMAIN]%i\t-", NULL);
	outcome_free(&o);
}
END_TEST

START_TEST(custom_placeholders_repeat)
{
	struct outcome o;

	fake_route("/r", 200, "good");
	run(&o, pconf("protocol = custom\nhosts = a.example.com\n"
	    "url = @BASE@/r?a=%h&b=[DOMAIN]&c=%h&d=[IP]&e=%i&f=[DOMAIN]%h\n"), IP4, NULL, 0);
	expect(0, "GET\t/r?a=a.example.com&b=a.example.com&c=a.example.com&d=" IP4 "&e="
	    IP4 "&f=a.example.coma.example.com\t-\t-", NULL);
	outcome_free(&o);
}
END_TEST

START_TEST(custom_percent_signs)
{
	struct outcome o;

	fake_route("/r", 200, "good");
	/* %% is one literal %, %2F and %25 are already encoded and stay */
	run(&o, pconf("protocol = custom\nhosts = a.example.com\n"
	    "url = @BASE@/r?path=a%2Fb&pct=100%%&lit=%%h&enc=%25&h=%h\n"), IP4, NULL, 0);
	expect(0, "GET\t/r?path=a%2Fb&pct=100%&lit=%h&enc=%25&h=a.example.com\t-\t-", NULL);
	outcome_free(&o);
}
END_TEST

struct bad_url {
	const char *url;
	const char *err;
};

static const struct bad_url bad_urls[] = {
	{ "@BASE@/r?h=%h&x=%x", "unknown placeholder %x" },
	{ "@BASE@/r?h=%h&z=[ZONE]", "unknown placeholder [ZONE]" },
	{ "@BASE@/r?h=%h&x=%", "unknown placeholder" },
	{ "@BASE@/r?h=%h&x=%4", "unknown placeholder" },
	{ "@BASE@/r?h=%h&x=a b", "percent-encoded" },
	{ "ftp://127.0.0.1/r?h=%h", "http" },
	{ "/r?h=%h", "http" },
};

START_TEST(custom_bad_template_is_a_config_error)
{
	const struct bad_url *b = &bad_urls[_i];
	struct outcome o;
	char lines[512];

	fake_start(&fk, "{}", NULL, 0);
	snprintf(lines, sizeof(lines), "protocol = custom\nhosts = a.example.com\nurl = %s\n",
	    b->url);
	run(&o, pconf(lines), IP4, NULL, 78);
	/* the file and line of the url key, and the profile */
	has(o.err, "nicupdate.conf:7: [p]: url: ");
	has(o.err, b->err);
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
	outcome_free(&o);
}
END_TEST

struct success_case {
	int status;
	const char *body;
	int rc;
};

static const struct success_case success_cases[] = {
	{ 200, "OK", 0 },
	{ 200, "status: OK.", 0 },
	{ 200, "result=OK\n", 0 },
	{ 200, "Invalid TOKEN", 65 },
	{ 200, "BROKEN", 65 },
	{ 200, "OKAY", 65 },
	{ 200, "", 65 },
	{ 404, "OK", 65 },
	{ 403, "OK", 77 },
	{ 500, "OK", 75 },
};

START_TEST(custom_success_words_are_whole_tokens)
{
	const struct success_case *c = &success_cases[_i];
	struct outcome o;

	fake_route("/r", c->status, c->body);
	nic_run(&o, "-c", pconf("protocol = custom\nhosts = a.example.com\nsuccess = OK\n"
	    "url = @BASE@/r?h=%h\n"), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == c->rc, "HTTP %d \"%s\": exit %d, want %d\n%s", c->status,
	    c->body, o.rc, c->rc, o.err);
	ck_assert_int_eq(fake_count(&fk, "GET\t/r?h=a.example.com\t"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(custom_several_success_words)
{
	struct outcome o;

	fake_route("/r", 200, "nochg");
	run(&o, pconf("protocol = custom\nhosts = a.example.com\nsuccess = updated, nochg\n"
	    "url = @BASE@/r?h=%h\n"), IP4, NULL, 0);
	has(o.err, "already set");
	outcome_free(&o);
	fake_stop(&fk);
	fake_route("/r", 200, "good");	/* not a success word of this profile */
	run(&o, pconf("protocol = custom\nhosts = a.example.com\nsuccess = updated, nochg\n"
	    "url = @BASE@/r?h=%h\n"), IP4, NULL, 65);
	outcome_free(&o);
}
END_TEST

/* custom needs no server: the url holds it. */
START_TEST(custom_needs_no_server)
{
	struct outcome o;
	char text[1024];

	fake_route("/r", 200, "good");
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/nicupdate.cache\n\n"
	    "[p]\nprotocol = custom\nhosts = a.example.com\nurl = %s/r?h=%%h&ip=%%i\n",
	    tdir(), fk.base);
	run(&o, tfile("nicupdate.conf", text), IP4, NULL, 0);
	expect(0, "GET\t/r?h=a.example.com&ip=" IP4 "\t-\t-", NULL);
	outcome_free(&o);
}
END_TEST

/* server may end in '/', or be host:port with ssl = no: same request. */
START_TEST(server_forms)
{
	struct outcome o;
	char text[1024];

	fake_route("/nic/update", 200, "good");
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/nicupdate.cache\n\n"
	    "[a]\nprotocol = noip\n" LOGIN "hosts = a.example.com\nserver = %s/\n\n"
	    "[b]\nprotocol = noip\n" LOGIN "hosts = b.example.com\nssl = no\n"
	    "server = %s\n", tdir(), fk.base, fk.base + strlen("http://"));
	run(&o, tfile("nicupdate.conf", text), IP4, NULL, 0);
	expect(0, "GET\t/nic/update?hostname=a.example.com&myip=" IP4 "\tuser:" PW "\t-",
	    "GET\t/nic/update?hostname=b.example.com&myip=" IP4 "\tuser:" PW "\t-", NULL);
	outcome_free(&o);
}
END_TEST

/* ---- configuration errors ---- */

struct conf_error {
	const char *lines;
	const char *err;
};

static const struct conf_error conf_errors[] = {
	{ "protocol = dyndns2\n" LOGIN "hosts = b\xc3\xbc" "cher.example.com\n",
	  "\"b\xc3\xbc" "cher.example.com\" is not a valid host name" },
	{ "protocol = custom\nhosts = b\xc3\xbc" "cher.example.com\nurl = @BASE@/r?h=%h\n",
	  "is not a valid host name" },
	{ "protocol = namecheap\npassword = " PW "\nhosts = www.example.com\n"
	  "usev6 = webv6\nwebv6 = @BASE@/ip6\n", "protocol namecheap has no IPv6" },
	{ "protocol = freedns\npassword = " TOKEN "\nhosts = a.example.com, b.example.com\n",
	  "protocol freedns updates one host per profile" },
	{ "protocol = custom\nhosts = a.example.com\n", "protocol custom needs url" },
	{ "protocol = dyndns2\n" LOGIN "hosts = a.example.com\nurl = @BASE@/r?h=%h\n",
	  "url: only for protocol custom" },
	{ "protocol = duckdns\nhosts = x.duckdns.org\n",
	  "protocol duckdns needs password" },
	{ "protocol = cloudflare\nhosts = home.example.com\nlogin = x\n",
	  "protocol cloudflare needs password" },
	{ "protocol = dyndns2\npassword = " PW "\nhosts = a.example.com\n",
	  "protocol dyndns2 needs login and password" },
	{ "protocol = he.net\nhosts = a.example.com\n", "protocol he.net needs password" },
	{ "protocol = nosuch\nhosts = a.example.com\n", "protocol: unknown \"nosuch\"" },
};

START_TEST(protocol_config_errors_exit_78)
{
	const struct conf_error *c = &conf_errors[_i];
	struct outcome o;

	fake_start(&fk, "{}", NULL, 0);
	run(&o, pconf(c->lines), IP4, NULL, 78);
	has(o.err, "nicupdate.conf:");
	has(o.err, c->err);
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
	outcome_free(&o);
}
END_TEST

/* ---- secrets and odd values ---- */

/* Tokens travel in URLs; debug output must still never show them. */
START_TEST(debug_output_masks_tokens_in_urls)
{
	static const char *const confs[] = {
		"protocol = duckdns\npassword = " TOKEN "\nhosts = x.duckdns.org\n",
		"protocol = freedns\npassword = " TOKEN "\nhosts = a.example.com\n",
		"protocol = namecheap\npassword = " PW "\nhosts = www.example.com\n",
		"protocol = cloudflare\npassword = " TOKEN "\nhosts = home.example.com\n",
		"protocol = dyndns2\n" LOGIN "hosts = a.example.com\n",
		"protocol = custom\n" LOGIN "hosts = a.example.com\nurl = @BASE@/r?p=%p\n",
	};
	struct route r[6] = { { "/update", 200, "KO" }, { "/u/" TOKEN "/", 200, "ERROR" },
	    { "/client/v4/zones", 403, "{\"success\":false}" }, { "/nic/update", 200, "badauth" },
	    { "/r", 200, "bad" }, { NULL, 0, NULL } };
	struct outcome o;

	fake_routes(r);
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++) {
		/* a dry run first: the failed run below locks most of these */
		nic_run(&o, "-c", pconf(confs[i]), "--ip", IP4, "-n", NULL);
		ck_assert_int_eq(o.rc, 0);
		has(o.out, "would send GET");
		outcome_free(&o);
		nic_run(&o, "-c", pconf(confs[i]), "--ip", IP4, "-d", NULL);
		ck_assert_msg(o.rc != 0, "%s", confs[i]);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, TOKEN), 3);
}
END_TEST

/* Host names are URL-encoded in the request: '*' and '_' are allowed in hosts. */
START_TEST(dyndns2_wildcard_host_is_encoded)
{
	struct outcome o;

	fake_route("/nic/update", 200, "good");
	run(&o, pconf("protocol = dyndns2\n" LOGIN "hosts = *.example.com, _x.example.com\n"),
	    IP4, NULL, 0);
	expect(0, "GET\t/nic/update?hostname=%2A.example.com,_x.example.com&myip=" IP4
	    "\tuser:" PW "\t-", NULL);
	outcome_free(&o);
}
END_TEST

/* More than 20 hosts: batches of at most 20 per request. */
START_TEST(dyndns2_batches_of_twenty)
{
	struct outcome o;
	char lines[2048] = "protocol = dyndns2\n" LOGIN "hosts = ";

	for (int i = 0; i < 25; i++)
		snprintf(lines + strlen(lines), sizeof(lines) - strlen(lines), "%sh%02d.x",
		    i ? ", " : "", i);
	strcat(lines, "\n");
	fake_route("/nic/update", 200, "good");
	run(&o, pconf(lines), IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=h00.x,h01.x,"), 1);
	ck_assert_int_eq(fake_count(&fk, ",h18.x,h19.x&myip=" IP4 "\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=h20.x,h21.x,h22.x,"
	    "h23.x,h24.x&myip=" IP4 "\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t"), 2);
	outcome_free(&o);
}
END_TEST

/* Namecheap has no IPv6: an IPv6 --ip must never reach its ip= parameter. */
START_TEST(namecheap_never_sends_ipv6)
{
	struct outcome o;

	fake_route("/update", 200, NC_OK);
	nic_run(&o, "-c", pconf(NC), "--ip", IP4, "--ip", IP6, NULL);
	/* regression: --ip with an IPv6 address never reaches an IPv4-only API */
	ck_assert_int_eq(fake_count(&fk, "&ip=" IP6), 0);
	ck_assert_int_eq(fake_count(&fk, "&ip=" IP4 "\t"), 1);
	outcome_free(&o);
}
END_TEST

/* A host outside the configured zone must not update the zone's apex. */
/* regression: a host in another case than its zone once updated the apex */
START_TEST(namecheap_zone_is_case_insensitive)
{
	struct outcome o;

	fake_route("/update", 200, NC_OK);
	nic_run(&o, "-c", pconf("protocol = namecheap\npassword = " PW "\n"
	    "hosts = WWW.Example.COM\nzone = example.com\n"), "--ip", IP4, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "host=%40"), 0);
	ck_assert_int_eq(fake_count(&fk, "host=WWW&domain=example.com"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(namecheap_host_outside_zone_is_not_the_apex)
{
	struct outcome o;

	fake_route("/update", 200, NC_OK);
	nic_run(&o, "-c", pconf("protocol = namecheap\npassword = " PW "\n"
	    "hosts = myexample.com\nzone = example.com\n"), "--ip", IP4, NULL);
	/* regression: a host outside its zone once overwrote the zone's apex */
	ck_assert_int_eq(fake_count(&fk, "host=%40"), 0);
	ck_assert_int_ne(o.rc, 0);
	outcome_free(&o);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("providers");
	TCase *tc = tcase_create("providers");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, request_lines, 0, NREQ_CASES);
	tcase_add_test(tc, every_protocol_has_a_request_case);
	tcase_add_loop_test(tc, dyndns2_answer_exit_codes, 0,
	    (int)(sizeof(dyndns2_answers) / sizeof(dyndns2_answers[0])));
	tcase_add_test(tc, dyndns2_one_line_per_host);
	tcase_add_test(tc, dyndns2_missing_line_is_temporary);
	tcase_add_loop_test(tc, native_answer_exit_codes, 0,
	    (int)(sizeof(native_answers) / sizeof(native_answers[0])));
	tcase_add_test(tc, cloudflare_missing_record_exits_65);
	tcase_add_test(tc, cloudflare_refused_patch);
	tcase_add_test(tc, cloudflare_second_run_sends_nothing);
	tcase_add_test(tc, cloudflare_two_hosts);
	tcase_add_test(tc, cloudflare_retry_after_5xx);
	tcase_add_test(tc, cloudflare_ipv6_spelling_is_not_a_change);
	tcase_add_test(tc, custom_encodes_each_value_once);
	tcase_add_test(tc, custom_values_are_not_expanded_again);
	tcase_add_test(tc, custom_placeholders_repeat);
	tcase_add_test(tc, custom_percent_signs);
	tcase_add_loop_test(tc, custom_bad_template_is_a_config_error, 0,
	    (int)(sizeof(bad_urls) / sizeof(bad_urls[0])));
	tcase_add_loop_test(tc, custom_success_words_are_whole_tokens, 0,
	    (int)(sizeof(success_cases) / sizeof(success_cases[0])));
	tcase_add_test(tc, custom_several_success_words);
	tcase_add_test(tc, custom_needs_no_server);
	tcase_add_test(tc, server_forms);
	tcase_add_loop_test(tc, protocol_config_errors_exit_78, 0,
	    (int)(sizeof(conf_errors) / sizeof(conf_errors[0])));
	tcase_add_test(tc, debug_output_masks_tokens_in_urls);
	tcase_add_test(tc, dyndns2_wildcard_host_is_encoded);
	tcase_add_test(tc, dyndns2_batches_of_twenty);
	tcase_add_test(tc, namecheap_never_sends_ipv6);
	tcase_add_test(tc, namecheap_host_outside_zone_is_not_the_apex);
	tcase_add_test(tc, namecheap_zone_is_case_insensitive);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

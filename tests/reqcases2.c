/*
 * Request cases of the providers tested in check_providers2.c: the exact
 * method, target, credentials and body each provider's documentation
 * gives, as the loopback fake must see them ("METHOD\tTARGET\tAUTH\tBODY").
 * check_providers' every_protocol_has_a_request_case counts these too.
 */
#include "provcase.h"

#define CF_GET_ZONE "GET\t/client/v4/zones?name=example.com\t"
#define CF_GET_A "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\t"
#define CF_NONE "{\"success\":true,\"errors\":[],\"result\":[]}"
#define CF_EMAIL "X-Auth-Email: me@example.com, X-Auth-Key: " TOKEN

#define DO_GET_A "GET\t/v2/domains/example.com/records?type=A&name=home.example.com\t" \
	"Bearer " TOKEN "\t-"
#define DO_RECORD(type, name, data) "{\"domain_records\":[{\"id\":3352896,\"type\":\"" \
	type "\",\"name\":\"" name "\",\"data\":\"" data "\",\"ttl\":1800}]," \
	"\"links\":{},\"meta\":{\"total\":1}}"
#define DO_NONE "{\"domain_records\":[],\"links\":{},\"meta\":{\"total\":0}}"

#define HZ_RRSET(type, value) "{\"rrset\":{\"id\":\"home/" type "\",\"name\":\"home\"," \
	"\"type\":\"" type "\",\"ttl\":null,\"records\":[{\"value\":\"" value "\"," \
	"\"comment\":\"\"}]}}"
#define HZ_ACTION "{\"action\":{\"id\":1,\"command\":\"set_records\"," \
	"\"status\":\"running\"}}"
#define HZ_NOTFOUND "{\"error\":{\"code\":\"not_found\",\"message\":" \
	"\"rrset not found\",\"details\":{}}}"
#define GANDI_RRSET(type, value) "{\"rrset_name\":\"home\",\"rrset_type\":\"" type \
	"\",\"rrset_ttl\":10800,\"rrset_values\":[\"" value "\"]}"
#define GANDI_OK "{\"message\":\"DNS Record Created\"}"
#define GD_KEY "sso-key user:" PW
#define DESEC_RRSET(type, value) "{\"created\":\"2026-01-01T00:00:00Z\"," \
	"\"domain\":\"example.com\",\"subname\":\"home\",\"name\":\"home.example.com.\"," \
	"\"type\":\"" type "\",\"ttl\":3600,\"records\":[\"" value "\"]}"

/* netcup: one answer that serves every step (tests/check_netcup.c has each). */
#define NC_ANSWER "{\"status\":\"success\",\"statuscode\":2000,\"responsedata\":" \
	"{\"apisessionid\":\"sid1\",\"dnsrecords\":[{\"id\":\"101\",\"hostname\":" \
	"\"home\",\"type\":\"A\",\"priority\":\"0\",\"destination\":\"81.2.69.1\"," \
	"\"deleterecord\":false,\"state\":\"yes\"}]}}"
#define NC_REQ "POST\t/run/webservice/servers/endpoint.php?JSON\t-\t"
#define NC_SESSION "\"customernumber\":\"12345\",\"apikey\":\"" TOKEN "\"," \
	"\"apisessionid\":\"sid1\""

#define PB_KEYS "\"secretapikey\":\"" PW "\",\"apikey\":\"user\""
#define PB_RECORD(type, content) "{\"status\":\"SUCCESS\",\"records\":[{\"id\":" \
	"\"106926659\",\"name\":\"home.example.com\",\"type\":\"" type "\",\"content\":" \
	"\"" content "\",\"ttl\":\"600\",\"prio\":\"0\",\"notes\":\"\"}]}"
#define LN_DOMAINS "{\"data\":[{\"id\":1234,\"domain\":\"example.com\",\"type\":" \
	"\"master\",\"status\":\"active\"}],\"page\":1,\"pages\":1,\"results\":1}"
#define LN_RECORDS(type, target) "{\"data\":[{\"id\":5678,\"name\":\"home\"," \
	"\"type\":\"" type "\",\"target\":\"" target "\",\"ttl_sec\":0}],\"page\":1," \
	"\"pages\":1,\"results\":1}"
#define LN_AUTH "Bearer " TOKEN ", X-Filter: "
#define IK_RECORDS(type, target) "{\"result\":\"success\",\"data\":[{\"id\":1000," \
	"\"source\":\"www\",\"type\":\"" type "\",\"target\":\"192.0.2.1\",\"ttl\":3600}," \
	"{\"id\":1001,\"source\":\"home\",\"type\":\"" type "\",\"target\":\"" target \
	"\",\"ttl\":3600}]}"
/* The record lookup: the zone's records of one source and type. */
#define IK_FILTER(source, type) "/2/zones/example.com/records?filter%5Bsource%5D=" \
	source "&filter%5Btypes%5D%5B%5D=" type

#define IO_KEY "X-API-Key: pfx." TOKEN
#define IO_ZONES "[{\"name\":\"example.org\",\"id\":\"z-org\",\"type\":\"NATIVE\"}," \
	"{\"name\":\"example.com\",\"id\":\"z-com\",\"type\":\"NATIVE\"}]"
#define IO_ZONE(records) "{\"name\":\"example.com\",\"id\":\"z-com\",\"type\":" \
	"\"NATIVE\",\"records\":[" records "]}"
#define IO_RECORD(type, content) "{\"name\":\"home.example.com\",\"rootName\":" \
	"\"example.com\",\"type\":\"" type "\",\"content\":\"" content "\",\"ttl\":3600," \
	"\"disabled\":false,\"id\":\"r-1\"}"

/* A dyndns2 preset: one GET of hostname and myip with the login. */
#define PRESET(proto, script, host) { proto, "protocol = " proto "\n" LOGIN "hosts = " \
	host "\n", { { script, 0, "good " IP4 } }, { IP4, NULL }, 0, \
	{ "GET\t" script "?hostname=" host "&myip=" IP4 "\tuser:" PW "\t-" }, \
	"p/" host ": IPv4 " IP4 " (good)" }

/* One GET of a query-string service (src/urlquery.c); auth "-" for none. */
#define QUERY(proto, creds, host, script, query, auth, answer, code) { proto, \
	"protocol = " proto "\n" creds "hosts = " host "\n", { { script, 0, answer } }, \
	{ IP4, NULL }, 0, { "GET\t" script "?" query "\t" auth "\t-" }, \
	"p/" host ": IPv4 " IP4 " (" code ")" }
#define SECRET "password = " TOKEN "\n"
#define IP6_ENC "2a00%3A1450%3A4001%3A80b%3A%3A200e"

const struct req_case req_cases2[] = {
	PRESET("selfhost", "/nic/update", "home.selfhost.eu"),
	PRESET("spdyn", "/nic/update", "home.spdns.de"),
	PRESET("inwx", "/nic/update", "home.example.com"),
	{ "inwx IPv6", "protocol = inwx\n" LOGIN "hosts = home.example.com\n" V6ONLY,
	  { { "/nic/update", 0, "good " IP6 } }, { IP6, NULL }, 0,
	  { "GET\t/nic/update?hostname=home.example.com&myipv6=" IP6 "\tuser:" PW "\t-" },
	  "p/home.example.com: IPv6 " IP6 " (good)" },
	PRESET("nic.ru", "/dyndns/update", "home.example.ru"),
	PRESET("now-dns", "/update", "home.now-dns.net"),
	PRESET("variomedia", "/nic/update", "home.example.de"),
	PRESET("do.de", "/", "home.example.de"),
	PRESET("all-inkl", "/", "home.example.de"),
	PRESET("opendns", "/nic/update", "Home"),
	PRESET("tunnelbroker", "/nic/update", "123456"),
	PRESET("pubyun", "/dyndns/update", "home.f3322.net"),
	PRESET("core-networks", "/", "home.example.de"),
	PRESET("simply.com", "/nic/update", "home.example.dk"),
	QUERY("freemyip", SECRET, "home.freemyip.com", "/update", "token=" TOKEN
	  "&domain=home.freemyip.com&myip=" IP4, "-", "OK", "good"),
	QUERY("keysystems", SECRET, "home.example.com", "/update.php",
	  "hostname=home.example.com&password=" TOKEN "&ip=" IP4, "-",
	  "[RESPONSE]\ncode = 200\ndescription = Command completed successfully\n", "good"),
	QUERY("dnsmadeeasy", LOGIN, "1007", "/servlet/updateip", "username=user&password="
	  PW "&id=1007&ip=" IP4, "-", "success", "good"),
	QUERY("regfish", SECRET, "home.example.de", "/", "fqdn=home.example.de&forcehost=1"
	  "&token=" TOKEN "&ipv4=" IP4, "-", "success|100|update succeeded!", "good"),
	QUERY("dondominio", LOGIN, "home.example.es", "/plain/", "user=user&password=" PW
	  "&host=home.example.es&ip=" IP4, "-", "OK\nIP:" IP4, "good"),
	QUERY("njalla", SECRET, "home.example.com", "/update/", "h=home.example.com&k="
	  TOKEN "&a=" IP4, "-", "{\"status\": 200, \"message\": \"record updated\", "
	  "\"value\": {\"A\": \"" IP4 "\"}}", "good"),
	{ "njalla IPv6", "protocol = njalla\n" SECRET "hosts = home.example.com\n" V6ONLY,
	  { { "/update/", 0, "{\"status\": 200, \"message\": \"record updated\"}" } },
	  { IP6, NULL }, 0,
	  { "GET\t/update/?h=home.example.com&k=" TOKEN "&aaaa=" IP6_ENC "\t-\t-" },
	  "p/home.example.com: IPv6 " IP6 " (good)" },
	QUERY("ionos-dyndns", SECRET, "home.example.com", "/dns/v1/dyndns", "q=" TOKEN
	  "&ipv4=" IP4, "-", "", "good"),
	QUERY("cloudns", SECRET, "home.example.com", "/api/dynamicURL/", "q=" TOKEN
	  "&proxy=1", "X-Forwarded-For: " IP4, "OK", "good"),
	QUERY("ddns.fm", SECRET, "home.example.com", "/update", "key=" TOKEN
	  "&domain=home.example.com&myip=" IP4, "-", "", "good"),
	{ "domeneshop", "protocol = domeneshop\n" LOGIN "hosts = home.example.no\n",
	  { { "/v0/dyndns/update", 204, "" } }, { IP4, NULL }, 0,
	  { "GET\t/v0/dyndns/update?hostname=home.example.no&myip=" IP4 "\tuser:" PW "\t-" },
	  "p/home.example.no: IPv4 " IP4 " (good)" },
	QUERY("easydns", LOGIN, "home.example.com", "/dyn/generic.php",
	  "hostname=home.example.com&myip=" IP4, "user:" PW, "NOERROR", "good"),
	QUERY("zoneedit", LOGIN, "home.example.com", "/auth/dynamic.html",
	  "host=home.example.com&dnsto=" IP4, "user:" PW, "<SUCCESS CODE=\"200\" "
	  "TEXT=\"Update succeeded.\" ZONE=\"example.com\" IP=\"" IP4 "\">", "good"),
	QUERY("myonlineportal", LOGIN, "home.myonlineportal.net", "/updateddns",
	  "username=user&password=" PW "&hostname=home.myonlineportal.net&ip=" IP4, "-",
	  "good " IP4, "good"),
	{ "myonlineportal IPv6", "protocol = myonlineportal\n" LOGIN
	  "hosts = home.myonlineportal.net\n" V6ONLY,
	  { { "/updateddns", 0, "nochg " IP6 } }, { IP6, NULL }, 0,
	  { "GET\t/updateddns?username=user&password=" PW "&hostname=home.myonlineportal.net"
	    "&ip6=" IP6_ENC "\t-\t-" }, "" },
	PRESET("dyndns.it", "/nic/update", "home.dyndns.it"),
	PRESET("oray", "/ph/update", "home.gicp.net"),
	{ "ipv64", "protocol = ipv64\n" SECRET "hosts = home.ipv64.net, nas.ipv64.de\n",
	  { { "/nic/update", 0, "good " IP4 } }, { IP4, NULL }, 0,
	  { "GET\t/nic/update?hostname=home.ipv64.net,nas.ipv64.de&myip=" IP4 "\tnone:"
	    TOKEN "\t-" }, "p/home.ipv64.net: IPv4 " IP4 " (good)" },
	{ "ipv64 IPv6", "protocol = ipv64\n" SECRET "hosts = home.ipv64.net\n" V6ONLY,
	  { { "/nic/update", 0, "nochg " IP6 } }, { IP6, NULL }, 0,
	  { "GET\t/nic/update?hostname=home.ipv64.net&myipv6=" IP6 "\tnone:" TOKEN "\t-" },
	  "" },
	QUERY("dnshome", LOGIN, "home.dnshome.de", "/dyndns.php", "u=home.dnshome.de&ip="
	  IP4, "user:" PW, "good " IP4, "good"),
	{ "desec-api", "protocol = desec-api\n" SECRET "hosts = home.example.com\n",
	  { { "GET /api/v1/domains/example.com/rrsets/home/A/", 0, DESEC_RRSET("A",
	      "81.2.69.1") },
	    { "PATCH /api/v1/domains/example.com/rrsets/home/A/", 0, DESEC_RRSET("A", IP4) } },
	  { IP4, NULL }, 1,
	  { "GET\t/api/v1/domains/example.com/rrsets/home/A/\tToken " TOKEN "\t-",
	    "PATCH\t/api/v1/domains/example.com/rrsets/home/A/\tToken " TOKEN
	    "\t{\"records\":[\"" IP4 "\"]}" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "desec-api at the apex with ttl", "protocol = desec-api\n" SECRET
	  "hosts = example.com\nzone = example.com\nttl = 3600\n" V6ONLY,
	  { { "GET /api/v1/domains/example.com/rrsets/%40/AAAA/", 0, DESEC_RRSET("AAAA",
	      "2a00:1450:4001:80b::1") },
	    { "PATCH /api/v1/domains/example.com/rrsets/%40/AAAA/", 0, "{}" } },
	  { IP6, NULL }, 1,
	  { "GET\t/api/v1/domains/example.com/rrsets/%40/AAAA/\tToken " TOKEN "\t-",
	    "PATCH\t/api/v1/domains/example.com/rrsets/%40/AAAA/\tToken " TOKEN
	    "\t{\"records\":[\"" IP6 "\"],\"ttl\":3600}" }, "(good)" },
	{ "desec-api already set", "protocol = desec-api\n" SECRET
	  "hosts = home.example.com\n",
	  { { "/api/v1/domains/example.com/rrsets/home/A/", 0, DESEC_RRSET("A", IP4) } },
	  { IP4, NULL }, 1,
	  { "GET\t/api/v1/domains/example.com/rrsets/home/A/\tToken " TOKEN "\t-" }, "" },
	{ "dnsexit", "protocol = dnsexit\n" SECRET "hosts = home.example.com\n",
	  { { "/dns/ud/", 0, "{\"code\" : 0, \"message\" : \"Success - 1 host(s) "
	      "updated\"}" } }, { IP4, NULL }, 0,
	  { "POST\t/dns/ud/?apikey=" TOKEN "\t-\thost=home.example.com&ip=" IP4 },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	QUERY("1984", SECRET, "home.example.is", "/1.0/freedns/", "apikey=" TOKEN
	  "&domain=home.example.is&ip=" IP4, "-", "{\"ok\": true, \"msg\": \"record "
	  "updated\", \"ip\": \"" IP4 "\"}", "good"),
	QUERY("ydns", LOGIN, "home.ydns.eu", "/api/v1/update/", "host=home.ydns.eu&ip=" IP4,
	  "user:" PW, "ok", "good"),
	QUERY("twodns", LOGIN, "home.dd-dns.de", "/update", "hostname=home.dd-dns.de&ip="
	  IP4, "user:" PW, "", "good"),
	{ "cloudflare create", "protocol = cloudflare\npassword = " TOKEN "\n"
	  "zone = example.com\nhosts = home.example.com\ncreate = yes\n",
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "GET /client/v4/zones/zid1/dns_records", 0, CF_NONE },
	    { "POST /client/v4/zones/zid1/dns_records", 0, CF_OK } }, { IP4, NULL }, 1,
	  { CF_GET_ZONE "Bearer " TOKEN "\t-", CF_GET_A "Bearer " TOKEN "\t-",
	    "POST\t/client/v4/zones/zid1/dns_records\tBearer " TOKEN "\t{\"type\":\"A\","
	    "\"name\":\"home.example.com\",\"content\":\"" IP4 "\",\"ttl\":1}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "cloudflare create AAAA with ttl and proxied", "protocol = cloudflare\n"
	  "password = " TOKEN "\nhosts = home.example.com\ncreate = yes\nttl = 120\n"
	  "proxied = yes\n" V6ONLY,
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "GET /client/v4/zones/zid1/dns_records", 0, CF_NONE },
	    { "POST /client/v4/zones/zid1/dns_records", 0, CF_OK } }, { IP6, NULL }, 1,
	  { CF_GET_ZONE "Bearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=AAAA&name=home.example.com\t"
	    "Bearer " TOKEN "\t-",
	    "POST\t/client/v4/zones/zid1/dns_records\tBearer " TOKEN "\t{\"type\":\"AAAA\","
	    "\"name\":\"home.example.com\",\"content\":\"" IP6 "\",\"ttl\":120,"
	    "\"proxied\":true}" }, "(good)" },
	{ "cloudflare global API key, ttl and proxied on PATCH", "protocol = cloudflare\n"
	  "login = me@example.com\npassword = " TOKEN "\nhosts = home.example.com\n"
	  "ttl = 300\nproxied = no\n",
	  { { "/client/v4/zones", 0, CF_ZONES },
	    { "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS("81.2.69.1") },
	    { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK } }, { IP4, NULL }, 1,
	  { CF_GET_ZONE CF_EMAIL "\t-", CF_GET_A CF_EMAIL "\t-",
	    "PATCH\t/client/v4/zones/zid1/dns_records/rid1\t" CF_EMAIL "\t{\"content\":\""
	    IP4 "\",\"ttl\":300,\"proxied\":false}" }, "(good)" },
	{ "digitalocean", "protocol = digitalocean\npassword = " TOKEN "\n"
	  "hosts = home.example.com\n",
	  { { "/v2/domains/example.com/records", 0, DO_RECORD("A", "home", "81.2.69.1") },
	    { "/v2/domains/example.com/records/3352896", 0, "{\"domain_record\":{}}" } },
	  { IP4, NULL }, 1,
	  { DO_GET_A, "PATCH\t/v2/domains/example.com/records/3352896\tBearer " TOKEN
	    "\t{\"type\":\"A\",\"data\":\"" IP4 "\"}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "digitalocean already set, AAAA", "protocol = digitalocean\npassword = " TOKEN
	  "\nhosts = home.example.com\n" V6ONLY,
	  { { "/v2/domains/example.com/records", 0, DO_RECORD("AAAA", "home", IP6) } },
	  { IP6, NULL }, 1,
	  { "GET\t/v2/domains/example.com/records?type=AAAA&name=home.example.com\tBearer "
	    TOKEN "\t-" }, "" },
	{ "digitalocean create at the apex", "protocol = digitalocean\npassword = " TOKEN
	  "\nzone = example.com\nhosts = example.com\ncreate = yes\n",
	  { { "GET /v2/domains/example.com/records", 0, DO_NONE },
	    { "POST /v2/domains/example.com/records", 201, "{\"domain_record\":{}}" } },
	  { IP4, NULL }, 1,
	  { "GET\t/v2/domains/example.com/records?type=A&name=example.com\tBearer " TOKEN
	    "\t-", "POST\t/v2/domains/example.com/records\tBearer " TOKEN "\t{\"type\":"
	    "\"A\",\"name\":\"@\",\"data\":\"" IP4 "\",\"ttl\":1800}" }, "(good)" },
	{ "digitalocean create with ttl", "protocol = digitalocean\npassword = " TOKEN
	  "\nzone = example.co.uk\nhosts = a.home.example.co.uk\ncreate = yes\nttl = 60\n",
	  { { "GET /v2/domains/example.co.uk/records", 0, DO_NONE },
	    { "POST /v2/domains/example.co.uk/records", 201, "{\"domain_record\":{}}" } },
	  { IP4, NULL }, 1,
	  { "GET\t/v2/domains/example.co.uk/records?type=A&name=a.home.example.co.uk\t"
	    "Bearer " TOKEN "\t-", "POST\t/v2/domains/example.co.uk/records\tBearer "
	    TOKEN "\t{\"type\":\"A\",\"name\":\"a.home\",\"data\":\"" IP4
	    "\",\"ttl\":60}" }, "(good)" },
	{ "hetzner", "protocol = hetzner\npassword = " TOKEN "\nhosts = home.example.com\n",
	  { { "/v1/zones/example.com/rrsets/home/A", 0, HZ_RRSET("A", "81.2.69.1") },
	    { "/v1/zones/example.com/rrsets/home/A/actions/set_records", 201, HZ_ACTION } },
	  { IP4, NULL }, 1,
	  { "GET\t/v1/zones/example.com/rrsets/home/A\tBearer " TOKEN "\t-",
	    "POST\t/v1/zones/example.com/rrsets/home/A/actions/set_records\tBearer " TOKEN
	    "\t{\"records\":[{\"value\":\"" IP4 "\"}]}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "hetzner already set, AAAA", "protocol = hetzner\npassword = " TOKEN "\n"
	  "hosts = home.example.com\n" V6ONLY,
	  { { "/v1/zones/example.com/rrsets/home/AAAA", 0, HZ_RRSET("AAAA", IP6) } },
	  { IP6, NULL }, 1,
	  { "GET\t/v1/zones/example.com/rrsets/home/AAAA\tBearer " TOKEN "\t-" }, "" },
	{ "hetzner create at the apex", "protocol = hetzner\npassword = " TOKEN "\n"
	  "hosts = example.com\nzone = example.com\ncreate = yes\nttl = 300\n",
	  { { "/v1/zones/example.com/rrsets/%40/A", 404, HZ_NOTFOUND },
	    { "/v1/zones/example.com/rrsets", 201, HZ_ACTION } }, { IP4, NULL }, 1,
	  { "GET\t/v1/zones/example.com/rrsets/%40/A\tBearer " TOKEN "\t-",
	    "POST\t/v1/zones/example.com/rrsets\tBearer " TOKEN "\t{\"name\":\"@\","
	    "\"type\":\"A\",\"records\":[{\"value\":\"" IP4 "\"}],\"ttl\":300}" },
	  "(good)" },
	{ "gandi", "protocol = gandi\npassword = " TOKEN "\nhosts = home.example.com\n",
	  { { "GET /v5/livedns/domains/example.com/records/home/A", 0,
	      GANDI_RRSET("A", "81.2.69.1") },
	    { "PUT /v5/livedns/domains/example.com/records/home/A", 201, GANDI_OK } },
	  { IP4, NULL }, 1,
	  { "GET\t/v5/livedns/domains/example.com/records/home/A\tBearer " TOKEN "\t-",
	    "PUT\t/v5/livedns/domains/example.com/records/home/A\tBearer " TOKEN
	    "\t{\"rrset_values\":[\"" IP4 "\"],\"rrset_ttl\":10800}" }, "p/home.example.com: IPv4 " IP4
	  " (good)" },
	{ "gandi create AAAA with ttl", "protocol = gandi\npassword = " TOKEN "\n"
	  "hosts = home.example.com\ncreate = yes\nttl = 300\n" V6ONLY,
	  { { "GET /v5/livedns/domains/example.com/records/home/AAAA", 404,
	      "{\"code\":404,\"message\":\"Can't find the DNS record\",\"object\":"
	      "\"dns-record\",\"cause\":\"Not Found\"}" },
	    { "PUT /v5/livedns/domains/example.com/records/home/AAAA", 201, GANDI_OK } },
	  { IP6, NULL }, 1,
	  { "GET\t/v5/livedns/domains/example.com/records/home/AAAA\tBearer " TOKEN "\t-",
	    "PUT\t/v5/livedns/domains/example.com/records/home/AAAA\tBearer " TOKEN
	    "\t{\"rrset_values\":[\"" IP6 "\"],\"rrset_ttl\":300}" }, "(good)" },
	{ "godaddy", "protocol = godaddy\n" LOGIN "hosts = home.example.com\n",
	  { { "GET /v1/domains/example.com/records/A/home", 0, "[{\"data\":\"81.2.69.1\","
	      "\"name\":\"home\",\"ttl\":600,\"type\":\"A\"}]" },
	    { "PUT /v1/domains/example.com/records/A/home", 0, "" } }, { IP4, NULL }, 1,
	  { "GET\t/v1/domains/example.com/records/A/home\t" GD_KEY "\t-",
	    "PUT\t/v1/domains/example.com/records/A/home\t" GD_KEY "\t[{\"data\":\""
	    IP4 "\",\"ttl\":600}]" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "godaddy create at the apex with ttl", "protocol = godaddy\n" LOGIN
	  "hosts = example.com\nzone = example.com\ncreate = yes\nttl = 600\n",
	  { { "GET /v1/domains/example.com/records/A/%40", 0, "[]" },
	    { "PUT /v1/domains/example.com/records/A/%40", 0, "" } }, { IP4, NULL }, 1,
	  { "GET\t/v1/domains/example.com/records/A/%40\t" GD_KEY "\t-",
	    "PUT\t/v1/domains/example.com/records/A/%40\t" GD_KEY "\t[{\"data\":\""
	    IP4 "\",\"ttl\":600}]" }, "(good)" },
	{ "netcup", "protocol = netcup\nlogin = 12345\npassword = " TOKEN ":" PW "\n"
	  "hosts = home.example.com\n",
	  { { "/run/webservice/servers/endpoint.php", 0, NC_ANSWER } }, { IP4, NULL }, 1,
	  { NC_REQ "{\"action\":\"login\",\"param\":{\"customernumber\":\"12345\","
	    "\"apikey\":\"" TOKEN "\",\"apipassword\":\"" PW "\"}}",
	    NC_REQ "{\"action\":\"infoDnsRecords\",\"param\":{\"domainname\":"
	    "\"example.com\"," NC_SESSION "}}",
	    NC_REQ "{\"action\":\"updateDnsRecords\",\"param\":{\"domainname\":"
	    "\"example.com\"," NC_SESSION ",\"dnsrecordset\":{\"dnsrecords\":[{\"id\":"
	    "\"101\",\"hostname\":\"home\",\"type\":\"A\",\"priority\":\"0\","
	    "\"destination\":\"" IP4 "\",\"deleterecord\":false}]}}}",
	    NC_REQ "{\"action\":\"logout\",\"param\":{" NC_SESSION "}}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "porkbun", "protocol = porkbun\n" LOGIN "hosts = home.example.com\n",
	  { { "/api/json/v3/dns/retrieveByNameType/example.com/A/home", 0,
	      PB_RECORD("A", "81.2.69.1") },
	    { "/api/json/v3/dns/editByNameType/example.com/A/home", 0,
	      "{\"status\":\"SUCCESS\"}" } }, { IP4, NULL }, 1,
	  { "POST\t/api/json/v3/dns/retrieveByNameType/example.com/A/home\t-\t{" PB_KEYS
	    "}", "POST\t/api/json/v3/dns/editByNameType/example.com/A/home\t-\t{" PB_KEYS
	    ",\"content\":\"" IP4 "\",\"ttl\":600}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "porkbun keeps only a ttl of digits", "protocol = porkbun\n" LOGIN
	  "hosts = home.example.com\n",
	  { { "/api/json/v3/dns/retrieveByNameType/example.com/A/home", 0,
	      "{\"status\":\"SUCCESS\",\"records\":[{\"id\":\"1\",\"content\":"
	      "\"81.2.69.1\",\"ttl\":\"1,\\\"x\\\":2\"}]}" },
	    { "/api/json/v3/dns/editByNameType/example.com/A/home", 0,
	      "{\"status\":\"SUCCESS\"}" } }, { IP4, NULL }, 1,
	  { "POST\t/api/json/v3/dns/retrieveByNameType/example.com/A/home\t-\t{" PB_KEYS
	    "}", "POST\t/api/json/v3/dns/editByNameType/example.com/A/home\t-\t{" PB_KEYS
	    ",\"content\":\"" IP4 "\"}" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "porkbun already set, AAAA", "protocol = porkbun\n" LOGIN
	  "hosts = home.example.com\n" V6ONLY,
	  { { "/api/json/v3/dns/retrieveByNameType/example.com/AAAA/home", 0,
	      PB_RECORD("AAAA", IP6) } }, { IP6, NULL }, 1,
	  { "POST\t/api/json/v3/dns/retrieveByNameType/example.com/AAAA/home\t-\t{" PB_KEYS
	    "}" }, "" },
	{ "porkbun create at the apex with ttl", "protocol = porkbun\n" LOGIN
	  "hosts = example.com\nzone = example.com\ncreate = yes\nttl = 600\n",
	  { { "/api/json/v3/dns/retrieveByNameType/example.com/A", 0,
	      "{\"status\":\"SUCCESS\",\"records\":[]}" },
	    { "/api/json/v3/dns/create/example.com", 0, "{\"status\":\"SUCCESS\","
	      "\"id\":\"106926652\"}" } }, { IP4, NULL }, 1,
	  { "POST\t/api/json/v3/dns/retrieveByNameType/example.com/A\t-\t{" PB_KEYS "}",
	    "POST\t/api/json/v3/dns/create/example.com\t-\t{" PB_KEYS ",\"name\":\"\","
	    "\"type\":\"A\",\"content\":\"" IP4 "\",\"ttl\":600}" }, "(good)" },
	{ "linode", "protocol = linode\npassword = " TOKEN "\nhosts = home.example.com\n",
	  { { "/v4/domains", 0, LN_DOMAINS },
	    { "GET /v4/domains/1234/records", 0, LN_RECORDS("A", "81.2.69.1") },
	    { "PUT /v4/domains/1234/records/5678", 0, "{\"id\":5678,\"type\":\"A\"}" } },
	  { IP4, NULL }, 1,
	  { "GET\t/v4/domains\t" LN_AUTH "{\"domain\":\"example.com\"}\t-",
	    "GET\t/v4/domains/1234/records\t" LN_AUTH "{\"name\":\"home\",\"type\":\"A\"}"
	    "\t-", "PUT\t/v4/domains/1234/records/5678\tBearer " TOKEN "\t{\"target\":\""
	    IP4 "\"}" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "linode create AAAA at the apex with ttl", "protocol = linode\npassword = " TOKEN
	  "\nhosts = example.com\nzone = example.com\ncreate = yes\nttl = 300\n" V6ONLY,
	  { { "/v4/domains", 0, LN_DOMAINS },
	    { "GET /v4/domains/1234/records", 0, "{\"data\":[],\"page\":1,\"pages\":1,"
	      "\"results\":0}" },
	    { "POST /v4/domains/1234/records", 0, "{\"id\":5679,\"type\":\"AAAA\"}" } },
	  { IP6, NULL }, 1,
	  { "GET\t/v4/domains\t" LN_AUTH "{\"domain\":\"example.com\"}\t-",
	    "GET\t/v4/domains/1234/records\t" LN_AUTH "{\"name\":\"\",\"type\":"
	    "\"AAAA\"}\t-", "POST\t/v4/domains/1234/records\tBearer " TOKEN "\t{\"type\":"
	    "\"AAAA\",\"name\":\"\",\"target\":\"" IP6 "\",\"ttl_sec\":300}" }, "(good)" },
	{ "infomaniak-api", "protocol = infomaniak-api\npassword = " TOKEN "\n"
	  "hosts = home.example.com\n",
	  { { "GET /2/zones/example.com/records", 0, IK_RECORDS("A", "81.2.69.1") },
	    { "PUT /2/zones/example.com/records/1001", 0, "{\"result\":\"success\","
	      "\"data\":{\"id\":1001}}" } }, { IP4, NULL }, 1,
	  { "GET\t" IK_FILTER("home", "A") "\tBearer " TOKEN "\t-",
	    "PUT\t/2/zones/example.com/records/1001\tBearer " TOKEN "\t{\"target\":\""
	    IP4 "\",\"ttl\":3600}" }, "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "infomaniak-api at the apex with ttl", "protocol = infomaniak-api\n"
	  "password = " TOKEN "\nhosts = example.com\nzone = example.com\nttl = 300\n",
	  { { "GET /2/zones/example.com/records", 0, "{\"result\":\"success\",\"data\":"
	      "[{\"id\":1003,\"source\":\".\",\"type\":\"A\",\"target\":\"81.2.69.1\","
	      "\"ttl\":3600}]}" },
	    { "PUT /2/zones/example.com/records/1003", 0, "{\"result\":\"success\","
	      "\"data\":{\"id\":1003}}" } }, { IP4, NULL }, 1,
	  { "GET\t" IK_FILTER(".", "A") "\tBearer " TOKEN "\t-",
	    "PUT\t/2/zones/example.com/records/1003\tBearer " TOKEN "\t{\"target\":\""
	    IP4 "\",\"ttl\":300}" }, "(good)" },
	{ "infomaniak-api create at the apex", "protocol = infomaniak-api\n"
	  "password = " TOKEN "\nhosts = example.com\nzone = example.com\ncreate = yes\n",
	  { { "GET /2/zones/example.com/records", 0, "{\"result\":\"success\","
	      "\"data\":[]}" },
	    { "POST /2/zones/example.com/records", 201, "{\"result\":\"success\","
	      "\"data\":{\"id\":1002}}" } }, { IP4, NULL }, 1,
	  { "GET\t" IK_FILTER(".", "A") "\tBearer " TOKEN "\t-",
	    "POST\t/2/zones/example.com/records\tBearer " TOKEN "\t{\"source\":\".\","
	    "\"type\":\"A\",\"target\":\"" IP4 "\",\"ttl\":3600}" }, "(good)" },
	{ "ionos", "protocol = ionos\npassword = pfx." TOKEN "\nhosts = home.example.com\n",
	  { { "/dns/v1/zones", 0, IO_ZONES },
	    { "GET /dns/v1/zones/z-com", 0, IO_ZONE(IO_RECORD("A", "81.2.69.1")) },
	    { "PUT /dns/v1/zones/z-com/records/r-1", 0, IO_RECORD("A", IP4) } },
	  { IP4, NULL }, 1,
	  { "GET\t/dns/v1/zones\t" IO_KEY "\t-", "GET\t/dns/v1/zones/z-com?recordName="
	    "home.example.com&recordType=A\t" IO_KEY "\t-",
	    "PUT\t/dns/v1/zones/z-com/records/r-1\t" IO_KEY "\t{\"content\":\"" IP4 "\",\"ttl\":3600}" },
	  "p/home.example.com: IPv4 " IP4 " (good)" },
	{ "ionos create AAAA with ttl", "protocol = ionos\npassword = pfx." TOKEN "\n"
	  "hosts = home.example.com\ncreate = yes\nttl = 300\n" V6ONLY,
	  { { "/dns/v1/zones", 0, IO_ZONES },
	    { "GET /dns/v1/zones/z-com", 0, IO_ZONE(IO_RECORD("A", IP4)) },
	    { "POST /dns/v1/zones/z-com/records", 201, "[" IO_RECORD("AAAA", IP6) "]" } },
	  { IP6, NULL }, 1,
	  { "GET\t/dns/v1/zones\t" IO_KEY "\t-", "GET\t/dns/v1/zones/z-com?recordName="
	    "home.example.com&recordType=AAAA\t" IO_KEY "\t-",
	    "POST\t/dns/v1/zones/z-com/records\t" IO_KEY "\t[{\"name\":\"home.example.com\","
	    "\"type\":\"AAAA\",\"content\":\"" IP6 "\",\"ttl\":300}]" }, "(good)" },
};

const int nreq_cases2 = (int)(sizeof(req_cases2) / sizeof(req_cases2[0]));

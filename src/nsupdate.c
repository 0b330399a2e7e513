/*
 * RFC 2136 dynamic updates signed with TSIG hmac-sha256, for self-hosted
 * BIND, Knot and PowerDNS (nicupdate.conf(5), PROTOCOLS, rfc2136). Not
 * over HTTP: the exchange op asks the server for each host's records,
 * then replaces those that differ in one signed UPDATE, over TCP (or UDP),
 * everything within the profile's timeout.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dns.h"
#include "proto.h"

#define ANSWER_MAX 65535

/* Split server "host", "host:port" or "[v6]:port"; 0, or -1 when malformed. */
static int
split_server(const char *server, char host[256], char port[8])
{
	const char *colon = strrchr(server, ':'), *end;
	long n = 53;

	if (server[0] == '[') {
		if ((end = strchr(server, ']')) == NULL || (end[1] != '\0' && end[1] != ':'))
			return -1;
		colon = end[1] == ':' ? end + 1 : NULL;
		server++;
	} else if (colon != NULL && strchr(server, ':') != colon) {
		end = server + strlen(server);	/* a bare IPv6 address */
		colon = NULL;
	} else {
		end = colon ? colon : server + strlen(server);
	}
	if (end == server || (size_t)(end - server) >= 256 ||
	    (colon != NULL && parse_long(colon + 1, 1, 65535, &n) == -1))
		return -1;
	snprintf(host, 256, "%.*s", (int)(end - server), server);
	snprintf(port, 8, "%ld", n);
	return 0;
}

/* Wait for fd to be ready for ev until deadline; 0, or -1 on timeout. */
static int
wait_fd(int fd, short ev, long long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = ev };
	long long left;
	int r;

	do {
		if ((left = deadline - now_ms()) <= 0)
			return -1;
		r = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
	} while (r == 0 || (r == -1 && errno == EINTR));
	return r > 0 ? 0 : -1;
}

/* Write or read exactly n bytes of a stream socket by deadline; 0 / -1. */
static int
full(int fd, int out, void *p, size_t n, long long deadline)
{
	for (size_t done = 0; done < n;) {
		ssize_t k;

		if (wait_fd(fd, out ? POLLOUT : POLLIN, deadline) == -1)
			return -1;
		k = out ? send(fd, (char *)p + done, n - done, MSG_NOSIGNAL) :
		    recv(fd, (char *)p + done, n - done, 0);
		if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
			return -1;
		if (k > 0)
			done += (size_t)k;
	}
	return 0;
}

/* One message to the server, its answer (same id) into ans; its length or -1. */
static ssize_t
talk_addr(const struct addrinfo *ai, int tcp, const struct buf *q, uint8_t *ans,
    long long deadline)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ssize_t got = -1;
	uint8_t len[2] = { (uint8_t)(q->len >> 8), (uint8_t)(q->len & 0xff) };
	int err = 0;
	socklen_t el = sizeof(err);

	if (fd == -1)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1 &&
	    (errno != EINPROGRESS || wait_fd(fd, POLLOUT, deadline) == -1 ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == -1 || err != 0))
		goto out;
	if (tcp) {
		if (full(fd, 1, len, 2, deadline) == -1 ||
		    full(fd, 1, q->s, q->len, deadline) == -1 ||
		    full(fd, 0, len, 2, deadline) == -1)
			goto out;
		got = (ssize_t)(len[0] << 8 | len[1]);
		if (full(fd, 0, ans, (size_t)got, deadline) == -1)
			got = -1;
		goto out;
	}
	if (send(fd, q->s, q->len, MSG_NOSIGNAL) != (ssize_t)q->len)
		goto out;
	/* a datagram with another id is not the answer: keep waiting */
	while (wait_fd(fd, POLLIN, deadline) == 0) {
		got = recv(fd, ans, ANSWER_MAX, 0);
		if (got >= 2 && memcmp(ans, q->s, 2) == 0)
			break;
		/* a refusal (ICMP port unreachable) is the answer too */
		if (got < 0 && errno != EINTR && errno != EAGAIN)
			break;
		got = -1;
	}
out:
	close(fd);
	return got;
}

/* Send q to the profile's server and parse its answer into m; 0 / -1 with why. */
static int
talk(const struct profile *p, const struct buf *q, uint8_t *ans, struct dns_msg *m,
    long long deadline, char *why, size_t whylen)
{
	struct addrinfo hints = { .ai_flags = AI_NUMERICSERV }, *res = NULL;
	char host[256], port[8];
	int tcp = profile_flag(p, "tcp"), e;
	ssize_t n = -1;

	hints.ai_socktype = tcp ? SOCK_STREAM : SOCK_DGRAM;
	if (split_server(p->server, host, port) == -1) {
		snprintf(why, whylen, "server \"%s\" is not host[:port]", p->server);
		return -1;
	}
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0) {
		snprintf(why, whylen, "%.100s: %s", host, gai_strerror(e));
		return -1;
	}
	for (const struct addrinfo *ai = res; ai != NULL && n < 0; ai = ai->ai_next)
		n = talk_addr(ai, tcp, q, ans, deadline);
	freeaddrinfo(res);
	if (n < 0) {
		snprintf(why, whylen, "no answer from %.100s port %s over %s", host, port,
		    tcp ? "TCP" : "UDP");
		return -1;
	}
	if (dns_parse(ans, (size_t)n, m, why, whylen) == -1)
		return -1;
	if (m->id != (uint16_t)((uint8_t)q->s[0] << 8 | (uint8_t)q->s[1])) {
		snprintf(why, whylen, "the answer has another id than the request");
		return -1;
	}
	return 0;
}

static uint16_t
new_id(void)
{
	uint16_t id = 0;

	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (uint16_t)(now_ms() ^ getpid());
	return id;
}

/*
 * Does the server answer with authority, signed with k, that host holds
 * addr and nothing else? The question is signed so that a forged answer
 * cannot make the update skipped; any doubt means no.
 */
static int
holds(const struct batch *b, const struct dns_key *k, const char *host, uint8_t *ans,
    long long deadline)
{
	struct buf q = { 0 };
	struct dns_msg m;
	uint8_t mac[DNS_MAC_LEN];
	char have[2][ADDR_MAX], why[160];
	int type = b->fam == FAM_V4 ? DNS_T_A : DNS_T_AAAA, same = 0, err;
	int ok = dns_query(&q, new_id(), host, type, DNS_C_IN) == 0;

	if (ok)
		dns_tsig_sign(&q, k, (int64_t)time(NULL), mac);
	if (ok && talk(b->p, &q, ans, &m, deadline, why, sizeof(why)) == 0 &&
	    m.rcode == DNS_R_NOERROR && (m.flags & 0x0400) &&
	    dns_tsig_verify(&m, k, (int64_t)time(NULL), mac, &err, why, sizeof(why)) == 0 &&
	    dns_addrs(&m, host, b->fam, have, 2) == 1)
		same = strcmp(have[0], b->addr) == 0;
	buf_free(&q);
	return same;
}

/* The outcome of an answer's rcode and TSIG error (0 if none). */
static enum outcome
nsupdate_outcome(int rcode, int tsig_err, enum retry *retry)
{
	*retry = RETRY_NO;
	if (tsig_err == DNS_TSIG_BADSIG || tsig_err == DNS_TSIG_BADKEY)
		return OUT_AUTH;
	if (tsig_err != 0)
		return OUT_PERM;	/* BADTIME: this clock is wrong */
	switch (rcode) {
	case DNS_R_NOERROR:
		return OUT_GOOD;
	case DNS_R_SERVFAIL:
		*retry = RETRY_SOON;
		return OUT_TEMP;
	case DNS_R_FORMERR: case DNS_R_NXDOMAIN: case DNS_R_NOTIMP: case DNS_R_REFUSED:
	case 6: case 7: case 8: case DNS_R_NOTAUTH: case DNS_R_NOTZONE:
		return OUT_PERM;
	default:
		return OUT_TEMP;
	}
}

static void
set(struct batch *b, size_t i, enum outcome out, enum retry retry, const char *code,
    const char *msg)
{
	b->res[i].out = out;
	b->res[i].retry = retry;
	snprintf(b->res[i].code, sizeof(b->res[i].code), "%s", code);
	snprintf(b->res[i].msg, sizeof(b->res[i].msg), "%s", msg);
}

/* Send update q signed with k for the hosts marked in todo; set their results. */
static void
update(struct batch *b, struct buf *q, const struct dns_key *k, const int *todo,
    uint8_t *ans, long long deadline)
{
	uint8_t mac[DNS_MAC_LEN];
	struct dns_msg m;
	char why[sizeof(b->res[0].msg)] = "";
	const char *code;
	enum outcome out;
	enum retry retry = RETRY_SOON;
	int err = 0, signed_ok = 0;

	dns_tsig_sign(q, k, (int64_t)time(NULL), mac);
	if (talk(b->p, q, ans, &m, deadline, why, sizeof(why)) == -1) {
		out = OUT_TEMP;
		code = "network";
	} else {
		if (m.count[3] > 0)
			signed_ok = dns_tsig_verify(&m, k, (int64_t)time(NULL), mac, &err,
			    why, sizeof(why)) == 0;
		out = nsupdate_outcome(m.rcode, err, &retry);
		code = err == DNS_TSIG_BADSIG ? "BADSIG" : err == DNS_TSIG_BADKEY ?
		    "BADKEY" : err == DNS_TSIG_BADTIME ? "BADTIME" : dns_rcode_name(m.rcode);
		if (out == OUT_GOOD && !signed_ok) {
			/* it may have been applied: the next run compares again */
			out = OUT_TEMP;
			if (why[0] == '\0')
				snprintf(why, sizeof(why), "the answer is not signed");
		} else if (err == 0) {
			snprintf(why, sizeof(why), "%s", out == OUT_GOOD ? "address set" :
			    m.rcode == DNS_R_NOTAUTH ? "the server is not authoritative for "
			    "the zone or refuses the key" : m.rcode == DNS_R_NOTZONE ?
			    "a host is outside the zone" : m.rcode == DNS_R_REFUSED ?
			    "the server refuses updates of this zone with this key" :
			    "the server failed the update");
		}
	}
	for (size_t i = 0; i < b->nhosts; i++)
		if (todo[i])
			set(b, i, out, retry, code, why);
}

static void
nsupdate_exchange(struct batch *b)
{
	const struct profile *p = b->p;
	long long deadline = now_ms() + p->timeout * 1000;
	uint8_t *ans = xmalloc(ANSWER_MAX), rdata[16];
	int type = b->fam == FAM_V4 ? DNS_T_A : DNS_T_AAAA, *todo;
	long ttl = 300;
	struct dns_key k;
	struct buf q = { 0 };
	char why[160];
	size_t n = 0;

	todo = xcalloc(b->nhosts + 1, sizeof(*todo));
	parse_long(profile_opt(p, "ttl"), 0, 2147483647, &ttl);
	if (dns_key_set(&k, p->login, p->password, why, sizeof(why)) == -1 ||
	    inet_pton(b->fam == FAM_V4 ? AF_INET : AF_INET6, b->addr, rdata) != 1 ||
	    dns_update_start(&q, new_id(), profile_opt(p, "zone")) == -1) {
		proto_set_all(b, OUT_PERM, "internal", "cannot make the update: %s", why);
		goto out;
	}
	for (size_t i = 0; i < b->nhosts; i++) {
		if (holds(b, &k, b->hosts[i], ans, deadline)) {
			set(b, i, OUT_NOCHG, RETRY_NO, "nochg", "the server already has "
			    "the address");
		} else if (dns_update_replace(&q, b->hosts[i], type, (uint32_t)ttl, rdata,
		    b->fam == FAM_V4 ? 4 : 16) == 0) {
			todo[i] = 1;
			n++;
		} else {
			set(b, i, OUT_PERM, RETRY_NO, "badname", "not a DNS name");
		}
	}
	if (n > 0)
		update(b, &q, &k, todo, ans, deadline);
out:
	explicit_bzero(&k, sizeof(k));
	buf_free(&q);
	free(todo);
	free(ans);
}

/* The exchange did everything: nothing to build, no HTTP answer to read. */
static void
nsupdate_build(struct batch *b)
{
	(void)b;
}

static int
nsupdate_parse(struct batch *b)
{
	(void)b;
	return 0;
}

static int
nsupdate_check(const struct profile *p, char *why, size_t whylen)
{
	char host[256], port[8];
	const char *ttl = profile_opt(p, "ttl");
	struct dns_key k;
	long n;
	int r;

	if (profile_opt(p, "zone") == NULL) {
		snprintf(why, whylen, "protocol rfc2136 needs zone (the zone to update)");
		return -1;
	}
	if (split_server(p->server, host, port) == -1 || strchr(p->server, '/') != NULL) {
		snprintf(why, whylen, "server: \"%s\" is not host[:port] (a DNS server, "
		    "not a URL)", p->server);
		return -1;
	}
	if (ttl == NULL || parse_long(ttl, 0, 2147483647, &n) == -1) {
		snprintf(why, whylen, "ttl: \"%s\" is not a number of seconds",
		    ttl ? ttl : "");
		return -1;
	}
	r = dns_key_set(&k, p->login, p->password, why, whylen);
	explicit_bzero(&k, sizeof(k));
	return r;
}

static const struct pkey nsupdate_keys[] = {
	{ "zone", K_STR, NULL },
	{ "ttl", K_STR, "300" },
	{ "tcp", K_BOOL, "yes" },
	{ NULL },
};

const struct proto_ops nsupdate_ops = {
	.build = nsupdate_build,
	.parse = nsupdate_parse,
	.exchange = nsupdate_exchange,
	.check = nsupdate_check,
	.keys = nsupdate_keys,
};

/*
 * One DNS question over plain DNS, without blocking: UDP to the server's
 * port, then TCP when the answer is truncated (RFC 1035 section 4.2), from
 * the profile's interface. The caller polls dnsq_fd() among its other
 * descriptors and calls dnsq_step() when it is ready.
 */
#ifndef NICUPDATE_DNSQ_H
#define NICUPDATE_DNSQ_H

#include <stdint.h>
#include <sys/socket.h>

#include "dns.h"

#define DNSQ_MAX 65535		/* the largest DNS message */

struct dnsq {
	int fd;			/* -1 when done */
	int tcp;		/* over TCP, after a truncated UDP answer */
	int connected;		/* the TCP connection is up and the query sent */
	struct sockaddr_storage sa;
	socklen_t salen;
	const char *itf;	/* interface name or source address, or NULL */
	struct buf q;		/* the query, with TCP's length prefix room */
	uint16_t id;
	char name[DNS_NAME_MAX + 1];
	int type, class;
	uint8_t *ans;		/* the answer once done, NULL on failure */
	size_t got, len;
	char err[256];		/* why it failed */
};

/*
 * Parse "ADDRESS" or "ADDRESS:PORT" ("[v6]:PORT"); the port defaults to
 * 53. 0 / -1.
 */
int dnsq_server(const char *spec, struct sockaddr_storage *sa, socklen_t *salen);
/* Ask name type class of server from itf (NULL: any); 0, or -1 (err set). */
int dnsq_start(struct dnsq *q, const struct sockaddr_storage *sa, socklen_t salen,
    const char *itf, const char *name, int type, int class);
/* The descriptor to poll and its events (POLLIN or POLLOUT), or -1 when done. */
int dnsq_fd(const struct dnsq *q, short *events);
/* Go on after the descriptor was ready: 1 done (ans or err set), 0 not yet. */
int dnsq_step(struct dnsq *q);
/* Check a parsed answer against the question; 0, or -1 (why set). */
int dnsq_answer(const struct dnsq *q, struct dns_msg *m, char *why, size_t n);
void dnsq_free(struct dnsq *q);

#endif

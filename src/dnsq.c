/* One plain DNS question without blocking (dnsq.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>

#include "addr.h"
#include "dnsq.h"

/* host (an address, no brackets) and port into sa; 0 / -1. */
static int
sockaddr_of(const char *host, long port, struct sockaddr_storage *sa, socklen_t *salen)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)sa;

	memset(sa, 0, sizeof(*sa));
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		*salen = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*salen = sizeof(*s6);
		return 0;
	}
	return -1;
}

int
dnsq_server(const char *spec, struct sockaddr_storage *sa, socklen_t *salen)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *port = NULL, *end;
	int bracket = spec[0] == '[';
	size_t n;
	long p = 53;

	if (bracket) {
		if ((end = strchr(spec, ']')) == NULL || (end[1] != '\0' && end[1] != ':'))
			return -1;
		n = (size_t)(end - spec - 1);
		port = end[1] == ':' ? end + 2 : NULL;
		spec++;
	} else {
		/* an IPv6 address with a port needs its brackets */
		end = strchr(spec, ':');
		n = end ? (size_t)(end - spec) : strlen(spec);
		port = end ? end + 1 : NULL;
	}
	if (n == 0 || n >= sizeof(host))
		return -1;
	memcpy(host, spec, n);
	host[n] = '\0';
	if (port != NULL) {
		char *e;

		errno = 0;
		p = strtol(port, &e, 10);
		if (errno != 0 || e == port || *e != '\0' || p < 1 || p > 65535)
			return -1;
	}
	/* brackets hold an IPv6 address, and only brackets do */
	if (sockaddr_of(host, p, sa, salen) == -1 ||
	    (sa->ss_family == AF_INET6) != bracket)
		return -1;
	return 0;
}

/* A socket of the server's family from q->itf, connecting; 0 / -1 (err set). */
static int
open_socket(struct dnsq *q)
{
	int fam = q->sa.ss_family;

	q->fd = socket(fam, (q->tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (q->fd == -1)
		goto fail;
	if (q->itf != NULL && addr_family(q->itf) == -1) {
		/* nicupdate.conf(5), interface: a name binds to the device */
		if (setsockopt(q->fd, SOL_SOCKET, SO_BINDTODEVICE, q->itf,
		    (socklen_t)strlen(q->itf)) == -1)
			goto fail_itf;
	} else if (q->itf != NULL) {
		struct sockaddr_storage src;
		socklen_t sl;

		if (sockaddr_of(q->itf, 0, &src, &sl) == -1 || src.ss_family != fam) {
			snprintf(q->err, sizeof(q->err), "interface %s: not an address of "
			    "the server's family", q->itf);
			return -1;
		}
		if (bind(q->fd, (struct sockaddr *)&src, sl) == -1)
			goto fail_itf;
	}
	if (connect(q->fd, (struct sockaddr *)&q->sa, q->salen) == -1 && errno != EINPROGRESS)
		goto fail;
	return 0;
fail_itf:
	snprintf(q->err, sizeof(q->err), "cannot send through interface %s: %s", q->itf,
	    strerror(errno));
	return -1;
fail:
	snprintf(q->err, sizeof(q->err), "%s: %s", q->tcp ? "TCP" : "UDP", strerror(errno));
	return -1;
}

int
dnsq_start(struct dnsq *q, const struct sockaddr_storage *sa, socklen_t salen,
    const char *itf, const char *name, int type, int class)
{
	memset(q, 0, sizeof(*q));
	q->fd = -1;
	memcpy(&q->sa, sa, salen);
	q->salen = salen;
	q->itf = itf;
	snprintf(q->name, sizeof(q->name), "%s", name);
	q->type = type;
	q->class = class;
	/* a random id: an off-path forger must guess it and the port */
	if (getrandom(&q->id, sizeof(q->id), 0) != sizeof(q->id) ||
	    dns_query(&q->q, q->id, name, type, class) == -1) {
		snprintf(q->err, sizeof(q->err), "cannot build the question");
		return -1;
	}
	if (open_socket(q) == -1)
		goto fail;
	if (send(q->fd, q->q.s, q->q.len, MSG_NOSIGNAL) != (ssize_t)q->q.len) {
		snprintf(q->err, sizeof(q->err), "UDP: %s", strerror(errno));
		goto fail;
	}
	q->ans = xmalloc(DNSQ_MAX + 2);
	return 0;
fail:
	dnsq_free(q);
	return -1;
}

int
dnsq_fd(const struct dnsq *q, short *events)
{
	*events = q->tcp && !q->connected ? POLLOUT : POLLIN;
	return q->fd;
}

/* Stop with an error (q->err) or with the answer; 1. */
static int
finish(struct dnsq *q, const char *what)
{
	if (what != NULL) {
		snprintf(q->err, sizeof(q->err), "%s: %s", q->tcp ? "TCP" : "UDP", what);
		free(q->ans);
		q->ans = NULL;
	}
	close(q->fd);
	q->fd = -1;
	return 1;
}

static int
step_tcp(struct dnsq *q)
{
	ssize_t k;

	if (!q->connected) {
		uint8_t len[2] = { (uint8_t)(q->q.len >> 8), (uint8_t)(q->q.len & 0xff) };
		int err = 0;
		socklen_t el = sizeof(err);

		if (getsockopt(q->fd, SOL_SOCKET, SO_ERROR, &err, &el) == -1 || err != 0)
			return finish(q, strerror(err ? err : errno));
		/* a question is far smaller than a fresh socket's send buffer */
		if (send(q->fd, len, 2, MSG_NOSIGNAL | MSG_MORE) != 2 ||
		    send(q->fd, q->q.s, q->q.len, MSG_NOSIGNAL) != (ssize_t)q->q.len)
			return finish(q, strerror(errno));
		q->connected = 1;
		return 0;
	}
	k = recv(q->fd, q->ans + q->got, (q->got < 2 ? 2 : q->len + 2) - q->got, 0);
	if (k < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : finish(q, strerror(errno));
	if (k == 0)
		return finish(q, "the server closed the connection");
	q->got += (size_t)k;
	if (q->got == 2)
		q->len = (size_t)(q->ans[0] << 8 | q->ans[1]);
	if (q->got < 2 || q->got < q->len + 2)
		return 0;
	memmove(q->ans, q->ans + 2, q->len);
	return finish(q, NULL);
}

int
dnsq_step(struct dnsq *q)
{
	ssize_t k;

	if (q->fd == -1)
		return 1;
	if (q->tcp)
		return step_tcp(q);
	k = recv(q->fd, q->ans, DNSQ_MAX, 0);
	if (k < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : finish(q, strerror(errno));
	/* a datagram with another id is not the answer: keep waiting */
	if (k < 12 || q->ans[0] != (q->id >> 8) || q->ans[1] != (q->id & 0xff))
		return 0;
	if (!(q->ans[2] & 0x02)) {
		q->len = (size_t)k;
		return finish(q, NULL);
	}
	/* truncated: ask again over TCP (RFC 7766) */
	close(q->fd);
	q->tcp = 1;
	if (open_socket(q) == -1) {
		free(q->ans);
		q->ans = NULL;
		if (q->fd != -1)
			close(q->fd);
		q->fd = -1;
		return 1;
	}
	return 0;
}

int
dnsq_answer(const struct dnsq *q, struct dns_msg *m, char *why, size_t n)
{
	if (q->ans == NULL) {
		snprintf(why, n, "%s", q->err);
		return -1;
	}
	if (dns_parse(q->ans, q->len, m, why, n) == -1)
		return -1;
	return dns_check_answer(m, q->id, q->name, q->type, q->class, why, n);
}

void
dnsq_free(struct dnsq *q)
{
	if (q->fd != -1)
		close(q->fd);
	q->fd = -1;
	free(q->ans);
	q->ans = NULL;
	buf_free(&q->q);
}

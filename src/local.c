/*
 * Address sources on this machine: an interface's address, read from the
 * kernel over netlink (which, unlike getifaddrs, tells temporary and
 * deprecated IPv6 addresses apart), and a command's output.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "detect.h"
#include "log.h"

/* Consider one netlink address; 1 when it is taken. */
static int
consider(enum fam f, struct ifaddrmsg *ifa, size_t len, int allow_private,
    char out[ADDR_MAX], char *why, size_t whylen)
{
	unsigned int flags = ifa->ifa_flags;
	const void *local = NULL, *address = NULL;
	char text[ADDR_MAX];

	for (struct rtattr *rta = IFA_RTA(ifa); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFA_LOCAL)
			local = RTA_DATA(rta);
		else if (rta->rta_type == IFA_ADDRESS)
			address = RTA_DATA(rta);
		else if (rta->rta_type == IFA_FLAGS)
			flags = *(unsigned int *)RTA_DATA(rta);
	}
	if (local == NULL)
		local = address;
	if (local == NULL || inet_ntop(f == FAM_V4 ? AF_INET : AF_INET6, local, text,
	    sizeof(text)) == NULL)
		return 0;
	if (flags & (IFA_F_TEMPORARY | IFA_F_DEPRECATED | IFA_F_TENTATIVE |
	    IFA_F_DADFAILED)) {
		snprintf(why, whylen, "%s is temporary, deprecated or tentative", text);
		return 0;
	}
	if (detect_accept(f, text, allow_private, why, whylen) == -1)
		return 0;
	memcpy(out, text, ADDR_MAX);
	return 1;
}

int
local_ifaddr(enum fam f, const char *ifname, int allow_private, char out[ADDR_MAX],
    char *why, size_t whylen)
{
	struct {
		struct nlmsghdr nh;
		struct ifaddrmsg ifa;
	} req;
	unsigned int index = if_nametoindex(ifname);
	char buf[16384];
	int fd, found = 0, done = 0;

	snprintf(why, whylen, "no %s address", fam_name(f));
	if (index == 0) {
		snprintf(why, whylen, "no such interface");
		return -1;
	}
	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) == -1) {
		snprintf(why, whylen, "netlink: %s", strerror(errno));
		return -1;
	}
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa));
	req.nh.nlmsg_type = RTM_GETADDR;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.ifa.ifa_family = f == FAM_V4 ? AF_INET : AF_INET6;
	if (send(fd, &req, req.nh.nlmsg_len, 0) == -1) {
		snprintf(why, whylen, "netlink: %s", strerror(errno));
		close(fd);
		return -1;
	}
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n <= 0)
			break;
		for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		    nh = NLMSG_NEXT(nh, n)) {
			struct ifaddrmsg *ifa = NLMSG_DATA(nh);

			if (nh->nlmsg_type == NLMSG_DONE || nh->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			if (nh->nlmsg_type != RTM_NEWADDR || found || ifa->ifa_index != index)
				continue;
			found = consider(f, ifa, IFA_PAYLOAD(nh), allow_private, out, why,
			    whylen);
		}
	}
	close(fd);
	return found ? 0 : -1;
}

/* Split a command line on blanks, honouring '...' and "..." quotes. */
static char **
split_args(const char *cmd)
{
	struct strlist l = { 0 };
	struct buf w = { 0 };
	char quote = 0;
	int inword = 0;

	for (const char *s = cmd;; s++) {
		if (*s == '\0' || (!quote && (*s == ' ' || *s == '\t'))) {
			if (inword)
				strlist_add(&l, w.s ? w.s : "");
			buf_free(&w);
			inword = 0;
			if (*s == '\0')
				break;
		} else if (quote ? *s == quote : (*s == '\'' || *s == '"')) {
			quote = quote ? 0 : *s;
			inword = 1;
		} else {
			buf_add(&w, s, 1);
			inword = 1;
		}
	}
	if (l.n == 0)
		strlist_add(&l, "");
	return l.v;
}

int
local_cmd(enum fam f, const char *cmd, const char *skip, long timeout_s,
    char out[ADDR_MAX], char *why, size_t whylen)
{
	char **argv = split_args(cmd), chunk[4096];
	long long deadline = now_ms() + timeout_s * 1000;
	struct buf b = { 0 };
	int pfd[2], status, rc = -1, toolong = 0;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		snprintf(why, whylen, "cannot run: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(pfd[1], 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	buf_add(&b, "", 0);
	for (;;) {
		struct pollfd p = { pfd[0], POLLIN, 0 };
		long long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			kill(pid, SIGKILL);
			snprintf(why, whylen, "timed out after %lds", timeout_s);
			toolong = 1;
			break;
		}
		n = read(pfd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b.len + (size_t)n > DETECT_MAX_BODY) {
			kill(pid, SIGKILL);
			snprintf(why, whylen, "output larger than %d bytes", DETECT_MAX_BODY);
			toolong = 1;
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (toolong)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			snprintf(why, whylen, "cannot run %s", argv[0]);
		else
			snprintf(why, whylen, "exited with status %d",
			    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		goto out;
	}
	rc = addr_extract(f, b.s, b.len, skip, out, why, whylen);
out:
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
	buf_free(&b);
	return rc;
}

/*
 * Address sources on this machine: an interface's address, read from the
 * kernel over netlink (which, unlike getifaddrs, tells temporary and
 * deprecated IPv6 addresses apart), and a command's output.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "command.h"
#include "local.h"
#include "log.h"

int
local_flags_ok(unsigned int flags, int temporary)
{
	if (flags & (IFA_F_DEPRECATED | IFA_F_TENTATIVE | IFA_F_DADFAILED |
	    IFA_F_OPTIMISTIC))
		return 0;
	return temporary ? (flags & IFA_F_TEMPORARY) != 0 : (flags & IFA_F_TEMPORARY) == 0;
}

/* Consider one netlink address; 1 when it is taken. */
static int
consider(enum fam f, struct ifaddrmsg *ifa, size_t len, int allow_private,
    int temporary, char out[ADDR_MAX], char *why, size_t whylen)
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
	if (!local_flags_ok(flags, f == FAM_V6 && temporary)) {
		snprintf(why, whylen, "%s is %s, deprecated or tentative", text,
		    f == FAM_V6 && temporary ? "not temporary" : "temporary");
		return 0;
	}
	if (addr_accept(f, text, allow_private, why, whylen) == -1)
		return 0;
	memcpy(out, text, ADDR_MAX);
	return 1;
}

int
local_ifaddr(enum fam f, const char *ifname, int allow_private, int temporary,
    char out[ADDR_MAX], char *why, size_t whylen)
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
			found = consider(f, ifa, IFA_PAYLOAD(nh), allow_private, temporary,
			    out, why, whylen);
		}
	}
	close(fd);
	return found ? 0 : -1;
}

int
local_cmd(const char *profile, enum fam f, const char *cmd, const char *skip,
    long timeout_s, char out[ADDR_MAX], char *why, size_t whylen)
{
	struct strlist argv = { 0 }, env = { 0 };
	struct buf b = { 0 };
	int rc = -1;

	command_split(cmd, &argv);
	command_env(&env, profile, f);
	buf_add(&b, "", 0);
	if (command_run(argv.v, env.v, timeout_s, &b, ADDR_ANSWER_MAX, why, whylen) == 0)
		rc = addr_extract(f, b.s, b.len, skip, out, why, whylen);
	strlist_free(&argv);
	strlist_free(&env);
	buf_free(&b);
	return rc;
}

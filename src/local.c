/*
 * Address sources on this machine: an interface's address, read from the
 * kernel over netlink (which, unlike getifaddrs, tells temporary and
 * deprecated IPv6 addresses apart), the interface of the default route,
 * and a command's output.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "command.h"
#include "local.h"
#include "log.h"
#include "util.h"

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
local_default_if(enum fam f, const char *table, char name[IF_NAMESIZE], char *why,
    size_t whylen)
{
	char *text = read_file(table), *save = NULL, dev[IF_NAMESIZE], dest[33], mask[9];
	unsigned int plen, flags, metric, best = 0;
	int found = 0, n;

	if (text == NULL) {
		snprintf(why, whylen, "%s: %s", table, strerror(errno));
		return -1;
	}
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		/* route: Iface Destination Gateway Flags RefCnt Use Metric Mask ...;
		 * ipv6_route: dest plen src plen nexthop metric refcnt use flags dev */
		if (f == FAM_V4)
			n = sscanf(l, "%15s %8s %*8s %x %*d %*d %u %8s", dev, dest, &flags,
			    &metric, mask) == 5 && strcmp(dest, "00000000") == 0 &&
			    strcmp(mask, "00000000") == 0;
		else
			n = sscanf(l, "%32s %2x %*32s %*2x %*32s %8x %*8x %*8x %8x %15s", dest,
			    &plen, &metric, &flags, dev) == 5 && plen == 0 &&
			    strspn(dest, "0") == 32 && strcmp(dev, "lo") != 0;
		if (n && (flags & RTF_UP) && !(flags & RTF_REJECT) &&
		    (!found || metric < best)) {
			snprintf(name, IF_NAMESIZE, "%s", dev);
			best = metric;
			found = 1;
		}
	}
	free(text);
	if (!found)
		snprintf(why, whylen, "no default %s route", fam_name(f));
	return found ? 0 : -1;
}

int
local_ifaddr(enum fam f, const char *ifname, int allow_private, int temporary,
    char out[ADDR_MAX], char *why, size_t whylen)
{
	struct {
		struct nlmsghdr nh;
		struct ifaddrmsg ifa;
	} req;
	unsigned int index;
	char buf[16384], dflt[IF_NAMESIZE];
	int fd, found = 0, done = 0;

	/* "default": the interface of the default route (nicupdate.conf(5), ifv4) */
	if (strcmp(ifname, "default") == 0) {
		if (local_default_if(f, f == FAM_V4 ? "/proc/net/route" :
		    "/proc/net/ipv6_route", dflt, why, whylen) == -1)
			return -1;
		ifname = dflt;
	}
	index = if_nametoindex(ifname);
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

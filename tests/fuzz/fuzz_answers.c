/*
 * libFuzzer: every provider's answer reader, from the registry. The first
 * byte picks the protocol, the next two the HTTP status; the rest is the
 * body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config c;
	static int loaded;
	static size_t nprotos;
	const char *hosts[3] = { "a.example.com", "b.example.com", "c.example.com" };
	struct result res[3];
	struct batch b;

	log_verbosity = -1;
	if (!loaded) {
		loaded = config_load_string(&c, "fuzz.conf",
		    "[p]\nprotocol = custom\nlogin = u\npassword = pw\n"
		    "hosts = a.example.com\nurl = http://127.0.0.1/u?h=[DOMAIN]&ip=[IP]\n") != 0 ? -1 : 1;
		/* every protocol's keys, for whichever protocol an input picks */
		profile_set_opt(&c.prof[0], "zone", "example.com", 0, 0);
		profile_set_opt(&c.prof[0], "mx", "mx.example.com", 0, 0);
	}
	if (loaded != 1)
		abort();
	if (size < 3)
		return 0;
	memset(&b, 0, sizeof(b));
	memset(res, 0, sizeof(res));
	while (proto_at(nprotos) != NULL)
		nprotos++;
	c.prof[0].proto = proto_at((data[0] & 0x7f) % nprotos);
	b.p = &c.prof[0];
	b.fam = data[0] & 0x80 ? FAM_V6 : FAM_V4;
	strcpy(b.addr, b.fam == FAM_V4 ? "81.2.69.160" : "2a00:1450:4001::1");
	b.hosts = hosts;
	b.res = res;
	b.nhosts = b.p->proto->max_hosts < 3 ? (size_t)b.p->proto->max_hosts : 3;
	b.p->proto->ops->build(&b);
	b.req.status = 100 + (long)(((unsigned)data[1] << 8 | data[2]) % 500);
	b.req.failed = data[2] == 0xff;
	b.req.resp = malloc(size - 3 + 1);
	memcpy(b.req.resp, data + 3, size - 3);
	b.req.resp[size - 3] = '\0';
	b.req.resp_len = size - 3;
	/* a multi-request API reads the same answer at each of its steps */
	for (int step = 0; step < 3 && b.p->proto->ops->parse(&b); step++)
		;
	if (b.p->proto->ops->done != NULL)
		b.p->proto->ops->done(&b);
	free(b.req.resp);
	free(b.url);
	free(b.body);
	return 0;
}

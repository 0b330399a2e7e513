#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "proto.h"

static const struct proto protos[] = {
	{ "dyndns2", "members.dyndns.org", "/nic/update", 20, P_LOGIN,
	  dyndns2_build, dyndns2_parse },
	{ "infomaniak", "infomaniak.com", "/nic/update", 20, P_LOGIN,
	  dyndns2_build, dyndns2_parse },
};

const struct proto *
proto_find(const char *name)
{
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (strcmp(protos[i].name, name) == 0)
			return &protos[i];
	return NULL;
}

const char *
proto_names(void)
{
	static char names[512];

	if (names[0] == '\0') {
		for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
			if (i > 0)
				strncat(names, " ", sizeof(names) - strlen(names) - 1);
			strncat(names, protos[i].name, sizeof(names) - strlen(names) - 1);
		}
	}
	return names;
}

char *
proto_base_url(const struct profile *p)
{
	const char *server = p->server ? p->server : p->proto->server;

	if (strncmp(server, "http://", 7) == 0 || strncmp(server, "https://", 8) == 0)
		return xstrdup(server);
	return xasprintf("%s://%s", p->ssl ? "https" : "http", server);
}

void
proto_set_all(struct batch *b, enum outcome out, const char *code, const char *fmt, ...)
{
	char msg[sizeof(b->res[0].msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < b->nhosts; i++) {
		b->res[i].out = out;
		snprintf(b->res[i].code, sizeof(b->res[i].code), "%s", code);
		snprintf(b->res[i].msg, sizeof(b->res[i].msg), "%s", msg);
	}
}

int
proto_http_failure(struct batch *b)
{
	const struct http_req *r = &b->req;
	char code[32];

	if (r->failed) {
		proto_set_all(b, OUT_TEMP, "network", "%s", r->err);
		return 1;
	}
	snprintf(code, sizeof(code), "http-%ld", r->status);
	if (r->status == 401 || r->status == 403) {
		proto_set_all(b, OUT_AUTH, code, "HTTP %ld: login or password refused",
		    r->status);
		return 1;
	}
	if (r->status >= 500 || r->status == 408 || r->status == 429) {
		proto_set_all(b, OUT_TEMP, code, "HTTP %ld from the server", r->status);
		return 1;
	}
	return 0;
}

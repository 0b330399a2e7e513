/*
 * Providers: an explicit table of protocols, each data plus two small
 * functions, one to build a request and one to read its answer.
 */
#ifndef NICUPDATE_PROTO_H
#define NICUPDATE_PROTO_H

#include "addr.h"
#include "http.h"

struct profile;

/* What an answer means for a host; ordered from good to bad. */
enum outcome {
	OUT_NONE,	/* not tried */
	OUT_GOOD,	/* changed */
	OUT_NOCHG,	/* accepted, nothing changed */
	OUT_TEMP,	/* try again later */
	OUT_PERM,	/* rejected until the user acts */
	OUT_AUTH,	/* credentials refused */
};

struct result {
	enum outcome out;
	char code[32];		/* provider's word or "http-500", stored in state */
	char msg[160];		/* for humans */
};

/* One request's work: hosts of one profile that get the same address. */
struct batch {
	const struct profile *p;
	enum fam fam;
	char addr[ADDR_MAX];
	const char **hosts;	/* into p->hosts */
	struct result *res;	/* one per host */
	size_t nhosts;
	int tries;
	char *url;		/* the request's own storage */
	struct http_opts opts;
	struct http_req req;
};

#define P_LOGIN 1	/* needs login and password */
#define P_SECRET 2	/* needs a password (token) */

struct proto {
	const char *name;
	const char *server;	/* default server */
	const char *script;	/* default path */
	int max_hosts;		/* hosts per request */
	unsigned flags;
	void (*build)(struct batch *b);	/* fills b->url and b->req */
	void (*parse)(struct batch *b);	/* fills b->res from the answer */
};

const struct proto *proto_find(const char *name);
/* Space-separated names of every protocol, for --help. */
const char *proto_names(void);

/* "https://server" or "http://server" per the profile's ssl and server. */
char *proto_base_url(const struct profile *p);
/* Set every host of b to the same outcome. */
void proto_set_all(struct batch *b, enum outcome out, const char *code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Classify a transport failure or an HTTP status without a known body. */
int proto_http_failure(struct batch *b);

/* dyndns2 family (dyndns2.c) */
void dyndns2_build(struct batch *b);
void dyndns2_parse(struct batch *b);
/* The outcome of one dyndns2 answer word; message in *msg. */
enum outcome dyndns2_code(const char *word, const char **msg);

#endif

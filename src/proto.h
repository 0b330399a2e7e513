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
	int step;		/* multi-request APIs: which request this is */
	char *url;		/* the request's own storage */
	char *body;
	char *auth;		/* an Authorization header line (secret) */
	const char *headers[3];
	char *id[2];		/* ids found by earlier steps (zone, record) */
	struct http_opts opts;
	struct http_req req;
};

#define P_LOGIN 1	/* needs login and password */
#define P_SECRET 2	/* needs a password (token) */
#define P_HOSTLOGIN 4	/* login defaults to the host name; one host per request */
#define P_V4ONLY 8	/* the provider has no IPv6 */
#define P_ONEHOST 16	/* a profile holds exactly one host */
#define P_URL 32	/* needs url (the custom template) */

struct proto {
	const char *name;
	const char *server;	/* default server */
	const char *server6;	/* default server for IPv6 requests, if another */
	const char *script;	/* default path */
	int max_hosts;		/* hosts per request */
	unsigned flags;
	const char *query;	/* fixed parameters sent first, "system=dyndns&" */
	const char *ipkey[FAM_N]; /* address parameter per family; NULL: "myip" */
	const char *keep;	/* sent for the other family's key ("preserve") */
	const char *login;	/* default login */
	void (*build)(struct batch *b);	/* fills b->url and b->req */
	/* fills b->res from the answer; 1 when b->req holds a further step */
	int (*parse)(struct batch *b);
	const char *about;	/* one line for --list-protocols */
};

const struct proto *proto_find(const char *name);
/* Space-separated names of every protocol, for --help. */
const char *proto_names(void);
/* Print every protocol with its default server and notes. */
void proto_list(void);
/* Check protocol-specific settings of a profile; 0, or -1 with why set. */
int proto_check(const struct profile *p, char *why, size_t whylen);

/* The base URL for requests of family f: scheme and server, no slash. */
char *proto_base_url(const struct profile *p, enum fam f);
/* The login for host h: the configured one, or h where the provider says so. */
const char *proto_login(const struct profile *p, const char *host);
/* Set every host of b to the same outcome. */
void proto_set_all(struct batch *b, enum outcome out, const char *code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Classify a transport failure or HTTP 401/403/408/429/5xx; 1 if it did. */
int proto_http_failure(struct batch *b);
/* Is word in body, between non-alphanumeric characters? */
int proto_has_word(const char *body, size_t len, const char *word);

/* dyndns2 family (dyndns2.c) */
void dyndns2_build(struct batch *b);
int dyndns2_parse(struct batch *b);
int substr_parse(struct batch *b);
/* The outcome of one dyndns2 answer word; message in *msg. */
enum outcome dyndns2_code(const char *word, const char **msg);

/* custom URL template (custom.c) */
void custom_build(struct batch *b);
int custom_parse(struct batch *b);
/* Expand a template for one host; values URL-encoded once. */
char *custom_expand(const char *tmpl, const char *host, const char *ip,
    const char *user, const char *pass);
/* 0, or -1 with why set when the template is unusable. */
int custom_check(const char *tmpl, char *why, size_t whylen);

/* token URL services (token.c) */
void duckdns_build(struct batch *b);
int duckdns_parse(struct batch *b);
void freedns_build(struct batch *b);
int freedns_parse(struct batch *b);
void namecheap_build(struct batch *b);
int namecheap_parse(struct batch *b);

/* Cloudflare API v4 (cloudflare.c) */
void cloudflare_build(struct batch *b);
int cloudflare_parse(struct batch *b);

/* The zone of host h: the profile's zone, or the last two labels. */
const char *proto_zone(const struct profile *p, const char *host);

#endif

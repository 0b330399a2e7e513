/*
 * Providers. The registry (registry.c) is an explicit table of protocols,
 * each row data plus the operations of one provider file; the provider
 * files build requests and read answers with the shared helpers of
 * provider.c. The dependency runs one way: registry -> providers ->
 * helpers. "Adding a provider" in HACKING walks through one.
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

/* Whether a failed request may be repeated within the same run. */
enum retry {
	RETRY_NO,	/* wait for the next run (and its intervals) */
	RETRY_SOON,	/* a transport failure or 5xx: retry-interval, attempts */
};

struct result {
	enum outcome out;
	enum retry retry;
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
	char *url;		/* the request's own storage (freed by the run) */
	char *body;
	void *priv;		/* the provider's own state across steps */
	struct http_opts opts;
	struct http_req req;
};

/* Value types of settings (config keys and provider keys alike). */
enum ktype { K_STR, K_BOOL, K_DUR, K_COUNT, K_LIST, K_SPECIAL };

/* A setting that only some providers read, declared by them. */
struct pkey {
	const char *name;
	enum ktype type;	/* K_STR, K_BOOL or K_LIST */
	const char *def;	/* value when unset, or NULL */
};

struct rest_api;

/* What a provider file exports: its operations and its own keys. */
struct proto_ops {
	void (*build)(struct batch *b);	/* fills b->url and b->req */
	/* fills b->res from the answer; 1 when b->req holds a further step */
	int (*parse)(struct batch *b);
	/* protocol-specific checks of a loaded profile; 0, or -1 with why */
	int (*check)(const struct profile *p, char *why, size_t whylen);
	void (*done)(struct batch *b);	/* frees b->priv */
	const struct pkey *keys;	/* its settings, ended by { NULL } */
	const struct rest_api *rest;	/* record APIs: the engine's table */
	/* a protocol not over HTTP: the whole exchange, within the profile's
	 * timeout, filling b->res; send.c then calls parse, which reads nothing */
	void (*exchange)(struct batch *b);
	/* may b's request start now? 0 yes, 1 not yet (it waits for another
	 * batch), -1 never (b->res set); NULL: always (src/rest.c) */
	int (*admit)(struct batch *b);
};

#define P_LOGIN 1	/* needs login and password */
#define P_SECRET 2	/* needs a password (token) */
#define P_HOSTLOGIN 4	/* login defaults to the host name; one host per request */
#define P_V4ONLY 8	/* the provider has no IPv6 */
#define P_ONEHOST 16	/* a profile holds exactly one host */
#define P_NOSERVER 32	/* the request URL comes whole from the profile */
#define P_CONNADDR 64	/* the service may read the address from the connection:
			 * a family's request travels over that family */
#define P_ONEFAM 128	/* a profile updates one family (its token names one
			 * record, A or AAAA) */

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
	const struct proto_ops *ops;
	const char *about;	/* one line for --list-protocols */
};

/* ---- the registry (registry.c) ---- */

const struct proto *proto_find(const char *name);
/* The i-th protocol of the table, or NULL past its end. */
const struct proto *proto_at(size_t i);
/* Space-separated names of every protocol, for --help. */
const char *proto_names(void);
/* Print every protocol with its default server and notes. */
void proto_list(void);
/* The first declaration of provider key name by any protocol, or NULL. */
const struct pkey *proto_key_any(const char *name);
/* The protocols that read provider key name, for messages ("cloudflare, ..."). */
const char *proto_key_users(const char *name);

/* ---- helpers for providers (provider.c) ---- */

/* The declaration of key name by protocol pr, or NULL. */
const struct pkey *proto_key(const struct proto *pr, const char *name);
/* Generic checks of p (credentials, hosts, zone), then the provider's own. */
int proto_check(const struct profile *p, char *why, size_t whylen);
/* The base URL for requests of family f: scheme and server, no slash. */
char *proto_base_url(const struct profile *p, enum fam f);
/* The path: the profile's script or the protocol's default. */
const char *proto_script(const struct profile *p);
/* The login for host h: the configured one, or h where the provider says so. */
const char *proto_login(const struct profile *p, const char *host);
/* The zone of host h: the profile's zone, or the last two labels. */
const char *proto_zone(const struct profile *p, const char *host);
/*
 * Is host inside zone (or the zone itself)? Case-insensitive, as DNS is.
 * 1 with *sublen the length of the part before ".zone" (0 for the apex).
 */
int host_in_zone(const char *host, const char *zone, size_t *sublen);
/* Set every host of b to the same outcome (no retry within the run). */
void proto_set_all(struct batch *b, enum outcome out, const char *code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * The one classification of HTTP failures: a transport failure or 5xx is
 * temporary and retried soon; 408 and 429 temporary, not retried within
 * the run; 401 and 403 refused credentials. 1 (and *out, *retry set) when
 * r is such a failure, else 0.
 */
int http_failure_class(const struct http_req *r, enum outcome *out, enum retry *retry);
/* Classify a failure of b's request and set every host; 1 if it was one. */
int proto_http_failure(struct batch *b);
/* Is word in body, between non-alphanumeric characters? */
int proto_has_word(const char *body, size_t len, const char *word);
/*
 * A password of two secrets "FIRST:SECOND" (form names them for the
 * message), split at its first ':'. 0, with the halves in new strings
 * registered as secrets when first != NULL; or -1 with why set (and the
 * halves empty strings).
 */
int proto_password_pair(const struct profile *p, const char *form, char **first,
    char **second, char *why, size_t whylen);

/* ---- what single providers expose to tests ---- */

/* The outcome of one dyndns2 answer word; message in *msg. */
enum outcome dyndns2_code(const char *word, const char **msg);
/* Expand a custom template for one host; values URL-encoded once; prefix
 * (for [PREFIX] and %P) may be NULL. */
char *custom_expand(const char *tmpl, const char *host, const char *ip,
    const char *prefix, const char *user, const char *pass);
/* 0, or -1 with why set when the template is unusable. */
int custom_check(const char *tmpl, char *why, size_t whylen);

#endif

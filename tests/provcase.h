/*
 * The provider suites' shared machinery (tests/provcase.c): a fake
 * provider with fixed answers per path, a config of one profile [p], the
 * exact request lines it saw, request cases and answer rows.
 */
#ifndef NICUPDATE_PROVCASE_H
#define NICUPDATE_PROVCASE_H

#include <stddef.h>

#include "harness.h"

#define IP4 "81.2.69.160"
#define IP6 "2a00:1450:4001:80b::200e"
#define PW "pw-S3cret"
#define TOKEN "tok-S3cret"
#define UA "nicupdate/" PACKAGE_VERSION
#define MAXREQ 16
#define V6ONLY "usev4 = disabled\nusev6 = webv6\nwebv6 = @BASE@/never-asked\n"
#define LOGIN "login = user\npassword = " PW "\n"

/* Cloudflare's answers: the zone, a record with its content, success. */
#define CF_ZONES "{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"zid1\"," \
	"\"name\":\"example.com\"}]}"
#define CF_RECORDS(content) "{\"success\":true,\"errors\":[],\"result\":[{\"id\":" \
	"\"rid1\",\"type\":\"A\",\"name\":\"home.example.com\",\"content\":\"" content \
	"\"}]}"
#define CF_OK "{\"success\":true,\"errors\":[],\"result\":{\"id\":\"rid1\"}}"

/* A fixed answer of the fake provider. */
struct route {
	const char *path;
	int status;		/* 0: 200 */
	const char *body;
};

/* The fake of the running test (stopped by teardown). */
extern struct fake fk;

/* The fixture: secrets registered; the fake stopped. */
void setup(void);
void teardown(void);
/* s as the inside of a JSON string. */
void json_str(char *dst, size_t n, const char *s);
/* Start the fake with fixed routes (path == NULL ends the list). */
void fake_routes(const struct route *r);
/* Start the fake with one route. */
void fake_route(const char *path, int status, const char *body);
/* A config with one profile [p] at line 5, "server" the fake; @BASE@ in
 * lines stands for the fake's base URL. */
const char *pconf(const char *lines);
/* The fake saw exactly the request lines of want (NULL-terminated), in that
 * order when ordered, else in any order; "METHOD\tTARGET\tAUTH\tBODY". */
void expect_requests(int ordered, const char *const *want);
/* The same, with the wanted lines as arguments, NULL last. */
void expect(int ordered, ...);
/* Run with the config and up to two --ip; the exit code must be rc. */
void run(struct outcome *o, const char *cfg, const char *ip1, const char *ip2, int rc);
/* part must be in text. */
void has(const char *text, const char *part);

/* One protocol's request: what the fake must see, from its documentation. */
struct req_case {
	const char *name;
	const char *conf;		/* profile lines */
	struct route routes[4];
	const char *ip[2];		/* --ip values */
	int ordered;
	const char *want[5];		/* request lines */
	const char *out;		/* part of stdout */
};

/* An answer of a provider and the exit code and message it must give. */
struct native {
	const char *conf;
	const char *path;
	int status;
	const char *body;
	int rc;
	const char *err;
};

void req_case_run(const struct req_case *c);
void native_run(const struct native *a);
int req_cases_have(const struct req_case *cases, int n, const char *name);

/* The request cases of tests/reqcases2.c (check_providers2). */
extern const struct req_case req_cases2[];
extern const int nreq_cases2;

#endif

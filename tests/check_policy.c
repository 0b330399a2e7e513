/* Unit tests for policy.c: status classes and when to send. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "run.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- policy_class, policy_status ---- */

static const struct {
	const char *status;
	enum outcome want;
} classes[] = {
	{ "ok:good", OUT_GOOD },
	{ "ok:nochg", OUT_GOOD },
	{ "ok:", OUT_GOOD },
	{ "ok", OUT_GOOD },
	{ "temp:911", OUT_TEMP },
	{ "temp:dnserr", OUT_TEMP },
	{ "temp:http-500", OUT_TEMP },
	{ "temp", OUT_TEMP },
	{ "perm:nohost", OUT_PERM },
	{ "perm:notfqdn", OUT_PERM },
	{ "perm", OUT_PERM },
	{ "auth:badauth", OUT_AUTH },
	{ "auth:", OUT_AUTH },
	{ "auth", OUT_AUTH },
	{ "none:", OUT_NONE },
	{ "none:x", OUT_NONE },
	{ "", OUT_NONE },
	{ ":", OUT_NONE },
	{ ":ok", OUT_NONE },
	{ "garbage", OUT_NONE },
	{ "OK:good", OUT_NONE },
	{ "Temp:911", OUT_NONE },
	{ " ok:good", OUT_NONE },
	{ "o:good", OUT_NONE },
	{ "okay:good", OUT_NONE },
	{ "tem:911", OUT_NONE },
	{ "temporary:911", OUT_NONE },
	{ "temps", OUT_NONE },
	{ "per:nohost", OUT_NONE },
	{ "perm2:nohost", OUT_NONE },
	{ "authx", OUT_NONE },
	{ "aut:badauth", OUT_NONE },
};

START_TEST(test_class)
{
	enum outcome got = policy_class(classes[_i].status);

	ck_assert_msg(got == classes[_i].want, "policy_class(\"%s\") = %d, "
	    "want %d", classes[_i].status, got, classes[_i].want);
}
END_TEST

START_TEST(test_status)
{
	static const struct {
		enum outcome out;
		const char *word, *want;
		enum outcome back;	/* policy_class of the result */
	} t[] = {
		{ OUT_GOOD, "good", "ok:good", OUT_GOOD },
		{ OUT_NOCHG, "nochg", "ok:nochg", OUT_GOOD },
		{ OUT_TEMP, "911", "temp:911", OUT_TEMP },
		{ OUT_TEMP, "http-503", "temp:http-503", OUT_TEMP },
		{ OUT_PERM, "nohost", "perm:nohost", OUT_PERM },
		{ OUT_AUTH, "badauth", "auth:badauth", OUT_AUTH },
		{ OUT_NONE, "", "none:", OUT_NONE },
	};
	char s[48];

	for (size_t i = 0; i < NELEM(t); i++) {
		memset(s, 'x', sizeof(s));
		policy_status(s, sizeof(s), t[i].out, t[i].word);
		ck_assert_str_eq(s, t[i].want);
		ck_assert_int_eq(policy_class(s), t[i].back);
	}
}
END_TEST

/* Too long for the destination: cut and terminated, never overrun. */
START_TEST(test_status_truncated)
{
	struct srec r;
	char small[8];

	memset(small, 'x', sizeof(small));
	policy_status(small, 6, OUT_AUTH, "badauth");
	ck_assert_str_eq(small, "auth:");
	ck_assert_int_eq(small[6], 'x');

	memset(&r, 0, sizeof(r));
	r.atime = 0x5a5a5a5a;
	policy_status(r.status, sizeof(r.status), OUT_TEMP,
	    "a-very-long-provider-word-that-does-not-fit-the-status-field");
	ck_assert_uint_eq(strlen(r.status), sizeof(r.status) - 1);
	ck_assert_int_eq(strncmp(r.status, "temp:a-very-long", 16), 0);
	ck_assert_int_eq(policy_class(r.status), OUT_TEMP);
	ck_assert_int_eq(r.atime, 0x5a5a5a5a);
}
END_TEST

/* ---- policy_decide ---- */

#define T0 1700000000LL		/* time of the last attempt in every row */
#define A "81.2.69.160"
#define B "81.2.69.161"
#define FP 0x1234abcdu
#define MIN 600			/* min-interval */
#define MAX (25 * 86400)	/* max-interval */
#define ERR 300			/* min-error-interval, below the 30 min wait */
#define WAIT POLICY_SERVER_ERROR_WAIT

static const struct intervals iv_std = { MIN, MAX, ERR };
static const struct intervals iv_long = { MIN, MAX, 3600 };
static const struct intervals iv_zero = { 0, MAX, 0 };

static const struct dcase {
	const char *name;
	int norec;		/* pass rec NULL */
	const char *status;
	const char *raddr;	/* address of the last attempt */
	long long atime, mtime;
	uint32_t rfp;
	const char *addr;	/* address it should have now */
	uint32_t fp;
	long long now;
	int force;
	const struct intervals *iv;
	/* expected */
	int send, rc;
	long long next;
	const char *why;	/* a word of the reason */
} dcases[] = {
	/* force beats everything */
	{ "force, no state", 1, NULL, NULL, 0, 0, 0, A, FP, T0, 1, &iv_std,
	    1, 0, 0, "forced" },
	{ "force, auth lock", 0, "auth:badauth", A, T0, T0, FP, A, FP, T0 + 1, 1,
	    &iv_std, 1, 0, 0, "forced" },
	{ "force, perm lock", 0, "perm:nohost", A, T0, T0, FP, A, FP, T0 + 1, 1,
	    &iv_std, 1, 0, 0, "forced" },
	{ "force, temp wait", 0, "temp:911", A, T0, T0, FP, A, FP, T0 + 1, 1,
	    &iv_std, 1, 0, 0, "forced" },
	{ "force, up to date", 0, "ok:good", A, T0, T0, FP, A, FP, T0 + 1, 1,
	    &iv_std, 1, 0, 0, "forced" },

	/* nothing known */
	{ "NULL rec", 1, NULL, NULL, 0, 0, 0, A, FP, T0, 0, &iv_std,
	    1, 0, 0, "no previous" },
	{ "atime 0", 0, "ok:good", A, 0, 0, FP, A, FP, T0, 0, &iv_std,
	    1, 0, 0, "no previous" },
	{ "atime 0, auth status", 0, "auth:badauth", A, 0, 0, FP, A, FP, T0, 0,
	    &iv_std, 1, 0, 0, "no previous" },

	/* new settings lift locks and waits */
	{ "fp changed, up to date", 0, "ok:good", A, T0, T0, FP, A, FP + 1,
	    T0 + 1, 0, &iv_std, 1, 0, 0, "settings changed" },
	{ "fp changed, auth lock", 0, "auth:badauth", A, T0, T0, FP, A, FP ^ 1,
	    T0 + 1, 0, &iv_std, 1, 0, 0, "settings changed" },
	{ "fp changed, perm lock", 0, "perm:nohost", A, T0, T0, FP, A, 0,
	    T0 + 1, 0, &iv_std, 1, 0, 0, "settings changed" },
	{ "fp changed, temp:911", 0, "temp:911", A, T0, T0, FP, A, FP + 1,
	    T0 + 1, 0, &iv_std, 1, 0, 0, "settings changed" },

	/* auth lock: never by itself */
	{ "auth", 0, "auth:badauth", A, T0, 0, FP, A, FP, T0 + 1, 0, &iv_std,
	    0, EX_AUTH, 0, "locked" },
	{ "auth, address changed", 0, "auth:badauth", A, T0, 0, FP, B, FP,
	    T0 + 1, 0, &iv_std, 0, EX_AUTH, 0, "locked" },
	{ "auth, a year later", 0, "auth:badauth", A, T0, T0 - 5, FP, B, FP,
	    T0 + 365 * 86400LL, 0, &iv_std, 0, EX_AUTH, 0, "locked" },
	{ "auth, bare class", 0, "auth", A, T0, 0, FP, A, FP, T0 + MAX, 0,
	    &iv_std, 0, EX_AUTH, 0, "locked" },

	/* perm lock */
	{ "perm", 0, "perm:nohost", A, T0, 0, FP, A, FP, T0 + 1, 0, &iv_std,
	    0, EX_REJECTED, 0, "locked" },
	{ "perm, address changed", 0, "perm:notfqdn", A, T0, 0, FP, B, FP,
	    T0 + 1, 0, &iv_std, 0, EX_REJECTED, 0, "locked" },
	{ "perm, after max-interval", 0, "perm:abuse", A, T0, T0, FP, A, FP,
	    T0 + MAX + 1, 0, &iv_std, 0, EX_REJECTED, 0, "locked" },

	/* temporary failure: min-error-interval after the attempt */
	{ "temp, at once", 0, "temp:http-500", A, T0, 0, FP, A, FP, T0, 0,
	    &iv_std, 0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "temp, 1s before", 0, "temp:http-500", A, T0, 0, FP, A, FP,
	    T0 + ERR - 1, 0, &iv_std, 0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "temp, address changed, waits", 0, "temp:http-500", A, T0, 0, FP, B,
	    FP, T0 + 10, 0, &iv_std, 0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "temp, at the interval", 0, "temp:http-500", A, T0, 0, FP, A, FP,
	    T0 + ERR, 0, &iv_std, 1, 0, 0, "retrying" },
	{ "temp, after", 0, "temp:timeout", A, T0, 0, FP, A, FP, T0 + ERR + 100,
	    0, &iv_std, 1, 0, 0, "retrying" },
	{ "temp, atime not mtime", 0, "temp:http-500", A, T0, T0 - 86400, FP, A,
	    FP, T0 + ERR - 1, 0, &iv_std, 0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "temp, zero interval", 0, "temp:http-500", A, T0, 0, FP, A, FP, T0, 0,
	    &iv_zero, 1, 0, 0, "retrying" },
	{ "temp, longer interval", 0, "temp:http-500", A, T0, 0, FP, A, FP,
	    T0 + 3599, 0, &iv_long, 0, EX_TEMP, T0 + 3600, "min-error-interval" },
	/* an unknown class counts as a failure */
	{ "none", 0, "none:", A, T0, 0, FP, A, FP, T0 + 1, 0, &iv_std,
	    0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "garbage status, waits", 0, "garbage", A, T0, T0, FP, A, FP, T0 + 1, 0,
	    &iv_std, 0, EX_TEMP, T0 + ERR, "min-error-interval" },
	{ "garbage status, after", 0, "garbage", A, T0, T0, FP, A, FP, T0 + ERR,
	    0, &iv_std, 1, 0, 0, "retrying" },

	/* 911 and dnserr: at least 30 minutes, whatever min-error-interval says */
	{ "911, after min-error-interval", 0, "temp:911", A, T0, 0, FP, A, FP,
	    T0 + ERR, 0, &iv_std, 0, EX_TEMP, T0 + WAIT, "min-error-interval" },
	{ "911, 1s before 30 min", 0, "temp:911", A, T0, 0, FP, A, FP,
	    T0 + WAIT - 1, 0, &iv_std, 0, EX_TEMP, T0 + WAIT, "min-error-interval" },
	{ "911, at 30 min", 0, "temp:911", A, T0, 0, FP, A, FP, T0 + WAIT, 0,
	    &iv_std, 1, 0, 0, "retrying" },
	{ "911, zero interval", 0, "temp:911", A, T0, 0, FP, A, FP, T0 + 60, 0,
	    &iv_zero, 0, EX_TEMP, T0 + WAIT, "min-error-interval" },
	{ "dnserr, after min-error-interval", 0, "temp:dnserr", A, T0, 0, FP, A,
	    FP, T0 + ERR + 1, 0, &iv_std, 0, EX_TEMP, T0 + WAIT,
	    "min-error-interval" },
	{ "dnserr, address changed", 0, "temp:dnserr", A, T0, 0, FP, B, FP,
	    T0 + 29 * 60, 0, &iv_std, 0, EX_TEMP, T0 + WAIT, "min-error-interval" },
	{ "dnserr, at 30 min", 0, "temp:dnserr", A, T0, 0, FP, A, FP, T0 + WAIT,
	    0, &iv_std, 1, 0, 0, "retrying" },
	{ "dnserr, 31 min", 0, "temp:dnserr", A, T0, 0, FP, B, FP, T0 + 31 * 60,
	    0, &iv_std, 1, 0, 0, "retrying" },
	/* a longer min-error-interval still applies to 911 */
	{ "911, longer interval", 0, "temp:911", A, T0, 0, FP, A, FP, T0 + WAIT,
	    0, &iv_long, 0, EX_TEMP, T0 + 3600, "min-error-interval" },
	{ "911, longer interval, after", 0, "temp:911", A, T0, 0, FP, A, FP,
	    T0 + 3600, 0, &iv_long, 1, 0, 0, "retrying" },
	/* only the exact words */
	{ "9111 is not 911", 0, "temp:9111", A, T0, 0, FP, A, FP, T0 + ERR, 0,
	    &iv_std, 1, 0, 0, "retrying" },
	{ "dnserror is not dnserr", 0, "temp:dnserror", A, T0, 0, FP, A, FP,
	    T0 + ERR, 0, &iv_std, 1, 0, 0, "retrying" },

	/* success, address changed: min-interval after the last success */
	{ "ok, changed, at once", 0, "ok:good", A, T0, T0, FP, B, FP, T0, 0,
	    &iv_std, 0, EX_TEMP, T0 + MIN, "min-interval" },
	{ "ok, changed, 1s before", 0, "ok:good", A, T0, T0, FP, B, FP,
	    T0 + MIN - 1, 0, &iv_std, 0, EX_TEMP, T0 + MIN, "min-interval" },
	{ "ok, changed, at min-interval", 0, "ok:good", A, T0, T0, FP, B, FP,
	    T0 + MIN, 0, &iv_std, 1, 0, 0, "address changed" },
	{ "nochg, changed, later", 0, "ok:nochg", A, T0, T0, FP, B, FP,
	    T0 + 86400, 0, &iv_std, 1, 0, 0, "address changed" },
	{ "ok, changed, after max-interval", 0, "ok:good", A, T0, T0, FP, B, FP,
	    T0 + MAX + 5, 0, &iv_std, 1, 0, 0, "address changed" },
	{ "ok, changed, zero min-interval", 0, "ok:good", A, T0, T0, FP, B, FP,
	    T0, 0, &iv_zero, 1, 0, 0, "address changed" },

	/* success, same address: nothing until max-interval */
	{ "ok, same, at once", 0, "ok:good", A, T0, T0, FP, A, FP, T0, 0,
	    &iv_std, 0, 0, T0 + MAX, "up to date" },
	{ "ok, same, a day later", 0, "ok:nochg", A, T0, T0, FP, A, FP,
	    T0 + 86400, 0, &iv_std, 0, 0, T0 + MAX, "up to date" },
	{ "ok, same, 1s before max", 0, "ok:good", A, T0, T0, FP, A, FP,
	    T0 + MAX - 1, 0, &iv_std, 0, 0, T0 + MAX, "up to date" },
	{ "ok, same, at max", 0, "ok:good", A, T0, T0, FP, A, FP, T0 + MAX, 0,
	    &iv_std, 1, 0, 0, "max-interval" },
	{ "ok, same, after max", 0, "ok:nochg", A, T0, T0, FP, A, FP,
	    T0 + MAX + 3600, 0, &iv_std, 1, 0, 0, "max-interval" },
	/* times ahead of the clock (clock was ahead, or file edited) hold nothing */
	{ "ok, success 10 years ahead", 0, "ok:good", A, T0 + 315360000LL,
	    T0 + 315360000LL, FP, A, FP, T0, 0, &iv_std, 1, 0, 0, "future" },
	{ "ok, changed, success 1s ahead", 0, "ok:good", B, T0, T0 + 1, FP, A, FP,
	    T0, 0, &iv_std, 1, 0, 0, "future" },
	{ "temp, attempt at LLONG_MAX", 0, "temp:911", A, LLONG_MAX, 0, FP, A, FP,
	    T0, 0, &iv_std, 1, 0, 0, "future" },
	{ "auth, attempt ahead: still locked", 0, "auth:badauth", A, LLONG_MAX,
	    LLONG_MAX, FP, A, FP, T0, 0, &iv_std, 0, EX_AUTH, 0, "locked" },
	/* no overflow at the ends of time: waits end at LLONG_MAX */
	{ "ok, same, near LLONG_MAX", 0, "ok:good", A, LLONG_MAX - 5,
	    LLONG_MAX - 5, FP, A, FP, LLONG_MAX - 1, 0, &iv_std, 0, 0, LLONG_MAX,
	    "up to date" },
	{ "ok, changed, near LLONG_MAX", 0, "ok:good", B, LLONG_MAX - 5,
	    LLONG_MAX - 5, FP, A, FP, LLONG_MAX - 1, 0, &iv_std, 0, EX_TEMP, LLONG_MAX,
	    "min-interval" },
	{ "temp, near LLONG_MAX", 0, "temp:911", A, LLONG_MAX - 5, 0, FP, A, FP,
	    LLONG_MAX - 1, 0, &iv_std, 0, EX_TEMP, LLONG_MAX, "min-error-interval" },
	{ "ok, success at LLONG_MIN", 0, "ok:good", A, T0, LLONG_MIN, FP, A, FP,
	    T0, 0, &iv_std, 1, 0, 0, "max-interval" },
	{ "negative attempt time: none", 0, "ok:good", A, -5, -5, FP, A, FP, T0, 0,
	    &iv_std, 1, 0, 0, "no previous" },
};

START_TEST(test_decide)
{
	const struct dcase *c = &dcases[_i];
	struct srec r;
	struct decision d;

	memset(&r, 0, sizeof(r));
	r.profile = (char *)"default";
	r.host = (char *)"host.example.org";
	r.fam = FAM_V4;
	if (!c->norec) {
		snprintf(r.addr, sizeof(r.addr), "%s", c->raddr);
		snprintf(r.status, sizeof(r.status), "%s", c->status);
		r.atime = c->atime;
		r.mtime = c->mtime;
		r.fp = c->rfp;
	}
	/* poison, so every field must be set */
	d.send = -1;
	d.rc = -1;
	d.next = -1;
	d.why = NULL;
	policy_decide(c->norec ? NULL : &r, c->addr, c->fp, c->iv, c->now,
	    c->force, &d);
	ck_assert_msg(d.send == c->send, "%s: send %d, want %d (%s)", c->name,
	    d.send, c->send, d.why ? d.why : "NULL");
	ck_assert_msg(d.rc == c->rc, "%s: rc %d, want %d", c->name, d.rc, c->rc);
	ck_assert_msg(d.next == c->next, "%s: next T0%+lld, want T0%+lld",
	    c->name, d.next - T0, c->next - T0);
	ck_assert_msg(d.why != NULL && strstr(d.why, c->why) != NULL,
	    "%s: why \"%s\" lacks \"%s\"", c->name, d.why ? d.why : "NULL",
	    c->why);
}
END_TEST

/* The record is only read. */
START_TEST(test_decide_const)
{
	struct srec r, copy;
	struct decision d;

	memset(&r, 0, sizeof(r));
	snprintf(r.addr, sizeof(r.addr), "%s", A);
	snprintf(r.status, sizeof(r.status), "%s", "temp:911");
	r.atime = r.mtime = T0;
	r.fp = FP;
	memcpy(&copy, &r, sizeof(copy));
	policy_decide(&r, B, FP, &iv_std, T0 + 1, 0, &d);
	ck_assert_int_eq(d.send, 0);
	ck_assert_int_eq(memcmp(&r, &copy, sizeof(r)), 0);
}
END_TEST

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("status");
	tcase_add_loop_test(tc, test_class, 0, NELEM(classes));
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_status_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("decide");
	tcase_add_loop_test(tc, test_decide, 0, NELEM(dcases));
	tcase_add_test(tc, test_decide_const);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(policy_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

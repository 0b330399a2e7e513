/*
 * When to send: the pure rules that keep a provider from being hammered.
 * No I/O; the clock is a parameter so every branch is testable.
 */
#ifndef NICUPDATE_POLICY_H
#define NICUPDATE_POLICY_H

#include <stdint.h>

#include "proto.h"
#include "state.h"

/* Minimum wait after 911 or dnserr, as the dyndns2 protocol asks. */
#define POLICY_SERVER_ERROR_WAIT (30 * 60)

struct intervals {
	long min_interval, max_interval, min_error_interval;
};

struct decision {
	int send;		/* 1: send an update now */
	int rc;			/* when not sending: the exit code this host stands for */
	long long next;		/* when not sending: earliest next attempt, 0 none */
	const char *why;	/* for humans */
};

/* The outcome class a stored status ("class:word") stands for. */
enum outcome policy_class(const char *status);
/* "class:word" for an outcome and the provider's word. */
void policy_status(char *dst, size_t n, enum outcome out, const char *word);

/*
 * Decide for one host and family. rec may be NULL (no state); addr is the
 * address it should have; fp the fingerprint of the current settings.
 */
void policy_decide(const struct srec *rec, const char *addr, uint32_t fp,
    const struct intervals *iv, long long now, int force, struct decision *d);

#endif

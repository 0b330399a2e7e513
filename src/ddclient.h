/*
 * Migration from ddclient: a ddclient.conf translated into nicupdate's INI
 * format (grammar of ddclient 3.10/4.x), and ddclient's cache file read.
 */
#ifndef NICUPDATE_DDCLIENT_H
#define NICUPDATE_DDCLIENT_H

#include <stddef.h>

/* Translate ddclient.conf text into nicupdate INI text (caller frees).
 * name is used in messages "name:line: ...". Every setting that cannot be
 * translated is reported with log_warn() and kept in the output as a comment,
 * never silently lost. Returns NULL (after log_error) on a hard error: no
 * host, or a value holding a control character (one read from the
 * environment through name_env=, say), which no INI line can hold. */
char *ddclient_translate(const char *name, const char *text);
/* 1 if text is recognised as a ddclient.conf by its own syntax: no line
 * opens with '[', every setting is written "name=value" (no blank before
 * '='), there is at least one, and a host follows the settings (a line of
 * hosts, or hosts after the last setting of a line). An INI file without its
 * [section] line is not recognised: 0. */
int ddclient_looks_like(const char *text);

/* One host of a ddclient cache file (3.x and 4.x formats, nicupdate(1)). */
struct ddc_cache {
	char *host;
	char ipv4[46], ipv6[46];	/* "" when absent */
	char status4[32], status6[32];	/* e.g. "good", "" when absent */
	long long atime, mtime;
};
/* Parse a ddclient cache file; returns 0 and a malloc'd array, or -1.
 * Lines that are not "k=v,k=v,... host" are skipped; -1 means the text holds
 * no host and does not start with ddclient's "##" header. */
int ddclient_cache_parse(const char *text, struct ddc_cache **out, size_t *n);
void ddclient_cache_free(struct ddc_cache *c, size_t n);

#endif

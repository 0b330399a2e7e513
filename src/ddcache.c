/*
 * ddclient's cache file ("recap"), read so that a migration seeds
 * nicupdate's state and the first run sends no needless update.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "ddclient.h"
#include "util.h"

/* "k=v,k=v,... host"; 4.x has ipv4= and ipv6=, 3.x also ip= and status=. */
static int
cache_line(char *line, struct ddc_cache *c)
{
	char *sp = strchr(line, ' '), *save = NULL, ip[ADDR_MAX] = "", st[32] = "", *v;
	char *fst;
	long n;
	int v6;

	memset(c, 0, sizeof(*c));
	if (line[0] == '#' || sp == NULL || sp == line || sp[-1] == ',' ||
	    sp[1] == '\0' || strpbrk(sp + 1, " =,") != NULL)
		return -1;
	*sp = '\0';
	for (char *t = strtok_r(line, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if ((v = strchr(t, '=')) == NULL || v == t)
			return -1;
		*v++ = '\0';
		if (strcmp(t, "ip") == 0)
			addr_parse(addr_family(v) == FAM_V6 ? FAM_V6 : FAM_V4, v, ip);
		else if (strcmp(t, "ipv4") == 0 || strcmp(t, "ipv6") == 0)
			addr_parse(t[3] == '4' ? FAM_V4 : FAM_V6, v,
			    t[3] == '4' ? c->ipv4 : c->ipv6);
		else if (strcmp(t, "status-ipv4") == 0 || strcmp(t, "status-ipv6") == 0 ||
		    strcmp(t, "status") == 0)
			snprintf(t[6] == '\0' ? st : t[10] == '4' ? c->status4 :
			    c->status6, sizeof(st), "%s", v);
		else if ((strcmp(t, "atime") == 0 || strcmp(t, "mtime") == 0) &&
		    isdigit((unsigned char)*v) && parse_long(v, 0, LONG_MAX, &n) == 0)
			/* ddclient drops a time that is not all digits */
			*(t[0] == 'a' ? &c->atime : &c->mtime) = n;
	}
	/*
	 * 3.x: one ip= and status= for the family of that address. Its
	 * protocols set either status= or status-ipvN=, and it writes
	 * "noconnect" in the one never set: a status-ipvN= other than that
	 * wins over status=.
	 */
	v6 = addr_family(ip) == FAM_V6;
	if (ip[0] != '\0' && (v6 ? c->ipv6 : c->ipv4)[0] == '\0')
		memcpy(v6 ? c->ipv6 : c->ipv4, ip, sizeof(ip));
	fst = v6 ? c->status6 : c->status4;
	if (st[0] != '\0' && (fst[0] == '\0' || strcmp(fst, "noconnect") == 0))
		memcpy(fst, st, sizeof(st));
	c->host = xstrdup(sp + 1);
	return 0;
}

int
ddclient_cache_parse(const char *text, struct ddc_cache **out, size_t *n)
{
	struct ddc_cache c;
	char *copy, *save = NULL;

	*out = NULL;
	*n = 0;
	if (text == NULL)
		return -1;
	copy = xstrdup(text);
	for (char *l = strtok_r(copy, "\r\n", &save); l; l = strtok_r(NULL, "\r\n",
	    &save)) {
		if (cache_line(l, &c) == 0) {
			*out = xrealloc(*out, (*n + 1) * sizeof(**out));
			(*out)[(*n)++] = c;
		}
	}
	free(copy);
	return *n == 0 && strncmp(text, "##", 2) != 0 ? -1 : 0;
}

void
ddclient_cache_free(struct ddc_cache *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].host);
	free(c);
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "report.h"

/*
 * A JSON string, secrets masked: control characters (C0, DEL, C1) are
 * escaped, and bytes that are not UTF-8 become U+FFFD, so it stays valid.
 */
static void
json_str(struct buf *b, const char *s)
{
	char *m = log_mask(s ? s : "");

	buf_add(b, "\"", 1);
	for (const char *p = m; *p;) {
		unsigned long cp;
		size_t n = log_utf8(p, &cp);

		if (n == 0)
			buf_adds(b, "\\ufffd");
		else if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (log_control(cp))
			buf_printf(b, "\\u%04lx", cp);
		else
			buf_add(b, p, n);
		p += n ? n : 1;
	}
	buf_add(b, "\"", 1);
	free(m);
}

static void
field(struct buf *b, const char *key, const char *value, int last)
{
	buf_printf(b, "\"%s\":", key);
	if (value == NULL)
		buf_adds(b, "null");
	else
		json_str(b, value);
	buf_adds(b, last ? "}" : ",");
}

/* "profile/host IPv4 addr: action (answer)", masked, control bytes as '?'. */
static void
text_line(struct buf *b, const char *profile, const char *host, enum fam f,
    const char *addr, const char *action, const char *answer)
{
	char *line = xasprintf("%s/%s %s %s: %s%s%s%s", profile, host, fam_name(f),
	    addr && *addr ? addr : "-", action, answer ? " (" : "", answer ? answer : "",
	    answer ? ")" : "");
	char *m = log_mask(line);

	for (char *p = m; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	buf_printf(b, "%s\n", m);
	free(m);
	free(line);
}

void
report_host(struct report *r, const char *profile, const char *host, enum fam f,
    const char *addr, const char *action, const char *answer, const char *reason)
{
	if (r == NULL)
		return;
	buf_adds(&r->hosts, r->hosts.len ? ",{" : "{");
	field(&r->hosts, "profile", profile, 0);
	field(&r->hosts, "host", host, 0);
	field(&r->hosts, "family", fam_key(f), 0);
	field(&r->hosts, "address", addr && *addr ? addr : NULL, 0);
	field(&r->hosts, "action", action, 0);
	field(&r->hosts, "answer", answer, 0);
	field(&r->hosts, "reason", reason, 1);
	text_line(&r->text, profile, host, f, addr, action, answer);
	r->updated += strcmp(action, "updated") == 0;
}

void
report_detect(struct report *r, enum fam f, const char *addr, const char *source)
{
	if (r == NULL)
		return;
	buf_adds(&r->detected, r->detected.len ? ",{" : "{");
	field(&r->detected, "family", fam_key(f), 0);
	field(&r->detected, "address", addr && *addr ? addr : NULL, 0);
	field(&r->detected, "source", source, 1);
}

void
report_error(struct report *r, const char *msg)
{
	if (r == NULL)
		return;
	if (r->errors.len)
		buf_adds(&r->errors, ",");
	json_str(&r->errors, msg);
}

char *
report_render(const struct report *r, int exit_code)
{
	return xasprintf("{\"version\":\"%s\",\"time\":%lld,\"exit\":%d,\"detected\":[%s],"
	    "\"hosts\":[%s],\"errors\":[%s]}", PACKAGE_VERSION, (long long)time(NULL),
	    exit_code, r->detected.s ? r->detected.s : "", r->hosts.s ? r->hosts.s : "",
	    r->errors.s ? r->errors.s : "");
}

void
report_print(struct report *r, int exit_code)
{
	char *doc = report_render(r, exit_code);

	printf("%s\n", doc);
	fflush(stdout);
	free(doc);
	report_free(r);
}

void
report_free(struct report *r)
{
	buf_free(&r->hosts);
	buf_free(&r->detected);
	buf_free(&r->errors);
	buf_free(&r->text);
	r->updated = 0;
}

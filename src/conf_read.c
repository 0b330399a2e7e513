/*
 * The grammar of nicupdate.conf, defined once here and in nicupdate.conf(5),
 * Syntax: lines of any length; blanks around a line are ignored; a line
 * starting with # or ; is a comment; [name] opens a section; key = value
 * (or key: value) sets a key, and " ;" or "\t;" in a value starts a
 * comment. There is no quoting and no continuation line.
 *
 * inih stays the parser, but it only ever sees the canonical form of each
 * line ("[name]", "key=" or ";"), which every build of libinih reads alike
 * whatever its line length, comment or multi-line options
 * (tests/check_config.c, test_inih_build, checks what is assumed). Values
 * never pass through inih: the handler takes them from the load.
 */
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "log.h"

void
conf_error(struct load *l, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_error("%s:%d: %s", l->file, line, msg);
	l->errors++;
}

/* A value without its inline comment (";" after a blank), trimmed; in place. */
static char *
cut_comment(char *v)
{
	for (char *c = v; *c; c++) {
		if (*c == ';' && c > v && (c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
	}
	return trim(v);
}

int
conf_ctl_byte(const char *s, size_t n, int tab_ok)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && !(tab_ok && s[i] == '\t')) ||
		    s[i] == 0x7f)
			return (unsigned char)s[i];
	return -1;
}

/* Letters, digits and what names and keys may hold, at most CONF_NAME_MAX. */
static int
valid_name(const char *s, const char *extra)
{
	size_t n = strlen(s);

	if (n == 0 || n > CONF_NAME_MAX)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr(extra, *s) == NULL)
			return 0;
	return 1;
}

/* "[name]": record the section; a malformed one is kept, marked bad. */
static void
section_line(struct load *l, char *p)
{
	char *end = strchr(p, ']'), *name, *rest = NULL;
	struct section *s;
	int bad = 1;

	if (end == NULL) {
		conf_error(l, l->line, "syntax error: \"%.40s\" has no closing ]; write "
		    "[name]", p);
	} else if (*(rest = trim(end + 1)) != '\0' && *rest != '#' && *rest != ';') {
		conf_error(l, l->line, "syntax error: text after ]");
	} else {
		*end = '\0';
		bad = 0;
	}
	name = trim(p + 1);
	if (!bad && !valid_name(name, "._-")) {
		conf_error(l, l->line, "[%s]: a profile name takes only letters, digits, "
		    "'.', '_' and '-' (at most %d)", name, CONF_NAME_MAX);
		bad = 1;
	}
	l->sec = xrealloc(l->sec, (l->nsec + 1) * sizeof(*l->sec));
	s = &l->sec[l->nsec++];
	s->name = xstrdup(name);
	s->line = l->line;
	s->first = l->nent;
	s->bad = bad;
	s->errors = 0;
}

/*
 * inih's reader: one physical line, classified by the grammar above and
 * handed on in canonical form; errors are reported here, at their line.
 */
static char *
reader(char *str, int num, void *stream)
{
	struct load *l = stream;
	char *line = NULL, *p, *sep;
	size_t cap = 0;
	int bad, errors;
	ssize_t n = getline(&line, &cap, l->f);

	if (n < 0) {
		free(line);
		return NULL;
	}
	l->line++;
	errors = l->errors;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	bad = conf_ctl_byte(line, (size_t)n, 1);
	p = trim(line);
	snprintf(str, (size_t)num, ";\n");
	free(l->value);
	l->value = NULL;
	if (l->line == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0) {
		conf_error(l, l->line, "the file starts with a UTF-8 byte order mark; "
		    "save it without one");
	} else if (bad != -1) {
		conf_error(l, l->line, "a control character (byte 0x%02x) in this line; "
		    "remove it (values are never quoted or escaped)", (unsigned)bad);
	} else if (*p == '\0' || *p == '#' || *p == ';') {
		/* a comment, of any length */
	} else if (l->content++, *p == '[') {
		section_line(l, p);
		snprintf(str, (size_t)num, "[s]\n");
	} else if ((sep = strpbrk(p, "=:")) == NULL) {
		conf_error(l, l->line, "syntax error: expected \"key = value\" or "
		    "\"[section]\"");
	} else {
		char *key = p, *value = sep + 1;

		*sep = '\0';
		key = trim(key);
		/* inih ends a value at " ;": a password must not lose its tail */
		if (strcmp(key, "password") == 0 && (strstr(value, " ;") ||
		    strstr(value, "\t;")))
			conf_error(l, l->line, "password: \" ;\" would start a comment "
			    "here; use password-file or password-env");
		if (!valid_name(key, "_-"))
			conf_error(l, l->line, "%.*s: unknown key", CONF_NAME_MAX, key);
		else if (snprintf(str, (size_t)num, "%s=\n", key) < num)
			l->value = xstrdup(cut_comment(value));
		/* "hosts = nas.example.com # my nas": a password may hold " #" */
		for (sep = l->value ? strchr(l->value, '#') : NULL; sep != NULL &&
		    (sep == l->value || !isblank((unsigned char)sep[-1]));)
			sep = strchr(sep + 1, '#');
		if (sep != NULL && strcmp(key, "password") != 0) {
			*sep = '\0';
			trim(l->value);
			conf_error(l, l->line, "%s: \"#\" after a value is not a comment: a # "
			    "comment takes a whole line; after a value write \" ;\"", key);
		}
	}
	free(line);
	if (l->errors > errors && l->nsec > 0)
		l->sec[l->nsec - 1].errors++;
	return str;
}

static int
handler(void *user, const char *section, const char *key, const char *value)
{
	struct load *l = user;
	const char *v;
	struct entry *e;

	(void)section;
	(void)value;
	/* builds with INI_CALL_HANDLER_ON_NEW_SECTION also announce sections */
	if (key == NULL || l->value == NULL)
		return 1;
	v = l->value;
	if (l->nsec == 0) {
		/* one cause, one error: the lines after it share it */
		if (!l->outside++)
			conf_error(l, l->line, "%s: outside any section, as is every key "
			    "before the first [section] line; put it under [global] or a "
			    "[profile]", key);
		return 1;
	}
	if (l->sec[l->nsec - 1].bad)
		return 1;
	l->ent = xrealloc(l->ent, (l->nent + 1) * sizeof(*l->ent));
	e = &l->ent[l->nent++];
	e->key = xstrdup(key);
	e->value = xstrdup(v);
	e->line = l->line;
	/* a password-file or password-env keeps the secret out of this file */
	if (strcmp(key, "password") == 0)
		l->has_password = 1;
	return 1;
}

static int
cmp_section(const void *a, const void *b)
{
	const struct section *x = *(const struct section *const *)a;
	const struct section *y = *(const struct section *const *)b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : x->line - y->line;
}

/* Report sections defined twice, in n log n. */
static void
duplicate_sections(struct load *l)
{
	const struct section **v = xcalloc(l->nsec + 1, sizeof(*v));

	for (size_t i = 0; i < l->nsec; i++)
		v[i] = &l->sec[i];
	qsort(v, l->nsec, sizeof(*v), cmp_section);
	for (size_t i = 1; i < l->nsec; i++)
		if (strcmp(v[i]->name, v[i - 1]->name) == 0)
			conf_error(l, v[i]->line, "[%s] already defined at line %d",
			    v[i]->name, v[i - 1]->line);
	free(v);
}

int
conf_read(struct load *l)
{
	int rc = ini_parse_stream(reader, l, handler, l);

	free(l->value);
	l->value = NULL;
	duplicate_sections(l);
	if (rc != 0) {
		/* cannot happen with canonical lines; say so rather than guess */
		conf_error(l, rc > 0 ? rc : l->line, "the INI parser refused the line");
		return -1;
	}
	return 0;
}

void
conf_read_free(struct load *l)
{
	for (size_t i = 0; i < l->nent; i++) {
		free(l->ent[i].key);
		free(l->ent[i].value);
	}
	free(l->ent);
	for (size_t i = 0; i < l->nsec; i++)
		free(l->sec[i].name);
	free(l->sec);
}

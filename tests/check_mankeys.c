/*
 * nicupdate.conf(5) against the registry: every key a provider declares
 * has an entry under KEYS, and that entry names (as ".Cm name") exactly the
 * protocols that read the key (proto_key_users(), src/registry.c), a
 * preset being named by its family (dyndns2 for its presets). And every
 * protocol has its paragraph (or preset table row) there and a
 * "protocol = name" line in one of the .conf files of examples/.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "util.h"

/* The KEYS entry of key in man, ".It Cm key" to the next ".It" or ".El"
 * (a copy), or NULL. */
static char *
entry(const char *man, const char *key)
{
	const char *keys = strstr(man, "\n.Sh KEYS\n"), *end, *at;
	char *head = xasprintf("\n.It Cm %s ", key);
	size_t n = strlen(head);

	ck_assert_ptr_nonnull(keys);
	end = strstr(keys + 1, "\n.Sh ");
	at = strstr(keys, head);
	free(head);
	if (at == NULL || (end != NULL && at > end))
		return NULL;
	at += n;
	end = at + strcspn(at, "");
	for (const char *s = at; (s = strchr(s, '\n')) != NULL; s++)
		if (strncmp(s, "\n.It ", 5) == 0 || strncmp(s, "\n.El", 4) == 0) {
			end = s;
			break;
		}
	return xstrndup(at, (size_t)(end - at));
}

/* Does text name protocol name as ".Cm name" (then blank, comma or end)? */
static int
names(const char *text, const char *name)
{
	char *w = xasprintf(".Cm %s", name);
	size_t n = strlen(w);
	int found = 0;

	for (const char *s = text; !found && (s = strstr(s, w)) != NULL; s += n)
		found = (s == text || s[-1] == '\n') && strchr(" ,.;:\n", s[n]) != NULL;
	free(w);
	return found;
}

/* The first protocol of p's family (the same operations), p itself if none. */
static const struct proto *
family(const struct proto *p)
{
	for (size_t i = 0; proto_at(i) != NULL; i++)
		if (proto_at(i)->ops == p->ops)
			return proto_at(i);
	return p;
}

START_TEST(every_provider_key_names_its_protocols)
{
	const char *dir = getenv("MANDIR");
	char *path = xasprintf("%s/nicupdate.conf.5", dir && *dir ? dir : "man");
	char *man = read_file(path);
	int checked = 0;

	ck_assert_msg(man != NULL, "cannot read %s", path);
	for (size_t i = 0; proto_at(i) != NULL; i++) {
		const struct proto *p = proto_at(i);

		for (const struct pkey *k = p->ops->keys; k && k->name; k++) {
			char *e = entry(man, k->name);

			ck_assert_msg(e != NULL, "%s: no \".It Cm %s\" under KEYS", path, k->name);
			/* every reader is named, or its family is */
			ck_assert_msg(names(e, p->name) || names(e, family(p)->name),
			    "%s: the %s entry does not name %s (readers: %s)", path, k->name,
			    p->name, proto_key_users(k->name));
			/* and no protocol that does not read it */
			for (size_t j = 0; proto_at(j) != NULL; j++)
				ck_assert_msg(!names(e, proto_at(j)->name) ||
				    proto_key(proto_at(j), k->name) != NULL,
				    "%s: the %s entry names %s, which does not read it",
				    path, k->name, proto_at(j)->name);
			free(e);
			checked++;
		}
	}
	ck_assert_int_gt(checked, 10);
	free(man);
	free(path);
}
END_TEST

/* Does some line of text read exactly "protocol = name"? */
static int
has_protocol_line(const char *text, const char *name)
{
	char *w = xasprintf("\nprotocol = %s\n", name);
	int found = strstr(text, w) != NULL;

	free(w);
	return found;
}

START_TEST(every_protocol_has_a_paragraph_and_an_example)
{
	const char *mandir = getenv("MANDIR"), *exdir = getenv("EXAMPLES");
	char *path = xasprintf("%s/nicupdate.conf.5", mandir && *mandir ? mandir : "man");
	char *man = read_file(path);
	struct buf ex = { 0 };
	char *protos, *end;
	struct dirent *e;
	DIR *d;
	size_t nfiles = 0, i;

	ck_assert_msg(man != NULL, "cannot read %s", path);
	exdir = exdir && *exdir ? exdir : "examples";
	ck_assert_msg((d = opendir(exdir)) != NULL, "cannot read %s", exdir);
	buf_adds(&ex, "\n");
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *f, *text;

		if (n < 5 || strcmp(e->d_name + n - 5, ".conf") != 0)
			continue;
		f = xasprintf("%s/%s", exdir, e->d_name);
		ck_assert_msg((text = read_file(f)) != NULL, "cannot read %s", f);
		buf_adds(&ex, text);
		buf_adds(&ex, "\n");
		free(text);
		free(f);
		nfiles++;
	}
	closedir(d);
	ck_assert_uint_gt(nfiles, 5);
	/* the PROTOCOLS section: a paragraph ".Ss name" or a list item */
	ck_assert_ptr_nonnull(protos = strstr(man, "\n.Sh PROTOCOLS\n"));
	if ((end = strstr(protos + 1, "\n.Sh ")) != NULL)
		*end = '\0';
	for (i = 0; proto_at(i) != NULL; i++) {
		const char *name = proto_at(i)->name;
		static const char *forms[][2] = { { "\n.Ss ", "\n" }, { "\n.Ss ", " " },
		    { "\n.It Cm ", "\n" }, { "\n.It Cm ", " Ta " } };
		int documented = 0;

		for (size_t k = 0; k < sizeof(forms) / sizeof(*forms); k++) {
			char *w = xasprintf("%s%s%s", forms[k][0], name, forms[k][1]);

			documented |= strstr(protos, w) != NULL;
			free(w);
		}
		ck_assert_msg(documented, "%s: PROTOCOLS has no paragraph or item for %s",
		    path, name);
		ck_assert_msg(has_protocol_line(ex.s, name),
		    "%s: no .conf file with a \"protocol = %s\" line", exdir, name);
	}
	ck_assert_uint_ge(i, 60);
	buf_free(&ex);
	free(man);
	free(path);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mankeys");
	TCase *tc = tcase_create("mankeys");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, every_provider_key_names_its_protocols);
	tcase_add_test(tc, every_protocol_has_a_paragraph_and_an_example);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/*
 * nicupdate.conf(5) against the registry: every key a provider declares
 * has an entry under KEYS, and that entry names (as ".Cm name") exactly the
 * protocols that read the key (proto_key_users(), src/registry.c), a
 * preset being named by its family (dyndns2 for its presets).
 */
#include <check.h>
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

int
main(void)
{
	Suite *s = suite_create("mankeys");
	TCase *tc = tcase_create("mankeys");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, every_provider_key_names_its_protocols);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

#include <string.h>

#include "source.h"

static const struct {
	enum use use;
	const char *name[FAM_N];
	const char *legacy;
} kinds[] = {
	{ USE_DISABLED, { "disabled", "disabled" }, "disabled" },
	{ USE_WEB, { "webv4", "webv6" }, "web" },
	{ USE_IF, { "ifv4", "ifv6" }, "if" },
	{ USE_CMD, { "cmdv4", "cmdv6" }, "cmd" },
	{ USE_STATIC, { "ipv4", "ipv6" }, "ip" },
};

_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == USE_N,
    "one row per source kind, in the order of enum use");

const char *
use_name(enum fam f, enum use u)
{
	return kinds[u].name[f];
}

int
use_parse(enum fam f, const char *word, enum use *out)
{
	for (size_t i = 0; i < USE_N; i++) {
		if (strcmp(word, kinds[i].name[f]) == 0) {
			*out = kinds[i].use;
			return 0;
		}
	}
	return -1;
}

const char *
use_legacy(enum use u)
{
	return kinds[u].legacy;
}

int
use_parse_legacy(const char *word, enum use *out)
{
	for (size_t i = 0; i < USE_N; i++) {
		if (strcmp(word, kinds[i].legacy) == 0) {
			*out = kinds[i].use;
			return 0;
		}
	}
	return -1;
}

const char *
use_choices(enum fam f)
{
	static char text[FAM_N][96];
	char *t = text[f];

	if (t[0] == '\0') {
		for (size_t i = 1; i < USE_N; i++) {
			strcat(t, kinds[i].name[f]);
			strcat(t, i + 1 < USE_N ? ", " : " or ");
		}
		strcat(t, kinds[0].name[f]);
	}
	return t;
}

/*
 * libFuzzer: the log writer's masking and sanitizing. The first line of the
 * input is a secret (registered), the rest a message. Checked: a secret of
 * 8 characters or more never survives masking, and the sanitized text has
 * no control byte and is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every span found lies inside the text. */
static void
found_span(const char *s, size_t from, size_t to, void *arg)
{
	if (from > to || to > strlen(s))
		abort();
	strlist_add(arg, "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = xcalloc(size + 1, 1), *nl, *masked, *clean, *b64;
	struct strlist found = { 0 };

	memcpy(in, data, size);
	nl = strchr(in, '\n');
	log_secret_clear();
	if (nl != NULL) {
		*nl = '\0';
		log_secret(in);
	}
	masked = log_mask(nl ? nl + 1 : in);
	/* a secret with '*' may be rebuilt from the "***" around it */
	if (nl != NULL && strlen(in) >= 8 && strstr(masked, in) != NULL &&
	    strchr(in, '*') == NULL)
		abort();
	clean = log_sanitize(masked);
	for (const char *p = clean; *p;) {
		unsigned long cp;
		size_t n = log_utf8(p, &cp);

		if (n == 0 || log_control(cp))
			abort();
		p += n;
	}
	log_find_secrets(nl ? nl + 1 : in, found_span, &found);
	b64 = secret_base64(in, strlen(in));
	if (strlen(b64) % 4 != 0)
		abort();
	free(b64);
	strlist_free(&found);
	free(clean);
	free(masked);
	free(in);
	return 0;
}

/* libFuzzer: the custom URL template checker and expander. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *tmpl = malloc(size + 1), why[300], *url;

	memcpy(tmpl, data, size);
	tmpl[size] = '\0';
	if (custom_check(tmpl, why, sizeof(why)) == 0) {
		url = custom_expand(tmpl, "h.example.com", "81.2.69.160",
		    "2a00:1450:4001:80b::/64", "u%h[IP]", "p &=%#+ ");
		/* values are encoded once: no raw space, '&' or '#' can come from them */
		if (strchr(tmpl, ' ') == NULL && strchr(url, ' ') != NULL)
			abort();
		free(url);
	}
	free(tmpl);
	return 0;
}

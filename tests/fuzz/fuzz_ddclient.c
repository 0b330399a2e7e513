/* libFuzzer: the ddclient.conf translation and the ddclient cache reader. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ddclient.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *ini;
	struct ddc_cache *c = NULL;
	struct config cfg;
	size_t n = 0;

	log_verbosity = -1;
	memcpy(text, data, size);
	text[size] = '\0';
	ddclient_looks_like(text);
	if ((ini = ddclient_translate("fuzz.conf", text)) != NULL) {
		/* whatever it writes must be readable by our own config reader */
		config_load_string(&cfg, "converted", ini);
		config_free(&cfg);
		free(ini);
	}
	if (ddclient_cache_parse(text, &c, &n) == 0)
		ddclient_cache_free(c, n);
	log_secret_clear();
	free(text);
	return 0;
}

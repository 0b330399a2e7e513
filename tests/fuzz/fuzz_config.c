/* libFuzzer: the INI config reader and validator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct config c;

	log_verbosity = -1;
	memcpy(text, data, size);
	text[size] = '\0';
	if (config_load_string(&c, "fuzz.conf", text) == 0)
		config_print(&c);
	config_free(&c);
	log_secret_clear();
	free(text);
	return 0;
}

/* libFuzzer: the JSON reader used for provider APIs. */
#include <stdint.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *paths[] = { "success", "result.0.id", "result.0.content",
		"errors.0.message", "a.b.c.d.0.1" };
	char out[64];

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		json_get((const char *)data, size, paths[i], out, sizeof(out));
	return 0;
}

/* libFuzzer: the state file reader, then a write of what it read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct state s;

	log_verbosity = -1;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&s, 0, sizeof(s));
	s.lockfd = -1;
	state_parse(&s, "fuzz.cache", text);
	for (size_t i = 0; i < s.n; i++)
		state_find(&s, s.r[i].profile, s.r[i].host, s.r[i].fam);
	state_close(&s);
	free(text);
	return 0;
}

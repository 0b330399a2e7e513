/* libFuzzer: address extraction from answer bodies, both families. */
#include <stdint.h>
#include <string.h>

#include "addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[ADDR_MAX], why[300];

	for (int f = 0; f < FAM_N; f++) {
		if (addr_extract((enum fam)f, (const char *)data, size, NULL, out, why,
		    sizeof(why)) == 0) {
			addr_nonglobal((enum fam)f, out);
			addr_never((enum fam)f, out);
		}
		addr_extract((enum fam)f, (const char *)data, size, "Current IP Address:", out,
		    why, sizeof(why));
	}
	return 0;
}

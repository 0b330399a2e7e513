/*
 * bench/scale.sh's helper: print a state file in which every host of the
 * config is up to date at ADDR, with the fingerprints a run computes
 * (run_fingerprint in src/run.c), so a steady-state run sends nothing.
 *   scaleprime CONFIG ADDR >STATE
 */
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "run.h"
#include "state.h"

int
main(int argc, char **argv)
{
	struct config c;
	long long now = (long long)time(NULL);

	if (argc != 3 || config_load(&c, argv[1]) != 0)
		return 2;
	printf("# nicupdate state %d\n", STATE_VERSION);
	for (size_t k = 0; k < c.nprof; k++)
		for (size_t h = 0; h < c.prof[k].hosts.n; h++)
			printf("%s %s ipv4 %s ok:good %lld %lld f2:%08x\n", c.prof[k].name,
			    c.prof[k].hosts.v[h], argv[2], now, now,
			    (unsigned)run_fingerprint(&c.prof[k], c.prof[k].hosts.v[h], FAM_V4));
	config_free(&c);
	return 0;
}

/*
 * floor: the least a libcurl program has to do for one dynamic DNS cycle,
 * the baseline nicupdate is measured against in bench/run.
 *
 *   floor [-c MAXCONN] ECHO_URL [UPDATE_URL USER:PASS HOSTLIST...]
 *
 * GETs ECHO_URL and takes its first word as the address, then (when asked)
 * sends one dyndns2 update per HOSTLIST (comma-separated host names), all at
 * once on one multi handle, with basic auth:
 *   UPDATE_URL?hostname=HOSTLIST&myip=ADDR
 * An answer counts as success when it is HTTP 200 and starts with "good" or
 * "nochg". -c caps connections per host (0, the default, is libcurl's own
 * default: no cap). Exit 0 when every request succeeded, 1 otherwise.
 * No config file, no state, no parsing beyond the above: a floor, not a client.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct answer {
	char body[1024];
	size_t len;
};

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t room = sizeof(a->body) - 1 - a->len;
	size_t len = size * n;

	if (len < room)
		room = len;
	memcpy(a->body + a->len, p, room);
	a->len += room;
	a->body[a->len] = '\0';
	return len;
}

static CURL *
request(CURLM *multi, const char *url, const char *userpwd, struct answer *a)
{
	CURL *e = curl_easy_init();

	if (e == NULL)
		return NULL;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)a);
	if (userpwd != NULL) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERPWD, userpwd);
	} else {
		curl_easy_setopt(e, CURLOPT_IPRESOLVE, (long)CURL_IPRESOLVE_V4);
	}
	curl_multi_add_handle(multi, e);
	return e;
}

/* Runs every transfer on multi to the end; returns how many failed. */
static int
run(CURLM *multi, int (*ok)(const struct answer *))
{
	int still = 1, left, failed = 0;
	CURLMsg *m;

	while (still) {
		if (curl_multi_perform(multi, &still) != CURLM_OK)
			return -1;
		if (still)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	}
	while ((m = curl_multi_info_read(multi, &left)) != NULL) {
		struct answer *a;
		long code = 0;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&a);
		curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &code);
		if (m->data.result != CURLE_OK || code != 200 || !ok(a))
			failed++;
		curl_multi_remove_handle(multi, m->easy_handle);
		curl_easy_cleanup(m->easy_handle);
	}
	return failed;
}

static int
has_word(const struct answer *a)
{
	return a->body[strspn(a->body, " \t\r\n")] != '\0';
}

static int
is_success(const struct answer *a)
{
	return strncmp(a->body, "good", 4) == 0 || strncmp(a->body, "nochg", 5) == 0;
}

int
main(int argc, char **argv)
{
	struct answer echo = { .len = 0 }, *ans;
	char addr[64], *url;
	long maxconn = 0;
	CURLM *multi;
	int c, nupd, failed;
	size_t i;

	while ((c = getopt(argc, argv, "c:")) != -1) {
		if (c != 'c')
			goto usage;
		maxconn = strtol(optarg, NULL, 10);
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 && argc < 4)
		goto usage;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (multi = curl_multi_init()) == NULL)
		return 1;
	if (maxconn > 0)
		curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxconn);

	if (request(multi, argv[0], NULL, &echo) == NULL || run(multi, has_word) != 0) {
		fprintf(stderr, "floor: %s: no address\n", argv[0]);
		return 1;
	}
	i = strspn(echo.body, " \t\r\n");
	snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(echo.body + i, " \t\r\n"),
	    echo.body + i);
	if (argc == 1) {
		printf("%s\n", addr);
		return 0;
	}

	nupd = argc - 3;
	ans = calloc((size_t)nupd, sizeof(*ans));
	if (ans == NULL)
		return 1;
	for (c = 0; c < nupd; c++) {
		size_t len = strlen(argv[1]) + strlen(argv[3 + c]) + strlen(addr) + 32;

		if ((url = malloc(len)) == NULL)
			return 1;
		snprintf(url, len, "%s?hostname=%s&myip=%s", argv[1], argv[3 + c], addr);
		if (request(multi, url, argv[2], &ans[c]) == NULL)
			return 1;
		free(url);	/* libcurl keeps its own copy */
	}
	failed = run(multi, is_success);
	printf("%s: %d of %d updates failed\n", addr, failed, nupd);
	curl_multi_cleanup(multi);
	curl_global_cleanup();
	free(ans);
	return failed == 0 ? 0 : 1;
usage:
	fprintf(stderr, "usage: floor [-c MAXCONN] ECHO_URL [UPDATE_URL USER:PASS HOSTLIST...]\n");
	return 64;
}

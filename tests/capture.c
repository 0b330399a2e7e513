#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "state.h"
#include "util.h"

void
capture_start(struct capture *k, int fd)
{
	fflush(stdout);
	fflush(stderr);
	k->fd = fd;
	k->tmp = tmpfile();
	ck_assert_ptr_nonnull(k->tmp);
	k->saved = dup(fd);
	ck_assert_int_ge(k->saved, 0);
	ck_assert_int_ge(dup2(fileno(k->tmp), fd), 0);
}

char *
capture_end(struct capture *k)
{
	off_t n;
	char *s;

	fflush(stdout);
	fflush(stderr);
	dup2(k->saved, k->fd);
	close(k->saved);
	n = lseek(fileno(k->tmp), 0, SEEK_END);
	ck_assert_int_ge(n, 0);
	s = xmalloc((size_t)n + 1);
	ck_assert_int_eq(pread(fileno(k->tmp), s, (size_t)n, 0), n);
	s[n] = '\0';
	fclose(k->tmp);
	return s;
}

int
has_line(const char *text, const char *a, const char *b)
{
	const char *s = text;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *l = xstrndup(s, n);
		int hit = strstr(l, a) != NULL && strstr(l, b) != NULL;

		free(l);
		if (hit)
			return 1;
		s += n + (nl != NULL);
	}
	return 0;
}

int
count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

int
open_quiet(struct state *s, const char *path, int lock, char **err)
{
	struct capture k;
	int rc;

	capture_start(&k, STDERR_FILENO);
	rc = state_open(s, path, lock);
	*err = capture_end(&k);
	return rc;
}

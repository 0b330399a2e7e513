/* Test helpers shared by the unit suites: capturing output, reading it. */
#ifndef NICUPDATE_CAPTURE_H
#define NICUPDATE_CAPTURE_H

#include <stdio.h>

struct state;

struct capture {
	int fd, saved;
	FILE *tmp;
};

/* Send fd (STDERR_FILENO, STDOUT_FILENO) to a temporary file. */
void capture_start(struct capture *k, int fd);
/* Restore the descriptor; what was written to it (caller frees). */
char *capture_end(struct capture *k);
/* Does one line of text hold both a and b? */
int has_line(const char *text, const char *a, const char *b);
/* Newlines in s. */
int count_lines(const char *s);

/* state_open with its stderr into *err (caller frees). */
int open_quiet(struct state *s, const char *path, int lock, char **err);

#endif

/* Running a configured command without a shell, bounded in time and output. */
#ifndef NICUPDATE_COMMAND_H
#define NICUPDATE_COMMAND_H

#include "util.h"

/* Split a command line on blanks, honouring '...' and "..." quotes. */
void command_split(const char *cmd, struct strlist *argv);
/*
 * Run argv in a process group of its own, with stdin from /dev/null; collect
 * at most max bytes of stdout in out (when out != NULL; else stdout is
 * discarded). timeout_s bounds the command's whole life; when it exits, or
 * on failure, what is left of its group is killed and the command reaped
 * (nicupdate.conf(5), COMMANDS). Returns 0 on exit status 0 within
 * timeout_s, else -1 with why set.
 */
int command_run(char *const *argv, long timeout_s, struct buf *out, size_t max,
    char *why, size_t whylen);

#endif

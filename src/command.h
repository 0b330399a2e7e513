/* Running a configured command without a shell, bounded in time and output. */
#ifndef NICUPDATE_COMMAND_H
#define NICUPDATE_COMMAND_H

#include "addr.h"
#include "util.h"

/* Split a command line on blanks, honouring '...' and "..." quotes. */
void command_split(const char *cmd, struct strlist *argv);
/*
 * The environment of every command: the few variables of ours that hold no
 * secret, NICUPDATE_PROFILE and NICUPDATE_FAMILY (nicupdate.conf(5), COMMANDS).
 */
void command_env(struct strlist *env, const char *profile, enum fam f);
/* Add name=value to env (value NULL: empty). */
void command_setenv(struct strlist *env, const char *name, const char *value);
/*
 * Run argv with exactly the environment envp, found in PATH when argv[0]
 * has no slash, in a process group of its own, with stdin from /dev/null; collect
 * at most max bytes of stdout in out (when out != NULL; else stdout is
 * discarded). timeout_s bounds the command's whole life; when it exits, or
 * on failure, what is left of its group is killed and the command reaped
 * (nicupdate.conf(5), COMMANDS). Returns 0 on exit status 0 within
 * timeout_s, else -1 with why set.
 */
int command_run(char *const *argv, char *const *envp, long timeout_s, struct buf *out,
    size_t max, char *why, size_t whylen);

#endif

#include <stdlib.h>

#include "command.h"
#include "log.h"
#include "postscript.h"

void
postscript_add(struct postscripts *q, const struct profile *p, const char *host,
    enum fam f, enum outcome out, const char *addr, const char *old_addr,
    const char *status)
{
	struct postscript_job *j;
	int failed = out != OUT_GOOD && out != OUT_NOCHG;

	if (p->postscript == NULL || !(out == OUT_GOOD ? p->postscript_on & PS_ON_CHANGE :
	    failed && (p->postscript_on & PS_ON_FAILURE)))
		return;
	q->job = xrealloc(q->job, (q->n + 1) * sizeof(*q->job));
	j = &q->job[q->n++];
	j->who = xasprintf("%s/%s", p->name, host);
	j->timeout = p->timeout;
	/* ddclient's arguments: host, then address */
	j->argv = (struct strlist){ 0 };
	command_split(p->postscript, &j->argv);
	strlist_add(&j->argv, host);
	strlist_add(&j->argv, addr);
	j->env = (struct strlist){ 0 };
	command_env(&j->env, p->name, f);
	command_setenv(&j->env, "NICUPDATE_HOST", host);
	command_setenv(&j->env, "NICUPDATE_ADDRESS", addr);
	command_setenv(&j->env, "NICUPDATE_OLD_ADDRESS", old_addr);
	command_setenv(&j->env, "NICUPDATE_STATUS", status);
}

void
postscript_run_all(struct postscripts *q)
{
	for (size_t i = 0; i < q->n; i++) {
		struct postscript_job *j = &q->job[i];
		char why[200];

		if (command_run(j->argv.v, j->env.v, j->timeout, NULL, 0, why,
		    sizeof(why)) == -1)
			log_warn("%s: postscript %s: %s", j->who, j->argv.v[0], why);
		free(j->who);
		strlist_free(&j->argv);
		strlist_free(&j->env);
	}
	free(q->job);
	q->job = NULL;
	q->n = 0;
}

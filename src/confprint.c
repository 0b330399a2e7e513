/* The normalized configuration, as --check-config prints it: secrets masked. */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "log.h"
#include "proto.h"

static void
print_list(const char *key, const struct strlist *l)
{
	if (l->n == 0)
		return;
	printf("%s = ", key);
	for (size_t i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->v[i]);
	printf("\n");
}

static void
print_dur(const char *key, long v)
{
	char d[32];

	fmt_duration(v, d, sizeof(d));
	printf("%s = %s\n", key, d);
}

void
config_print(const struct config *c)
{
	printf("[global]\ncache = %s\n", c->cache);
	/* the hook URLs are secrets: masked */
	if (c->healthcheck) {
		log_line("healthcheck = %s", c->healthcheck);
		printf("healthcheck-style = %s\n", c->healthcheck_style == HC_UPTIME_KUMA ?
		    "uptime-kuma" : "healthchecks");
	}
	if (c->webhook)
		log_line("webhook = %s", c->webhook);
	for (size_t i = 0; i < c->nprof; i++) {
		const struct profile *p = &c->prof[i];
		char *base = proto_base_url(p, FAM_V4);

		printf("\n[%s]\nprotocol = %s\n", p->name, p->proto->name);
		if (p->proto->server != NULL || p->server != NULL)
			printf("server = %s\n", base);
		if (p->proto->script != NULL || p->script != NULL)
			printf("script = %s\n", p->script ? p->script : p->proto->script);
		free(base);
		for (size_t k = 0; k < p->nopt; k++)
			log_line("%s = %s", p->opt[k].key, p->opt[k].value);
		if (p->login)
			printf("login = %s\n", p->login);
		if (p->password)
			printf("password = ***\n");
		profile_warn_quoted(p, L_WARN);
		if (p->insecure_http)
			printf("insecure-http = yes\n");
		print_list("hosts", &p->hosts);
		for (int f = 0; f < FAM_N; f++) {
			const struct source *s = &p->src[f];
			const char *kind = use_name((enum fam)f, s->use);

			printf("usev%c = %s\n", f == FAM_V4 ? '4' : '6', kind);
			if (s->use == USE_WEB) {
				print_list(kind, &s->web);
				if (s->skip)
					printf("%s-skip = %s\n", kind, s->skip);
				if (s->bind)
					printf("%s-interface = %s\n", kind, s->bind);
			}
			if (s->use == USE_IF)
				printf("%s = %s\n", kind, s->ifname);
			if (s->use == USE_CMD)
				printf("%s = %s\n", kind, s->cmd);
			if (s->use == USE_STATIC)
				printf("%s = %s\n", kind, s->ip);
		}
		if (p->v6_temporary)
			printf("ifv6-address = temporary\n");
		if (p->v6_suffix.n > 0)
			print_list("ipv6-suffix", &p->v6_suffix);
		if (p->v6_prefix_len != 64)
			printf("ipv6-prefix-length = %d\n", p->v6_prefix_len);
		printf("allow-private = %s\n", p->allow_private ? "yes" : "no");
		if (p->optional[FAM_V4] || p->optional[FAM_V6])
			printf("optional = %s%s%s\n", p->optional[FAM_V4] ? fam_key(FAM_V4) : "",
			    p->optional[FAM_V4] && p->optional[FAM_V6] ? ", " : "",
			    p->optional[FAM_V6] ? fam_key(FAM_V6) : "");
		print_dur("min-interval", p->min_interval);
		print_dur("max-interval", p->max_interval);
		print_dur("min-error-interval", p->min_error_interval);
		print_dur("timeout", p->timeout);
		printf("attempts = %ld\n", p->attempts);
		print_dur("retry-interval", p->retry_interval);
		if (p->ssl_ca_file)
			printf("ssl_ca_file = %s\n", p->ssl_ca_file);
		if (p->ssl_ca_dir)
			printf("ssl_ca_dir = %s\n", p->ssl_ca_dir);
		if (p->proxy)
			log_line("proxy = %s", p->proxy);
		if (p->interface)
			printf("interface = %s\n", p->interface);
		if (p->postscript)
			printf("postscript = %s\npostscript-on = %s\n", p->postscript,
			    p->postscript_on == (PS_ON_CHANGE | PS_ON_FAILURE) ? "change, failure" :
			    p->postscript_on == PS_ON_FAILURE ? "failure" : "change");
		if (p->verify)
			printf("verify = doh\n");
		if (p->doh.n > 0)
			print_list("doh", &p->doh);
	}
}

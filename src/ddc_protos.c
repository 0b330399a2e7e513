/*
 * ddclient 4's protocol names: nicupdate's protocol for each, the settings
 * ddclient sends that nicupdate's protocol does not, or, for a protocol
 * nicupdate lacks, what to use instead. The requests compared are in
 * tests/ddclient/protocols_v4.conf.
 */
#include <stddef.h>
#include <string.h>

#include "ddc.h"

/* A ddclient protocol nicupdate lacks, and what to use instead. */
#define NONE(name, what) { name, NULL, NULL, what, NULL }
#define OTHER ": keep ddclient for its hosts, or use protocol = custom with " \
	"an update URL of the service"

static const struct ddc_proto protos[] = {
	{ "cloudflare", "cloudflare", "ttl", "ddclient 4 sends Cloudflare the "
	    "address alone, and the record keeps its TTL", NULL },
	NONE("dinahosting", "nicupdate has no Dinahosting protocol" OTHER),
	NONE("directnic", "use protocol = custom with url = the urlv4 "
	    "value followed by ?data=[IP]"),
	{ "dnsexit2", "dnsexit", "zone ttl path", "nicupdate's dnsexit sends the "
	    "host to DNSExit's /dns/ud/ endpoint, which finds the zone itself and "
	    "keeps the record's TTL", NULL },
	NONE("dslreports1", "nicupdate has no DSLReports protocol" OTHER),
	NONE("dyndns1", "the dyndns1 protocol is obsolete: use protocol = "
	    "dyndns2 (or the service's own protocol) with the same login and password"),
	NONE("emailonly", "nicupdate updates no host only to mail its "
	    "address: run a postscript that mails instead"),
	NONE("enom", "nicupdate has no eNom protocol" OTHER),
	{ "hetzner", "hetzner", "server", "ddclient's hetzner speaks the DNS "
	    "Console's API, nicupdate's the Cloud API", "ddclient's hetzner uses a DNS "
	    "Console token; nicupdate's needs a Hetzner Cloud API token in password" },
	NONE("mythicdyn", "nicupdate has no Mythic Beasts protocol" OTHER),
	NONE("nfsn", "nicupdate has no NearlyFreeSpeech.NET protocol" OTHER),
	NONE("nsupdate", "use protocol = rfc2136 with login = the TSIG "
	    "key's name, password = its secret (from the key file ddclient's "
	    "password names), server = the zone's primary and zone"),
	{ "porkbun", "porkbun", "ttl", "ddclient 4's porkbun does not read it: "
	    "it sends the record's own TTL back", NULL },
	{ "regfishde", "regfish", NULL, NULL, NULL },
	NONE("sitelutions", "nicupdate has no Sitelutions protocol" OTHER),
	NONE("yandex", "nicupdate has no Yandex protocol" OTHER),
	{ "zoneedit1", "zoneedit", "zone", "ddclient sends it as zone=; nicupdate's "
	    "zoneedit sends the host alone, and ZoneEdit finds its zone", NULL },
};

const struct ddc_proto *
ddc_proto_find(const char *name)
{
	for (size_t i = 0; i < sizeof(protos) / sizeof(*protos); i++)
		if (strcmp(protos[i].ddc, name) == 0)
			return &protos[i];
	return NULL;
}

/*
 * libFuzzer: the DNS message codec. Every message is parsed; what parses
 * is asked for addresses of its question name and for TXT text, and its
 * TSIG record (if any) is checked against a fixed key.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dns_msg m;
	static struct dns_key k;
	static const uint8_t mac[DNS_MAC_LEN];
	char why[100], txt[512], addrs[8][ADDR_MAX];
	int err;

	if (k.len == 0 && dns_key_set(&k, "nic", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
	    why, sizeof(why)) == -1)
		abort();
	if (dns_parse(data, size, &m, why, sizeof(why)) == -1)
		return 0;
	dns_addrs(&m, m.qname, FAM_V4, addrs, 8);
	dns_addrs(&m, m.qname, FAM_V6, addrs, 8);
	for (size_t i = 0; i < m.nrr; i++)
		dns_txt(&m.rr[i], txt, sizeof(txt));
	dns_tsig_verify(&m, &k, 1700000000, mac, &err, why, sizeof(why));
	return 0;
}

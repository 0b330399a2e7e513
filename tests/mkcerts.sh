#!/bin/sh
# Create throw-away TLS material for the loopback tests (EC P-256):
#   ca.pem/ca.key               test CA
#   server.pem/server.key       signed by the CA for localhost, 127.0.0.1, ::1
#   wronghost.pem/wronghost.key signed by the CA, but only for wrong.example
#   untrusted.pem/untrusted.key self-signed for localhost/127.0.0.1 (not the CA)
# Usage: tests/mkcerts.sh DIR
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT HUP INT TERM

# Certificates start a day in the past so clock skew never bites; `openssl ca`
# is used because `openssl x509` (before 3.4) cannot back-date notBefore.
utc() { date -u -d "$1" +%Y%m%d%H%M%SZ 2>/dev/null || date -u -v"$2" +%Y%m%d%H%M%SZ; }
start=$(utc '-1 day' -1d)
end=$(utc '+29 days' +29d)

: >"$work/index.txt"
echo 1000 >"$work/serial"
cat >"$work/openssl.cnf" <<EOF
[ca]
default_ca = test_ca
[test_ca]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any_name
unique_subject = no
[any_name]
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
[ext_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ext_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
[ext_wronghost]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:wrong.example
[ext_untrusted]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = IP:127.0.0.1, DNS:localhost
EOF

# Run openssl (the one configure found, via make check) quietly; show its
# output only when it fails.
ossl() {
    if ! "${OPENSSL:-openssl}" "$@" >"$work/out" 2>&1; then
        echo "$0: openssl $1 failed:" >&2
        cat "$work/out" >&2
        exit 1
    fi
}

# issue NAME CN EXTENSIONS [ca] -- key, CSR, then certificate (self-signed
# unless "ca" is given).
issue() {
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$1.key"
    ossl req -new -config "$work/openssl.cnf" -key "$dir/$1.key" -subj "/CN=$2" \
        -out "$work/$1.csr"
    if [ "${4:-}" = ca ]; then
        set -- "$1" "$3" -cert "$dir/ca.pem" -keyfile "$dir/ca.key"
    else
        set -- "$1" "$3" -selfsign -keyfile "$dir/$1.key"
    fi
    name=$1 ext=$2
    shift 2
    ossl ca -batch -notext -config "$work/openssl.cnf" "$@" -extensions "$ext" \
        -startdate "$start" -enddate "$end" -in "$work/$name.csr" -out "$dir/$name.pem"
}

issue ca "nicupdate test CA" ext_ca
issue server localhost ext_server ca
issue wronghost wrong.example ext_wronghost ca
issue untrusted localhost ext_untrusted
chmod 600 "$dir"/*.key
ossl verify -CAfile "$dir/ca.pem" "$dir/server.pem"

#!/usr/bin/env bash
# bench/verify.sh: what verify = doh adds to the wall time of a run.
# Steady state (the state is primed, the records hold the address, nothing
# is sent), H hosts, the same latency on the echo endpoint and on the
# loopback DoH resolver (tests/fakedns.py). Runs without and with
# verify = doh alternate; the difference of the medians should be at most
# one round trip (the latency, plus SLACK_MS for the fake's own cost),
# since every lookup of a run is asked at once. Needs cc and python3; no
# root, no network beyond 127.0.0.1. See bench/README.
#
#   BENCH_RUNS=11 BENCH_LATENCY_MS=200 BENCH_HOSTS=10 bench/verify.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
RUNS=${BENCH_RUNS:-11}
LAT_MS=${BENCH_LATENCY_MS:-200}
HOSTS=${BENCH_HOSTS:-10}
SLACK_MS=30
NICUPDATE=${NICUPDATE:-$top/src/nicupdate}
for v in RUNS LAT_MS HOSTS; do
	[[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench/verify.sh: $v must be a whole number" >&2; exit 1; }
done
[[ -x $NICUPDATE ]] || { echo "bench/verify.sh: build $NICUPDATE first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -o "$work/measure" "$here/measure.c"
lat=$(awk -v ms="$LAT_MS" 'BEGIN { printf "%.3f", ms / 1000 }')

# start NAME SCRIPT JSON: a loopback server on port 0; sets port_NAME
start() {
	printf '%s\n' "$3" >"$work/$1.json"
	mkfifo "$work/$1.in"
	python3 "$2" --config "$work/$1.json" --log "$work/$1.log" <"$work/$1.in" >"$work/$1.port" &
	pids+=($!)
	exec {fd}>"$work/$1.in"	# held open: EOF stops the server
	for _ in $(seq 100); do [[ -s $work/$1.port ]] && break; sleep 0.05; done
	read -r _ port <"$work/$1.port"
	printf -v "port_$1" %s "$port"
}

hosts= zone= sep=
for i in $(seq "$HOSTS"); do
	hosts+="$sep h$i.example.com"
	zone+="$sep\"h$i.example.com\": {\"A\": [\"81.2.69.160\"], \"ttl\": 300}"
	sep=,
done
printf '{%s}\n' "$zone" >"$work/zone.json"
start prov "$here/provider.py" "{\"users\": {\"u\": \"p\"}, \"hosts\": [$(sed 's/ *\([^,]*\)/"\1"/g' <<<"$hosts")],
 \"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\", \"delay\": $lat}}}"
start dns "$top/tests/fakedns.py" "{\"zone_file\": \"$work/zone.json\", \"delay\": $lat}"

conf() {	# conf FILE EXTRA
	printf '[global]\ncache = %s/state\n\n[b]\nserver = http://127.0.0.1:%s\nlogin = u\npassword = p\nhosts =%s\nwebv4 = http://127.0.0.1:%s/ip\n%s\n' \
	    "$work" "$port_prov" "$hosts" "$port_prov" "$2" >"$1"
	chmod 600 "$1"
}
conf "$work/plain.conf" ""
conf "$work/verify.conf" "verify = doh
doh = http://127.0.0.1:$port_dns/dns-query"
"$NICUPDATE" -c "$work/plain.conf" >/dev/null	# prime the state (untimed)
primed=$(grep -c /nic/update "$work/prov.log" || true)

for i in $(seq "$RUNS"); do
	for mode in plain verify; do
		"$work/measure" -t 60 -o "$work/m.$mode.$i" -- "$NICUPDATE" -c "$work/$mode.conf" >/dev/null
	done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
plain=$(cat "$work"/m.plain.* | awk '{ print $1 }' | median)
verify=$(cat "$work"/m.verify.* | awk '{ print $1 }' | median)
updates=$(($(grep -c /nic/update "$work/prov.log" || true) - primed))
questions=$(grep -c /dns-query "$work/dns.log" || true)
awk -v p="$plain" -v v="$verify" -v l="$LAT_MS" -v n="$RUNS" -v h="$HOSTS" -v s="$SLACK_MS" \
    -v u="$updates" -v q="$questions" 'BEGIN {
	d = (v - p) / 1000
	printf "verify = doh, %d hosts, %d ms latency, %d runs each (medians):\n", h, l, n
	printf "  without verify  %8.1f ms\n  with verify     %8.1f ms\n", p / 1000, v / 1000
	printf "  added           %8.1f ms (one round trip: %d ms, + %d ms slack)\n", d, l, s
	printf "  update requests %d (expected 0), DoH questions %d (expected %d)\n", u, q, n * h
	ok = d <= l + s && u == 0 && q == n * h
	printf "  %s: at most one round trip added, no update sent\n", ok ? "met" : "NOT MET"
	exit !ok
}'

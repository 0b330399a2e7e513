#!/usr/bin/env bash
# bench/verify.sh: what verify = doh adds to the wall time of a run.
# Steady state (the state is primed, the records hold the address, nothing
# is sent), N hosts for each N of BENCH_HOSTS, the same latency on the echo
# endpoint and on the loopback DoH resolver (tests/fakedns.py), over
# HTTP/1.1 (http://) and, when python3 can import h2 (Debian's
# python3-h2), HTTP/2 (https:// with ALPN). Runs without verify, with
# verify against a resolver that answers at once, and with verify against
# one that answers after the latency alternate. The fake resolver's own CPU
# time grows with N (Python, on a shared 2-core machine), so the round trips
# are the difference of the two verify medians over the latency: it should
# be at most one round trip (plus SLACK_MS) for every N, since every lookup
# of a run is asked at once. Needs cc, python3 and openssl; no root, no
# network beyond 127.0.0.1. See bench/README.
#
#   BENCH_RUNS=11 BENCH_LATENCY_MS=200 BENCH_HOSTS="1 10 50 200" bench/verify.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
RUNS=${BENCH_RUNS:-11}
LAT_MS=${BENCH_LATENCY_MS:-200}
HOSTS=${BENCH_HOSTS:-1 10 50 200}
SLACK_MS=30
NICUPDATE=${NICUPDATE:-$top/src/nicupdate}
for v in RUNS LAT_MS; do
	[[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench/verify.sh: $v must be a whole number" >&2; exit 1; }
done
max=0
for n in $HOSTS; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench/verify.sh: BENCH_HOSTS: $n is not a count" >&2; exit 1; }
	((n > max)) && max=$n
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
sh "$top/tests/mkcerts.sh" "$work/certs" >/dev/null
lat=$(awk -v ms="$LAT_MS" 'BEGIN { printf "%.3f", ms / 1000 }')

# start NAME SCRIPT JSON [ARGS...]: a loopback server on port 0; sets port_NAME
start() {
	local name=$1 script=$2 json=$3
	shift 3
	printf '%s\n' "$json" >"$work/$name.json"
	mkfifo "$work/$name.in"
	python3 "$script" --config "$work/$name.json" --log "$work/$name.log" "$@" \
	    <"$work/$name.in" >"$work/$name.port" &
	pids+=($!)
	exec {fd}>"$work/$name.in"	# held open: EOF stops the server
	for _ in $(seq 100); do [[ -s $work/$name.port ]] && break; sleep 0.05; done
	read -r _ port <"$work/$name.port"
	printf -v "port_$name" %s "$port"
}

names= zone= sep=
for i in $(seq "$max"); do
	names+="$sep\"h$i.example.com\""
	zone+="$sep\"h$i.example.com\": {\"A\": [\"81.2.69.160\"], \"ttl\": 300}"
	sep=,
done
printf '{%s}\n' "$zone" >"$work/zone.json"
start prov "$here/provider.py" "{\"users\": {\"u\": \"p\"}, \"hosts\": [$names],
 \"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\", \"delay\": $lat}}}"
dnsjson="{\"zone_file\": \"$work/zone.json\", \"delay\": $lat}"
dns0json="{\"zone_file\": \"$work/zone.json\"}"
start h1 "$top/tests/fakedns.py" "$dnsjson"
start h10 "$top/tests/fakedns.py" "$dns0json"
protos=h1
if python3 -c 'import sys; sys.path.append("/usr/lib/python3/dist-packages"); import h2' 2>/dev/null; then
	tls=(--cert "$work/certs/server.pem" --key "$work/certs/server.key")
	start h2 "$top/tests/fakedns.py" "$dnsjson" "${tls[@]}"
	start h20 "$top/tests/fakedns.py" "$dns0json" "${tls[@]}"
	protos="h1 h2"
else
	echo "bench/verify.sh: python3 cannot import h2 (Debian: python3-h2): HTTP/1.1 only" >&2
fi

conf() {	# conf FILE N EXTRA
	local hosts
	hosts=$(seq -s, -f 'h%g.example.com' 1 "$2")
	printf '[global]\ncache = %s/state.%s\n\n[b]\nserver = http://127.0.0.1:%s\nlogin = u\npassword = p\nhosts = %s\nwebv4 = http://127.0.0.1:%s/ip\n%s\n' \
	    "$work" "$2" "$port_prov" "$hosts" "$port_prov" "$3" >"$1"
	chmod 600 "$1"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
count() { grep -c "$1" "$2" || true; }

printf 'verify = doh, %d ms latency, %d runs each (medians), one round trip = %d ms:\n' \
    "$LAT_MS" "$RUNS" "$LAT_MS"
printf '  %-5s %5s %10s %12s %10s %10s %6s %s\n' proto hosts without "with, 0 ms" with added RTs ok
fail=0
for proto in $protos; do
	port_var=port_$proto port0_var=port_${proto}0
	url=http
	extra=
	if [[ $proto == h2 ]]; then
		url=https
		extra="ssl_ca_file = $work/certs/ca.pem"
	fi
	for n in $HOSTS; do
		conf "$work/plain.conf" "$n" ""
		conf "$work/verify.conf" "$n" "verify = doh
doh = $url://127.0.0.1:${!port_var}/dns-query
$extra"
		conf "$work/verify0.conf" "$n" "verify = doh
doh = $url://127.0.0.1:${!port0_var}/dns-query
$extra"
		"$NICUPDATE" -c "$work/plain.conf" >/dev/null 2>&1 || true	# prime the state (untimed)
		sent=$(count /nic/update "$work/prov.log")
		asked=$(count /dns-query "$work/$proto.log")
		rm -f "$work"/m.*
		for i in $(seq "$RUNS"); do
			for mode in plain verify0 verify; do
				"$work/measure" -t 60 -o "$work/m.$mode.$i" -- \
				    "$NICUPDATE" -c "$work/$mode.conf" >/dev/null
			done
		done
		plain=$(cat "$work"/m.plain.* | awk '{ print $1 }' | median)
		verify=$(cat "$work"/m.verify.* | awk '{ print $1 }' | median)
		verify0=$(cat "$work"/m.verify0.* | awk '{ print $1 }' | median)
		updates=$(($(count /nic/update "$work/prov.log") - sent))
		questions=$(($(count /dns-query "$work/$proto.log") - asked))
		awk -v p="$plain" -v v="$verify" -v v0="$verify0" -v l="$LAT_MS" -v runs="$RUNS" \
		    -v h="$n" -v s="$SLACK_MS" -v u="$updates" -v q="$questions" -v proto="$proto" 'BEGIN {
			d = (v - p) / 1000
			w = (v - v0) / 1000	# what the latency added
			ok = w <= l + s && u == 0 && q == runs * h
			printf "  %-5s %5d %7.1f ms %9.1f ms %7.1f ms %7.1f ms %6.2f %s", proto, h,
			    p / 1000, v0 / 1000, v / 1000, d, (l > 0 ? w / l : 0), ok ? "met" : "NOT MET"
			if (u != 0 || q != runs * h)
				printf " (updates %d, expected 0; questions %d, expected %d)", u, q, runs * h
			printf "\n"
			exit !ok
		}' || fail=1
	done
done
if ((fail)); then
	echo "  NOT MET: verify = doh added more than one round trip (+ $SLACK_MS ms), or sent or asked amiss"
	exit 1
fi
echo "  met: at most one round trip added for every N, no update sent, one question per host and run"

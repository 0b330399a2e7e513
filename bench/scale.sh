#!/bin/sh
# Scale: one profile of SCALE_HOSTS hosts (default 100000) on one line, all
# up to date in the state file, so a run with --ip sends nothing: its cost
# is reading the config and the state and deciding each host. Prints wall
# time and peak RSS from GNU time; then a --check-config of SCALE_PROFILES
# profiles (default 100000). Run from a built tree:
#   bench/scale.sh              (SCALE_HOSTS=40000 bench/scale.sh, ...)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=$top/src/nicupdate
n=${SCALE_HOSTS:-100000}
ip=81.2.69.160
die() { echo "bench/scale.sh: $*" >&2; exit 2; }

[ -x "$bin" ] || die "build first (make): $bin is missing"
[ -f "$top/src/libnicupdate.a" ] || die "build first (make): src/libnicupdate.a is missing"
[ -x /usr/bin/time ] || die "needs GNU time (/usr/bin/time)"
dir=$(mktemp -d "${TMPDIR:-/tmp}/nicupdate-scale.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

cc -O2 -I"$top/src" -I"$top" -o "$dir/prime" "$here/scaleprime.c" \
	"$top/src/libnicupdate.a" $(pkg-config --libs libcurl inih libcrypto) ||
	die "building bench/scaleprime.c failed"
awk -v n="$n" 'BEGIN {
	printf "[big]\nprotocol = dyndns2\nserver = 127.0.0.1:9\nlogin = u\n"
	printf "password = p\nusev6 = disabled\nhosts = "
	for (i = 0; i < n; i++) printf "%sh%d.example.com", i ? "," : "", i
	printf "\n"
}' >"$dir/conf"
chmod 600 "$dir/conf"
"$dir/prime" "$dir/conf" "$ip" >"$dir/state" || die "priming the state failed"
chmod 600 "$dir/state"

rc=0
/usr/bin/time -v "$bin" --ip "$ip" -c "$dir/conf" --cache "$dir/state" \
	>/dev/null 2>"$dir/err" || rc=$?
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/err")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/err")
grep -v '^	' "$dir/err" | grep -v '^Command' | head -5 >&2 || true
echo "hosts=$n exit=$rc wall=$wall maxrss=${rss}kB"

# --check-config of SCALE_PROFILES profiles (default 100000), one host each
np=${SCALE_PROFILES:-100000}
awk -v n="$np" 'BEGIN {
	printf "[global]\nprotocol = dyndns2\nserver = 127.0.0.1:9\nlogin = u\n"
	printf "password = p\nusev4 = ipv4\nipv4 = %s\n", "81.2.69.160"
	for (i = 0; i < n; i++) printf "[p%d]\nhosts = h%d.example.com\n", i, i
}' >"$dir/profiles"
chmod 600 "$dir/profiles"
rc=0
/usr/bin/time -v "$bin" --check-config -c "$dir/profiles" >/dev/null 2>"$dir/err" || rc=$?
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/err")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/err")
echo "check-config profiles=$np exit=$rc wall=$wall maxrss=${rss}kB"

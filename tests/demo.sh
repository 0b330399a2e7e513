#!/bin/sh
# A full update cycle against the bundled loopback demo provider: it plays
# both the address echo service and a dyndns2 DNS host, on 127.0.0.1 only.
set -eu
bin=${1:-src/nicupdate}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

cat >"$work/provider.json" <<JSON
{"users": {"demo": "demo-password"}, "hosts": ["nas.example.com", "cam.example.com"],
 "routes": {"/ip": {"body": "81.2.69.160\n"}}}
JSON
"${PYTHON3:-python3}" "$here/fakeprovider.py" --config "$work/provider.json" --log "$work/requests.log" \
	>"$work/port" 2>/dev/null </dev/null &
pid=$!
i=0
while ! grep -q PORT "$work/port" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "demo provider did not start" >&2; exit 1; }
	sleep 0.05
done
port=$(awk '{print $2}' "$work/port")

cat >"$work/nicupdate.conf" <<CONF
[global]
cache = $work/nicupdate.cache

[home]
protocol = dyndns2
server = http://127.0.0.1:$port
login = demo
password = demo-password
hosts = nas.example.com, cam.example.com
webv4 = http://127.0.0.1:$port/ip
CONF
chmod 600 "$work/nicupdate.conf"

step() {
	printf '\n$ %s\n' "$*"
	rc=0
	"$@" || rc=$?
	echo "(exit $rc)"
}
echo "Demo provider on 127.0.0.1:$port; config:"
sed 's/^password = .*/password = (hidden)/' "$work/nicupdate.conf"
step "$bin" -c "$work/nicupdate.conf" -v
step "$bin" -c "$work/nicupdate.conf" -v
step "$bin" -c "$work/nicupdate.conf" --status
printf '\nWhat the provider received (the second run only asked for the address):\n'
cut -f1,2,4 "$work/requests.log"

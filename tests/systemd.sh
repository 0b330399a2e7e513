#!/bin/sh
# The documented systemd set-up works as written: examples/nicupdate.service
# is run the way systemd runs it, as an unprivileged user (uid 65534 standing
# in for DynamicUser=) that cannot read the root-only /etc/nicupdate.conf of
# the README, against the loopback fake provider.
#
# Every /etc/ path of the unit is moved under a temporary directory. Each
# LoadCredential=ID:PATH is copied as systemd copies it, to
# $CREDENTIALS_DIRECTORY/ID with mode 0400, in both of its ways: root's with
# an ACL entry letting the unit's user read (on tmpfs; needs setfacl, else
# that way is skipped and said so) and owned by that user (ramfs). ExecStart=
# is taken from the unit, ${CREDENTIALS_DIRECTORY} expanded, and run with
# CACHE_DIRECTORY set to a directory of that user (CacheDirectory=).
# Needs root (to switch users) and setpriv: skipped (exit 77) otherwise.
set -eu
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root to run the unit as uid 65534"
command -v setpriv >/dev/null || skip "setpriv not found"
uid=65534

work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT HUP INT TERM
chmod 755 "$work"
mkdir -m 755 "$work/bin" "$work/etc"
# the built binary, where uid 65534 can surely reach it
cp "$NICUPDATE_BIN" "$work/bin/nicupdate"
chmod 755 "$work/bin/nicupdate"
sed -e "s|@bindir@|$work/bin|g" -e "s|/etc/|$work/etc/|g" \
	"$EXAMPLES/nicupdate.service.in" >"$work/nicupdate.service"

cat >"$work/provider.json" <<JSON
{"users": {"ddns_user": "the-ddns-password"}, "hosts": ["nas.example.com"],
 "routes": {"/ip": {"body": "81.2.69.160\n"}}}
JSON
mkfifo "$work/ready"
"${PYTHON3:-python3}" "$FAKEPROVIDER" --config "$work/provider.json" \
	--log "$work/requests.log" >"$work/ready" </dev/null &
pid=$!
read -r word port <"$work/ready" || true
[ "${word:-}" = PORT ] || { echo "FAIL: the fake provider did not start"; exit 1; }

# /etc/nicupdate.conf as the README says to write it: root's, mode 0600,
# the password inline
(umask 077; cat >"$work/etc/nicupdate.conf" <<CONF
[home]
protocol = dyndns2
server = http://127.0.0.1:$port
login = ddns_user
password = the-ddns-password
hosts = nas.example.com
webv4 = http://127.0.0.1:$port/ip
CONF
)

sed -n 's/^LoadCredential=//p' "$work/nicupdate.service" >"$work/creds.list"
[ -s "$work/creds.list" ] || { echo "FAIL: the unit loads no credential"; exit 1; }
mkdir -m 755 "$work/credentials" "$work/cache"
creds=$work/credentials/nicupdate.service

# credentials WAY: what systemd does before ExecStart=, a fresh state too
credentials() {
	rm -rf "$creds" "$work/cache/nicupdate"
	mkdir -m 500 "$creds"
	mkdir -m 700 "$work/cache/nicupdate"
	while IFS=: read -r id src; do
		[ -f "$src" ] || {
			echo "FAIL: LoadCredential=$id:$src: no such file (systemd would not start the unit)"
			exit 1
		}
		cp "$src" "$creds/$id"
		chmod 400 "$creds/$id"
		if [ "$1" = acl ]; then
			setfacl -m "u:$uid:r" "$creds/$id"
		else
			chown "$uid:$uid" "$creds/$id"
		fi
	done <"$work/creds.list"
	[ "$1" = acl ] && setfacl -m "u:$uid:rx" "$creds" || chown "$uid:$uid" "$creds"
	chown "$uid:$uid" "$work/cache/nicupdate"
}
cache=$work/cache/nicupdate

exec_start=$(sed -n 's/^ExecStart=//p' "$work/nicupdate.service")
[ -n "$exec_start" ] || { echo "FAIL: no ExecStart="; exit 1; }
exec_start=$(printf '%s\n' "$exec_start" | sed "s|\${CREDENTIALS_DIRECTORY}|$creds|g")
case $exec_start in
*'$'*) echo "FAIL: ExecStart=$exec_start: a variable this test does not set"; exit 1 ;;
esac

# run_unit OUT: run ExecStart= as the unit's user, as systemd would
run_unit() {
	rc=0
	# word splitting of ExecStart= is intended: it holds no quotes
	# shellcheck disable=SC2086
	env -i PATH=/usr/bin:/bin CREDENTIALS_DIRECTORY="$creds" CACHE_DIRECTORY="$cache" \
		setpriv --reuid=$uid --regid=$uid --clear-groups -- $exec_start \
		>"$work/$1.out" 2>"$work/$1.err" </dev/null || rc=$?
	sed "s|^|$1: |" "$work/$1.out" "$work/$1.err"
	[ "$rc" -eq 0 ] || { echo "FAIL: $exec_start as uid $uid: exit $rc"; exit 1; }
}

echo "ExecStart=$exec_start"
sent=0
for way in acl owner; do
	if [ $way = acl ] && ! command -v setfacl >/dev/null; then
		echo "SKIP: credentials readable through an ACL: setfacl not found"
		continue
	fi
	echo "credentials given to uid $uid by $way:"
	credentials $way
	run_unit first
	grep -q 'nas.example.com' "$work/first.out" "$work/first.err" ||
		{ echo "FAIL: first run: no update reported"; exit 1; }
	sent=$((sent + 1))
	[ "$(grep -c '/nic/update' "$work/requests.log")" -eq $sent ] ||
		{ echo "FAIL: first run: want one update request"; cat "$work/requests.log"; exit 1; }
	[ "$(stat -c %u "$cache/nicupdate.cache")" -eq $uid ] ||
		{ echo "FAIL: the state is not in CACHE_DIRECTORY, owned by uid $uid"; exit 1; }
	# the second run knows from its state that nothing changed
	run_unit second
	[ "$(grep -c '/nic/update' "$work/requests.log")" -eq $sent ] ||
		{ echo "FAIL: second run sent an update again"; exit 1; }
	if grep -q 'the-ddns-password' "$work/first.out" "$work/first.err" \
		"$work/second.out" "$work/second.err"; then
		echo "FAIL: the password was printed"
		exit 1
	fi
done
echo "nicupdate.service: ran as uid $uid from its credentials, state in CACHE_DIRECTORY"

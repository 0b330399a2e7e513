#!/bin/sh
# Record what ddclient 4.0.0 sends for each tests/ddclient/v4/NAME.conf into
# NAME.req: tests/check_ddcorpus runs that ddclient instead of nicupdate
# against the loopback fake provider, in a network namespace of its own
# (unshare -rn) so that nothing can leave the machine.
# Usage, from a configured build tree: tests/ddclient/v4/record.sh DDCLIENT.IN
# where DDCLIENT.IN is ddclient.in of ddclient's v4.0.0 tag (perl and curl needed).
set -eu

[ $# -eq 1 ] || { echo "usage: $0 PATH/TO/ddclient.in (ddclient v4.0.0)" >&2; exit 2; }
in=$1
grep -q "version->declare('v4\.0\.0" "$in" ||
	{ echo "$in: not ddclient 4.0.0" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT HUP INT TERM
sed -e 's|@CURL@|curl|' -e 's|@confdir@|/etc/ddclient|' \
	-e 's|@localstatedir@|/var|' "$in" >"$work/ddclient"
DDCLIENT4=$work/ddclient
# ddclient takes a second or more per file: more than the suite allows
CK_TIMEOUT_MULTIPLIER=20
export CK_TIMEOUT_MULTIPLIER
export DDCLIENT4
unshare -rn sh -c 'ip link set lo up 2>/dev/null; exec make check TESTS=tests/check_ddcorpus'
echo "recorded; see tests/check_ddcorpus.log"

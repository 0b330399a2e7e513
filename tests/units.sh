#!/bin/sh
# The systemd units pass systemd-analyze verify (ExecStart pointed at the
# built binary, the man pages they name found in this tree).
set -eu
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze not found"; exit 77; }
dir=$TEST_TMPDIR/units.$$
mkdir -p "$dir/man/man1" "$dir/man/man5"
trap 'rm -rf "$dir"' EXIT
cp "$MANDIR/nicupdate.1" "$dir/man/man1/"
cp "$MANDIR/nicupdate.conf.5" "$dir/man/man5/"
sed "s|@bindir@|$(dirname "$NICUPDATE_BIN")|" "$EXAMPLES/nicupdate.service.in" >"$dir/nicupdate.service"
cp "$EXAMPLES/nicupdate.timer" "$dir/"
cd "$dir"
out=$(MANPATH=$dir/man systemd-analyze verify ./nicupdate.service ./nicupdate.timer 2>&1) || {
	echo "$out"
	exit 1
}
[ -z "$out" ] || { echo "$out"; exit 1; }
echo "systemd-analyze verify: nicupdate.service nicupdate.timer clean"

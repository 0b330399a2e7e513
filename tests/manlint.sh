#!/bin/sh
# The man pages are part of the interface: they must lint clean.
out=$(mandoc -Tlint -W warning "$MANDIR/nicupdate.1" "$MANDIR/nicupdate.conf.5" 2>&1)
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
echo "mandoc -Tlint: nicupdate.1 nicupdate.conf.5 clean"

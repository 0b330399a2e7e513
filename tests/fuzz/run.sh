#!/bin/sh
# Build every libFuzzer target with clang (ASan+UBSan) and run each for
# FUZZ_SECONDS (default 20), starting from its seed corpus in corpus/NAME.
# Prints executions per target. Usage: tests/fuzz/run.sh [SECONDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-${FUZZ_SECONDS:-20}}
out=${FUZZ_OUT:-$top/tests/tmp/fuzz}
mkdir -p "$out"
cc=${CLANG:-clang}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
-DPACKAGE_VERSION=\"fuzz\" -DPACKAGE_NAME=\"nicupdate\" -DINIH_VERSION=\"fuzz\" \
-D_GNU_SOURCE -I$top/src $(pkg-config --cflags libcurl inih libcrypto)"
libs="$(pkg-config --libs libcurl inih libcrypto)"
srcs=""
for f in "$top"/src/*.c; do
	case $f in */main.c) ;; *) srcs="$srcs $f" ;; esac
done
status=0
for t in "$here"/fuzz_*.c; do
	name=$(basename "$t" .c)
	# shellcheck disable=SC2086
	$cc $flags -o "$out/$name" "$t" $srcs $libs
	mkdir -p "$out/corpus-$name"
	seeds="$here/corpus/${name#fuzz_}"
	log="$out/$name.log"
	# shellcheck disable=SC2086
	if "$out/$name" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	    -artifact_prefix="$out/$name-" \
	    -rss_limit_mb=2048 "$out/corpus-$name" $( [ -d "$seeds" ] && echo "$seeds" ) \
	    >"$log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$log" | awk '{print $2}')
		echo "fuzz $name: ${runs:-?} executions in ${secs}s, no crash"
	else
		echo "fuzz $name: FAILED"
		tail -40 "$log"
		status=1
	fi
done
exit $status

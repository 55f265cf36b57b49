#!/bin/sh
# Usage: large_write_log.sh QUIVER SCRATCH. Runs a statement that writes 150,000 nodes through
# `quiver -c` and checks that standard output holds only the results and standard error the
# progress and summary lines of the write.
set -eu
quiver=$1
scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"

"$quiver" "$scratch/db" --format csv \
  -c 'UNWIND range(1, 150000) AS x CREATE (:N {x: x})' \
  -c 'MATCH (n:N) RETURN count(n) AS c' >"$scratch/out" 2>"$scratch/err"

tail -n 2 "$scratch/out" | tr -d '\r' >"$scratch/count"
printf 'c\n150000\n' | cmp -s - "$scratch/count" ||
  { echo "unexpected output:"; cat "$scratch/out"; exit 1; }
if grep -q 'large write' "$scratch/out"; then echo "log lines on standard output"; exit 1; fi
grep -q 'large write: ' "$scratch/err" || { echo "no progress line:"; cat "$scratch/err"; exit 1; }
grep -q 'large write committed: 450000 changes' "$scratch/err" ||
  { echo "no summary line:"; cat "$scratch/err"; exit 1; }
rm -rf "$scratch"

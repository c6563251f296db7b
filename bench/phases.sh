#!/usr/bin/env bash
# Benchmark: check and plan on generated scenarios of N phases (bench/gen_phases.py), to show how
# time grows with the number of phases (it should grow linearly). BIN=path times another binary
# (e.g. .build/debug/orcha-cost, or an older build) instead of building the release binary.
# usage: bench/phases.sh [N...]        (default: 2500 5000 10000)
set -euo pipefail
if [ -n "${BIN:-}" ]; then
  cd "$(dirname "$0")/.."
  OUT=bench/out
  mkdir -p "$OUT"
  machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"; }
else
  source "$(dirname "$0")/common.sh"
fi
CATALOG="$OUT/phases-catalog.sqlite"
"$BIN" catalog list --catalog "$CATALOG" >/dev/null
machine
echo "binary: $BIN"
# CPU seconds (user + system), which the other processes of a shared machine change far less than
# the wall-clock time.
echo "| phases | check s | plan s | plan --format csv s | finance --months 1200 s | peak RSS (plan csv) |"
echo "|---|---|---|---|---|---|"
for n in "${@:-2500 5000 10000}"; do
  for m in $n; do
    f="$OUT/phases-$m.yaml"
    python3 bench/gen_phases.py "$m" >"$f"
    t() {
      /usr/bin/time -f "%U %S %M" -o "$OUT/time.txt" "$BIN" "$@" --catalog "$CATALOG" >/dev/null 2>"$OUT/stderr.txt" ||
        { cat "$OUT/stderr.txt" >&2; exit 1; }
      awk '{ printf "%.2f %d", $1 + $2, $3 }' "$OUT/time.txt"
    }
    c=$(t check "$f"); p=$(t plan "$f"); v=$(t plan "$f" --format csv); fi=$(t finance "$f" --months 1200)
    echo "| $m | ${c% *} | ${p% *} | ${v% *} | ${fi% *} | $(( ${v#* } / 1024 )) MB |"
  done
done

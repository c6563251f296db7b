#!/usr/bin/env bash
# Benchmark: a year of 1-minute datapoints for 20 metrics (about 10.5 M points, 440 MB of
# timestamp,metric,value CSV) read and every trigger of scenarios/quoting-app.yaml evaluated by
# `orcha-cost triggers`, beside `sqlite3 .import` of the same CSV, in the same run. Target: under
# 5 s in total and faster than sqlite3 .import. Reports the median of RUNS and peak RSS.
#
# usage: bench/triggers.sh [DAYS] [RUNS]        (defaults: 365 days, 3 runs)
set -euo pipefail
source "$(dirname "$0")/common.sh"
DAYS=${1:-365}
RUNS=${2:-3}
need_sqlite3
FILE="$OUT/metrics-$DAYS.csv"
[ -f "$FILE" ] || python3 bench/gen_metrics.py "$FILE" "$DAYS"
POINTS=$(( $(wc -l < "$FILE") - 1 ))
BYTES=$(stat -c %s "$FILE")
"$BIN" catalog list --catalog "$OUT/triggers-catalog.sqlite" >/dev/null   # the catalog is built once, outside the timing

orcha() { timed "$BIN" triggers scenarios/quoting-app.yaml --metrics "$FILE" --catalog "$OUT/triggers-catalog.sqlite"; }
sqlite_import() { rm -f "$OUT/metrics.db"; timed sqlite3 "$OUT/metrics.db" ".import --csv $FILE metrics"; }

declare -A SECS RSS
for tool in orcha sqlite_import; do
  : > "$OUT/$tool-metrics.runs"
  for _ in $(seq "$RUNS"); do $tool >> "$OUT/$tool-metrics.runs"; done
  SECS[$tool]=$(cut -d' ' -f1 "$OUT/$tool-metrics.runs" | median)
  RSS[$tool]=$(cut -d' ' -f2 "$OUT/$tool-metrics.runs" | sort -n | tail -1)
done
rm -f "$OUT/metrics.db"

machine
echo "file: $FILE, $(( BYTES / 1000000 )) MB, $POINTS datapoints, median of $RUNS runs (all runs: orcha $(cut -d' ' -f1 "$OUT/orcha-metrics.runs" | tr '\n' ' '))"
echo
echo "| tool | seconds | datapoints/s | peak RSS | vs sqlite3 .import |"
echo "|---|---|---|---|---|"
for tool in orcha sqlite_import; do
  name="orcha-cost triggers (read + evaluate all quoting-app triggers)"; [ $tool = sqlite_import ] && name="sqlite3 .import (read only)"
  awk -v n="$name" -v s="${SECS[$tool]}" -v p="$POINTS" -v m="${RSS[$tool]}" -v base="${SECS[sqlite_import]}" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.0f MB | %.2fx |\n", n, s, p/s, m/1024, base/s }'
done

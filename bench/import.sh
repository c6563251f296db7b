#!/usr/bin/env bash
# Benchmark: `orcha-cost catalog import` beside `sqlite3 .import` and Python csv+executemany on
# the same generated AWS-format price list, in the same run. Reports wall time (median of
# RUNS), MB/s, rows/s, peak RSS and the catalog size; then peak RSS at a second, smaller size to
# show memory does not grow with the file.
#
# usage: bench/import.sh [MB] [RUNS]        (defaults: 150 MB, 3 runs)
set -euo pipefail
source "$(dirname "$0")/common.sh"
MB=${1:-150}
RUNS=${2:-3}
need_sqlite3

gen() { [ -f "$OUT/pl-$1.csv" ] || python3 bench/gen_price_list.py "$OUT/pl-$1.csv" --mb "$1"; }
gen "$MB"
SMALL=$(( MB / 3 ))
gen "$SMALL"
FILE="$OUT/pl-$MB.csv"
BYTES=$(stat -c %s "$FILE")
ROWS=$(( $(wc -l < "$FILE") - 6 ))

orcha() {  # file -> "seconds rss"
  rm -f "$OUT/catalog.sqlite"*
  "$BIN" catalog list --catalog "$OUT/catalog.sqlite" >/dev/null   # sheets loaded first: time the import only
  timed "$BIN" catalog import --quiet --catalog "$OUT/catalog.sqlite" "$1"
}
sqlite_import() { rm -f "$OUT/sqlite3.db"; timed sqlite3 "$OUT/sqlite3.db" ".import --csv --skip 5 $1 prices"; }
python_import() { rm -f "$OUT/python.db"; timed python3 bench/py_import.py "$1" "$OUT/python.db"; }


declare -A SECS RSS
for tool in orcha sqlite_import python_import; do
  : > "$OUT/$tool.runs"
  for _ in $(seq "$RUNS"); do $tool "$FILE" >> "$OUT/$tool.runs"; done
  SECS[$tool]=$(cut -d' ' -f1 "$OUT/$tool.runs" | median)
  RSS[$tool]=$(cut -d' ' -f2 "$OUT/$tool.runs" | sort -n | tail -1)
done
SMALL_RSS=$(orcha "$OUT/pl-$SMALL.csv" | cut -d' ' -f2)
orcha "$FILE" >/dev/null
CATALOG_MB=$(du -m "$OUT/catalog.sqlite" | cut -f1)

machine
echo "file: $FILE, $(( BYTES / 1000000 )) MB, $ROWS price rows, median of $RUNS runs"
echo
echo "| tool | seconds | MB/s | rows/s | peak RSS | vs sqlite3 .import |"
echo "|---|---|---|---|---|---|"
for tool in orcha sqlite_import python_import; do
  s=${SECS[$tool]}
  name=$tool; [ $tool = orcha ] && name="orcha-cost catalog import"; [ $tool = sqlite_import ] && name="sqlite3 .import"; [ $tool = python_import ] && name="python csv + executemany"
  awk -v n="$name" -v s="$s" -v b="$BYTES" -v r="$ROWS" -v m="${RSS[$tool]}" -v base="${SECS[sqlite_import]}" \
    'BEGIN { printf "| %s | %.2f | %.1f | %.0f | %.1f MB | %.2fx |\n", n, s, b/1e6/s, r/s, m/1024, base/s }'
done
echo
echo "orcha-cost peak RSS: $(( SMALL_RSS / 1024 )) MB at $SMALL MB, $(( ${RSS[orcha]} / 1024 )) MB at $MB MB; catalog on disk: $CATALOG_MB MB"

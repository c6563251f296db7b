#!/usr/bin/env bash
# Benchmark: `orcha-cost catalog import` beside `sqlite3 .import` and Python csv+executemany on
# the same generated AWS-format price list, in the same run, at both ends of product cardinality:
# one product per row (AWS's big offer files: random 16-character SKUs, most with one or two rows)
# and one product per ten rows. Reports wall time (median of RUNS, the tools alternating run by
# run), MB/s, rows/s, peak RSS and the ratio to sqlite3 .import; then peak RSS at a third of the
# size to show memory does not grow with the file, and the catalog's size.
#
# usage: bench/import.sh [MB] [RUNS]        (defaults: 150 MB, 3 runs)
#   OLD_BIN=path/to/an/older/orcha-cost bench/import.sh   also times that binary's import in the
#   same rotation, to measure a change in the same run.
set -euo pipefail
source "$(dirname "$0")/common.sh"
MB=${1:-150}
RUNS=${2:-3}
need_sqlite3

gen() {  # MB rows-per-product -> file
  local f="$OUT/pl-$1-rpp$2.csv"
  [ -f "$f" ] || python3 bench/gen_price_list.py "$f" --mb "$1" --rows-per-product "$2" >&2
  echo "$f"
}

orcha_with() {  # binary file -> "seconds rss"
  rm -f "$OUT/catalog.sqlite"*
  "$1" catalog list --catalog "$OUT/catalog.sqlite" >/dev/null   # sheets loaded first: time the import only
  timed "$1" catalog import --quiet --catalog "$OUT/catalog.sqlite" "$2"
}
orcha() { orcha_with "$BIN" "$1"; }
old_orcha() { orcha_with "$OLD_BIN" "$1"; }
sqlite_import() { rm -f "$OUT/sqlite3.db"; timed sqlite3 "$OUT/sqlite3.db" ".import --csv --skip 5 $1 prices"; }
python_import() { rm -f "$OUT/python.db"; timed python3 bench/py_import.py "$1" "$OUT/python.db"; }

TOOLS="orcha sqlite_import python_import"
[ -n "${OLD_BIN:-}" ] && TOOLS="orcha old_orcha sqlite_import python_import"
declare -A NAME=([orcha]="orcha-cost catalog import" [old_orcha]="older orcha-cost ($OLD_BIN)"
  [sqlite_import]="sqlite3 .import" [python_import]="python csv + executemany")

machine
echo "commands: python3 bench/gen_price_list.py FILE --mb $MB --rows-per-product N;" \
  "orcha-cost catalog import --quiet --catalog C FILE (C holds the sheets already);" \
  "sqlite3 DB \".import --csv --skip 5 FILE prices\"; python3 bench/py_import.py FILE DB"
for RPP in 1 10; do
  FILE=$(gen "$MB" "$RPP")
  BYTES=$(stat -L -c %s "$FILE")
  ROWS=$(( $(wc -l < "$FILE") - 6 ))
  PRODUCTS=$(tail -n +7 "$FILE" | cut -d, -f1 | uniq | wc -l)
  declare -A SECS RSS
  for tool in $TOOLS; do : > "$OUT/$tool.runs"; done
  for _ in $(seq "$RUNS"); do
    for tool in $TOOLS; do $tool "$FILE" >> "$OUT/$tool.runs"; done
  done
  for tool in $TOOLS; do
    SECS[$tool]=$(cut -d' ' -f1 "$OUT/$tool.runs" | median)
    RSS[$tool]=$(cut -d' ' -f2 "$OUT/$tool.runs" | sort -n | tail -1)
  done
  echo
  echo "file: $FILE, $(( BYTES / 1000000 )) MB, $ROWS price rows, $PRODUCTS products ($RPP row(s) per product), median of $RUNS runs"
  echo
  echo "| tool | seconds | MB/s | rows/s | peak RSS | vs sqlite3 .import |"
  echo "|---|---|---|---|---|---|"
  for tool in $TOOLS; do
    awk -v n="${NAME[$tool]}" -v s="${SECS[$tool]}" -v b="$BYTES" -v r="$ROWS" -v m="${RSS[$tool]}" -v base="${SECS[sqlite_import]}" \
      'BEGIN { printf "| %s | %.2f | %.1f | %.0f | %.1f MB | %.2fx |\n", n, s, b/1e6/s, r/s, m/1024, base/s }'
  done
  orcha "$FILE" >/dev/null
  echo
  echo "catalog on disk after the import: $(du -m "$OUT/catalog.sqlite" | cut -f1) MB (sheets included)"
done
SMALL=$(( MB / 3 ))
SMALL_RSS=$(orcha "$(gen "$SMALL" 1)" | cut -d' ' -f2)
echo
echo "orcha-cost peak RSS at one product per row: $(( SMALL_RSS / 1024 )) MB at $SMALL MB"

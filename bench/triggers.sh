#!/usr/bin/env bash
# Benchmark: a year of 1-minute datapoints for 20 metrics (about 10.5 M points, 440 MB of
# timestamp,metric,value CSV) imported into the data store by `orcha-cost metrics import`, then
# every trigger of scenarios/quoting-app.yaml evaluated from the store by `orcha-cost triggers`,
# beside `sqlite3 .import` of the same CSV, in the same run. Also reading the CSV directly
# (`triggers --metrics FILE`). Targets: import at least as fast as sqlite3 .import; import plus
# evaluation under 5 s. Reports the median of RUNS, peak RSS and the store's size.
#
# usage: bench/triggers.sh [DAYS] [RUNS]        (defaults: 365 days, 3 runs)
#   OLD_BIN=path/to/an/older/orcha-cost bench/triggers.sh   also times that binary's import,
#   alternating with this one's, to measure a change in the same run.
set -euo pipefail
source "$(dirname "$0")/common.sh"
DAYS=${1:-365}
RUNS=${2:-3}
need_sqlite3
FILE="$OUT/metrics-$DAYS.csv"
[ -f "$FILE" ] || python3 bench/gen_metrics.py "$FILE" "$DAYS"
POINTS=$(( $(wc -l < "$FILE") - 1 ))
BYTES=$(stat -c %s "$FILE")
CATALOG="$OUT/triggers-catalog.sqlite"
STORE="$OUT/triggers-data.sqlite"
"$BIN" catalog list --catalog "$CATALOG" >/dev/null   # the catalog is built once, outside the timing

store_import() { rm -f "$STORE" "$STORE-wal" "$STORE-shm"; timed "$BIN" metrics import "$FILE" --data "$STORE"; }
store_triggers() { timed "$BIN" triggers scenarios/quoting-app.yaml --data "$STORE" --catalog "$CATALOG"; }
file_triggers() { timed "$BIN" triggers scenarios/quoting-app.yaml --metrics "$FILE" --catalog "$CATALOG"; }
old_import() { rm -f "$STORE" "$STORE-wal" "$STORE-shm"; timed "$OLD_BIN" metrics import "$FILE" --data "$STORE"; }
sqlite_import() { rm -f "$OUT/metrics.db"; timed sqlite3 "$OUT/metrics.db" ".import --csv $FILE metrics"; }

# The evaluations must agree: the store gives the same answers as the file.
"$BIN" metrics import "$FILE" --data "$OUT/check.sqlite" >/dev/null
cmp <("$BIN" triggers scenarios/quoting-app.yaml --data "$OUT/check.sqlite" --catalog "$CATALOG" --format json) \
    <("$BIN" triggers scenarios/quoting-app.yaml --metrics "$FILE" --catalog "$CATALOG" --format json) \
  || { echo "bench: triggers from the store differ from triggers on the file" >&2; exit 1; }
rm -f "$OUT/check.sqlite"*

declare -A SECS RSS
TOOLS="store_import store_triggers file_triggers sqlite_import"
ALTERNATE="store_import store_triggers"
if [ -n "${OLD_BIN:-}" ]; then TOOLS="$TOOLS old_import"; ALTERNATE="old_import $ALTERNATE"; fi
for _ in $(seq "$RUNS"); do
  for tool in $ALTERNATE; do $tool >> "$OUT/$tool.runs.new"; done
done
for tool in file_triggers sqlite_import; do
  for _ in $(seq "$RUNS"); do $tool >> "$OUT/$tool.runs.new"; done
done
for tool in $TOOLS; do
  mv "$OUT/$tool.runs.new" "$OUT/$tool.runs"
  SECS[$tool]=$(cut -d' ' -f1 "$OUT/$tool.runs" | median)
  RSS[$tool]=$(cut -d' ' -f2 "$OUT/$tool.runs" | sort -n | tail -1)
done
STORE_MB=$(( $(stat -c %s "$STORE") / 1000000 ))
SQLITE_MB=$(( $(stat -c %s "$OUT/metrics.db") / 1000000 ))
rm -f "$OUT/metrics.db"

machine
echo "file: $FILE, $(( BYTES / 1000000 )) MB, $POINTS datapoints, median of $RUNS runs; data store $STORE_MB MB, sqlite3 .import table $SQLITE_MB MB"
for tool in $TOOLS; do echo "runs $tool: $(cut -d' ' -f1 "$OUT/$tool.runs" | tr '\n' ' ')"; done
echo
echo "| step | seconds | datapoints/s | peak RSS | vs sqlite3 .import |"
echo "|---|---|---|---|---|"
row() {
  awk -v n="$1" -v s="$2" -v p="$POINTS" -v m="$3" -v base="${SECS[sqlite_import]}" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.0f MB | %.2fx |\n", n, s, p/s, m/1024, base/s }'
}
row "orcha-cost metrics import (into the data store)" "${SECS[store_import]}" "${RSS[store_import]}"
row "orcha-cost triggers (all quoting-app triggers, from the store)" "${SECS[store_triggers]}" "${RSS[store_triggers]}"
TOTAL=$(awk -v a="${SECS[store_import]}" -v b="${SECS[store_triggers]}" 'BEGIN { print a + b }')
row "import + triggers" "$TOTAL" "$(( RSS[store_import] > RSS[store_triggers] ? RSS[store_import] : RSS[store_triggers] ))"
row "orcha-cost triggers --metrics FILE (read the CSV, no store)" "${SECS[file_triggers]}" "${RSS[file_triggers]}"
row "sqlite3 .import (read only)" "${SECS[sqlite_import]}" "${RSS[sqlite_import]}"
if [ -n "${OLD_BIN:-}" ]; then row "$OLD_BIN metrics import (older binary, alternating)" "${SECS[old_import]}" "${RSS[old_import]}"; fi

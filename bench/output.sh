#!/usr/bin/env bash
# Benchmark: how fast orcha-cost writes its big outputs, beside Python's standard library reading
# the same output and writing it again (json.load + json.dump(indent=2); csv.reader + csv.writer),
# in the same run, alternating run by run:
#   - `plan --format json` of a generated roadmap of 1,000 resources in 50 phases
#     (bench/gen_big_scenario.py), and
#   - `finance` (FOCUS CSV) of the Orcha roadmap (scenarios/orcha.yaml) over 1,200 months.
# orcha-cost's time is the whole process (catalog open, YAML, pricing, rendering, writing); both
# write to a file in bench/out. Reports the median of RUNS, MB/s of output and the ratio
# Python seconds / orcha-cost seconds (target: at least 3x). Also times an older binary the same
# way, and checks that its output is byte for byte the same as this one's.
#
# usage: bench/output.sh [RUNS]                      (default: 5)
#   OLD_BIN=path/to/an/older/orcha-cost bench/output.sh   the older binary to compare with;
#   without it, main's HEAD is built (release) in a temporary clone, bench/out/old-src.
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS=${1:-5}
CATALOG="$OUT/output-catalog.sqlite"
"$BIN" catalog list --catalog "$CATALOG" >/dev/null   # the catalog is built once, outside the timing

if [ -z "${OLD_BIN:-}" ]; then
  REV=$(git rev-parse main)
  SRC="$OUT/old-src"
  if [ "$(git -C "$SRC" rev-parse HEAD 2>/dev/null || true)" != "$REV" ]; then
    rm -rf "$SRC"
    git clone -q . "$SRC"
    git -C "$SRC" checkout -q "$REV"
  fi
  (cd "$SRC" && swift build -c release --product orcha-cost >&2)
  OLD_BIN="$SRC/.build/release/orcha-cost"
  OLD_NAME="main ($(git rev-parse --short "$REV"))"
else
  OLD_NAME="$OLD_BIN"
fi

BIG="$OUT/big-1000x50.yaml"
python3 bench/gen_big_scenario.py 1000 50 >"$BIG"
PLAN=(plan "$BIG" --format json --catalog "$CATALOG")
FINANCE=(finance scenarios/orcha.yaml --months 1200 --catalog "$CATALOG")

# to FILE CMD...: one run of CMD with its stdout to FILE; prints "seconds maxrss_kb"
to() {
  local file=$1
  shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >"$file" 2>"$OUT/stderr.txt" || { cat "$OUT/stderr.txt" >&2; exit 1; }
  cat "$OUT/time.txt"
}
new_plan() { to "$OUT/plan.json" "$BIN" "${PLAN[@]}"; }
old_plan() { to "$OUT/plan.old.json" "$OLD_BIN" "${PLAN[@]}"; }
py_plan() { timed python3 bench/py_rewrite.py json "$OUT/plan.json" "$OUT/plan.py.json"; }
new_finance() { to "$OUT/finance.csv" "$BIN" "${FINANCE[@]}"; }
old_finance() { to "$OUT/finance.old.csv" "$OLD_BIN" "${FINANCE[@]}"; }
py_finance() { timed python3 bench/py_rewrite.py csv "$OUT/finance.csv" "$OUT/finance.py.csv"; }

TOOLS="new_plan old_plan py_plan new_finance old_finance py_finance"
for tool in $TOOLS; do : >"$OUT/$tool.runs"; done
new_plan >/dev/null && new_finance >/dev/null   # warm the page cache; Python reads these files
for _ in $(seq "$RUNS"); do
  for tool in $TOOLS; do $tool >>"$OUT/$tool.runs"; done
done
declare -A SECS RSS
for tool in $TOOLS; do
  SECS[$tool]=$(cut -d' ' -f1 "$OUT/$tool.runs" | median)
  RSS[$tool]=$(cut -d' ' -f2 "$OUT/$tool.runs" | sort -n | tail -1)
done
SAME_PLAN=$(cmp -s "$OUT/plan.json" "$OUT/plan.old.json" && echo "identical" || echo "DIFFERENT")
SAME_FINANCE=$(cmp -s "$OUT/finance.csv" "$OUT/finance.old.csv" && echo "identical" || echo "DIFFERENT")
cmp -s "$OUT/finance.csv" "$OUT/finance.py.csv" || echo "note: Python's CSV differs from orcha-cost's" >&2

machine
echo "binaries: this tree's release build ($BIN) and $OLD_NAME; median of $RUNS runs, alternating"
for tool in $TOOLS; do echo "runs $tool: $(cut -d' ' -f1 "$OUT/$tool.runs" | tr '\n' ' ')"; done
table() {  # title file new old python same
  local bytes
  bytes=$(stat -c %s "$2")
  echo
  echo "$1: $(( bytes / 1000000 )) MB; old and new output $6"
  echo
  echo "| writer | seconds | MB/s | peak RSS | vs Python |"
  echo "|---|---|---|---|---|"
  row() {
    awk -v n="$1" -v s="$2" -v b="$bytes" -v m="$3" -v base="${SECS[$5]}" \
      'BEGIN { printf "| %s | %.2f | %.1f | %.0f MB | %.2fx |\n", n, s, b/1e6/s, m/1024, base/s }'
  }
  row "orcha-cost (this tree)" "${SECS[$3]}" "${RSS[$3]}" x "$5"
  row "orcha-cost $OLD_NAME" "${SECS[$4]}" "${RSS[$4]}" x "$5"
  row "Python $7" "${SECS[$5]}" "${RSS[$5]}" x "$5"
}
table "plan --format json, $(basename "$BIG") (1,000 resources, 50 phases)" "$OUT/plan.json" new_plan old_plan py_plan "$SAME_PLAN" \
  "json.load + json.dump(indent=2)"
table "finance scenarios/orcha.yaml --months 1200 (FOCUS CSV)" "$OUT/finance.csv" new_finance old_finance py_finance \
  "$SAME_FINANCE" "csv.reader + csv.writer"

#!/usr/bin/env bash
# Where `plan` spends its instructions beyond a bare start (`--version`), counted by callgrind:
# the counts are the same run after run and whatever else the machine does, unlike wall time.
# usage: bench/plan-instructions.sh [SCENARIO...]   (needs valgrind: apt-get install valgrind)
set -euo pipefail
source "$(dirname "$0")/common.sh"
command -v valgrind >/dev/null || { echo "bench: needs valgrind (apt-get install valgrind)" >&2; exit 69; }
machine
# valgrind cannot read the Swift toolchain's debug info: count on a copy without it (symbols stay).
strip --strip-debug -o "$OUT/orcha-cost.nodebug" "$BIN"
count() { # count NAME ARGS...: total instructions; the profile is kept in $OUT/NAME.cg
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.cg" "$OUT/orcha-cost.nodebug" "$@" >/dev/null 2>"$OUT/$name.log"
  grep -o 'refs: *[0-9,]*' "$OUT/$name.log" | tr -dc 0-9
}
# inclusive NAME PATTERN: the largest inclusive count of functions whose symbol matches PATTERN
inclusive() { callgrind_annotate --inclusive=yes "$OUT/$1.cg" 2>/dev/null | grep -E "$2" | head -n 1 | awk '{gsub(",", "", $1); print $1}'; }
start=$(count version --version)
echo "--version: $start instructions"
echo "| scenario | plan instructions | plan / start | argument parsing | YAML | checks and prices | pricing | table |"
echo "|---|---|---|---|---|---|---|---|"
for scenario in "${@:-scenarios/orcha.yaml scenarios/quoting-app.yaml}"; do
  for s in $scenario; do
    name=plan-$(basename "$s" .yaml)
    total=$(count "$name" plan "$s")
    m() { awk -v a="${1:-0}" 'BEGIN { printf "%.1fM", a / 1e6 }'; }
    echo "| $(basename "$s") | $(m "$total") | $(awk -v a="$total" -v b="$start" 'BEGIN { printf "%.2f", a / b }') |" \
      "$(m "$(inclusive "$name" 'parseAsRoot')") | $(m "$(inclusive "$name" 'ScenarioLoaderV12parsePartial')") |" \
      "$(m "$(inclusive "$name" 'Analysis6EngineV5checkyy')") | $(m "$(inclusive "$name" 'Analysis6EngineV5pricey9CostModel08Scenario')") |" \
      "$(m "$(inclusive "$name" 'PlanRendererO5table')") |"
  done
done

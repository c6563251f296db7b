#!/usr/bin/env bash
# Benchmark: simulation throughput (samples/s) on the Orcha and quoting-app scenarios, as a whole
# process (catalog open, YAML, compile, 10^6 samples, percentiles) beside the same binary's
# `plan` on the same scenario, the baseline of everything but the sampling.
# usage: bench/simulate.sh [SAMPLES] [RUNS]      (defaults: 1000000, 5)
set -euo pipefail
source "$(dirname "$0")/common.sh"
SAMPLES=${1:-1000000}
RUNS=${2:-5}
machine
echo "| scenario | samples | plan s | simulate s | samples/s | peak RSS |"
echo "|---|---|---|---|---|---|"
for s in orcha quoting-app; do
  best_plan=999; best_sim=999; rss=0
  for _ in $(seq "$RUNS"); do
    p=$( { /usr/bin/time -f "%e" "$BIN" plan "scenarios/$s.yaml" >/dev/null; } 2>&1 )
    out=$( { /usr/bin/time -f "%e %M" "$BIN" simulate "scenarios/$s.yaml" --samples "$SAMPLES" >/dev/null; } 2>&1 )
    t=${out% *}; m=${out#* }
    best_plan=$(awk -v a="$best_plan" -v b="$p" 'BEGIN{print (b<a)?b:a}')
    best_sim=$(awk -v a="$best_sim" -v b="$t" 'BEGIN{print (b<a)?b:a}')
    rss=$(( m > rss ? m : rss ))
  done
  awk -v s="$s" -v n="$SAMPLES" -v p="$best_plan" -v t="$best_sim" -v m="$rss" \
    'BEGIN { printf "| %s | %d | %.2f | %.2f | %.0f | %.0f MB |\n", s, n, p, t, n / (t - p > 0 ? t - p : t), m / 1024 }'
done

#!/usr/bin/env bash
# Benchmark: plan on every shipped scenario beside `orcha-cost --version` (see plan_speed.py).
# usage: bench/plan.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product orcha-cost >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
python3 bench/plan_speed.py .build/release/orcha-cost "${1:-40}" scenarios/orcha.yaml scenarios/quoting-app.yaml \
  scenarios/code-refactor.yaml scenarios/media-gpu.yaml

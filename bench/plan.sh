#!/usr/bin/env bash
# Benchmark: plan on every shipped scenario beside `orcha-cost --version` (see plan_speed.py).
# usage: bench/plan.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/common.sh"
machine
python3 bench/plan_speed.py .build/release/orcha-cost "${1:-40}" scenarios/orcha.yaml scenarios/quoting-app.yaml \
  scenarios/code-refactor.yaml scenarios/media-gpu.yaml

#!/usr/bin/env bash
# A longer fuzz run of the price-list importer (random byte mutations of the genuine excerpts):
# every case must import rows or fail with a path:line diagnostic and leave the catalog as it was.
# usage: bench/fuzz.sh [CASES] [SEED]       (defaults: 200000, the date)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests >&2
ORCHA_COST_FUZZ_CASES=${1:-200000} ORCHA_COST_FUZZ_SEED=${2:-$(date +%Y%m%d)} \
  swift test --skip-build --filter FuzzTests

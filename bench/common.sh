# Sourced by the benchmark scripts: from the repository root, installs what is missing, builds the
# release binary and defines the helpers they share.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=bench/out
mkdir -p "$OUT"
scripts/deps.sh
swift build -c release --product orcha-cost >&2
BIN=.build/release/orcha-cost
export ORCHA_COST_PRICING="$PWD/pricing"

# The machine line every result starts with.
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"; }

need_sqlite3() { command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 69; }; }

# timed CMD...: one run; prints "seconds maxrss_kb" (stops the benchmark when CMD fails)
timed() { /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || { cat "$OUT/stderr.txt" >&2; exit 1; }; cat "$OUT/time.txt"; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

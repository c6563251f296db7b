#!/usr/bin/env python3
"""Benchmark: `orcha-cost plan SCENARIO` as a whole process beside the trivial process start of
the same binary (`orcha-cost --version`), runs interleaved so both see the same machine load.
Reports the median wall time of each and the ratio plan / start (target: below 1.5).

usage: plan_speed.py BINARY [RUNS] SCENARIO...
"""
import os
import statistics
import subprocess
import sys
import time

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 40
scenarios = [a for a in sys.argv[2:] if not a.isdigit()]


def once(args):
    t = time.perf_counter()
    subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000


# warm the catalog and the page cache
for s in scenarios:
    once(["plan", s])
print("| scenario | `--version` ms | `plan` ms | plan / start |")
print("|---|---|---|---|")
for s in scenarios:
    start, plan = [], []
    for _ in range(runs):
        start.append(once(["--version"]))
        plan.append(once(["plan", s]))
    a, b = statistics.median(start), statistics.median(plan)
    print(f"| {os.path.basename(s)} | {a:.1f} | {b:.1f} | {b / a:.2f} |")

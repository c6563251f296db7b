#!/usr/bin/env python3
"""Writes a year of 1-minute datapoints for 20 metrics (the quoting-app scenario's 8 plus 12
others) as timestamp,metric,value CSV, each metric oldest first. Deterministic.

usage: gen_metrics.py OUT.csv [DAYS]"""
import datetime
import random
import sys

out = sys.argv[1]
days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
metrics = ["paying_customers", "quotes_created", "critical_bugs", "active_users", "db_cpu_percent",
           "ecs_task_count", "response_ms", "revenue"] + [f"extra_metric_{i:02d}" for i in range(12)]
rng = random.Random(20261126)
start = datetime.datetime(2025, 11, 27, tzinfo=datetime.timezone.utc)
minutes = days * 1440
stamps = [(start + datetime.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ") for m in range(minutes)]
with open(out, "w") as f:
    f.write("timestamp,metric,value\n")
    for name in metrics:
        values = [f"{rng.uniform(0, 100):.2f}" for _ in range(minutes)]
        f.write("".join(f"{t},{name},{v}\n" for t, v in zip(stamps, values)))

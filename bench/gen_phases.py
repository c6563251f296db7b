#!/usr/bin/env python3
"""A scenario with N phases, each extending the one before and changing one resource (the shape
that made checking quadratic), one month apart.

usage: gen_phases.py N > phases.yaml
"""
import sys

n = int(sys.argv[1])
out = [
    "name: generated phases",
    "region: eu-central-1",
    "usage:",
    "  gb: {value: 50..400, unit: GB}",
    "phases:",
    "  - id: p0",
    "    starts: 2027-01",
    "    resources:",
    "      - {id: app, type: ec2_instance, instance_type: t4g.medium, count: 1}",
    "      - {id: api, type: fargate_service, vcpu: 0.25, memory_gb: 0.5, tasks: 1}",
    "      - {id: nat, type: nat_gateway, gb_processed: $gb}",
    "      - {id: db, type: rds_instance, instance_class: db.t4g.micro, engine: postgres, storage_gb: 20}",
    "      - {id: logs, type: fixed, monthly: 26, source: Sentry Team plan}",
]
for i in range(1, n):
    out += [
        f"  - id: p{i}",
        f"    extends: p{i - 1}",
        "    starts: +1",
        "    change:",
        f"      - {{id: {'app' if i % 2 else 'api'}, {'count' if i % 2 else 'tasks'}: {i % 7 + 1}}}",
        "    usage:",
        f"      gb: {i % 400}..{i % 400 + 100}",
    ]
print("\n".join(out))

#!/usr/bin/env python3
"""A big roadmap for the output benchmark: N resources (a mix of EC2, Fargate, NAT gateways, RDS
and fixed costs, with usage ranges) in the first phase, then PHASES - 1 phases, each extending the
one before and changing a few resources, one month apart.

usage: gen_big_scenario.py [RESOURCES] [PHASES] > big.yaml      (defaults: 1000, 50)
"""
import sys

resources = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
phases = int(sys.argv[2]) if len(sys.argv) > 2 else 50
app = "{{id: app{i}, type: ec2_instance, instance_type: t4g.medium, count: {c}}}"
api = "{{id: api{i}, type: fargate_service, vcpu: 0.25, memory_gb: 0.5, tasks: {c}}}"
nat = "{{id: nat{i}, type: nat_gateway, gb_processed: $gb}}"
db = "{{id: db{i}, type: rds_instance, instance_class: db.t4g.micro, engine: postgres, storage_gb: {s}}}"
fixed = "{{id: fixed{i}, type: fixed, monthly: {m}, source: \"Vendor {i}, quote of 2026-11\"}}"
kinds = [app, fixed, api, fixed, nat, fixed, app, fixed, db, fixed]
out = [
    "name: big generated roadmap",
    "region: eu-central-1",
    "tags:",
    "  Project: big",
    "  Environment: prod",
    "usage:",
    "  gb: {value: 50..400, unit: GB}",
    "phases:",
    "  - id: p0",
    "    name: first phase, all resources",
    "    starts: 2027-01",
    "    resources:",
]
for i in range(resources):
    out.append("      - " + kinds[i % len(kinds)].format(i=i, c=i % 3 + 1, s=20 + i % 50, m=10 + i % 90))
for p in range(1, phases):
    out += [f"  - id: p{p}", f"    name: phase {p}", f"    extends: p{p - 1}", "    starts: +1", "    change:"]
    for j in range(5):
        i = (p * 37 + j * 10) % resources // 10 * 10  # an app resource (index divisible by 10)
        out.append(f"      - {{id: app{i}, count: {(p + j) % 4 + 1}}}")
    out += ["    usage:", f"      gb: {p % 400}..{p % 400 + 100}"]
print("\n".join(out))

#!/usr/bin/env python3
"""Python's round trip of an orcha-cost output, the baseline of bench/output.sh: reads the file
and writes the same data again with the standard library, to OUT.

usage: py_rewrite.py json|csv IN OUT
  json: json.load, then json.dump(indent=2)
  csv:  csv.reader, then csv.writer (CRLF rows, minimal quoting)
"""
import csv
import json
import sys

kind, src, dst = sys.argv[1:4]
if kind == "json":
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
else:
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
        csv.writer(g).writerows(csv.reader(f))

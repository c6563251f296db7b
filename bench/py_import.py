#!/usr/bin/env python3
"""Baseline: import an AWS Price List CSV into SQLite with Python's csv module and executemany
(one transaction, all columns as text), as a typical script would."""
import csv
import sqlite3
import sys

src, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
with open(src, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    for _ in range(5):
        next(r)
    header = next(r)
    cols = ",".join(f'"c{i}" TEXT' for i in range(len(header)))
    con.execute(f"CREATE TABLE prices ({cols})")
    marks = ",".join("?" * len(header))
    with con:
        con.executemany(f"INSERT INTO prices VALUES ({marks})", r)
con.close()

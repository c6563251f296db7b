"""Reads focus-validator 2.2.1's console output (stdin) and its bundled FOCUS 1.2 model, and
decides whether the file conforms.

A failed rule counts as a violation unless it is one branch of an OR composite that passed:
the model writes "X MUST be null when ..." and "X MUST NOT be null when ..." as two rules
under one OR, with the conditions only in prose, so one branch always fails on any file
(InvoiceId-C-004-C / -C-005-C under InvoiceId-C-003-C). The validator counts that branch as a
failure although the OR it belongs to passed.

usage: focus_verdict.py MODEL_JSON < validator-output; exit 0 conforms, 1 violations, 2 no summary
"""
import json
import re
import sys

model = json.load(open(sys.argv[1]))["ModelRules"]
or_parents = {}
for rule_id, rule in model.items():
    req = rule.get("ValidationCriteria", {}).get("Requirement", {})
    if req.get("CheckFunction") == "OR":
        for item in req.get("Items", []):
            if item.get("CheckFunction") == "CheckModelRule":
                or_parents.setdefault(item["ModelRuleId"], []).append(rule_id)

status = {}
lines = {}
for line in sys.stdin:
    m = re.match(r"^\S+\s+([A-Za-z]+-[A-Z]-\d{3}-[A-Z]): (PASS|FAIL|SKIPPED)", line)
    if m:
        status[m.group(1)] = m.group(2)
        lines[m.group(1)] = line.rstrip()
if not status:
    print("focus-validate: the validator printed no rule results", file=sys.stderr)
    sys.exit(2)

failed = [r for r, s in status.items() if s == "FAIL"]
excused = [r for r in failed if any(status.get(p) == "PASS" for p in or_parents.get(r, []))]
violations = [r for r in failed if r not in excused]
passed = sum(1 for s in status.values() if s == "PASS")
skipped = sum(1 for s in status.values() if s == "SKIPPED")
print(f"FOCUS 1.2: {len(status)} rules: {passed} passed, {len(violations)} violated, {skipped} skipped"
      + (f" ({', '.join(excused)}: the unused branch of a passing OR)" if excused else ""))
for r in sorted(violations):
    print("  " + lines[r][:400])
sys.exit(1 if violations else 0)

#!/usr/bin/env python3
"""Validate `orcha-cost budget export` files with botocore's own parameter validation for
budgets:CreateBudget (the call `aws budgets create-budget` makes), and the cost filters' tags:
each TagKeyValue value written user:KEY$VALUE (a cost-allocation tag), none twice.

usage: validate_budget_export.py DIR    (every NAME.budget.json with its NAME.notifications.json)
Exit 0 when all are valid, 1 with the validation report otherwise."""
import glob
import json
import os
import sys

import botocore.session
from botocore.validate import ParamValidator

directory = sys.argv[1]
model = botocore.session.get_session().get_service_model("budgets")
shape = model.operation_model("CreateBudget").input_shape
budgets = sorted(glob.glob(os.path.join(directory, "*.budget.json")))
if not budgets:
    print(f"no *.budget.json in {directory}")
    sys.exit(1)
failed = False
for path in budgets:
    notifications = path[: -len(".budget.json")] + ".notifications.json"
    params = {
        "AccountId": "123456789012",
        "Budget": json.load(open(path)),
        "NotificationsWithSubscribers": json.load(open(notifications)),
    }
    report = ParamValidator().validate(params, shape)
    problems = []
    filters = params["Budget"].get("CostFilters", {}) if isinstance(params["Budget"], dict) else {}
    for name, values in (filters.items() if isinstance(filters, dict) else []):
        for value in set(v for v in values if values.count(v) > 1):
            problems.append(f"CostFilters {name} lists '{value}' twice")
        if name == "TagKeyValue":
            for value in values:
                key, dollar, tag_value = value.partition("$")
                if not key.startswith("user:") or len(key) == len("user:") or not dollar or not tag_value:
                    problems.append(f"'{value}' is not user:KEY$VALUE")
    if report.has_errors():
        failed = True
        print(f"{path}: {report.generate_report()}")
    elif problems:
        failed = True
        for p in problems:
            print(f"{path}: {p}")
    else:
        print(f"{path}: valid CreateBudget parameters (botocore {botocore.__version__})")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Checks docs/dataset.schema.json with an independent validator (Python's `jsonschema`):
every shipped dataset passes it, and values the app's loader refuses for a count (negative,
fractional, an exponent, a JSON number) fail it too. Prints one line per check and
"N passed, N failed"; exits non-zero on any failure.

    python3 scripts/check_schema.py
"""
import copy
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "docs/dataset.schema.json").read_text())
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
validator = validator_class(schema)
passed = failed = 0


def check(ok, what):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failed += 1


datasets = [p for p in sorted((root / "public/data").glob("*.json")) if p.name != "manifest.json"]
for path in datasets:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text()))]
    check(not errors, f"{path.relative_to(root)} is valid" + ("" if not errors else ": " + "; ".join(errors[:5])))

shipped = json.loads((root / "public/data/herefordshire-2024-25-q2.json").read_text())
for value, accepted in [("919", True), ("0", True), ("919.0", True), ("-5", False), ("-0.5", False), ("1.5", False), ("1e3", False), ("", False), (919, False)]:
    d = copy.deepcopy(shipped)
    d["high_needs"]["ehcp_groups"][0]["count"]["value"] = value
    valid = validator.is_valid(d)
    check(valid == accepted, f"a count of {json.dumps(value)} is {'accepted' if accepted else 'refused'} by the schema")
for value, accepted in [("-1250000.50", True), ("13700000", True), ("1e7", False), ("12,5", False), (13700000, False)]:
    d = copy.deepcopy(shipped)
    d["budget"]["net_budget"]["value"] = value
    check(validator.is_valid(d) == accepted, f"an amount of {json.dumps(value)} is {'accepted' if accepted else 'refused'} by the schema")

# The limits of src/data/limits.rs: a list one over its limit is refused, one at it accepted.
check(schema["properties"]["documents"].get("maxItems") == 100000, "documents has maxItems 100000")
for path, limit in [("high_needs.model.placements", 50), ("high_needs.forecasts", 200), ("capital.schemes", 1000), ("savings.directorates", 100)]:
    for n, accepted in [(limit, True), (limit + 1, False)]:
        d = copy.deepcopy(shipped)
        *parents, key = path.split(".")
        parent = d
        for k in parents:
            parent = parent[k]
        parent[key] = [copy.deepcopy(parent[key][0]) for _ in range(n)]
        check(validator.is_valid(d) == accepted, f"{path} of {n} is {'accepted' if accepted else 'refused'} by the schema")
for n, accepted in [(60, True), (61, False)]:
    d = copy.deepcopy(shipped)
    d["capital"]["schemes"][0]["profile"] = {f"{2000 + y}-{(2001 + y) % 100:02d}": "0" for y in range(n)}
    check(validator.is_valid(d) == accepted, f"a profile of {n} years is {'accepted' if accepted else 'refused'} by the schema")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

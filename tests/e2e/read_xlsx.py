"""Reads an .xlsx with openpyxl (an independent reader) and prints every sheet's cells as JSON:
{"sheets": [names], "cells": {sheet: {"A1": {"v": value, "f": formula or null}}}, "validations": {sheet: n}}.
Formula cells give their cached value (what the writer computed) in "v" and the formula in "f".
Usage: python3 read_xlsx.py FILE  |  python3 read_xlsx.py --set FILE OUT SHEET CELL TEXT (writes a copy
with one cell changed, to make a malformed workbook)."""
import json
import sys

import openpyxl

if sys.argv[1] == "--set":
    _, _, src, out, sheet, cell, text = sys.argv
    wb = openpyxl.load_workbook(src)
    wb[sheet][cell] = text
    wb.save(out)
    sys.exit(0)

path = sys.argv[1]
values = openpyxl.load_workbook(path, data_only=True)
formulas = openpyxl.load_workbook(path, data_only=False)
out = {"sheets": values.sheetnames, "cells": {}, "validations": {}}
for ws in values.worksheets:
    fs = formulas[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            f = fs[c.coordinate].value
            v = c.value
            if not isinstance(v, (int, float, str, bool)):
                v = str(v)
            cells[c.coordinate] = {"v": v, "f": f if isinstance(f, str) and f.startswith("=") else None, "fmt": c.number_format}
    out["cells"][ws.title] = cells
    out["validations"][ws.title] = len(fs.data_validations.dataValidation)
print(json.dumps(out))

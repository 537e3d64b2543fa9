"""Has LibreOffice recalculate a workbook's formulas and compares its results with the values the
writer put beside them. The formulas are recalculated for real: openpyxl first saves a copy
without any cached results, LibreOffice (headless, a throwaway profile that says "always
recalculate on load") opens that copy and saves it again, and openpyxl reads LibreOffice's results.
Prints JSON {"formulas": n, "mismatches": [...]}; exits 2 when LibreOffice is missing.
Usage: python3 lo_recalc.py FILE"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

soffice = shutil.which("soffice") or shutil.which("libreoffice")
if not soffice:
    print(json.dumps({"error": "LibreOffice (soffice) is not installed"}))
    sys.exit(2)

src = sys.argv[1]
written = openpyxl.load_workbook(src, data_only=True)
formulas = openpyxl.load_workbook(src, data_only=False)
expected = {}
for ws in formulas.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                expected[(ws.title, c.coordinate)] = (c.value, written[ws.title][c.coordinate].value)

with tempfile.TemporaryDirectory() as tmp:
    bare = os.path.join(tmp, "bare.xlsx")
    formulas.save(bare)  # openpyxl keeps the formulas and drops every cached result
    profile = os.path.join(tmp, "profile")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE_SETTINGS)
    out = os.path.join(tmp, "out")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, bare],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    recalculated = openpyxl.load_workbook(os.path.join(out, "bare.xlsx"), data_only=True)
    mismatches = []
    for (sheet, ref), (formula, value) in expected.items():
        got = recalculated[sheet][ref].value
        ok = isinstance(got, (int, float)) and isinstance(value, (int, float)) and abs(got - value) < 0.005
        if not ok:
            mismatches.append({"cell": f"{sheet}!{ref}", "formula": formula, "written": value, "libreoffice": got})
print(json.dumps({"formulas": len(expected), "mismatches": mismatches}))

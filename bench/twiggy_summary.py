"""Formats bench/results/twiggy-top.txt from twiggy's output: the top items, then bytes per crate.

    python3 bench/twiggy_summary.py NAMED.wasm TOP.txt ALL.csv [SHIPPED.wasm]

A function's crate is the first path segment of its demangled name (`<leptos::X as Y>::f` counts
for leptos: the type's crate, where the code was written for it; a generic instantiated for our
types still shows its own crate). Unnamed items are data segments, tables and wasm-bindgen glue.
"""
import collections
import csv
import os
import re
import sys

named, top, all_csv = sys.argv[1:4]
shipped = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None

# A path segment, with the crate hash v0 mangling adds (`core[c5930c85a12de822]`).
SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?(?=::)")
NAMES = "(name section: kept for twiggy, not in the shipped wasm)"


def crate_of(name):
    if name.endswith(" subsection"):
        return NAMES
    if name.startswith("data segment") or name.startswith("data["):
        return "(data segments: strings, constant tables)"
    if name.startswith("custom section"):
        return "(custom sections)"
    s = re.sub(r"^(mut |dyn |const )", "", name.lstrip("<&*( "))
    # `<T as trait::Path>::f`: the trait's crate (the type is often a closure or generic).
    m = re.match(r"^[^<>]*? as (.*)$", s)
    if m and not SEGMENT.match(s):
        s = m.group(1).lstrip("<&*( ")
    m = SEGMENT.match(s)
    if m:
        return m.group(1)
    if re.search(r"(section headers|wasm magic bytes)$", name) or name.startswith(("type[", "import ", "export ", "table[", "elem[", "global[")):
        return "(wasm structure: headers, types, imports, exports)"
    if "externref" in name or name.startswith(("__wbindgen", "__wbg", "__externref", "intounderlying")):
        return "(wasm-bindgen glue)"
    if name.startswith("__") or name in ("memcmp", "memcpy", "memset", "memmove", "round", "fmax", "fmin"):
        return "(compiler builtins, libm)"
    if re.match(r"^code\[\d+\]$", name):
        return "(functions without a name)"
    if re.match(r"^<(str|char|\[\w+\])>::", name):
        return "core"
    return "(other)"


rows = list(csv.DictReader(open(all_csv)))
by_crate = collections.Counter()
count = collections.Counter()
total = 0
for r in rows:
    name = r.get("Name") or r.get("name") or ""
    size = int(r.get("ShallowSize") or r.get("Shallow Size") or r.get("shallow_size") or 0)
    if name.startswith("Σ") or name.startswith("\u03a3"):
        continue
    by_crate[crate_of(name)] += size
    count[crate_of(name)] += 1
    total += size

print("# twiggy: what the wasm is made of (bench/twiggy; regenerate with bench/run)")
print(f"# measured: {os.path.getsize(named)} bytes with names kept (wasm-opt -Oz -g)"
      + (f"; the shipped wasm is {os.path.getsize(shipped)} bytes (names stripped)" if shipped else ""))
print()
print("## Top 25 items by shallow size")
print()
print(open(top).read().rstrip())
print()
print("## Bytes per crate (shallow sizes summed; first path segment of each name)")
print()
shipped_total = total - by_crate[NAMES]
print(f"Shares are of the {shipped_total} bytes without the name section; crates under 0.1% are summed.")
print()
print(f"{'bytes':>10} {'share':>6} {'items':>6}  crate")
small, small_n = 0, 0
for crate, size in by_crate.most_common():
    if crate == NAMES:
        continue
    if size < shipped_total / 1000:
        small, small_n = small + size, small_n + count[crate]
        continue
    print(f"{size:>10} {100 * size / shipped_total:>5.1f}% {count[crate]:>6}  {crate}")
print(f"{small:>10} {100 * small / shipped_total:>5.1f}% {small_n:>6}  (each under 0.1%)")
print(f"{shipped_total:>10} 100.0% {sum(count.values()) - count[NAMES]:>6}  total")
print(f"{by_crate[NAMES]:>10}        {count[NAMES]:>6}  {NAMES}")

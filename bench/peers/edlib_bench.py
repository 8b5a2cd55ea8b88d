#!/usr/bin/env python3
"""edlib's side of bench/run: HW (infix) mode, task "locations", same k.

Usage: edlib_bench.py TEXT QUOTES_JSON LIMIT OUT_JSON
Times only the edlib.align calls (the text is read and kept as bytes once).
Spans are reported like citecheck's: [start, end exclusive, distance] of
edlib's first location, or null.
"""
import json
import sys
import time

import edlib

text_path, quotes_path, limit, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
text = open(text_path, "rb").read()
workload = json.load(open(quotes_path))
k = workload["k"]
quotes = [q["q"].encode() for q in workload["quotes"]][:limit]

spans = []
t0 = time.perf_counter()
for q in quotes:
    r = edlib.align(q, text, mode="HW", task="locations", k=k)
    spans.append(r)
elapsed = time.perf_counter() - t0

out = []
for r in spans:
    if r["editDistance"] < 0:
        out.append(None)
    else:
        start, end = r["locations"][0]
        out.append([start, end + 1, r["editDistance"]])
json.dump({"quotes": len(quotes), "search_s": elapsed, "spans": out}, open(out_path, "w"))
print(f"edlib: {len(quotes)} quotes in {elapsed:.2f} s; found {sum(s is not None for s in out)}")

#!/usr/bin/env python3
"""Tie-breaking check: citecheck's best_alignment against edlib's HW mode
(first location) on random cases over tiny alphabets, where many spans tie.

Usage: tie_check.py ALIGN_CASES_BINARY OUT_JSON   (edlib importable)
"""
import json
import random
import subprocess
import sys

import edlib

binary, out_path = sys.argv[1], sys.argv[2]
rng = random.Random(3)
cases = []
for i in range(3000):
    alphabet = ["ab", "acgt", "abcdefgh ", "ab "][i % 4]
    m = rng.choice([rng.randint(1, 12), rng.randint(20, 70), rng.randint(60, 200)])
    pattern = "".join(rng.choice(alphabet) for _ in range(m))
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(m, 600)))
    if i % 2 == 0:
        p = list(pattern)
        for _ in range(rng.randint(0, 5)):
            j = rng.randrange(len(p))
            p[j] = rng.choice(alphabet)
        at = rng.randrange(len(text) + 1)
        text = text[:at] + "".join(p) + text[at:]
    k = rng.randint(0, max(0, m - 1))
    cases.append((pattern, text, k))

ours = json.loads(subprocess.run([binary], input=json.dumps(cases), capture_output=True, text=True, check=True).stdout)
same = differ = one_only = both = 0
examples = []
for (pattern, text, k), o in zip(cases, ours):
    r = edlib.align(pattern, text, mode="HW", task="locations", k=k)
    t = None if r["editDistance"] < 0 else [r["locations"][0][0], r["locations"][0][1] + 1, r["editDistance"]]
    if (o is None) != (t is None):
        one_only += 1
        examples.append((pattern, text, k, o, t))
    elif o is not None:
        both += 1
        if o == t:
            same += 1
        else:
            differ += 1
            examples.append((pattern, text, k, o, t))
json.dump({"cases": len(cases), "both": both, "same": same, "differ": differ, "one_only": one_only, "examples": examples[:10]}, open(out_path, "w"))
print(f"tie check: {len(cases)} cases, both found {both}, same {same}, different {differ}, found by one only {one_only}")

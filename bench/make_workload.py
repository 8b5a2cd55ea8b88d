#!/usr/bin/env python3
"""Builds the benchmark workload deterministically (fixed seeds).

Writes to OUT_DIR:
  text.txt            the PDNC novel texts, sorted by folder, joined by "\n", lowercased
  quotes_200.json     {"k": K, "quotes": [{"q", "origin", "edits", "absent"}]}
  quotes_2000.json
A quote is 60-200 bytes of the text starting at a word, with 0-5 random
edits (substitution, insertion, deletion of a lowercase letter or space);
every tenth is absent: random corpus words in random order, not in the text.
"""
import json
import os
import random
import sys

PDNC, OUT, K = sys.argv[1], sys.argv[2], int(sys.argv[3])
LETTERS = b"abcdefghijklmnopqrstuvwxyz "

novels = sorted(d for d in os.listdir(PDNC) if os.path.isfile(os.path.join(PDNC, d, "novel_text.txt")))
text = b"\n".join(open(os.path.join(PDNC, d, "novel_text.txt"), "rb").read() for d in novels).lower()
if len(text) < 10_000_000:
    sys.exit(f"corpus is {len(text)} bytes, need at least 10 MB")
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "text.txt"), "wb") as f:
    f.write(text)
vocab = sorted(set(text.split()))


def mutate(rng, q, edits):
    q = bytearray(q)
    for _ in range(edits):
        op, c = rng.randrange(3), LETTERS[rng.randrange(len(LETTERS))]
        i = rng.randrange(len(q))
        if op == 0:
            q[i] = c
        elif op == 1:
            del q[i]
        else:
            q.insert(i, c)
    return bytes(q)


def quotes(n, seed):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        length = rng.randint(60, 200)
        if i % 10 == 9:
            words = []
            while len(b" ".join(words)) < length:
                words.append(vocab[rng.randrange(len(vocab))])
            q = b" ".join(words)[:length]
            assert text.find(q) < 0
            out.append({"q": q.decode(), "origin": None, "edits": None, "absent": True})
            continue
        start = rng.randrange(len(text) - 400)
        while text[start - 1 : start] not in (b" ", b"\n"):
            start += 1
        edits = rng.randint(0, 5)
        q = mutate(rng, text[start : start + length], edits)
        out.append({"q": q.decode(), "origin": start, "edits": edits, "absent": False})
    return out


for n, seed in ((200, 200), (2000, 2000)):
    with open(os.path.join(OUT, f"quotes_{n}.json"), "w") as f:
        json.dump({"k": K, "quotes": quotes(n, seed)}, f)
print(f"workload: {len(text)} bytes from {len(novels)} novels, k = {K}")

// approx-string-match's side of bench/run: search(text, pattern, maxErrors)
// with the same k. Usage: node asm_bench.mjs TEXT QUOTES_JSON LIMIT OUT_JSON
// Times only the search calls. The text is ASCII, so string offsets are
// byte offsets. Reports the match with the fewest errors (first on ties).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [textPath, quotesPath, limitArg, outPath] = process.argv.slice(2);
const modDir = process.env.ASM_DIR;
const { default: search } = await import(
  pathToFileURL(path.join(modDir, "build/src/index.js")).href
);
const text = readFileSync(textPath, "latin1");
const workload = JSON.parse(readFileSync(quotesPath, "utf8"));
const k = workload.k;
const quotes = workload.quotes.slice(0, Number(limitArg)).map((q) => q.q);

const results = [];
const t0 = process.hrtime.bigint();
for (const q of quotes) results.push(search(text, q, k));
const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;

const spans = results.map((ms) => {
  let best = null;
  for (const m of ms) if (best === null || m.errors < best.errors) best = m;
  return best === null ? null : [best.start, best.end, best.errors];
});
writeFileSync(outPath, JSON.stringify({ quotes: quotes.length, search_s: elapsed, spans }));
console.log(
  `approx-string-match: ${quotes.length} quotes in ${elapsed.toFixed(2)} s; found ${spans.filter((s) => s !== null).length}`
);

/**
 * Custom functions: the functions chunk's gzip size, its cold start in Node (load the shipped
 * bundle + first call, in a fresh process), and the cost per call of each function.
 * Budgets (issue #3): chunk ≤ 100 KB gzip, cold start ≤ 50 ms. Prints; asserts nothing.
 * Run: npm run bench:functions (builds the production bundle first).
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { cellsFromValue, criteriaFor } from '../src/engine';
import { sampleValues } from '../test/support/sample';
import { getRubric } from '../src/rubrics';
import { loadFunctionsBundle } from '../test/support/functions-bundle';

const bundlePath = join(__dirname, '..', 'test-output', 'web', 'functions.js');
// Bytes, as the browser downloads them (the bundle holds Vietnamese text: characters ≠ bytes).
const bytes = readFileSync(bundlePath);
console.log(
  `functions.js: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip (budget 100 KB gzip)`,
);

// Cold start: a fresh Node process loads the bundle and makes the first call.
const probe = `
const t0 = process.hrtime.bigint();
const src = require('fs').readFileSync(${JSON.stringify(bundlePath)}, 'utf8');
const reg = {};
const CustomFunctions = { associate: (id, f) => { reg[id] = f; }, Error: Error, ErrorCode: {} };
globalThis.CustomFunctions = CustomFunctions;
require('vm').runInThisContext(src);
const points = reg.DTI_SCORE('hue-2263-2023', 'xa', 'I.1.1', 'head', null, null, null, null);
const t1 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ ms: Number(t1 - t0) / 1e6, points }));`;
const runs = Array.from(
  { length: 15 },
  () =>
    JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as { ms: number; points: number },
);
const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  `cold start (load + first DTI_SCORE, fresh process, ${runs.length} runs): median ${ms[7].toFixed(1)} ms, min ${ms[0].toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)} (budget 50 ms); first result ${runs[0].points}`,
);

// Per call, warm.
const fns = loadFunctionsBundle(false);
function perCall(label: string, calls: unknown[][]): void {
  const f = fns[label.split(' ')[0]];
  for (const a of calls) f(...a);
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 500) {
    for (const a of calls) f(...a);
    n += calls.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  console.log(
    `${label.padEnd(17)} ${((elapsed * 1000) / n).toFixed(2).padStart(7)} µs/call  (${calls.length} distinct calls)`,
  );
}
const pad = (a: unknown[], n: number) => [...a, ...Array.from({ length: n - a.length }, () => null)];
const scoreCalls: unknown[][] = [];
for (const [rid, unit] of [
  ['hue-2263-2023', 'xa'],
  ['hue-931-2024', 'so'],
  ['hanoi-5279-2025', 'xa'],
] as const) {
  const rubric = getRubric(rid);
  const values = sampleValues(rubric, unit, 3);
  for (const c of criteriaFor(rubric, unit))
    scoreCalls.push(pad([rid, unit, c.id, ...cellsFromValue(rubric, c, values[c.id])], 8));
}
perCall('DTI_SCORE', scoreCalls);
perCall('DTI_CHECK', scoreCalls);
perCall(
  'DTI_MAX',
  scoreCalls.map((a) => [a[0], a[1], a[2], null, ...a.slice(3, 8)]),
);
const kt = getRubric('kontum-121-2025');
const ktCriteria = criteriaFor(kt, 'xa');
const ktValues = sampleValues(kt, 'xa', 4);
const rows = ktCriteria.map((c) => pad(cellsFromValue(kt, c, ktValues[c.id]), 2));
perCall(
  'DTI_LEVEL (one)',
  ktCriteria.map((c, i) => ['kontum-121-2025', 'xa', [[c.id]], [rows[i]]]),
);
perCall('DTI_LEVEL (unit)', [['kontum-121-2025', 'xa', ktCriteria.map((c) => [c.id]), rows]]);
perCall(
  'DTI_LEVEL_NAME',
  [0, 1, 2, 3, 4, 5].map((l) => ['kontum-121-2025', l]),
);

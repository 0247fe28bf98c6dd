/**
 * How long `dti` takes to start: the median wall time of ~10 runs of each command, against
 * `node -e 0` (Node's own start-up), on the built CLI (`npm run bench:cli` builds it first).
 *
 *   npm run bench:cli                 node -e 0, dti score FILE.json, dti rubrics
 *   npm run bench:cli -- --launchers  also npx dti, npm exec dti, node node_modules/.bin/dti
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');
const RUNS = 10;
const FILE = 'examples/hue-2263-2023-xa.json';

function medianMs(command: string, args: string[]): number | undefined {
  const times: number[] = [];
  spawnSync(command, args, { cwd: ROOT }); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) return undefined;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return (times[(RUNS - 1) >> 1] + times[RUNS >> 1]) / 2;
}

const cases: [label: string, command: string, args: string[]][] = [
  ['node -e 0', 'node', ['-e', '0']],
  [`node bin/dti.js score ${FILE}`, 'node', ['bin/dti.js', 'score', FILE]],
  ['node bin/dti.js rubrics', 'node', ['bin/dti.js', 'rubrics']],
];
if (process.argv.includes('--launchers')) {
  cases.push(
    ['npx dti score …', 'npx', ['dti', 'score', FILE]],
    ['npm exec dti -- score …', 'npm', ['exec', 'dti', '--', 'score', FILE]],
  );
  if (existsSync(join(ROOT, 'node_modules', '.bin', 'dti')))
    cases.push(['node node_modules/.bin/dti score …', 'node', ['node_modules/.bin/dti', 'score', FILE]]);
  else
    console.log(
      "(node_modules/.bin/dti does not exist: npm links a package's own bin only where it is installed as a dependency)",
    );
}

const base = medianMs('node', ['-e', '0'])!;
console.log(`dti start-up, median of ${RUNS} runs (ms)`);
for (const [label, command, args] of cases) {
  const ms = medianMs(command, args);
  console.log(
    `${label.padEnd(56)} ${ms === undefined ? 'failed' : ms.toFixed(0).padStart(6)}${ms === undefined || label === 'node -e 0' ? '' : `   (+${(ms - base).toFixed(0)} over node -e 0)`}`,
  );
}

/**
 * Sizes of the add-in's production bundles (built into test-output/web by `npm run bench:bundle`):
 * the task pane's initial JavaScript (budget 200 KB gzip), its async chunks, and the functions
 * chunk (budget 100 KB gzip). Prints; asserts nothing.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

const dir = join(__dirname, '..', 'test-output', 'web');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => {
    const bytes = readFileSync(join(dir, f));
    const role =
      f === 'taskpane.js'
        ? 'task pane, initial (budget 200 KB gzip)'
        : f === 'functions.js'
          ? 'custom functions (budget 100 KB gzip)'
          : 'task pane, loaded after first paint';
    return { f, raw: bytes.length, gz: gzipSync(bytes).length, role };
  })
  .sort((a, b) => a.f.localeCompare(b.f));
console.log('file                           raw        gzip       role');
for (const r of rows) console.log(`${r.f.padEnd(30)} ${kb(r.raw).padStart(10)} ${kb(r.gz).padStart(10)}  ${r.role}`);
const pane = rows.filter((r) => r.f !== 'functions.js');
console.log(`task pane total: ${kb(pane.reduce((s, r) => s + r.gz, 0))} gzip`);

/**
 * The bundles that ship (built once by test/support/global-setup.js): the engine and rubric data run in a
 * browser build (target "web", no Node polyfills, no zod), and the functions chunk stays small.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

const out = join(__dirname, '..', '..', 'test-output', 'web');
const read = (f: string) => readFileSync(join(out, f), 'utf8');

test('neither bundle ships the validation library (rubrics are validated at build time)', () => {
  for (const f of readdirSync(out).filter((x) => x.endsWith('.js'))) expect(read(f)).not.toMatch(/ZodError|zod\/v4/);
});

test('the shared-runtime page loads Office.js, then the functions, then the pane', () => {
  const html = read('taskpane.html');
  const at = (s: string) => html.indexOf(s);
  expect(at('office.js')).toBeGreaterThan(-1);
  expect(at('office.js')).toBeLessThan(at('functions.js'));
  expect(at('functions.js')).toBeLessThan(at('taskpane.js'));
});

test('the functions chunk is within its 100 KB gzip budget and pulls in no React', () => {
  const js = read('functions.js');
  expect(gzipSync(js).length).toBeLessThan(100 * 1024);
  expect(js).not.toMatch(/react|fluentui/i);
});

test('the task pane’s initial JavaScript is within its 200 KB gzip budget, with no IE 11 polyfills', () => {
  const initial = read('taskpane.js');
  expect(gzipSync(initial).length).toBeLessThan(200 * 1024);
  for (const f of readdirSync(out).filter((x) => x.endsWith('.js')))
    expect(read(f)).not.toMatch(/core-js|regenerator-runtime/);
  // The rubric library and the panels come as an async chunk after the first paint.
  expect(initial).not.toContain('Bộ chỉ số đánh giá, xếp hạng chuyển đổi số');
});

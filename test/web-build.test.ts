/**
 * The bundles that ship (built once by test/global-setup.js): the engine and rubric data run in a
 * browser build (target "web", no Node polyfills, no zod), and the functions chunk stays small.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { gzipSync } from 'zlib';

const out = join(__dirname, '..', 'test-output', 'web');
const read = (f: string) => readFileSync(join(out, f), 'utf8');

test('the task pane bundle runs in a page and lists the rubric library', () => {
  const app = { innerHTML: '' };
  runInNewContext(read('taskpane.js'), { document: { getElementById: () => app } });
  expect((app.innerHTML.match(/<tr><td>/g) ?? []).length).toBe(8);
  expect(app.innerHTML).toContain('<td>5279/QĐ-UBND</td><td>Sở, ban, ngành</td><td class="n">34</td><td class="n">350</td>');
});

test('neither bundle ships the validation library (rubrics are validated at build time)', () => {
  for (const f of ['functions.js', 'taskpane.js']) expect(read(f)).not.toMatch(/ZodError|zod\/v4/);
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

/**
 * The engine and rubric library must run inside the task pane: webpack bundles them for the
 * browser (target "web", no Node polyfills), so any Node-only import fails this build.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { runInNewContext } from 'vm';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../webpack.config.js');

test('the task pane bundle builds for the browser and lists the rubric library', async () => {
  const outDir = join(__dirname, '..', 'test-output', 'web');
  const options = { ...config({}, { mode: 'production' }), output: { ...config({}, { mode: 'production' }).output, path: outDir } };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(options, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  expect(stats.toJson({ errors: true }).errors).toEqual([]);
  const js = readFileSync(join(outDir, 'taskpane.js'), 'utf8');
  // Run the bundle against a minimal DOM: it renders one row per rubric and unit type.
  const app = { innerHTML: '' };
  runInNewContext(js, { document: { getElementById: () => app } });
  expect((app.innerHTML.match(/<tr><td>/g) ?? []).length).toBe(8);
  expect(app.innerHTML).toContain('<td>5279/QĐ-UBND</td><td>Sở, ban, ngành</td><td class="n">34</td><td class="n">350</td>');
}, 120000);

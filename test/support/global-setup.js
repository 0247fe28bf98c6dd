/**
 * Builds the add-in's web bundles once (production mode) into test-output/web, so the tests
 * exercise the files that ship: functions.js with its generated functions.json, and taskpane.js.
 */
const path = require('path');
const webpack = require('webpack');

module.exports = async function buildWebOnce() {
  const outDir = path.join(__dirname, '..', '..', 'test-output', 'web');
  require('fs').rmSync(outDir, { recursive: true, force: true }); // no stale chunks from earlier builds
  const configs = require('../../webpack.config.js')({}, { mode: 'production' }).map((c) => ({
    ...c,
    output: { ...c.output, path: outDir },
  }));
  const stats = await new Promise((resolve, reject) => webpack(configs, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(`web build failed:\n${stats.toString({ all: false, errors: true })}`);
  process.env.DTI_WEB_OUT = outDir;
};

// `node test/support/global-setup.js` builds the same bundles outside jest (used by the benchmarks).
if (require.main === module)
  module.exports().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });

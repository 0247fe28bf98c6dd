/**
 * Builds the add-in's web bundles once (production mode) into test-output/web, so the tests
 * exercise the files that ship: functions.js with its generated functions.json, and taskpane.js.
 */
const path = require('path');
const webpack = require('webpack');

module.exports = async function buildWebOnce() {
  const fs = require('fs');
  const outDir = path.join(__dirname, '..', '..', 'test-output', 'web');
  // DTI_WEB_REUSE=1 keeps bundles already built (a quick run of tests that do not load them).
  if (process.env.DTI_WEB_REUSE === '1' && fs.existsSync(path.join(outDir, 'taskpane.html'))) {
    process.env.DTI_WEB_OUT = outDir;
    return;
  }
  // Built beside, then swapped in: a run still reading the old bundles never sees a half-written folder,
  // and no stale chunk of an earlier build survives.
  const building = `${outDir}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  const configs = require('../../webpack.config.js')({}, { mode: 'production' }).map((c) => ({
    ...c,
    output: { ...c.output, path: building },
  }));
  const stats = await new Promise((resolve, reject) => webpack(configs, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(`web build failed:\n${stats.toString({ all: false, errors: true })}`);
  const old = `${outDir}.${process.pid}.old`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(building, outDir);
  fs.rmSync(old, { recursive: true, force: true });
  process.env.DTI_WEB_OUT = outDir;
};

// `node test/support/global-setup.js` builds the same bundles outside jest (used by the benchmarks).
if (require.main === module)
  module.exports().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });

/*
 * The `dti` command line as built files: dist/cli/main.js (with lazily loaded chunks for the
 * commands that need ExcelJS or the worker pool) and the council's worker, dist/worker/worker.js
 * (webpack.worker.config.js). As in the worker and the add-in, the rubric JSON is validated with the
 * zod schema at build time (scripts/rubric-loader.js: a broken rubric fails the build) and the CLI
 * ships the validated data, so starting `dti` neither loads zod nor validates anything.
 * Packages from node_modules (ExcelJS, fflate, saxes, …) stay outside the bundle, loaded by Node
 * from node_modules when a command needs them.
 */
const path = require('path');
const worker = require('./webpack.worker.config.js');

/** `exceljs`, `@scope/pkg/sub`: a package, not a file of this repository. */
const isPackage = (request) => /^(@[\w.-]+\/)?[\w.-]+(\/.*)?$/.test(request) && !request.startsWith('.');

const cli = {
  ...worker,
  name: 'cli',
  entry: { main: './src/cli/main.ts' },
  output: {
    path: path.resolve(__dirname, 'dist/cli'),
    filename: '[name].js',
    chunkFilename: '[name].js',
    library: { type: 'commonjs2' },
    clean: true,
  },
  externalsPresets: { node: true },
  externals: [({ request }, callback) => (isPackage(request) ? callback(null, `commonjs ${request}`) : callback())],
  // __dirname stays Node's (dist/cli), which the worker pool uses to find dist/worker/worker.js.
  node: { __dirname: false, __filename: false },
};

module.exports = [cli, worker];

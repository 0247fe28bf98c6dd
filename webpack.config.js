/*
 * Builds the add-in's web part into dist/web: two bundles served from one page (shared runtime).
 *  - functions.js: the custom functions, with slim rubric data and no React (registers first);
 *  - taskpane.js:  the task pane, with the full rubric text (guidance, evidence, readings);
 *  - council-worker.js: the council tab's Web Worker (verify and re-score one submission).
 * Rubric JSON is validated by the zod schema at build time (scripts/rubric-loader.js), so neither
 * bundle ships zod. The CLI is built separately by tsc (npm run build:cli).
 *
 * Entry files keep fixed names (taskpane.html loads functions.js and taskpane.js) and lazy chunks
 * are content-hashed; what keeps releases from mixing is that each release is published in a
 * folder of its own (`npm run manifest`, scripts/manifest.js), so all its URLs are new. The
 * manifest is not copied here: dist/web is rebuilt from scratch, the production manifest lives in
 * dist/release/ where the build never writes.
 */
const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const outDir = path.resolve(__dirname, 'dist/web');

function base(argv, slimRubrics) {
  const production = argv.mode === 'production';
  return {
    target: ['web', 'es2020'],
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    output: { path: outDir, filename: '[name].js', chunkFilename: '[name].[contenthash:8].js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'es2020' } },
        },
        {
          test: /src[\\/]rubrics[\\/][^\\/]+\.json$/,
          type: 'javascript/auto',
          use: [{ loader: path.resolve(__dirname, 'scripts/rubric-loader.js'), options: { slim: slimRubrics } }],
        },
      ],
    },
    plugins: [
      // The data arrives validated; the browser does not need the schema library.
      new webpack.NormalModuleReplacementPlugin(/^\.\/validate$/, (r) => {
        if (/src[\\/]rubrics$/.test(r.context)) r.request = './validate.prebuilt';
      }),
    ],
    performance: { hints: false },
  };
}

module.exports = (env = {}, argv = {}) => {
  const functions = base(argv, true);
  functions.name = 'functions';
  functions.entry = { functions: './src/functions/functions.ts' };
  functions.plugins.push(
    new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
  );

  const taskpane = base(argv, false);
  taskpane.name = 'taskpane';
  taskpane.entry = { taskpane: './src/taskpane/index.tsx' };
  taskpane.plugins.push(
    new CopyWebpackPlugin({
      patterns: [
        { from: 'src/taskpane/taskpane.html', to: 'taskpane.html' },
        { from: 'assets/*.png', to: 'assets/[name][ext]' },
      ],
    }),
  );
  // The council's Web Worker (src/taskpane/council/worker.ts), fetched by the pane as council-worker.js beside its page.
  const councilWorker = base(argv, false);
  councilWorker.name = 'council-worker';
  councilWorker.target = ['webworker', 'es2020'];
  councilWorker.entry = { 'council-worker': './src/taskpane/council/worker.ts' };
  return [functions, taskpane, councilWorker];
};

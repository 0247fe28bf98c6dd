/*
 * The council's worker thread (src/cli/batch/worker.ts) as one file, dist/worker/worker.js:
 * a batch starts one worker per core and each used to spend ~150 ms loading zod and validating
 * every rubric before its first file. Here the rubric JSON is validated at build time, as for the
 * add-in (scripts/rubric-loader.js), so the worker ships neither zod nor the check.
 */
const path = require('path');
const webpack = require('webpack');

module.exports = {
  name: 'council-worker',
  target: 'node20',
  mode: 'production',
  devtool: false,
  entry: { worker: './src/cli/batch/worker.ts' },
  output: {
    path: path.resolve(__dirname, 'dist/worker'),
    filename: '[name].js',
    library: { type: 'commonjs2' },
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'es2020' } },
      },
      {
        test: /src[\\/]rubrics[\\/][^\\/]+\.json$/,
        type: 'javascript/auto',
        use: [{ loader: path.resolve(__dirname, 'scripts/rubric-loader.js') }],
      },
    ],
  },
  plugins: [
    new webpack.NormalModuleReplacementPlugin(/^\.\/validate$/, (r) => {
      if (/src[\\/]rubrics$/.test(r.context)) r.request = './validate.prebuilt';
    }),
  ],
  // Readable stack traces matter more than bytes on a council's machine.
  optimization: { minimize: false },
  performance: { hints: false },
};

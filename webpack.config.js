/* Builds the add-in's web part into dist/web. The CLI is built separately by tsc (npm run build:cli). */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

module.exports = (env, argv) => ({
  target: 'web',
  mode: argv.mode || 'development',
  devtool: argv.mode === 'production' ? false : 'source-map',
  entry: { taskpane: './src/taskpane/index.ts' },
  output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', clean: true },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  module: {
    rules: [{ test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true, configFile: 'tsconfig.json' } }],
  },
  plugins: [new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] })],
  performance: { hints: false },
});

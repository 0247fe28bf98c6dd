/**
 * The verifier must run in the task pane (a browser) as well as in the CLI: it is bundled here for
 * the web with webpack, which in version 5 has no Node core-module fallbacks, so any use of
 * 'crypto', 'fs', 'zlib', Buffer polyfills… fails the build. The bundle is then run in a plain
 * context that has only WebCrypto and TextEncoder/TextDecoder, as a browser would.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import { webcrypto } from 'crypto';
import webpack from 'webpack';
import { SIGNATURE_FIXTURES } from '../support/fixtures';
import { whileValid } from '../support/fixture-times';

const FIXTURES = SIGNATURE_FIXTURES;

function bundle(outDir: string): Promise<string> {
  const config: webpack.Configuration = {
    mode: 'development', // no minification: this checks module resolution, not size
    devtool: false,
    target: ['web', 'es2020'],
    entry: path.join(__dirname, '..', '..', 'src', 'signature', 'index.ts'),
    output: { path: outDir, filename: 'signature.js', library: { name: 'DtiSignature', type: 'var' } },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: { transpileOnly: true, compilerOptions: { module: 'es2020' } },
        },
      ],
    },
    performance: { hints: false },
  };
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err || !stats || stats.hasErrors())
        return reject(err ?? new Error(stats?.toString({ all: false, errors: true })));
      resolve(readFileSync(path.join(outDir, 'signature.js'), 'utf8'));
    }),
  );
}

test('src/signature bundles for the web without Node modules and verifies a signed workbook there', async () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'dti-signature-web-'));
  const code = await bundle(outDir).finally(() => rmSync(outDir, { recursive: true, force: true }));
  // Only what a browser offers: no require, no process, no Buffer.
  const context = vm.createContext({
    crypto: webcrypto,
    TextEncoder,
    TextDecoder,
    Uint8Array,
    ArrayBuffer,
    DataView,
    Map,
    Set,
    Date,
    console,
  });
  vm.runInContext(`${code};globalThis.DtiSignature = DtiSignature;`, context);
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'ms-office-2010-signed.xlsx')));
  const api = (context as { DtiSignature: typeof import('../../src/signature') }).DtiSignature;
  // Its certificate expired in 2011: verified as of a date it was valid (support/fixture-times.ts).
  const result = await api.verifyPackage(new (context.Uint8Array as typeof Uint8Array)(bytes), {
    now: whileValid('ms-office-2010-signed.xlsx'),
  });
  expect(result.status).toBe('valid-untrusted');
  expect(result.signatures[0].valid).toBe(true);
}, 60_000);

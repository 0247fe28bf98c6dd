#!/usr/bin/env node
// Entry point of the `dti` command; the code is built into dist/ by `npm install` (prepare).
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  process.stderr.write('✗ dti chưa được build: chạy "npm install" (hoặc "npm run build:cli") trước.\n');
  process.exit(2);
}
cli.run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`✗ Lỗi nội bộ: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 70;
  },
);

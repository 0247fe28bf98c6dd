#!/usr/bin/env node
/**
 * Writes the manifest for a production host: `npm run manifest -- https://dti.example.gov.vn/addin`
 * replaces the development address (https://localhost:3000) everywhere and writes
 * dist/web/manifest.xml next to the built files that go on that host.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^https:\/\/[^\s"<>]+$/.test(base)) {
  console.error('✗ Cần địa chỉ HTTPS nơi đặt add-in, ví dụ: npm run manifest -- https://dti.example.gov.vn/addin');
  process.exit(2);
}
const root = path.join(__dirname, '..');
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8').split('https://localhost:3000').join(base);
const out = path.join(root, 'dist', 'web', 'manifest.xml');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, xml);
console.log(`✓ ${out} (add-in tại ${base})`);

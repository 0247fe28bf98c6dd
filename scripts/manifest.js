#!/usr/bin/env node
/**
 * A release for a production host: `npm run manifest -- https://dti.example.gov.vn/addin`, after
 * `npm run build`. It writes, under dist/release/ (which `npm run build` never touches):
 *
 *   <version>/     the built files (dist/web) as they are, in a folder of their own: every release
 *                  is a new URL, so Office's cache of function files (up to a day) and browsers'
 *                  caches can never pair a new functions.json with an old functions.js, or an old
 *                  pane with chunks that are gone; the previous folder stays on the host meanwhile;
 *   manifest.xml   every URL at https://…/addin/<version>/…, <AppDomain> the host's origin only
 *                  (the element takes no path: https://learn.microsoft.com/javascript/api/manifest/appdomain),
 *                  and <Version> one higher than the last release's, so Office sees an update;
 *   web.config     the IIS settings (deploy/web.config): JSON type and CORS for functions.json.
 *
 * The version is package.json's with a fourth part counting releases: one more than the last
 * manifest written here, or than the deployed one given with `--previous FILE`.
 *
 *   npm run manifest -- URL [--previous deployed-manifest.xml] [--web DIR] [--out DIR]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const DEV = 'https://localhost:3000';

function fail(vi, en) {
  console.error(`✗ ${vi}\n  ${en}`);
  process.exit(2);
}

function parseArgs(argv) {
  const out = {
    base: undefined,
    previous: undefined,
    web: path.join(root, 'dist', 'web'),
    out: path.join(root, 'dist', 'release'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--previous' || a === '--web' || a === '--out') {
      if (!argv[i + 1]) fail(`Thiếu giá trị sau ${a}`, `A value is needed after ${a}`);
      out[a.slice(2)] = path.resolve(argv[++i]);
    } else if (!out.base) out.base = a;
    else fail(`Không hiểu "${a}"`, `Unknown argument "${a}"`);
  }
  return out;
}

/** "n.n.n.n" → numbers; each part at most 5 digits (https://learn.microsoft.com/javascript/api/manifest/version). */
function parseVersion(text) {
  const parts = String(text).trim().split('.').map(Number);
  if (parts.length > 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 99999)) return undefined;
  while (parts.length < 4) parts.push(0);
  return parts;
}

const versionOf = (xml) => parseVersion((/<Version>([^<]+)<\/Version>/.exec(xml) || [])[1] || '');
const compare = (a, b) => a.reduce((d, x, i) => d || x - b[i], 0);

/** One release more than `previous` (four parts), under package.json's version. */
function nextVersion(pkgVersion, previous) {
  const base = parseVersion(pkgVersion.replace(/[-+].*$/, ''));
  if (!base)
    fail(
      `package.json có phiên bản "${pkgVersion}" không dùng được`,
      `package.json's version "${pkgVersion}" cannot be used`,
    );
  const candidate = [base[0], base[1], base[2], 1];
  if (!previous) return candidate;
  if (compare(candidate.slice(0, 3).concat(0), previous.slice(0, 3).concat(0)) === 0) candidate[3] = previous[3] + 1;
  if (candidate[3] > 99999 || compare(candidate, previous) <= 0)
    fail(
      `Phiên bản mới ${candidate.join('.')} không lớn hơn bản đã phát hành ${previous.join('.')}: hãy tăng "version" trong package.json.`,
      `The new version ${candidate.join('.')} is not above the released ${previous.join('.')}: raise "version" in package.json.`,
    );
  return candidate;
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'manifest.xml') continue; // the manifest is not served from the release folder
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else fs.copyFileSync(src, dst);
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let url;
  try {
    url = new URL(args.base || '');
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash || /[\s"<>]/.test(args.base))
    fail(
      'Cần địa chỉ HTTPS nơi đặt add-in, ví dụ: npm run manifest -- https://dti.example.gov.vn/addin',
      'An HTTPS address for the add-in is needed, e.g. npm run manifest -- https://dti.example.gov.vn/addin',
    );
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  for (const f of ['taskpane.html', 'taskpane.js', 'functions.js', 'functions.json'])
    if (!fs.existsSync(path.join(args.web, f)))
      fail(
        `Chưa có bản build (${path.join(args.web, f)}): chạy npm run build trước.`,
        `No build yet: run npm run build first.`,
      );

  const previousFile = args.previous || path.join(args.out, 'manifest.xml');
  const previous = fs.existsSync(previousFile) ? versionOf(fs.readFileSync(previousFile, 'utf8')) : undefined;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = nextVersion(pkg.version, previous).join('.');

  const release = path.join(args.out, version);
  if (fs.existsSync(release)) fail(`${release} đã có`, `${release} already exists`);
  copyDir(args.web, release);
  const xml = fs
    .readFileSync(path.join(root, 'manifest.xml'), 'utf8')
    .replace(/<AppDomain>[^<]*<\/AppDomain>/g, `<AppDomain>${url.origin}</AppDomain>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`)
    .split(DEV)
    .join(`${base}/${version}`);
  fs.writeFileSync(path.join(args.out, 'manifest.xml'), xml);
  fs.copyFileSync(path.join(root, 'deploy', 'web.config'), path.join(args.out, 'web.config'));

  console.log(`✓ Bản phát hành ${version} / release ${version}: ${args.out}`);
  console.log(`  ${version}/      → tải lên ${base}/${version}/ (giữ thư mục của bản trước trên máy chủ)`);
  console.log(`  web.config     → ${base}/ (IIS; nginx: deploy/nginx.conf)`);
  console.log(
    `  manifest.xml   → Trung tâm quản trị Microsoft 365 hoặc thư mục chia sẻ (README › Triển khai cho cán bộ)`,
  );
}

if (require.main === module) main();
module.exports = { nextVersion, parseVersion };

#!/usr/bin/env node
/**
 * `npm start`: builds the add-in and serves it over HTTPS on https://localhost:3000 (the address in
 * manifest.xml). Where Excel desktop is installed (Windows, macOS) it sideloads the add-in with
 * office-addin-debugging; elsewhere (Linux, CI) it serves the task pane in its demo mode and says
 * how to sideload the manifest into Excel on the web.
 */
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const https = require('https');
const http = require('http');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const web = path.join(root, 'dist', 'web');
const port = Number(process.env.PORT || 3000);
const manifest = path.join(root, 'manifest.xml');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml' };

function build() {
  console.log('» Đang build add-in (webpack, production)…');
  fs.rmSync(web, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Office's trusted localhost certificate where office-addin-dev-certs can install it; else a self-signed one. */
async function certificates() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const options = await devCerts.getHttpsServerOptions();
    return { ...options, trusted: true };
  } catch (e) {
    const dir = path.join(os.homedir(), '.cds-dti-certs');
    const key = path.join(dir, 'localhost.key');
    const cert = path.join(dir, 'localhost.crt');
    if (!fs.existsSync(cert)) {
      fs.mkdirSync(dir, { recursive: true });
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
      } catch {
        return undefined;
      }
    }
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), trusted: false, reason: e.message };
  }
}

function serve(req, res) {
  const rel = path.normalize(decodeURIComponent((req.url || '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const file = path.join(web, rel === '/' || rel === '\\' ? 'taskpane.html' : rel);
  if (!file.startsWith(web) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'access-control-allow-origin': '*' });
  fs.createReadStream(file).pipe(res);
}

function sideload() {
  if (process.platform !== 'win32' && process.platform !== 'darwin') return false;
  let bin;
  try {
    bin = require.resolve('office-addin-debugging/cli.js');
  } catch {
    return false;
  }
  console.log('» Đang nạp add-in vào Excel (office-addin-debugging)…');
  spawn(process.execPath, [bin, 'start', manifest, 'desktop', '--app', 'excel', '--no-debug', '--dev-server-port', String(port)], { stdio: 'inherit', cwd: root });
  return true;
}

(async () => {
  build();
  const certs = await certificates();
  const server = certs ? https.createServer({ key: certs.key, cert: certs.cert }, serve) : http.createServer(serve);
  const scheme = certs ? 'https' : 'http';
  server.listen(port, () => {
    const url = `${scheme}://localhost:${port}/taskpane.html`;
    console.log(`\n✓ Add-in đang chạy tại ${url}`);
    if (certs && !certs.trusted) console.log('  (chứng chỉ tự ký: trình duyệt sẽ hỏi xác nhận; trên Windows/macOS, office-addin-dev-certs cài chứng chỉ tin cậy)');
    console.log(`  Manifest: ${manifest}`);
    if (!sideload()) {
      console.log('\nKhông có Excel trên máy này: mở địa chỉ trên bằng trình duyệt để dùng chế độ trình diễn.');
      console.log('Nạp vào Excel trên web: mở một sổ làm việc › Trang đầu › Phần bổ trợ › Thêm phần bổ trợ khác ›');
      console.log('  Tải lên phần bổ trợ của tôi › chọn manifest.xml ở trên (máy đang mở Excel cần truy cập được localhost:3000).');
    }
    console.log('\nNhấn Ctrl+C để dừng.');
  });
})().catch((e) => {
  console.error(`✗ ${e.message}`);
  process.exit(1);
});

#!/usr/bin/env node
/**
 * `npm start`: builds the add-in and serves it over HTTPS on https://localhost:3000 (the address in
 * manifest.xml), functions.json as JSON with CORS headers (scripts/serve.js). Where Excel desktop
 * is installed (Windows, macOS) it sideloads the add-in with office-addin-debugging; elsewhere
 * (Linux, CI) it serves the task pane in its demo mode and says how to sideload the manifest into
 * Excel on the web.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const https = require('https');
const http = require('http');
const os = require('os');
const path = require('path');

const { createHandler } = require('./serve');

const root = path.join(__dirname, '..');
const web = path.join(root, 'dist', 'web');
const port = Number(process.env.PORT || 3000);
const manifest = path.join(root, 'manifest.xml');

/** The production build, with a line every 10 s so a long build never looks stuck. */
function build() {
  console.log('» Đang build add-in (webpack, production), thường mất 30–90 giây… / Building the add-in (30–90 s)…');
  fs.rmSync(web, { recursive: true, force: true });
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const ticker = setInterval(() => console.log(`  … ${seconds()} s`), 10000);
  const child = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        console.log(`✓ Build xong sau ${seconds()} s: ${web} / Built in ${seconds()} s`);
        resolve();
      } else
        reject(new Error(`Build lỗi (mã ${code}); xem thông báo ở trên / The build failed (code ${code}); see above`));
    }),
  );
}

/**
 * A self-signed certificate for localhost, as `openssl req -x509 -newkey rsa:2048 -days 365
 * -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1` makes it (RSA 2048,
 * SHA-256, CA:TRUE and a subject key identifier), made with @peculiar/x509 over WebCrypto.
 */
async function selfSignedLocalhost(keyFile, certFile) {
  require('reflect-metadata'); // @peculiar/x509 needs the Reflect metadata API
  const x509 = require('@peculiar/x509');
  const { webcrypto } = require('crypto');
  x509.cryptoProvider.set(webcrypto);
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const serial = webcrypto.getRandomValues(new Uint8Array(16));
  serial[0] &= 0x7f; // a positive INTEGER
  const notBefore = new Date();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(serial).toString('hex'),
    name: 'CN=localhost',
    notBefore,
    notAfter: new Date(notBefore.getTime() + 365 * 86400000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
    ],
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  fs.writeFileSync(keyFile, `${keyPem}\n`, { mode: 0o600 });
  fs.writeFileSync(certFile, `${certificate.toString('pem')}\n`);
}

/**
 * Office's trusted localhost certificate where office-addin-dev-certs can install it; else a
 * self-signed one. Installing asks the operating system to trust a development CA, which may ask
 * for an administrator's password (sudo on Linux, a dialog on Windows and macOS): say so first.
 */
async function certificates() {
  try {
    const devCerts = require('office-addin-dev-certs');
    if (!devCerts.verifyCertificates()) {
      console.log(
        '» Excel chỉ nạp add-in qua HTTPS mà máy tin cậy: cần cài chứng chỉ phát triển "Developer CA for Microsoft Office Add-ins"',
      );
      console.log(
        '  vào kho chứng chỉ của máy (một lần, hết hạn sau 30 ngày). Hệ điều hành có thể hỏi mật khẩu quản trị (sudo).',
      );
      console.log(
        '  Nếu từ chối: add-in vẫn chạy với chứng chỉ tự ký — trình duyệt sẽ cảnh báo, Excel sẽ không nạp add-in.',
      );
      console.log(
        '  (Excel loads add-ins only over HTTPS the computer trusts: installing a development CA, which may ask for an',
      );
      console.log(
        '  administrator password. If declined, a self-signed certificate is used: browsers warn, Excel will not load the add-in.)',
      );
    }
    const options = await devCerts.getHttpsServerOptions();
    return { ...options, trusted: true };
  } catch (e) {
    const dir = path.join(os.homedir(), '.cds-dti-certs');
    const key = path.join(dir, 'localhost.key');
    const cert = path.join(dir, 'localhost.crt');
    console.log(`» Không cài được chứng chỉ tin cậy (${e.message.split('\n')[0]}): dùng chứng chỉ tự ký ${cert}`);
    if (!fs.existsSync(cert)) {
      fs.mkdirSync(dir, { recursive: true });
      try {
        await selfSignedLocalhost(key, cert);
      } catch {
        return undefined;
      }
    }
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), trusted: false, reason: e.message };
  }
}

/** functions.json as JSON with CORS, as Excel on the web needs it (scripts/serve.js). */
const serve = createHandler(web);

function sideload() {
  if (process.platform !== 'win32' && process.platform !== 'darwin') return false;
  let bin;
  try {
    bin = require.resolve('office-addin-debugging/cli.js');
  } catch {
    return false;
  }
  console.log('» Đang nạp add-in vào Excel (office-addin-debugging)…');
  spawn(
    process.execPath,
    [bin, 'start', manifest, 'desktop', '--app', 'excel', '--no-debug', '--dev-server-port', String(port)],
    { stdio: 'inherit', cwd: root },
  );
  return true;
}

(async () => {
  await build();
  const certs = await certificates();
  const server = certs ? https.createServer({ key: certs.key, cert: certs.cert }, serve) : http.createServer(serve);
  const scheme = certs ? 'https' : 'http';
  server.listen(port, () => {
    const url = `${scheme}://localhost:${port}/taskpane.html`;
    console.log(`\n✓ Add-in đang chạy tại / serving at ${url}`);
    if (certs && !certs.trusted)
      console.log(
        '  (chứng chỉ tự ký: trình duyệt sẽ hỏi xác nhận; Excel cần chứng chỉ tin cậy, xem README › Task pane)',
      );
    if (!certs)
      console.log('  (không tạo được chứng chỉ: phục vụ qua HTTP, chỉ dùng được chế độ trình diễn trong trình duyệt)');
    console.log(`  Manifest: ${manifest}`);
    if (!sideload()) {
      console.log('\nKhông có Excel trên máy này: mở địa chỉ trên bằng trình duyệt để dùng chế độ trình diễn.');
      console.log('Nạp vào Excel trên web: mở một sổ làm việc › Trang đầu › Phần bổ trợ › Thêm phần bổ trợ khác ›');
      console.log(
        '  Tải lên phần bổ trợ của tôi › chọn manifest.xml ở trên (máy đang mở Excel cần truy cập được localhost:3000).',
      );
    }
    console.log('\nNhấn Ctrl+C để dừng. / Press Ctrl+C to stop.');
  });
})().catch((e) => {
  console.error(`✗ ${e.message}`);
  process.exit(1);
});

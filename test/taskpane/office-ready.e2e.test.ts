/**
 * The pane in real Chromium with an office.js that loads but whose Office.onReady never resolves
 * (what happens when Office's own resources are blocked,
 * https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in): after about ten
 * seconds it says what to check instead of loading forever, and offers the demo mode.
 */
import { createServer, type Server } from 'http';
import { mkdirSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_PATH, describeWith } from '../support/system';

const root = join(__dirname, '..', '..');
const web = join(root, 'test-output', 'web');
const shots = join(root, 'test-output', 'screenshots');
const { createHandler } = require('../../scripts/serve.js') as { createHandler: (dir: string) => never };

const maybe = describeWith([CHROMIUM]);

maybe('Office.onReady never resolving (Chromium)', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = createServer(createHandler(web));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 420, height: 800 }, locale: 'vi-VN' });
    // An office.js that loads, defines Office, and never becomes ready.
    await page.route('https://appsforoffice.microsoft.com/**', (r) =>
      r.fulfill({
        contentType: 'text/javascript',
        body: 'window.Office = { HostType: { Excel: "Excel" }, onReady: function () { return new Promise(function () {}); } };',
      }),
    );
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test('shows, after about ten seconds, what to check, in Vietnamese then English', async () => {
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`);
    await page.getByText('Đang tải…').waitFor(); // the placeholder while Office is awaited
    await page.getByRole('alert').getByText('Không khởi động được phần bổ trợ').waitFor({ timeout: 20000 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9000);
    const alert = (await page.getByRole('alert').textContent()) ?? '';
    expect(alert).toMatch(/Office chưa trả lời sau 10 giây.*appsforoffice\.microsoft\.com.*tường lửa, proxy/);
    expect(alert).toMatch(/The add-in could not start.*appsforoffice\.microsoft\.com/);
    await page.getByRole('button', { name: /Thử lại/ }).waitFor();
    await page.screenshot({ path: join(shots, 'office-ready-timeout.png') });
  }, 30000);

  test('the demo mode is one click away', async () => {
    await page.getByRole('button', { name: /Mở chế độ trình diễn/ }).click();
    await page.getByText('Chế độ trình diễn', { exact: false }).first().waitFor({ timeout: 20000 });
    await page.getByRole('tab', { name: 'Mẫu biểu' }).waitFor();
  }, 30000);
});

maybe('the pane chunk missing (a release replaced while the pane was open)', () => {
  test('says so and offers to reload, instead of a blank pane', async () => {
    const server = createServer(createHandler(web));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 420, height: 800 }, locale: 'vi-VN' });
      await page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort()); // no Office: the demo
      await page.route(/\/pane\.[0-9a-f]+\.js$/, (r) => r.fulfill({ status: 404, body: '' }));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`);
      const alert = page.getByRole('alert');
      await alert.getByText('Không tải được khung chấm điểm').waitFor({ timeout: 20000 });
      expect(await alert.textContent()).toMatch(/tải lại khung.*The scoring pane could not be loaded/);
      await page.getByRole('button', { name: /Thử lại \/ Try again/ }).waitFor();
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  }, 60000);
});

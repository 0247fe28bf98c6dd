/**
 * The built task pane (test-output/web) served on a local port and opened in Debian's Chromium,
 * in demo mode: Office.js's CDN is unreachable here, so the page runs on its in-memory workbook.
 * Shared by the pane's Chromium suites.
 */
import { createServer, type Server } from 'http';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { AddressInfo } from 'net';
import { extname, join, normalize } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './system';

const web = join(__dirname, '..', '..', 'test-output', 'web');
export const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** The flags DEVELOPERS.md names, and what keeps a headless Chromium from calling out. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface PaneBrowser {
  browser: Browser;
  /** The pane's address, e.g. http://127.0.0.1:PORT/taskpane.html. */
  url: string;
  /** A new page on the pane in demo mode, at a width and height. */
  open(viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** `onRequest` sees each path served (e.g. to tell that a Web Worker's script was fetched). */
export async function startPaneBrowser(onRequest?: (path: string) => void): Promise<PaneBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const file = join(web, path === '/' ? 'taskpane.html' : path);
    if (!file.startsWith(web) || !existsSync(file)) return void res.writeHead(404).end();
    onRequest?.(path);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  return {
    browser,
    url,
    async open(viewport) {
      const page = await browser.newPage({ viewport, locale: 'vi-VN' });
      await page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
      await page.goto(url);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * One page on the pane for a describe block, at Excel's narrow pane width unless told: opened
 * before its tests, closed after. Read `page()` inside the tests.
 */
export function panePageForSuite(viewport = { width: 350, height: 900 }): { page: () => Page } {
  let pane: PaneBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    pane = await startPaneBrowser();
    page = await pane.open(viewport);
  }, 60000);
  afterAll(async () => {
    await pane?.close();
  });
  return { page: () => page! };
}

/** The officer's first step in demo mode: a decision chosen, the unit named, the template inserted. */
export async function insertTemplateInPane(
  page: Page,
  { decision, unitName, year }: { decision: RegExp; unitName: string; year: number },
): Promise<void> {
  await page.getByRole('combobox', { name: 'Quyết định' }).click();
  await page.getByRole('option', { name: decision }).click();
  await page.getByLabel('Tên đơn vị').fill(unitName);
  await page.getByLabel('Năm đánh giá').fill(String(year));
  await page.getByRole('button', { name: 'Chèn mẫu biểu' }).click();
  await page.getByText('Đã chèn mẫu biểu', { exact: false }).waitFor();
}

/**
 * The hosting configurations serve functions.json the way Excel on the web needs it: a page of one
 * origin (as Excel on the web is) fetches it from the add-in's host in real Chromium, which
 * enforces CORS. Checked for the `npm start` server (scripts/serve.js) and for nginx with
 * deploy/nginx-addin.conf serving a release made by `npm run manifest`; a server without the
 * headers is the control (Chromium refuses it). IIS cannot run here: deploy/web.config is checked
 * against what the documentation asks for (type and header), not served.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type RequestListener, type Server } from 'http';
import { AddressInfo, createServer as netServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { CHROMIUM, CHROMIUM_PATH, describeWith, hasProgram, NGINX } from '../support/system';

const root = join(__dirname, '..', '..');
const web = join(root, 'test-output', 'web');
const { createHandler } = require('../../scripts/serve.js') as { createHandler: (dir: string) => RequestListener };

const nginxFound = hasProgram(NGINX);

async function listen(handler: RequestListener): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** What a page of another origin gets when it fetches `url` (as Excel on the web fetches functions.json). */
async function crossOrigin(page: Page, url: string) {
  return page.evaluate(async (u) => {
    try {
      const r = await fetch(u);
      const body = await r.json();
      return {
        ok: r.ok,
        type: r.headers.get('content-type'),
        cache: r.headers.get('cache-control'),
        functions: (body.functions as { id: string }[]).length,
      };
    } catch (e) {
      return { error: String(e) };
    }
  }, url);
}

describe('deploy/web.config (IIS: read, not served — no IIS here)', () => {
  const config = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
    readFileSync(join(root, 'deploy', 'web.config'), 'utf8'),
  ).configuration['system.webServer'];

  test('gives .json the application/json type and every response Access-Control-Allow-Origin', () => {
    const maps = [config.staticContent.mimeMap].flat();
    expect(maps).toContainEqual({ '@fileExtension': '.json', '@mimeType': 'application/json' });
    expect([config.staticContent.remove].flat()).toContainEqual({ '@fileExtension': '.json' });
    const headers = [config.httpProtocol.customHeaders.add].flat();
    expect(headers).toContainEqual({ '@name': 'Access-Control-Allow-Origin', '@value': '*' });
  });
});

const maybe = describeWith([CHROMIUM]);

maybe('functions.json fetched cross-origin from Chromium', () => {
  let browser: Browser;
  let page: Page;
  const servers: Server[] = [];
  let nginx: ChildProcess | undefined;
  let nginxDir: string | undefined;
  let nginxBase = '';
  let release = '';

  beforeAll(async () => {
    // The page plays Excel on the web: an origin of its own.
    const excel = await listen((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Excel</p>'));
    servers.push(excel.server);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${excel.port}/`);

    if (nginxFound) {
      nginxDir = mkdtempSync(join(tmpdir(), 'dti-nginx-'));
      const out = join(nginxDir, 'release');
      const made = spawnSync(
        process.execPath,
        [join(root, 'scripts', 'manifest.js'), 'https://x.example/addin', '--web', web, '--out', out],
        {
          encoding: 'utf8',
        },
      );
      expect(made.status).toBe(0);
      release = readdirSync(out).find((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f))!;
      const port = await freePort();
      for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(nginxDir, d));
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
        .map((k, i) => `${k}_temp_path ${join(nginxDir!, ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'][i])};`)
        .join('\n  ');
      writeFileSync(
        join(nginxDir, 'nginx.conf'),
        `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${join(nginxDir, 'nginx.pid')};
error_log ${join(nginxDir, 'error.log')};
events {}
http {
  access_log off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    location /addin/ {
      alias ${out}/;
      include ${join(root, 'deploy', 'nginx-addin.conf')};
    }
  }
}
`,
      );
      nginx = spawn('nginx', ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: 'ignore',
      });
      nginxBase = `http://localhost:${port}/addin`;
      for (let i = 0; i < 50; i++) {
        const up = await fetch(`${nginxBase}/${release}/functions.json`).then(
          () => true,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await new Promise((r) => s.close(r));
    if (nginx?.pid) process.kill(nginx.pid, 'SIGTERM');
    if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
  });

  test('the npm start server: JSON, with CORS, readable from another origin', async () => {
    const addin = await listen(createHandler(web));
    servers.push(addin.server);
    const got = await crossOrigin(page, `http://localhost:${addin.port}/functions.json`);
    expect(got).toMatchObject({ ok: true, type: expect.stringMatching(/^application\/json/), functions: 6 });
  });

  test('the control: the same file without the headers is refused by the browser', async () => {
    const bare = await listen((_, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(join(web, 'functions.json'))),
    );
    servers.push(bare.server);
    const got = await crossOrigin(page, `http://localhost:${bare.port}/functions.json`);
    expect(got).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
  });

  (nginxFound ? test : test.skip)(
    'nginx with deploy/nginx-addin.conf, serving a release folder: JSON, CORS, cached for good',
    async () => {
      const got = await crossOrigin(page, `${nginxBase}/${release}/functions.json`);
      expect(got).toMatchObject({
        ok: true,
        type: expect.stringMatching(/^application\/json/),
        cache: expect.stringMatching(/immutable/),
        functions: 6,
      });
      expect(existsSync(join(nginxDir!, 'release', release, 'taskpane.html'))).toBe(true);
    },
  );
});

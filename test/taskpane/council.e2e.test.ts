/**
 * The council tab in real Chromium at Excel's 350 px pane width (demo mode on the built bundle):
 * the demo CA chosen as the trust anchor, three signed sample submissions and one hostile file
 * picked at once, checked in Web Workers (the progress reaches 4/4), ranked as `dti rank` ranks
 * the same files (run here, in-process, for the expectation), the hostile file listed with its
 * reason, then the council's workbook written into the memory workbook and its sheets shown.
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { dti } from '../support/dti';
import { SHOTS as shots, startPaneBrowser, type PaneBrowser } from '../support/pane-browser';
import { CHROMIUM, describeWith } from '../support/system';

const root = join(__dirname, '..', '..');
const maybe = describeWith([CHROMIUM]);
const SAMPLES = ['phuong-phu-hoi.xlsx', 'xa-phu-mau.xlsx', 'phuong-an-cuu.xlsx'].map((f) =>
  join(root, 'examples', 'council', f),
);
const HOSTILE = join(root, 'test', 'fixtures', 'hostile', 'zip-bomb.xlsx');
const CA = join(root, 'examples', 'council', 'demo-ca.pem');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const picked = (path: string) => ({ name: path.split('/').pop()!, mimeType: XLSX, buffer: readFileSync(path) });

maybe('the council tab (demo mode, Chromium, 350 px)', () => {
  let pane: PaneBrowser;
  let page: Page;
  const workerRequests: string[] = [];

  beforeAll(async () => {
    pane = await startPaneBrowser((path) => {
      if (path.endsWith('council-worker.js')) workerRequests.push(path);
    });
    page = await pane.open({ width: 350, height: 900 });
  }, 60000);

  afterAll(async () => {
    await pane?.close();
  });

  const overflow = () =>
    page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollWidth - main.clientWidth;
    });

  test('pick, check, rank as dti rank does, list the hostile file, write the council workbook', async () => {
    // The expectation: the CLI on the same files with the same root.
    const cli = await dti([
      'rank',
      ...SAMPLES,
      HOSTILE,
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--trust',
      CA,
      '--out',
      join(tmpdir(), 'council-e2e-ranking.xlsx'),
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const expected = (JSON.parse(cli.stdout) as { rank: number | null; unitName: string | null; total: number }[])
      .filter((r) => r.rank !== null)
      .map((r) => [String(r.rank), r.unitName, r.total.toFixed(2).replace('.', ',')]);
    expect(expected).toHaveLength(3);

    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    await page.getByText('Chưa chọn chứng thư gốc', { exact: false }).waitFor();
    await page.getByTestId('trust-input').setInputFiles({
      name: 'demo-ca.pem',
      mimeType: 'application/x-pem-file',
      buffer: readFileSync(CA),
    });
    await page.getByTestId('trust-status').filter({ hasText: '1 chứng thư gốc được ghi nhớ' }).waitFor();
    await page.screenshot({ path: join(shots, 'council-1-trust.png') });

    await page.getByTestId('council-input').setInputFiles([...SAMPLES, HOSTILE].map(picked));
    await page.getByText('4 tệp bài nộp').waitFor();
    await page.getByRole('button', { name: 'Kiểm tra và xếp hạng' }).click();
    await page.getByTestId('council-progress').filter({ hasText: 'Đã kiểm tra 4/4 tệp' }).waitFor({ timeout: 60000 });
    await page.getByTestId('council-ranking').waitFor();
    // The work ran in Web Workers, not in the page.
    expect(workerRequests.length).toBeGreaterThan(0);

    const ranked = page.getByTestId('ranked-row');
    expect(await ranked.count()).toBe(3);
    const shown = await ranked.evaluateAll((rows) =>
      rows.map((r) => [r.children[0].textContent, r.children[1].textContent, r.children[2].textContent]),
    );
    expect(shown).toEqual(expected);
    for (const row of await ranked.all()) expect(await row.textContent()).toContain('Hợp lệ');
    const hostile = page.getByTestId('unranked-row');
    expect(await hostile.count()).toBe(1);
    expect(await hostile.textContent()).toContain('zip-bomb.xlsx');
    expect(await hostile.textContent()).toMatch(/Tệp lỗi, không đọc được.*zip bomb/);
    await page.getByTestId('council-ranking').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-2-ranking.png') });
    await page.getByTestId('council-unranked').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-3-unranked.png') });
    expect(await overflow()).toBe(0);

    await page.getByRole('button', { name: 'Ghi sổ thẩm định' }).click();
    await page.getByText('Đã ghi sổ thẩm định: 3 đơn vị để thẩm định.').waitFor();
    const sheets = page.getByTestId('council-sheets');
    await sheets.getByRole('tab', { name: 'Xếp hạng' }).waitFor();
    await sheets.getByRole('tab', { name: 'Thẩm định' }).waitFor();
    // The ranking sheet's first unit is the first of the CLI's ranking.
    await sheets.getByRole('cell', { name: expected[0][1]!, exact: true }).first().waitFor();
    expect(await overflow()).toBe(0);
    await sheets.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-4-written.png') });
    await sheets.getByRole('tab', { name: 'Thẩm định' }).click();
    await sheets.getByRole('cell', { name: 'I.1.1', exact: true }).first().waitFor();
    await page.screenshot({ path: join(shots, 'council-5-appraisal-sheet.png') });

    // The root is remembered: after a reload the tab says so without choosing it again.
    await page.reload();
    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    await page.getByTestId('trust-status').filter({ hasText: '1 chứng thư gốc được ghi nhớ' }).waitFor();
  }, 120000);
});

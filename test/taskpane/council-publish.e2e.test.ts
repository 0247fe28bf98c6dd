/**
 * The council tab's deadline and "In kết quả xếp hạng" in real Chromium at Excel's 350 px pane
 * width (demo mode, the built bundle): the deadline set to 16:45 on 20/11/2025 (Vietnam time)
 * leaves the sample signed at 17:00 unranked as late, the others ranked as `dti rank --deadline`
 * ranks them; the council's workbook written, the published ranking written beside it; the
 * deadline remembered after a reload.
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { dti } from '../support/dti';
import { panePageForSuite, SHOTS as shots } from '../support/pane-browser';
import { CHROMIUM, describeWith } from '../support/system';

const root = join(__dirname, '..', '..');
const maybe = describeWith([CHROMIUM]);
// Signed at 16:00, 16:30 and 17:00 on 20/11/2025, Vietnam time (examples/council).
const SAMPLES = ['phuong-phu-hoi.xlsx', 'xa-phu-mau.xlsx', 'phuong-an-cuu.xlsx'].map((f) =>
  join(root, 'examples', 'council', f),
);
const CA = join(root, 'examples', 'council', 'demo-ca.pem');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const picked = (path: string) => ({ name: path.split('/').pop()!, mimeType: XLSX, buffer: readFileSync(path) });

maybe('the council tab: deadline and published ranking (demo mode, Chromium, 350 px)', () => {
  const suite = panePageForSuite();

  test('late by the deadline → not ranked; the published ranking written into the workbook', async () => {
    const page = suite.page();
    const cli = await dti([
      'rank',
      ...SAMPLES,
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--trust',
      CA,
      '--deadline',
      '20/11/2025 16:45',
      '--out',
      join(tmpdir(), 'council-publish-e2e.xlsx'),
      '--json',
    ]);
    const expected = (JSON.parse(cli.stdout) as { rank: number | null; unitName: string }[])
      .filter((r) => r.rank !== null)
      .map((r) => [String(r.rank), r.unitName]);
    expect(expected.map((r) => r[1]).sort()).toEqual(['Phường Phú Hội', 'Xã Phú Mậu']);

    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    await page.getByTestId('trust-input').setInputFiles({
      name: 'demo-ca.pem',
      mimeType: 'application/x-pem-file',
      buffer: readFileSync(CA),
    });
    const deadline = page.getByTestId('council-deadline');
    await deadline.getByLabel('Ngày (giờ Việt Nam)').fill('2025-11-20');
    await deadline.getByLabel('Giờ (không ghi: hết ngày)').fill('16:45');
    await page.getByTestId('council-input').setInputFiles(SAMPLES.map(picked));
    await page.getByRole('button', { name: 'Kiểm tra và xếp hạng' }).click();
    await page.getByTestId('council-ranking').waitFor({ timeout: 60000 });
    const ranked = page.getByTestId('ranked-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ranked-row"]').length === 2);
    const shown = await ranked.evaluateAll((rows) =>
      rows.map((r) => [r.children[0].textContent, r.children[1].textContent]),
    );
    expect(shown).toEqual(expected);
    const late = page.getByTestId('unranked-row');
    expect(await late.textContent()).toContain(
      'Nộp muộn: ký lúc 20/11/2025 17:00 (người ký tự khai) sau hạn 16:45 ngày 20/11/2025',
    );
    await deadline.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-publish-1-deadline.png') });

    // Printing before the council's workbook is written says what to do first.
    await page.getByRole('button', { name: 'In kết quả xếp hạng' }).click();
    await page.getByTestId('council-published').filter({ hasText: 'chưa có sổ thẩm định' }).waitFor();

    await page.getByRole('button', { name: 'Ghi sổ thẩm định' }).click();
    await page.getByText('Đã ghi sổ thẩm định: 2 đơn vị để thẩm định.').waitFor();
    const publish = page.getByTestId('council-publish');
    await publish.getByLabel('Địa danh').fill('Huế');
    await page.getByRole('button', { name: 'In kết quả xếp hạng' }).click();
    await page
      .getByTestId('council-published')
      .filter({ hasText: 'Đã ghi trang "Kết quả xếp hạng": 2 đơn vị được xếp hạng, 1 không xếp hạng.' })
      .waitFor();
    const main = await page.evaluate(() => {
      const m = document.querySelector('main')!;
      return m.scrollWidth - m.clientWidth;
    });
    expect(main).toBe(0);
    await publish.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-publish-2-printed.png') });

    // The deadline is remembered.
    await page.reload();
    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    // The remembered deadline is read from the settings after the tab opens: wait for it.
    const date = page.getByTestId('council-deadline').getByLabel('Ngày (giờ Việt Nam)');
    await date.evaluate(
      (el) =>
        new Promise<void>((done) => {
          const check = () => ((el as HTMLInputElement).value === '2025-11-20' ? done() : setTimeout(check, 50));
          check();
        }),
    );
    await expect(date.inputValue()).resolves.toBe('2025-11-20');
  }, 120000);
});

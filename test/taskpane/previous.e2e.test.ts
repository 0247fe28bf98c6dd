/**
 * The Score tab's comparison with last year, in real Chromium at Excel's 350 px pane width (demo
 * mode on the built bundle): last year's workbook picked with the file input, read in the browser,
 * the pillars and the largest changes shown, and written into the summary sheet. Huế 2263/2023
 * for a commune: I.1.1 is 10 points when the head chairs the committee, 5 when a deputy does;
 * I.4.1 is 5 for one article (50% of 10).
 */
import { join } from 'path';
import { assess } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { buildTemplate, entriesFromValues, SUMMARY_SHEET } from '../../src/template';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { writeXlsx } from '../../src/xlsx';
import { insertTemplateInPane, panePageForSuite, SHOTS as shots } from '../support/pane-browser';
import { CHROMIUM, describeWith } from '../support/system';

const maybe = describeWith([CHROMIUM]);
const rubric = getRubric('hue-2263-2023');

/** Last year's filled template: the head chaired the committee (I.1.1, 10 points). */
async function lastYearWorkbook(): Promise<Buffer> {
  const spec = buildTemplate(rubric, {
    unit: 'xa',
    unitName: 'Phường Phú Hội',
    year: 2024,
    entries: entriesFromValues(rubric, 'xa', { 'I.1.1': 'head' }),
  });
  return Buffer.from(await writeXlsx(spec));
}

describe('the demo workbook writes the comparison into its summary sheet', () => {
  test('inserting with last year’s result: Năm trước and Năm nay columns on Tổng hợp, entries kept', async () => {
    const port = new MemoryWorkbook();
    await port.insertTemplate(rubric, { unit: 'xa', year: 2025 }, () => undefined);
    const before = assess(rubric, { unit: 'xa', values: { 'I.1.1': 'head' } });
    const out = await port.insertTemplate(
      rubric,
      { unit: 'xa', year: 2025, previous: { assessment: before } },
      () => undefined,
    );
    expect(out.ok).toBe(true);
    const summary = port.sheets.get(SUMMARY_SHEET)!;
    // 2263's pillar table is A–E; the comparison follows: pillar I was 10 last year, 0 now.
    expect(['F4', 'G4', 'H4'].map((a) => summary.get(a))).toEqual(['Năm trước', 'Năm nay', 'Thay đổi']);
    expect([summary.get('F5'), summary.get('G5'), summary.get('H5')]).toEqual([10, 0, -10]);
  });
});

maybe('comparison with last year in the pane (demo mode, Chromium, 350 px)', () => {
  const suite = panePageForSuite();

  test('pick last year’s workbook → per pillar and the largest changes; write it to Tổng hợp', async () => {
    const page = suite.page();
    await insertTemplateInPane(page, { decision: /2263\/QĐ-UBND/, unitName: 'Phường Phú Hội', year: 2025 });
    // This year a deputy chairs the committee (5) and one article was published (5).
    await page
      .getByLabel(/^I\.1\.1 /)
      .first()
      .selectOption({ label: 'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo' });
    const news = page.getByLabel(/^I\.4\.1 /).first();
    await news.fill('1');
    await news.press('Tab');
    await page.getByRole('tab', { name: 'Điểm' }).click();
    await page.getByTestId('total').filter({ hasText: /^10$/ }).waitFor();

    // A file that is not a workbook is refused, saying why.
    await page.getByLabel('Chọn tệp năm trước (.xlsx hoặc .json)').setInputFiles({
      name: 'ghi-chu.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"ghi chú": 1}'),
    });
    await page.getByText('Không dùng được tệp ghi-chu.json', { exact: false }).waitFor();

    await page.getByLabel('Chọn tệp năm trước (.xlsx hoặc .json)').setInputFiles({
      name: 'phu-hoi-2024.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await lastYearWorkbook(),
    });
    const pillars = page.getByTestId('previous-pillars');
    await pillars.waitFor();
    await page.getByText('Năm 2024, chấm theo Quyết định 2263/QĐ-UBND').waitFor();
    // Pillar I: 10 of 90 last year, 10 of 90 now (−5 on I.1.1, +5 on I.4.1).
    expect(await pillars.getByRole('listitem').first().textContent()).toMatch(/^I\. Nhận thức số: 10\/90 → 10\/90 ?0$/);
    const biggest = page.getByTestId('previous-biggest').getByRole('listitem');
    expect(await biggest.count()).toBe(2);
    expect(await biggest.allTextContents()).toEqual([
      expect.stringMatching(/^I\.1\.1 .*: 10\/10 → 5\/10−5$|^I\.1\.1 .*: 10\/10 → 5\/10-5$/),
      expect.stringMatching(/^I\.4\.1 .*: 0\/10 → 5\/10\+5$/),
    ]);
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollWidth - main.clientWidth;
    });
    expect(overflow).toBe(0);
    await page.getByTestId('previous').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'previous-year-350.png') });

    await page.getByRole('button', { name: 'Ghi vào Tổng hợp' }).click();
    await page.getByText('Đã ghi so sánh vào trang Tổng hợp', { exact: false }).waitFor();
    // The entries are still there: the total has not moved.
    await page.getByTestId('total').filter({ hasText: /^10$/ }).waitFor();
  }, 90000);
});

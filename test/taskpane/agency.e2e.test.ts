/**
 * The council tab's agency section in real Chromium at Excel's 350 px pane width (demo mode on the
 * built bundle): the council's saved Hà Nội workbook picked, one download per agency of Phụ lục
 * III offered and each holding exactly its indicators; then the workbook and one agency's returned
 * share picked together, merged, and the merged workbook written into the memory workbook.
 */
import { join } from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  AGENCY_DONE,
  AGENCY_SHEET,
  appraisalWorkbook,
  assessSubmission,
  rankSubmissions,
  type SubmissionResult,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { writeXlsx } from '../../src/xlsx';
import { rowsByUnit, SO_SHARES, YT } from '../support/agencies';
import { SHOTS as shots, startPaneBrowser, type PaneBrowser } from '../support/pane-browser';
import { sealedSubmission } from '../support/submissions';
import { CHROMIUM, describeWith } from '../support/system';

const maybe = describeWith([CHROMIUM]);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

maybe('the council tab: sharing the appraisal among the agencies (demo mode, Chromium, 350 px)', () => {
  let pane: PaneBrowser;
  let page: Page;
  let council: Buffer;

  beforeAll(async () => {
    const hanoi = getRubric('hanoi-5279-2025');
    const form = { rubric: hanoi.id, unit: 'so' as const };
    const results = await Promise.all(
      ['Sở Y tế', 'Sở Tư pháp'].map(async (u, i) => {
        const bytes = await sealedSubmission(i + 1, u, false, { form });
        return {
          ...(await assessSubmission(`${u}.xlsx`, bytes, { expect: form })),
          status: 'valid',
        } as SubmissionResult;
      }),
    );
    council = Buffer.from(await writeXlsx(appraisalWorkbook(hanoi, 'so', rankSubmissions(hanoi, results)).spec));
    pane = await startPaneBrowser();
    page = await pane.open({ width: 350, height: 900 });
  }, 120000);

  afterAll(async () => {
    await pane?.close();
  });

  test('split into downloads, each with its indicators; merge one back into the open workbook', async () => {
    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    await page
      .getByTestId('agency-split-input')
      .setInputFiles({ name: 'tham-dinh.xlsx', mimeType: XLSX, buffer: council });
    const list = page.getByTestId('agency-downloads');
    await list.waitFor();
    expect(await list.getByRole('button').count()).toBe(Object.keys(SO_SHARES).length);
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-agency-1-split.png') });
    const saved = page.waitForEvent('download');
    await list.getByRole('button', { name: `${YT} — 1 tiêu chí` }).click();
    const file = await saved;
    expect(file.suggestedFilename()).toBe('so-y-te.xlsx');
    const bytes = new Uint8Array(await streamed(await file.createReadStream()));
    for (const ids of rowsByUnit(bytes).values()) expect(ids).toEqual(SO_SHARES[YT]);

    // Sở Y tế marks its share finished (in Excel) and sends it back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    wb.getWorksheet(AGENCY_SHEET)!.getCell('B6').value = AGENCY_DONE;
    const back = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('agency-merge-input').setInputFiles([
      { name: 'tham-dinh.xlsx', mimeType: XLSX, buffer: council },
      { name: 'so-y-te.xlsx', mimeType: XLSX, buffer: back },
    ]);
    await page.getByRole('button', { name: 'Gộp 2 tệp' }).click();
    await page.getByText('Đã ghi bảng thẩm định đã gộp vào sổ làm việc', { exact: false }).waitFor();
    // Only Sở Y tế returned: the other agencies' indicators are listed as appraised by nobody.
    const report = page.getByTestId('agency-merge-report');
    await expect(report.getByText('Chưa cơ quan nào thẩm định', { exact: false }).count()).resolves.toBeGreaterThan(5);
    await expect(report.getByText('· 8.3', { exact: false }).count()).resolves.toBe(0);
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'council-agency-2-merge.png') });
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollWidth - main.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  }, 120000);
});

async function streamed(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The officer's "Nhập ý kiến thẩm định" on the Nộp tab, in real Chromium at Excel's 350 px pane
 * width (demo mode on the built bundle): the council's feedback JSON picked, checked against the
 * template (another unit type's refused, saying why), then written in — the entries kept (the
 * total does not move). Huế 2263/2023 for a commune: I.1.1 is 5 points when a deputy chairs the
 * steering committee.
 */
import { join } from 'path';
import { insertTemplateInPane, panePageForSuite, SHOTS as shots } from '../support/pane-browser';
import { CHROMIUM, describeWith } from '../support/system';

const maybe = describeWith([CHROMIUM]);

const feedback = (unit: string) => ({
  format: 'dti-feedback',
  version: 1,
  round: 1,
  rubric: 'hue-2263-2023',
  rubricVersion: '1.0.0',
  unit,
  unitName: 'Phường Phú Hội',
  submission: { file: 'phu-hoi.xlsx', sha256: 'ab'.repeat(32) },
  criteria: [
    { id: 'I.1.1', title: 'Ban chỉ đạo', selfAssessed: 5, appraised: 0, reason: 'Tài liệu không ký số', note: '' },
  ],
});

const asFile = (name: string, data: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(data)),
});

maybe('importing the council’s feedback in the pane (demo mode, Chromium, 350 px)', () => {
  const suite = panePageForSuite();

  test('another unit type refused; then the feedback written in, the entries kept', async () => {
    const page = suite.page();
    await insertTemplateInPane(page, { decision: /2263\/QĐ-UBND/, unitName: 'Phường Phú Hội', year: 2025 });
    await page
      .getByLabel(/^I\.1\.1 /)
      .first()
      .selectOption({ label: 'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo' });
    await page.getByRole('tab', { name: 'Điểm' }).click();
    await page.getByTestId('total').filter({ hasText: /^5$/ }).waitFor();

    await page.getByRole('tab', { name: 'Nộp' }).click();
    const input = page.getByLabel('Nhập ý kiến thẩm định');
    await input.setInputFiles(asFile('y-kien-huyen.json', feedback('huyen')));
    await page
      .getByText('Ý kiến thẩm định theo hue-2263-2023 (huyen), không phải mẫu biểu này', { exact: false })
      .waitFor();

    await input.setInputFiles(asFile('01-phuong-phu-hoi.json', feedback('xa')));
    await page
      .getByTestId('feedback-summary')
      .filter({ hasText: 'Vòng 1, bài nộp phu-hoi.xlsx: 1 tiêu chí có ý kiến (I.1.1).' })
      .waitFor();
    await page.getByRole('button', { name: 'Ghi ý kiến vào mẫu biểu' }).click();
    await page
      .getByText('Đã thêm ý kiến thẩm định vòng 1 và ô Giải trình bên cạnh 1 tiêu chí', { exact: false })
      .waitFor();
    await page.getByTestId('import-feedback').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'import-feedback-350.png') });
    await page.getByRole('tab', { name: 'Điểm' }).click();
    await page.getByTestId('total').filter({ hasText: /^5$/ }).waitFor();
  }, 90000);
});

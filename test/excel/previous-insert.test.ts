/**
 * "Ghi vào Tổng hợp" through the Office.js port over the strict fake: the template updated with
 * last year's result, the comparison's columns on the summary sheet, in the syncs of any update.
 * Huế 2263/2023 for a commune: I.1.1 is 10 points when the head chairs the steering committee.
 */
import { assess } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import { SUMMARY_SHEET } from '../../src/template';
import { fakeExcelHost, type FakeExcel } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
let fake: FakeExcel;

const host = fakeExcelHost();
beforeEach(() => {
  fake = host.fake;
});

test('updating with last year writes Năm trước values and Năm nay formulas, in the syncs of any update; the template reads back', async () => {
  const port = new OfficeWorkbook();
  const request = { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 };
  expect((await port.insertTemplate(rubric, request, () => undefined)).ok).toBe(true);
  const plainUpdate = fake.syncs;
  await port.insertTemplate(rubric, request, () => undefined);
  const updateSyncs = fake.syncs - plainUpdate;

  const lastYear = assess(rubric, { unit: 'xa', year: 2024, values: { 'I.1.1': 'head' } });
  const before = fake.syncs;
  const out = await port.insertTemplate(
    rubric,
    { ...request, previous: { assessment: lastYear, year: 2024, decision: '2263/QĐ-UBND' } },
    () => undefined,
  );
  expect(out).toMatchObject({ ok: true, updated: true });
  expect(fake.syncs - before).toBe(updateSyncs);
  const cell = (a: string) => fake.cell(SUMMARY_SHEET, a);
  expect(['F4', 'G4', 'H4'].map((a) => cell(a)?.value)).toEqual(['Năm trước', 'Năm nay', 'Thay đổi']);
  expect(cell('F5')?.value).toBe(10);
  expect(cell('G5')?.formula).toBe('=C5');
  expect(cell('H5')?.formula).toMatch(/G5-F5/);
  expect((await port.readTemplate())?.unitName).toBe('Phường Phú Hội');
});

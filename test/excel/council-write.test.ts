/**
 * The council's workbook written through the pane's Office.js port onto the strict fake: the same
 * number of syncs for 3 units as for 60 (it does not grow with the batch), nothing of the council's
 * own overwritten without asking (its sheet is renamed aside and kept once it agrees), and a workbook
 * holding an officer's template refused. The memory port answers the same.
 */
import {
  appraisalWorkbook,
  APPRAISAL_SHEET,
  assessSubmission,
  rankSubmissions,
  RANKING_SHEET,
} from '../../src/council';
import type { SubmissionResult } from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { FakeExcel, fakeExcelHost } from '../support/fake-excel';
import { sealedSubmission } from '../support/submissions';

const hue = getRubric('hue-2263-2023');
let fake: FakeExcel;

const host = fakeExcelHost();
beforeEach(() => {
  fake = host.fake;
});

let one: SubmissionResult;
beforeAll(async () => {
  const r = await assessSubmission('s1.xlsx', await sealedSubmission(1, 'Phường Phú Hội'));
  one = { ...r, status: 'valid' };
});

/** `n` units, each the same submission under another name (the write does not care how they scored). */
const councilSpec = (n: number) =>
  appraisalWorkbook(
    hue,
    'xa',
    rankSubmissions(
      hue,
      Array.from({ length: n }, (_, i) => ({ ...one, file: `s${i}.xlsx`, unitName: `Xã số ${i + 1}` })),
    ),
  ).spec;

test('the write takes the same few syncs for 3 units as for 60, and the sheets are there', async () => {
  const counts: number[] = [];
  for (const n of [3, 60]) {
    fake = host.fake = new FakeExcel(['Sheet1']);
    const before = fake.syncs;
    const out = await new OfficeWorkbook().writeCouncilWorkbook(councilSpec(n));
    expect(out.ok).toBe(true);
    counts.push(fake.syncs - before);
    expect(fake.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([RANKING_SHEET, APPRAISAL_SHEET]));
    // The last ranked unit's name is on the ranking sheet (row 4 is the first unit).
    expect(fake.cell(RANKING_SHEET, `B${3 + n}`)?.value).toMatch(/^Xã số/);
  }
  expect(counts[0]).toBe(counts[1]);
  // Look, replacement (new sheets: 4), and Excel.run's closing sync.
  expect(counts[0]).toBeLessThanOrEqual(6);
});

test('a second write asks before touching the first; agreed, the first is kept under a new name', async () => {
  const port = new OfficeWorkbook();
  expect((await port.writeCouncilWorkbook(councilSpec(3))).ok).toBe(true);
  fake.cell(RANKING_SHEET, 'B4')!.value = 'sửa của hội đồng';
  const asked = await port.writeCouncilWorkbook(councilSpec(4));
  expect(asked).toMatchObject({ ok: false, kind: 'confirm-rename' });
  expect(fake.cell(RANKING_SHEET, 'B4')?.value).toBe('sửa của hội đồng');
  const done = await port.writeCouncilWorkbook(councilSpec(4), { renameSheets: true });
  expect(done.ok).toBe(true);
  expect(fake.cell(`${RANKING_SHEET} (2)`, 'B4')?.value).toBe('sửa của hội đồng');
  expect(fake.cell(RANKING_SHEET, 'B7')?.value).toMatch(/^Xã số/);
});

test('a workbook with an officer’s template is refused, by both ports', async () => {
  const office = new OfficeWorkbook();
  expect((await office.insertTemplate(hue, { unit: 'xa', year: 2025 }, () => undefined)).ok).toBe(true);
  const out = await office.writeCouncilWorkbook(councilSpec(2), { renameSheets: true });
  expect(out).toMatchObject({ ok: false, kind: 'refused' });
  expect(fake.sheets.some((s) => s.name === RANKING_SHEET)).toBe(false);

  const memory = new MemoryWorkbook();
  await memory.insertTemplate(hue, { unit: 'xa', year: 2025 }, () => undefined);
  expect(await memory.writeCouncilWorkbook(councilSpec(2), { renameSheets: true })).toMatchObject({
    ok: false,
    kind: 'refused',
  });
  const empty = new MemoryWorkbook();
  expect((await empty.writeCouncilWorkbook(councilSpec(2))).ok).toBe(true);
  expect(empty.get(RANKING_SHEET, 'B5')).toBe('Xã số 2');
  expect(empty.councilSheets).toEqual([RANKING_SHEET, APPRAISAL_SHEET]);
});

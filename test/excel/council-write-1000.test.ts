/**
 * The council's workbook for 1,000 units (issue #16, Performance) written through the pane's port
 * onto the strict fake as Excel on the web: within 10 syncs (Excel.run's closing one counted) and
 * no request or reply over the web's 5 MB, which the fake refuses as Excel does. One assessed
 * submission stands for all units, each under its own name and with its own points, so the test
 * spends its time on the write. Every unit's rows are there, with their appraised cells validated
 * as the spec says, in whichever grouping the writer chose.
 */
import { APPRAISAL_COLUMNS as COL, appraisalWorkbook, APPRAISAL_SHEET, assessSubmission } from '../../src/council';
import { rankSubmissions, RANKING_SHEET, type SubmissionResult } from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import type { ValidationSpec } from '../../src/template';
import { isDeepStrictEqual as isEqual } from 'util';
import { FakeExcel, fakeExcelHost, WEB_PAYLOAD_LIMIT, type FakeValidation } from '../support/fake-excel';
import { sealedSubmission } from '../support/submissions';

const UNITS = 1000;
const hue = getRubric('hue-2263-2023');
const host = fakeExcelHost();

let units: SubmissionResult[];
beforeAll(async () => {
  const one = await assessSubmission('x.xlsx', await sealedSubmission(1, 'Xã mẫu'));
  const first = one.assessment!.criteria[0];
  units = Array.from({ length: UNITS }, (_, i) => {
    // The first criterion's points differ from unit to unit (0 … its maximum), and so do the totals.
    const points = i % ((first.max ?? 0) + 1);
    const total = (one.assessment!.total ?? 0) - (first.points ?? 0) + points;
    return {
      ...one,
      status: 'valid',
      file: `xa-${i + 1}.xlsx`,
      digest: String(i).padStart(64, '0'),
      unitName: `Xã số ${i + 1}`,
      assessment: {
        ...one.assessment!,
        total,
        criteria: [{ ...first, points }, ...one.assessment!.criteria.slice(1)],
      },
    };
  });
}, 60000);

const rowOf = (a: string) => Number(a.replace(/^\$?[A-Z]+\$?/, ''));
const columnOf = (a: string) => /^[A-Z]+/.exec(a)![0];

/** Each cell a range covers ("I5", "J5:J83": one column, as the council's sheet has them). */
function cellsOf(range: string): string[] {
  const [a, b = a] = range.split(':');
  if (columnOf(a) !== columnOf(b)) throw new Error(`a range over several columns: ${range}`);
  return Array.from({ length: rowOf(b) - rowOf(a) + 1 }, (_, i) => `${columnOf(a)}${rowOf(a) + i}`);
}

/** What Excel holds for a validation of the spec, worked out from Office.js's DataValidation docs. */
function expected(v: ValidationSpec) {
  const rule =
    v.type === 'decimal'
      ? { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } }
      : v.type === 'list'
        ? { list: { inCellDropDown: true, source: v.source } }
        : `a ${v.type} validation, which the council's sheet does not have`;
  return {
    ignoreBlanks: v.allowBlank,
    rule,
    prompt: v.prompt && { showPrompt: true, ...v.prompt },
    errorAlert: { showAlert: true, style: v.errorStyle === 'warning' ? 'Warning' : 'Stop', ...v.error },
  };
}

test('1,000 units in at most 10 syncs, no request or reply over 5 MB, every cell and validation there', async () => {
  const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, units));
  const sheet = spec.sheets.find((s) => s.name === APPRAISAL_SHEET)!;
  const fake = (host.fake = new FakeExcel(['Sheet1'], { platform: 'web' }));

  const out = await new OfficeWorkbook().writeCouncilWorkbook(spec);

  expect(out).toMatchObject({ ok: true });
  expect(fake.syncs).toBeLessThanOrEqual(10);
  expect(fake.largest.request).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  expect(fake.largest.response).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);

  // Every unit is ranked (rows 4 … 1003 of the ranking sheet).
  const ranked = Array.from({ length: UNITS }, (_, i) => fake.cell(RANKING_SHEET, `B${4 + i}`)?.value);
  expect(new Set(ranked)).toEqual(new Set(units.map((u) => u.unitName)));
  // Every value and formula of the appraisal sheet: each unit's 79 criteria are rows.
  const ids = new Set(units[0].assessment!.criteria.map((c) => c.id));
  expect(ids.size).toBe(79);
  const criterionRows = sheet.cells.filter((c) => c.address.startsWith(COL.criterion) && ids.has(String(c.value)));
  expect(criterionRows).toHaveLength(UNITS * 79);
  const wrong = sheet.cells.filter((c) => {
    const got = fake.cell(APPRAISAL_SHEET, c.address);
    if (c.formula !== undefined) return got?.formula !== c.formula;
    return c.value !== undefined && c.value !== null && c.value !== '' && got?.value !== c.value;
  });
  expect(wrong.map((c) => c.address).slice(0, 5)).toEqual([]);

  // Each validated cell has the spec's rule, prompt and alert, however the writer grouped them.
  const written = new Map<string, FakeValidation>();
  const twice: string[] = [];
  for (const v of fake.sheet(APPRAISAL_SHEET).validations)
    for (const a of cellsOf(v.range)) {
      if (written.has(a)) twice.push(a);
      written.set(a, v);
    }
  expect(twice).toEqual([]);
  let validated = 0;
  for (const v of sheet.validations) {
    const want = expected(v);
    for (const a of cellsOf(v.range)) {
      const got = written.get(a);
      if (!(
        got &&
        isEqual(got.rule, want.rule) &&
        isEqual(got.prompt, want.prompt) &&
        isEqual(got.errorAlert, want.errorAlert)
      ))
        expect([a, got]).toEqual([a, { range: got?.range, ...want }]);
      validated++;
    }
  }
  expect(validated).toBe(written.size);
  expect(validated).toBeGreaterThanOrEqual(UNITS * 79);
}, 120000);

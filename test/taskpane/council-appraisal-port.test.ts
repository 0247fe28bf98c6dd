/**
 * The pane's appraisal edits written into the council's workbook and read back, through the
 * Office.js port on the strict fake and through the in-memory port: each edit lands in its unit's
 * row (found by key and criterion, as `dti rank --appraisal` finds it, so rows the council moved
 * still get the right cells), all in one batch — the syncs do not grow with the number of edits,
 * and only the five columns the reader needs are loaded —
 * and what the council types into the sheet in Excel is what the pane reads back and ranks on.
 */
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  appraisalWorkbook,
  assessSubmission,
  rankAppraised,
  rankSubmissions,
  type AppraisalEdit,
  type CouncilAppraisal,
  type SubmissionResult,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import { fakeExcelHost } from '../support/fake-excel';
import { sealedSubmission } from '../support/submissions';

const hue = getRubric('hue-2263-2023');
const host = fakeExcelHost();

let units: SubmissionResult[];
beforeAll(async () => {
  units = await Promise.all(
    [
      [1, 'Xã Một'],
      [2, 'Xã Hai'],
      [3, 'Xã Ba'],
    ].map(async ([seed, name]) => ({
      ...(await assessSubmission(`${seed}.xlsx`, await sealedSubmission(seed as number, name as string))),
      status: 'valid' as const,
    })),
  );
});

const spec = () => appraisalWorkbook(hue, 'xa', rankSubmissions(hue, units)).spec;
/** The first criterion of a unit the council may appraise, and its re-score. */
const open = (u: SubmissionResult) => u.assessment!.criteria.find((c) => (c.max ?? 0) > 0 && (c.points ?? 0) > 0)!;
const edits = (): AppraisalEdit[] =>
  units.slice(0, 2).map((u) => ({
    digest: u.digest!,
    criterion: open(u).id,
    value: 0,
    reason: 'Thiếu tài liệu kiểm chứng',
    note: `ghi chú ${u.unitName}`,
  }));
const rowOf = (read: CouncilAppraisal, u: SubmissionResult) => read.cells.get(u.digest!)!.get(open(u).id)!.row!;

test('Office.js: the edits land in their rows in one batch (three syncs, however many edits), and read back in two', async () => {
  const port = new OfficeWorkbook();
  expect((await port.writeCouncilWorkbook(spec())).ok).toBe(true);
  const fake = host.fake;

  let before = fake.syncs;
  const logged = fake.log.length;
  const first = await port.readCouncilAppraisal();
  // The identity, then the five columns it names; and Excel.run's closing sync.
  expect(fake.syncs - before).toBe(3);
  if ('error' in first) throw new Error(first.error.en);
  // Of the appraisal sheet only the key, criterion, appraised, reason and note columns were loaded.
  const loads = fake.log.slice(logged).filter((l) => l.startsWith(APPRAISAL_SHEET) && l.includes('load('));
  expect(loads.map((l) => l.split(': load')[0].replace(/\d+/g, ''))).toEqual(
    ['A', 'C', 'I', 'J', 'K'].map((c) => `${APPRAISAL_SHEET}!${c}:${c}`),
  );

  before = fake.syncs;
  expect(await port.writeAppraisal(edits())).toEqual({ ok: true, written: 2 });
  // Find the rows (the two reads), write them all; and Excel.run's closing sync.
  expect(fake.syncs - before).toBe(4);
  for (const [i, u] of units.slice(0, 2).entries()) {
    const r = rowOf(first, u);
    expect(fake.cell(APPRAISAL_SHEET, `${COL.criterion}${r}`)?.value).toBe(open(u).id);
    expect(fake.cell(APPRAISAL_SHEET, `${COL.appraised}${r}`)?.value).toBe(0);
    expect(fake.cell(APPRAISAL_SHEET, `${COL.reason}${r}`)?.value).toBe('Thiếu tài liệu kiểm chứng');
    expect(fake.cell(APPRAISAL_SHEET, `${COL.note}${r}`)?.value).toBe(`ghi chú ${units[i].unitName}`);
  }

  // Ten edits cost the same syncs.
  const many = units.flatMap((u) =>
    u
      .assessment!.criteria.filter((c) => (c.max ?? 0) > 0)
      .slice(0, 4)
      .map((c) => ({ digest: u.digest!, criterion: c.id, value: c.max!, reason: 'Khác', note: '' })),
  );
  expect(many.length).toBeGreaterThanOrEqual(10);
  before = fake.syncs;
  expect((await port.writeAppraisal(many)).ok).toBe(true);
  expect(fake.syncs - before).toBe(4);
});

test('what the council types in Excel is read back and ranked as the edits say, the same by both ports', async () => {
  const office = new OfficeWorkbook();
  const memory = new MemoryWorkbook();
  for (const port of [office, memory]) expect((await port.writeCouncilWorkbook(spec())).ok).toBe(true);
  const read = (await office.readCouncilAppraisal()) as CouncilAppraisal;
  // The council, in Excel, sets the leader's criterion to 0 with a reason.
  const leader = rankSubmissions(hue, units)[0].submission;
  const r = rowOf(read, leader);
  host.fake.cell(APPRAISAL_SHEET, `${COL.appraised}${r}`)!.value = 0;
  host.fake.cell(APPRAISAL_SHEET, `${COL.reason}${r}`)!.value = 'Quá hạn';
  memory.set(APPRAISAL_SHEET, `${COL.appraised}${r}`, 0);
  memory.set(APPRAISAL_SHEET, `${COL.reason}${r}`, 'Quá hạn');

  const fromExcel = (await office.readCouncilAppraisal()) as CouncilAppraisal;
  const fromMemory = (await memory.readCouncilAppraisal()) as CouncilAppraisal;
  expect(fromExcel.cells.get(leader.digest!)!.get(open(leader).id)).toEqual({
    value: 0,
    reason: 'Quá hạn',
    note: '',
    row: r,
  });
  expect([...fromMemory.cells]).toEqual([...fromExcel.cells]);
  const ranked = rankAppraised(hue, units, fromExcel.cells, { listedOnly: true });
  const a = ranked.rows.find((x) => x.submission.digest === leader.digest)!.submission.assessment!;
  expect(a.total).toBeCloseTo(leader.assessment!.total! - open(leader).points!, 2);
  expect(ranked.changes.get(leader.file)).toEqual([
    { criterion: open(leader).id, rescored: open(leader).points, appraised: 0, reason: 'Quá hạn', note: '' },
  ]);
});

test('rows the council moved still get the right cells; an edit with no row writes nothing', async () => {
  const port = new MemoryWorkbook();
  expect((await port.writeCouncilWorkbook(spec())).ok).toBe(true);
  const read = (await port.readCouncilAppraisal()) as CouncilAppraisal;
  const [u] = units;
  const r = rowOf(read, u);
  // Swap the unit's row with the next one, every column (the council sorted the sheet).
  const sheet = port.sheets.get(APPRAISAL_SHEET)!;
  for (const c of Object.values(COL)) {
    const [x, y] = [sheet.get(`${c}${r}`) ?? null, sheet.get(`${c}${r + 1}`) ?? null];
    sheet.set(`${c}${r}`, y);
    sheet.set(`${c}${r + 1}`, x);
  }
  expect(await port.writeAppraisal([edits()[0]])).toEqual({ ok: true, written: 1 });
  expect(port.get(APPRAISAL_SHEET, `${COL.criterion}${r + 1}`)).toBe(open(u).id);
  expect(port.get(APPRAISAL_SHEET, `${COL.appraised}${r + 1}`)).toBe(0);
  expect(port.get(APPRAISAL_SHEET, `${COL.note}${r + 1}`)).toBe(`ghi chú ${u.unitName}`);

  const stray = { ...edits()[1], digest: 'f'.repeat(64) };
  const before = JSON.stringify([...sheet]);
  const out = await port.writeAppraisal([edits()[1], stray]);
  expect(out.ok).toBe(false);
  expect(JSON.stringify([...sheet])).toBe(before);
});

test('a workbook without the council’s workbook says so, by both ports', async () => {
  for (const port of [new OfficeWorkbook(), new MemoryWorkbook()]) {
    expect(await port.readCouncilAppraisal()).toHaveProperty('error');
    const out = await port.writeAppraisal(edits());
    expect(out).toMatchObject({ ok: false });
    expect(!out.ok && out.message.vi).toMatch(/chưa có sổ thẩm định/);
  }
});

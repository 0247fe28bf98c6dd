/**
 * Appraisal shared among member agencies (Hà Nội 5279/QĐ-UBND Điều 6.2): the rubric's agency per
 * indicator checked against the decision's own column, the council workbook read back into its
 * rows (rebuilt, it is the same workbook), split by agency, and merged back with a conflict and a
 * criterion nobody appraised; a rubric that names no agency goes through the council's assignment
 * sheet. Signatures are the signature tests' business: the submissions here are sealed, unsigned,
 * and taken as validly signed.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  AGENCY_DONE,
  AGENCY_SHEET,
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  ASSIGNMENT_SHEET,
  RANKING_SHEET,
  appraisalWorkbook,
  assessSubmission,
  mergeAgencies,
  rankSubmissions,
  readAppraisal,
  readCouncilRows,
  splitByAgency,
  type AgencyWorkbook,
  type SubmissionResult,
} from '../../src/council';
import { getRubric, type UnitId } from '../../src/rubrics';
import type { Scalar, SheetsSpec } from '../../src/template';
import { writeXlsx } from '../../src/xlsx';
import { writePlainXlsx } from '../../src/xlsx/plain';
import { CA, KHCN, readWorkbook, rowsByUnit, SO_SHARES, TC, TTHCC, VHTT, VP, YT } from '../support/agencies';
import { sealedSubmission } from '../support/submissions';

const hanoi = getRubric('hanoi-5279-2025');
const hue = getRubric('hue-2263-2023');
const read = readWorkbook;
const criterion = (s: SubmissionResult, id: string) => s.assessment!.criteria.find((c) => c.id === id)!;
const points = (s: SubmissionResult, id: string) => criterion(s, id).points;
/** Points other than the re-score: none when it gave some, else the max. */
const changed = (s: SubmissionResult, id: string) => (points(s, id)! > 0 ? 0 : criterion(s, id).max!);

async function submitted(seed: number, unitName: string, form = { rubric: hanoi.id, unit: 'so' as UnitId }) {
  const bytes = await sealedSubmission(seed, unitName, false, { form });
  const r = await assessSubmission(`${unitName}.xlsx`, bytes, { expect: form });
  return { ...r, status: 'valid', signedAt: '2025-11-21T08:00:00.000Z' } as SubmissionResult;
}

/** The council's workbook as `dti appraise` writes it, as bytes. */
async function councilWorkbook(results: SubmissionResult[], rubric = hanoi, unit: UnitId = 'so') {
  const { spec } = appraisalWorkbook(rubric, unit, rankSubmissions(rubric, results));
  return writeXlsx(spec);
}

/** An agency's workbook as the agency edits it: cells by unit and criterion, and the "finished" mark. */
function edit(
  w: AgencyWorkbook,
  cells: [unit: string, criterion: string, value: Scalar, reason?: string][],
  done: boolean,
) {
  const spec: SheetsSpec = structuredClone(w.spec);
  const sheet = spec.sheets.find((s) => s.name === APPRAISAL_SHEET)!;
  const at = (a: string) => sheet.cells.find((c) => c.address === a);
  for (const [unit, criterion, value, reason] of cells) {
    const row = sheet.cells
      .find(
        (c) =>
          c.address.startsWith(COL.criterion) &&
          c.value === criterion &&
          at(`${COL.unit}${c.address.slice(1)}`)?.value === unit,
      )!
      .address.slice(1);
    at(`${COL.appraised}${row}`)!.value = value;
    if (reason) at(`${COL.reason}${row}`)!.value = reason;
  }
  if (done)
    spec.sheets
      .find((s) => s.name === AGENCY_SHEET)!
      .cells.find((c) => c.address === w.identity.agency!.done.cell)!.value = AGENCY_DONE;
  return writeXlsx(spec);
}

describe("the rubric's agencies", () => {
  /** Phụ lục III / IV as the decision lays them out: number, number in pillar, title, points, agency. */
  function seedAgencies(from: string, to: string): Map<string, string> {
    const text = readFileSync(join(__dirname, '../fixtures/decisions/hanoi-5279-2025.txt'), 'utf8');
    const lines = text
      .slice(text.indexOf(from), text.indexOf(to))
      .split('\n')
      .map((l) => l.trim());
    const start = lines.findIndex((l) => /^TỔNG/.test(l)) + 2;
    const out = new Map<string, string>();
    let pillar = '';
    for (let i = start; i < lines.length && lines[i];) {
      if (/^\d+$/.test(lines[i]) && /^\d+$/.test(lines[i + 1])) {
        out.set(`${pillar}.${lines[i + 1]}`, lines[i + 4]);
        i += 5;
      } else {
        pillar = lines[i];
        i += 3;
      }
    }
    return out;
  }

  test.each([
    ['so', 'PHỤ LỤC III', 'PHỤ LỤC IV', 34],
    ['xa', 'PHỤ LỤC IV', 'Nguồn tra cứu', 47],
  ])('Hà Nội %s: every indicator names the agency of the decision’s column', (unit, from, to, count) => {
    const seed = seedAgencies(from, to);
    expect(seed.size).toBe(count);
    const rubric = new Map(hanoi.criteria.filter((c) => c.units.includes(unit as UnitId)).map((c) => [c.id, c.agency]));
    expect(rubric).toEqual(seed);
  });
});

describe('split and merge, Hà Nội city departments', () => {
  const units = ['Sở Y tế', 'Sở Tư pháp', 'Sở Du lịch'];
  let council: Uint8Array;
  let results: SubmissionResult[];
  let split: Extract<Awaited<ReturnType<typeof splitByAgency>>, { ok: true }>;

  beforeAll(async () => {
    results = await Promise.all(units.map((u, i) => submitted(i + 1, u)));
    council = await councilWorkbook(results);
    const outcome = await splitByAgency(hanoi, read(council));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    split = outcome;
  }, 120000);

  test('the council workbook read back rebuilds to the very same workbook (unranked units, a stored number, signing times)', async () => {
    const more = [
      { ...results[0], differences: [{ criterion: '1.1', cell: 'H9', stored: 4, recomputed: 5 }] },
      { ...results[1], status: 'valid-untrusted', attestedAt: '2025-11-22T01:02:03.000Z', attestedBy: 'TSA' },
      { ...results[2], file: 'chua-ky.xlsx', unitName: 'Sở Nội vụ', status: 'unsigned' },
    ] as SubmissionResult[];
    const expected = { source: 'Phụ lục I', missing: ['Sở Xây dựng'], duplicates: [], unexpected: [] };
    const built = appraisalWorkbook(hanoi, 'so', rankSubmissions(hanoi, more), { expected });
    const back = readCouncilRows(hanoi, read(await writeXlsx(built.spec)));
    if ('error' in back) throw new Error(back.error.en);
    const again = appraisalWorkbook(hanoi, 'so', back.rows, { by: back.identity.by, expected: back.expected });
    expect(again.spec).toEqual(built.spec);
    // The council sorted "Xếp hạng" (its first two rows swapped): each submission keeps its own signature.
    const swapped = structuredClone(built.spec);
    for (const c of swapped.sheets.find((x) => x.name === RANKING_SHEET)!.cells)
      c.address = c.address.replace(/^([A-Z]+)([45])$/, (_, col, row) => `${col}${row === '4' ? 5 : 4}`);
    const sorted = readCouncilRows(hanoi, read(await writeXlsx(swapped)));
    if ('error' in sorted) throw new Error(sorted.error.en);
    const statusOf = (rows: typeof back.rows) =>
      Object.fromEntries(rows.map((r) => [r.submission.digest ?? r.submission.file, r.submission.status]));
    expect(statusOf(sorted.rows)).toEqual(statusOf(back.rows));
  }, 60000);

  test('one workbook per agency of Phụ lục III, each holding exactly its indicators for every unit', async () => {
    expect(Object.fromEntries(split.workbooks.map((w) => [w.agency, w.criteria]))).toEqual(SO_SHARES);
    expect(split.council).toEqual([]);
    for (const w of split.workbooks) {
      const bytes = await writeXlsx(w.spec);
      const byUnit = rowsByUnit(bytes);
      expect([...byUnit.keys()].sort()).toEqual([...units].sort());
      for (const ids of byUnit.values()) expect(ids).toEqual(SO_SHARES[w.agency]);
      const identity = (readAppraisal(read(bytes)) as { identity: typeof w.identity }).identity;
      expect(identity.agency).toMatchObject({ name: w.agency, criteria: SO_SHARES[w.agency] });
      expect(read(bytes).read(AGENCY_SHEET, identity.agency!.done.cell)).toBe('Chưa xong');
    }
    expect(split.workbooks.find((w) => w.agency === YT)!.fileName).toBe('so-y-te.xlsx');
  }, 60000);

  test('merged back: agreeing agencies’ points in, a conflict left to the council, an unreturned criterion listed', async () => {
    const of = (a: string) => split.workbooks.find((w) => w.agency === a)!;
    // Công an changes Sở Tư pháp's 4.2 (5 points) and marks its share finished; Sở KH&CN changes
    // the shared 5.5 of Sở Y tế while Công an, finished, left it as re-scored: a conflict. Sở Y tế
    // (8.3) never sends its workbook back; the others return theirs finished, untouched.
    const [cut42, cut55] = [changed(results[1], '4.2'), changed(results[0], '5.5')];
    const files = [
      {
        name: 'ca.xlsx',
        wb: read(await edit(of(CA), [['Sở Tư pháp', '4.2', cut42, 'Thiếu tài liệu kiểm chứng']], true)),
      },
      { name: 'khcn.xlsx', wb: read(await edit(of(KHCN), [['Sở Y tế', '5.5', cut55, 'Quá hạn']], true)) },
      ...(await Promise.all(
        [TTHCC, VHTT, VP, TC].map(async (a) => ({ name: `${a}.xlsx`, wb: read(await edit(of(a), [], true)) })),
      )),
    ];
    const merged = await mergeAgencies(hanoi, { name: 'td.xlsx', wb: read(council) }, files);
    if (!merged.ok) throw new Error(merged.message.en);
    expect(merged.conflicts).toHaveLength(1);
    expect(merged.conflicts[0]).toMatchObject({ unitName: 'Sở Y tế', criterion: '5.5' });
    expect(merged.conflicts[0].votes.map((v) => [v.agency, v.value]).sort()).toEqual(
      [
        [CA, points(results[0], '5.5')],
        [KHCN, cut55],
      ].sort(),
    );
    expect(merged.unappraised).toEqual([{ criterion: '8.3', agencies: [YT], units: expect.arrayContaining(units) }]);
    expect(merged.missingAgencies).toEqual([YT]);
    const back = readAppraisal(read(await writeXlsx(merged.spec)));
    if ('error' in back) throw new Error(back.error.en);
    const cell = (unit: SubmissionResult, id: string) => back.cells.get(unit.digest!)!.get(id)!;
    expect(cell(results[1], '4.2')).toMatchObject({ value: cut42, reason: 'Thiếu tài liệu kiểm chứng', note: '' });
    expect(cell(results[0], '5.5')).toMatchObject({ value: points(results[0], '5.5'), reason: '' });
    expect(cell(results[0], '5.5').note).toContain(`CHƯA THỐNG NHẤT — `);
    expect(cell(results[0], '5.5').note).toContain(`${KHCN}: ${cut55}`);
    expect(cell(results[0], '5.5').note).toContain(`${CA}: ${points(results[0], '5.5')}`);
    // The merged workbook is the council's: the same batch, so it merges again and splits again.
    expect(back.identity.agency).toBeUndefined();
    expect(back.identity.submissions).toEqual((readAppraisal(read(council)) as typeof back).identity.submissions);
  }, 60000);

  test('written without ExcelJS (the pane’s downloads), a share reads back cell for cell and merges', async () => {
    const w = split.workbooks.find((x) => x.agency === CA)!;
    const [plain, full] = [read(writePlainXlsx(w.spec)), read(await writeXlsx(w.spec))];
    for (const sheet of w.spec.sheets) {
      expect(plain.sheetNames).toContain(sheet.name);
      for (const c of sheet.cells)
        expect([sheet.name, c.address, plain.read(sheet.name, c.address)]).toEqual([
          sheet.name,
          c.address,
          full.read(sheet.name, c.address),
        ]);
    }
    expect(readAppraisal(plain)).toEqual(readAppraisal(full));
    const merged = await mergeAgencies(hanoi, { name: 'td.xlsx', wb: read(council) }, [{ name: 'ca.xlsx', wb: plain }]);
    expect(merged.ok).toBe(true);
  }, 60000);

  test('a returned workbook left untouched and not marked finished appraises nothing', async () => {
    const of = (a: string) => split.workbooks.find((w) => w.agency === a)!;
    const files = [{ name: 'y-te.xlsx', wb: read(await edit(of(YT), [], false)) }];
    const merged = await mergeAgencies(hanoi, { name: 'td.xlsx', wb: read(council) }, files);
    if (!merged.ok) throw new Error(merged.message.en);
    expect(merged.merged).toEqual([{ file: 'y-te.xlsx', agency: YT, done: false, appraised: 0 }]);
    expect(merged.unappraised.map((u) => u.criterion)).toContain('8.3');
  }, 60000);

  test('a stranger is refused, its file named: another batch, the council workbook itself, another unit type', async () => {
    const other = await councilWorkbook(results.slice(0, 2));
    const strangerSplit = await splitByAgency(hanoi, read(other));
    if (!strangerSplit.ok) throw new Error('split');
    const stranger = await writeXlsx(strangerSplit.workbooks[0].spec);
    const mergeWith = (name: string, bytes: Uint8Array) =>
      mergeAgencies(hanoi, { name: '/x/td.xlsx', wb: read(council) }, [{ name: `/x/${name}`, wb: read(bytes) }]);
    const refused = async (name: string, bytes: Uint8Array, why: RegExp) => {
      const r = await mergeWith(name, bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.vi).toMatch(new RegExp(`^${name.replace('.', '\\.')}: ${why.source}`));
    };
    await refused('khac.xlsx', stranger, /được tách từ một bảng thẩm định khác/);
    await refused('td-lai.xlsx', council, /bảng thẩm định của Hội đồng, không phải phần thẩm định/);
    // A share of the communes' workbook (same rubric, another unit type).
    const communes = await councilWorkbook(
      [await submitted(1, 'Phường Ba Đình', { rubric: hanoi.id, unit: 'xa' })],
      hanoi,
      'xa',
    );
    const communeSplit = await splitByAgency(hanoi, read(communes));
    if (!communeSplit.ok) throw new Error('split');
    await refused(
      'xa.xlsx',
      await writeXlsx(communeSplit.workbooks[0].spec),
      /phần thẩm định theo hanoi-5279-2025 \(xa\)/,
    );
  }, 60000);
});

describe('a rubric that names no agency: the assignment sheet', () => {
  test('Huế 2263: the sheet is added blank, the council fills it in, the split follows it, blanks stay with the council', async () => {
    const results = await Promise.all(
      ['Xã Phú Mậu', 'Phường An Cựu'].map((u, i) => submitted(i + 1, u, { rubric: hue.id, unit: 'xa' })),
    );
    const council = await councilWorkbook(results, hue, 'xa');
    const first = await splitByAgency(hue, read(council));
    expect(first.ok).toBe(false);
    if (first.ok || first.kind !== 'assign') throw new Error('no assignment asked');
    const ids = hue.criteria.filter((c) => c.units.includes('xa')).map((c) => c.id);
    expect(first.unassigned).toEqual(ids);
    const sheet = first.spec.sheets.find((s) => s.name === ASSIGNMENT_SHEET)!;
    const rowOf = (id: string) =>
      sheet.cells.find((c) => c.address.startsWith('A') && c.value === id)!.address.slice(1);
    expect(ids.every((id) => sheet.cells.find((c) => c.address === `D${rowOf(id)}`)!.value === null)).toBe(true);
    // The council names two agencies (one spelt two ways, one criterion shared); the rest it keeps.
    const [a, b, c] = ids;
    const put = (id: string, v: string) => (sheet.cells.find((x) => x.address === `D${rowOf(id)}`)!.value = v);
    put(a, 'Công an xã');
    put(b, 'công an xã; Phòng Văn hóa, Khoa học và Thông tin');
    put(c, 'Phòng Văn hóa, Khoa học và Thông tin');
    const assigned = await writeXlsx(first.spec);
    const second = await splitByAgency(hue, read(assigned));
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(second.workbooks.map((w) => [w.agency, w.criteria])).toEqual([
      ['Công an xã', [a, b]],
      ['Phòng Văn hóa, Khoa học và Thông tin', [b, c]],
    ]);
    expect(second.council).toEqual(ids.slice(3));
    const vh = await writeXlsx(second.workbooks[1].spec);
    for (const rows of rowsByUnit(vh).values()) expect(rows).toEqual([b, c]);
    // Merged with the two returned finished: nothing unappraised, the council's own criteria not listed.
    const files = await Promise.all(
      second.workbooks.map(async (w) => ({ name: w.fileName, wb: read(await edit(w, [], true)) })),
    );
    const merged = await mergeAgencies(hue, { name: 'td.xlsx', wb: read(assigned) }, files);
    if (!merged.ok) throw new Error(merged.message.en);
    expect([merged.conflicts, merged.unappraised, merged.missingAgencies]).toEqual([[], [], []]);
    // The council's assignment survives the merge.
    const out = read(await writeXlsx(merged.spec));
    expect(out.read(ASSIGNMENT_SHEET, `D${rowOf(b)}`)).toBe('công an xã; Phòng Văn hóa, Khoa học và Thông tin');
  }, 120000);
});

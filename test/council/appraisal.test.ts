/**
 * The council's appraisal workbook: built from re-scored submissions, its appraised cells default
 * to the re-score, are validated to the criterion's range and offer the fixed reasons; the identity
 * names the submissions by digest; read back after an edit, the appraised points replace the
 * re-score and the ranking follows. Signatures are the signature tests' business: the submissions
 * here are sealed, unsigned, and taken as validly signed for the ranking.
 */
import { createHash } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import {
  appraisalWorkbook,
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  applyAppraisal,
  assessSubmission,
  checkSubmitted,
  parseExpected,
  RANKING_SHEET,
  rankSubmissions,
  readAppraisal,
  REASONS,
  builtInExpected,
  entryText,
  type CouncilAppraisal,
  type SubmissionResult,
} from '../../src/council';
import { criteriaFor, inputSlots } from '../../src/engine';
import { allRubrics, getRubric, type Rubric, type UnitId } from '../../src/rubrics';
import { buildTemplate, entriesFromValues, META_SHEET, type Scalar, type SheetSpec } from '../../src/template';
import { writeWorkbookSpec } from '../../src/excel';
import { loadXlsx, writeXlsx } from '../../src/xlsx';
import { sampleValues } from '../support/sample';
import { convert, sheetCsv } from '../support/libreoffice';
import { FakeExcel } from '../support/fake-excel';
import { sealedSubmission } from '../support/submissions';
import { LIBREOFFICE } from '../support/system';

const hue = getRubric('hue-2263-2023');
const kontum = getRubric('kontum-121-2025');

/** A sealed submission re-scored by the council, its signature taken as valid (signatures are tested elsewhere). */
async function submitted(bytes: Uint8Array, file: string, signedAt = '2025-11-21T08:00:00.000Z') {
  const r = await assessSubmission(file, bytes, { expect: { rubric: 'hue-2263-2023', unit: 'xa' } });
  return { ...r, status: 'valid', signedAt } as SubmissionResult;
}

async function levelSubmission(seed: number, unitName: string, file: string): Promise<SubmissionResult> {
  const values = sampleValues(kontum, 'xa', seed);
  const bytes = await writeXlsx(
    buildTemplate(kontum, { unit: 'xa', unitName, year: 2025, entries: entriesFromValues(kontum, 'xa', values) }),
  );
  const r = await assessSubmission(file, bytes, { expect: { rubric: kontum.id, unit: 'xa' } });
  return { ...r, status: 'valid' };
}

const sheet = (spec: { sheets: SheetSpec[] }, name: string) => spec.sheets.find((s) => s.name === name)!;
const cellAt = (s: SheetSpec, address: string) => s.cells.find((c) => c.address === address);

/** The written workbook with some appraised cells changed (by unit name and criterion), as the council edits it in Excel. */
async function edited(bytes: Uint8Array, edits: [unit: string, criterion: string, value: unknown, reason?: string][]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
  for (const [unit, criterion, value, reason] of edits) {
    let found = false;
    ws.eachRow((row, r) => {
      if (row.getCell(COL.unit).value === unit && row.getCell(COL.criterion).value === criterion) {
        ws.getCell(`${COL.appraised}${r}`).value = value as ExcelJS.CellValue;
        if (reason) ws.getCell(`${COL.reason}${r}`).value = reason;
        found = true;
      }
    });
    expect([unit, criterion, found]).toEqual([unit, criterion, true]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function readBack(bytes: Uint8Array): Promise<CouncilAppraisal> {
  const read = readAppraisal(await loadXlsx(bytes));
  if ('error' in read) throw new Error(read.error.en);
  return read;
}

function rank(rubric: Rubric, results: SubmissionResult[]) {
  return rankSubmissions(rubric, results).map((r) => [r.submission.unitName, r.rank] as const);
}

describe('the appraisal workbook of a points rubric (Huế 2263, communes)', () => {
  let results: SubmissionResult[];
  let bytes: Uint8Array;
  let fileBytes: Uint8Array[];

  beforeAll(async () => {
    fileBytes = [
      await sealedSubmission(1, 'Phường An Cựu'),
      await sealedSubmission(2, 'Phường Vĩnh Ninh'),
      await sealedSubmission(3, 'Phường Phú Hội'),
    ];
    results = await Promise.all(fileBytes.map((b, i) => submitted(b, `s${i + 1}.xlsx`)));
    bytes = await writeXlsx(appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results)).spec);
  }, 60000);

  test('every criterion of every unit is a row; the appraised cell is the re-score, unlocked, validated to [0, max]', () => {
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results));
    const s = sheet(spec, APPRAISAL_SHEET);
    for (const r of results) {
      const a = r.assessment!;
      for (const c of a.criteria) {
        const row = s.cells.find(
          (x) =>
            x.address.startsWith(COL.criterion) &&
            x.value === c.id &&
            cellAt(s, `${COL.unit}${x.address.slice(1)}`)?.value === r.unitName,
        );
        expect([r.unitName, c.id, !!row]).toEqual([r.unitName, c.id, true]);
        const n = row!.address.slice(1);
        const appraised = cellAt(s, `${COL.appraised}${n}`)!;
        const signed = c.points === null ? null : c.effect === 'penalty' ? -c.points : c.points;
        expect(appraised.value).toBe(signed);
        expect(cellAt(s, `${COL.rescored}${n}`)!.value).toBe(signed);
        // Nothing was edited before signing: the file's own points are the re-score.
        expect(cellAt(s, `${COL.selfAssessed}${n}`)!.value).toBe(signed);
        if (c.max && c.max > 0) {
          expect(appraised.locked).toBe(false);
          const v = s.validations.find((x) => x.range === `${COL.appraised}${n}`)!;
          expect([v.type, v.min, v.max]).toEqual(
            c.effect === 'penalty' ? ['decimal', -c.max, 0] : ['decimal', 0, c.max],
          );
          const reason = s.validations.find((x) => x.range === `${COL.reason}${n}`)!;
          expect(reason.type).toBe('list');
        }
      }
    }
  });

  test('the reasons are the issue’s fixed list, on the lists sheet the reason cells point to', async () => {
    expect(REASONS).toEqual([
      'Thiếu tài liệu kiểm chứng',
      'Tài liệu không ký số',
      'Quá hạn',
      'Số liệu không khớp với hệ thống',
      'Không đúng thành phần',
      'Khác',
    ]);
    const wb = await loadXlsx(bytes);
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results));
    const source = sheet(spec, APPRAISAL_SHEET).validations.find((v) => v.range.startsWith(COL.reason))!.source!;
    const m = /^='(.+)'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(source)!;
    expect(Number(m[3])).toBe(6);
    expect(Array.from({ length: 6 }, (_, i) => wb.read(m[1], `${m[2]}${i + 1}`))).toEqual([...REASONS]);
  });

  test('the identity holds kind, rubric, version, unit type and each submission’s SHA-256, in a very hidden sheet', async () => {
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results));
    expect(sheet(spec, META_SHEET).visibility).toBe('veryHidden');
    const { identity } = await readBack(bytes);
    expect([identity.kind, identity.rubric, identity.version, identity.unit]).toEqual([
      'appraisal',
      'hue-2263-2023',
      hue.version,
      'xa',
    ]);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(identity.submissions.map((s) => s.digest).sort()).toEqual(fileBytes.map(sha).sort());
    // Files named by their names only: the council's own folders stay out of the workbook it shares.
    const inFolders = results.map((r) => ({ ...r, file: `/home/hd/nop/${r.file}` }));
    const named = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, inFolders)).identity.submissions.map((s) => s.file);
    expect(named.sort()).toEqual(['s1.xlsx', 's2.xlsx', 's3.xlsx', 's4.xlsx'].slice(0, results.length));
  });

  test('read back unedited, nothing changes and the ranking is dti rank’s', async () => {
    const applied = applyAppraisal(hue, results, await readBack(bytes));
    expect([...applied.changes.values()].flat()).toEqual([]);
    expect(rank(hue, applied.results)).toEqual(rank(hue, results));
    expect(applied.notInFiles).toEqual([]);
  });

  test('cutting the leader below the second re-ranks; the change and its reason are reported', async () => {
    const ranked = rankSubmissions(hue, results);
    const [leader, second, third] = ranked.map((r) => r.submission);
    const gap = leader.assessment!.total! - second.assessment!.total!;
    // Take points away, criterion by criterion, until the leader has lost more than the gap.
    const cuts: [string, string, number, string][] = [];
    let lost = 0;
    for (const c of leader.assessment!.criteria.filter((x) => x.effect === 'score' && (x.points ?? 0) > 0)) {
      if (lost > gap) break;
      cuts.push([leader.unitName!, c.id, 0, 'Thiếu tài liệu kiểm chứng']);
      lost += c.points!;
    }
    const applied = applyAppraisal(hue, results, await readBack(await edited(bytes, cuts)));
    const now = new Map(applied.results.map((r) => [r.unitName, r.assessment!.total]));
    expect(now.get(leader.unitName)).toBeCloseTo(leader.assessment!.total! - lost, 2);
    expect(now.get(second.unitName)).toBe(second.assessment!.total);
    const after = rank(hue, applied.results);
    expect(after.find(([u]) => u === second.unitName)![1]).toBe(1);
    expect(after.find(([u]) => u === leader.unitName)![1]).toBeGreaterThan(1);
    expect(after.find(([u]) => u === third.unitName)).toBeDefined();
    const changes = applied.changes.get(leader.file)!;
    expect(changes.map((c) => [c.criterion, c.appraised, c.reason])).toEqual(
      cuts.map(([, id]) => [id, 0, 'Thiếu tài liệu kiểm chứng']),
    );
  });

  test('an appraisal that equals two totals ties them at 1 and the next rank skips to 3', async () => {
    const ranked = rankSubmissions(hue, results);
    const [leader, second] = ranked.map((r) => r.submission);
    const gap = Math.round((leader.assessment!.total! - second.assessment!.total!) * 100) / 100;
    // Exactly the gap taken off, from as many criteria as it needs.
    const edits: [string, string, number][] = [];
    let left = gap;
    for (const c of leader.assessment!.criteria.filter((x) => x.effect === 'score' && (x.points ?? 0) > 0)) {
      if (left <= 0) break;
      const off = Math.min(c.points!, left);
      edits.push([leader.unitName!, c.id, Math.round((c.points! - off) * 100) / 100]);
      left = Math.round((left - off) * 100) / 100;
    }
    const applied = applyAppraisal(hue, results, await readBack(await edited(bytes, edits)));
    expect(applied.results.find((r) => r.file === leader.file)!.assessment!.total).toBe(second.assessment!.total);
    expect(rank(hue, applied.results).map(([, r]) => r)).toEqual([1, 1, 3]);
  });

  test('a value the validation refuses (above the max) leaves the unit unranked, saying where', async () => {
    const leader = rankSubmissions(hue, results)[0].submission;
    const c = leader.assessment!.criteria.find((x) => x.effect === 'score' && (x.max ?? 0) > 0)!;
    const applied = applyAppraisal(
      hue,
      results,
      await readBack(await edited(bytes, [[leader.unitName!, c.id, c.max! + 1]])),
    );
    const row = rankSubmissions(hue, applied.results).find((r) => r.submission.unitName === leader.unitName)!;
    expect(row.rank).toBeNull();
    expect(row.unranked.map((x) => x.vi).join(' ')).toContain(
      `${c.id}: "${c.max! + 1}" không phải số điểm từ 0 đến ${c.max}`,
    );
  });

  test('a submission the council did not appraise (another file) is not ranked on its re-score', async () => {
    const other = await submitted(await sealedSubmission(9, 'Phường Thuận Lộc'), 's9.xlsx');
    const applied = applyAppraisal(hue, [...results, other], await readBack(bytes));
    const row = rankSubmissions(hue, applied.results).find((r) => r.submission.file === 's9.xlsx')!;
    expect(row.rank).toBeNull();
    expect(row.unranked[0].vi).toMatch(/Không có trong bảng thẩm định/);
  });

  test('the Office.js writer (on the fake) and the ExcelJS writer build the same cells, validations and chart', async () => {
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results));
    const fake = new FakeExcel(['Sheet1']);
    const { syncs } = await writeWorkbookSpec(fake, spec, undefined, { isSetSupported: () => true });
    expect(syncs).toBeLessThanOrEqual(10);
    const file = await loadXlsx(bytes);
    for (const name of [RANKING_SHEET, APPRAISAL_SHEET]) {
      const s = sheet(spec, name);
      // An empty text and an empty cell are the same on screen.
      const shown = (v: unknown) => (v === '' || v === undefined ? null : v);
      for (const c of s.cells) {
        const office = fake.cell(name, c.address);
        const written = c.formula !== undefined ? office?.formula : office?.value;
        const saved = c.formula !== undefined ? `=${file.formula(name, c.address)}` : file.read(name, c.address);
        const wanted = c.formula ?? shown(c.value);
        expect([name, c.address, shown(written), shown(saved)]).toEqual([name, c.address, wanted, wanted]);
      }
      expect(
        fake
          .sheet(name)
          .validations.map((v) => v.range)
          .sort(),
      ).toEqual(s.validations.map((v) => v.range).sort());
      expect(fake.sheet(name).charts).toHaveLength(s.charts.length);
    }
    expect(fake.sheets.find((x) => x.name === META_SHEET)!.visibility).toBe('VeryHidden');
  });

  test('the unit’s own points are what its file stored where they differ from the re-score, in either language', () => {
    const [first, ...rest] = results;
    const c = first.assessment!.criteria.find((x) => x.effect === 'score' && (x.max ?? 0) > 0)!;
    const edited: SubmissionResult = {
      ...first,
      differences: [
        { criterion: c.id, cell: 'L12', stored: c.max, recomputed: c.points },
        { criterion: 'Total', cell: 'E3', stored: 555, recomputed: first.assessment!.total },
      ],
    };
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, [edited, ...rest]));
    const ranking = sheet(spec, RANKING_SHEET);
    const row = ranking.cells.find((x) => x.address.startsWith('B') && x.value === first.unitName)!.address.slice(1);
    expect(cellAt(ranking, `H${row}`)!.value).toBe(555);
    expect(cellAt(ranking, `I${row}`)!.value).toBe(first.assessment!.total);
    const s = sheet(spec, APPRAISAL_SHEET);
    const at = s.cells
      .find(
        (x) =>
          x.address.startsWith(COL.criterion) &&
          x.value === c.id &&
          cellAt(s, `${COL.unit}${x.address.slice(1)}`)?.value === first.unitName,
      )!
      .address.slice(1);
    expect(cellAt(s, `${COL.selfAssessed}${at}`)!.value).toBe(c.max);
    expect(cellAt(s, `${COL.appraised}${at}`)!.value).toBe(c.points);
  });

  test('the ranking sheet: one row a submission, a rank and a total formula each, a chart of the appraised totals', () => {
    const { spec } = appraisalWorkbook(hue, 'xa', rankSubmissions(hue, results));
    const s = sheet(spec, RANKING_SHEET);
    for (const row of [4, 5, 6]) {
      expect(cellAt(s, `A${row}`)!.formula).toBe(`=RANK(N${row},$N$4:$N$6)`);
      expect(cellAt(s, `J${row}`)!.formula).toMatch(
        /^=ROUND\(SUMIFS\('Thẩm định'!\$I\$4:\$I\$\d+,'Thẩm định'!\$A\$4:\$A\$\d+,\d\),2\)$/,
      );
    }
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0].series[0].values).toBe('J4:J6');
  });
});

describe('a level rubric (Kon Tum 121): the unit’s appraised level is the lowest of its criteria’s', () => {
  test('validation to the level range; lowering one criterion lowers the unit; the formula says MIN over its rows', async () => {
    const results = [
      await levelSubmission(5, 'Xã Đăk Hà', 'k1.xlsx'),
      await levelSubmission(6, 'Xã Ngọk Réo', 'k2.xlsx'),
    ];
    const rows = rankSubmissions(kontum, results);
    const { spec } = appraisalWorkbook(kontum, 'xa', rows);
    const s = sheet(spec, APPRAISAL_SHEET);
    const v = s.validations.find((x) => x.range.startsWith(COL.appraised))!;
    expect([v.type, v.min, v.max]).toEqual(['whole', 0, 5]);
    const heading = s.cells.find((c) => c.address.startsWith(COL.appraised) && c.formula)!;
    expect(heading.formula).toMatch(/^=IF\(COUNTBLANK\(I5:I\d+\)>0,0,MIN\(I5:I\d+\)\)$/);

    const target = results.find((r) => (r.assessment!.level?.number ?? 0) > 0) ?? results[0];
    const c = target.assessment!.criteria[0];
    const bytes = await edited(await writeXlsx(spec), [[target.unitName!, c.id, 0]]);
    const applied = applyAppraisal(kontum, results, await readBack(bytes));
    expect(applied.results.find((r) => r.file === target.file)!.assessment!.level!.number).toBe(0);
    expect(applied.changes.get(target.file)!.map((x) => x.criterion)).toEqual((c.level ?? 0) === 0 ? [] : [c.id]);
  }, 60000);
});

(LIBREOFFICE.available() ? describe : describe.skip)('the level workbook recalculated by LibreOffice', () => {
  test('the appraised level (MIN), the next-level count (COUNTIF) and the rank (RANK) are what applyAppraisal and dti rank give', async () => {
    const results = [
      await levelSubmission(5, 'Xã Đăk Hà', 'k1.xlsx'),
      await levelSubmission(6, 'Xã Ngọk Réo', 'k2.xlsx'),
      await levelSubmission(7, 'Xã Đăk Tô', 'k3.xlsx'),
    ];
    const { spec } = appraisalWorkbook(kontum, 'xa', rankSubmissions(kontum, results));
    // Raise every criterion of the first unit to level 3 but one at 2: its level becomes 2, by hand.
    const first = results[0];
    const edits = first.assessment!.criteria.map(
      (c, i) => [first.unitName!, c.id, i === 1 ? 2 : 3] as [string, string, number],
    );
    const bytes = await edited(await writeXlsx(spec), edits);
    const applied = applyAppraisal(kontum, results, await readBack(bytes));
    expect(applied.results[0].assessment!.level!.number).toBe(2);
    const expected = rankSubmissions(kontum, applied.results).map((r) => [
      r.submission.unitName,
      r.rank,
      r.submission.assessment!.level!.number,
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'dti-levels-')), 'levels.xlsx');
    writeFileSync(file, bytes);
    const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
    const col = (h: string) => rows[2].indexOf(h);
    const got = rows
      .slice(3)
      .filter((r) => r[col('Hạng')] !== '')
      .map((r) => [r[col('Đơn vị')], Number(r[col('Hạng')]), Number(r[col('Mức thẩm định')])]);
    expect([...got].sort()).toEqual([...expected].sort());
  }, 120000);
});

describe('the entry as the council reads it', () => {
  const all = allRubrics().flatMap((r) => r.units.flatMap((u) => criteriaFor(r, u.id).map((c) => [r, c] as const)));
  const withSlots = (...kinds: string[]) =>
    all.find(([r, c]) => {
      const slots = inputSlots(r, c);
      return slots.length === kinds.length && slots.every((x, i) => x.kind === kinds[i]);
    })!;
  /** The entry of a criterion with a slot of `kind`, only that slot filled with `value`. */
  const only = (kind: string, value: Scalar) => {
    const [r, c] = all.find(([r, c]) => inputSlots(r, c).some((x) => x.kind === kind))!;
    const slots = inputSlots(r, c);
    const at = slots.findIndex((x) => x.kind === kind);
    const shown = entryText(
      r,
      c,
      slots.map((_, i) => (i === at ? value : null)),
    );
    return slots.length === 1 ? shown : shown.replace(`${slots[at].label.vi}: `, '');
  };

  test('one input plainly: a share as a percentage, a date as dd/mm/yyyy, Có as written', () => {
    expect(only('share', 0.625)).toBe('62,5%');
    expect(only('date', '2025-03-04')).toBe('04/03/2025');
    expect(only('yes-no', 'Có')).toBe('Có');
    expect(entryText(...withSlots('yes-no'), [null])).toBe('');
  });

  test('several inputs: each filled one with its label, the blank ones left out', () => {
    const [r, c] = all.find(([r, c]) => inputSlots(r, c).length >= 2)!;
    const [a, b] = inputSlots(r, c);
    expect(entryText(r, c, [1250, null])).toBe(`${a.label.vi}: 1.250`);
    expect(entryText(r, c, [null, 'Có'])).toBe(`${b.label.vi}: Có`);
  });
});

describe('expected units and units that submitted twice', () => {
  const r = (file: string, unitName: string, signedAt: string | null, status = 'valid') =>
    ({
      file,
      unitName,
      status,
      signedAt,
      signer: null,
      reasons: [],
      differences: [],
      seal: 'valid',
      problems: [],
      templateProblems: [],
      assessment: { total: 1, criteria: [] },
    }) as unknown as SubmissionResult;

  test('the Hà Nội Phụ lục I list is built in for departments; a pasted list is one name a line', () => {
    const hanoi = getRubric('hanoi-5279-2025');
    expect(builtInExpected(hanoi, 'so' as UnitId)!.names).toHaveLength(17);
    expect(builtInExpected(hanoi, 'xa' as UnitId)).toBeUndefined();
    expect(
      parseExpected('\uFEFFPhường An Cựu\r\n\n# ghi chú\nXã Phú Mậu\n', 'ds.txt').names.map((n) => n.name),
    ).toEqual(['Phường An Cựu', 'Xã Phú Mậu']);
  });

  test('missing, unexpected and twice: the newer signature counts, the older is listed and not ranked', () => {
    const expected = parseExpected('Phường An Cựu\nPhường Vĩnh Ninh\nXã Phú Mậu', 'ds.txt');
    const { results, report } = checkSubmitted(
      [
        r('a-old.xlsx', 'Phường An Cựu', '2025-11-20T08:00:00Z'),
        r('a-new.xlsx', 'phường an cựu', '2025-11-22T08:00:00Z'),
        r('b.xlsx', 'Phường Vĩnh Ninh', '2025-11-20T08:00:00Z'),
        r('c.xlsx', 'Phường Thủy Xuân', '2025-11-20T08:00:00Z'),
      ],
      expected,
    );
    expect(report.missing).toEqual(['Xã Phú Mậu']);
    expect(report.unexpected).toEqual(['Phường Thủy Xuân']);
    expect(report.duplicates).toEqual([{ unit: 'Phường An Cựu', counted: 'a-new.xlsx', others: ['a-old.xlsx'] }]);
    const ranked = rankSubmissions(hue, results);
    expect(ranked.find((x) => x.submission.file === 'a-old.xlsx')!.rank).toBeNull();
    expect(ranked.find((x) => x.submission.file === 'a-new.xlsx')!.rank).not.toBeNull();
  });

  test('a validly signed one counts before a newer invalid one; with equal signatures, the newer file', () => {
    const times: Record<string, number> = { 'x1.xlsx': 1000, 'x2.xlsx': 2000 };
    const { report } = checkSubmitted(
      [
        r('v.xlsx', 'Xã Phú Mậu', '2025-11-20T08:00:00Z'),
        r('i.xlsx', 'Xã Phú Mậu', '2025-11-25T08:00:00Z', 'invalid'),
        r('x2.xlsx', 'Xã Phú Dương', null),
        r('x1.xlsx', 'Xã Phú Dương', null),
      ],
      undefined,
      (f) => times[f],
    );
    expect(report.duplicates).toEqual([
      { unit: 'Xã Phú Mậu', counted: 'v.xlsx', others: ['i.xlsx'] },
      { unit: 'Xã Phú Dương', counted: 'x2.xlsx', others: ['x1.xlsx'] },
    ]);
    expect(report.missing).toEqual([]);
  });
});

/**
 * The council's bonus points ("điểm khuyến khích", Hà Nội 5279 Điều 2.3.b): which rubrics foresee
 * them, the cap (an option, the decision naming no number), the "Xếp hạng" columns, and the reader:
 * the bonus added outside the max, refused above the cap, a tie it creates sharing a rank.
 *
 * Worked out by hand from Phụ lục IV (communes, 47 indicators, 300 points): a commune with every
 * indicator at its max scores 300; one with 2.1 (10 points) at 5 scores 295; one with 6.1
 * (10 points) at 0 scores 290.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  appraisalWorkbook,
  applyAppraisal,
  assessSubmission,
  BONUS_COLUMNS as BONUS,
  councilBonusCap,
  RANKING_SHEET,
  rankSubmissions,
  readAppraisal,
  type SubmissionResult,
} from '../../src/council';
import { criteriaFor } from '../../src/engine';
import { allRubrics, getRubric, parseRubric } from '../../src/rubrics';
import type { SheetSpec } from '../../src/template';
import { loadXlsx, writeXlsx } from '../../src/xlsx';
import { convert, sheetCsv } from '../support/libreoffice';
import { sealedTemplate } from '../support/submissions';
import { LIBREOFFICE } from '../support/system';

const hanoi = getRubric('hanoi-5279-2025');

/** Every commune indicator at its max (assessed: the max; a ratio: all of it), with some changed. */
function communeValues(changed: Record<string, number> = {}) {
  const full = criteriaFor(hanoi, 'xa').map((c) => [c.id, c.rule.kind === 'ratio' ? 1 : (c.max as number)]);
  return { ...Object.fromEntries(full), ...changed };
}

const UNITS: [name: string, changed: Record<string, number>, total: number][] = [
  ['Xã Kim Anh', {}, 300],
  ['Phường Ba Đình', { '2.1': 5 }, 295],
  ['Xã Sóc Sơn', { '6.1': 0 }, 290],
];

async function submissions(): Promise<SubmissionResult[]> {
  return Promise.all(
    UNITS.map(async ([name, changed], i) => {
      const bytes = await sealedTemplate(hanoi, 'xa', name, communeValues(changed));
      const r = await assessSubmission(`h${i + 1}.xlsx`, bytes, { expect: { rubric: hanoi.id, unit: 'xa' } });
      return { ...r, status: 'valid' } as SubmissionResult;
    }),
  );
}

const cellAt = (s: SheetSpec, address: string) => s.cells.find((c) => c.address === address);
const ranking = (spec: { sheets: SheetSpec[] }) => spec.sheets.find((s) => s.name === RANKING_SHEET)!;

/** The written workbook with bonus points typed into "Xếp hạng", found by unit name, as the council types them. */
async function withBonus(bytes: Uint8Array, bonus: Record<string, [points: unknown, reason: string]>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(RANKING_SHEET)!;
  const done = new Set<string>();
  ws.eachRow((row, r) => {
    const b = bonus[String(row.getCell('B').value)];
    if (!b || r < 4) return;
    ws.getCell(`${BONUS.points}${r}`).value = b[0] as ExcelJS.CellValue;
    ws.getCell(`${BONUS.reason}${r}`).value = b[1];
    done.add(String(row.getCell('B').value));
  });
  expect([...done].sort()).toEqual(Object.keys(bonus).sort());
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function applied(bytes: Uint8Array, results: SubmissionResult[]) {
  const read = readAppraisal(await loadXlsx(bytes));
  if ('error' in read) throw new Error(read.error.en);
  return applyAppraisal(hanoi, results, read).results;
}

describe('which decisions provide bonus points', () => {
  test('Hà Nội foresees them with no number: the cap is an option, 10 points by default; the others provide none', () => {
    expect(hanoi.councilBonus?.source.words).toContain('điểm khuyến khích');
    expect(hanoi.councilBonus?.cap).toBeUndefined();
    expect(councilBonusCap(hanoi)).toBe(10);
    expect(councilBonusCap(hanoi, { 'council-bonus-cap': '20' })).toBe(20);
    // A choice the option does not offer falls back to its default.
    expect(councilBonusCap(hanoi, { 'council-bonus-cap': '1000' })).toBe(10);
    expect(
      allRubrics()
        .filter((r) => r.councilBonus)
        .map((r) => r.id),
    ).toEqual(['hanoi-5279-2025']);
  });

  test('a cap option whose choices are not point amounts, or a bonus on a level rubric, does not load', () => {
    const bad = JSON.parse(JSON.stringify(hanoi));
    bad.options.find((o: { id: string }) => o.id === 'council-bonus-cap').choices[0].id = 'nhiều';
    expect(() => parseRubric(bad)).toThrow(/councilBonus/);
    const levels = JSON.parse(JSON.stringify(getRubric('kontum-121-2025')));
    levels.councilBonus = { foreseen: true, cap: 5, source: { article: 'x', words: 'y' } };
    expect(() => parseRubric(levels)).toThrow(/only a points rubric/);
  });
});

describe('bonus points in the council workbook (Hà Nội, communes)', () => {
  let results: SubmissionResult[];
  let bytes: Uint8Array;

  beforeAll(async () => {
    results = await submissions();
    bytes = await writeXlsx(appraisalWorkbook(hanoi, 'xa', rankSubmissions(hanoi, results)).spec);
  }, 60000);

  test('the re-scores are the hand totals (300, 295, 290 of 300)', () => {
    expect(results.map((r) => [r.unitName, r.assessment!.total, r.assessment!.max])).toEqual(
      UNITS.map(([name, , total]) => [name, total, 300]),
    );
  });

  test('"Xếp hạng": A–N keep their letters; the bonus an unlocked input validated to 0..10, its reason, the ranked total', () => {
    const { spec, identity } = appraisalWorkbook(hanoi, 'xa', rankSubmissions(hanoi, results));
    const s = ranking(spec);
    const header = (col: string) => cellAt(s, `${col}3`)!.value;
    expect(['A', 'B', 'J', 'K', 'L', 'M', 'N'].map(header)).toEqual([
      'Hạng',
      'Đơn vị',
      'Điểm thẩm định',
      'Điểm tối đa',
      'Tỷ lệ (%)',
      'Vấn đề',
      'Khóa xếp hạng',
    ]);
    expect([BONUS.points, BONUS.reason, BONUS.ranked].map(header)).toEqual([
      'Điểm khuyến khích',
      'Lý do khuyến khích',
      'Tổng điểm xếp hạng',
    ]);
    for (const row of [4, 5, 6]) {
      expect(cellAt(s, `${BONUS.points}${row}`)!.locked).toBe(false);
      expect(cellAt(s, `${BONUS.reason}${row}`)!.locked).toBe(false);
      const v = s.validations.find((x) => x.range === `${BONUS.points}${row}`)!;
      expect([v.type, v.min, v.max]).toEqual(['decimal', 0, 10]);
      // The ranked total is the appraised points plus the bonus; the rank key and the percent follow it.
      expect(cellAt(s, `${BONUS.ranked}${row}`)!.formula).toBe(`=ROUND(J${row}+N(O${row}),2)`);
      expect(cellAt(s, `N${row}`)!.formula).toBe(`=ROUND(Q${row},2)`);
      expect(cellAt(s, `L${row}`)!.formula).toBe(`=IF(K${row}>0,ROUND(Q${row}/K${row}*100,2),"")`);
    }
    expect(identity.layout.ranking.bonus).toEqual({ columns: BONUS, cap: 10 });
    // A rubric without bonus points keeps the sheet as it was: nothing after N.
    expect(cellAt(ranking(appraisalWorkbook(getRubric('hue-2263-2023'), 'xa', []).spec), 'O3')).toBeUndefined();
  });

  test('the bonus is added outside the max, shown apart, and a bonus that ties two units shares the rank (1, 1, 3)', async () => {
    const edited = await withBonus(bytes, {
      'Xã Kim Anh': [2, 'Sáng kiến trợ lý ảo cho bộ phận một cửa'],
      'Phường Ba Đình': [7, 'Mô hình chợ 4.0'],
    });
    const out = await applied(edited, results);
    const by = (name: string) => out.find((r) => r.unitName === name)!.assessment!;
    // 300 + 2 = 302 of a max that stays 300: 100.67 %; 295 + 7 = 302; 290 + nothing.
    expect([by('Xã Kim Anh').total, by('Xã Kim Anh').max, by('Xã Kim Anh').percent]).toEqual([302, 300, 100.67]);
    expect(by('Xã Kim Anh').councilBonus).toEqual({ points: 2, reason: 'Sáng kiến trợ lý ảo cho bộ phận một cửa' });
    expect([by('Phường Ba Đình').total, by('Phường Ba Đình').councilBonus?.points]).toEqual([302, 7]);
    expect([by('Xã Sóc Sơn').total, by('Xã Sóc Sơn').councilBonus?.points]).toEqual([290, 0]);
    const ranks = rankSubmissions(hanoi, out).map((r) => [r.submission.unitName, r.rank]);
    // Tied units are listed by name.
    expect(ranks).toEqual([
      ['Phường Ba Đình', 1],
      ['Xã Kim Anh', 1],
      ['Xã Sóc Sơn', 3],
    ]);
  });

  test('the cap itself is accepted; above it the unit is not ranked, the message naming the unit, the entry and the range', async () => {
    const atCap = await applied(await withBonus(bytes, { 'Xã Sóc Sơn': [10, 'Sáng kiến'] }), results);
    expect(atCap.find((r) => r.unitName === 'Xã Sóc Sơn')!.assessment!.total).toBe(300);
    for (const entered of [11, -1, 'mười']) {
      const over = await applied(await withBonus(bytes, { 'Xã Sóc Sơn': [entered, 'Sáng kiến'] }), results);
      const row = rankSubmissions(hanoi, over).find((r) => r.submission.unitName === 'Xã Sóc Sơn')!;
      expect(row.rank).toBeNull();
      expect(row.unranked.map((x) => x.vi)).toContain(
        `Xã Sóc Sơn: điểm khuyến khích "${entered}" không phải số điểm từ 0 đến 10`,
      );
    }
  });

  test('a workbook made with a cap of 20 validates and reads to 20', async () => {
    const { spec } = appraisalWorkbook(hanoi, 'xa', rankSubmissions(hanoi, results), {
      options: { 'council-bonus-cap': '20' },
    });
    expect(ranking(spec).validations.find((v) => v.range === 'O4')!.max).toBe(20);
    const out = await applied(await withBonus(await writeXlsx(spec), { 'Xã Sóc Sơn': [15, 'Sáng kiến'] }), results);
    expect(out.find((r) => r.unitName === 'Xã Sóc Sơn')!.assessment!.total).toBe(305);
  });

  (LIBREOFFICE.available() ? test : test.skip)(
    'LibreOffice recalculates the edited workbook to the reader’s totals and ranks, the tie included',
    async () => {
      const edited = await withBonus(bytes, {
        'Xã Kim Anh': [2, 'Sáng kiến'],
        'Phường Ba Đình': [7, 'Mô hình'],
      });
      const file = join(mkdtempSync(join(tmpdir(), 'dti-bonus-')), 'bonus.xlsx');
      writeFileSync(file, edited);
      const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
      const col = (h: string) => rows[2].indexOf(h);
      const got = rows
        .slice(3)
        .filter((r) => r[col('Hạng')] !== '')
        .map((r) => [r[col('Đơn vị')], Number(r[col('Hạng')]), Number(r[col('Tổng điểm xếp hạng')])]);
      expect(got.sort()).toEqual([
        ['Phường Ba Đình', 1, 302],
        ['Xã Kim Anh', 1, 302],
        ['Xã Sóc Sơn', 3, 290],
      ]);
    },
    120000,
  );
});

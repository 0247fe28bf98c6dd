/**
 * The summary sheet built with last year's result: "Năm trước" values, "Năm nay" formulas over the
 * live cells and "Thay đổi" — in the spec, computed by a real formula engine (fast-formula-parser,
 * test-only) after an edit on the main sheet, and through ExcelJS. Huế 931/2024 for a commune:
 * I.1 is 5 points for a steering committee, I.2 10 for two meetings and 5 for one.
 */
import FormulaParser from 'fast-formula-parser';
import ExcelJS from 'exceljs';
import { assess, type Assessment } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  columnLetter,
  entriesFromValues,
  MAIN_SHEET,
  SUMMARY_SHEET,
  type CellSpec,
  type Scalar,
  type WorkbookSpec,
} from '../../src/template';
import { writeXlsx } from '../../src/xlsx';

const rubric = getRubric('hue-931-2024');
const lastYear = assess(rubric, { unit: 'xa', year: 2024, values: { 'I.1': false, 'I.2': 1, 'I.3': true } });
const build = (previous?: { assessment: Assessment; year?: number; decision?: string }) =>
  buildTemplate(rubric, {
    unit: 'xa',
    unitName: 'Xã Phú Thượng',
    year: 2025,
    entries: entriesFromValues(rubric, 'xa', { 'I.1': true, 'I.2': 2 }),
    previous,
  });
const spec = build({ assessment: lastYear, year: 2024 });
const cellsOf = (s: WorkbookSpec, name: string) =>
  new Map(s.sheets.find((x) => x.name === name)!.cells.map((c) => [c.address, c]));
const summary = cellsOf(spec, SUMMARY_SHEET);
const main = cellsOf(spec, MAIN_SHEET);
const rowOf = (c: CellSpec) => Number(c.address.replace(/^[A-Z]+/, ''));
/** The row of criterion `id` in the criterion table (below its "Mã" header). */
const criterionRow = (id: string) => {
  const header = rowOf([...summary.values()].find((c) => c.address.startsWith('A') && c.value === 'Mã')!);
  return rowOf([...summary.values()].find((c) => c.address === `A${rowOf(c)}` && c.value === id && rowOf(c) > header)!);
};

describe('the summary sheet with last year', () => {
  test('pillar table: Năm trước, Năm nay, Thay đổi, Ghi chú right of Tỷ lệ; the chart moved right of them', () => {
    expect(['F4', 'G4', 'H4', 'I4'].map((a) => summary.get(a)!.value)).toEqual([
      'Năm trước',
      'Năm nay',
      'Thay đổi',
      'Ghi chú',
    ]);
    // Pillar I: last year 0 + 5 + 5 = 10 (a value), this year the live C5, change 15 − 10.
    expect(summary.get('F5')).toMatchObject({ value: 10 });
    expect(summary.get('G5')).toMatchObject({ formula: '=C5', result: 15 });
    expect(summary.get('H5')).toMatchObject({ result: 5 });
    expect(summary.get('H5')!.formula).toMatch(/G5-F5/);
    const chart = spec.sheets.find((s) => s.name === SUMMARY_SHEET)!.charts[0];
    expect(chart.from).toBe('K4');
  });

  test('criterion table: both years’ max, last year’s points as values, this year’s from the main sheet', () => {
    const r = criterionRow('I.2');
    const mainRow = spec.layout.rows['I.2'];
    expect(summary.get(`C${r}`)!.value).toBe(10);
    expect(summary.get(`D${r}`)!.formula).toBe(`='${MAIN_SHEET}'!${spec.layout.max}${mainRow}`);
    expect(summary.get(`F${r}`)!.value).toBe(5);
    expect(summary.get(`G${r}`)).toMatchObject({
      formula: `='${MAIN_SHEET}'!${spec.layout.score}${mainRow}`,
      result: 10,
    });
    expect(summary.get(`H${r}`)!.result).toBe(5);
    // Same rubric: nothing unmatched, every remark empty but the "not entered" ones.
    expect(summary.get(`I${criterionRow('I.3')}`)!.value).toBe('Năm nay chưa nhập hoặc không hợp lệ');
  });

  test('without last year the summary is as before', () => {
    const plain = cellsOf(build(), SUMMARY_SHEET);
    expect(plain.has('F4')).toBe(false);
    expect(build().sheets.find((s) => s.name === SUMMARY_SHEET)!.charts[0].from).toBe('G4');
  });

  test('a formula engine computes Năm nay and Thay đổi from the live cells, before and after an edit', () => {
    const sheets: Record<string, Map<string, CellSpec>> = { [MAIN_SHEET]: main, [SUMMARY_SHEET]: summary };
    // The main sheet's score cells as the add-in's functions left them, with an edit: I.2 now 5, pillar I 10.
    const edited = new Map<string, Scalar>([
      [`${spec.layout.score}${spec.layout.rows['I.2']}`, 5],
      [`${spec.layout.score}${pillarRow()}`, 10],
    ]);
    const evaluate = evaluator(sheets, edited);
    expect(evaluate(SUMMARY_SHEET, 'G5')).toBe(10);
    expect(evaluate(SUMMARY_SHEET, 'H5')).toBe(0);
    const r = criterionRow('I.2');
    expect(evaluate(SUMMARY_SHEET, `G${r}`)).toBe(5);
    expect(evaluate(SUMMARY_SHEET, `H${r}`)).toBe(0);
    // Unedited: the stored results.
    const plain = evaluator(sheets, new Map());
    expect(plain(SUMMARY_SHEET, 'H5')).toBe(5);
    expect(plain(SUMMARY_SHEET, `H${criterionRow('I.1')}`)).toBe(5);
  });

  test('ExcelJS reads back the values, formulas and results', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(spec)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(ws.getCell('F5').value).toBe(10);
    expect(ws.getCell('G5').value).toMatchObject({ formula: 'C5', result: 15 });
    const r = criterionRow('I.1');
    expect(ws.getCell(`A${r}`).value).toBe('I.1');
    expect(ws.getCell(`H${r}`).value).toMatchObject({ result: 5 });
    expect(ws.getCell(`H${r}`).numFmt).toBe('+0.##;-0.##;0');
  });
});

describe('across decisions and for level rubrics', () => {
  test('2263 → 931: unmatched criteria listed with their remark, no "Năm nay" for the removed', () => {
    const before = assess(getRubric('hue-2263-2023'), { unit: 'xa', year: 2024, values: { 'I.1.1': 'head' } });
    const s = cellsOf(build({ assessment: before, year: 2024, decision: '2263/QĐ-UBND' }), SUMMARY_SHEET);
    const label = [...s.values()].find((c) => typeof c.value === 'string' && c.value.startsWith('Từng tiêu chí'))!;
    expect(label.value).toBe('Từng tiêu chí — So sánh với năm 2024 (chấm theo Quyết định 2263/QĐ-UBND)');
    const removed = [...s.values()].find((c) => c.value === 'I.1.1')!;
    const r = Number(removed.address.slice(1));
    expect(s.get(`F${r}`)!.value).toBe(10); // the head chairs the committee: 10 of 10
    expect(s.get(`G${r}`)!.value).toBeNull();
    expect(s.get(`I${r}`)!.value).toBe('Không còn trong bộ chỉ số năm nay');
    // Pillar VII (row 11) kept its numeral, not its subject; 2263 gave it 40 points, 931 gives it 50.
    expect(s.get('I11')!.value).toBe(
      'Năm trước tên là: Hoạt động kinh tế số; Điểm tối đa đổi từ 40 thành 50: mức thay đổi không so sánh trực tiếp được',
    );
  });

  test('a level rubric: levels compared in the columns after Mức đạt, the criterion table below the shortfalls', () => {
    const kontum = getRubric('kontum-121-2025');
    const before = assess(kontum, { unit: 'xa', year: 2024, values: {} });
    const s = buildTemplate(kontum, { unit: 'xa', year: 2025, previous: { assessment: before, year: 2024 } });
    const cells = cellsOf(s, SUMMARY_SHEET);
    expect(['E4', 'F4', 'G4'].map((a) => cells.get(a)!.value)).toEqual(['Năm trước', 'Năm nay', 'Thay đổi']);
    expect(cells.get('F5')!.formula).toBe('=C5');
    const header = [...cells.values()].filter((c) => c.value === 'Mã').map((c) => Number(c.address.slice(1)));
    // Three tables headed "Mã": the shortfalls for the next level, for the registered level, then the comparison.
    expect(header).toHaveLength(3);
    const n = kontum.criteria.filter((c) => c.units.includes('xa')).length;
    expect(header[1]).toBeGreaterThan(header[0] + n);
    expect(header[2]).toBeGreaterThan(header[1] + n);
    expect(cells.get(`${columnLetter(4)}${header[2]}`)!.value).toBe('Năm trước');
  });
});

function pillarRow(): number {
  // The summary's C5 points at the main sheet's pillar I row.
  return Number(/(\d+)$/.exec(summary.get('C5')!.formula!)![1]);
}

/** Formulas of the two sheets computed on demand; main-sheet cells in `edited` take the edited value. */
function evaluator(sheets: Record<string, Map<string, CellSpec>>, edited: Map<string, Scalar>) {
  const memo = new Map<string, unknown>();
  const address = (row: number, col: number) => `${columnLetter(col - 1)}${row}`;
  const value = (sheet: string, a: string): unknown => {
    if (sheet === MAIN_SHEET && edited.has(a)) return edited.get(a);
    const c = sheets[sheet]?.get(a);
    if (!c) return null;
    if (c.formula === undefined) return c.value ?? null;
    // The main sheet's own formulas call the add-in's functions: their stored result stands for them.
    if (sheet === MAIN_SHEET) return c.result ?? null;
    const key = `${sheet}!${a}`;
    if (!memo.has(key)) {
      // The parser is not re-entrant: what the formula refers to is computed first.
      for (const m of c.formula.replace(/"[^"]*"/g, '').matchAll(/(?:'([^']+)'!)?\$?([A-Z]+)\$?(\d+)/g))
        value(m[1] ?? sheet, `${m[2]}${m[3]}`);
      const parser = new FormulaParser({
        onCell: (ref) => {
          const s = ref.sheet ?? sheet;
          const at = address(ref.row, ref.col);
          return s === sheet && memo.has(`${s}!${at}`) ? memo.get(`${s}!${at}`) : value(s, at);
        },
      });
      memo.set(key, parser.parse(c.formula.replace(/^=/, ''), { sheet, row: 1, col: 1 }));
    }
    return memo.get(key);
  };
  return value;
}

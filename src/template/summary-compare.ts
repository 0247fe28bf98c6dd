/**
 * Last year beside this year on the "Tổng hợp" sheet: three columns on the pillar table (last
 * year's value, this year's, the change) and a criterion table below it. Last year's numbers are
 * values (the engine's result on last year's file, under last year's rubric); this year's are
 * formulas over the live cells, so they follow every edit, and so does the change.
 */
import type { Comparison, ComparedCriterion, Remark, YearSide } from '../engine';
import { columnLetter } from './address';
import { MAIN_SHEET, quoteSheet } from './layout';
import { rowHeight, type SheetParts } from './sheet-parts';

export interface ComparisonPlace {
  comparison: Comparison;
  /** The pillar table's rows on the summary sheet, by pillar id, and its header and total rows. */
  pillarRows: Map<string, number>;
  headerRow: number;
  totalRow: number;
  /** The column (0-based) of "Năm trước" on the pillar table, and the cell holding this year's value in it. */
  firstColumn: number;
  valueColumn: string;
  /** The main sheet's result column and the criteria's rows on it. */
  resultColumn: string;
  /** The main sheet's max column (points rubrics). */
  maxColumn?: string;
  rows: Record<string, number>;
  /** The first free row below what the summary already holds. */
  below: number;
}

const SIGNED = '+0.##;-0.##;0';

/** The remark column's width (the summary sheet sets it). */
export const REMARK_WIDTH = 48;

const remarkText = (remarks: Remark[]) => remarks.map((r) => r.text.vi).join('; ');

const shown = (s: YearSide | null) => s?.value ?? null;

/** "So sánh với năm 2024 (chấm theo Quyết định 2263/QĐ-UBND)": the year, and last year's decision when it is another. */
function comparedWith(c: Comparison): string {
  const year = c.previous.year ? `năm ${c.previous.year}` : 'năm trước';
  const other = c.previous.rubric !== c.current.rubric || c.previous.version !== c.current.version;
  const decision = c.previous.decision ? `Quyết định ${c.previous.decision}` : 'bộ chỉ số năm trước';
  return `So sánh với ${year}${other ? ` (chấm theo ${decision})` : ''}`;
}

/** Writes the comparison; returns the first column right of the pillar columns (for the chart). */
export function writeComparison(sheet: SheetParts, place: ComparisonPlace): number {
  const { comparison, pillarRows, headerRow, totalRow, firstColumn, valueColumn } = place;
  const [prev, now, change, remark] = [0, 1, 2, 3].map((i) => columnLetter(firstColumn + i));
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  const comparable = comparison.previous.measure === comparison.current.measure;
  put({ address: `${prev}${headerRow - 1}`, value: comparedWith(comparison), style: 'label' });
  ['Năm trước', 'Năm nay', 'Thay đổi', 'Ghi chú'].forEach((h, i) =>
    put({ address: `${columnLetter(firstColumn + i)}${headerRow}`, value: h, style: 'tableHeader' }),
  );

  type Row = { previous: YearSide | null; current: YearSide | null; change: number | null; remarks: Remark[] };
  const row = (
    r: number,
    { previous: before, current: after, change: delta, remarks }: Row,
    style: 'number' | 'total',
  ) => {
    const text = remarkText(remarks);
    const p = shown(before);
    put({ address: `${prev}${r}`, value: p, style, numFmt: '0.##' });
    put({ address: `${now}${r}`, formula: `=${valueColumn}${r}`, result: shown(after), style, numFmt: '0.##' });
    put({
      address: `${change}${r}`,
      formula: comparable ? `=IF(AND(ISNUMBER(${prev}${r}),ISNUMBER(${now}${r})),${now}${r}-${prev}${r},"")` : '=""',
      result: delta ?? '',
      style,
      numFmt: SIGNED,
    });
    put({ address: `${remark}${r}`, value: text, style: 'check' });
    sheet.rowHeights.push({ row: r, height: rowHeight([{ text, width: REMARK_WIDTH, fontSize: 10 }]) });
  };
  for (const p of comparison.pillars) {
    const r = pillarRows.get(p.id);
    if (r === undefined) continue;
    row(r, p, 'number');
  }
  row(totalRow, comparison.total, 'total');

  let r = place.below;
  // Pillars of last year that this year's set no longer has: a line each, under the table.
  for (const p of comparison.pillars.filter((x) => !x.current)) {
    put({
      address: `A${r++}`,
      value: `Trụ cột ${p.id} (${p.title}) của năm trước không còn trong bộ chỉ số năm nay; năm trước đạt ${shown(p.previous) ?? '—'}`,
      style: 'label',
    });
  }
  writeCriteria(sheet, place, r + 1);
  return firstColumn + 4;
}

function writeCriteria(sheet: SheetParts, place: ComparisonPlace, start: number): void {
  const { comparison, resultColumn, maxColumn, rows } = place;
  const [prev, now, change, remark] = [0, 1, 2, 3].map((i) => columnLetter(place.firstColumn + i));
  const m = quoteSheet(MAIN_SHEET);
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  put({ address: `A${start - 1}`, value: `Từng tiêu chí — ${comparedWith(comparison)}`, style: 'label' });
  sheet.merges.push(`A${start - 1}:D${start - 1}`);
  // The same columns as the pillar table above; points rubrics show both years' max, which can differ.
  const headers: [string, string][] = [
    ['A', 'Mã'],
    ['B', 'Tiêu chí'],
    ...(maxColumn
      ? ([
          ['C', 'Tối đa năm trước'],
          ['D', 'Tối đa năm nay'],
        ] as [string, string][])
      : []),
    [prev, 'Năm trước'],
    [now, 'Năm nay'],
    [change, 'Thay đổi'],
    [remark, 'Ghi chú'],
  ];
  for (const [column, h] of headers) put({ address: `${column}${start}`, value: h, style: 'tableHeader' });
  sheet.rowHeights.push({ row: start, height: 30 });
  comparison.criteria.forEach((c: ComparedCriterion, i) => {
    const r = start + 1 + i;
    const text = remarkText(c.remarks);
    const src = c.current ? rows[c.id] : undefined;
    put({ address: `A${r}`, value: c.id, style: 'criterionId' });
    put({ address: `B${r}`, value: c.title, style: 'text' });
    if (maxColumn) {
      put({ address: `C${r}`, value: c.previous?.max ?? null, style: 'number', numFmt: '0.##' });
      put(
        src !== undefined
          ? {
              address: `D${r}`,
              formula: `=${m}!${maxColumn}${src}`,
              result: c.current!.max,
              style: 'number',
              numFmt: '0.##',
            }
          : { address: `D${r}`, value: null, style: 'number' },
      );
    }
    put({ address: `${prev}${r}`, value: shown(c.previous), style: 'number', numFmt: '0.##' });
    if (src !== undefined) {
      put({
        address: `${now}${r}`,
        formula: `=${m}!${resultColumn}${src}`,
        result: shown(c.current),
        style: 'number',
        numFmt: '0.##',
      });
      // Points and levels compare only when both years measure alike (the module's `change`).
      put({
        address: `${change}${r}`,
        formula: c.previous && c.change !== null ? `=IF(ISNUMBER(${prev}${r}),${now}${r}-${prev}${r},"")` : '=""',
        result: c.change ?? '',
        style: 'number',
        numFmt: SIGNED,
      });
    } else {
      put({ address: `${now}${r}`, value: null, style: 'number' });
      put({ address: `${change}${r}`, value: null, style: 'number' });
    }
    put({ address: `${remark}${r}`, value: text, style: 'check' });
    sheet.rowHeights.push({
      row: r,
      height: rowHeight([
        { text: c.title, width: 46, fontSize: 10 },
        { text, width: REMARK_WIDTH, fontSize: 10 },
      ]),
    });
  });
}

/**
 * The "Tổng hợp" sheet: the pillar table with a native bar chart, and for level rubrics what each
 * criterion still lacks for the next level (`CDS.DTI_SHORTFALL`) and, where the unit registers a
 * level (Kon Tum), for the level registered, all as formulas over the main sheet.
 */
import { cellLevelName, cellShortfall, type Comparison } from '../engine';
import type { Criterion, Rubric, UnitId } from '../rubrics';
import { columnLetter } from './address';
import { absolute, HEADER, MAIN_SHEET, quoteSheet, SUMMARY_SHEET } from './layout';
import { criterionArguments, onMainSheet, type TableContext } from './criteria';
import { orElse, rowHeight, SheetParts } from './sheet-parts';
import type { ChartSpec, Scalar, SheetSpec } from './spec';
import { REMARK_WIDTH, writeComparison } from './summary-compare';

/** A pillar's row on the main sheet and what it shows. */
export interface PillarRow {
  id: string;
  title: string;
  row: number;
  points?: number;
  max?: number;
  level?: number;
}

export interface SummaryInput {
  rubric: Rubric;
  unit: UnitId;
  pillars: PillarRow[];
  /** Column letter by column key of the main sheet's criteria table. */
  col: Record<string, string>;
  /** The main sheet's table, for the arguments of each criterion's shortfall formula. */
  table: TableContext;
  totals: { total: number; totalMax: number; unitLevel: number; totalRow: number };
  criteria: readonly Criterion[];
  rows: Record<string, number>;
  levels: Map<string, number>;
  slotValues: Map<string, Scalar[]>;
  /** This year beside last year's result, when the template is built with one. */
  comparison?: Comparison;
  /** The registered-level cell of the main sheet and what it holds, where the unit registers a level. */
  registered?: { cell: string; level: number | null };
}

export function buildSummary(input: SummaryInput): SheetSpec {
  const { rubric, pillars, col, totals } = input;
  const isLevel = rubric.kind === 'levels';
  const m = quoteSheet(MAIN_SHEET);
  const sheet = new SheetParts();
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  sheet.merges.push('A1:F1', 'A2:F2');
  put({
    address: 'A1',
    value: isLevel ? 'TỔNG HỢP MỨC ĐỘ CHUYỂN ĐỔI SỐ' : 'TỔNG HỢP ĐIỂM CHUYỂN ĐỔI SỐ',
    style: 'title',
  });
  put({
    address: 'A2',
    formula: `=${m}!${absolute(HEADER.unitName)}&" — năm "&${m}!${absolute(HEADER.year)}`,
    result: '',
    style: 'subtitle',
  });
  const headers = isLevel ? ['Nhóm', 'Tên nhóm', 'Mức đạt'] : ['Trụ cột', 'Tên trụ cột', 'Điểm', 'Tối đa', 'Tỷ lệ'];
  headers.forEach((h, i) => put({ address: `${columnLetter(i)}4`, value: h, style: 'tableHeader' }));
  pillars.forEach((p, i) => {
    const r = 5 + i;
    put({ address: `A${r}`, value: p.id, style: 'criterionId' });
    put({ address: `B${r}`, value: p.title, style: 'text' });
    if (isLevel)
      put({ address: `C${r}`, formula: `=${m}!${col.result}${p.row}`, result: p.level!, style: 'number', numFmt: '0' });
    else {
      put({
        address: `C${r}`,
        formula: `=${m}!${col.result}${p.row}`,
        result: p.points!,
        style: 'number',
        numFmt: '0.##',
      });
      put({ address: `D${r}`, formula: `=${m}!${col.max}${p.row}`, result: p.max!, style: 'number', numFmt: '0.##' });
      put({
        address: `E${r}`,
        formula: `=IF(D${r}>0,C${r}/D${r},0)`,
        result: p.max! > 0 ? p.points! / p.max! : 0,
        style: 'number',
        numFmt: '0.0%',
      });
    }
  });
  const last = 4 + pillars.length;
  const totalRow = last + 1;
  put({ address: `B${totalRow}`, value: isLevel ? 'Mức độ của đơn vị' : 'Tổng', style: 'totalLabel' });
  if (isLevel) {
    put({
      address: `C${totalRow}`,
      formula: `=${m}!${col.result}${totals.totalRow}`,
      result: totals.unitLevel,
      style: 'total',
      numFmt: '0',
    });
    put({
      address: `D${totalRow}`,
      formula: `=CDS.DTI_LEVEL_NAME(${m}!${absolute(HEADER.rubric)},C${totalRow})`,
      result: cellLevelName(rubric, totals.unitLevel),
      style: 'total',
    });
  } else {
    put({
      address: `C${totalRow}`,
      formula: `=${m}!${col.result}${totals.totalRow}`,
      result: totals.total,
      style: 'total',
      numFmt: '0.##',
    });
    put({
      address: `D${totalRow}`,
      formula: `=${m}!${col.max}${totals.totalRow}`,
      result: totals.totalMax,
      style: 'total',
      numFmt: '0.##',
    });
    put({
      address: `E${totalRow}`,
      formula: `=IF(D${totalRow}>0,C${totalRow}/D${totalRow},0)`,
      result: totals.totalMax > 0 ? totals.total / totals.totalMax : 0,
      style: 'total',
      numFmt: '0.0%',
    });
  }
  const chart: ChartSpec = {
    type: 'barClustered',
    title: isLevel ? 'Mức độ theo nhóm chỉ tiêu' : 'Tỷ lệ điểm đạt theo trụ cột',
    categories: `B5:B${last}`,
    series: [{ name: isLevel ? 'Mức đạt' : 'Tỷ lệ đạt', values: isLevel ? `C5:C${last}` : `E5:E${last}` }],
    valueFormat: isLevel ? '0' : '0%',
    from: 'G4',
    // Tall enough for every pillar's label to show.
    to: `N${Math.max(last + 12, 4 + pillars.length * 3)}`,
  };
  // Each block: a heading row, a header row, one row a criterion, a blank row.
  const block = input.criteria.length + 3;
  if (isLevel) writeShortfalls(input, sheet, totalRow + 3, nextTarget(input));
  if (isLevel && input.registered) writeShortfalls(input, sheet, totalRow + 3 + block, registeredTarget(input));
  if (input.comparison) {
    const firstColumn = isLevel ? 4 : 5;
    const right = writeComparison(sheet, {
      comparison: input.comparison,
      pillarRows: new Map(pillars.map((p, i) => [p.id, 5 + i])),
      headerRow: 4,
      totalRow,
      firstColumn,
      valueColumn: 'C',
      resultColumn: col.result,
      maxColumn: isLevel ? undefined : col.max,
      rows: input.rows,
      below: isLevel ? totalRow + 3 + input.criteria.length + 2 + (input.registered ? block : 0) : totalRow + 2,
    });
    // The chart moves right of the comparison columns, as wide as before.
    chart.from = `${columnLetter(right + 1)}4`;
    chart.to = chart.to.replace(/^[A-Z]+/, columnLetter(right + 8));
  }

  return {
    name: SUMMARY_SHEET,
    visibility: 'visible',
    cells: sheet.cells,
    merges: sheet.merges,
    rowHeights: sheet.rowHeights,
    columns: withComparison(
      [
        { column: 'A', width: 9 },
        { column: 'B', width: 46 },
        { column: 'C', width: 10 },
        { column: 'D', width: isLevel ? 60 : 10 },
        { column: 'E', width: 10 },
      ],
      input.comparison ? (isLevel ? 4 : 5) : undefined,
    ),
    freeze: { rows: 4, columns: 0 },
    validations: [],
    conditionalFormats: [],
    charts: [chart],
    protect: true,
    print: { landscape: true, paper: 'A4', fitToWidth: true },
    tabColor: '#107C10',
  };
}

/** A level the shortfall block is for: the formula of its number, its number now, and the block's heading. */
interface Target {
  level: string;
  levelNow: number;
  heading: string;
  headingNow: string;
}

function nextTarget({ col, totals }: SummaryInput): Target {
  const next = `${quoteSheet(MAIN_SHEET)}!${col.result}${totals.totalRow}+1`;
  return {
    level: next,
    levelNow: totals.unitLevel + 1,
    heading: `="Còn thiếu để đạt mức "&(${next})`,
    headingNow: `Còn thiếu để đạt mức ${totals.unitLevel + 1}`,
  };
}

/** The registered level (Kon Tum II.3): blank says to enter it rather than listing nothing. */
function registeredTarget({ registered }: SummaryInput): Target {
  const cell = `${quoteSheet(MAIN_SHEET)}!${absolute(registered!.cell)}`;
  const none = 'Chưa nhập mức đăng ký (ô Mức đăng ký, trang Tự đánh giá)';
  return {
    level: `N(${cell})`,
    levelNow: registered!.level ?? 0,
    heading: `=IF(N(${cell})=0,"${none}","Còn thiếu để đạt mức đăng ký: mức "&${cell})`,
    headingNow: registered!.level ? `Còn thiếu để đạt mức đăng ký: mức ${registered!.level}` : none,
  };
}

/** Level rubrics: what stands between the unit and a level, criterion by criterion, from row `start`. */
function writeShortfalls(input: SummaryInput, sheet: SheetParts, start: number, target: Target): void {
  const { rubric, unit, table, criteria, rows, col } = input;
  const m = quoteSheet(MAIN_SHEET);
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  const next = target.level;
  put({ address: `A${start - 1}`, formula: target.heading, result: target.headingNow, style: 'label' });
  sheet.merges.push(`A${start - 1}:D${start - 1}`);
  ['Mã', 'Chỉ tiêu', 'Mức đạt', 'Còn thiếu'].forEach((h, i) =>
    put({ address: `${columnLetter(i)}${start}`, value: h, style: 'tableHeader' }),
  );
  criteria.forEach((c, i) => {
    const r = start + 1 + i;
    const src = rows[c.id];
    put({ address: `A${r}`, formula: `=${m}!A${src}`, result: c.id, style: 'criterionId' });
    put({ address: `B${r}`, formula: `=${m}!B${src}`, result: c.title, style: 'text' });
    put({
      address: `C${r}`,
      formula: `=${m}!${col.result}${src}`,
      result: input.levels.get(c.id)!,
      style: 'number',
      numFmt: '0',
    });
    // DTI_SHORTFALL takes the criterion's own argument cells, on the main sheet.
    const args = criterionArguments(table, c, src, input.slotValues.get(c.id) ?? [], onMainSheet(MAIN_SHEET));
    const shortfall = orElse(() => cellShortfall(rubric, unit, c, target.levelNow, args.values), '');
    put({
      address: `D${r}`,
      formula: `=CDS.DTI_SHORTFALL(${m}!${absolute(HEADER.rubric)},${m}!${absolute(HEADER.unit)},A${r},${next},${args.refs.join(',')})`,
      result: shortfall,
      style: 'check',
    });
    sheet.rowHeights.push({
      row: r,
      height: rowHeight([
        { text: c.title, width: 46, fontSize: 10 },
        { text: shortfall, width: 60, fontSize: 9 },
      ]),
    });
  });
}

/** The columns' widths, with the comparison's from the 0-based column `first` (theirs win where both set one). */
function withComparison(columns: { column: string; width: number }[], first: number | undefined) {
  if (first === undefined) return columns;
  const added = [
    ...[0, 1, 2].map((i) => ({ column: columnLetter(first + i), width: 11 })),
    { column: columnLetter(first + 3), width: REMARK_WIDTH },
  ];
  return [...columns.filter((c) => !added.some((a) => a.column === c.column)), ...added];
}

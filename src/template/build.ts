/**
 * The template builder: rubric + unit type (+ unit name, year, entries to keep) → a WorkbookSpec.
 * Pure: the Office.js writer and the ExcelJS writer apply what it returns. One design serves every
 * rubric; points rubrics and level rubrics differ only in their middle columns and totals.
 *
 * Formula cells carry the value the add-in will compute (`result`), from the engine's cell
 * computations on the same cells (rows) and one assessment of all of them (subtotals and totals),
 * so a file opened before the add-in loads already shows the numbers. The rubric is the object
 * given: it need not be in the library.
 */
import {
  assess,
  cellLevelName,
  cellsFromValue,
  criteriaFor,
  inputSlots,
  isBlank,
  OK_MARK,
  resolveUnit,
  valueFromSlots,
  type Assessment,
} from '../engine';
import type { Rubric, UnitId } from '../rubrics';
import { columnLetter, parseAddress } from './address';
import { writeCriterionRow, type RowResult, type TableContext } from './criteria';
import { ListSheet } from './inputs';
import {
  absolute,
  FIRST_ROW,
  HEADER,
  MAIN_SHEET,
  META_SHEET,
  quoteSheet,
  TABLE_HEADER_ROW,
  tableColumns,
  TEMPLATE_VERSION,
  type CriterionEntry,
  type HeaderCells,
  type TemplateLayout,
} from './layout';
import { rowHeight, SheetParts } from './sheet-parts';
import { STYLES } from './styles';
import { sheetSpec, type DefinedNameSpec, type Scalar, type SheetSpec, type WorkbookSpec } from './spec';
import { buildSummary, type PillarRow } from './summary';

export interface BuildOptions {
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries by criterion id to write into the input cells. */
  entries?: Record<string, CriterionEntry>;
}

/** The header block's labels, beside their cells (in column A of the same row). */
const HEADER_LABELS: [keyof HeaderCells, string][] = [
  ['rubric', 'Bộ tiêu chí'],
  ['version', 'Phiên bản'],
  ['unit', 'Loại đơn vị'],
  ['unitName', 'Tên đơn vị'],
  ['year', 'Năm đánh giá'],
];
const INPUT_HEADERS = new Set<keyof HeaderCells>(['unitName', 'year']);

export function buildTemplate(rubric: Rubric, options: BuildOptions): WorkbookSpec {
  const unit = resolveUnit(rubric, options.unit);
  const unitName = options.unitName ?? '';
  const year = options.year ?? new Date().getFullYear();
  const criteria = criteriaFor(rubric, unit);
  const isLevel = rubric.kind === 'levels';
  const slotCount = Math.max(1, ...criteria.map((c) => inputSlots(rubric, c).length));
  const columns = tableColumns(rubric, slotCount);
  const col = Object.fromEntries(columns.map((c, i) => [c.key, columnLetter(i)])) as Record<string, string>;
  const slotCols = Array.from({ length: slotCount }, (_, i) => col[`slot${i}`]);
  const lastCol = columnLetter(columns.length - 1);
  const sheet = new SheetParts();
  sheet.rowHeights.push({ row: TABLE_HEADER_ROW, height: 30 });
  const lists = new ListSheet();

  writeHeader(sheet, rubric, unit, unitName, year, lastCol);
  columns.forEach((c, i) =>
    sheet.put({ address: `${columnLetter(i)}${TABLE_HEADER_ROW}`, value: c.header, style: 'tableHeader' }),
  );

  // Criteria grouped by pillar (and by heading group where the decision has them).
  const ctx: TableContext = { rubric, unit, unitName, columns, col, slotCols, lists, sheet };
  const rows: Record<string, number> = {};
  const results = new Map<string, RowResult>();
  const pillarRows: { pillar: Rubric['pillars'][number]; row: number; first: number; last: number }[] = [];
  const entries = options.entries ?? {};
  let row = FIRST_ROW;
  for (const pillar of rubric.pillars.filter((p) => !p.units || p.units.includes(unit))) {
    const inPillar = criteria.filter((c) => c.pillar === pillar.id);
    if (inPillar.length === 0) continue;
    const pillarRow = row++;
    let lastParent: string | undefined;
    for (const c of inPillar) {
      const group = c.parent ? rubric.groups.find((g) => g.id === c.parent) : undefined;
      if (group && c.parent !== lastParent) {
        sheet.put({ address: `A${row}`, value: group.id, style: 'group' });
        sheet.put({ address: `B${row}`, value: group.title, style: 'group' });
        sheet.rowHeights.push({
          row,
          height: rowHeight([{ text: group.title, width: columns[1].width, fontSize: 10 }]),
        });
        row++;
      }
      lastParent = c.parent;
      rows[c.id] = row;
      results.set(c.id, writeCriterionRow(ctx, c, row, entries[c.id]));
      row++;
    }
    pillarRows.push({ pillar, row: pillarRow, first: pillarRow + 1, last: row - 1 });
  }
  const lastRow = row - 1;

  // One assessment of the same cells gives the subtotals and totals the formulas will show.
  const values = Object.fromEntries(
    criteria
      .map((c) => [c.id, valueFromSlots(rubric, c, results.get(c.id)!.slotValues)])
      .filter(([, v]) => !isBlank(v)),
  );
  const assessment = assess(rubric, { unit, unitName: unitName || undefined, values });
  const pillarSummary = writePillarRows(sheet, columns.length, col, pillarRows, assessment, isLevel);
  const totalRow = lastRow + 2;
  const totals = writeTotals(sheet, rubric, col, pillarRows, assessment, totalRow);
  const firstCheck = `${col.check}${FIRST_ROW}`;
  sheet.conditionalFormats.push(
    {
      range: `${col.check}${FIRST_ROW}:${col.check}${lastRow}`,
      formula: `AND(LEN(${firstCheck})>0,${firstCheck}<>"${OK_MARK}")`,
      fill: '#FFF4CE',
      fontColor: '#8A3707',
    },
    {
      range: `${col.check}${FIRST_ROW}:${col.check}${lastRow}`,
      formula: `${firstCheck}="${OK_MARK}"`,
      fontColor: '#107C10',
    },
  );

  const layout: TemplateLayout = {
    sheet: MAIN_SHEET,
    header: HEADER,
    idColumn: 'A',
    firstRow: FIRST_ROW,
    lastRow,
    slotColumns: slotCols,
    evidence: { number: col.evNumber, date: col.evDate, link: col.evLink, signed: col.evSigned },
    note: col.note,
    score: col.result,
    max: col.max ?? '',
    check: col.check,
    rows,
    inputs: Object.fromEntries(criteria.map((c) => [c.id, inputSlots(rubric, c).map((slot) => slot.kind)])),
  };
  const meta = { rubric: rubric.id, version: rubric.version, unit, unitName, year, templateVersion: TEMPLATE_VERSION };

  const main: SheetSpec = {
    name: MAIN_SHEET,
    visibility: 'visible',
    cells: sheet.cells,
    merges: sheet.merges,
    columns: columns.map((c, i) => ({ column: columnLetter(i), width: c.width })),
    rowHeights: sheet.rowHeights,
    freeze: { rows: TABLE_HEADER_ROW, columns: 2 },
    validations: sheet.validations,
    conditionalFormats: sheet.conditionalFormats,
    charts: [],
    protect: true,
    print: {
      landscape: true,
      paper: 'A4',
      fitToWidth: true,
      titleRows: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`,
      area: `A1:${lastCol}${totalRow}`,
    },
    tabColor: '#0F6CBD',
  };
  const summary = buildSummary({
    rubric,
    unit,
    pillars: pillarSummary,
    col,
    slotCols,
    totals: { ...totals, totalRow },
    criteria,
    rows,
    levels: new Map([...results].map(([id, r]) => [id, r.level ?? 0])),
    slotValues: new Map([...results].map(([id, r]) => [id, r.slotValues])),
  });
  return {
    meta,
    layout,
    styles: STYLES,
    sheets: [main, summary, lists.sheet(), metaSheet(meta, layout)],
    names: definedNames(),
  };
}

function writeHeader(
  sheet: SheetParts,
  rubric: Rubric,
  unit: UnitId,
  unitName: string,
  year: number,
  lastCol: string,
): void {
  const unitLabel = rubric.units.find((u) => u.id === unit)!.label.vi;
  sheet.put({ address: 'A1', value: rubric.title, style: 'title' });
  sheet.merges.push(`A1:${lastCol}1`);
  const d = rubric.decision.date.split('-');
  sheet.put({
    address: 'A2',
    value: `Ban hành kèm theo Quyết định số ${rubric.decision.number} ngày ${d[2]}/${d[1]}/${d[0]} của ${rubric.decision.issuer} · Áp dụng cho: ${unitLabel}`,
    style: 'subtitle',
  });
  sheet.merges.push(`A2:${lastCol}2`);
  const values: Record<keyof HeaderCells, Scalar> = {
    rubric: rubric.id,
    version: rubric.version,
    unit,
    unitName,
    year,
    total: null,
  };
  for (const [key, label] of HEADER_LABELS) {
    const cell = HEADER[key];
    const input = INPUT_HEADERS.has(key);
    sheet.put({ address: cell.replace(/^[A-Z]+/, 'A'), value: label, style: 'label' });
    sheet.put({ address: cell, value: values[key], style: input ? 'input' : 'headerValue', locked: !input });
  }
  sheet.validations.push(
    {
      range: HEADER.unitName,
      type: 'textLength',
      min: 0,
      max: 255,
      allowBlank: true,
      prompt: { title: 'Tên đơn vị', message: 'Tên cơ quan, đơn vị, địa phương tự đánh giá.' },
      error: { title: 'Tên đơn vị', message: 'Tên quá dài.' },
    },
    {
      range: HEADER.year,
      type: 'whole',
      min: 2000,
      max: 2100,
      allowBlank: false,
      prompt: { title: 'Năm đánh giá', message: 'Năm của kỳ đánh giá, ví dụ 2025.' },
      error: { title: 'Năm đánh giá', message: 'Nhập năm từ 2000 đến 2100.' },
    },
  );
}

/** Each pillar's heading row with its subtotal (points and max) or level formula. */
function writePillarRows(
  sheet: SheetParts,
  columnCount: number,
  col: Record<string, string>,
  pillarRows: { pillar: Rubric['pillars'][number]; row: number; first: number; last: number }[],
  assessment: Assessment,
  isLevel: boolean,
): PillarRow[] {
  return pillarRows.map((p) => {
    const assessed = assessment.pillars.find((x) => x.id === p.pillar.id)!;
    sheet.put({ address: `A${p.row}`, value: p.pillar.id, style: 'pillar' });
    sheet.put({ address: `B${p.row}`, value: p.pillar.title, style: 'pillar' });
    for (let i = 2; i < columnCount; i++)
      if (![col.result, col.max].includes(columnLetter(i)))
        sheet.put({ address: `${columnLetter(i)}${p.row}`, value: null, style: 'pillar' });
    const range = (c: string) => `${c}${p.first}:${c}${p.last}`;
    if (isLevel) {
      sheet.put({
        address: `${col.result}${p.row}`,
        formula: `=MIN(${range(col.result)})`,
        result: assessed.level!,
        style: 'pillar',
        numFmt: '0',
      });
      return { id: p.pillar.id, title: p.pillar.title, row: p.row, level: assessed.level };
    }
    sheet.put({
      address: `${col.result}${p.row}`,
      formula: `=ROUND(SUM(${range(col.result)}),2)`,
      result: assessed.points!,
      style: 'pillar',
      numFmt: '0.##',
    });
    sheet.put({
      address: `${col.max}${p.row}`,
      formula: `=SUM(${range(col.max)})`,
      result: assessed.max!,
      style: 'pillar',
      numFmt: '0.##',
    });
    return { id: p.pillar.id, title: p.pillar.title, row: p.row, points: assessed.points!, max: assessed.max! };
  });
}

/** The total row under the table and the total (or level) at the top of the sheet. */
function writeTotals(
  sheet: SheetParts,
  rubric: Rubric,
  col: Record<string, string>,
  pillarRows: { row: number }[],
  assessment: Assessment,
  totalRow: number,
): { total: number; totalMax: number; unitLevel: number } {
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  const pillarRefs = (c: string) => pillarRows.map((p) => `${c}${p.row}`).join(',');
  // The total and the lines under it at the top of the sheet, each labelled in the column before.
  const at = parseAddress(HEADER.total);
  const top = (line: number) => `${columnLetter(at.col)}${at.row + 1 + line}`;
  const topLabel = (line: number) => `${columnLetter(at.col - 1)}${at.row + 1 + line}`;
  const rubricRef = absolute(HEADER.rubric);
  if (rubric.kind === 'levels') {
    put({ address: `B${totalRow}`, value: 'MỨC ĐỘ CHUYỂN ĐỔI SỐ', style: 'totalLabel' });
    const unitLevel = assessment.level!.number;
    const name = cellLevelName(rubric, unitLevel);
    put({
      address: `${col.result}${totalRow}`,
      formula: `=MIN(${pillarRefs(col.result)})`,
      result: unitLevel,
      style: 'total',
      numFmt: '0',
    });
    put({
      address: `${col.check}${totalRow}`,
      formula: `=CDS.DTI_LEVEL_NAME(${rubricRef},${col.result}${totalRow})`,
      result: name,
      style: 'total',
    });
    put({ address: topLabel(0), value: 'Mức độ', style: 'label' });
    put({ address: top(0), formula: `=${col.result}${totalRow}`, result: unitLevel, style: 'total', numFmt: '0' });
    put({ address: topLabel(1), value: 'Tên mức', style: 'label' });
    put({ address: top(1), formula: `=${col.check}${totalRow}`, result: name, style: 'headerValue' });
    return { total: 0, totalMax: 0, unitLevel };
  }
  put({ address: `B${totalRow}`, value: 'TỔNG ĐIỂM', style: 'totalLabel' });
  const total = assessment.total ?? 0;
  const totalMax = assessment.max ?? 0;
  const percent = totalMax > 0 ? total / totalMax : 0;
  put({
    address: `${col.result}${totalRow}`,
    formula: `=ROUND(SUM(${pillarRefs(col.result)}),2)`,
    result: total,
    style: 'total',
    numFmt: '0.##',
  });
  put({
    address: `${col.max}${totalRow}`,
    formula: `=SUM(${pillarRefs(col.max)})`,
    result: totalMax,
    style: 'total',
    numFmt: '0.##',
  });
  put({
    address: `${col.check}${totalRow}`,
    formula: `=IF(${col.max}${totalRow}>0,${col.result}${totalRow}/${col.max}${totalRow},0)`,
    result: percent,
    style: 'total',
    numFmt: '0.00%',
  });
  put({ address: topLabel(0), value: 'Tổng điểm', style: 'label' });
  put({ address: top(0), formula: `=${col.result}${totalRow}`, result: total, style: 'total', numFmt: '0.##' });
  put({ address: topLabel(1), value: 'Điểm tối đa', style: 'label' });
  put({ address: top(1), formula: `=${col.max}${totalRow}`, result: totalMax, style: 'headerValue', numFmt: '0.##' });
  put({ address: topLabel(2), value: 'Tỷ lệ đạt', style: 'label' });
  put({ address: top(2), formula: `=${col.check}${totalRow}`, result: percent, style: 'headerValue', numFmt: '0.00%' });
  return { total, totalMax, unitLevel: 0 };
}

/** The header cells as defined names: what moves with the cells when rows are inserted. */
function definedNames(): DefinedNameSpec[] {
  const main = quoteSheet(MAIN_SHEET);
  return [
    { name: 'DTI_RUBRIC', refersTo: `${main}!${absolute(HEADER.rubric)}` },
    { name: 'DTI_VERSION', refersTo: `${main}!${absolute(HEADER.version)}` },
    { name: 'DTI_UNIT', refersTo: `${main}!${absolute(HEADER.unit)}` },
    { name: 'DTI_UNIT_NAME', refersTo: `${main}!${absolute(HEADER.unitName)}` },
    { name: 'DTI_YEAR', refersTo: `${main}!${absolute(HEADER.year)}` },
    { name: 'DTI_TEMPLATE', refersTo: `${quoteSheet(META_SHEET)}!$B$1` },
  ];
}

/** Layout and identity as JSON: inside the workbook part a digital signature covers. */
function metaSheet(meta: WorkbookSpec['meta'], layout: TemplateLayout): SheetSpec {
  return sheetSpec(META_SHEET, 'veryHidden', [
    { address: 'A1', value: 'dti-template' },
    { address: 'B1', value: JSON.stringify({ meta, layout }) },
    { address: 'A2', value: 'rubric' },
    { address: 'B2', value: meta.rubric },
    { address: 'A3', value: 'version' },
    { address: 'B3', value: meta.version },
    { address: 'A4', value: 'unit' },
    { address: 'B4', value: meta.unit },
    { address: 'A5', value: 'templateVersion' },
    { address: 'B5', value: TEMPLATE_VERSION },
  ]);
}

/** The entries of a value record (e.g. from a self-assessment JSON file) as template entries. */
export function entriesFromValues(
  rubric: Rubric,
  unit: UnitId,
  values: Record<string, unknown>,
): Record<string, CriterionEntry> {
  const out: Record<string, CriterionEntry> = {};
  for (const c of criteriaFor(rubric, unit)) {
    const v = values[c.id];
    if (isBlank(v)) continue;
    out[c.id] = {
      slots: cellsFromValue(rubric, c, v) as Scalar[],
      evidence: { number: null, date: null, link: null, signed: null },
      note: null,
    };
  }
  return out;
}

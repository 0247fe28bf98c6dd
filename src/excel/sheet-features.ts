/**
 * Everything of a sheet besides its cells: column widths and row heights, freeze panes, print
 * setup, data validation and charts.
 *
 *  - column widths are given in characters (the width of "0" in the default font). Office.js wants
 *    points: a character is ~7 px at 96 dpi plus 5 px of cell padding, and 1 px = 0.75 pt, so
 *    `points = (chars × 7 + 5) × 0.75` (8.43 characters → 64 px → 48 pt, Excel's default column);
 *  - row heights are already in points;
 *  - date validation bounds are Excel serial numbers and are passed as ISO dates.
 */
import type { ChartSpec, SheetSpec, ValidationSpec } from '../template';
import { parseRange, rangeAddress } from './addresses';
import type { PageLayoutLike, RangeLike, WorksheetLike } from './office-like';

/** Characters of the default font → points (see the header comment). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** Column widths, and row heights unless `withRows` is false (they went with the bands, ./bands.ts). */
export function writeSizes(sheet: WorksheetLike, spec: SheetSpec, withRows = true): void {
  for (const c of spec.columns) {
    const range = sheet.getRange(`${c.column}:${c.column}`);
    range.format.columnWidth = columnWidthPoints(c.width);
    if (c.hidden) range.columnHidden = true;
  }
  if (withRows) writeRowHeights(sheet, spec.rowHeights ?? []);
}

export function writeRowHeights(sheet: WorksheetLike, heights: NonNullable<SheetSpec['rowHeights']>): void {
  // Consecutive rows of the same height in one range.
  const rows = [...heights].sort((a, b) => a.row - b.row);
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].row === rows[j].row + 1 && rows[j + 1].height === rows[i].height) j++;
    sheet.getRange(`${rows[i].row}:${rows[j].row}`).format.rowHeight = rows[i].height;
    i = j + 1;
  }
}

export function writeFreeze(sheet: WorksheetLike, freeze: SheetSpec['freeze']): void {
  if (!freeze || (freeze.rows <= 0 && freeze.columns <= 0)) return;
  if (freeze.columns <= 0) sheet.freezePanes.freezeRows(freeze.rows);
  else if (freeze.rows <= 0) sheet.freezePanes.freezeColumns(freeze.columns);
  else sheet.freezePanes.freezeAt(rangeAddress(1, 1, freeze.rows, freeze.columns));
}

/** Print setup (ExcelApi 1.9): the page layout and the manual page breaks. */
export function writePrint(sheet: WorksheetLike, print: NonNullable<SheetSpec['print']>): void {
  writePageLayout(sheet.pageLayout, print);
  for (const row of print.breaks ?? []) sheet.horizontalPageBreaks.add(`A${row}`);
}

function writePageLayout(layout: PageLayoutLike, print: NonNullable<SheetSpec['print']>): void {
  layout.orientation = print.landscape ? 'Landscape' : 'Portrait';
  layout.paperSize = print.paper;
  // Fit all columns on one page, as many pages tall as needed (0 = automatic).
  if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (print.titleRows) layout.setPrintTitleRows(print.titleRows);
  if (print.area) layout.setPrintArea(print.area);
  if (print.margins) {
    const m = print.margins;
    layout.leftMargin = cmToPoints(m.left);
    layout.rightMargin = cmToPoints(m.right);
    layout.topMargin = cmToPoints(m.top);
    layout.bottomMargin = cmToPoints(m.bottom);
    layout.headerMargin = cmToPoints(m.header);
    layout.footerMargin = cmToPoints(m.footer);
  }
  if (print.centered) layout.centerHorizontally = true;
  if (print.footer) layout.headersFooters.defaultForAllPages.centerFooter = print.footer;
}

/** Office.js takes margins in points (72 to the inch, 2.54 cm). */
const cmToPoints = (cm: number) => Math.round((cm / 2.54) * 72 * 100) / 100;

/**
 * Excel's limits on data-validation texts: titles 32 characters, the error message 225 (the input
 * prompt may have 255; both are clipped at 225, the smaller). MS-XLSB 2.5.37 DValStrings,
 * https://learn.microsoft.com/openspecs/office_file_formats/ms-xlsb/b8894965-c186-4bba-8a0b-8ec2a37a1cbe
 */
const TITLE_MAX = 32;
const MESSAGE_MAX = 225;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Excel date serial (1900 date system) → ISO date, the form Office.js takes for date bounds. */
export function serialToIsoDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** Bounds for "any number" when a numeric validation gives none. */
const ANY_NUMBER = 1e15;

export function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  const bounds = <T>(
    min: T | undefined,
    max: T | undefined,
    lowest: T,
  ): { formula1: T; formula2?: T; operator: 'Between' | 'GreaterThanOrEqualTo' | 'LessThanOrEqualTo' } => {
    if (min !== undefined && max !== undefined) return { formula1: min, formula2: max, operator: 'Between' };
    if (max !== undefined) return { formula1: max, operator: 'LessThanOrEqualTo' };
    return { formula1: min ?? lowest, operator: 'GreaterThanOrEqualTo' };
  };
  switch (v.type) {
    case 'list':
      return { list: { inCellDropDown: true, source: v.source! } };
    case 'decimal':
      return { decimal: bounds(v.min, v.max, -ANY_NUMBER) };
    case 'whole':
      return { wholeNumber: bounds(v.min, v.max, -ANY_NUMBER) };
    case 'custom':
      return { custom: { formula: v.formula! } };
    case 'textLength':
      return { textLength: bounds(v.min, v.max, 0) };
    case 'date': {
      const iso = (n: number | undefined) => (n === undefined ? undefined : serialToIsoDate(n));
      return { date: bounds(iso(v.min), iso(v.max), '1900-01-01') };
    }
  }
}

/** On one range, or on several areas at once (./validations.ts). */
export function writeValidation(range: Pick<RangeLike, 'dataValidation'>, v: ValidationSpec): void {
  const dv = range.dataValidation;
  dv.rule = validationRule(v);
  if (!v.allowBlank) dv.ignoreBlanks = false; // Excel's default is true
  if (v.prompt)
    dv.prompt = {
      showPrompt: true,
      title: clip(v.prompt.title, TITLE_MAX),
      message: clip(v.prompt.message, MESSAGE_MAX),
    };
  dv.errorAlert = {
    showAlert: true,
    style: v.errorStyle === 'warning' ? 'Warning' : 'Stop',
    title: clip(v.error.title, TITLE_MAX),
    message: clip(v.error.message, MESSAGE_MAX),
  };
}

const CHART_TYPES = { barClustered: 'BarClustered', columnClustered: 'ColumnClustered' } as const;

/**
 * Added from the first series' values, then each series gets its name, values and categories
 * explicitly (ChartSeries.setValues/setXAxisValues and series.add are ExcelApi 1.7).
 */
export function writeChart(sheet: WorksheetLike, c: ChartSpec): void {
  const [first, ...more] = c.series;
  const { top, bottom, left, right } = parseRange(first.values);
  const chart = sheet.charts.add(
    CHART_TYPES[c.type],
    sheet.getRange(first.values),
    bottom - top >= right - left ? 'Columns' : 'Rows',
  );
  chart.title.text = c.title;
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setXAxisValues(sheet.getRange(c.categories));
  for (const s of more) {
    const series = chart.series.add(s.name);
    series.setValues(sheet.getRange(s.values));
    series.setXAxisValues(sheet.getRange(c.categories));
  }
  chart.setPosition(c.from, c.to);
}

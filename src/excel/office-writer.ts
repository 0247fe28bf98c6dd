/**
 * Applies a WorkbookSpec to the workbook open in Excel through Office.js, in a small constant number
 * of `context.sync()` round trips whatever the spec's size:
 *
 *   1. load: which spec sheets already exist, and the workbook's defined names;
 *   2. load (only when some sheets exist): their protection state and charts;
 *   3. prepare sheets (unprotect, clear, add) and write every cell's contents and number format;
 *   4. formats, merges, sizes, freeze panes, validation, conditional formats, charts, print setup,
 *      visibility, defined names and, last, sheet protection.
 *
 * So a new template takes 3 syncs and re-applying it over an existing one 4.
 *
 * The writer needs ExcelApi 1.8 (see `requirements.ts`); page layout (ExcelApi 1.9) is applied only
 * when the host supports it and skipped silently otherwise. It never reads the `Excel` global at
 * runtime: Office.js accepts the string forms of its enums ('VeryHidden', 'BarClustered', …).
 *
 * Conversions:
 *  - column widths are given in characters (the width of "0" in the default font). Office.js wants
 *    points: a character is ~7 px at 96 dpi plus 5 px of cell padding, and 1 px = 0.75 pt, so
 *    `points = (chars × 7 + 5) × 0.75` (8.43 characters → 64 px → 48 pt, Excel's default column);
 *  - row heights are already in points;
 *  - conditional-format formulas get a leading "=", defined-name references too;
 *  - date validation bounds are Excel serial numbers and are passed as ISO dates;
 *  - a text value Excel would read as something else (a number, date, percentage, formula,
 *    TRUE/FALSE, …) is written with a leading apostrophe so it stays text, like the .xlsx writer's
 *    strings (Excel shows the text without the apostrophe). Dates and numbers must therefore be
 *    numbers in the spec, with a number format.
 */
import type { CellSpec, ChartSpec, SheetSpec, StyleName, StyleSpec, ValidationSpec, WorkbookSpec } from '../template/spec';

// ------------------------------------------------------------------ the Office.js subset we use

/*
 * The exact part of the Office.js object model the writer touches. `Excel.RequestContext` satisfies
 * it (checked at compile time below), so the add-in passes its context as is, and the tests pass a
 * typed fake (test/fake-excel.ts) that implements only this.
 */

export interface LoadableLike {
  load(propertyNames: string): unknown;
}

export interface RangeBorderLike {
  style: Excel.RangeBorder['style'];
  weight: Excel.RangeBorder['weight'];
}

export type BorderIndexName = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface RangeFormatLike {
  font: { bold: boolean; italic: boolean; size: number; color: string };
  fill: { color: string };
  wrapText: boolean;
  horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  columnWidth: number;
  rowHeight: number;
  useStandardWidth: boolean;
  useStandardHeight: boolean;
  protection: { locked: boolean };
  borders: { getItem(index: BorderIndexName): RangeBorderLike };
}

export interface DataValidationLike {
  rule: Excel.DataValidationRule;
  prompt: Excel.DataValidationPrompt;
  errorAlert: Excel.DataValidationErrorAlert;
  ignoreBlanks: boolean;
  clear(): void;
}

export interface ConditionalFormatLike {
  custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };
}

export interface ConditionalFormatCollectionLike {
  add(type: 'Custom'): ConditionalFormatLike;
  clearAll(): void;
}

export interface RangeLike {
  values: Excel.Range['values'];
  formulas: Excel.Range['formulas'];
  numberFormat: Excel.Range['numberFormat'];
  columnHidden: boolean;
  rowHidden: boolean;
  format: RangeFormatLike;
  dataValidation: DataValidationLike;
  conditionalFormats: ConditionalFormatCollectionLike;
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  merge(across?: boolean): void;
  unmerge(): void;
}

export interface ChartSeriesLike {
  name: string;
  setValues(sourceData: RangeLike): void;
  setXAxisValues(sourceData: RangeLike): void;
}

export interface ChartLike {
  name: string;
  title: { text: string };
  series: { getItemAt(index: number): ChartSeriesLike; add(name?: string): ChartSeriesLike };
  setPosition(startCell: string, endCell?: string): void;
  delete(): void;
}

export interface ChartCollectionLike extends LoadableLike {
  items: ChartLike[];
  add(type: 'BarClustered' | 'ColumnClustered', sourceData: RangeLike, seriesBy?: 'Auto' | 'Columns' | 'Rows'): ChartLike;
}

export interface WorksheetProtectionLike extends LoadableLike {
  protected: boolean;
  protect(options?: Excel.WorksheetProtectionOptions): void;
  unprotect(password?: string): void;
}

export interface FreezePanesLike {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: string): void;
  unfreeze(): void;
}

export interface PageLayoutLike {
  orientation: Excel.PageLayout['orientation'];
  paperSize: Excel.PageLayout['paperSize'];
  zoom: Excel.PageLayoutZoomOptions;
  setPrintTitleRows(printTitleRows: string): void;
  setPrintArea(printArea: string): void;
}

export interface WorksheetLike extends LoadableLike {
  isNullObject: boolean;
  visibility: Excel.Worksheet['visibility'];
  tabColor: string;
  protection: WorksheetProtectionLike;
  freezePanes: FreezePanesLike;
  charts: ChartCollectionLike;
  pageLayout: PageLayoutLike;
  getRange(address?: string): RangeLike;
  activate(): void;
}

export interface NamedItemLike {
  name: string;
  delete(): void;
}

export interface ExcelWriterContext {
  workbook: {
    worksheets: { getItemOrNullObject(key: string): WorksheetLike; add(name?: string): WorksheetLike };
    names: LoadableLike & { items: NamedItemLike[]; add(name: string, reference: string, comment?: string): unknown };
  };
  sync(): Promise<unknown>;
}

/** Compile-time proof that the real Office.js context is an ExcelWriterContext. */
type Assert<T extends true> = T;
export type RealContextFits = Assert<Excel.RequestContext extends ExcelWriterContext ? true : false>;

// ------------------------------------------------------------------ options and errors

export type ProgressCallback = (step: string, fraction: number) => void;

export interface WriteOptions {
  /** `Office.context.requirements.isSetSupported`; by default the Office global's, when present. */
  isSetSupported?: (name: string, version?: string) => boolean;
}

export const STEPS = {
  inspect: 'Đang kiểm tra sổ làm việc',
  prepare: 'Đang chuẩn bị trang tính',
  cells: 'Đang ghi ô',
  format: 'Đang định dạng',
  protect: 'Đang bảo vệ trang tính',
  done: 'Hoàn tất',
} as const;

/** A sync failed; `step` says which phase, `cause` is the Office.js error. */
export class WorkbookWriteError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
    hint = '',
  ) {
    super(`Không ghi được mẫu biểu vào sổ làm việc (bước: ${step}): ${cause instanceof Error ? cause.message : String(cause)}${hint}`);
    this.name = 'WorkbookWriteError';
  }
}

// ------------------------------------------------------------------ the writer

interface SheetPlan {
  spec: SheetSpec;
  proxy: WorksheetLike;
  existed: boolean;
  wasProtected: boolean;
}

export async function writeWorkbookSpec(
  context: ExcelWriterContext,
  spec: WorkbookSpec,
  onProgress?: ProgressCallback,
  options: WriteOptions = {},
): Promise<{ syncs: number }> {
  checkSpec(spec);
  const progress = onProgress ?? (() => undefined);
  const printSupported = (options.isSetSupported ?? officeIsSetSupported)('ExcelApi', '1.9');
  const { worksheets, names } = context.workbook;
  let syncs = 0;
  const sync = async (step: string, hint = ''): Promise<void> => {
    syncs++;
    try {
      await context.sync();
    } catch (e) {
      throw new WorkbookWriteError(step, e, hint);
    }
  };

  // 1. Which sheets exist; the defined names.
  progress(STEPS.inspect, 0);
  const plans: SheetPlan[] = spec.sheets.map((s) => {
    const proxy = worksheets.getItemOrNullObject(s.name);
    proxy.load('isNullObject');
    return { spec: s, proxy, existed: false, wasProtected: false };
  });
  names.load('items/name');
  await sync(STEPS.inspect);
  for (const p of plans) p.existed = !p.proxy.isNullObject;
  const existingNames = new Map(names.items.map((n) => [n.name.toLowerCase(), n]));

  // 2. Existing sheets: protection and charts (to unprotect and delete them before rewriting).
  const existing = plans.filter((p) => p.existed);
  if (existing.length > 0) {
    for (const p of existing) {
      p.proxy.protection.load('protected');
      p.proxy.charts.load('items/name');
    }
    await sync(STEPS.inspect);
    for (const p of existing) p.wasProtected = p.proxy.protection.protected;
  }

  // 3. Prepare the sheets, then write contents.
  progress(STEPS.prepare, 0.15);
  for (const p of plans) {
    if (p.existed) clearSheet(p);
    else p.proxy = worksheets.add(p.spec.name);
    if (p.spec.visibility === 'visible') p.proxy.visibility = 'Visible';
    if (p.spec.tabColor || p.existed) p.proxy.tabColor = p.spec.tabColor ?? '';
  }
  progress(STEPS.cells, 0.3);
  for (const p of plans) writeContents(p.proxy, p.spec.cells);
  const protectedBefore = plans.some((p) => p.wasProtected);
  await sync(
    STEPS.cells,
    protectedBefore ? ' — Nếu trang tính đang được bảo vệ bằng mật khẩu, hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.' : '',
  );

  // 4. Formats and everything else; protection last.
  progress(STEPS.format, 0.6);
  for (const p of plans) {
    const sheet = p.proxy;
    writeFormats(sheet, p.spec.cells, spec.styles);
    for (const m of p.spec.merges) sheet.getRange(m).merge(false);
    writeSizes(sheet, p.spec);
    writeFreeze(sheet, p.spec.freeze);
    for (const v of p.spec.validations) writeValidation(sheet.getRange(v.range), v);
    for (const cf of p.spec.conditionalFormats) {
      const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
      format.custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
      if (cf.fill) format.custom.format.fill.color = cf.fill;
      if (cf.fontColor) format.custom.format.font.color = cf.fontColor;
    }
    for (const c of p.spec.charts) writeChart(sheet, c);
    if (p.spec.print && printSupported) writePrint(sheet.pageLayout, p.spec.print);
  }
  progress(STEPS.protect, 0.85);
  const firstVisible = plans.find((p) => p.spec.visibility === 'visible');
  firstVisible?.proxy.activate();
  for (const p of plans) {
    if (p.spec.visibility !== 'visible') p.proxy.visibility = p.spec.visibility === 'hidden' ? 'Hidden' : 'VeryHidden';
  }
  for (const n of spec.names) {
    existingNames.get(n.name.toLowerCase())?.delete();
    names.add(n.name, n.refersTo.startsWith('=') ? n.refersTo : `=${n.refersTo}`);
  }
  for (const p of plans) {
    if (p.spec.protect) p.proxy.protection.protect(PROTECTION);
  }
  await sync(STEPS.protect);
  progress(STEPS.done, 1);
  return { syncs };
}

/** What officers may still do on a protected template sheet (no password: they can unprotect). */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowInsertHyperlinks: true,
  selectionMode: 'Normal',
};

function officeIsSetSupported(name: string, version?: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v?: string): boolean } } } }).Office;
  try {
    return office?.context?.requirements?.isSetSupported(name, version) ?? false;
  } catch {
    return false;
  }
}

/** Empties a reused sheet of everything a template puts there. */
function clearSheet(p: SheetPlan): void {
  const sheet = p.proxy;
  if (p.wasProtected) sheet.protection.unprotect();
  for (const chart of sheet.charts.items) chart.delete();
  sheet.freezePanes.unfreeze();
  const all = sheet.getRange();
  all.unmerge();
  all.dataValidation.clear();
  all.conditionalFormats.clearAll();
  all.clear('All');
  all.columnHidden = false;
  all.rowHidden = false;
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
}

// ------------------------------------------------------------------ cells

/**
 * Contents in blocks: consecutive rows holding cells form one block spanning their columns; the
 * block's values, formulas and number formats are each one 2-D write, with `null` (= leave the cell
 * alone) where a cell has nothing of that kind.
 */
function writeContents(sheet: WorksheetLike, cells: CellSpec[]): void {
  for (const block of blocks(cells)) {
    const range = sheet.getRange(rangeAddress(block.top, block.left, block.bottom, block.right));
    const grid = <T>(pick: (c: CellSpec) => T | null): { cells: (T | null)[][]; any: boolean } => {
      let any = false;
      const g = block.rows.map((row) => row.map((c) => {
        const v = c ? pick(c) : null;
        if (v !== null) any = true;
        return v;
      }));
      return { cells: g, any };
    };
    // Number formats first, so text written into a "@" cell stays text.
    const formats = grid((c) => c.numFmt ?? null);
    if (formats.any) range.numberFormat = formats.cells;
    const values = grid((c) => (c.formula === undefined && c.value !== undefined && c.value !== null ? cellValue(c.value, c.numFmt) : null));
    if (values.any) range.values = values.cells;
    const formulas = grid((c) => c.formula ?? null);
    if (formulas.any) range.formulas = formulas.cells;
  }
}

/** A value as Office.js should receive it so Excel stores what the spec says. */
export function cellValue(value: string | number | boolean, numFmt?: string): string | number | boolean {
  if (typeof value !== 'string' || numFmt === '@' || !looksConvertible(value)) return value;
  return `'${value}`;
}

/** Text Excel would turn into a number, date, boolean, error or formula when typed. */
function looksConvertible(text: string): boolean {
  const s = text.trim();
  if (s === '') return false;
  if (/^[0-9=+\-@.,'(#$€₫%]/.test(s)) return true;
  if (/^(true|false)$/i.test(s)) return true;
  return /^[a-z]{3,9}[\s\-/.]+\d/i.test(s); // "Jan 5", "Sept-2025"
}

interface Block {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: (CellSpec | undefined)[][];
}

function blocks(cells: CellSpec[]): Block[] {
  const byRow = new Map<number, Map<number, CellSpec>>();
  for (const c of cells) {
    const { row, col } = parseCell(c.address);
    if (!byRow.has(row)) byRow.set(row, new Map());
    byRow.get(row)!.set(col, c);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const out: Block[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
    const span = rows.slice(start, i);
    const cols = span.flatMap((r) => [...byRow.get(r)!.keys()]);
    const left = Math.min(...cols);
    const right = Math.max(...cols);
    out.push({
      top: span[0],
      bottom: span[span.length - 1],
      left,
      right,
      rows: span.map((r) => Array.from({ length: right - left + 1 }, (_, k) => byRow.get(r)!.get(left + k))),
    });
    start = i;
  }
  return out;
}

/**
 * Styles and locking by rectangles, one format property at a time: the cells sharing a property
 * value (bold, size 10, a fill, thin borders, unlocked, …) whatever their style are grouped into
 * row runs, and runs over the same columns on consecutive rows into one rectangle, set once. Styles
 * share most properties (nearly every table cell has borders and size 10), so this needs far fewer
 * operations than formatting each style's cells apart.
 */
function writeFormats(sheet: WorksheetLike, cells: CellSpec[], styles: Record<StyleName, StyleSpec>): void {
  const groups = new Map<string, { apply: FormatSetter; cells: { row: number; col: number }[] }>();
  for (const c of cells) {
    const setters = formatSetters(c.style ? styles[c.style] : undefined, c.locked);
    if (setters.length === 0) continue;
    const at = parseCell(c.address);
    for (const [key, apply] of setters) {
      if (!groups.has(key)) groups.set(key, { apply, cells: [] });
      groups.get(key)!.cells.push(at);
    }
  }
  for (const g of groups.values()) {
    for (const r of rectangles(g.cells)) g.apply(sheet.getRange(rangeAddress(r.top, r.left, r.bottom, r.right)), r);
  }
}

type FormatSetter = (range: RangeLike, rect: Rect) => void;

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

/** A cell's format as (property=value key, setter) pairs. */
function formatSetters(style: StyleSpec | undefined, locked: boolean | undefined): [string, FormatSetter][] {
  const out: [string, FormatSetter][] = [];
  const s = style ?? {};
  if (s.bold !== undefined) out.push([`bold=${s.bold}`, (r) => (r.format.font.bold = s.bold!)]);
  if (s.italic !== undefined) out.push([`italic=${s.italic}`, (r) => (r.format.font.italic = s.italic!)]);
  if (s.fontSize !== undefined) out.push([`size=${s.fontSize}`, (r) => (r.format.font.size = s.fontSize!)]);
  if (s.fontColor) out.push([`color=${s.fontColor}`, (r) => (r.format.font.color = s.fontColor!)]);
  if (s.fill) out.push([`fill=${s.fill}`, (r) => (r.format.fill.color = s.fill!)]);
  if (s.wrap !== undefined) out.push([`wrap=${s.wrap}`, (r) => (r.format.wrapText = s.wrap!)]);
  if (s.hAlign) out.push([`hAlign=${s.hAlign}`, (r) => (r.format.horizontalAlignment = H_ALIGN[s.hAlign!])]);
  if (s.vAlign) out.push([`vAlign=${s.vAlign}`, (r) => (r.format.verticalAlignment = V_ALIGN[s.vAlign!])]);
  if (s.border) out.push(['border', thinBorders]);
  if (locked !== undefined) out.push([`locked=${locked}`, (r) => (r.format.protection.locked = locked)]);
  return out;
}

/** Thin borders around and inside the rectangle (inside edges only where it has more than one row/column). */
function thinBorders(range: RangeLike, rect: Rect): void {
  const edges: BorderIndexName[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (rect.bottom > rect.top) edges.push('InsideHorizontal');
  if (rect.right > rect.left) edges.push('InsideVertical');
  for (const edge of edges) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
  }
}

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Covers cells with few rectangles: row runs stacked over equal columns, or column runs side by side
 * over equal rows (which suits tables broken by heading rows), whichever gives fewer.
 */
export function rectangles(cells: { row: number; col: number }[]): Rect[] {
  const byRows = stackRuns(cells);
  const byColumns = stackRuns(cells.map(({ row, col }) => ({ row: col, col: row }))).map((r) => ({ top: r.left, bottom: r.right, left: r.top, right: r.bottom }));
  return byColumns.length < byRows.length ? byColumns : byRows;
}

function stackRuns(cells: { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    if (!byRow.has(row)) byRow.set(row, []);
    byRow.get(row)!.push(col);
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(row)!)].sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        open.delete(key);
        next.set(key, prev);
      } else next.set(key, { top: row, bottom: row, left: cols[i], right: cols[j] });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done;
}

// ------------------------------------------------------------------ sheet layout

/** Characters of the default font → points (see the header comment). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function writeSizes(sheet: WorksheetLike, spec: SheetSpec): void {
  for (const c of spec.columns) {
    const range = sheet.getRange(`${c.column}:${c.column}`);
    range.format.columnWidth = columnWidthPoints(c.width);
    if (c.hidden) range.columnHidden = true;
  }
  // Consecutive rows of the same height in one range.
  const rows = [...(spec.rowHeights ?? [])].sort((a, b) => a.row - b.row);
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].row === rows[j].row + 1 && rows[j + 1].height === rows[i].height) j++;
    sheet.getRange(`${rows[i].row}:${rows[j].row}`).format.rowHeight = rows[i].height;
    i = j + 1;
  }
}

function writeFreeze(sheet: WorksheetLike, freeze: SheetSpec['freeze']): void {
  if (!freeze || (freeze.rows <= 0 && freeze.columns <= 0)) return;
  if (freeze.columns <= 0) sheet.freezePanes.freezeRows(freeze.rows);
  else if (freeze.rows <= 0) sheet.freezePanes.freezeColumns(freeze.columns);
  else sheet.freezePanes.freezeAt(rangeAddress(1, 1, freeze.rows, freeze.columns));
}

function writePrint(layout: PageLayoutLike, print: NonNullable<SheetSpec['print']>): void {
  layout.orientation = print.landscape ? 'Landscape' : 'Portrait';
  layout.paperSize = print.paper;
  // Fit all columns on one page, as many pages tall as needed (0 = automatic).
  if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (print.titleRows) layout.setPrintTitleRows(print.titleRows);
  if (print.area) layout.setPrintArea(print.area);
}

// ------------------------------------------------------------------ validation

/** Excel's limits on data-validation prompt and error texts. */
const TITLE_MAX = 32;
const MESSAGE_MAX = 255;

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
  const bounds = <T>(min: T | undefined, max: T | undefined, lowest: T): { formula1: T; formula2?: T; operator: 'Between' | 'GreaterThanOrEqualTo' | 'LessThanOrEqualTo' } => {
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
    case 'textLength':
      return { textLength: bounds(v.min, v.max, 0) };
    case 'date': {
      const iso = (n: number | undefined) => (n === undefined ? undefined : serialToIsoDate(n));
      return { date: bounds(iso(v.min), iso(v.max), '1900-01-01') };
    }
  }
}

function writeValidation(range: RangeLike, v: ValidationSpec): void {
  const dv = range.dataValidation;
  dv.rule = validationRule(v);
  if (!v.allowBlank) dv.ignoreBlanks = false; // Excel's default is true
  if (v.prompt) dv.prompt = { showPrompt: true, title: clip(v.prompt.title, TITLE_MAX), message: clip(v.prompt.message, MESSAGE_MAX) };
  dv.errorAlert = { showAlert: true, style: 'Stop', title: clip(v.error.title, TITLE_MAX), message: clip(v.error.message, MESSAGE_MAX) };
}

// ------------------------------------------------------------------ charts

const CHART_TYPES = { barClustered: 'BarClustered', columnClustered: 'ColumnClustered' } as const;

/**
 * Added from the first series' values, then each series gets its name, values and categories
 * explicitly (ChartSeries.setValues/setXAxisValues and series.add are ExcelApi 1.7).
 */
function writeChart(sheet: WorksheetLike, c: ChartSpec): void {
  const [first, ...more] = c.series;
  const { top, bottom, left, right } = parseRange(first.values);
  const chart = sheet.charts.add(CHART_TYPES[c.type], sheet.getRange(first.values), bottom - top >= right - left ? 'Columns' : 'Rows');
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

// ------------------------------------------------------------------ addresses and checks

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnName(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseCell(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`Mẫu biểu không hợp lệ / invalid template spec: cell address "${address}"`);
  return { col: columnIndex(m[1]), row: Number(m[2]) };
}

function parseRange(address: string): Rect {
  const [a, b = a] = address.split(':');
  const p = parseCell(a);
  const q = parseCell(b);
  return { top: Math.min(p.row, q.row), bottom: Math.max(p.row, q.row), left: Math.min(p.col, q.col), right: Math.max(p.col, q.col) };
}

function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = `${columnName(left)}${top}`;
  const b = `${columnName(right)}${bottom}`;
  return a === b ? a : `${a}:${b}`;
}

/** Problems Excel would only report halfway through writing are caught before the first sync. */
function checkSpec(spec: WorkbookSpec): void {
  const fail = (what: string): never => {
    throw new Error(`Mẫu biểu không hợp lệ / invalid template spec: ${what}`);
  };
  const seen = new Set<string>();
  for (const s of spec.sheets) {
    if (!s.name || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || /^'|'$/.test(s.name)) fail(`sheet name "${s.name}"`);
    if (seen.has(s.name.toLowerCase())) fail(`duplicate sheet "${s.name}"`);
    seen.add(s.name.toLowerCase());
    for (const c of s.cells) parseCell(c.address);
    for (const v of s.validations) if (v.type === 'list' && !v.source) fail(`list validation without a source at ${s.name}!${v.range}`);
    for (const c of s.charts) if (c.series.length === 0) fail(`chart "${c.title}" without series`);
  }
}

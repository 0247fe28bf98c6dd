/**
 * A recording fake of the part of Office.js the template writer uses (`ExcelWriterContext`, which
 * the real `Excel.RequestContext` satisfies), for tests without Excel.
 *
 * It follows Office.js's batch model: calls on proxy objects only queue operations; `sync()` runs
 * the queue in order against an in-memory workbook and counts itself. Loadable properties
 * (`isNullObject`, `protection.protected`, collection `items` and their `name`) can be read only
 * after `load()` + `sync()`, and show the state as of that sync; reading them earlier, or reading a
 * write-only property, throws PropertyNotLoaded like Office.js. Like Excel it refuses to add a sheet
 * or name that exists, to protect a protected sheet, to hide the last visible sheet, to activate a
 * hidden one, and to write a 2-D array whose size differs from its range. Stricter than Excel, it
 * refuses any change to the cells, formats or objects of a protected sheet (even unlocked cells).
 *
 * Every queued operation is recorded in `log` (with a "sync #n" line at each sync), in order.
 */
import type {
  BorderIndexName,
  ChartCollectionLike,
  ChartLike,
  ChartSeriesLike,
  ConditionalFormatLike,
  DataValidationLike,
  ExcelReaderContext,
  ExcelWriterContext,
  FreezePanesLike,
  NamedItemLike,
  PageLayoutLike,
  RangeBorderLike,
  RangeFormatLike,
  RangeLike,
  UsedRangeLike,
  WorksheetLike,
  WorksheetProtectionLike,
} from '../../src/excel';

// ------------------------------------------------------------------ the in-memory workbook

export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface FakeCell {
  value?: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  font: { bold?: boolean; italic?: boolean; size?: number; color?: string };
  fill?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  /** "Continuous/Thin" by edge. */
  borders: Partial<Record<Edge, string>>;
  locked: boolean;
}

export interface FakeValidation {
  range: string;
  rule?: Excel.DataValidationRule;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
  ignoreBlanks?: boolean;
}

export interface FakeConditionalFormat {
  range: string;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
}

export interface FakeChart {
  name: string;
  type: string;
  source: string;
  seriesBy?: string;
  title?: string;
  from?: string;
  to?: string;
  series: { name?: string; values?: string; categories?: string }[];
}

export interface FakeSheet {
  name: string;
  visibility: string;
  tabColor: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  columns: Map<string, { width?: number; hidden?: boolean }>;
  rows: Map<number, { height?: number }>;
  freeze?: { rows: number; columns: number };
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  charts: FakeChart[];
  protection: { protected: boolean; options?: Excel.WorksheetProtectionOptions };
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: Excel.PageLayoutZoomOptions;
    printTitleRows?: string;
    printArea?: string;
  };
}

export function newSheet(name: string): FakeSheet {
  return {
    name,
    visibility: 'Visible',
    tabColor: '',
    cells: new Map(),
    merges: [],
    columns: new Map(),
    rows: new Map(),
    validations: [],
    conditionalFormats: [],
    charts: [],
    protection: { protected: false },
    pageLayout: {},
  };
}

/** An Office.js-like error: `code` as in OfficeExtension.Error. */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const notLoaded = (property: string): FakeOfficeError =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

// ------------------------------------------------------------------ addresses

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const ALL: Rect = { top: 1, bottom: Infinity, left: 1, right: Infinity };

const colIndex = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
export const colName = (n: number): string =>
  n <= 0 ? '' : colName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** "C3", "A1:B2", "B:D", "5:7" (with or without $), or undefined for the whole sheet. */
export function parseAddress(address: string | undefined): Rect {
  if (address === undefined) return ALL;
  const [a, b = a] = address.replace(/\$/g, '').toUpperCase().split(':');
  const part = (p: string): { row?: number; col?: number } => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    if (!m || (!m[1] && !m[2])) throw new FakeOfficeError('InvalidArgument', `Invalid address "${address}"`);
    return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  };
  const p = part(a);
  const q = part(b);
  return {
    top: Math.min(p.row ?? 1, q.row ?? 1),
    bottom: p.row === undefined ? Infinity : Math.max(p.row, q.row ?? p.row),
    left: Math.min(p.col ?? 1, q.col ?? 1),
    right: p.col === undefined ? Infinity : Math.max(p.col, q.col ?? p.col),
  };
}

const intersects = (a: Rect, b: Rect): boolean =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

function cellsOf(r: Rect): string[] {
  if (!Number.isFinite(r.bottom) || !Number.isFinite(r.right))
    throw new FakeOfficeError('NotImplemented', 'The fake writes cells of bounded ranges only');
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) out.push(`${colName(col)}${row}`);
  return out;
}

/**
 * `base` completed with write-only properties: setting one calls its setter (which queues the write),
 * reading one throws PropertyNotLoaded, as for an Office.js proxy whose property was never loaded.
 */
function withWriteOnly<T extends object, K extends keyof T>(
  base: Omit<T, K>,
  path: string,
  setters: { [P in K]: (value: T[P]) => void },
): T {
  for (const key of Object.keys(setters) as (K & string)[]) {
    Object.defineProperty(base, key, {
      get: () => {
        throw notLoaded(`${path}.${key}`);
      },
      set: setters[key],
      enumerable: true,
    });
  }
  return base as T;
}

const writeOnly = <T extends object>(path: string, setters: { [P in keyof T]: (value: T[P]) => void }): T =>
  withWriteOnly<T, keyof T>({} as Omit<T, keyof T>, path, setters);

const show = (v: unknown): string => JSON.stringify(v);

// ------------------------------------------------------------------ the context

export class FakeExcel implements ExcelWriterContext, ExcelReaderContext {
  readonly sheets: FakeSheet[] = [];
  /** Defined names: name → reference, as given to names.add. */
  readonly names = new Map<string, string>();
  activeSheet?: string;
  /** What `Range.select()` selected last. */
  selection?: { sheet: string; address: string };
  readonly log: string[] = [];
  syncs = 0;
  private pending: (() => void)[] = [];
  readonly workbook: ExcelWriterContext['workbook'] & ExcelReaderContext['workbook'];

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames) this.sheets.push(newSheet(n));
    this.activeSheet = sheetNames[0];
    this.workbook = { worksheets: new FakeWorksheets(this), names: new FakeNames(this) };
  }

  /** Queues an operation; `text` goes to the log unless null (internal bookkeeping). */
  queue(text: string | null, run: () => void): void {
    if (text !== null) this.log.push(text);
    this.pending.push(run);
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.log.push(`sync #${this.syncs}`);
    const ops = this.pending;
    this.pending = [];
    for (const run of ops) run(); // the first failure rejects the sync and drops the rest, as in Office.js
  }

  // ----- reading the document in tests
  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet "${name}" (have: ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }
  cell(sheet: string, address: string): FakeCell | undefined {
    return this.sheet(sheet).cells.get(address);
  }
  /** Log lines queued for the n-th sync (1-based). */
  batch(n: number): string[] {
    const start = n === 1 ? 0 : this.log.indexOf(`sync #${n - 1}`) + 1;
    return this.log.slice(start, this.log.indexOf(`sync #${n}`));
  }
}

class FakeWorksheets {
  constructor(private readonly fake: FakeExcel) {}

  getItemOrNullObject(key: string): FakeWorksheet {
    const proxy = new FakeWorksheet(this.fake, key);
    this.fake.queue(null, () => proxy.bind(this.fake.findSheet(key) ?? null));
    return proxy;
  }

  add(name?: string): WorksheetLike {
    const sheetName = name ?? `Sheet${this.fake.sheets.length + 1}`;
    const proxy = new FakeWorksheet(this.fake, sheetName);
    this.fake.queue(`worksheets.add(${show(sheetName)})`, () => {
      if (this.fake.findSheet(sheetName))
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${sheetName}" already exists`);
      const s = newSheet(sheetName);
      this.fake.sheets.push(s);
      proxy.bind(s);
    });
    return proxy;
  }
}

class FakeWorksheet implements WorksheetLike {
  declare visibility: WorksheetLike['visibility'];
  declare tabColor: string;
  private target: FakeSheet | null | undefined;
  private loaded: { isNullObject?: boolean } = {};
  readonly protection: WorksheetProtectionLike;
  readonly freezePanes: FreezePanesLike;
  readonly charts: ChartCollectionLike;
  readonly pageLayout: PageLayoutLike;

  constructor(
    readonly fake: FakeExcel,
    readonly label: string,
  ) {
    this.protection = new FakeProtection(this);
    this.charts = new FakeCharts(this);
    const freeze = (text: string, value: FakeSheet['freeze']) =>
      this.op(`freezePanes.${text}`, (s) => (s.freeze = value));
    this.freezePanes = {
      freezeRows: (n = 1) => freeze(`freezeRows(${n})`, { rows: n, columns: 0 }),
      freezeColumns: (n = 1) => freeze(`freezeColumns(${n})`, { rows: 0, columns: n }),
      freezeAt: (address) => {
        const r = parseAddress(address);
        freeze(`freezeAt(${show(address)})`, { rows: r.bottom, columns: r.right });
      },
      unfreeze: () => freeze('unfreeze()', undefined),
    };
    const layout = (text: string, set: (p: FakeSheet['pageLayout']) => void) =>
      this.op(`pageLayout.${text}`, (s) => set(s.pageLayout));
    this.pageLayout = withWriteOnly<PageLayoutLike, 'orientation' | 'paperSize' | 'zoom'>(
      {
        setPrintTitleRows: (rows) => layout(`setPrintTitleRows(${show(rows)})`, (p) => (p.printTitleRows = rows)),
        setPrintArea: (area) => layout(`setPrintArea(${show(area)})`, (p) => (p.printArea = area)),
      },
      `${label}.pageLayout`,
      {
        orientation: (v) => layout(`orientation = ${show(v)}`, (p) => (p.orientation = v)),
        paperSize: (v) => layout(`paperSize = ${show(v)}`, (p) => (p.paperSize = v)),
        zoom: (v) => layout(`zoom = ${show(v)}`, (p) => (p.zoom = { ...v })),
      },
    );
    withWriteOnly<WorksheetLike, 'visibility' | 'tabColor'>(this, label, {
      visibility: (v) =>
        this.op(
          `visibility = ${show(v)}`,
          (s) => {
            if (v !== 'Visible' && !this.fake.sheets.some((o) => o !== s && o.visibility === 'Visible'))
              throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
            s.visibility = v;
          },
          true,
        ),
      tabColor: (v) => this.op(`tabColor = ${show(v)}`, (s) => (s.tabColor = v), true),
    });
  }

  bind(target: FakeSheet | null): void {
    this.target = target;
  }

  /** The sheet this proxy stands for, when an operation runs. */
  resolve(): FakeSheet {
    if (this.target === undefined) throw new Error(`fake: proxy for "${this.label}" used before it was created`);
    if (this.target === null)
      throw new FakeOfficeError('InvalidObjectPath', `The worksheet "${this.label}" does not exist (null object)`);
    return this.target;
  }

  /** Queues a change to the sheet; refused while the sheet is protected unless `allowProtected`. */
  op(text: string, run: (sheet: FakeSheet) => void, allowProtected = false): void {
    this.fake.queue(`${this.label}: ${text}`, () => {
      const s = this.resolve();
      if (s.protection.protected && !allowProtected)
        throw new FakeOfficeError('AccessDenied', `The sheet "${s.name}" is protected: cannot ${text}`);
      run(s);
    });
  }

  /** The used range's values as of the sync after `load` (what Excel would return: text without its apostrophe). */
  getUsedRangeOrNullObject(): UsedRangeLike {
    let loaded: { isNullObject: boolean; values: unknown[][]; rowIndex: number; columnIndex: number } | undefined;
    const need = () => {
      if (!loaded) throw notLoaded('values');
      return loaded;
    };
    return {
      load: (propertyNames: string) => {
        this.fake.queue(`${this.label}: getUsedRangeOrNullObject().load(${show(propertyNames)})`, () => {
          const s = this.target;
          const used = s
            ? [...s.cells.entries()].filter(([, c]) => c.value !== undefined || c.formula !== undefined)
            : [];
          if (!s || used.length === 0) {
            loaded = { isNullObject: true, values: [], rowIndex: 0, columnIndex: 0 };
            return;
          }
          const rects = used.map(([a]) => parseAddress(a));
          const top = Math.min(...rects.map((r) => r.top));
          const left = Math.min(...rects.map((r) => r.left));
          const bottom = Math.max(...rects.map((r) => r.bottom));
          const right = Math.max(...rects.map((r) => r.right));
          const values = Array.from({ length: bottom - top + 1 }, () =>
            Array.from({ length: right - left + 1 }, () => '' as unknown),
          );
          for (const [a, c] of used) {
            const r = parseAddress(a);
            values[r.top - top][r.left - left] = c.value ?? ''; // formulas' results are not computed by the fake
          }
          loaded = { isNullObject: false, values, rowIndex: top - 1, columnIndex: left - 1 };
        });
        return undefined;
      },
      get isNullObject() {
        return need().isNullObject;
      },
      get values() {
        return need().values;
      },
      get rowIndex() {
        return need().rowIndex;
      },
      get columnIndex() {
        return need().columnIndex;
      },
    };
  }

  load(propertyNames: string): unknown {
    if (propertyNames !== 'isNullObject') throw new Error(`fake: Worksheet.load(${propertyNames}) not implemented`);
    this.fake.queue(
      `${this.label}: load("isNullObject")`,
      () => (this.loaded = { isNullObject: this.target === null }),
    );
    return this;
  }

  get isNullObject(): boolean {
    if (this.loaded.isNullObject === undefined) throw notLoaded('isNullObject');
    return this.loaded.isNullObject;
  }

  activate(): void {
    this.op(
      'activate()',
      (s) => {
        if (s.visibility !== 'Visible')
          throw new FakeOfficeError('InvalidOperation', `Cannot activate the hidden sheet "${s.name}"`);
        this.fake.activeSheet = s.name;
      },
      true,
    );
  }

  getRange(address?: string): RangeLike {
    return fakeRange(this, address);
  }
}

class FakeProtection implements WorksheetProtectionLike {
  private loaded: { protected?: boolean } = {};
  constructor(private readonly sheet: FakeWorksheet) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'protected')
      throw new Error(`fake: WorksheetProtection.load(${propertyNames}) not implemented`);
    this.sheet.fake.queue(
      `${this.sheet.label}: protection.load("protected")`,
      () => (this.loaded = { protected: this.sheet.resolve().protection.protected }),
    );
    return this;
  }
  get protected(): boolean {
    if (this.loaded.protected === undefined) throw notLoaded('protected');
    return this.loaded.protected;
  }
  protect(options?: Excel.WorksheetProtectionOptions): void {
    this.sheet.op(
      `protection.protect(${show(options ?? {})})`,
      (s) => {
        if (s.protection.protected)
          throw new FakeOfficeError('InvalidOperation', `The sheet "${s.name}" is already protected`);
        s.protection = { protected: true, options: { ...options } };
      },
      true,
    );
  }
  unprotect(password?: string): void {
    this.sheet.op(
      `protection.unprotect(${password === undefined ? '' : '***'})`,
      (s) => (s.protection = { protected: false }),
      true,
    );
  }
}

// ------------------------------------------------------------------ ranges

function emptyCell(): FakeCell {
  return { font: {}, borders: {}, locked: true };
}

/** Excel's reading of an entry as typed: "=…" is a formula, a leading apostrophe keeps text, "" clears. */
function enter(cell: FakeCell, entry: unknown): void {
  delete cell.formula;
  delete cell.value;
  if (typeof entry === 'string' && entry.startsWith('=')) cell.formula = entry;
  else if (typeof entry === 'string' && entry.startsWith("'")) cell.value = entry.slice(1);
  else if (entry !== '') cell.value = entry as string | number | boolean;
}

/** Column settings are kept only when they differ from the sheet's standard ones. */
function setColumn(s: FakeSheet, column: string, patch: { width?: number; hidden?: boolean }): void {
  const merged = { ...s.columns.get(column), ...patch };
  for (const k of ['width', 'hidden'] as const) if (merged[k] === undefined) delete merged[k];
  if (Object.keys(merged).length === 0) s.columns.delete(column);
  else s.columns.set(column, merged);
}

/** The address each range proxy was made from, so chart calls can record their sources. */
const rangeAddresses = new WeakMap<object, string>();

function fakeRange(sheet: FakeWorksheet, address: string | undefined): RangeLike {
  const rect = parseAddress(address);
  const where = address ?? '(all)';
  const path = `${sheet.label}!${where}`;
  const op = (text: string, run: (s: FakeSheet) => void) => sheet.op(`${where} ${text}`, run);
  const cellAt = (s: FakeSheet, a: string): FakeCell => {
    if (!s.cells.has(a)) s.cells.set(a, emptyCell());
    return s.cells.get(a)!;
  };
  const eachCell = (text: string, set: (c: FakeCell) => void) =>
    op(text, (s) => cellsOf(rect).forEach((a) => set(cellAt(s, a))));
  const grid = (name: string, write: (c: FakeCell, entry: unknown) => void) => (g: unknown[][]) =>
    op(`${name} = ${show(g)}`, (s) => {
      if (g.length !== rect.bottom - rect.top + 1 || g.some((row) => row.length !== rect.right - rect.left + 1))
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${where}`,
        );
      g.forEach((row, i) =>
        row.forEach((entry, j) => {
          if (entry !== null) write(cellAt(s, `${colName(rect.left + j)}${rect.top + i}`), entry); // null leaves the cell unchanged
        }),
      );
    });
  const columnsIn = (s: FakeSheet): string[] => {
    if (Number.isFinite(rect.right))
      return Array.from({ length: rect.right - rect.left + 1 }, (_, i) => colName(rect.left + i));
    return [...s.columns.keys()].filter((c) => colIndex(c) >= rect.left);
  };
  const rowsIn = (s: FakeSheet): number[] => {
    if (Number.isFinite(rect.bottom)) return Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => rect.top + i);
    return [...s.rows.keys()].filter((r) => r >= rect.top);
  };

  const border = (index: BorderIndexName): RangeBorderLike => {
    const set = (what: 'style' | 'weight', value: string) =>
      op(`format.borders.getItem(${show(index)}).${what} = ${show(value)}`, (s) => {
        for (const a of cellsOf(rect)) {
          const row = Number(/\d+/.exec(a)![0]);
          const col = colIndex(/^[A-Z]+/.exec(a)![0]);
          const edges: Edge[] = [];
          if ((index === 'EdgeTop' && row === rect.top) || (index === 'InsideHorizontal' && row > rect.top))
            edges.push('top');
          if ((index === 'EdgeBottom' && row === rect.bottom) || (index === 'InsideHorizontal' && row < rect.bottom))
            edges.push('bottom');
          if ((index === 'EdgeLeft' && col === rect.left) || (index === 'InsideVertical' && col > rect.left))
            edges.push('left');
          if ((index === 'EdgeRight' && col === rect.right) || (index === 'InsideVertical' && col < rect.right))
            edges.push('right');
          for (const e of edges) {
            const cell = cellAt(s, a);
            const [style, weight] = (cell.borders[e] ?? 'Continuous/Thin').split('/');
            cell.borders[e] = what === 'style' ? `${value}/${weight}` : `${style}/${value}`;
          }
        }
      });
    return writeOnly<RangeBorderLike>(`${path}.format.borders.${index}`, {
      style: (v) => set('style', v),
      weight: (v) => set('weight', v),
    });
  };

  const format = withWriteOnly<
    RangeFormatLike,
    Exclude<keyof RangeFormatLike, 'font' | 'fill' | 'protection' | 'borders'>
  >(
    {
      font: writeOnly<RangeFormatLike['font']>(`${path}.format.font`, {
        bold: (v) => eachCell(`format.font.bold = ${v}`, (c) => (c.font.bold = v)),
        italic: (v) => eachCell(`format.font.italic = ${v}`, (c) => (c.font.italic = v)),
        size: (v) => eachCell(`format.font.size = ${v}`, (c) => (c.font.size = v)),
        color: (v) => eachCell(`format.font.color = ${show(v)}`, (c) => (c.font.color = v)),
      }),
      fill: writeOnly<RangeFormatLike['fill']>(`${path}.format.fill`, {
        color: (v) => eachCell(`format.fill.color = ${show(v)}`, (c) => (c.fill = v)),
      }),
      protection: writeOnly<RangeFormatLike['protection']>(`${path}.format.protection`, {
        locked: (v) => eachCell(`format.protection.locked = ${v}`, (c) => (c.locked = v)),
      }),
      borders: { getItem: border },
    },
    `${path}.format`,
    {
      wrapText: (v) => eachCell(`format.wrapText = ${v}`, (c) => (c.wrap = v)),
      horizontalAlignment: (v) => eachCell(`format.horizontalAlignment = ${show(v)}`, (c) => (c.hAlign = v)),
      verticalAlignment: (v) => eachCell(`format.verticalAlignment = ${show(v)}`, (c) => (c.vAlign = v)),
      columnWidth: (v) =>
        op(`format.columnWidth = ${v}`, (s) => columnsIn(s).forEach((c) => setColumn(s, c, { width: v }))),
      rowHeight: (v) => op(`format.rowHeight = ${v}`, (s) => rowsIn(s).forEach((r) => s.rows.set(r, { height: v }))),
      useStandardWidth: (v) =>
        op(
          `format.useStandardWidth = ${v}`,
          (s) => v && columnsIn(s).forEach((c) => setColumn(s, c, { width: undefined })),
        ),
      useStandardHeight: (v) =>
        op(`format.useStandardHeight = ${v}`, (s) => v && rowsIn(s).forEach((r) => s.rows.delete(r))),
    },
  );

  // Data validation: one entry per range written to.
  const validation = (s: FakeSheet): FakeValidation => {
    let v = s.validations.find((x) => x.range === where);
    if (!v) s.validations.push((v = { range: where, ignoreBlanks: true })); // Excel's default
    return v;
  };
  const dataValidation = withWriteOnly<DataValidationLike, 'rule' | 'prompt' | 'errorAlert' | 'ignoreBlanks'>(
    {
      clear: () =>
        op(
          'dataValidation.clear()',
          (s) => (s.validations = s.validations.filter((v) => !intersects(parseAddress(v.range), rect))),
        ),
    },
    `${path}.dataValidation`,
    {
      rule: (v) => op(`dataValidation.rule = ${show(v)}`, (s) => (validation(s).rule = v)),
      prompt: (v) => op(`dataValidation.prompt = ${show(v)}`, (s) => (validation(s).prompt = v)),
      errorAlert: (v) => op(`dataValidation.errorAlert = ${show(v)}`, (s) => (validation(s).errorAlert = v)),
      ignoreBlanks: (v) => op(`dataValidation.ignoreBlanks = ${v}`, (s) => (validation(s).ignoreBlanks = v)),
    },
  );

  const conditionalFormats = {
    add: (type: 'Custom'): ConditionalFormatLike => {
      let entry: FakeConditionalFormat | undefined;
      op(`conditionalFormats.add(${show(type)})`, (s) => s.conditionalFormats.push((entry = { range: where, type })));
      const set = (text: string, f: (e: FakeConditionalFormat) => void) =>
        op(`conditionalFormat.${text}`, () => f(entry!));
      return {
        custom: {
          rule: writeOnly<{ formula: string }>(`${path}.conditionalFormat.custom.rule`, {
            formula: (v) => set(`custom.rule.formula = ${show(v)}`, (e) => (e.formula = v)),
          }),
          format: {
            fill: writeOnly<{ color: string }>(`${path}.conditionalFormat.format.fill`, {
              color: (v) => set(`custom.format.fill.color = ${show(v)}`, (e) => (e.fill = v)),
            }),
            font: writeOnly<{ color: string }>(`${path}.conditionalFormat.format.font`, {
              color: (v) => set(`custom.format.font.color = ${show(v)}`, (e) => (e.fontColor = v)),
            }),
          },
        },
      };
    },
    clearAll: () =>
      op(
        'conditionalFormats.clearAll()',
        (s) => (s.conditionalFormats = s.conditionalFormats.filter((c) => !intersects(parseAddress(c.range), rect))),
      ),
  };

  const range = withWriteOnly<RangeLike, 'values' | 'formulas' | 'numberFormat' | 'columnHidden' | 'rowHidden'>(
    {
      format,
      dataValidation,
      conditionalFormats,
      clear: (applyTo = 'All') =>
        op(`clear(${show(applyTo)})`, (s) => {
          for (const [a, c] of [...s.cells]) {
            if (!intersects(parseAddress(a), rect)) continue;
            if (applyTo === 'All') s.cells.delete(a);
            else if (applyTo === 'Contents') enter(c, '');
            else s.cells.set(a, { ...emptyCell(), value: c.value, formula: c.formula });
          }
        }),
      merge: (across = false) =>
        op(`merge(${across})`, (s) => {
          if (across) throw new Error('fake: merge(across) not implemented');
          if (s.merges.some((m) => intersects(parseAddress(m), rect)))
            throw new FakeOfficeError('InvalidOperation', `Cannot merge ${where}: it overlaps a merged area`);
          s.merges.push(where);
        }),
      unmerge: () => op('unmerge()', (s) => (s.merges = s.merges.filter((m) => !intersects(parseAddress(m), rect)))),
      // Selecting changes nothing in the document: allowed on a protected sheet (selection mode Normal).
      select: () =>
        sheet.op(`${where} select()`, (s) => (sheet.fake.selection = { sheet: s.name, address: where }), true),
    },
    path,
    {
      values: grid('values', enter),
      formulas: grid('formulas', enter),
      numberFormat: grid('numberFormat', (c, f) => (c.numberFormat = String(f))),
      columnHidden: (v) =>
        op(`columnHidden = ${v}`, (s) => columnsIn(s).forEach((c) => setColumn(s, c, { hidden: v || undefined }))),
      rowHidden: (v) =>
        op(`rowHidden = ${v}`, () => {
          if (v) throw new Error('fake: hiding rows not implemented');
        }),
    },
  );
  rangeAddresses.set(range, where);
  return range;
}

// ------------------------------------------------------------------ charts

type FakeSeries = FakeChart['series'][number];

class FakeCharts implements ChartCollectionLike {
  private loaded?: ChartLike[];
  constructor(private readonly sheet: FakeWorksheet) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'items/name') throw new Error(`fake: ChartCollection.load(${propertyNames}) not implemented`);
    this.sheet.fake.queue(`${this.sheet.label}: charts.load("items/name")`, () => {
      this.loaded = this.sheet.resolve().charts.map((c) => chartProxy(this.sheet, () => c, c.name));
    });
    return this;
  }
  get items(): ChartLike[] {
    if (!this.loaded) throw notLoaded('items');
    return this.loaded;
  }

  add(
    type: 'BarClustered' | 'ColumnClustered',
    sourceData: RangeLike,
    seriesBy: 'Auto' | 'Columns' | 'Rows' = 'Auto',
  ): ChartLike {
    const source = rangeAddresses.get(sourceData)!;
    let chart: FakeChart | undefined;
    this.sheet.op(`charts.add(${show(type)}, ${show(source)}, ${show(seriesBy)})`, (s) => {
      const r = parseAddress(source);
      const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && r.bottom - r.top >= r.right - r.left);
      const series: FakeSeries[] = byColumns
        ? Array.from({ length: r.right - r.left + 1 }, (_, i) => ({
            values: `${colName(r.left + i)}${r.top}:${colName(r.left + i)}${r.bottom}`,
          }))
        : Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({
            values: `${colName(r.left)}${r.top + i}:${colName(r.right)}${r.top + i}`,
          }));
      s.charts.push((chart = { name: `Chart ${s.charts.length + 1}`, type, source, seriesBy, series }));
    });
    return chartProxy(this.sheet, () => chart);
  }
}

function chartProxy(sheet: FakeWorksheet, target: () => FakeChart | undefined, loadedName?: string): ChartLike {
  const on = (text: string, f: (c: FakeChart, s: FakeSheet) => void) =>
    sheet.op(`chart.${text}`, (s) => {
      const c = target();
      if (!c || !s.charts.includes(c)) throw new FakeOfficeError('ItemNotFound', 'The chart does not exist');
      f(c, s);
    });
  const series = (label: string, pick: (c: FakeChart) => FakeSeries): ChartSeriesLike => {
    const onSeries = (text: string, f: (x: FakeSeries) => void) => on(`${label}.${text}`, (c) => f(pick(c)));
    return withWriteOnly<ChartSeriesLike, 'name'>(
      {
        setValues: (r) =>
          onSeries(`setValues(${show(rangeAddresses.get(r))})`, (x) => (x.values = rangeAddresses.get(r))),
        setXAxisValues: (r) =>
          onSeries(`setXAxisValues(${show(rangeAddresses.get(r))})`, (x) => (x.categories = rangeAddresses.get(r))),
      },
      `chart.${label}`,
      { name: (v) => onSeries(`name = ${show(v)}`, (x) => (x.name = v)) },
    );
  };
  const chart: Omit<ChartLike, 'name'> = {
    title: writeOnly<{ text: string }>('chart.title', {
      text: (v) => on(`title.text = ${show(v)}`, (c) => (c.title = v)),
    }),
    series: {
      getItemAt: (i) =>
        series(`series.getItemAt(${i})`, (c) => {
          if (!c.series[i]) throw new FakeOfficeError('ItemNotFound', `The chart has no series ${i}`);
          return c.series[i];
        }),
      add: (name) => {
        let added: FakeSeries | undefined;
        on(`series.add(${show(name)})`, (c) => c.series.push((added = { name })));
        return series(`series[${show(name)}]`, () => added!);
      },
    },
    setPosition: (from, to) => on(`setPosition(${show(from)}, ${show(to)})`, (c) => Object.assign(c, { from, to })),
    delete: () => on('delete()', (c, s) => (s.charts = s.charts.filter((x) => x !== c))),
  };
  return Object.defineProperty(chart, 'name', {
    get: () => {
      if (loadedName === undefined) throw notLoaded('name');
      return loadedName;
    },
    set: (v: string) => on(`name = ${show(v)}`, (c) => (c.name = v)),
    enumerable: true,
  }) as ChartLike;
}

// ------------------------------------------------------------------ defined names

class FakeNames {
  private loaded?: NamedItemLike[];
  constructor(private readonly fake: FakeExcel) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'items/name')
      throw new Error(`fake: NamedItemCollection.load(${propertyNames}) not implemented`);
    this.fake.queue('names.load("items/name")', () => {
      this.loaded = [...this.fake.names.keys()].map((name) => ({
        name,
        delete: () =>
          this.fake.queue(`names.getItem(${show(name)}).delete()`, () => {
            if (!this.fake.names.delete(name)) throw new FakeOfficeError('ItemNotFound', `No name "${name}"`);
          }),
      }));
    });
    return this;
  }
  get items(): NamedItemLike[] {
    if (!this.loaded) throw notLoaded('items');
    return this.loaded;
  }

  add(name: string, reference: string): unknown {
    this.fake.queue(`names.add(${show(name)}, ${show(reference)})`, () => {
      if ([...this.fake.names.keys()].some((n) => n.toLowerCase() === name.toLowerCase()))
        throw new FakeOfficeError('ItemAlreadyExists', `The name "${name}" already exists`);
      this.fake.names.set(name, reference);
    });
    return undefined;
  }
}

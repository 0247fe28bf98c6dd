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
  ExcelWriterContext,
  FreezePanesLike,
  NamedItemLike,
  PageLayoutLike,
  RangeBorderLike,
  RangeFormatLike,
  RangeLike,
  WorksheetLike,
  WorksheetProtectionLike,
} from '../src/excel/office-writer';

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
  pageLayout: { orientation?: string; paperSize?: string; zoom?: Excel.PageLayoutZoomOptions; printTitleRows?: string; printArea?: string };
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
export const colName = (n: number): string => (n <= 0 ? '' : colName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

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

const intersects = (a: Rect, b: Rect): boolean => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

function cellsOf(r: Rect): string[] {
  if (!Number.isFinite(r.bottom) || !Number.isFinite(r.right)) throw new FakeOfficeError('NotImplemented', 'The fake writes cells of bounded ranges only');
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(`${colName(col)}${row}`);
  return out;
}

/** An object whose listed properties queue a write when set and throw PropertyNotLoaded when read. */
function writeOnly<T extends object>(path: string, setters: { [K in keyof T]?: (value: T[K]) => void }): T {
  const o = {};
  for (const [key, set] of Object.entries(setters) as [string, (v: unknown) => void][]) {
    Object.defineProperty(o, key, {
      get: () => {
        throw notLoaded(`${path}.${key}`);
      },
      set,
      enumerable: true,
    });
  }
  return o as T;
}

/** `base` (methods, sub-objects) plus write-only properties (accessors are copied, never read). */
function withWriteOnly<T extends object>(base: object, path: string, setters: Record<string, (value: never) => void>): T {
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(writeOnly<Record<string, never>>(path, setters))) as T;
}

const show = (v: unknown): string => JSON.stringify(v);

// ------------------------------------------------------------------ the context

export class FakeExcel implements ExcelWriterContext {
  readonly sheets: FakeSheet[] = [];
  /** Defined names: name → reference, as given to names.add. */
  readonly names = new Map<string, string>();
  activeSheet?: string;
  readonly log: string[] = [];
  syncs = 0;
  private pending: { run: () => void }[] = [];
  readonly workbook: ExcelWriterContext['workbook'];

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames) this.sheets.push(newSheet(n));
    this.activeSheet = sheetNames[0];
    this.workbook = { worksheets: new FakeWorksheets(this), names: new FakeNames(this) };
  }

  /** Queues an operation; `text` is recorded in the log unless it is internal bookkeeping. */
  queue(text: string | null, run: () => void): void {
    if (text !== null) this.log.push(text);
    this.pending.push({ run });
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.log.push(`sync #${this.syncs}`);
    const ops = this.pending;
    this.pending = [];
    for (const op of ops) op.run(); // the first failure rejects the sync and drops the rest, as in Office.js
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
  /** Log lines from the n-th sync's batch (1-based). */
  batch(n: number): string[] {
    const start = n === 1 ? 0 : this.log.indexOf(`sync #${n - 1}`) + 1;
    return this.log.slice(start, this.log.indexOf(`sync #${n}`));
  }
}

class FakeWorksheets {
  constructor(private readonly fake: FakeExcel) {}

  getItemOrNullObject(key: string): WorksheetLike {
    const proxy = new FakeWorksheet(this.fake, key);
    this.fake.queue(null, () => proxy.bind(this.fake.findSheet(key) ?? null));
    return proxy;
  }

  add(name?: string): WorksheetLike {
    const sheetName = name ?? `Sheet${this.fake.sheets.length + 1}`;
    const proxy = new FakeWorksheet(this.fake, sheetName);
    this.fake.queue(`worksheets.add(${show(sheetName)})`, () => {
      if (this.fake.findSheet(sheetName)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${sheetName}" already exists`);
      const s = newSheet(sheetName);
      this.fake.sheets.push(s);
      proxy.bind(s);
    });
    return proxy;
  }
}

class FakeWorksheet implements WorksheetLike {
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
    const freeze = (text: string, value: FakeSheet['freeze']) => this.op(`freezePanes.${text}`, (s) => (s.freeze = value));
    this.freezePanes = {
      freezeRows: (n = 1) => freeze(`freezeRows(${n})`, { rows: n, columns: 0 }),
      freezeColumns: (n = 1) => freeze(`freezeColumns(${n})`, { rows: 0, columns: n }),
      freezeAt: (address) => {
        const r = parseAddress(address);
        freeze(`freezeAt(${show(address)})`, { rows: r.bottom, columns: r.right });
      },
      unfreeze: () => freeze('unfreeze()', undefined),
    };
    const layout = (text: string, set: (p: FakeSheet['pageLayout']) => void) => this.op(`pageLayout.${text}`, (s) => set(s.pageLayout));
    const pageLayout: Pick<PageLayoutLike, 'setPrintTitleRows' | 'setPrintArea'> = {
      setPrintTitleRows: (rows) => layout(`setPrintTitleRows(${show(rows)})`, (p) => (p.printTitleRows = rows)),
      setPrintArea: (area) => layout(`setPrintArea(${show(area)})`, (p) => (p.printArea = area)),
    };
    this.pageLayout = withWriteOnly<PageLayoutLike>(pageLayout, `${label}.pageLayout`, {
      orientation: (v: PageLayoutLike['orientation']) => layout(`orientation = ${show(v)}`, (p) => (p.orientation = v)),
      paperSize: (v: PageLayoutLike['paperSize']) => layout(`paperSize = ${show(v)}`, (p) => (p.paperSize = v)),
      zoom: (v: PageLayoutLike['zoom']) => layout(`zoom = ${show(v)}`, (p) => (p.zoom = { ...v })),
    });
  }

  bind(target: FakeSheet | null): void {
    this.target = target;
  }

  /** The sheet this proxy stands for, when an operation runs. */
  resolve(): FakeSheet {
    if (this.target === undefined) throw new Error(`fake: proxy for "${this.label}" used before it was created`);
    if (this.target === null) throw new FakeOfficeError('InvalidObjectPath', `The worksheet "${this.label}" does not exist (null object)`);
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

  load(propertyNames: string): unknown {
    for (const p of propertyNames.split(',').map((x) => x.trim())) {
      if (p !== 'isNullObject') throw new Error(`fake: Worksheet.load(${p}) not implemented`);
    }
    this.fake.queue(`${this.label}: load(${show(propertyNames)})`, () => (this.loaded = { isNullObject: this.target === null }));
    return this;
  }

  get isNullObject(): boolean {
    if (this.loaded.isNullObject === undefined) throw notLoaded('isNullObject');
    return this.loaded.isNullObject;
  }

  set visibility(v: Excel.Worksheet['visibility']) {
    this.op(
      `visibility = ${show(v)}`,
      (s) => {
        if (v !== 'Visible' && !this.fake.sheets.some((o) => o !== s && o.visibility === 'Visible'))
          throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
        s.visibility = v;
      },
      true,
    );
  }
  get visibility(): Excel.Worksheet['visibility'] {
    throw notLoaded('visibility');
  }

  set tabColor(v: string) {
    this.op(`tabColor = ${show(v)}`, (s) => (s.tabColor = v), true);
  }
  get tabColor(): string {
    throw notLoaded('tabColor');
  }

  activate(): void {
    this.op(
      'activate()',
      (s) => {
        if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `Cannot activate the hidden sheet "${s.name}"`);
        this.fake.activeSheet = s.name;
      },
      true,
    );
  }

  getRange(address?: string): RangeLike {
    return new FakeRange(this, address);
  }
}

class FakeProtection implements WorksheetProtectionLike {
  private loaded: { protected?: boolean } = {};
  constructor(private readonly sheet: FakeWorksheet) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'protected') throw new Error(`fake: WorksheetProtection.load(${propertyNames}) not implemented`);
    this.sheet.fake.queue(`${this.sheet.label}: protection.load("protected")`, () => (this.loaded = { protected: this.sheet.resolve().protection.protected }));
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
        if (s.protection.protected) throw new FakeOfficeError('InvalidOperation', `The sheet "${s.name}" is already protected`);
        s.protection = { protected: true, options: { ...options } };
      },
      true,
    );
  }
  unprotect(password?: string): void {
    this.sheet.op(`protection.unprotect(${password === undefined ? '' : '***'})`, (s) => (s.protection = { protected: false }), true);
  }
}

// ------------------------------------------------------------------ ranges

function emptyCell(): FakeCell {
  return { font: {}, borders: {}, locked: true };
}

/** Excel's reading of a typed entry: "=…" is a formula, a leading apostrophe keeps text. */
function enter(cell: FakeCell, entry: unknown): void {
  delete cell.formula;
  delete cell.value;
  if (typeof entry === 'string' && entry.startsWith('=')) cell.formula = entry;
  else if (typeof entry === 'string' && entry.startsWith("'")) cell.value = entry.slice(1);
  else if (entry !== '') cell.value = entry as string | number | boolean;
}

class FakeRange implements RangeLike {
  readonly rect: Rect;
  readonly format: RangeFormatLike;
  readonly dataValidation: DataValidationLike;
  readonly conditionalFormats: { add(type: 'Custom'): ConditionalFormatLike; clearAll(): void };
  declare values: RangeLike['values'];
  declare formulas: RangeLike['formulas'];
  declare numberFormat: RangeLike['numberFormat'];
  declare columnHidden: boolean;
  declare rowHidden: boolean;

  constructor(
    private readonly sheet: FakeWorksheet,
    readonly address?: string,
  ) {
    this.rect = parseAddress(address);
    const path = `${sheet.label}!${address ?? '(all)'}`;
    const where = address ?? '(all)';
    const op = (text: string, run: (s: FakeSheet) => void) => sheet.op(`${where} ${text}`, run);
    const eachCell = (text: string, set: (c: FakeCell) => void) =>
      op(text, (s) => {
        for (const a of cellsOf(this.rect)) {
          if (!s.cells.has(a)) s.cells.set(a, emptyCell());
          set(s.cells.get(a)!);
        }
      });
    const grid = (name: string, write: (c: FakeCell, entry: unknown) => void) => (g: unknown[][]) =>
      op(`${name} = ${show(g)}`, (s) => {
        const r = this.rect;
        if (g.length !== r.bottom - r.top + 1 || g.some((row) => row.length !== r.right - r.left + 1))
          throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${where}`);
        g.forEach((row, i) =>
          row.forEach((entry, j) => {
            if (entry === null) return; // null leaves the cell unchanged
            const a = `${colName(r.left + j)}${r.top + i}`;
            if (!s.cells.has(a)) s.cells.set(a, emptyCell());
            write(s.cells.get(a)!, entry);
          }),
        );
      });
    Object.defineProperties(
      this,
      Object.getOwnPropertyDescriptors(
        writeOnly<Pick<RangeLike, 'values' | 'formulas' | 'numberFormat' | 'columnHidden' | 'rowHidden'>>(path, {
          values: grid('values', enter),
          formulas: grid('formulas', enter),
          numberFormat: grid('numberFormat', (c, f) => (c.numberFormat = String(f))),
          columnHidden: (v) =>
            op(`columnHidden = ${v}`, (s) => {
              if (this.rect === ALL || !Number.isFinite(this.rect.right)) {
                if (v) throw new FakeOfficeError('NotImplemented', 'fake: hiding every column');
                for (const c of s.columns.values()) delete c.hidden;
                return;
              }
              for (let c = this.rect.left; c <= this.rect.right; c++) {
                const key = colName(c);
                s.columns.set(key, { ...s.columns.get(key), hidden: v });
              }
            }),
          rowHidden: (v) =>
            op(`rowHidden = ${v}`, () => {
              if (v) throw new FakeOfficeError('NotImplemented', 'fake: hiding rows');
            }),
        }),
      ),
    );

    const border = (index: BorderIndexName): RangeBorderLike => {
      const set = (what: string, value: string) =>
        op(`format.borders.getItem(${show(index)}).${what} = ${show(value)}`, (s) => {
          const r = this.rect;
          for (const a of cellsOf(r)) {
            const { row, col } = { row: Number(/\d+/.exec(a)![0]), col: colIndex(/^[A-Z]+/.exec(a)![0]) };
            const edges: Edge[] = [];
            if (index === 'EdgeTop' && row === r.top) edges.push('top');
            if (index === 'EdgeBottom' && row === r.bottom) edges.push('bottom');
            if (index === 'EdgeLeft' && col === r.left) edges.push('left');
            if (index === 'EdgeRight' && col === r.right) edges.push('right');
            if (index === 'InsideHorizontal') edges.push(...(row > r.top ? (['top'] as Edge[]) : []), ...(row < r.bottom ? (['bottom'] as Edge[]) : []));
            if (index === 'InsideVertical') edges.push(...(col > r.left ? (['left'] as Edge[]) : []), ...(col < r.right ? (['right'] as Edge[]) : []));
            if (edges.length === 0) continue;
            if (!s.cells.has(a)) s.cells.set(a, emptyCell());
            const cell = s.cells.get(a)!;
            for (const e of edges) {
              const [style = 'Continuous', weight = 'Thin'] = (cell.borders[e] ?? '').split('/').filter(Boolean);
              cell.borders[e] = what === 'style' ? `${value}/${weight}` : `${style}/${value}`;
            }
          }
        });
      return writeOnly<RangeBorderLike>(`${path}.format.borders`, { style: (v) => set('style', v), weight: (v) => set('weight', v) });
    };

    const columnsOrRows = (text: string, run: (s: FakeSheet) => void) => op(`format.${text}`, run);
    this.format = {
      ...({} as RangeFormatLike),
      font: writeOnly<RangeFormatLike['font']>(`${path}.format.font`, {
        bold: (v) => eachCell(`format.font.bold = ${v}`, (c) => (c.font.bold = v)),
        italic: (v) => eachCell(`format.font.italic = ${v}`, (c) => (c.font.italic = v)),
        size: (v) => eachCell(`format.font.size = ${v}`, (c) => (c.font.size = v)),
        color: (v) => eachCell(`format.font.color = ${show(v)}`, (c) => (c.font.color = v)),
      }),
      fill: writeOnly<RangeFormatLike['fill']>(`${path}.format.fill`, { color: (v) => eachCell(`format.fill.color = ${show(v)}`, (c) => (c.fill = v)) }),
      protection: writeOnly<RangeFormatLike['protection']>(`${path}.format.protection`, {
        locked: (v) => eachCell(`format.protection.locked = ${v}`, (c) => (c.locked = v)),
      }),
      borders: { getItem: border },
    };
    Object.defineProperties(
      this.format,
      Object.getOwnPropertyDescriptors(
        writeOnly<Omit<RangeFormatLike, 'font' | 'fill' | 'protection' | 'borders'>>(`${path}.format`, {
          wrapText: (v) => eachCell(`format.wrapText = ${v}`, (c) => (c.wrap = v)),
          horizontalAlignment: (v) => eachCell(`format.horizontalAlignment = ${show(v)}`, (c) => (c.hAlign = v)),
          verticalAlignment: (v) => eachCell(`format.verticalAlignment = ${show(v)}`, (c) => (c.vAlign = v)),
          columnWidth: (v) =>
            columnsOrRows(`columnWidth = ${v}`, (s) => {
              for (let c = this.rect.left; c <= this.rect.right; c++) s.columns.set(colName(c), { ...s.columns.get(colName(c)), width: v });
            }),
          rowHeight: (v) =>
            columnsOrRows(`rowHeight = ${v}`, (s) => {
              for (let r = this.rect.top; r <= this.rect.bottom; r++) s.rows.set(r, { height: v });
            }),
          useStandardWidth: (v) =>
            columnsOrRows(`useStandardWidth = ${v}`, (s) => {
              if (!v) return;
              for (const [key, c] of s.columns) if (intersects(parseAddress(`${key}:${key}`), this.rect)) delete c.width;
            }),
          useStandardHeight: (v) =>
            columnsOrRows(`useStandardHeight = ${v}`, (s) => {
              if (!v) return;
              for (const row of [...s.rows.keys()]) if (row >= this.rect.top && row <= this.rect.bottom) s.rows.delete(row);
            }),
        }),
      ),
    );

    // Data validation: one entry per range written to.
    const dv = (s: FakeSheet): FakeValidation => {
      const key = address ?? '';
      let v = s.validations.find((x) => x.range === key);
      if (!v) s.validations.push((v = { range: key }));
      return v;
    };
    this.dataValidation = {
      ...writeOnly<Omit<DataValidationLike, 'clear'>>(`${path}.dataValidation`, {}),
      clear: () => op('dataValidation.clear()', (s) => (s.validations = s.validations.filter((v) => !intersects(parseAddress(v.range), this.rect)))),
    } as DataValidationLike;
    Object.defineProperties(
      this.dataValidation,
      Object.getOwnPropertyDescriptors(
        writeOnly<Omit<DataValidationLike, 'clear'>>(`${path}.dataValidation`, {
          rule: (v) => op(`dataValidation.rule = ${show(v)}`, (s) => (dv(s).rule = v)),
          prompt: (v) => op(`dataValidation.prompt = ${show(v)}`, (s) => (dv(s).prompt = v)),
          errorAlert: (v) => op(`dataValidation.errorAlert = ${show(v)}`, (s) => (dv(s).errorAlert = v)),
          ignoreBlanks: (v) => op(`dataValidation.ignoreBlanks = ${v}`, (s) => (dv(s).ignoreBlanks = v)),
        }),
      ),
    );

    this.conditionalFormats = {
      add: (type) => {
        let entry: FakeConditionalFormat | undefined;
        op(`conditionalFormats.add(${show(type)})`, (s) => s.conditionalFormats.push((entry = { range: address ?? '', type })));
        const set = (text: string, f: (e: FakeConditionalFormat) => void) =>
          op(`conditionalFormat.${text}`, () => {
            if (!entry) throw new Error('fake: conditional format used before it was added');
            f(entry);
          });
        return {
          custom: {
            rule: writeOnly<{ formula: string }>(`${path}.conditionalFormat.custom.rule`, { formula: (v) => set(`custom.rule.formula = ${show(v)}`, (e) => (e.formula = v)) }),
            format: {
              fill: writeOnly<{ color: string }>(`${path}.conditionalFormat.custom.format.fill`, { color: (v) => set(`custom.format.fill.color = ${show(v)}`, (e) => (e.fill = v)) }),
              font: writeOnly<{ color: string }>(`${path}.conditionalFormat.custom.format.font`, { color: (v) => set(`custom.format.font.color = ${show(v)}`, (e) => (e.fontColor = v)) }),
            },
          },
        };
      },
      clearAll: () => op('conditionalFormats.clearAll()', (s) => (s.conditionalFormats = s.conditionalFormats.filter((c) => !intersects(parseAddress(c.range), this.rect)))),
    };
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.sheet.op(`${this.address ?? '(all)'} clear(${show(applyTo)})`, (s) => {
      for (const [a, c] of [...s.cells]) {
        if (!intersects(parseAddress(a), this.rect)) continue;
        if (applyTo === 'All') s.cells.delete(a);
        else if (applyTo === 'Contents') enter(c, '');
        else s.cells.set(a, { ...emptyCell(), value: c.value, formula: c.formula });
      }
    });
  }

  merge(across = false): void {
    if (across) throw new Error('fake: merge(across) not implemented');
    this.sheet.op(`${this.address} merge()`, (s) => {
      if (s.merges.some((m) => intersects(parseAddress(m), this.rect))) throw new FakeOfficeError('InvalidOperation', `Cannot merge ${this.address}: it overlaps a merged area`);
      s.merges.push(this.address!);
    });
  }

  unmerge(): void {
    this.sheet.op(`${this.address ?? '(all)'} unmerge()`, (s) => (s.merges = s.merges.filter((m) => !intersects(parseAddress(m), this.rect))));
  }
}

// ------------------------------------------------------------------ charts

class FakeCharts implements ChartCollectionLike {
  private loaded?: ChartLike[];
  constructor(private readonly sheet: FakeWorksheet) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'items/name' && propertyNames !== 'items') throw new Error(`fake: ChartCollection.load(${propertyNames}) not implemented`);
    this.sheet.fake.queue(`${this.sheet.label}: charts.load(${show(propertyNames)})`, () => {
      this.loaded = this.sheet.resolve().charts.map((c) => chartProxy(this.sheet, () => c, c.name));
    });
    return this;
  }
  get items(): ChartLike[] {
    if (!this.loaded) throw notLoaded('items');
    return this.loaded;
  }

  add(type: 'BarClustered' | 'ColumnClustered', sourceData: RangeLike, seriesBy?: 'Auto' | 'Columns' | 'Rows'): ChartLike {
    const source = (sourceData as FakeRange).address ?? '';
    let chart: FakeChart | undefined;
    this.sheet.op(`charts.add(${show(type)}, ${show(source)}, ${show(seriesBy)})`, (s) => {
      const r = parseAddress(source);
      const byColumns = seriesBy === 'Columns' || (seriesBy !== 'Rows' && r.bottom - r.top >= r.right - r.left);
      const series = byColumns
        ? Array.from({ length: r.right - r.left + 1 }, (_, i) => ({ values: `${colName(r.left + i)}${r.top}:${colName(r.left + i)}${r.bottom}` }))
        : Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ values: `${colName(r.left)}${r.top + i}:${colName(r.right)}${r.top + i}` }));
      chart = { name: `Chart ${s.charts.length + 1}`, type, source, seriesBy, series };
      s.charts.push(chart);
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
  const series = (pick: (c: FakeChart) => FakeChart['series'][number], label: string): ChartSeriesLike => {
    const onSeries = (text: string, f: (x: FakeChart['series'][number]) => void) => on(`${label}.${text}`, (c) => f(pick(c)));
    const proxy = {
      setValues: (r: RangeLike) => onSeries(`setValues(${show((r as FakeRange).address)})`, (x) => (x.values = (r as FakeRange).address)),
      setXAxisValues: (r: RangeLike) => onSeries(`setXAxisValues(${show((r as FakeRange).address)})`, (x) => (x.categories = (r as FakeRange).address)),
    } as ChartSeriesLike;
    Object.defineProperties(proxy, Object.getOwnPropertyDescriptors(writeOnly<{ name: string }>('series', { name: (v) => onSeries(`name = ${show(v)}`, (x) => (x.name = v)) })));
    return proxy;
  };
  const chart = {
    title: writeOnly<{ text: string }>('chart.title', { text: (v) => on(`title.text = ${show(v)}`, (c) => (c.title = v)) }),
    series: {
      getItemAt: (i: number) =>
        series((c) => {
          if (!c.series[i]) throw new FakeOfficeError('ItemNotFound', `No series ${i}`);
          return c.series[i];
        }, `series.getItemAt(${i})`),
      add: (name?: string) => {
        let added: FakeChart['series'][number] | undefined;
        on(`series.add(${show(name)})`, (c) => c.series.push((added = { name })));
        return series(() => added!, `series[${show(name)}]`);
      },
    },
    setPosition: (from: string, to?: string) => on(`setPosition(${show(from)}, ${show(to)})`, (c) => Object.assign(c, { from, to })),
    delete: () => on('delete()', (c, s) => (s.charts = s.charts.filter((x) => x !== c))),
  } as ChartLike;
  Object.defineProperty(chart, 'name', {
    get: () => {
      if (loadedName === undefined) throw notLoaded('name');
      return loadedName;
    },
    set: (v: string) => on(`name = ${show(v)}`, (c) => (c.name = v)),
  });
  return chart;
}

// ------------------------------------------------------------------ defined names

class FakeNames {
  private loaded?: NamedItemLike[];
  constructor(private readonly fake: FakeExcel) {}

  load(propertyNames: string): unknown {
    if (propertyNames !== 'items/name' && propertyNames !== 'items') throw new Error(`fake: NamedItemCollection.load(${propertyNames}) not implemented`);
    this.fake.queue(`names.load(${show(propertyNames)})`, () => {
      this.loaded = [...this.fake.names.keys()].map((name) => ({
        get name() {
          return name;
        },
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

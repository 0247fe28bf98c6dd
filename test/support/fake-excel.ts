/**
 * A recording fake of the part of Office.js the add-in uses (`ExcelWriterContext`, which the real
 * `Excel.RequestContext` satisfies), for tests without Excel. It is as strict as Excel wherever
 * Excel is strict, so code that passes here does not meet those refusals for the first time in an
 * officer's workbook. Each strict behaviour names where it comes from; none of them could be tried
 * in a real Excel here, so each is as the documentation or the office-js issue describes it.
 *
 * Batch model. Calls on proxy objects only queue operations; `sync()` runs the queue in order
 * against an in-memory workbook and counts itself. Loadable properties can be read only after
 * `load()` + `sync()`, and show the state as of that point of the batch; reading them earlier, or
 * reading a write-only property, throws PropertyNotLoaded. When an operation fails, the sync
 * rejects and the rest of the batch is dropped, and what ran before it stays done: Office.js has
 * no rollback (the documentation promises none, https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling),
 * so the fake takes the worst case.
 *
 * Strict like Excel:
 *  - a protected sheet refuses writing values or formulas into its locked cells, and any format,
 *    merge, validation, conditional format, chart or clear (unless its protection options allow
 *    that format); unlocked cells still take values. Excel's own rules: "Protect a worksheet",
 *    https://support.microsoft.com/office/3179efdb-1285-4d49-a9c3-f4ca36276de6, and
 *    https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions;
 *    unlocked cells editable through the API: office-js #143;
 *  - `protect()` on a protected sheet and `unprotect()` on an unprotected one throw AccessDenied
 *    (office-js #6784, a regression in current builds); `unprotect()` without the password of a
 *    sheet the user protected with one throws;
 *  - `freezePanes.unfreeze()` on a hidden sheet throws (office-js #1463);
 *  - a data-validation title longer than 32 characters, an error message longer than 225 or a
 *    prompt longer than 255 is refused (MS-XLSB 2.5.37 DValStrings,
 *    https://learn.microsoft.com/openspecs/office_file_formats/ms-xlsb/b8894965-c186-4bba-8a0b-8ec2a37a1cbe);
 *  - on Excel on the web a request or response over 5 MB fails (RequestPayloadSizeLimitExceeded /
 *    ResponsePayloadSizeLimitExceeded): https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 *  - a cell reaching a custom function (`functionArgument`): a blank cell arrives as 0 on Excel
 *    desktop and as null on Excel on the web (office-js #4702; #1951 and #5262 for ranges and
 *    repeating parameters, where the desktop passes 0 too), so the add-in cannot tell a blank from a
 *    0 unless the formula says which; a cell holding a data type (a formatted number, a linked
 *    entity) arrives as the data type's object, its shown value in `basicValue`, when the metadata
 *    has `allowCustomDataForDataTypeAny` and the host has CustomFunctionsRuntime 1.4; elsewhere as
 *    the basic value (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts,
 *    https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets);
 *  - a formula calling a function of a namespace that is not registered reads back as #NAME?, and
 *    stays #NAME? after the namespace registers until the formula is entered again (office-js
 *    #6611, #6355; https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-troubleshooting);
 *  - a very hidden sheet cannot be deleted (office-js #365: "by design", make it hidden first), nor
 *    the last visible one (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#delete-a-worksheet);
 *  - a sheet or name that exists cannot be added again; a sheet name is at most 31 characters
 *    without : \ / ? * [ ] and not starting or ending with an apostrophe (Excel's naming rules as
 *    Microsoft support's "Rename a worksheet" states them);
 *  - renaming a sheet rewrites every reference to it (formulas, names, validation lists, conditional
 *    formats), deleting one turns them into #REF!, as Excel does (Microsoft support: "Rename a
 *    worksheet", "How to correct a #REF! error");
 *  - a workbook whose structure is protected refuses adding, renaming, moving, hiding or deleting
 *    sheets (https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection);
 *  - a 2-D array whose size differs from its range is refused with InvalidArgument (office-js
 *    #1025, the message as Excel words it); a hidden sheet cannot be activated and the last
 *    visible sheet cannot be hidden (Excel's rule that a workbook keeps one visible sheet, Microsoft
 *    support: "Hide or show worksheets or workbooks").
 *
 * Which of these could only be checked against documentation: all of them — no real Excel ran
 * here. The ones an office-js issue reports from real Excel builds: #6784, #1463, #143, #365,
 * #1025, #4702/#1951/#5262, #6611/#6355; the others follow the documentation pages cited.
 *
 * Not modelled (not needed by the add-in): formula results (a formula cell reads as "" or #NAME?),
 * row hiding, merges across.
 *
 * Tests can make any operation fail (`failAt`), once: the n-th operation run throws (or runs and
 * then the sync rejects, as when the reply is lost). Every queued operation is recorded in `log`
 * (with a "sync #n" line at each sync), in order.
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
  RangeAreasLike,
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
  /** Entered while a namespace it calls was not registered: reads as #NAME? until entered again. */
  nameError?: boolean;
  numberFormat?: string;
  font: { bold?: boolean; italic?: boolean; size?: number; color?: string; underline?: string };
  fill?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  /** "Continuous/Thin" by edge. */
  borders: Partial<Record<Edge, string>>;
  locked: boolean;
  /** A data type in the cell (`value` is what it shows): what a custom function may receive instead. */
  dataType?: FakeDataType;
}

/** A cell value with a data type, as Office.js writes it (`Excel.CellValue`: `type`, `basicValue`, …). */
export interface FakeDataType {
  type: string;
  basicValue: string | number | boolean;
  [property: string]: unknown;
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
  /** `password` stands for a password the user set in Excel (Review › Protect Sheet). */
  protection: { protected: boolean; options?: Excel.WorksheetProtectionOptions; password?: string };
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: Excel.PageLayoutZoomOptions;
    printTitleRows?: string;
    printArea?: string;
    /** Points, by side: leftMargin, rightMargin, topMargin, bottomMargin, headerMargin, footerMargin. */
    margins?: Record<string, number>;
    centerFooter?: string;
    centerHorizontally?: boolean;
    /** Rows a manual page break starts a page at. */
    breaks?: number[];
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

/** Excel on the web's limit on one request and one response (see the header comment). */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** Excel's data-validation text limits (MS-XLSB DValStrings, see the header comment). */
export const VALIDATION_LIMITS = { title: 32, errorMessage: 225, promptMessage: 255 } as const;

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
  // Excel's grid: columns A…XFD (16,384), rows 1…1,048,576; anything else is not an address.
  const part = (p: string): { row?: number; col?: number } => {
    const m = /^([A-Z]{0,3})(\d*)$/.exec(p);
    const col = m?.[1] ? colIndex(m[1]) : undefined;
    const row = m?.[2] ? Number(m[2]) : undefined;
    if (!m || (!m[1] && !m[2]) || (col ?? 1) > 16384 || (row ?? 1) < 1 || (row ?? 1) > 1048576)
      throw new FakeOfficeError('InvalidArgument', `Invalid address "${address}"`);
    return { col, row };
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

// ------------------------------------------------------------------ sheet references in formulas

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A sheet name as a reference: quoted unless it is a plain identifier, as Excel writes it. */
export const sheetRef = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

/** `text` with every reference to sheet `from` (quoted or not, any case) made to point at `to`. */
export function renameReferences(text: string, from: string, to: string): string {
  const quoted = new RegExp(`'${escapeRe(from.replace(/'/g, "''"))}'!`, 'gi');
  let out = text.replace(quoted, `${to}!`);
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(from))
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9_.'!\\]])${escapeRe(from)}!`, 'gi'), `$1${to}!`);
  return out;
}

/** Namespaces a formula calls, upper case ("CDS" for =CDS.DTI_SCORE(…)). */
function namespacesIn(formula: string): string[] {
  const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...withoutStrings.matchAll(/(?:^|[^A-Za-z0-9_.'])([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_.]*\(/g)].map(
    (m) => m[1].toUpperCase(),
  );
}

/** Excel's rules for a sheet name. */
function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new FakeOfficeError('InvalidArgument', `"${name}" is not a valid sheet name`);
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
      configurable: true,
    });
  }
  return base as T;
}

const writeOnly = <T extends object>(path: string, setters: { [P in keyof T]: (value: T[P]) => void }): T =>
  withWriteOnly<T, keyof T>({} as Omit<T, keyof T>, path, setters);

const show = (v: unknown): string => JSON.stringify(v);

// ------------------------------------------------------------------ the context

export interface FakeExcelOptions {
  /** Excel on the web enforces the 5 MB payload limits; the desktop does not. */
  platform?: 'desktop' | 'web';
  /** Custom-function namespaces registered from the start (default: CDS). */
  registered?: string[];
  /** Namespaces of add-in functions (default: CDS); other dotted names (STDEV.S) are Excel's own. */
  custom?: string[];
}

export class FakeExcel implements ExcelWriterContext, ExcelReaderContext {
  readonly sheets: FakeSheet[] = [];
  /** Defined names: name → reference, "=…" as given to names.add. */
  readonly names = new Map<string, string>();
  activeSheet?: string;
  /** What `Range.select()` selected last. */
  selection?: { sheet: string; address: string };
  /** Workbook structure protection (Review › Protect Workbook). */
  structureProtected = false;
  readonly platform: 'desktop' | 'web';
  readonly registered: Set<string>;
  readonly custom: Set<string>;
  readonly log: string[] = [];
  syncs = 0;
  /** Operations run so far (the numbering `failAt` uses); bookkeeping binds are not counted. */
  opsRun = 0;
  /** Request and response sizes of the largest sync so far, in bytes (JSON characters). */
  largest = { request: 0, response: 0 };
  /** Called before each sync runs, with its number: what an officer or a co-author does meanwhile. */
  beforeSync?: (n: number) => void;
  private pending: { text: string | null; run: () => void }[] = [];
  private failure?: { at: number; afterRun: boolean };
  private response = 0;
  readonly workbook: ExcelWriterContext['workbook'] & ExcelReaderContext['workbook'];

  constructor(sheetNames: string[] = ['Sheet1'], options: FakeExcelOptions = {}) {
    for (const n of sheetNames) this.sheets.push(newSheet(n));
    this.activeSheet = sheetNames[0];
    this.platform = options.platform ?? 'desktop';
    this.registered = new Set((options.registered ?? ['CDS']).map((n) => n.toUpperCase()));
    this.custom = new Set((options.custom ?? ['CDS']).map((n) => n.toUpperCase()));
    const fake = this;
    let protectionLoaded: boolean | undefined;
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      names: new FakeNames(this),
      protection: {
        load: (propertyNames: string) => {
          if (propertyNames !== 'protected') throw new Error(`fake: WorkbookProtection.load(${propertyNames})`);
          fake.queue('workbook.protection.load("protected")', () => (protectionLoaded = fake.structureProtected));
          return undefined;
        },
        get protected(): boolean {
          if (protectionLoaded === undefined) throw notLoaded('workbook.protection.protected');
          return protectionLoaded;
        },
      },
    };
  }

  /** Registers a custom-function namespace (what Excel does once it has read functions.json). */
  register(namespace: string): void {
    this.registered.add(namespace.toUpperCase());
  }

  /** The `at`-th operation run from now on (0-based) fails once; with `afterRun` it runs first. */
  failAt(at: number, afterRun = false): void {
    this.failure = { at: this.opsRun + at, afterRun };
  }

  /** Queues an operation; `text` goes to the log unless null (internal bookkeeping). */
  queue(text: string | null, run: () => void): void {
    if (text !== null) this.log.push(text);
    this.pending.push({ text, run });
  }

  /** Loaded data counted against the response limit. */
  respond(data: unknown): void {
    this.response += JSON.stringify(data ?? null).length;
  }

  async sync(): Promise<void> {
    this.beforeSync?.(this.syncs + 1);
    this.syncs++;
    this.log.push(`sync #${this.syncs}`);
    const ops = this.pending;
    this.pending = [];
    const request = ops.reduce((n, op) => n + (op.text?.length ?? 0) + 16, 0);
    this.largest.request = Math.max(this.largest.request, request);
    if (this.platform === 'web' && request > WEB_PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload (${request} bytes) is over 5 MB`,
      );
    this.response = 0;
    for (const op of ops) {
      // The first failure rejects the sync and drops the rest of the batch, as in Office.js.
      if (op.text === null) {
        op.run();
        continue;
      }
      const index = this.opsRun++;
      const fails = this.failure?.at === index;
      if (fails && !this.failure!.afterRun) {
        this.failure = undefined;
        throw new FakeOfficeError('GeneralException', `injected failure before: ${op.text}`);
      }
      op.run();
      if (fails) {
        this.failure = undefined;
        throw new FakeOfficeError('GeneralException', `injected failure after: ${op.text}`);
      }
    }
    this.largest.response = Math.max(this.largest.response, this.response);
    if (this.platform === 'web' && this.response > WEB_PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        `The response (${this.response} bytes) is over 5 MB`,
      );
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
  /** What a cell shows: its value, #NAME? for a formula entered before its namespace registered, "" for other formulas. */
  shown(cell: FakeCell | undefined): string | number | boolean {
    if (!cell) return '';
    if (cell.formula !== undefined) return cell.nameError ? '#NAME?' : '';
    return cell.value ?? '';
  }
  /**
   * What a custom function receives for a reference to one cell (see the header comment): a blank
   * as 0 on the desktop and null on the web, a data type as its object when the metadata allows
   * custom data (functions.json's `allowCustomDataForDataTypeAny`), else what the cell shows.
   */
  functionArgument(sheet: string, address: string, options: { allowCustomData: boolean }): unknown {
    const cell = this.findSheet(sheet)?.cells.get(address.replace(/\$/g, ''));
    const shown = this.shown(cell);
    if (shown === '' && cell?.formula === undefined) return this.platform === 'web' ? null : 0;
    if (cell?.dataType) return options.allowCustomData ? cell.dataType : cell.dataType.basicValue;
    return shown;
  }
  /** Log lines queued for the n-th sync (1-based). */
  batch(n: number): string[] {
    const start = n === 1 ? 0 : this.log.indexOf(`sync #${n - 1}`) + 1;
    return this.log.slice(start, this.log.indexOf(`sync #${n}`));
  }

  // ----- Excel's behaviour shared by the proxies
  structureChange(what: string): void {
    if (this.structureProtected)
      throw new FakeOfficeError('AccessDenied', `The workbook's structure is protected: cannot ${what}`);
  }

  /** Every reference to sheet `from` now points at `to` (a rename), or is #REF! (`to` undefined: a delete). */
  rewriteReferences(from: string, to: string | undefined): void {
    const target = to === undefined ? '#REF' : sheetRef(to);
    const fix = (text: string) => renameReferences(text, from, target);
    for (const s of this.sheets) {
      for (const c of s.cells.values()) if (c.formula !== undefined) c.formula = fix(c.formula);
      for (const v of s.validations) {
        const rule = v.rule as Record<string, Record<string, unknown> | undefined> | undefined;
        for (const kind of Object.values(rule ?? {}))
          for (const key of ['source', 'formula1', 'formula2'])
            if (kind && typeof kind[key] === 'string') kind[key] = fix(kind[key] as string);
      }
      for (const cf of s.conditionalFormats) if (cf.formula !== undefined) cf.formula = fix(cf.formula);
    }
    for (const [name, ref] of this.names) this.names.set(name, fix(ref));
  }
}

class FakeWorksheets {
  private loaded?: WorksheetLike[];
  constructor(private readonly fake: FakeExcel) {}

  getItemOrNullObject(key: string): FakeWorksheet {
    const proxy = new FakeWorksheet(this.fake, key);
    this.fake.queue(null, () => proxy.bind(this.fake.findSheet(key) ?? null));
    return proxy;
  }

  getActiveWorksheet(): WorksheetLike {
    const proxy = new FakeWorksheet(this.fake, '(active)');
    // Excel always has an active sheet: the first visible one when none was set.
    this.fake.queue(null, () =>
      proxy.bind(
        this.fake.findSheet(this.fake.activeSheet ?? '') ??
          this.fake.sheets.find((s) => s.visibility === 'Visible') ??
          null,
      ),
    );
    return proxy;
  }

  load(propertyNames: string): unknown {
    const wanted = propertyNames.split(',').map((p) => p.trim());
    const known = ['items/name', 'items/visibility', 'items/protection/protected', 'items/position'];
    if (wanted.some((p) => !known.includes(p))) throw new Error(`fake: WorksheetCollection.load(${propertyNames})`);
    this.fake.queue(`worksheets.load(${show(propertyNames)})`, () => {
      this.fake.respond(this.fake.sheets.map((s) => [s.name, s.visibility, s.protection.protected]));
      this.loaded = this.fake.sheets.map((s, position) => {
        const proxy = new FakeWorksheet(this.fake, s.name);
        proxy.bind(s);
        proxy.snapshot({
          ...(wanted.includes('items/name') ? { name: s.name } : {}),
          ...(wanted.includes('items/visibility') ? { visibility: s.visibility } : {}),
          ...(wanted.includes('items/position') ? { position } : {}),
        });
        if (wanted.includes('items/protection/protected'))
          (proxy.protection as FakeProtection).prime(s.protection.protected);
        return proxy;
      });
    });
    return this;
  }

  get items(): WorksheetLike[] {
    if (!this.loaded) throw notLoaded('worksheets.items');
    return this.loaded;
  }

  add(name?: string): WorksheetLike {
    const sheetName = name ?? `Sheet${this.fake.sheets.length + 1}`;
    const proxy = new FakeWorksheet(this.fake, sheetName);
    this.fake.queue(`worksheets.add(${show(sheetName)})`, () => {
      this.fake.structureChange(`add the sheet "${sheetName}"`);
      checkSheetName(sheetName);
      if (this.fake.findSheet(sheetName))
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${sheetName}" already exists`);
      const s = newSheet(sheetName);
      this.fake.sheets.push(s);
      proxy.bind(s);
    });
    return proxy;
  }
}

interface SheetSnapshot {
  isNullObject?: boolean;
  name?: string;
  visibility?: string;
  position?: number;
}

/** What a kind of change needs on a protected sheet (see the header comment). */
type Change = 'sheet' | 'cells' | 'format' | 'columns' | 'rows' | 'object';

class FakeWorksheet implements WorksheetLike {
  declare visibility: WorksheetLike['visibility'];
  declare tabColor: string;
  declare name: string;
  declare position: number;
  private target: FakeSheet | null | undefined;
  private loaded: SheetSnapshot = {};
  readonly protection: WorksheetProtectionLike;
  readonly freezePanes: FreezePanesLike;
  readonly charts: ChartCollectionLike;
  readonly pageLayout: PageLayoutLike;
  readonly horizontalPageBreaks: WorksheetLike['horizontalPageBreaks'];

  constructor(
    readonly fake: FakeExcel,
    readonly label: string,
  ) {
    this.protection = new FakeProtection(this);
    this.charts = new FakeCharts(this);
    const freeze = (text: string, value: FakeSheet['freeze']) =>
      this.op(`freezePanes.${text}`, (s) => (s.freeze = value), 'sheet');
    this.freezePanes = {
      freezeRows: (n = 1) => freeze(`freezeRows(${n})`, { rows: n, columns: 0 }),
      freezeColumns: (n = 1) => freeze(`freezeColumns(${n})`, { rows: 0, columns: n }),
      freezeAt: (address) => {
        const r = parseAddress(address);
        freeze(`freezeAt(${show(address)})`, { rows: r.bottom, columns: r.right });
      },
      // office-js #1463: unfreeze() throws on a hidden sheet.
      unfreeze: () =>
        this.op(
          'freezePanes.unfreeze()',
          (s) => {
            if (s.visibility !== 'Visible')
              throw new FakeOfficeError('GeneralException', `unfreeze() failed on the hidden sheet "${s.name}"`);
            s.freeze = undefined;
          },
          'sheet',
        ),
    };
    const layout = (text: string, set: (p: FakeSheet['pageLayout']) => void) =>
      this.op(`pageLayout.${text}`, (s) => set(s.pageLayout), 'sheet');
    // Excel.PageLayout (ExcelApi 1.9): margins are numbers of points; Excel.HeaderFooter.centerFooter
    // is a string with the format codes of PageSetup headers (&P page, &N pages), at most 255
    // characters as in Excel's Page Setup dialog.
    // https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
    // https://learn.microsoft.com/javascript/api/excel/excel.headerfooter
    const margin = (side: string) => (v: number) =>
      layout(`${side} = ${v}`, (p) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
          throw new FakeOfficeError('InvalidArgument', `${side} must be a number of points ≥ 0, not ${show(v)}`);
        p.margins = { ...p.margins, [side]: v };
      });
    const footer = writeOnly<PageLayoutLike['headersFooters']['defaultForAllPages']>(
      `${label}.pageLayout.headersFooters.defaultForAllPages`,
      {
        centerFooter: (v) =>
          layout(`headersFooters.defaultForAllPages.centerFooter = ${show(v)}`, (p) => {
            if (typeof v !== 'string' || v.length > 255)
              throw new FakeOfficeError('InvalidArgument', `centerFooter must be a string of at most 255 characters`);
            p.centerFooter = v;
          }),
      },
    );
    // PageBreakCollection.add (ExcelApi 1.9): a break before the range's top-left cell.
    this.horizontalPageBreaks = {
      add: (range) =>
        layout(`horizontalPageBreaks.add(${show(range)})`, (p) => {
          const row = parseAddress(range).top;
          p.breaks = [...(p.breaks ?? []), row];
        }),
    };
    this.pageLayout = withWriteOnly<
      PageLayoutLike,
      | 'orientation'
      | 'paperSize'
      | 'zoom'
      | 'leftMargin'
      | 'rightMargin'
      | 'topMargin'
      | 'bottomMargin'
      | 'headerMargin'
      | 'footerMargin'
      | 'centerHorizontally'
    >(
      {
        headersFooters: { defaultForAllPages: footer },
        setPrintTitleRows: (rows) => layout(`setPrintTitleRows(${show(rows)})`, (p) => (p.printTitleRows = rows)),
        setPrintArea: (area) => layout(`setPrintArea(${show(area)})`, (p) => (p.printArea = area)),
      },
      `${label}.pageLayout`,
      {
        orientation: (v) => layout(`orientation = ${show(v)}`, (p) => (p.orientation = v)),
        paperSize: (v) => layout(`paperSize = ${show(v)}`, (p) => (p.paperSize = v)),
        zoom: (v) => layout(`zoom = ${show(v)}`, (p) => (p.zoom = { ...v })),
        leftMargin: margin('leftMargin'),
        rightMargin: margin('rightMargin'),
        topMargin: margin('topMargin'),
        bottomMargin: margin('bottomMargin'),
        headerMargin: margin('headerMargin'),
        footerMargin: margin('footerMargin'),
        centerHorizontally: (v) => layout(`centerHorizontally = ${v}`, (p) => (p.centerHorizontally = v)),
      },
    );
    // Properties that read what was loaded and queue a change when set.
    const readWrite = <V>(key: 'name' | 'visibility' | 'position' | 'tabColor', set: (value: V) => void) =>
      Object.defineProperty(this, key, {
        get: () => {
          const v = (this.loaded as Record<string, unknown>)[key];
          if (v === undefined) throw notLoaded(`${label}.${key}`);
          return v;
        },
        set,
        enumerable: true,
      });
    readWrite<WorksheetLike['visibility']>('visibility', (v) =>
      this.op(
        `visibility = ${show(v)}`,
        (s) => {
          this.fake.structureChange(`change the visibility of "${s.name}"`);
          if (v !== 'Visible' && !this.fake.sheets.some((o) => o !== s && o.visibility === 'Visible'))
            throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
          s.visibility = v;
          if (v !== 'Visible' && this.fake.activeSheet === s.name)
            this.fake.activeSheet = this.fake.sheets.find((o) => o.visibility === 'Visible')?.name;
        },
        'sheet',
      ),
    );
    readWrite<string>('tabColor', (v) => this.op(`tabColor = ${show(v)}`, (s) => (s.tabColor = v), 'sheet'));
    readWrite<string>('name', (v) =>
      this.op(
        `name = ${show(v)}`,
        (s) => {
          this.fake.structureChange(`rename "${s.name}"`);
          checkSheetName(v);
          if (this.fake.sheets.some((o) => o !== s && o.name.toLowerCase() === v.toLowerCase()))
            throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${v}" already exists`);
          const before = s.name;
          s.name = v;
          if (this.fake.activeSheet === before) this.fake.activeSheet = v;
          this.fake.rewriteReferences(before, v);
        },
        'sheet',
      ),
    );
    readWrite<number>('position', (v) =>
      this.op(
        `position = ${v}`,
        (s) => {
          this.fake.structureChange(`move "${s.name}"`);
          const list = this.fake.sheets;
          list.splice(list.indexOf(s), 1);
          list.splice(Math.min(v, list.length), 0, s);
        },
        'sheet',
      ),
    );
  }

  bind(target: FakeSheet | null): void {
    this.target = target;
  }

  snapshot(values: SheetSnapshot): void {
    this.loaded = { ...this.loaded, ...values };
  }

  /** The sheet this proxy stands for, when an operation runs. */
  resolve(): FakeSheet {
    if (this.target === undefined) throw new Error(`fake: proxy for "${this.label}" used before it was created`);
    if (this.target === null)
      throw new FakeOfficeError('InvalidObjectPath', `The worksheet "${this.label}" does not exist (null object)`);
    if (!this.fake.sheets.includes(this.target))
      throw new FakeOfficeError('ItemNotFound', `The worksheet "${this.label}" was deleted`);
    return this.target;
  }

  get where(): string {
    return this.target?.name ?? this.label;
  }

  /** Queues a change to the sheet, refused on a protected sheet unless that kind of change is allowed there. */
  op(text: string, run: (sheet: FakeSheet) => void, change: Change = 'object'): void {
    this.fake.queue(`${this.label}: ${text}`, () => {
      const s = this.resolve();
      if (s.protection.protected && !allowedWhenProtected(change, s.protection.options))
        throw new FakeOfficeError('AccessDenied', `The sheet "${s.name}" is protected: cannot ${text}`);
      run(s);
    });
  }

  /** The used range's values (or formulas) as of the sync after `load` (text without its apostrophe). */
  getUsedRangeOrNullObject(): UsedRangeLike {
    let loaded:
      | { isNullObject: boolean; values: unknown[][]; formulas: unknown[][]; rowIndex: number; columnIndex: number }
      | undefined;
    let wanted: string[] = [];
    const need = (what: string) => {
      if (!loaded || (!wanted.includes(what) && what !== 'isNullObject')) throw notLoaded(what);
      return loaded;
    };
    return {
      load: (propertyNames: string) => {
        wanted = propertyNames.split(',').map((p) => p.trim());
        this.fake.queue(`${this.label}: getUsedRangeOrNullObject().load(${show(propertyNames)})`, () => {
          const s = this.target && this.fake.sheets.includes(this.target) ? this.target : null;
          const used = s
            ? [...s.cells.entries()].filter(([, c]) => c.value !== undefined || c.formula !== undefined)
            : [];
          if (!s || used.length === 0) {
            loaded = { isNullObject: true, values: [], formulas: [], rowIndex: 0, columnIndex: 0 };
            return;
          }
          const rects = used.map(([a]) => parseAddress(a));
          const top = Math.min(...rects.map((r) => r.top));
          const left = Math.min(...rects.map((r) => r.left));
          const bottom = Math.max(...rects.map((r) => r.bottom));
          const right = Math.max(...rects.map((r) => r.right));
          const grid = () =>
            Array.from({ length: bottom - top + 1 }, () =>
              Array.from({ length: right - left + 1 }, () => '' as unknown),
            );
          const values = grid();
          const formulas = grid();
          for (const [a, c] of used) {
            const r = parseAddress(a);
            values[r.top - top][r.left - left] = this.fake.shown(c);
            formulas[r.top - top][r.left - left] = c.formula ?? c.value ?? '';
          }
          if (wanted.includes('values')) this.fake.respond(values);
          if (wanted.includes('formulas')) this.fake.respond(formulas);
          loaded = { isNullObject: false, values, formulas, rowIndex: top - 1, columnIndex: left - 1 };
        });
        return undefined;
      },
      get isNullObject() {
        return need('isNullObject').isNullObject;
      },
      get values() {
        return need('values').values;
      },
      get formulas() {
        return need('formulas').formulas;
      },
      get rowIndex() {
        return need('rowIndex').rowIndex;
      },
      get columnIndex() {
        return need('columnIndex').columnIndex;
      },
    };
  }

  load(propertyNames: string): unknown {
    if (propertyNames === 'name') {
      this.fake.queue(`${this.label}: load("name")`, () => this.snapshot({ name: this.resolve().name }));
      return this;
    }
    if (propertyNames !== 'isNullObject') throw new Error(`fake: Worksheet.load(${propertyNames}) not implemented`);
    this.fake.queue(`${this.label}: load("isNullObject")`, () => this.snapshot({ isNullObject: this.target === null }));
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
      'sheet',
    );
  }

  delete(): void {
    this.op(
      'delete()',
      (s) => {
        this.fake.structureChange(`delete "${s.name}"`);
        // Office.js cannot delete a very hidden sheet; its visibility must change first.
        if (s.visibility === 'VeryHidden')
          throw new FakeOfficeError('InvalidOperation', `Cannot delete the very hidden sheet "${s.name}"`);
        if (s.visibility === 'Visible' && !this.fake.sheets.some((o) => o !== s && o.visibility === 'Visible'))
          throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
        this.fake.sheets.splice(this.fake.sheets.indexOf(s), 1);
        if (this.fake.activeSheet === s.name)
          this.fake.activeSheet = this.fake.sheets.find((o) => o.visibility === 'Visible')?.name;
        this.fake.rewriteReferences(s.name, undefined);
      },
      'sheet',
    );
  }

  /** Areas as one object (ExcelApi 1.9): each area gets the validation, as when each is written alone; one request entry. */
  getRanges(address: string): RangeAreasLike {
    const areas = address.split(',').map((a) => a.trim());
    for (const a of areas) parseAddress(a);
    const set = (text: string, apply: (v: FakeValidation) => void, check: () => void = () => undefined) =>
      this.op(`getRanges(${show(address)}).dataValidation.${text}`, (s) => {
        check();
        areas.forEach((a) => apply(validationAt(s, a)));
      });
    const dataValidation = withWriteOnly<DataValidationLike, 'rule' | 'prompt' | 'errorAlert' | 'ignoreBlanks'>(
      {
        clear: () =>
          this.op(
            `getRanges(${show(address)}).dataValidation.clear()`,
            (s) =>
              (s.validations = s.validations.filter(
                (v) => !areas.some((a) => intersects(parseAddress(v.range), parseAddress(a))),
              )),
          ),
      },
      `${this.label}!${address}.dataValidation`,
      {
        rule: (v) => set(`rule = ${show(v)}`, (e) => (e.rule = JSON.parse(show(v)))),
        prompt: (v) =>
          set(
            `prompt = ${show(v)}`,
            (e) => (e.prompt = v),
            () => checkValidationText('prompt', v),
          ),
        errorAlert: (v) =>
          set(
            `errorAlert = ${show(v)}`,
            (e) => (e.errorAlert = v),
            () => checkValidationText('errorAlert', v),
          ),
        ignoreBlanks: (v) => set(`ignoreBlanks = ${v}`, (e) => (e.ignoreBlanks = v)),
      },
    );
    return { dataValidation };
  }

  getRange(address?: string): RangeLike {
    return fakeRange(this, address);
  }
}

function allowedWhenProtected(change: Change, options: Excel.WorksheetProtectionOptions | undefined): boolean {
  switch (change) {
    case 'sheet':
    case 'cells': // checked cell by cell: unlocked cells take values
      return true;
    case 'columns':
      return options?.allowFormatColumns === true;
    case 'rows':
      return options?.allowFormatRows === true;
    case 'format':
      return options?.allowFormatCells === true;
    case 'object':
      return false;
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
  /** Loaded with the collection (`items/protection/protected`). */
  prime(value: boolean): void {
    this.loaded = { protected: value };
  }
  // office-js #6784: protect() on a protected sheet and unprotect() on an unprotected one throw AccessDenied.
  protect(options?: Excel.WorksheetProtectionOptions): void {
    this.sheet.op(
      `protection.protect(${show(options ?? {})})`,
      (s) => {
        if (s.protection.protected)
          throw new FakeOfficeError('AccessDenied', `The sheet "${s.name}" is already protected`);
        s.protection = { protected: true, options: { ...options } };
      },
      'sheet',
    );
  }
  unprotect(password?: string): void {
    this.sheet.op(
      `protection.unprotect(${password === undefined ? '' : '***'})`,
      (s) => {
        if (!s.protection.protected)
          throw new FakeOfficeError('AccessDenied', `The sheet "${s.name}" is not protected`);
        if (s.protection.password !== undefined && s.protection.password !== password)
          throw new FakeOfficeError('InvalidArgument', `The password to unprotect "${s.name}" is wrong or missing`);
        s.protection = { protected: false };
      },
      'sheet',
    );
  }
}

// ------------------------------------------------------------------ ranges

function emptyCell(): FakeCell {
  return { font: {}, borders: {}, locked: true };
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

function checkValidationText(kind: 'prompt' | 'errorAlert', v: { title?: string; message?: string }): void {
  const max = kind === 'prompt' ? VALIDATION_LIMITS.promptMessage : VALIDATION_LIMITS.errorMessage;
  if ((v.title ?? '').length > VALIDATION_LIMITS.title)
    throw new FakeOfficeError(
      'InvalidArgument',
      `A data-validation ${kind} title over ${VALIDATION_LIMITS.title} characters`,
    );
  if ((v.message ?? '').length > max)
    throw new FakeOfficeError('InvalidArgument', `A data-validation ${kind} message over ${max} characters`);
}

/** A sheet's validation entry for a range, made on first write; indexed, as a council's sheet has 160,000. */
const validationIndex = new WeakMap<FakeSheet, { list: FakeValidation[]; byRange: Map<string, FakeValidation> }>();
function validationAt(s: FakeSheet, where: string): FakeValidation {
  let index = validationIndex.get(s);
  if (!index || index.list !== s.validations || index.byRange.size !== s.validations.length) {
    index = { list: s.validations, byRange: new Map(s.validations.map((v) => [v.range, v])) };
    validationIndex.set(s, index);
  }
  let v = index.byRange.get(where);
  if (!v) {
    s.validations.push((v = { range: where, ignoreBlanks: true })); // Excel's default
    index.byRange.set(where, v);
  }
  return v;
}

function fakeRange(sheet: FakeWorksheet, address: string | undefined): RangeLike {
  const fake = sheet.fake;
  const rect = parseAddress(address);
  const where = address ?? '(all)';
  const path = `${sheet.label}!${where}`;
  const op = (text: string, run: (s: FakeSheet) => void, change: Change = 'object') =>
    sheet.op(`${where} ${text}`, run, change);
  const cellAt = (s: FakeSheet, a: string): FakeCell => {
    if (!s.cells.has(a)) s.cells.set(a, emptyCell());
    return s.cells.get(a)!;
  };
  const eachCell = (text: string, set: (c: FakeCell) => void, change: Change = 'format') =>
    op(text, (s) => cellsOf(rect).forEach((a) => set(cellAt(s, a))), change);
  /** Excel's reading of an entry as typed: "=…" is a formula, a leading apostrophe keeps text, "" clears. */
  const enter = (cell: FakeCell, entry: unknown): void => {
    delete cell.formula;
    delete cell.dataType;
    delete cell.value;
    delete cell.nameError;
    if (typeof entry === 'string' && entry.startsWith('=')) {
      cell.formula = entry;
      if (namespacesIn(entry).some((ns) => fake.custom.has(ns) && !fake.registered.has(ns))) cell.nameError = true;
    } else if (typeof entry === 'string' && entry.startsWith("'")) cell.value = entry.slice(1);
    else if (entry !== '') cell.value = entry as string | number | boolean;
  };
  const grid = (name: string, write: (c: FakeCell, entry: unknown) => void, change: Change) => (g: unknown[][]) =>
    op(
      `${name} = ${show(g)}`,
      (s) => {
        if (g.length !== rect.bottom - rect.top + 1 || g.some((row) => row.length !== rect.right - rect.left + 1))
          throw new FakeOfficeError(
            'InvalidArgument',
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${where}`,
          );
        const at = (i: number, j: number) => `${colName(rect.left + j)}${rect.top + i}`;
        // Contents go into unlocked cells of a protected sheet; a locked one refuses the whole write.
        if (change === 'cells' && s.protection.protected)
          g.forEach((row, i) =>
            row.forEach((entry, j) => {
              if (entry !== null && (s.cells.get(at(i, j))?.locked ?? true))
                throw new FakeOfficeError(
                  'AccessDenied',
                  `The cell ${at(i, j)} is locked on the protected sheet "${s.name}"`,
                );
            }),
          );
        g.forEach((row, i) =>
          row.forEach((entry, j) => {
            if (entry !== null) write(cellAt(s, at(i, j)), entry); // null leaves the cell unchanged
          }),
        );
      },
      change,
    );
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
      op(
        `format.borders.getItem(${show(index)}).${what} = ${show(value)}`,
        (s) => {
          if (!Number.isFinite(rect.bottom) || !Number.isFinite(rect.right)) cellsOf(rect); // refused as there
          const { top, bottom, left, right } = rect;
          // Only the edges the index names are touched (a council's sheet has ~900,000 bordered cells).
          const mark = (row: number, col: number, e: Edge) => {
            const cell = cellAt(s, `${colName(col)}${row}`);
            const old = cell.borders[e] ?? 'Continuous/Thin';
            const slash = old.indexOf('/');
            cell.borders[e] = what === 'style' ? `${value}${old.slice(slash)}` : `${old.slice(0, slash + 1)}${value}`;
          };
          for (let row = top; row <= bottom; row++)
            for (let col = left; col <= right; col++) {
              if (index === 'EdgeTop' ? row === top : index === 'InsideHorizontal' && row > top) mark(row, col, 'top');
              if (index === 'EdgeBottom' ? row === bottom : index === 'InsideHorizontal' && row < bottom)
                mark(row, col, 'bottom');
              if (index === 'EdgeLeft' ? col === left : index === 'InsideVertical' && col > left)
                mark(row, col, 'left');
              if (index === 'EdgeRight' ? col === right : index === 'InsideVertical' && col < right)
                mark(row, col, 'right');
            }
        },
        'format',
      );
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
        underline: (v) => eachCell(`format.font.underline = ${show(v)}`, (c) => (c.font.underline = v)),
      }),
      fill: writeOnly<RangeFormatLike['fill']>(`${path}.format.fill`, {
        color: (v) => eachCell(`format.fill.color = ${show(v)}`, (c) => (c.fill = v)),
      }),
      // Locking is refused on a protected sheet whatever its options allow.
      protection: writeOnly<RangeFormatLike['protection']>(`${path}.format.protection`, {
        locked: (v) => eachCell(`format.protection.locked = ${v}`, (c) => (c.locked = v), 'object'),
      }),
      borders: { getItem: border },
    },
    `${path}.format`,
    {
      wrapText: (v) => eachCell(`format.wrapText = ${v}`, (c) => (c.wrap = v)),
      horizontalAlignment: (v) => eachCell(`format.horizontalAlignment = ${show(v)}`, (c) => (c.hAlign = v)),
      verticalAlignment: (v) => eachCell(`format.verticalAlignment = ${show(v)}`, (c) => (c.vAlign = v)),
      columnWidth: (v) =>
        op(`format.columnWidth = ${v}`, (s) => columnsIn(s).forEach((c) => setColumn(s, c, { width: v })), 'columns'),
      rowHeight: (v) =>
        op(`format.rowHeight = ${v}`, (s) => rowsIn(s).forEach((r) => s.rows.set(r, { height: v })), 'rows'),
      useStandardWidth: (v) =>
        op(
          `format.useStandardWidth = ${v}`,
          (s) => v && columnsIn(s).forEach((c) => setColumn(s, c, { width: undefined })),
          'columns',
        ),
      useStandardHeight: (v) =>
        op(`format.useStandardHeight = ${v}`, (s) => v && rowsIn(s).forEach((r) => s.rows.delete(r)), 'rows'),
    },
  );

  // Data validation: one entry per range written to.
  const validation = (s: FakeSheet): FakeValidation => validationAt(s, where);
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
      rule: (v) => op(`dataValidation.rule = ${show(v)}`, (s) => (validation(s).rule = JSON.parse(show(v)))),
      prompt: (v) =>
        op(`dataValidation.prompt = ${show(v)}`, (s) => {
          checkValidationText('prompt', v);
          validation(s).prompt = v;
        }),
      errorAlert: (v) =>
        op(`dataValidation.errorAlert = ${show(v)}`, (s) => {
          checkValidationText('errorAlert', v);
          validation(s).errorAlert = v;
        }),
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

  let loaded: { values?: unknown[][]; formulas?: unknown[][] } = {};
  const range = withWriteOnly<RangeLike, 'numberFormat' | 'columnHidden' | 'rowHidden'>(
    {
      format,
      dataValidation,
      conditionalFormats,
      load: (propertyNames: string) => {
        const wanted = propertyNames.split(',').map((p) => p.trim());
        if (wanted.some((p) => p !== 'values' && p !== 'formulas'))
          throw new Error(`fake: Range.load(${propertyNames}) not implemented`);
        fake.queue(`${path}: load(${show(propertyNames)})`, () => {
          const s = sheet.resolve();
          const rows = Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => rect.top + i);
          const cols = Array.from({ length: rect.right - rect.left + 1 }, (_, j) => rect.left + j);
          const at = (r: number, c: number) => s.cells.get(`${colName(c)}${r}`);
          loaded = {
            values: rows.map((r) => cols.map((c) => fake.shown(at(r, c)))),
            formulas: rows.map((r) => cols.map((c) => at(r, c)?.formula ?? at(r, c)?.value ?? '')),
          };
          fake.respond(wanted.includes('values') ? loaded.values : loaded.formulas);
        });
        return undefined;
      },
      clear: (applyTo = 'All') =>
        op(`clear(${show(applyTo)})`, (s) => {
          for (const [a, c] of [...s.cells]) {
            if (!intersects(parseAddress(a), rect)) continue;
            if (applyTo === 'All') s.cells.delete(a);
            else if (applyTo === 'Contents') {
              delete c.value;
              delete c.formula;
              delete c.nameError;
            } else s.cells.set(a, { ...emptyCell(), value: c.value, formula: c.formula, nameError: c.nameError });
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
        sheet.op(`${where} select()`, (s) => (sheet.fake.selection = { sheet: s.name, address: where }), 'sheet'),
    } as Omit<RangeLike, 'numberFormat' | 'columnHidden' | 'rowHidden'>,
    path,
    {
      numberFormat: grid('numberFormat', (c, f) => (c.numberFormat = String(f)), 'format'),
      columnHidden: (v) =>
        op(
          `columnHidden = ${v}`,
          (s) => columnsIn(s).forEach((c) => setColumn(s, c, { hidden: v || undefined })),
          'columns',
        ),
      rowHidden: (v) =>
        op(
          `rowHidden = ${v}`,
          () => {
            if (v) throw new Error('fake: hiding rows not implemented');
          },
          'rows',
        ),
    },
  );
  // values and formulas: written as contents, read after load.
  for (const key of ['values', 'formulas'] as const)
    Object.defineProperty(range, key, {
      get: () => {
        if (!loaded[key]) throw notLoaded(`${path}.${key}`);
        return loaded[key];
      },
      set: grid(key, enter, 'cells'),
      enumerable: true,
    });
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
    const wanted = propertyNames.split(',').map((p) => p.trim());
    if (wanted.some((p) => p !== 'items/name' && p !== 'items/formula'))
      throw new Error(`fake: NamedItemCollection.load(${propertyNames}) not implemented`);
    this.fake.queue(`names.load(${show(propertyNames)})`, () => {
      this.fake.respond([...this.fake.names]);
      this.loaded = [...this.fake.names].map(([name, reference]) => {
        const item = {
          name,
          delete: () =>
            this.fake.queue(`names.getItem(${show(name)}).delete()`, () => {
              if (!this.fake.names.delete(name)) throw new FakeOfficeError('ItemNotFound', `No name "${name}"`);
            }),
        } as NamedItemLike;
        return Object.defineProperty(item, 'formula', {
          get: () => {
            if (!wanted.includes('items/formula')) throw notLoaded(`names.${name}.formula`);
            return reference;
          },
          set: (v: string) =>
            this.fake.queue(`names.getItem(${show(name)}).formula = ${show(v)}`, () => {
              if (!this.fake.names.has(name)) throw new FakeOfficeError('ItemNotFound', `No name "${name}"`);
              this.fake.names.set(name, v);
            }),
          enumerable: true,
        });
      });
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

/**
 * What the pane's Office.js port finds in Excel, for each test: `Excel.run` over a new fake
 * workbook (a sync after the batch, as Excel.run does) and `Office.context.requirements`.
 */
export function fakeExcelHost(isSetSupported: (name: string, version?: string) => boolean = () => true): {
  fake: FakeExcel;
} {
  const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
  const host = { fake: new FakeExcel(['Sheet1']) };
  beforeEach(() => {
    host.fake = new FakeExcel(['Sheet1']);
    g.Excel = {
      run: async (batch: (context: FakeExcel) => Promise<unknown>) => {
        const result = await batch(host.fake);
        await host.fake.sync();
        return result;
      },
    };
    g.Office = { context: { requirements: { isSetSupported } } };
  });
  afterEach(() => {
    delete g.Excel;
    delete g.Office;
  });
  return host;
}

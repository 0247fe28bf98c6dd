/**
 * The one cell reader: what Excel shows in each cell, read from an .xlsx package's parts — the
 * parts the verifier checked (the council, in the CLI and the task pane) or the parts the safe
 * package reader let through (`dti score`, `dti template --from`).
 *
 * It reads the way Excel does, not by pattern: the workbook part through the package
 * relationships, sheets and shared strings through the workbook's; in a sheet only the `<c>`
 * children of the `<row>` children of `<sheetData>` are cells (a `<c>` in a comment, a CDATA
 * section, `extLst` or any foreign element is not), positions implied by order where `r` is
 * absent, and a second cell at the same address makes the part malformed, naming the cell.
 * Numbers in a date format come as ISO dates, as ExcelJS and Excel's own readers give them.
 *
 * Each sheet is scanned once (xml-scan.ts) when first read, and a cell's text is decoded only
 * when read: the council's batch reads a few hundred cells of a sheet holding thousands.
 */
import type { DefinedName, Scalar } from '../template';
import type { LoadedWorkbook } from './types';
import {
  broken,
  contentText,
  isMain,
  isOfficeRels,
  NS,
  parseStartTag,
  rawText,
  scanXml,
  type Scope,
  StartTag,
} from './xml-scan';

const REL = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
  hyperlink: /\/hyperlink$/,
};

/** A cell address as one number: row × 2^14 + column (Excel has at most 16,384 columns). */
const COLUMNS = 16384;
const MAX_ROWS = 1048576;

/** "AB12" → its key; NaN when it is not an A1 address within Excel's grid. */
export function addressKey(address: string): number {
  let column = 0;
  let i = 0;
  for (; i < address.length && i < 4; i++) {
    const c = address.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    column = column * 26 + c - 0x40;
  }
  const digits = address.slice(i);
  const row = /^[1-9][0-9]{0,6}$/.test(digits) ? Number(digits) : NaN;
  return i > 0 && column <= COLUMNS && row <= MAX_ROWS ? row * COLUMNS + column : NaN;
}

const columnName = (column: number): string => {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
export const keyAddress = (key: number) => `${columnName(key % COLUMNS)}${Math.floor(key / COLUMNS)}`;

/** OPC part names compare case-insensitively; UTF-16 parts are transcoded to UTF-8 once. */
class Parts {
  private readonly byLower = new Map<string, string>();
  private readonly cache = new Map<string, Uint8Array>();
  constructor(private readonly parts: Map<string, Uint8Array>) {
    for (const name of parts.keys()) this.byLower.set(name.toLowerCase(), name);
  }
  /** The part's name as stored, if it is there. */
  stored(name: string): string | undefined {
    return this.byLower.get(name.toLowerCase());
  }
  get(name: string): Uint8Array | undefined {
    const actual = this.byLower.get(name.toLowerCase());
    if (actual === undefined) return undefined;
    let bytes = this.cache.get(actual);
    if (!bytes) {
      bytes = this.parts.get(actual)!;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        let text: string;
        try {
          text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
        } catch {
          return broken(actual, 'không phải UTF-16 hợp lệ', 'invalid UTF-16');
        }
        bytes = new TextEncoder().encode(text.replace(/(<\?xml[^?]*encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2'));
      }
      this.cache.set(actual, bytes);
    }
    return bytes;
  }
}

interface Relationship {
  type: string;
  /** The part it points to (internal), or the target as written (external). */
  target: string;
  external: boolean;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package ("") → "_rels/.rels". */
const relsPartOf = (source: string) => {
  const slash = source.lastIndexOf('/');
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
};

function resolveTarget(source: string, target: string): string {
  const path = target.split(/[?#]/)[0];
  const out = path.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const raw of path.split('/')) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') out.pop();
    else
      try {
        out.push(decodeURIComponent(raw));
      } catch {
        out.push(raw);
      }
  }
  return out.join('/');
}

function readRelationships(parts: Parts, source: string): Map<string, Relationship> {
  const name = relsPartOf(source);
  const bytes = parts.get(name);
  const out = new Map<string, Relationship>();
  if (!bytes) return out;
  scanXml(bytes, name, {
    open(tag) {
      if (tag.depth === 1 && !(tag.is('Relationships') && tag.ns === NS.packageRels))
        broken(name, 'không phải phần Relationships', 'not a Relationships part');
      if (tag.depth !== 2 || !tag.is('Relationship') || tag.ns !== NS.packageRels) return;
      const id = tag.attr('Id') ?? '';
      if (out.has(id)) broken(name, `Id quan hệ "${id}" lặp lại`, `duplicate relationship Id ${id}`);
      const target = tag.attr('Target') ?? '';
      const external = tag.attr('TargetMode') === 'External';
      out.set(id, {
        type: tag.attr('Type') ?? '',
        target: external ? target : resolveTarget(source, target),
        external,
      });
    },
  });
  return out;
}

interface SheetEntry {
  name: string;
  path: string | undefined;
  state: string;
}

interface WorkbookInfo {
  path: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
}

function readWorkbookInfo(parts: Parts): WorkbookInfo {
  const packageRels = readRelationships(parts, '');
  const office = [...packageRels.values()].filter((r) => REL.officeDocument.test(r.type) && !r.external);
  // Excel finds the workbook through the package relationships; a package without them gets the usual name.
  const path = office.length ? office[0].target : 'xl/workbook.xml';
  if (office.length > 1) broken('_rels/.rels', 'có hai quan hệ officeDocument', 'two officeDocument relationships');
  const bytes = parts.get(path);
  if (!bytes) return broken(path, 'không có trong gói', 'missing from the package');
  const rels = readRelationships(parts, path);
  const byType = (re: RegExp) => [...rels.values()].find((r) => re.test(r.type) && !r.external)?.target;
  const info: WorkbookInfo = {
    path,
    sheets: [],
    definedNames: [],
    date1904: false,
    sharedStrings: byType(REL.sharedStrings),
    styles: byType(REL.styles),
  };
  const sheetIds: number[] = [];
  let name: { name: string; local: string | undefined; from: number } | null = null;
  const roles: string[] = ['', ''];
  scanXml(bytes, path, {
    open(tag) {
      const parent = roles[tag.depth - 1];
      let role = 'other';
      if (tag.depth === 1) {
        if (!tag.is('workbook') || !isMain(tag.ns)) broken(path, 'không phải phần workbook', 'not a workbook part');
        role = 'root';
      } else if (parent === 'root' && isMain(tag.ns)) {
        if (tag.is('sheets') || tag.is('definedNames')) role = tag.local;
        if (tag.is('workbookPr')) {
          const v = tag.attr('date1904');
          info.date1904 = v === '1' || v === 'true';
        }
      } else if (parent === 'sheets' && isMain(tag.ns) && tag.is('sheet')) {
        const sheetName = tag.attr('name') ?? '';
        if (info.sheets.some((s) => s.name.toLowerCase() === sheetName.toLowerCase()))
          broken(path, `hai trang tính cùng tên "${sheetName}"`, `two sheets named ${sheetName}`);
        const id = tag.attr('id', isOfficeRels);
        const rel = id === undefined ? undefined : rels.get(id);
        info.sheets.push({
          name: sheetName,
          path: rel && !rel.external && REL.worksheet.test(rel.type) ? rel.target : undefined,
          state: tag.attr('state') ?? 'visible',
        });
      } else if (parent === 'definedNames' && isMain(tag.ns) && tag.is('definedName')) {
        role = 'definedName';
        const entry = { name: tag.attr('name') ?? '', local: tag.attr('localSheetId'), from: tag.tagEnd + 1 };
        name = tag.selfClosing ? null : entry;
      }
      roles[tag.depth] = role;
    },
    close(depth, at) {
      if (roles[depth] !== 'definedName' || !name) return;
      const entry: DefinedName = { name: name.name, refersTo: contentText(bytes, name.from, at, path).trim() };
      if (name.local !== undefined) {
        sheetIds.push(info.definedNames.length);
        entry.localSheet = String(Number(name.local));
      }
      info.definedNames.push(entry);
      name = null;
    },
  });
  // localSheetId is an index into <sheets>: resolved once every sheet is known.
  for (const i of sheetIds) {
    const n = info.definedNames[i];
    n.localSheet = info.sheets[Number(n.localSheet)]?.name ?? `#${n.localSheet}`;
  }
  return info;
}

/** Shared strings, indexed in one scan and decoded only when a cell asks for one. */
class SharedStrings {
  private readonly items: { from: number; to: number; scope: Scope | null; depth: number }[] = [];
  private readonly decoded = new Map<number, string>();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly part: string,
  ) {
    if (!bytes.length) return;
    let open: { from: number; scope: Scope | null } | null = null;
    scanXml(bytes, part, {
      open: (tag) => {
        if (tag.depth === 1 && !(tag.is('sst') && isMain(tag.ns)))
          broken(part, 'không phải phần sharedStrings', 'not a shared strings part');
        if (tag.depth !== 2 || !tag.is('si') || !isMain(tag.ns)) return;
        if (tag.selfClosing) this.items.push({ from: 0, to: 0, scope: null, depth: 2 });
        else open = { from: tag.tagEnd + 1, scope: tag.scope };
      },
      close: (depth, at) => {
        if (depth === 2 && open) this.items.push({ from: open.from, to: at, scope: open.scope, depth: 2 });
        if (depth === 2) open = null;
      },
    });
  }
  get count(): number {
    return this.items.length;
  }
  get(i: number): string {
    let s = this.decoded.get(i);
    if (s === undefined) {
      const item = this.items[i];
      s = item.to > item.from ? unescapeXstring(richText(this.bytes, this.part, item)) : '';
      this.decoded.set(i, s);
    }
    return s;
  }
}

/**
 * The text of a shared string item or an inline string: its `<t>` and its runs' `<t>` joined,
 * phonetic runs (`<rPh>`) and anything foreign left out.
 */
function richText(
  bytes: Uint8Array,
  part: string,
  range: { from: number; to: number; scope: Scope | null; depth: number },
): string {
  let out = '';
  const roles: string[] = [];
  const starts: number[] = [];
  const base = range.depth;
  scanXml(
    bytes,
    part,
    {
      open(tag) {
        const level = tag.depth - base;
        const parent = level === 1 ? 'item' : roles[level - 1];
        let role = 'other';
        if (isMain(tag.ns) && tag.is('t') && (parent === 'item' || parent === 'r')) role = 't';
        else if (isMain(tag.ns) && tag.is('r') && parent === 'item') role = 'r';
        roles[level] = role;
        starts[level] = tag.tagEnd + 1;
        if (role === 't' && tag.selfClosing) roles[level] = 'other';
      },
      close(depth, at) {
        const level = depth - base;
        if (roles[level] === 't') out += contentText(bytes, starts[level], at, part);
      },
    },
    range,
  );
  return out;
}

/**
 * Text as spreadsheets show it: characters XML cannot carry are written "_xHHHH_" (ECMA-376
 * Part 1 §22.4.2.4, ST_Xstring) — control characters, and "_x005F_" for an underscore that would
 * otherwise start such an escape. As LibreOffice reads them (the differential test's reference),
 * only those are decoded; "_x0042_" stays the text it is. One pass, left to right.
 */
export const unescapeXstring = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (whole, hex: string) => {
        const code = parseInt(hex, 16);
        return code < 0x20 || code === 0x5f ? String.fromCharCode(code) : whole;
      })
    : s;

/** Built-in number formats that are dates or times (ECMA-376 Part 1 §18.8.30). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format code is a date when, outside quoted text, escapes and [colour]/[locale] sections, it uses y, m, d, h, s or b. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhMsb]/.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (cellXfs indexes) show numbers as dates. */
function readDateStyles(parts: Parts, path: string | undefined): Set<number> {
  const out = new Set<number>();
  const bytes = path ? parts.get(path) : undefined;
  if (!bytes) return out;
  const formats = new Map<number, string>();
  const roles: string[] = [];
  let xf = 0;
  const xfFormats: number[] = [];
  scanXml(bytes, path!, {
    open(tag) {
      const parent = tag.depth === 1 ? '' : roles[tag.depth - 1];
      let role = 'other';
      if (tag.depth === 1) role = 'root';
      else if (parent === 'root' && isMain(tag.ns) && (tag.is('numFmts') || tag.is('cellXfs'))) role = tag.local;
      else if (parent === 'numFmts' && isMain(tag.ns) && tag.is('numFmt'))
        formats.set(Number(tag.attr('numFmtId')), tag.attr('formatCode') ?? '');
      else if (parent === 'cellXfs' && isMain(tag.ns) && tag.is('xf'))
        xfFormats[xf++] = Number(tag.attr('numFmtId') ?? 0);
      roles[tag.depth] = role;
    },
  });
  xfFormats.forEach((id, i) => {
    const code = formats.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id)) out.add(i);
  });
  return out;
}

/** Where one cell's parts lie in its sheet's bytes; decoded when read. */
interface CellRecord {
  type: string;
  style: number;
  v?: { from: number; to: number };
  /** The formula's content, and where its start tag is (for a shared formula's si). */
  f?: { tagAt: number; scope: Scope | null; from: number; to: number };
  is?: { from: number; to: number; scope: Scope | null; depth: number };
}

interface Link {
  id?: string;
  location?: string;
}

/** One sheet's cells, hidden rows and columns and hyperlinks, indexed in one scan. */
class SheetIndex {
  readonly cells = new Map<number, CellRecord>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns: [number, number][] = [];
  readonly links = new Map<number, Link>();
  lastRow = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly part: string,
  ) {
    if (!bytes.length) return;
    const roles: string[] = [];
    let row = 0;
    let column = 0;
    let cell: CellRecord | null = null;
    let valueStart = 0;
    let sheetData = false;
    scanXml(bytes, part, {
      open: (tag) => {
        const parent = tag.depth === 1 ? '' : roles[tag.depth - 1];
        let role = 'other';
        const main = isMain(tag.ns);
        if (parent === 'row' && main && tag.is('c')) {
          role = 'c';
          const k = tag.find('r');
          let key: number;
          if (k < 0) key = row * COLUMNS + ++column;
          else {
            key = referenceKey(bytes, tag.valueStart(k), tag.valueEnd(k));
            if (key !== key)
              broken(part, `địa chỉ ô "${tag.attr('r')}" không hợp lệ`, `bad cell reference ${tag.attr('r')}`);
            if (Math.floor(key / COLUMNS) !== row)
              broken(part, `ô ${keyAddress(key)} nằm trong hàng ${row}`, `cell ${keyAddress(key)} inside row ${row}`);
            column = key % COLUMNS;
          }
          if (this.cells.has(key))
            broken(part, `ô ${keyAddress(key)} xuất hiện hai lần`, `duplicate cell reference ${keyAddress(key)}`);
          const s = tag.find('s');
          const style = s < 0 ? 0 : digits(bytes, tag.valueStart(s), tag.valueEnd(s));
          const t = tag.find('t');
          cell = {
            type: t < 0 ? 'n' : rawText(bytes, tag.valueStart(t), tag.valueEnd(t), part),
            style: style === style ? style : 0,
          };
          this.cells.set(key, cell);
          if (row > this.lastRow) this.lastRow = row;
        } else if (parent === 'c' && main && cell && (tag.is('v') || tag.is('f') || tag.is('is'))) {
          role = tag.local;
          if (cell[role as 'v' | 'f' | 'is'])
            broken(part, `một ô có hai phần tử <${role}>`, `two <${role}> in one cell`);
          valueStart = tag.tagEnd + 1;
          const range = { from: valueStart, to: valueStart };
          if (role === 'v') cell.v = range;
          else if (role === 'f') cell.f = { tagAt: tag.start, scope: tag.scope, ...range };
          else cell.is = { ...range, scope: tag.scope, depth: tag.depth };
        } else if (parent === 'sheetData' && main && tag.is('row')) {
          role = 'row';
          const k = tag.find('r');
          const n = k < 0 ? row + 1 : digits(bytes, tag.valueStart(k), tag.valueEnd(k));
          if (!(n >= 1 && n <= MAX_ROWS)) broken(part, `số hàng "${tag.attr('r')}" không hợp lệ`, 'bad row number');
          row = n;
          column = 0;
          const hidden = tag.attr('hidden');
          if (hidden === '1' || hidden === 'true') this.hiddenRows.add(row);
        } else if (tag.depth === 1) {
          // A chart sheet or dialog sheet holds no cells.
          if (!main || !/^(worksheet|chartsheet|dialogsheet|macrosheet)$/.test(tag.local))
            broken(part, 'không phải trang tính', 'not a worksheet part');
          role = 'root';
        } else if (parent === 'root' && main) {
          if (tag.is('sheetData')) {
            if (sheetData) broken(part, 'có hai sheetData', 'two sheetData elements');
            sheetData = true;
            role = 'sheetData';
          } else if (tag.is('cols') || tag.is('hyperlinks')) role = tag.local;
        } else if (parent === 'cols' && main && tag.is('col')) {
          const hidden = tag.attr('hidden');
          if (hidden === '1' || hidden === 'true')
            this.hiddenColumns.push([Number(tag.attr('min')), Number(tag.attr('max'))]);
        } else if (parent === 'hyperlinks' && main && tag.is('hyperlink')) {
          const ref = (tag.attr('ref') ?? '').trim();
          const link: Link = { id: tag.attr('id', isOfficeRels), location: tag.attr('location') };
          for (const key of rangeKeys(ref)) if (!this.links.has(key)) this.links.set(key, link);
        }
        roles[tag.depth] = role;
      },
      close: (depth, at) => {
        const role = roles[depth];
        if (!cell) return;
        if (role === 'v' && cell.v && cell.v.from === valueStart) cell.v.to = at;
        else if (role === 'f' && cell.f && cell.f.from === valueStart) cell.f.to = at;
        else if (role === 'is' && cell.is && cell.is.from === valueStart) cell.is.to = at;
        else if (role === 'c') cell = null;
        if (role === 'v' || role === 'f' || role === 'is') valueStart = -1;
      },
    });
  }

  hidden(key: number): boolean {
    if (this.hiddenRows.has(Math.floor(key / COLUMNS))) return true;
    const column = key % COLUMNS;
    return this.hiddenColumns.some(([min, max]) => column >= min && column <= max);
  }
}

/** A non-negative decimal integer written in bytes[from, to); NaN for anything else. */
function digits(bytes: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 9) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i] - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** An A1 reference written in bytes[from, to) as its key, without making a string; NaN when it is not one. */
function referenceKey(bytes: Uint8Array, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to && i - from < 3 && bytes[i] >= 0x41 && bytes[i] <= 0x5a; i++) column = column * 26 + bytes[i] - 0x40;
  if (i === from || bytes[i] === 0x30) return NaN;
  const row = digits(bytes, i, to);
  return column <= COLUMNS && row >= 1 && row <= MAX_ROWS ? row * COLUMNS + column : NaN;
}

/** The start tag at lt, read again (a shared formula's si, asked for rarely). */
function startTagAt(bytes: Uint8Array, part: string, lt: number, scope: Scope | null): StartTag {
  const tag = new StartTag(bytes, part);
  parseStartTag(bytes, lt, bytes.length, tag, scope);
  return tag;
}

/** The keys of "A1" or "A1:B3" (at most 10,000 cells of a range; a hyperlink never spans more). */
function rangeKeys(ref: string): number[] {
  const [a, b = a] = ref.split(':');
  const from = addressKey(a.replace(/\$/g, ''));
  const to = addressKey(b.replace(/\$/g, ''));
  if (from !== from || to !== to) return [];
  const out: number[] = [];
  for (let r = Math.floor(from / COLUMNS); r <= Math.floor(to / COLUMNS) && out.length < 10000; r++)
    for (let c = from % COLUMNS; c <= to % COLUMNS && out.length < 10000; c++) out.push(r * COLUMNS + c);
  return out;
}

interface Cell {
  value: Scalar;
  /** Its formula text, decoded only if asked for (a batch only asks whether there is one). */
  formula?: () => string;
}

/** Excel's serial day number (1900 or 1904 date system) as an ISO date, as ExcelJS turns it. */
function serialDate(serial: number, date1904: boolean): string | number {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : serial;
}

/** Reads a package given as its parts (entry name → bytes), e.g. the parts the verifier checked. */
export function readParts(input: Map<string, Uint8Array>): LoadedWorkbook {
  const parts = new Parts(input);
  const info = readWorkbookInfo(parts);
  let shared: SharedStrings | undefined;
  let dateStyles: Set<number> | undefined;
  const sharedStrings = () =>
    (shared ??= new SharedStrings(
      (info.sharedStrings && parts.get(info.sharedStrings)) || new Uint8Array(0),
      info.sharedStrings ?? 'sharedStrings',
    ));
  const isDate = (style: number) => (dateStyles ??= readDateStyles(parts, info.styles)).has(style);
  const sheets = new Map<string, SheetIndex>();
  const parsed = new Map<SheetIndex, Map<number, Cell>>();
  const sheet = (name: string): SheetIndex => {
    let index = sheets.get(name);
    if (!index) {
      const entry = info.sheets.find((s) => s.name === name);
      const path = entry?.path;
      index = new SheetIndex((path && parts.get(path)) || new Uint8Array(0), path ?? name);
      sheets.set(name, index);
      parsed.set(index, new Map());
    }
    return index;
  };

  const parseCell = (index: SheetIndex, key: number, record: CellRecord): Cell => {
    const { bytes, part } = index;
    const address = keyAddress(key);
    const text = (r: { from: number; to: number }) => contentText(bytes, r.from, r.to, part);
    let value: Scalar = null;
    const raw = record.v ? text(record.v) : undefined;
    switch (record.type) {
      case 'inlineStr':
        value = record.is ? unescapeXstring(richText(bytes, part, record.is)) : (raw ?? null);
        break;
      case 's':
        if (raw !== undefined && raw.trim() !== '') {
          const i = Number(raw);
          const strings = sharedStrings();
          if (!(Number.isInteger(i) && i >= 0 && i < strings.count))
            broken(part, `ô ${address} trỏ tới chuỗi dùng chung ${raw} không tồn tại`, `shared string ${raw} missing`);
          value = strings.get(i);
        }
        break;
      case 'b':
        if (raw !== undefined && raw.trim() !== '') {
          const b = raw.trim();
          if (b !== '1' && b !== '0' && b !== 'true' && b !== 'false')
            broken(part, `ô ${address} có giá trị logic "${b}"`, `bad boolean ${b}`);
          value = b === '1' || b === 'true';
        }
        break;
      case 'str':
        value = raw === undefined ? null : unescapeXstring(raw);
        break;
      case 'e':
        value = raw ?? null;
        break;
      case 'd':
        value = raw === undefined || raw.trim() === '' ? null : raw.trim().slice(0, 10);
        break;
      case 'n':
        if (raw !== undefined && raw.trim() !== '') {
          const n = Number(raw);
          if (!Number.isFinite(n)) broken(part, `ô ${address} có số "${raw.slice(0, 40)}" không hợp lệ`, 'bad number');
          value = isDate(record.style) ? serialDate(n, info.date1904) : n;
        }
        break;
      default:
        broken(part, `ô ${address} có kiểu "${record.type}" không hợp lệ`, `bad cell type ${record.type}`);
    }
    if (value === '') value = null;
    const f = record.f;
    if (!f) return { value };
    // A shared formula's copies carry no text of their own; they are formulas all the same.
    const formula = () => text(f) || `(shared ${startTagAt(bytes, part, f.tagAt, f.scope).attr('si') ?? ''})`;
    return { value, formula };
  };

  const cell = (name: string, address: string): Cell | undefined => {
    const key = addressKey(address);
    if (key !== key) return undefined;
    const index = sheet(name);
    const cache = parsed.get(index)!;
    let c = cache.get(key);
    if (!c) {
      const record = index.cells.get(key);
      if (!record) return undefined;
      c = parseCell(index, key, record);
      cache.set(key, c);
    }
    return c;
  };

  const sheetRels = new Map<string, Map<string, Relationship>>();
  const hyperlink = (name: string, address: string): string | undefined => {
    const key = addressKey(address);
    const index = sheet(name);
    const link = key === key ? index.links.get(key) : undefined;
    if (!link) return undefined;
    const path = info.sheets.find((s) => s.name === name)?.path;
    let rels = path ? sheetRels.get(path) : undefined;
    if (path && !rels) sheetRels.set(path, (rels = readRelationships(parts, path)));
    const rel = link.id ? rels?.get(link.id) : undefined;
    const target = rel && REL.hyperlink.test(rel.type) ? rel : undefined;
    const location = link.location ? `#${link.location}` : '';
    return target ? `${target.target}${location}` : location || undefined;
  };

  return {
    sheetNames: info.sheets.map((s) => s.name),
    definedNames: info.definedNames,
    read: (s, a) => cell(s, a)?.value ?? null,
    formula: (s, a) => cell(s, a)?.formula?.(),
    hasFormula: (s, a) => {
      const key = addressKey(a);
      return key === key && !!sheet(s).cells.get(key)?.f;
    },
    cachedResult: (s, a) => {
      const c = cell(s, a);
      return c?.formula ? c.value : null;
    },
    hyperlink,
    hidden: (s, a) => {
      const key = addressKey(a);
      return key === key && sheet(s).hidden(key);
    },
    lastRow: (s) => sheet(s).lastRow,
    sourceParts: (s) => {
      const path = info.sheets.find((x) => x.name === s)?.path;
      const names = ['_rels/.rels', info.path, relsPartOf(info.path), path, info.sharedStrings, info.styles];
      return [...new Set(names.map((n) => (n === undefined ? undefined : parts.stored(n))))].filter(
        (n): n is string => n !== undefined,
      );
    },
  };
}

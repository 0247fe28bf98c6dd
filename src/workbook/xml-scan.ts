/**
 * A strict, fast XML scanner over a part's bytes (UTF-8), for the cell reader. It reads markup the
 * way a conforming parser does — so what it reports is what Excel and LibreOffice see — without
 * building a tree or decoding text it is not asked for:
 *
 *  - comments, CDATA sections and processing instructions are markup, never elements: a `<c …>`
 *    inside a comment or CDATA is not a cell;
 *  - elements are named by namespace and local name (xmlns declarations resolved), so a foreign
 *    element that merely shares a local name is not mistaken for a SpreadsheetML one;
 *  - attribute values may be quoted either way and may hold ">", a repeated attribute, an end
 *    tag that does not match, text after the root or a missing end tag make the part malformed;
 *  - nesting deeper than MAX_DEPTH is refused while scanning (Office never nests deeply, and a
 *    hostile depth would otherwise cost every consumer), and a DTD is refused outright.
 *
 * Text is decoded lazily (`textOf`), with the predefined entities and character references only.
 */
import { DtiError, t } from '../base';

/** As the verifier's XML parser (signature/xml.ts): deeper nesting is refused. */
export const MAX_DEPTH = 256;

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  strictMain: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  officeRels: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  strictOfficeRels: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  packageRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

/** SpreadsheetML, transitional or strict. */
export const isMain = (ns: string | null) => ns === NS.main || ns === NS.strictMain;
export const isOfficeRels = (ns: string | null) => ns === NS.officeRels || ns === NS.strictOfficeRels;

/** A workbook part that cannot be read as Excel would read it: the file is malformed. */
export class WorkbookFormatError extends DtiError {
  constructor(readonly reason: string) {
    super('malformed-package', t(reason, reason));
    this.name = 'WorkbookFormatError';
  }
}

export const broken = (part: string, vi: string, en: string): never => {
  throw new WorkbookFormatError(`Phần ${part} không đọc được: ${vi} (${en})`);
};

/** In-scope namespace declarations: a chain, extended only by elements that declare some. */
export interface Scope {
  readonly parent: Scope | null;
  readonly prefix: string; // '' for the default namespace
  readonly uri: string;
  /** The default namespace in this scope (inherited), so unprefixed names resolve without a walk. */
  readonly defaultUri: string | null;
}

const XML_SCOPE: Scope = {
  parent: null,
  prefix: 'xml',
  uri: 'http://www.w3.org/XML/1998/namespace',
  defaultUri: null,
};

export function resolve(scope: Scope | null, prefix: string): string | null {
  if (prefix === '') return scope?.defaultUri ?? null;
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri || null;
  return null;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const SPACE = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) SPACE[b] = 1;
/** Bytes that may appear in a name (ASCII name characters, and any non-ASCII byte). */
const NAME = new Uint8Array(256);
for (let b = 0; b < 256; b++)
  NAME[b] =
    b >= 0x80 ||
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x5f ||
    b === 0x2d ||
    b === 0x2e ||
    b === COLON
      ? 1
      : 0;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** bytes[start, end) as text; short ASCII runs (most names and values) without the decoder's per-call cost. */
export function rawText(bytes: Uint8Array, start: number, end: number, part = 'XML'): string {
  if (end - start <= 64) {
    let ascii = '';
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) return decodeUtf8(bytes, start, end, part);
      ascii += String.fromCharCode(bytes[i]);
    }
    return ascii;
  }
  return decodeUtf8(bytes, start, end, part);
}

function decodeUtf8(bytes: Uint8Array, start: number, end: number, part: string): string {
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return broken(part, 'không phải UTF-8 hợp lệ', 'invalid UTF-8');
  }
}

/** Names recur (a sheet has thousands of "c" and "v"): one string each, found by a hash of its bytes. */
const NAMES = new Map<number, string>();

function intern(bytes: Uint8Array, start: number, end: number, part: string): string {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + bytes[i]) | 0;
  const known = NAMES.get(h);
  if (known !== undefined && known.length === end - start) {
    let same = true;
    for (let i = 0; i < known.length && same; i++) same = known.charCodeAt(i) === bytes[start + i];
    if (same) return known;
  }
  const s = rawText(bytes, start, end, part);
  if (NAMES.size < 4096 && /^[\x00-\x7f]*$/.test(s)) NAMES.set(h, s);
  return s;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data with its references resolved; an entity XML does not predefine makes the part malformed. */
export function unescapeXml(s: string, part = 'XML'): string {
  if (!s.includes('&')) return s;
  if (!s.includes('&#')) {
    // Only the predefined entities (the layout JSON is full of &quot;): plain replacements, &amp; last.
    const r = s.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'");
    const stray = /&(?!amp;)[^;\s]{0,12};?/.exec(r);
    if (stray) broken(part, `tham chiếu "${stray[0]}" không hợp lệ`, `bad reference ${stray[0]}`);
    return r.replaceAll('&amp;', '&');
  }
  return s.replace(/&([^;&\s]{0,12});/g, (whole, e: string) => {
    if (e in ENTITIES) return ENTITIES[e];
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(e)
      ? parseInt(e.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(e)
        ? Number(e.slice(1))
        : NaN;
    if (code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    return broken(part, `tham chiếu "${whole}" không hợp lệ`, `bad reference ${whole}`);
  });
}

/** Five numbers an attribute: where its name starts, its colon (-1), where its name ends, where its value starts and ends. */
const FIELDS = 5;

/**
 * A start tag as the handler sees it. One object is reused for every tag of a scan: a handler
 * keeps the numbers it needs (start, tagEnd, scope), never the tag.
 */
export class StartTag {
  depth = 0;
  /** Where "<" is, and where the start tag's ">" is. */
  start = 0;
  tagEnd = 0;
  selfClosing = false;
  nameStart = 0;
  nameEnd = 0;
  colon = -1;
  /** The element's namespace, resolved. */
  ns: string | null = null;
  scope: Scope | null = null;
  count = 0;
  attributes = new Int32Array(8 * FIELDS);
  constructor(
    readonly bytes: Uint8Array,
    readonly part: string,
  ) {}

  get local(): string {
    return intern(this.bytes, this.colon < 0 ? this.nameStart : this.colon + 1, this.nameEnd, this.part);
  }
  get prefix(): string {
    return this.colon < 0 ? '' : intern(this.bytes, this.nameStart, this.colon, this.part);
  }
  /** Whether the local name is `name` (ASCII), without making a string. */
  is(name: string): boolean {
    const from = this.colon < 0 ? this.nameStart : this.colon + 1;
    if (this.nameEnd - from !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (this.bytes[from + i] !== name.charCodeAt(i)) return false;
    return true;
  }
  /** The index of an attribute by local name (ASCII): unqualified with ns null, else one whose prefix resolves to a namespace ns accepts. */
  find(local: string, ns: null | ((uri: string | null) => boolean) = null): number {
    const a = this.attributes;
    for (let k = 0; k < this.count; k++) {
      const at = k * FIELDS;
      const colon = a[at + 1];
      if (colon < 0 !== (ns === null)) continue;
      const from = colon < 0 ? a[at] : colon + 1;
      if (a[at + 2] - from !== local.length) continue;
      let same = true;
      for (let i = 0; i < local.length && same; i++) same = this.bytes[from + i] === local.charCodeAt(i);
      if (!same) continue;
      if (ns && !ns(resolve(this.scope, intern(this.bytes, a[at], colon, this.part)))) continue;
      return k;
    }
    return -1;
  }
  valueStart(k: number): number {
    return this.attributes[k * FIELDS + 3];
  }
  valueEnd(k: number): number {
    return this.attributes[k * FIELDS + 4];
  }
  /** An attribute's value, unescaped; undefined when absent. */
  attr(local: string, ns: null | ((uri: string | null) => boolean) = null): string | undefined {
    const k = this.find(local, ns);
    return k < 0
      ? undefined
      : unescapeXml(rawText(this.bytes, this.valueStart(k), this.valueEnd(k), this.part), this.part);
  }
}

/** The value of an attribute of tag (kept for callers that name it so). */
export const attribute = (
  _bytes: Uint8Array,
  tag: StartTag,
  local: string,
  ns: null | ((uri: string | null) => boolean) = null,
): string | undefined => tag.attr(local, ns);

export interface ScanHandler {
  /** A start (or empty-element) tag. */
  open(tag: StartTag): void;
  /** An end tag (or the end of an empty element): depth is the closed element's; at is where "</" is. */
  close?(depth: number, at: number): void;
  /** A comment, CDATA section or processing instruction inside the root (at depth = its parent's). */
  markup?(depth: number): void;
}

/**
 * Reads the start tag at bytes[lt] ("<" then a name) into tag: its name, attributes and end, with
 * the syntax checked (quoted values, no "<" in a value, no repeated attribute) and the scope its
 * xmlns attributes open. Returns where the tag's ">" is.
 */
export function parseStartTag(bytes: Uint8Array, lt: number, to: number, tag: StartTag, scope: Scope | null): number {
  const part = tag.part;
  let i = lt + 1;
  let colon = -1;
  while (i < to && NAME[bytes[i]]) {
    if (bytes[i] === COLON && colon < 0) colon = i;
    i++;
  }
  if (i === lt + 1) broken(part, `ký tự "<" lạc ở byte ${lt}`, `stray "<" at byte ${lt}`);
  tag.start = lt;
  tag.nameStart = lt + 1;
  tag.nameEnd = i;
  tag.colon = colon;
  tag.count = 0;
  tag.selfClosing = false;
  let declares = false;
  for (;;) {
    const spaced = i < to && SPACE[bytes[i]] === 1;
    while (i < to && SPACE[bytes[i]]) i++;
    if (i >= to) broken(part, 'thẻ không kết thúc', 'unterminated tag');
    const b = bytes[i];
    if (b === GT) break;
    if (b === SLASH && bytes[i + 1] === GT) {
      tag.selfClosing = true;
      i++;
      break;
    }
    if (!spaced) broken(part, `thuộc tính hỏng ở byte ${i}`, `bad attribute at byte ${i}`);
    const aStart = i;
    let aColon = -1;
    while (i < to && NAME[bytes[i]]) {
      if (bytes[i] === COLON && aColon < 0) aColon = i;
      i++;
    }
    const aEnd = i;
    while (i < to && SPACE[bytes[i]]) i++;
    if (aEnd === aStart || bytes[i] !== EQUALS)
      broken(part, `thuộc tính hỏng ở byte ${aStart}`, `bad attribute at byte ${aStart}`);
    i++;
    while (i < to && SPACE[bytes[i]]) i++;
    const quote = bytes[i];
    if (quote !== 0x22 && quote !== 0x27)
      broken(part, `giá trị thuộc tính hỏng ở byte ${i}`, `bad attribute value at byte ${i}`);
    // Values are short: a loop finds the quote and any "<" sooner than two native searches.
    let valueEnd = i + 1;
    for (let b = bytes[valueEnd]; valueEnd < to && b !== quote; b = bytes[++valueEnd])
      if (b === LT) broken(part, `"<" trong giá trị thuộc tính ở byte ${valueEnd}`, '"<" in an attribute value');
    if (valueEnd >= to) broken(part, 'giá trị thuộc tính không kết thúc', 'unterminated attribute value');
    const a = tag.attributes;
    for (let k = 0; k < tag.count; k++) {
      const at = k * FIELDS;
      if (a[at + 2] - a[at] !== aEnd - aStart) continue;
      let same = true;
      for (let j = 0; j < aEnd - aStart && same; j++) same = bytes[a[at] + j] === bytes[aStart + j];
      if (same) broken(part, `thuộc tính lặp lại ở byte ${aStart}`, 'repeated attribute');
    }
    if (tag.count * FIELDS >= a.length) {
      const grown = new Int32Array(a.length * 2);
      grown.set(a);
      tag.attributes = grown;
    }
    const at = tag.count++ * FIELDS;
    tag.attributes[at] = aStart;
    tag.attributes[at + 1] = aColon;
    tag.attributes[at + 2] = aEnd;
    tag.attributes[at + 3] = i + 1;
    tag.attributes[at + 4] = valueEnd;
    // "xmlns" or "xmlns:…"
    if (
      bytes[aStart] === 0x78 &&
      bytes[aStart + 1] === 0x6d &&
      bytes[aStart + 4] === 0x73 &&
      (aEnd - aStart === 5 || aColon === aStart + 5)
    )
      declares = true;
    i = valueEnd + 1;
  }
  tag.tagEnd = i;
  if (declares) {
    const a = tag.attributes;
    for (let k = 0; k < tag.count; k++) {
      const at = k * FIELDS;
      const isDefault = a[at + 2] - a[at] === 5 && a[at + 1] < 0;
      const isPrefix = a[at + 1] === a[at] + 5;
      if (!(isDefault || isPrefix) || rawText(bytes, a[at], a[at] + 5, part) !== 'xmlns') continue;
      const uri = unescapeXml(rawText(bytes, a[at + 3], a[at + 4], part), part);
      const prefix = isDefault ? '' : intern(bytes, a[at + 1] + 1, a[at + 2], part);
      scope = { parent: scope, prefix, uri, defaultUri: isDefault ? uri || null : (scope?.defaultUri ?? null) };
    }
  }
  tag.scope = scope;
  if (colon < 0) tag.ns = scope?.defaultUri ?? null;
  else {
    const prefix = intern(bytes, lt + 1, colon, part);
    tag.ns = resolve(scope, prefix);
    if (tag.ns === null) broken(part, `tiền tố "${prefix}" chưa khai báo`, `undeclared prefix ${prefix}`);
  }
  return i;
}

/**
 * Scans bytes[from, to) as one XML document (from = 0) or as the content of an element already
 * scanned once (from > 0, with that element's scope and depth), calling the handler for each tag.
 */
export function scanXml(
  bytes: Uint8Array,
  part: string,
  handler: ScanHandler,
  range: { from: number; to: number; scope: Scope | null; depth: number } = {
    from: 0,
    to: bytes.length,
    scope: XML_SCOPE,
    depth: 0,
  },
): void {
  const document = range.from === 0 && range.depth === 0;
  // UTF-16 parts are transcoded before they get here (read-parts.ts); anything else is not UTF-8.
  if (document && (bytes[0] === 0xfe || bytes[0] === 0xff || (bytes.length > 1 && bytes[1] === 0)))
    broken(part, 'không phải UTF-8', 'not UTF-8');
  const to = range.to;
  const tag = new StartTag(bytes, part);
  /** Open elements: each one's name (start and end, to match its end tag) and its scope. */
  const nameStarts = new Int32Array(MAX_DEPTH + 1);
  const nameEnds = new Int32Array(MAX_DEPTH + 1);
  let open = 0;
  const scopes: (Scope | null)[] = new Array(MAX_DEPTH + 2);
  scopes[0] = range.scope;
  const base = range.depth;
  let depth = base;
  let rootSeen = !document;
  let at = range.from;
  const bom = document && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  at += bom;
  while (at < to) {
    // Text between tags is mostly short or empty: a loop, then the native search for long runs.
    let lt = at;
    while (lt < to && lt - at < 32 && bytes[lt] !== LT) lt++;
    if (lt < to && bytes[lt] !== LT) {
      const found = bytes.indexOf(LT, lt);
      lt = found < 0 || found >= to ? to : found;
    }
    if (depth === base && document) checkBlank(bytes, at, lt, part);
    if (lt === to) break;
    const next = bytes[lt + 1];
    if (next === BANG) {
      if (bytes[lt + 2] === 0x2d && bytes[lt + 3] === 0x2d) at = skipPast(bytes, lt + 4, '-->', to, part, 'comment');
      else if (startsWith(bytes, lt + 2, '[CDATA[')) {
        if (depth === base && document) broken(part, 'CDATA ngoài phần tử gốc', 'CDATA outside the root');
        at = skipPast(bytes, lt + 9, ']]>', to, part, 'CDATA');
      } else return broken(part, 'có khai báo <!DOCTYPE> hoặc <!ENTITY>', 'DTD or entity declaration');
      if (depth > base) handler.markup?.(depth);
      continue;
    }
    if (next === QUESTION) {
      const end = skipPast(bytes, lt + 2, '?>', to, part, 'processing instruction');
      if (document && lt === bom) checkDeclaration(bytes, lt, end, part);
      if (depth > base) handler.markup?.(depth);
      at = end;
      continue;
    }
    if (next === SLASH) {
      let i = lt + 2;
      while (i < to && NAME[bytes[i]]) i++;
      const n = open - 1;
      if (n < 0 || !sameBytes(bytes, nameStarts[n], nameEnds[n], lt + 2, i))
        broken(part, `thẻ đóng không khớp ở byte ${lt}`, `mismatched end tag at byte ${lt}`);
      open = n;
      while (i < to && SPACE[bytes[i]]) i++;
      if (bytes[i] !== GT) broken(part, `thẻ đóng hỏng ở byte ${lt}`, `bad end tag at byte ${lt}`);
      handler.close?.(depth, lt);
      depth--;
      at = i + 1;
      continue;
    }
    // A start tag.
    if (document && depth === base) {
      if (rootSeen) broken(part, 'có hơn một phần tử gốc', 'more than one root element');
      rootSeen = true;
    }
    if (depth + 1 > MAX_DEPTH)
      broken(part, `phần tử lồng sâu hơn ${MAX_DEPTH} cấp`, `nested deeper than ${MAX_DEPTH} levels`);
    const tagEnd = parseStartTag(bytes, lt, to, tag, scopes[open]);
    depth++;
    tag.depth = depth;
    handler.open(tag);
    if (tag.selfClosing) {
      handler.close?.(depth, tagEnd);
      depth--;
    } else {
      nameStarts[open] = tag.nameStart;
      nameEnds[open] = tag.nameEnd;
      scopes[++open] = tag.scope;
    }
    at = tagEnd + 1;
  }
  if (open) broken(part, 'phần tử không được đóng (tệp bị cắt cụt?)', 'unclosed element (truncated?)');
  if (!rootSeen) broken(part, 'không có phần tử gốc', 'no root element');
}

function checkBlank(bytes: Uint8Array, from: number, to: number, part: string): void {
  for (let i = from; i < to; i++)
    if (!SPACE[bytes[i]]) broken(part, 'có văn bản ngoài phần tử gốc', 'text outside the root element');
}

/** The XML declaration may only name UTF-8 (or UTF-16, which Excel never writes for these parts). */
function checkDeclaration(bytes: Uint8Array, lt: number, end: number, part: string): void {
  const declaration = rawText(bytes, lt, end, part);
  const encoding = /\bencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding))
    broken(part, `mã hóa ${encoding} không được hỗ trợ`, `unsupported encoding ${encoding}`);
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Where the text after the next `ascii` (e.g. "-->") at or after from starts. */
function skipPast(bytes: Uint8Array, from: number, ascii: string, to: number, part: string, what: string): number {
  const first = ascii.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at >= 0 && at < to; at = bytes.indexOf(first, at + 1))
    if (startsWith(bytes, at, ascii)) return at + ascii.length;
  return broken(part, `${what} không kết thúc`, `unterminated ${what}`);
}

function sameBytes(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (bytes[a0 + i] !== bytes[b0 + i]) return false;
  return true;
}

/**
 * The character data of an element's content bytes[from, to): text and CDATA sections joined,
 * comments and processing instructions left out, and any child element's content left out too
 * (only foreign markup could put one there).
 */
export function contentText(bytes: Uint8Array, from: number, to: number, part: string): string {
  let out = '';
  let depth = 0;
  let at = from;
  while (at < to) {
    const lt = bytes.indexOf(LT, at);
    const end = lt < 0 || lt >= to ? to : lt;
    if (depth === 0 && end > at) out += unescapeXml(rawText(bytes, at, end, part), part);
    if (end === to) break;
    const next = bytes[lt + 1];
    if (next === BANG && bytes[lt + 2] === 0x2d) at = skipPast(bytes, lt + 4, '-->', to, part, 'comment');
    else if (next === BANG) {
      const close = skipPast(bytes, lt + 9, ']]>', to, part, 'CDATA');
      if (depth === 0) out += rawText(bytes, lt + 9, close - 3, part);
      at = close;
    } else if (next === QUESTION) at = skipPast(bytes, lt + 2, '?>', to, part, 'processing instruction');
    else {
      // A child element (well-formed: the part was scanned once already).
      const gt = tagEndFrom(bytes, lt, to);
      if (next === SLASH) depth--;
      else if (bytes[gt - 1] !== SLASH) depth++;
      at = gt + 1;
    }
  }
  return out;
}

/** The ">" ending the tag at lt, skipping quoted attribute values (which may hold ">"). */
function tagEndFrom(bytes: Uint8Array, lt: number, to: number): number {
  for (let i = lt + 1; i < to; i++) {
    const b = bytes[i];
    if (b === 0x22 || b === 0x27) i = bytes.indexOf(b, i + 1);
    else if (b === GT) return i;
    if (i < 0) break;
  }
  return to;
}

/** Whether bytes[from, to) holds only character data (no markup, no references): the usual <v>. */
export function isPlainText(bytes: Uint8Array, from: number, to: number): boolean {
  const lt = bytes.indexOf(LT, from);
  return lt < 0 || lt >= to;
}

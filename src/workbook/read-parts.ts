/**
 * A small, fast reader of cell values and formulas from an .xlsx package's parts — for the
 * council's batch, where a general workbook library costs more than verifying the signature.
 * It reads what the template readers need (shared strings, each cell's type, formula and stored
 * value) and nothing else (no styles, so dates come as Excel serial numbers, which every reader
 * here accepts). No DOM, and no decoding of whole parts (a sheet and its shared strings run to
 * hundreds of kilobytes, and UTF-8 decoding them cost more than everything else here): one byte
 * scan indexes each sheet's cells and the shared strings, and a cell is decoded and parsed when read.
 */
import { strFromU8 } from 'fflate';
import type { Scalar } from '../template';
import type { LoadedWorkbook } from './types';

/** XML text with its references resolved ("&quot;" → '"'). */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  // Only the predefined entities (the meta JSON is full of &quot;): plain replacements, &amp; last.
  if (!s.includes('&#'))
    return s
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** The text of a shared or inline string: its <t> runs joined, phonetic runs left out. */
function textOf(xml: string): string {
  const plain = /^<t(?:\s[^>]*)?>([^<]*)<\/t>$/.exec(xml); // the usual case: one run, no markup
  if (plain) return decode(plain[1]);
  return [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)]
    .map((m) => decode(m[1]))
    .join('');
}

const ATTRIBUTES = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`\\b${name.replace(':', '\\:')}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? decode(m[1]) : undefined;
}

interface Cell {
  value: Scalar;
  /** Its formula text, decoded only if asked for (a batch only asks whether there is one). */
  formula?: () => string;
}

const EMPTY: Cell = Object.freeze({ value: null });

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

const utf8 = new TextDecoder();

/** The text of bytes[start, end): short ASCII runs (most cells) without the decoder's per-call cost. */
function text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let ascii = '';
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) return utf8.decode(bytes.subarray(start, end));
      ascii += String.fromCharCode(bytes[i]);
    }
    return ascii;
  }
  return utf8.decode(bytes.subarray(start, end));
}

/** Where the ASCII sequence (e.g. "</c>") next starts at or after from, or -1. */
function find(bytes: Uint8Array, sequence: string, from: number): number {
  const first = sequence.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < sequence.length && bytes[at + i] === sequence.charCodeAt(i)) i++;
    if (i === sequence.length) return at;
  }
  return -1;
}

/** Shared strings, decoded only when a cell asks for one (most hold guidance text nobody reads here). */
class SharedStrings {
  /** Where each <si> element's content starts, plus the end of the last one. */
  private readonly starts: number[] = [];
  private readonly decoded = new Map<number, string>();
  constructor(private readonly bytes: Uint8Array) {
    for (let at = find(bytes, '<si>', 0); at >= 0; at = find(bytes, '<si>', at + 4)) this.starts.push(at + 4);
  }
  get(i: number): string | null {
    if (!(i >= 0 && i < this.starts.length)) return null;
    let s = this.decoded.get(i);
    if (s === undefined) {
      const end = i + 1 < this.starts.length ? this.starts[i + 1] - 4 : this.bytes.length;
      const xml = text(this.bytes, this.starts[i], end);
      this.decoded.set(i, (s = textOf(xml.slice(0, xml.lastIndexOf('</si>')))));
    }
    return s;
  }
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** A cell address as one number: row × 2^14 + column (Excel has at most 16,384 columns). */
const COLUMNS = 16384;

/** "AB12" → its key; NaN when it is not an A1 address. */
function addressKey(address: string): number {
  let column = 0;
  let i = 0;
  for (; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    column = column * 26 + c - 0x40;
  }
  const row = Number(address.slice(i));
  return i > 0 && i < address.length && Number.isInteger(row) && row > 0 ? row * COLUMNS + column : NaN;
}

/** The key of the r="…" attribute of the tag in bytes[start, end), read without making a string; NaN when absent. */
function referenceKey(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i + 3 < end; i++) {
    if (bytes[i] === 0x72 && bytes[i + 1] === 0x3d && bytes[i + 2] === 0x22 && isSpace(bytes[i - 1])) {
      let column = 0;
      let row = 0;
      let at = i + 3;
      for (; bytes[at] >= 0x41 && bytes[at] <= 0x5a; at++) column = column * 26 + bytes[at] - 0x40;
      const digits = at;
      for (; bytes[at] >= 0x30 && bytes[at] <= 0x39; at++) row = row * 10 + bytes[at] - 0x30;
      return bytes[at] === 0x22 && column > 0 && at > digits && row > 0 ? row * COLUMNS + column : NaN;
    }
  }
  return NaN;
}

/** Cells of one sheet: indexed by address in one byte scan, each decoded and parsed only when asked for. */
class SheetCells {
  /** Address key → where the cell's element starts. */
  private readonly starts = new Map<number, number>();
  private readonly parsed = new Map<number, Cell>();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly shared: SharedStrings,
  ) {
    // The native search matters while the batch is young and this loop still runs unoptimized.
    for (let at = bytes.indexOf(LT); at >= 0; at = bytes.indexOf(LT, at + 1)) {
      // "<c " or "<c>" or "<c/>", not "<col" or "<cfRule".
      if (bytes[at + 1] !== 0x63) continue;
      const next = bytes[at + 2];
      if (!isSpace(next) && next !== GT && next !== SLASH) continue;
      const tagEnd = bytes.indexOf(GT, at);
      if (tagEnd < 0) break;
      const key = referenceKey(bytes, at + 2, tagEnd);
      if (key === key) this.starts.set(key, at);
      at = tagEnd;
    }
  }

  get(address: string): Cell | undefined {
    const key = addressKey(address);
    let cell = this.parsed.get(key);
    if (!cell) {
      const at = this.starts.get(key);
      if (at === undefined) return undefined;
      this.parsed.set(key, (cell = this.parse(at)));
    }
    return cell;
  }

  private parse(at: number): Cell {
    const { bytes } = this;
    const tagEnd = bytes.indexOf(GT, at);
    // Most cells asked for are empty styled ones: "<c r="F12" s="3"/>".
    if (bytes[tagEnd - 1] === SLASH) return EMPTY;
    const close = find(bytes, '</c>', tagEnd);
    if (close < 0) return EMPTY;
    const type = attributeIn(bytes, at + 2, tagEnd, 't') ?? 'n';
    let value: Scalar = null;
    if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(text(bytes, tagEnd + 1, close))?.[1] ?? '');
    else {
      const v = childElement(bytes, 'v', tagEnd + 1, close);
      const raw = v && !v.selfClosing ? text(bytes, v.start, v.end) : undefined;
      if (raw !== undefined)
        value =
          type === 's'
            ? this.shared.get(Number(raw))
            : type === 'b'
              ? raw === '1'
              : type === 'str' || type === 'e'
                ? decode(raw)
                : raw === ''
                  ? null
                  : Number(raw);
    }
    if (value === '') value = null;
    const f = childElement(bytes, 'f', tagEnd + 1, close);
    if (!f) return { value };
    // A shared formula's copies carry no text of their own; they are formulas all the same.
    const formula = () =>
      decode(text(bytes, f.start, f.end)) || `(shared ${attributeIn(bytes, f.tag, f.start, 'si') ?? ''})`;
    return { value, formula };
  }
}

/** The value of attribute name="…" in the tag bytes[start, end), decoded; undefined when absent. */
function attributeIn(bytes: Uint8Array, start: number, end: number, name: string): string | undefined {
  const first = name.charCodeAt(0);
  for (let i = start + 1; i + name.length + 1 < end; i++) {
    if (bytes[i] !== first || !isSpace(bytes[i - 1])) continue;
    let k = 1;
    while (k < name.length && bytes[i + k] === name.charCodeAt(k)) k++;
    if (k < name.length || bytes[i + k] !== 0x3d || bytes[i + k + 1] !== 0x22) continue;
    const valueEnd = bytes.indexOf(0x22, i + k + 2);
    return valueEnd > 0 && valueEnd < end ? decode(text(bytes, i + k + 2, valueEnd)) : undefined;
  }
  return undefined;
}

/** The first <name …>content</name> (or <name …/>) in bytes[from, to): where its tag and content lie. */
function childElement(
  bytes: Uint8Array,
  name: string,
  from: number,
  to: number,
): { tag: number; start: number; end: number; selfClosing: boolean } | null {
  const open = `<${name}`;
  for (let at = find(bytes, open, from); at >= 0 && at < to; at = find(bytes, open, at + 1)) {
    const after = bytes[at + open.length];
    if (!isSpace(after) && after !== GT && after !== SLASH) continue;
    const tagEnd = bytes.indexOf(GT, at);
    if (tagEnd < 0 || tagEnd >= to) return null;
    if (bytes[tagEnd - 1] === SLASH) return { tag: at, start: tagEnd, end: tagEnd, selfClosing: true };
    const end = find(bytes, `</${name}>`, tagEnd);
    return end >= 0 && end <= to ? { tag: at, start: tagEnd + 1, end, selfClosing: false } : null;
  }
  return null;
}

/** Sheet name → part path, through workbook.xml and its relationships. */
function sheetPaths(parts: Map<string, Uint8Array>): Map<string, string> {
  const text = (p: string) => (parts.has(p) ? strFromU8(parts.get(p)!) : '');
  const rels = new Map(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attr(m[0], 'Id') ?? '',
      attr(m[0], 'Target') ?? '',
    ]),
  );
  const out = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const target = rels.get(attr(m[0], 'r:id') ?? '');
    if (name && target) out.set(name, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

/** Reads a package given as its parts (entry name → bytes), e.g. the parts the verifier checked. */
export function readParts(parts: Map<string, Uint8Array>): LoadedWorkbook {
  const shared = new SharedStrings(parts.get('xl/sharedStrings.xml') ?? new Uint8Array(0));
  const paths = sheetPaths(parts);
  const sheets = new Map<string, SheetCells>();
  const sheet = (name: string) => {
    let cells = sheets.get(name);
    if (!cells) {
      const path = paths.get(name);
      sheets.set(name, (cells = new SheetCells((path && parts.get(path)) || new Uint8Array(0), shared)));
    }
    return cells;
  };
  return {
    sheetNames: [...paths.keys()],
    read: (s, a) => sheet(s).get(a)?.value ?? null,
    formula: (s, a) => sheet(s).get(a)?.formula?.(),
    hasFormula: (s, a) => !!sheet(s).get(a)?.formula,
    cachedResult: (s, a) => {
      const c = sheet(s).get(a);
      return c?.formula ? c.value : null;
    },
  };
}

/**
 * A small, fast reader of cell values and formulas from an .xlsx package's parts — for the
 * council's batch, where a general workbook library costs more than verifying the signature.
 * It reads what the template readers need (shared strings, each cell's type, formula and stored
 * value) and nothing else (no styles, so dates come as Excel serial numbers, which every reader
 * here accepts). No DOM: a single pass of regular expressions over each sheet.
 */
import { strFromU8 } from 'fflate';
import type { Scalar } from '../template/spec';
import type { LoadedWorkbook } from './read';

const decode = (s: string) =>
  !s.includes('&')
    ? s
    : s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** The text of a shared or inline string: its <t> runs joined, phonetic runs left out. */
const textOf = (xml: string) => [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1])).join('');

const ATTRIBUTES = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`\\b${name.replace(':', '\\:')}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? decode(m[1]) : undefined;
}

interface Cell {
  value: Scalar;
  formula?: string;
}

/** Shared strings, decoded only when a cell asks for one (most hold guidance text nobody reads here). */
class SharedStrings {
  private readonly raw: string[];
  private readonly decoded = new Map<number, string>();
  constructor(xml: string) {
    this.raw = xml ? xml.split('<si>').slice(1) : [];
  }
  get(i: number): string | null {
    if (!(i >= 0 && i < this.raw.length)) return null;
    let s = this.decoded.get(i);
    if (s === undefined) this.decoded.set(i, (s = textOf(this.raw[i].slice(0, this.raw[i].lastIndexOf('</si>')))));
    return s;
  }
}

function readSheet(xml: string, shared: SharedStrings): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const tag = m[1];
    const body = m[2] ?? '';
    const address = attr(tag, 'r');
    if (!address) continue;
    const type = attr(tag, 't') ?? 'n';
    const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    let value: Scalar = null;
    if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
    else if (v !== undefined)
      value = type === 's' ? shared.get(Number(v)) : type === 'b' ? v === '1' : type === 'str' || type === 'e' ? decode(v) : v === '' ? null : Number(v);
    if (value === '') value = null;
    // A shared formula's copies carry no text of their own; they are formulas all the same.
    cells.set(address, f ? { value, formula: decode(f[1] ?? '') || `(shared ${attr(f[0], 'si') ?? ''})` } : { value });
  }
  return cells;
}

/** Sheet name → part path, through workbook.xml and its relationships. */
function sheetPaths(parts: Map<string, Uint8Array>): Map<string, string> {
  const text = (p: string) => (parts.has(p) ? strFromU8(parts.get(p)!) : '');
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id') ?? '', attr(m[0], 'Target') ?? '']));
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
  const shared = new SharedStrings(parts.has('xl/sharedStrings.xml') ? strFromU8(parts.get('xl/sharedStrings.xml')!) : '');
  const paths = sheetPaths(parts);
  const sheets = new Map<string, Map<string, Cell>>();
  const sheet = (name: string) => {
    if (!sheets.has(name)) {
      const path = paths.get(name);
      sheets.set(name, path && parts.has(path) ? readSheet(strFromU8(parts.get(path)!), shared) : new Map());
    }
    return sheets.get(name)!;
  };
  return {
    sheetNames: [...paths.keys()],
    read: (s, a) => sheet(s).get(a)?.value ?? null,
    formula: (s, a) => sheet(s).get(a)?.formula || undefined,
    cachedResult: (s, a) => {
      const c = sheet(s).get(a);
      return c?.formula ? c.value : null;
    },
  };
}

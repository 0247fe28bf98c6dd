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
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** The text of a shared or inline string: its <t> runs joined, phonetic runs left out. */
const textOf = (xml: string) => [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1])).join('');

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : undefined;
}

interface Cell {
  value: Scalar;
  formula?: string;
}

function readSheet(xml: string, shared: string[]): Map<string, Cell> {
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
      value = type === 's' ? (shared[Number(v)] ?? null) : type === 'b' ? v === '1' : type === 'str' || type === 'e' ? decode(v) : v === '' ? null : Number(v);
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
  const shared = parts.has('xl/sharedStrings.xml') ? [...strFromU8(parts.get('xl/sharedStrings.xml')!).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1])) : [];
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

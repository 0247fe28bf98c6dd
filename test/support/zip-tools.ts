/**
 * Test helpers for building and altering zip packages byte by byte, including the broken and
 * hostile ones (lying sizes, bad CRCs, duplicate or traversing names) that normal zip writers refuse.
 */
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { crc32 } from 'zlib';

export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** Override the sizes/CRC written in the headers (to lie about them). */
  declaredSize?: number;
  crc?: number;
  flags?: number;
  /** Replace the compressed bytes (e.g. truncated). */
  compressed?: Uint8Array;
}

/** Writes a zip from raw entries: local headers, data, central directory, end record. */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? deflateSync(e.data) : e.data);
    const name = strToU8(e.name);
    const crc = e.crc ?? crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const flags = (e.flags ?? 0) | 0x800;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, compressed);
    centrals.push(central);
    offset += local.length + compressed.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The entries of a package, in order, as raw entries (for rebuilding with changes). */
export function entriesOf(zip: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data }));
}

/** Rewrites one text entry of a package (keeps everything else byte-identical in content). */
export function rewriteEntry(zip: Uint8Array, name: string, edit: (text: string) => string): Uint8Array {
  const files = unzipSync(zip);
  if (!files[name]) throw new Error(`no entry ${name}`);
  const before = strFromU8(files[name]);
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${name} changed nothing`);
  files[name] = strToU8(after);
  return zipSync(files);
}

export function removeEntry(zip: Uint8Array, name: string): Uint8Array {
  const files = unzipSync(zip);
  if (!files[name]) throw new Error(`no entry ${name}`);
  delete files[name];
  return zipSync(files);
}

export function addEntry(zip: Uint8Array, name: string, data: Uint8Array | string): Uint8Array {
  const files = unzipSync(zip);
  files[name] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data);
  return zipSync(files);
}

export const text = (zip: Uint8Array, name: string) => strFromU8(unzipSync(zip)[name]);

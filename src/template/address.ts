/** A1-style addresses: column letters and indexes, and the cells of a range. */
import { DtiError, t } from '../base';

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "$F$12" or "F12" → 0-based column and row. */
export function parseAddress(address: string): { col: number; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.trim());
  if (!m)
    throw new DtiError('invalid-address', t(`"${address}" không phải địa chỉ ô`, `"${address}" is not a cell address`));
  return { col: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, row: Number(m[2]) - 1 };
}

/** "F12" or "F12:G14" → every cell address in it, row by row. */
export function cellsOf(range: string): string[] {
  const [a, b = a] = range.split(':');
  const from = parseAddress(a);
  const to = parseAddress(b);
  const out: string[] = [];
  for (let r = from.row; r <= to.row; r++)
    for (let c = from.col; c <= to.col; c++) out.push(`${columnLetter(c)}${r + 1}`);
  return out;
}

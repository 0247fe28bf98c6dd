/** Cell and range addresses as the writer uses them: 1-based rows and columns, rectangles. */
import { DtiError, t } from '../base';

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnName(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseCell(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m)
    throw new DtiError(
      'internal',
      t(`Mẫu biểu không hợp lệ: địa chỉ ô "${address}"`, `invalid template spec: cell address "${address}"`),
    );
  return { col: columnIndex(m[1]), row: Number(m[2]) };
}

export function parseRange(address: string): Rect {
  const [a, b = a] = address.split(':');
  const p = parseCell(a);
  const q = parseCell(b);
  return {
    top: Math.min(p.row, q.row),
    bottom: Math.max(p.row, q.row),
    left: Math.min(p.col, q.col),
    right: Math.max(p.col, q.col),
  };
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = `${columnName(left)}${top}`;
  const b = `${columnName(right)}${bottom}`;
  return a === b ? a : `${a}:${b}`;
}

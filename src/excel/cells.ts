/**
 * Cell contents in blocks, each one 2-D write of values, formulas and number formats.
 *
 * A text value Excel would read as something else (a number, date, percentage, formula,
 * TRUE/FALSE, …) is written with a leading apostrophe so it stays text, like the .xlsx writer's
 * strings (Excel shows the text without the apostrophe). Dates and numbers must therefore be
 * numbers in the spec, with a number format.
 */
import type { CellSpec } from '../template';
import { parseCell, rangeAddress } from './addresses';
import type { RangeLike, WorksheetLike } from './office-like';

/**
 * Contents in blocks: consecutive rows holding cells form one block spanning their columns; the
 * block's values, formulas and number formats are each one 2-D write over the columns that hold
 * that kind, with `null` (= leave the cell alone) where a cell has nothing of it.
 */
export function writeContents(sheet: WorksheetLike, cells: CellSpec[]): void {
  for (const block of blocks(cells)) {
    // A council's sheet has formulas and number formats in one column of eleven: the nulls of the
    // other ten were a third of its request.
    const write = <T>(pick: (c: CellSpec) => T | null, set: (range: RangeLike, grid: (T | null)[][]) => void) => {
      let left = Infinity;
      let right = -Infinity;
      const picked = block.rows.map((row) =>
        row.map((c, k) => {
          const v = c ? pick(c) : null;
          if (v !== null) {
            if (k < left) left = k;
            if (k > right) right = k;
          }
          return v;
        }),
      );
      if (left > right) return;
      const range = sheet.getRange(rangeAddress(block.top, block.left + left, block.bottom, block.left + right));
      set(
        range,
        picked.map((row) => row.slice(left, right + 1)),
      );
    };
    // Number formats first, so text written into a "@" cell stays text.
    write(
      (c) => c.numFmt ?? null,
      (range, grid) => (range.numberFormat = grid),
    );
    write(
      (c) =>
        c.formula === undefined && c.value !== undefined && c.value !== null ? cellValue(c.value, c.numFmt) : null,
      (range, grid) => (range.values = grid),
    );
    write(
      (c) => c.formula ?? null,
      (range, grid) => (range.formulas = grid),
    );
  }
}

/** A value as Office.js should receive it so Excel stores what the spec says. */
export function cellValue(value: string | number | boolean, numFmt?: string): string | number | boolean {
  if (typeof value !== 'string' || numFmt === '@' || !looksConvertible(value)) return value;
  return `'${value}`;
}

/** Text Excel would turn into a number, date, boolean, error or formula when typed. */
function looksConvertible(text: string): boolean {
  const s = text.trim();
  if (s === '') return false;
  if (/^[0-9=+\-@.,'(#$€₫%]/.test(s)) return true;
  if (/^(true|false)$/i.test(s)) return true;
  return /^[a-z]{3,9}[\s\-/.]+\d/i.test(s); // "Jan 5", "Sept-2025"
}

interface Block {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: (CellSpec | undefined)[][];
}

function blocks(cells: CellSpec[]): Block[] {
  const byRow = new Map<number, Map<number, CellSpec>>();
  for (const c of cells) {
    const { row, col } = parseCell(c.address);
    if (!byRow.has(row)) byRow.set(row, new Map());
    byRow.get(row)!.set(col, c);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const out: Block[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
    const span = rows.slice(start, i);
    // A loop, not Math.min(...cols): a council's sheet is one block of ~900,000 cells, past the stack.
    let left = Infinity;
    let right = -Infinity;
    for (const r of span)
      for (const c of byRow.get(r)!.keys()) {
        if (c < left) left = c;
        if (c > right) right = c;
      }
    out.push({
      top: span[0],
      bottom: span[span.length - 1],
      left,
      right,
      rows: span.map((r) => Array.from({ length: right - left + 1 }, (_, k) => byRow.get(r)!.get(left + k))),
    });
    start = i;
  }
  return out;
}

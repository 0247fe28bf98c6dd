/**
 * Reading a few sheets' cells and writing values into ranges, each in one sync: what the pane
 * needs to read the council's appraised cells back (edits made in Excel) and to write its own
 * edits into them. A small sheet is loaded whole (its used range); a large one only in the columns
 * asked for, so that a council of hundreds of units (~80 rows each, long titles and entries) stays
 * far below Excel on the web's 5 MB a request.
 */
import { parseAddress, type Scalar } from '../template';
import type { ExcelWriterContext, UsedRangeLike } from './office-like';

export interface LoadedSheets {
  /** Every sheet of the workbook. */
  sheetNames: string[];
  read(sheet: string, address: string): Scalar;
  /** The last row holding a cell (0 for an empty or missing sheet). */
  lastRow(sheet: string): number;
}

const plain = (v: unknown): Scalar => (v === '' || v === undefined ? null : (v as Scalar));

/** The workbook's sheet names and the used ranges of the sheets named (absent ones read as empty), in one sync. */
export async function loadSheets(context: ExcelWriterContext, sheets: string[]): Promise<LoadedSheets> {
  const all = context.workbook.worksheets;
  all.load('items/name');
  const ranges = new Map<string, UsedRangeLike>();
  for (const name of sheets) {
    const range = all.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    ranges.set(name, range);
  }
  await context.sync();
  const used = (name: string) => {
    const range = ranges.get(name);
    return range && !range.isNullObject ? range : undefined;
  };
  return {
    sheetNames: all.items.map((s) => s.name),
    read(sheet, address) {
      const range = used(sheet);
      if (!range) return null;
      const { col, row } = parseAddress(address);
      return plain(range.values[row - range.rowIndex]?.[col - range.columnIndex]);
    },
    lastRow(sheet) {
      const range = used(sheet);
      return range ? range.rowIndex + range.values.length : 0;
    },
  };
}

/** Some columns of a sheet that is there, rows `first`…`last` (1-based), in one sync; read by address. */
export async function loadColumns(
  context: ExcelWriterContext,
  sheet: string,
  columns: string[],
  first: number,
  last: number,
): Promise<(address: string) => Scalar> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  const byColumn = new Map(
    columns.map((c) => {
      const range = ws.getRange(`${c}${first}:${c}${Math.max(first, last)}`);
      range.load('values');
      return [parseAddress(`${c}1`).col, range] as const;
    }),
  );
  await context.sync();
  return (address) => {
    const { col, row } = parseAddress(address);
    return plain(byColumn.get(col)?.values[row + 1 - first]?.[0]);
  };
}

/** Values written into ranges of one sheet, in one sync (a protected sheet takes them in its unlocked cells). */
export async function writeRanges(
  context: ExcelWriterContext,
  sheet: string,
  ranges: { address: string; values: Scalar[][] }[],
): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  for (const r of ranges) ws.getRange(r.address).values = r.values.map((row) => row.map((v) => v ?? ''));
  await context.sync();
}

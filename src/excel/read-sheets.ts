/**
 * Named sheets of the open workbook read as values, in one sync (their used ranges loaded
 * together): for the pane to read back what was written and then edited in Excel — the council's
 * appraised cells before the published ranking is built from them.
 */
import { parseAddress, type Scalar } from '../template';
import type { ExcelReaderContext, UsedRangeLike } from './open-template';

/** What a reader of cell values needs (the council's appraisal reader takes this much of a workbook). */
export interface SheetValues {
  /** The sheets asked for that are there and hold something. */
  sheetNames: string[];
  read: (sheet: string, address: string) => Scalar;
  /** The last row holding a value (0 for an empty or missing sheet). */
  lastRow: (sheet: string) => number;
}

const plain = (v: unknown): Scalar => (v === '' || v === undefined ? null : (v as Scalar));

export async function readOpenSheets(context: ExcelReaderContext, names: string[]): Promise<SheetValues> {
  const ranges = new Map<string, UsedRangeLike>();
  for (const name of names) {
    const range = context.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    ranges.set(name, range);
  }
  await context.sync();
  const present = (sheet: string) => {
    const range = ranges.get(sheet);
    return range && !range.isNullObject ? range : undefined;
  };
  return {
    sheetNames: names.filter((n) => present(n)),
    read: (sheet, address) => {
      const range = present(sheet);
      if (!range) return null;
      const { col, row } = parseAddress(address);
      return plain(range.values[row - range.rowIndex]?.[col - range.columnIndex]);
    },
    lastRow: (sheet) => {
      const range = present(sheet);
      return range ? range.rowIndex + range.values.length : 0;
    },
  };
}

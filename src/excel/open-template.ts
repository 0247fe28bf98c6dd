/**
 * Reading the template in the open workbook, in one sync: the very hidden `_dti` sheet (identity
 * and layout) and the main sheet's used range, loaded together, then read with the same readers as
 * an .xlsx file.
 */
import {
  type CellReader,
  type FilledTemplate,
  MAIN_SHEET,
  META_SHEET,
  parseAddress,
  readEntries,
  readTemplateInfo,
  type Scalar,
} from '../template';

/** The part of Office.js the reader touches; `Excel.RequestContext` fits it (checked below). */
export interface UsedRangeLike {
  isNullObject: boolean;
  values: unknown[][];
  rowIndex: number;
  columnIndex: number;
  load(propertyNames: string): unknown;
}
export interface ExcelReaderContext {
  workbook: {
    worksheets: { getItemOrNullObject(key: string): { getUsedRangeOrNullObject(valuesOnly?: boolean): UsedRangeLike } };
  };
  sync(): Promise<unknown>;
}
type Assert<T extends true> = T;
export type RealReaderContextFits = Assert<Excel.RequestContext extends ExcelReaderContext ? true : false>;

const plain = (v: unknown): Scalar => (v === '' || v === undefined ? null : (v as Scalar));

/** The filled template in the open workbook, or undefined when the workbook holds none. */
export async function readOpenTemplate(context: ExcelReaderContext): Promise<FilledTemplate | undefined> {
  const ranges = new Map<string, UsedRangeLike>();
  for (const name of [META_SHEET, MAIN_SHEET]) {
    const range = context.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    ranges.set(name, range);
  }
  await context.sync();
  const read: CellReader = (sheet, address) => {
    const range = ranges.get(sheet);
    if (!range || range.isNullObject) return null;
    const { col, row } = parseAddress(address);
    return plain(range.values[row - range.rowIndex]?.[col - range.columnIndex]);
  };
  const info = readTemplateInfo(read);
  if (!info) return undefined;
  // Templates keep their main sheet's name; a layout naming another sheet is read from what was loaded.
  return readEntries(info.layout.sheet === MAIN_SHEET ? read : () => null, info);
}

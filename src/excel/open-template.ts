/**
 * Reading the template in the open workbook: the very hidden `_dti` sheet (identity and layout)
 * and the main sheet's used range, loaded together, then read with the same readers as an .xlsx
 * file. The loads can ride in a batch that does other work (`queueTemplateRead`), and the sheets
 * can be read under other names (a template being built under temporary names).
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
import type { UsedRangeLike } from './office-like';

export type { UsedRangeLike };

/** The part of Office.js the reader touches; `Excel.RequestContext` fits it (checked below). */
export interface ExcelReaderContext {
  workbook: {
    worksheets: { getItemOrNullObject(key: string): { getUsedRangeOrNullObject(valuesOnly?: boolean): UsedRangeLike } };
  };
  sync(): Promise<unknown>;
}
type Assert<T extends true> = T;
export type RealReaderContextFits = Assert<Excel.RequestContext extends ExcelReaderContext ? true : false>;

const plain = (v: unknown): Scalar => (v === '' || v === undefined ? null : (v as Scalar));

/** Where the template's two sheets are read from (their own names unless it is being built under others). */
export interface TemplateSheets {
  meta: string;
  main: string;
}

/**
 * Queues the loads; the returned function, called after the sync, gives the filled template (or
 * undefined when the workbook holds none).
 */
export function queueTemplateRead(
  context: ExcelReaderContext,
  sheets: TemplateSheets = { meta: META_SHEET, main: MAIN_SHEET },
): () => FilledTemplate | undefined {
  const ranges = new Map<string, UsedRangeLike>();
  for (const [canonical, actual] of [
    [META_SHEET, sheets.meta],
    [MAIN_SHEET, sheets.main],
  ]) {
    const range = context.workbook.worksheets.getItemOrNullObject(actual).getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    ranges.set(canonical, range);
  }
  return () => {
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
  };
}

/** The filled template in the open workbook, or undefined when the workbook holds none (one sync). */
export async function readOpenTemplate(context: ExcelReaderContext): Promise<FilledTemplate | undefined> {
  const result = queueTemplateRead(context);
  await context.sync();
  return result();
}

/** What an officer could have changed in a template: two reads are the same when this is. */
export function entriesKey(filled: FilledTemplate | undefined): string {
  if (!filled) return 'none';
  return JSON.stringify([
    filled.unitName,
    filled.year ?? null,
    filled.entries,
    filled.seal ?? null,
    filled.registered ?? null,
  ]);
}

/** A workbook as the template readers and the council need it: cells, formulas and stored results. */
import type { CellReader, DefinedName, Scalar } from '../template';

export interface LoadedWorkbook {
  /** What a cell shows as a plain value (dates as ISO dates, rich text joined), null when empty. */
  read: CellReader;
  /** The formula of a cell (without "="), if it has one. */
  formula: (sheet: string, address: string) => string | undefined;
  /** Whether a cell holds a formula (cheaper than its text, which a batch does not need). */
  hasFormula: (sheet: string, address: string) => boolean;
  /** A formula cell's cached result. */
  cachedResult: (sheet: string, address: string) => Scalar;
  sheetNames: string[];
  /** The workbook's defined names (DTI_RUBRIC → 'Tự đánh giá'!$B$3, …), as written. */
  definedNames: DefinedName[];
  /** A cell's hyperlink target (a URL, or "#Sheet!A1" inside the workbook), if it has one. */
  hyperlink: (sheet: string, address: string) => string | undefined;
  /** Whether the cell's row or column is hidden. */
  hidden: (sheet: string, address: string) => boolean;
  /** The last row holding a cell (0 for an empty or missing sheet). */
  lastRow: (sheet: string) => number;
  /**
   * The package parts a sheet's cells are read from (the relationships that lead to it, the
   * workbook, the sheet, shared strings, styles): what a signature must cover for its cells to be
   * the signed ones. Only the package reader knows them.
   */
  sourceParts?: (sheet: string) => string[];
}

/** A workbook as the template readers and the council need it: cells, formulas and stored results. */
import type { CellReader, Scalar } from '../template';

export interface LoadedWorkbook {
  read: CellReader;
  /** The formula of a cell (without "="), if it has one. */
  formula: (sheet: string, address: string) => string | undefined;
  /** Whether a cell holds a formula (cheaper than its text, which a batch does not need). */
  hasFormula: (sheet: string, address: string) => boolean;
  /** A formula cell's cached result. */
  cachedResult: (sheet: string, address: string) => Scalar;
  sheetNames: string[];
}

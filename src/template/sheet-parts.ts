/**
 * A sheet being built: its cells, merges, validations, conditional formats and row heights,
 * collected part by part by the builders (header, criteria rows, totals, summary).
 */
import type { CellSpec, ConditionalFormatSpec, ValidationSpec } from './spec';

export class SheetParts {
  readonly cells: CellSpec[] = [];
  readonly merges: string[] = [];
  readonly validations: ValidationSpec[] = [];
  readonly conditionalFormats: ConditionalFormatSpec[] = [];
  readonly rowHeights: { row: number; height: number }[] = [];

  put(cell: CellSpec): void {
    this.cells.push(cell);
  }
}

/**
 * Row height (points) that shows a row's wrapped text whole. Measured on LibreOffice's rendering of
 * Times New Roman (Liberation Serif, its metric twin): about 1.7 characters of 10 pt text per unit of
 * column width, lines 1.25 × size (1.2 left the last line of long guidance cut).
 */
export function rowHeight(texts: { text: string; width: number; fontSize: number }[]): number {
  const height = Math.max(
    0,
    ...texts.map(({ text, width, fontSize }) => {
      const perLine = (width * 1.7 * 10) / fontSize;
      const lines = text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
      return lines * fontSize * 1.25;
    }),
  );
  return Math.min(409, Math.max(15, Math.ceil(height + 4)));
}

/** The value of `f`, or `fallback` where it throws (a formula cell whose function would show an error). */
export function orElse<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

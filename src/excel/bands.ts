/**
 * A spec too large for one Office.js request, cut into bands of rows. Excel on the web refuses a
 * request or a reply over 5 MB (RequestPayloadSizeLimitExceeded; resource limits, Microsoft Learn):
 * a council's workbook for 1,000 units is ~870,000 cells, ~20 MB of contents alone. A sheet's
 * contents, cell formats and validations belong to rows, so each band carries them for its rows and
 * reads its values back in the same batch (the reply is about the size of the request). What is not
 * of rows (merges, sizes, charts, protection) stays in the one finishing batch.
 *
 * The sizes are estimates of the JSON Office.js sends, a little above it; a spec whose estimate
 * fits one request is not banded, so every smaller workbook is written exactly as before.
 */
import type { CellSpec, SheetSpec, SheetsSpec, ValidationSpec } from '../template';
import { parseCell, parseRange, rangeAddress, type Rect } from './addresses';
import { writeContents } from './cells';
import { writeFormats } from './formats';
import type { RangeLike } from './office-like';
import { writeRowHeights } from './sheet-features';
import { MAX_AREAS_ADDRESS, sameEverywhere, writeValidationsGrouped } from './validations';
import type { Building } from './writer';

/**
 * Under Excel on the web's 5 MB (5,242,880 bytes), with room for the operations' wrapping: on the
 * council's workbook the fake counts bands at most 4 % above this estimate.
 */
export const REQUEST_BUDGET = 4.5 * 1024 * 1024;

/** One sheet's rows in a band. */
export interface BandPiece {
  building: Building;
  cells: CellSpec[];
  validations: ValidationSpec[];
  rowHeights: RowHeight[];
}

type RowHeight = NonNullable<SheetSpec['rowHeights']>[number];

/** Each cell formatted costs a few bytes once formats are merged into rectangles (measured ~4 on the council's sheet). */
const FORMAT_COST = 6;
/** A row height's operation, before consecutive rows of one height are merged. */
const ROW_HEIGHT_COST = 64;
/** A validation's operations besides its JSON: property names, showPrompt, style. */
const VALIDATION_WRAPPING = 120;

const json = (v: unknown) => JSON.stringify(v).length;

function cellCost(c: CellSpec): number {
  // A formula also leaves a null in the block's values.
  const content =
    c.formula !== undefined ? json(c.formula) + 5 : c.value !== undefined && c.value !== null ? json(c.value) : 4;
  return content + 2 + (c.numFmt ? json(c.numFmt) + 1 : 0) + (c.style || c.locked !== undefined ? FORMAT_COST : 0);
}

/** With areas, a rule's operations are shared by the ~40 cells one multi-area address holds. */
function validationCost(v: ValidationSpec, areas: boolean): number {
  const rule = json({ ...v, range: '' }) + VALIDATION_WRAPPING;
  return areas && sameEverywhere(v) ? v.range.length + 1 + (rule * (v.range.length + 1)) / MAX_AREAS_ADDRESS : rule;
}

/** The bands, each within the budget; null when the whole spec fits one request. */
export function contentBands(sheets: Building[], areas: boolean, budget = REQUEST_BUDGET): BandPiece[][] | null {
  const rows = sheets.map((b) => {
    const byRow = new Map<
      number,
      { cells: CellSpec[]; validations: ValidationSpec[]; rowHeights: RowHeight[]; cost: number }
    >();
    const at = (row: number) => {
      let r = byRow.get(row);
      if (!r) byRow.set(row, (r = { cells: [], validations: [], rowHeights: [], cost: 0 }));
      return r;
    };
    for (const c of b.spec.cells) {
      const r = at(parseCell(c.address).row);
      r.cells.push(c);
      r.cost += cellCost(c);
    }
    for (const v of b.spec.validations) {
      const r = at(parseRange(v.range).top);
      r.validations.push(v);
      r.cost += validationCost(v, areas);
    }
    for (const h of b.spec.rowHeights ?? []) {
      const r = at(h.row);
      r.rowHeights.push(h);
      r.cost += ROW_HEIGHT_COST;
    }
    return { b, rows: [...byRow].sort((x, y) => x[0] - y[0]).map(([, r]) => r) };
  });
  const total = rows.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cost, 0), 0);
  if (total <= budget) return null;

  const bands: BandPiece[][] = [];
  let band: BandPiece[] = [];
  let size = 0;
  for (const { b, rows: list } of rows) {
    let piece: BandPiece | undefined;
    for (const r of list) {
      if (size > 0 && size + r.cost > budget) {
        bands.push(band);
        band = [];
        size = 0;
        piece = undefined;
      }
      if (!piece) band.push((piece = { building: b, cells: [], validations: [], rowHeights: [] }));
      piece.cells.push(...r.cells);
      piece.validations.push(...r.validations);
      piece.rowHeights.push(...r.rowHeights);
      size += r.cost;
    }
  }
  if (band.length) bands.push(band);
  return bands;
}

/**
 * Queues a band: its cells' contents and formats, its validations, and a read of its cells'
 * values; the returned function lists the cells whose value is not what the spec wrote.
 */
export function queueBand(band: BandPiece[], styles: SheetsSpec['styles'], areas: boolean): () => string[] {
  const reads = band.map((piece) => {
    const sheet = piece.building.proxy!;
    writeContents(sheet, piece.cells);
    writeFormats(sheet, piece.cells, styles);
    writeValidationsGrouped(sheet, piece.validations, areas);
    writeRowHeights(sheet, piece.rowHeights);
    const rect = bounds(piece.cells);
    const range = rect ? sheet.getRange(rangeAddress(rect.top, rect.left, rect.bottom, rect.right)) : undefined;
    range?.load('values');
    return { piece, rect, range };
  });
  return () => reads.flatMap(({ piece, rect, range }) => (rect && range ? differing(piece, rect, range) : []));
}

function bounds(cells: CellSpec[]): Rect | null {
  if (!cells.length) return null;
  const r: Rect = { top: Infinity, bottom: -Infinity, left: Infinity, right: -Infinity };
  for (const c of cells) {
    const { row, col } = parseCell(c.address);
    r.top = Math.min(r.top, row);
    r.bottom = Math.max(r.bottom, row);
    r.left = Math.min(r.left, col);
    r.right = Math.max(r.right, col);
  }
  return r;
}

/** As the whole-sheet read-back (writer.ts, queueVerify): formulas are not compared, their results are Excel's. */
function differing(piece: BandPiece, rect: Rect, range: RangeLike): string[] {
  const wrong: string[] = [];
  for (const c of piece.cells) {
    if (c.formula !== undefined || c.value === undefined || c.value === null || c.value === '') continue;
    const { row, col } = parseCell(c.address);
    if (range.values[row - rect.top]?.[col - rect.left] !== c.value)
      wrong.push(`${piece.building.spec.name}!${c.address}`);
  }
  return wrong;
}

/** Styles and sheet protection locking, applied as few rectangles as possible. */
import type { CellSpec, StyleName, StyleSpec } from '../template';
import { parseCell, rangeAddress, type Rect } from './addresses';
import type { BorderIndexName, RangeLike, WorksheetLike } from './office-like';

/**
 * Styles and locking by rectangles, one format property at a time: the cells sharing a property
 * value (bold, size 10, a fill, thin borders, unlocked, …) whatever their style are grouped into
 * row runs, and runs over the same columns on consecutive rows into one rectangle, set once. Styles
 * share most properties (nearly every table cell has borders and size 10), so this needs far fewer
 * operations than formatting each style's cells apart.
 */
export function writeFormats(sheet: WorksheetLike, cells: CellSpec[], styles: Record<StyleName, StyleSpec>): void {
  const groups = new Map<string, { apply: FormatSetter; cells: { row: number; col: number }[] }>();
  for (const c of cells) {
    const setters = formatSetters(c.style ? styles[c.style] : undefined, c.locked);
    if (setters.length === 0) continue;
    const at = parseCell(c.address);
    for (const [key, apply] of setters) {
      if (!groups.has(key)) groups.set(key, { apply, cells: [] });
      groups.get(key)!.cells.push(at);
    }
  }
  for (const g of groups.values()) {
    for (const r of rectangles(g.cells)) g.apply(sheet.getRange(rangeAddress(r.top, r.left, r.bottom, r.right)), r);
  }
}

type FormatSetter = (range: RangeLike, rect: Rect) => void;

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

/** A cell's format as (property=value key, setter) pairs. */
function formatSetters(style: StyleSpec | undefined, locked: boolean | undefined): [string, FormatSetter][] {
  const out: [string, FormatSetter][] = [];
  const s = style ?? {};
  if (s.bold !== undefined) out.push([`bold=${s.bold}`, (r) => (r.format.font.bold = s.bold!)]);
  if (s.italic !== undefined) out.push([`italic=${s.italic}`, (r) => (r.format.font.italic = s.italic!)]);
  if (s.fontSize !== undefined) out.push([`size=${s.fontSize}`, (r) => (r.format.font.size = s.fontSize!)]);
  if (s.underline) out.push(['underline', (r) => (r.format.font.underline = 'Single')]);
  if (s.fontColor) out.push([`color=${s.fontColor}`, (r) => (r.format.font.color = s.fontColor!)]);
  if (s.fill) out.push([`fill=${s.fill}`, (r) => (r.format.fill.color = s.fill!)]);
  if (s.wrap !== undefined) out.push([`wrap=${s.wrap}`, (r) => (r.format.wrapText = s.wrap!)]);
  if (s.hAlign) out.push([`hAlign=${s.hAlign}`, (r) => (r.format.horizontalAlignment = H_ALIGN[s.hAlign!])]);
  if (s.vAlign) out.push([`vAlign=${s.vAlign}`, (r) => (r.format.verticalAlignment = V_ALIGN[s.vAlign!])]);
  if (s.border) out.push(['border', thinBorders]);
  if (locked !== undefined) out.push([`locked=${locked}`, (r) => (r.format.protection.locked = locked)]);
  return out;
}

/** Thin borders around and inside the rectangle (inside edges only where it has more than one row/column). */
function thinBorders(range: RangeLike, rect: Rect): void {
  const edges: BorderIndexName[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (rect.bottom > rect.top) edges.push('InsideHorizontal');
  if (rect.right > rect.left) edges.push('InsideVertical');
  for (const edge of edges) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
  }
}

/**
 * Covers cells with few rectangles: row runs stacked over equal columns, or column runs side by side
 * over equal rows (which suits tables broken by heading rows), whichever gives fewer.
 */
export function rectangles(cells: { row: number; col: number }[]): Rect[] {
  const byRows = stackRuns(cells);
  const byColumns = stackRuns(cells.map(({ row, col }) => ({ row: col, col: row }))).map((r) => ({
    top: r.left,
    bottom: r.right,
    left: r.top,
    right: r.bottom,
  }));
  return byColumns.length < byRows.length ? byColumns : byRows;
}

function stackRuns(cells: { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    if (!byRow.has(row)) byRow.set(row, []);
    byRow.get(row)!.push(col);
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(row)!)].sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length;) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        open.delete(key);
        next.set(key, prev);
      } else next.set(key, { top: row, bottom: row, left: cols[i], right: cols[j] });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done;
}

/**
 * What every printed sheet laid out as an administrative document shares (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I): the issuing bodies top left beside the national title and motto, the place and date
 * line, the line naming the decision applied, the decree's margins on A4 portrait, row heights that
 * show wrapped text whole, and the page break that keeps the end of a table with the signatures.
 * Used by the officer's report (./report.ts) and the council's published ranking
 * (src/council/publication.ts).
 */
import type { Rubric } from '../rubrics';
import type { SheetParts } from './sheet-parts';
import type { CellSpec, PrintSpec } from './spec';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A4 portrait at 100 %, the decree's margins (3 cm left, 1.5 cm right, 2 cm top and bottom), "Trang i/n" below. */
export const DOCUMENT_PRINT: PrintSpec = {
  landscape: false,
  paper: 'A4',
  fitToWidth: true,
  centered: true,
  footer: 'Trang &P/&N',
  margins: { left: 3, right: 1.5, top: 2, bottom: 2, header: 0.8, footer: 0.8 },
};

/** The printable height of an A4 page between the document's margins (2 cm top and bottom), in points. */
const PAGE_HEIGHT = 841.89 - 2 * ((2 / 2.54) * 72);
/** The height of a row without one set (points). */
const DEFAULT_ROW = 15;

/** One cell written across the columns `from`…`to` (single letters) of a row, merged, each column styled. */
export function across(sheet: SheetParts, row: number, from: string, to: string, cell: Omit<CellSpec, 'address'>) {
  sheet.put({ address: `${from}${row}`, ...cell });
  for (let i = from.charCodeAt(0) + 1; i <= to.charCodeAt(0); i++)
    if (cell.style) sheet.put({ address: `${String.fromCharCode(i)}${row}`, style: cell.style });
  sheet.merges.push(`${from}${row}:${to}${row}`);
}

/** The province's People's Committee, as a document's head names it ("UBND TỈNH THỪA THIÊN HUẾ"). */
export function provinceBody(rubric: Rubric): string {
  return rubric.decision.issuer.replace(/^Ủy ban nhân dân\s+/i, 'UBND ').toUpperCase();
}

/**
 * Rows 1 and 2 of a document's head: the body above and the issuing body in the left block, the
 * national title and motto in the right block (`left` and `right` are [first, last] columns).
 */
export function documentHead(
  sheet: SheetParts,
  blocks: { left: [string, string]; right: [string, string] },
  issuers: [Omit<CellSpec, 'address'>, Omit<CellSpec, 'address'>],
) {
  const [l0, l1] = blocks.left;
  const [r0, r1] = blocks.right;
  across(sheet, 1, l0, l1, issuers[0]);
  across(sheet, 1, r0, r1, { value: NATIONAL_TITLE, style: 'reportState' });
  across(sheet, 2, l0, l1, issuers[1]);
  across(sheet, 2, r0, r1, { value: NATIONAL_MOTTO, style: 'reportMotto' });
}

/** A calendar day, as a document is dated. */
export interface DocumentDate {
  day: number;
  month: number;
  year: number;
}

/**
 * The place and date line: "Huế, ngày 02 tháng 12 năm 2026"; what is not known is left as dots to
 * fill in by hand ("……, ngày …… tháng …… năm 2026", the year alone known). Days and months below
 * 10 are written with a leading zero, as the decree's models write them for 1 and 2.
 */
export function placeDateLine(
  place: string | undefined,
  date: DocumentDate | undefined,
  year: number | string,
): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const where = place?.trim() || '……';
  if (!date) return `${where}, ngày …… tháng …… năm ${year}`;
  return `${where}, ngày ${two(date.day)} tháng ${two(date.month)} năm ${date.year}`;
}

/** "(Theo Bộ chỉ số ban hành kèm theo Quyết định số … ngày dd/mm/yyyy của …)": the decision applied. */
export function decisionLine(rubric: Rubric): string {
  const [y, m, d] = rubric.decision.date.split('-');
  const kind = rubric.kind === 'levels' ? 'Bộ tiêu chí' : 'Bộ chỉ số';
  return `(Theo ${kind} ban hành kèm theo Quyết định số ${rubric.decision.number} ngày ${d}/${m}/${y} của ${rubric.decision.issuer})`;
}

/**
 * Row height (points) that shows wrapped text whole, measured on the report's own PDF: about 1.1
 * characters of 11 pt text per unit of column width (DejaVu Serif in LibreOffice, about as many of
 * Times New Roman in Excel's units; 1.05 is taken), capitals a third wider, lines 1.2 × the size.
 */
export function textHeight(texts: { text: string; width: number; fontSize: number }[]): number {
  const length = (para: string) => (para === para.toUpperCase() ? para.length * 1.35 : para.length);
  const lines = (text: string, perLine: number) =>
    text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(length(para) / perLine)), 0);
  const height = Math.max(
    ...texts.map((x) => lines(x.text, Math.max(1, Math.floor((x.width * 1.05 * 11) / x.fontSize))) * x.fontSize * 1.2),
  );
  return Math.min(409, Math.ceil(height + 5));
}

/**
 * A page break above `from` when the rows `from`…`to` would otherwise fall on two pages. Neither
 * Excel nor LibreOffice can keep rows together, so pages are laid out here as both print them at
 * 100 %: rows of the heights set, the table's header row (`repeatedRow`) repeated at the top of
 * every page after the first. (A row set taller than the text needs leaves some slack: a break is
 * only added where the block would clearly be cut.)
 */
export function breakToKeep(
  heights: { row: number; height: number }[],
  from: number,
  to: number,
  repeatedRow: number,
): number[] {
  const height = new Map(heights.map((h) => [h.row, h.height]));
  const rowHeight = (r: number) => height.get(r) ?? DEFAULT_ROW;
  const repeated = rowHeight(repeatedRow);
  let used = 0;
  let pageOfFrom = 0;
  let page = 0;
  for (let r = 1; r <= to; r++) {
    if (used + rowHeight(r) > PAGE_HEIGHT) {
      page++;
      used = repeated;
    }
    used += rowHeight(r);
    if (r === from) pageOfFrom = page;
  }
  return page === pageOfFrom ? [] : [from];
}

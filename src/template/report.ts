/**
 * The "Báo cáo tự đánh giá" sheet: the self-assessment as a document to print, sign and stamp,
 * laid out as an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the superior body
 * and the unit top left, the national title and motto top right, the place and date line, the
 * title and the decision, a compact table per criterion, the total, and the signature block.
 *
 * Every number, the unit's name and the evidence numbers are formulas over the main sheet, so the
 * report follows the officer's entries; each carries the main sheet cell's stored result. The
 * evidence numbers of a criterion are joined with IF/& over its rows rather than TEXTJOIN, which
 * Excel 2016 lacks, a file must save as `_xlfn.TEXTJOIN`, and the formula-engine tests cannot compute.
 *
 * Printed on A4 portrait at 100 %: the columns add up to the width between the decree's margins
 * (3 cm left, 1.5 cm right), so fitting to the page width never shrinks the text below its size,
 * and nothing is smaller than 11 pt (the decree's body text is 13–14 pt; a table may be smaller).
 * Neither Excel nor LibreOffice can keep rows together, so the pages are laid out here at the row
 * heights set, and a page break is put above the last criteria where the signatures would
 * otherwise be cut off from the total.
 */
import type { Criterion, Rubric, UnitId } from '../rubrics';
import { absolute, HEADER, MAIN_SHEET, quoteSheet, REPORT_SHEET } from './layout';
import { SheetParts } from './sheet-parts';
import type { CellSpec, PrintSpec, Scalar, SheetSpec } from './spec';

/** A criterion's place on the main sheet: its first row and how many rows it takes. */
export interface ReportCriterion {
  criterion: Criterion;
  row: number;
  rows: number;
}

export interface ReportInput {
  rubric: Rubric;
  unit: UnitId;
  unitName: string;
  year: number;
  /** Column letter by column key of the main sheet's criteria table. */
  col: Record<string, string>;
  /** The main sheet's cells, whose stored results the report's formulas carry. */
  main: readonly CellSpec[];
  /** Each pillar's heading row on the main sheet and its criteria. */
  pillars: { id: string; title: string; row: number; criteria: ReportCriterion[] }[];
  /** The main sheet's total row. */
  totalRow: number;
}

/**
 * The report's columns, widths in characters: the code, the title over two columns (B:C merged on
 * every row, so that the head's right block C:F is wide enough for the national title), the max
 * (or measure unit), the result and the evidence. 64 characters fill nearly all of the 16.5 cm
 * between the margins where LibreOffice measures them in DejaVu Sans (its fallback for Calibri,
 * 7 pt a character) and about three quarters of it in Excel (5.25 pt a character, the table then
 * centred): 100 % in both.
 */
const WIDTHS = { A: 7, B: 11, C: 15, D: 7, E: 8, F: 16 } as const;
const LAST = 'F';
const TITLE_WIDTH = WIDTHS.B + WIDTHS.C;
const FULL_WIDTH = Object.values(WIDTHS).reduce((a, b) => a + b, 0);
/** Decimal commas, as Vietnamese documents write numbers (the locale tag; Excel and LibreOffice honour it). */
const NUMBER = '[$-42A]General';
/** Header rows: superior body / national title, unit / motto, number / place and date, title, decision. */
const TABLE_HEADER_ROW = 9;
/** Criteria rows kept on the page of the total, so that the signatures never stand alone. */
const KEEP_WITH_TOTAL = 2;
/** The printable height of an A4 page between the report's margins (2 cm top and bottom), in points. */
const PAGE_HEIGHT = 841.89 - 2 * ((2 / 2.54) * 72);
/** The height of a row without one set (points). */
const DEFAULT_ROW = 15;
/** The rows left blank under the signature titles, for the signatures and the stamp (points). */
const SIGNING_SPACE = { rows: 4, height: 22 };

/** Where the officer may type in the report: the superior body, the document number, the place and date. */
export const REPORT_INPUTS = { superior: 'A1', number: 'A4', place: 'C4' } as const;

export const REPORT_PRINT: PrintSpec = {
  landscape: false,
  paper: 'A4',
  fitToWidth: true,
  centered: true,
  titleRows: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`,
  footer: 'Trang &P/&N',
  margins: { left: 3, right: 1.5, top: 2, bottom: 2, header: 0.8, footer: 0.8 },
};

/**
 * The body above the unit: the province's People's Committee for a department or a district, and
 * for a commune too once districts were abolished (two-level local government from 01/7/2025);
 * before that the commune's district, which the rubric does not know: left for the officer.
 */
export function superiorBody(rubric: Rubric, unit: UnitId): string {
  const province = rubric.decision.issuer.replace(/^Ủy ban nhân dân\s+/i, 'UBND ').toUpperCase();
  return unit !== 'xa' || rubric.decision.date >= '2025-07-01' ? province : 'UBND HUYỆN (THỊ XÃ, THÀNH PHỐ) ……';
}

export function buildReport(input: ReportInput): SheetSpec {
  const { rubric, col, main } = input;
  const isLevel = rubric.kind === 'levels';
  const m = quoteSheet(MAIN_SHEET);
  const stored = new Map(main.map((c) => [c.address, c.result ?? c.value ?? null]));
  const sheet = new SheetParts();
  const put = (c: CellSpec) => sheet.put(c);
  const across = (row: number, from: string, to: string, cell: Omit<CellSpec, 'address'>) => {
    put({ address: `${from}${row}`, ...cell });
    for (let i = from.charCodeAt(0) + 1; i <= to.charCodeAt(0); i++)
      if (cell.style) put({ address: `${String.fromCharCode(i)}${row}`, style: cell.style });
    sheet.merges.push(`${from}${row}:${to}${row}`);
  };
  /** A main-sheet cell shown here: a formula, with what the main sheet stores there. */
  const mirror = (address: string): Pick<CellSpec, 'formula' | 'result'> => ({
    formula: `=${m}!${address}`,
    result: stored.get(address) ?? '',
  });
  const unitName = `${m}!${absolute(HEADER.unitName)}`;
  const year = `${m}!${absolute(HEADER.year)}`;

  // The document's head: two blocks side by side, then the number and the place and date line.
  const superior = superiorBody(rubric, input.unit);
  across(1, 'A', 'B', { value: superior, style: 'reportBody', locked: false });
  across(1, 'C', LAST, { value: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: 'reportState' });
  across(2, 'A', 'B', {
    formula: `=IF(LEN(${unitName})=0,"……………",UPPER(${unitName}))`,
    result: input.unitName ? input.unitName.toUpperCase() : '……………',
    style: 'reportBodyBold',
  });
  across(2, 'C', LAST, { value: 'Độc lập - Tự do - Hạnh phúc', style: 'reportMotto' });
  across(4, 'A', 'B', { value: 'Số: ……/BC-……', style: 'reportBody', locked: false });
  across(4, 'C', LAST, {
    formula: `="……, ngày …… tháng …… năm "&${year}`,
    result: `……, ngày …… tháng …… năm ${input.year}`,
    style: 'reportPlace',
    locked: false,
  });
  // The kind of document on a line of its own, then what it is about (Nghị định 30, Phụ lục I).
  const about = isLevel
    ? 'TỰ ĐÁNH GIÁ, XÁC ĐỊNH MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM '
    : 'TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM ';
  const title = `BÁO CÁO\n${about}`;
  across(6, 'A', LAST, {
    formula: `="BÁO CÁO"&CHAR(10)&"${about}"&${year}`,
    result: `${title}${input.year}`,
    style: 'reportTitle',
  });
  const d = rubric.decision.date.split('-');
  const decision = `(Theo ${isLevel ? 'Bộ tiêu chí' : 'Bộ chỉ số'} ban hành kèm theo Quyết định số ${rubric.decision.number} ngày ${d[2]}/${d[1]}/${d[0]} của ${rubric.decision.issuer})`;
  across(7, 'A', LAST, { value: decision, style: 'reportNote' });
  const left = WIDTHS.A + WIDTHS.B;
  sheet.rowHeights.push(
    { row: 1, height: textHeight([{ text: superior, width: left, fontSize: 12 }]) },
    { row: 2, height: textHeight([{ text: (input.unitName || '……').toUpperCase(), width: left, fontSize: 12 }]) },
    { row: 3, height: 8 },
    { row: 5, height: 8 },
    { row: 6, height: textHeight([{ text: `${title}${input.year}`, width: FULL_WIDTH, fontSize: 13 }]) },
    { row: 7, height: textHeight([{ text: decision, width: FULL_WIDTH, fontSize: 12 }]) },
  );

  // The table: one row per pillar with its subtotal, one per criterion.
  /** One table row: the code, the title (B:C), then D, E and F. */
  const tableRow = (row: number, cells: Omit<CellSpec, 'address'>[]) => {
    const [code, text, ...rest] = cells;
    put({ address: `A${row}`, ...code });
    across(row, 'B', 'C', text);
    rest.forEach((c, i) => put({ address: `${String.fromCharCode(68 + i)}${row}`, ...c }));
  };
  const headers = isLevel
    ? ['Mã số', 'Chỉ tiêu', 'Đơn vị tính', 'Mức đạt', 'Tài liệu kiểm chứng']
    : ['Mã số', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng'];
  tableRow(
    TABLE_HEADER_ROW,
    headers.map((value) => ({ value, style: 'reportHeader' })),
  );
  sheet.rowHeights.push({ row: TABLE_HEADER_ROW, height: 34 });
  let r = TABLE_HEADER_ROW + 1;
  for (const p of input.pillars) {
    tableRow(r, [
      { value: p.id, style: 'reportPillarNumber' },
      { value: p.title, style: 'reportPillar' },
      isLevel
        ? { style: 'reportPillar' }
        : { ...mirror(`${col.max}${p.row}`), style: 'reportPillarNumber', numFmt: NUMBER },
      { ...mirror(`${col.result}${p.row}`), style: 'reportPillarNumber', numFmt: NUMBER },
      { style: 'reportPillar' },
    ]);
    sheet.rowHeights.push({ row: r, height: textHeight([{ text: p.title, width: TITLE_WIDTH, fontSize: 11 }]) });
    r++;
    for (const c of p.criteria) {
      const evidence = evidenceJoin(m, col.evNumber, c, stored);
      tableRow(r, [
        { value: c.criterion.id, style: 'reportNumber' },
        { value: c.criterion.title, style: 'reportCell' },
        isLevel
          ? { value: c.criterion.measureUnit ?? '', style: 'reportNumber' }
          : { ...mirror(`${col.max}${c.row}`), style: 'reportNumber', numFmt: NUMBER },
        { ...mirror(`${col.result}${c.row}`), style: 'reportNumber', numFmt: NUMBER },
        { ...evidence, style: 'reportCell' },
      ]);
      sheet.rowHeights.push({
        row: r,
        height: textHeight([
          { text: c.criterion.id, width: WIDTHS.A, fontSize: 11 },
          { text: c.criterion.title, width: TITLE_WIDTH, fontSize: 11 },
          { text: evidence.result, width: WIDTHS.F, fontSize: 11 },
          ...(isLevel ? [{ text: c.criterion.measureUnit ?? '', width: WIDTHS.D, fontSize: 11 }] : []),
        ]),
      });
      r++;
    }
  }

  // The total (or the unit's level and its name; for points the share of the max), then the signatures.
  const total = r;
  const label = isLevel ? 'MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA ĐƠN VỊ' : 'TỔNG ĐIỂM';
  tableRow(total, [
    { style: 'reportTotal' },
    { value: label, style: 'reportTotal' },
    isLevel
      ? { style: 'reportTotal' }
      : { ...mirror(`${col.max}${input.totalRow}`), style: 'reportTotalNumber', numFmt: NUMBER },
    { ...mirror(`${col.result}${input.totalRow}`), style: 'reportTotalNumber', numFmt: NUMBER },
    { ...mirror(`${col.check}${input.totalRow}`), style: 'reportTotal', numFmt: isLevel ? undefined : '[$-42A]0.00%' },
  ]);
  sheet.rowHeights.push({ row: total, height: textHeight([{ text: label, width: TITLE_WIDTH, fontSize: 12 }]) });
  const sign = total + 2;
  across(sign, 'A', 'C', { value: 'NGƯỜI LẬP BIỂU', style: 'reportSignTitle' });
  across(sign, 'D', LAST, { value: 'THỦ TRƯỞNG ĐƠN VỊ', style: 'reportSignTitle' });
  across(sign + 1, 'A', 'C', { value: '(Ký, ghi rõ họ tên)', style: 'reportSignNote' });
  across(sign + 1, 'D', LAST, { value: '(Ký tên, đóng dấu)', style: 'reportSignNote' });
  for (let i = 0; i < SIGNING_SPACE.rows; i++)
    sheet.rowHeights.push({ row: sign + 2 + i, height: SIGNING_SPACE.height });
  const last = sign + 1 + SIGNING_SPACE.rows;
  // The last criteria rows, the total and the signatures on one page.
  const keepFrom = Math.max(TABLE_HEADER_ROW + 1, total - KEEP_WITH_TOTAL);
  const breaks = breakToKeep(sheet.rowHeights, keepFrom, last);

  return {
    name: REPORT_SHEET,
    visibility: 'visible',
    cells: sheet.cells,
    merges: sheet.merges,
    columns: Object.entries(WIDTHS).map(([column, width]) => ({ column, width })),
    rowHeights: sheet.rowHeights,
    validations: [],
    conditionalFormats: [],
    charts: [],
    protect: true,
    print: { ...REPORT_PRINT, area: `A1:${LAST}${last}`, ...(breaks.length ? { breaks } : {}) },
    tabColor: '#424242',
  };
}

/**
 * Row height (points) that shows wrapped text whole, measured on the report's own PDF: about 1.1
 * characters of 11 pt text per unit of column width (DejaVu Serif in LibreOffice, about as many of
 * Times New Roman in Excel's units; 1.05 is taken), capitals a third wider, lines 1.2 × the size.
 */
function textHeight(texts: { text: string; width: number; fontSize: number }[]): number {
  const length = (para: string) => (para === para.toUpperCase() ? para.length * 1.35 : para.length);
  const lines = (text: string, perLine: number) =>
    text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(length(para) / perLine)), 0);
  const height = Math.max(
    ...texts.map((x) => lines(x.text, Math.max(1, Math.floor((x.width * 1.05 * 11) / x.fontSize))) * x.fontSize * 1.2),
  );
  return Math.min(409, Math.ceil(height + 5));
}

/**
 * A page break above `from` when the rows `from`…`to` would otherwise fall on two pages. Pages are
 * laid out as Excel and LibreOffice print them at 100 %: rows of the heights set, the table's
 * header row repeated at the top of every page after the first. (A row set taller than the text
 * needs leaves some slack: a break is only added where the block would clearly be cut.)
 */
function breakToKeep(heights: { row: number; height: number }[], from: number, to: number): number[] {
  const height = new Map(heights.map((h) => [h.row, h.height]));
  const rowHeight = (r: number) => height.get(r) ?? DEFAULT_ROW;
  const repeated = rowHeight(TABLE_HEADER_ROW);
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

/**
 * A criterion's evidence numbers: its evidence-number cells on the main sheet, from its row to its
 * last, the non-empty ones joined with "; " (the formula, and what it gives now).
 */
function evidenceJoin(
  m: string,
  column: string,
  c: ReportCriterion,
  stored: Map<string, Scalar>,
): { formula: string; result: string } {
  const cells = Array.from({ length: Math.max(1, c.rows) }, (_, i) => `${column}${c.row + i}`);
  const present = cells.map((a) => stored.get(a)).filter((v) => v !== null && v !== undefined && String(v) !== '');
  const result = present.map(String).join('; ');
  if (cells.length === 1) return { formula: `=${m}!${cells[0]}&""`, result };
  const parts = cells.map((a) => `IF(LEN(${m}!${a})>0,"; "&${m}!${a},"")`).join('&');
  return { formula: `=MID(${parts},3,1000)`, result };
}

/** The report with every formula replaced by its value: for a program that cannot compute the add-in's functions. */
export function reportValues(report: SheetSpec, inputs: Partial<Record<keyof typeof REPORT_INPUTS, Scalar>> = {}) {
  const typed = new Map<string, Scalar>(
    Object.entries(inputs)
      .filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '')
      .map(([k, v]) => [REPORT_INPUTS[k as keyof typeof REPORT_INPUTS], v as Scalar]),
  );
  return {
    ...report,
    protect: false,
    cells: report.cells.map(({ formula, result, ...c }) => {
      if (typed.has(c.address)) return { ...c, value: typed.get(c.address) };
      return formula === undefined ? c : { ...c, value: result ?? null };
    }),
  };
}

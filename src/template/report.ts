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
 * A page break is put above the last criteria where the signatures would otherwise be cut off from
 * the total (./document.ts, shared with the council's published ranking).
 */
import type { Criterion, Rubric, UnitId } from '../rubrics';
import {
  across as acrossIn,
  breakToKeep,
  decisionLine,
  DOCUMENT_PRINT,
  documentHead,
  placeDateLine,
  provinceBody,
  textHeight,
} from './document';
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
/** The rows left blank under the signature titles, for the signatures and the stamp (points). */
const SIGNING_SPACE = { rows: 4, height: 22 };

/** Where the officer may type in the report: the superior body, the document number, the place and date. */
export const REPORT_INPUTS = { superior: 'A1', number: 'A4', place: 'C4' } as const;

export const REPORT_PRINT: PrintSpec = { ...DOCUMENT_PRINT, titleRows: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}` };

/**
 * The body above the unit: the province's People's Committee for a department or a district, and
 * for a commune too once districts were abolished (two-level local government from 01/7/2025);
 * before that the commune's district, which the rubric does not know: left for the officer.
 */
export function superiorBody(rubric: Rubric, unit: UnitId): string {
  return unit !== 'xa' || rubric.decision.date >= '2025-07-01'
    ? provinceBody(rubric)
    : 'UBND HUYỆN (THỊ XÃ, THÀNH PHỐ) ……';
}

export function buildReport(input: ReportInput): SheetSpec {
  const { rubric, col, main } = input;
  const isLevel = rubric.kind === 'levels';
  const m = quoteSheet(MAIN_SHEET);
  const stored = new Map(main.map((c) => [c.address, c.result ?? c.value ?? null]));
  const sheet = new SheetParts();
  const put = (c: CellSpec) => sheet.put(c);
  const across = (row: number, from: string, to: string, cell: Omit<CellSpec, 'address'>) =>
    acrossIn(sheet, row, from, to, cell);
  /** A main-sheet cell shown here: a formula, with what the main sheet stores there. */
  const mirror = (address: string): Pick<CellSpec, 'formula' | 'result'> => ({
    formula: `=${m}!${address}`,
    result: stored.get(address) ?? '',
  });
  const unitName = `${m}!${absolute(HEADER.unitName)}`;
  const year = `${m}!${absolute(HEADER.year)}`;

  // The document's head: two blocks side by side, then the number and the place and date line.
  const superior = superiorBody(rubric, input.unit);
  documentHead(sheet, { left: ['A', 'B'], right: ['C', LAST] }, [
    { value: superior, style: 'reportBody', locked: false },
    {
      formula: `=IF(LEN(${unitName})=0,"……………",UPPER(${unitName}))`,
      result: input.unitName ? input.unitName.toUpperCase() : '……………',
      style: 'reportBodyBold',
    },
  ]);
  across(4, 'A', 'B', { value: 'Số: ……/BC-……', style: 'reportBody', locked: false });
  across(4, 'C', LAST, {
    formula: `="${placeDateLine(undefined, undefined, '')}"&${year}`,
    result: placeDateLine(undefined, undefined, input.year),
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
  const decision = decisionLine(rubric);
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
  const breaks = breakToKeep(sheet.rowHeights, keepFrom, last, TABLE_HEADER_ROW);

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

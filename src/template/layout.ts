/**
 * Where a template keeps everything: its sheets, header cells, criteria table and the identity and
 * layout it stores in its very hidden sheet. The builder writes by these; every reader (entries,
 * check, seal, the open workbook, the council) takes addresses from the layout stored in the file,
 * falling back to these constants only for templates written before the layout carried them.
 */
import type { EvidenceEntry, EvidenceField } from '../engine';
import type { Rubric } from '../rubrics';
import type { Scalar } from './spec';
import { parseAddress } from './address';

/**
 * 2: one row per input slot, labelled in the row (the "Nội dung cần nhập" and "Số liệu" columns),
 * and the general-information block; 1: the slots across columns "Giá trị 1, 2, …". Both are read.
 */
export const TEMPLATE_VERSION = 2;
export const MAIN_SHEET = 'Tự đánh giá';
export const SUMMARY_SHEET = 'Tổng hợp';
export const REPORT_SHEET = 'Báo cáo tự đánh giá';
export const LISTS_SHEET = 'Danh mục';
export const META_SHEET = '_dti';
/** A1 of `_dti` in an officer's template (a council's workbook has its own mark there). */
export const TEMPLATE_MARK = 'dti-template';

/** The main sheet's header cells: the template's identity and the unit's name and year. */
export interface HeaderCells {
  rubric: string;
  version: string;
  unit: string;
  unitName: string;
  year: string;
  /** The total (points rubrics) or the unit's level (level rubrics), at the top of the sheet. */
  total: string;
  /** Level rubrics whose units register a level (Kon Tum): the level registered; absent elsewhere and in older templates. */
  registered?: string;
}

export const HEADER: HeaderCells = { rubric: 'B3', version: 'B4', unit: 'B5', unitName: 'B6', year: 'B7', total: 'E3' };
/** The header cells of a rubric's template: the registered level's too where the decision has units register one. */
export const headerFor = (rubric: Rubric): HeaderCells =>
  rubric.kind === 'levels' && rubric.registration ? { ...HEADER, registered: 'B8' } : HEADER;
/** The first row below the header block (the general information, or the criteria table). */
export const BODY_ROW = 9;

export type { EvidenceEntry } from '../engine';

/** What an officer entered for one criterion, kept across re-insertion and upgrades. */
export interface CriterionEntry {
  slots: Scalar[];
  /** The documents entered, in sheet order (blank rows left out). */
  evidence: EvidenceEntry[];
  note: Scalar;
  /** The unit's explanation to the council's remark (a response to feedback; remarked criteria only). */
  explanation?: Scalar;
}

/**
 * A template that answers the council's feedback (Hà Nội 5279/QĐ-UBND Điều 5.3): the round and the
 * submission answered (the SHA-256 of its file), and beside each remarked criterion the council's
 * remark and the unit's explanation, in two columns after the note (no other column moves).
 */
export interface ResponseLayout {
  round: number;
  answers: string;
  remark: string;
  explanation: string;
  /** The remarked criteria: the only ones with an explanation cell. */
  criteria: string[];
}

/** What identifies a template; stored in cells, defined names and the very hidden sheet. */
export interface TemplateMeta {
  rubric: string;
  version: string;
  unit: string;
  unitName: string;
  year: number;
  templateVersion: number;
}

/** Where a template keeps each criterion's entries, for reading back and carrying data over. */
export interface TemplateLayout {
  sheet: string;
  /** The header cells; absent in templates written before they were stored (then `HEADER`). */
  header?: HeaderCells;
  /** Column of criterion ids; first and last rows of the criteria table. */
  idColumn: string;
  firstRow: number;
  lastRow: number;
  /**
   * Version 2: the column of the input cells, one slot a row from the criterion's row down
   * (`slotCells`). Version 1 had the slots across `slotColumns` on the criterion's row.
   */
  valueColumn?: string;
  /** Version 1: input slot columns, left to right. */
  slotColumns: string[];
  /** The general-information cells, by item id. */
  general?: Record<string, string>;
  /** Evidence columns; `issuer` only in templates with several documents per criterion. */
  evidence: { number: string; date: string; issuer?: string; link: string; signed: string };
  /**
   * Rows of evidence per criterion, one document a row from the criterion's row down; absent in
   * templates written before (then one document, on the criterion's row).
   */
  evidenceRows?: Record<string, number>;
  note: string;
  score: string;
  max: string;
  check: string;
  /** Rows of each criterion id. */
  rows: Record<string, number>;
  /** The kind of each input slot per criterion, to tell whether entries still fit a newer rubric. */
  inputs: Record<string, string[]>;
  /** Present in a response to the council's feedback only. */
  response?: ResponseLayout;
}

/** The header cells of a stored layout. */
export const headerCells = (layout: TemplateLayout): HeaderCells => layout.header ?? HEADER;

/** A criterion's input cells when its row is `row` (it may have moved): down the value column, or across in version 1. */
export function slotCells(layout: TemplateLayout, id: string, row: number): string[] {
  const count = layout.inputs[id]?.length ?? layout.slotColumns.length;
  return layout.valueColumn
    ? Array.from({ length: count }, (_, i) => `${layout.valueColumn}${row + i}`)
    : layout.slotColumns.slice(0, Math.max(count, layout.slotColumns.length)).map((c) => `${c}${row}`);
}

/** How many documents a criterion's rows hold. */
export const evidenceRowCount = (layout: TemplateLayout, id: string): number => layout.evidenceRows?.[id] ?? 1;

/** The cells of each evidence row of a criterion whose row is `row`, by field ('' where the layout has no such column). */
export function evidenceCells(layout: TemplateLayout, id: string, row: number): Record<EvidenceField, string>[] {
  return Array.from({ length: evidenceRowCount(layout, id) }, (_, i) => {
    const at = (col: string | undefined) => (col ? `${col}${row + i}` : '');
    const ev = layout.evidence;
    return {
      number: at(ev.number),
      date: at(ev.date),
      issuer: at(ev.issuer),
      link: at(ev.link),
      signed: at(ev.signed),
    };
  });
}

/** A sheet name as a formula reference needs it: 'Tự đánh giá'. */
export const quoteSheet = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** "B3" → "$B$3". */
export const absolute = (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');

/** One column of the criteria table. */
export interface Column {
  key: string;
  header: string;
  width: number;
}

/**
 * The columns of the criteria table for a rubric kind: one input column, labelled in the row beside
 * it; a response to the council's feedback adds the remark and explanation columns at the end.
 */
export function tableColumns(rubric: Rubric, response = false): Column[] {
  const head: Column[] = [
    { key: 'id', header: 'Mã', width: 13 },
    { key: 'title', header: rubric.kind === 'levels' ? 'Chỉ tiêu' : 'Tiêu chí', width: 34 },
  ];
  const middle: Column[] =
    rubric.kind === 'levels'
      ? [
          { key: 'measureUnit', header: 'Đơn vị tính', width: 10 },
          ...(rubric.levels ?? []).map((l) => ({
            key: `level${l.number}`,
            header: `Mức ${l.number}: ${l.name.vi}`,
            width: 12,
          })),
          { key: 'guidance', header: 'Phương pháp tính', width: 30 },
        ]
      : [
          { key: 'max', header: 'Điểm tối đa', width: 8 },
          { key: 'guidance', header: 'Hướng dẫn, tài liệu kiểm chứng', width: 38 },
          { key: 'deadline', header: 'Hạn hoàn thành', width: 10 },
        ];
  const tail: Column[] = [
    { key: 'inputLabel', header: 'Nội dung cần nhập', width: 30 },
    { key: 'value', header: 'Số liệu', width: 14 },
    { key: 'evNumber', header: 'Số, ký hiệu văn bản', width: 13 },
    { key: 'evDate', header: 'Ngày văn bản', width: 11 },
    { key: 'evIssuer', header: 'Cơ quan ban hành', width: 14 },
    { key: 'evLink', header: 'Liên kết hoặc tên file', width: 16 },
    { key: 'evSigned', header: 'File có ký số', width: 8 },
    { key: 'result', header: rubric.kind === 'levels' ? 'Mức đạt' : 'Điểm', width: 8 },
    { key: 'check', header: 'Kiểm tra', width: 28 },
    { key: 'note', header: 'Ghi chú', width: 18 },
  ];
  const answer: Column[] = response
    ? [
        { key: 'remark', header: 'Ý kiến thẩm định', width: 32 },
        { key: 'explanation', header: 'Giải trình', width: 36 },
      ]
    : [];
  return [...head, ...middle, ...tail, ...answer];
}

/** The criterion whose rows hold `address`: from its own row down to the next criterion's. */
export function criterionAt(layout: TemplateLayout, address: string): string | undefined {
  const first = address.split(':')[0].replace(/\$/g, '');
  let row: number;
  try {
    row = parseAddress(first).row + 1; // 0-based → the sheet's row number
  } catch {
    return undefined;
  }
  if (row < layout.firstRow || row > layout.lastRow) return undefined;
  let found: [string, number] | undefined;
  for (const entry of Object.entries(layout.rows))
    if (entry[1] <= row && (!found || entry[1] > found[1])) found = entry;
  return found?.[0];
}

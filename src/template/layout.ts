/**
 * Where a template keeps everything: its sheets, header cells, criteria table and the identity and
 * layout it stores in its very hidden sheet. The builder writes by these; every reader (entries,
 * check, seal, the open workbook, the council) takes addresses from the layout stored in the file,
 * falling back to these constants only for templates written before the layout carried them.
 */
import type { Rubric } from '../rubrics';
import type { Scalar } from './spec';

export const TEMPLATE_VERSION = 1;
export const MAIN_SHEET = 'Tự đánh giá';
export const SUMMARY_SHEET = 'Tổng hợp';
export const LISTS_SHEET = 'Danh mục';
export const META_SHEET = '_dti';

/** The main sheet's header cells: the template's identity and the unit's name and year. */
export interface HeaderCells {
  rubric: string;
  version: string;
  unit: string;
  unitName: string;
  year: string;
  /** The total (points rubrics) or the unit's level (level rubrics), at the top of the sheet. */
  total: string;
}

export const HEADER: HeaderCells = { rubric: 'B3', version: 'B4', unit: 'B5', unitName: 'B6', year: 'B7', total: 'E3' };
export const TABLE_HEADER_ROW = 9;
export const FIRST_ROW = 10;

/** What an officer entered for one criterion, kept across re-insertion and upgrades. */
export interface CriterionEntry {
  slots: Scalar[];
  evidence: { number: Scalar; date: Scalar; link: Scalar; signed: Scalar };
  note: Scalar;
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
  /** Input slot columns, left to right. */
  slotColumns: string[];
  evidence: { number: string; date: string; link: string; signed: string };
  note: string;
  score: string;
  max: string;
  check: string;
  /** Rows of each criterion id. */
  rows: Record<string, number>;
  /** The kind of each input slot per criterion, to tell whether entries still fit a newer rubric. */
  inputs: Record<string, string[]>;
}

/** The header cells of a stored layout. */
export const headerCells = (layout: TemplateLayout): HeaderCells => layout.header ?? HEADER;

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

/** The columns of the criteria table for a rubric kind and its widest criterion. */
export function tableColumns(rubric: Rubric, slotCount: number): Column[] {
  const slots = Array.from({ length: slotCount }, (_, i) => ({
    key: `slot${i}`,
    header: `Giá trị ${i + 1}`,
    width: 12,
  }));
  const head: Column[] = [
    { key: 'id', header: 'Mã', width: 9 },
    { key: 'title', header: rubric.kind === 'levels' ? 'Chỉ tiêu' : 'Tiêu chí', width: 38 },
  ];
  const middle: Column[] =
    rubric.kind === 'levels'
      ? [
          { key: 'measureUnit', header: 'Đơn vị tính', width: 11 },
          ...(rubric.levels ?? []).map((l) => ({
            key: `level${l.number}`,
            header: `Mức ${l.number}: ${l.name.vi}`,
            width: 13,
          })),
          { key: 'guidance', header: 'Phương pháp tính', width: 32 },
        ]
      : [
          { key: 'max', header: 'Điểm tối đa', width: 8 },
          { key: 'guidance', header: 'Hướng dẫn, tài liệu kiểm chứng', width: 40 },
          { key: 'deadline', header: 'Hạn hoàn thành', width: 10 },
        ];
  const tail: Column[] = [
    { key: 'evNumber', header: 'Số, ký hiệu văn bản', width: 13 },
    { key: 'evDate', header: 'Ngày văn bản', width: 11 },
    { key: 'evLink', header: 'Liên kết tài liệu', width: 16 },
    { key: 'evSigned', header: 'File có ký số', width: 8 },
    { key: 'result', header: rubric.kind === 'levels' ? 'Mức đạt' : 'Điểm', width: 8 },
    { key: 'check', header: 'Kiểm tra', width: 28 },
    { key: 'note', header: 'Ghi chú', width: 18 },
  ];
  return [...head, ...middle, ...slots, ...tail];
}

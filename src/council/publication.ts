/**
 * The published ranking ("Kết quả xếp hạng", Hà Nội 5279/QĐ-UBND Điều 5 step 5): the council's
 * final ranking of one unit type as a document to print, sign and publish, laid out as the
 * officer's report is (src/template/document.ts): the province and the council top left beside
 * the national title and motto, the place and date line, the title with the unit type and year,
 * the decision applied and the round, the table (rank, unit, appraised points, max, percent — or
 * the level and its name), the units not ranked after it with the reason, and the chairman's
 * signature block, kept on the page of the table's last rows by a computed page break.
 *
 * Built from the ranked rows (after appraisal: what `dti rank --appraisal` ranks on) as values
 * only, so that LibreOffice prints it as it is. A4 portrait at 100 %, nothing under 11 pt.
 */
import type { Rubric, UnitId } from '../rubrics';
import {
  across,
  breakToKeep,
  decisionLine,
  DOCUMENT_PRINT,
  documentHead,
  placeDateLine,
  provinceBody,
  SheetParts,
  sheetSpec,
  STYLES,
  textHeight,
  type CellSpec,
  type DocumentDate,
  type SheetsSpec,
} from '../template';
import type { ExpectedReport } from './expected';
import type { RankedRow } from './rank';

export const PUBLICATION_SHEET = 'Kết quả xếp hạng';
export const DEFAULT_COUNCIL = 'HỘI ĐỒNG THẨM ĐỊNH';

/** Which appraisal the ranking is the result of: round 1, round 2 (after the units' explanations), or the final result. */
export type Round = '1' | '2' | 'final';
export const ROUNDS: readonly Round[] = ['1', '2', 'final'];
const ROUND_LINE: Record<Round, string> = {
  '1': 'Kết quả thẩm định vòng 1',
  '2': 'Kết quả thẩm định vòng 2',
  final: 'Kết quả chính thức',
};

export interface PublicationOptions {
  /** The year assessed, in the title. */
  year: number;
  /** The council's name as its documents write it; "HỘI ĐỒNG THẨM ĐỊNH" by default. */
  council?: string;
  /** The place and the date of the document; dots to fill in by hand where absent. */
  place?: string;
  date?: DocumentDate;
  round?: Round;
  /** The units that did not submit are listed; the other files of a unit that submitted twice are not. */
  expected?: ExpectedReport;
}

/** One line of the published table, in the CSV too. */
export interface PublishedRow {
  rank: number | null;
  unit: string;
  /** Appraised points (level rubrics: the level). */
  points: number | null;
  max: number | null;
  percent: number | null;
  levelName: string;
  /** Why the unit is not ranked; for a ranked one, the deadline's mark (ranked though late). */
  note: string;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
/** An option's name has no place in a published document ("… đã cho (--trust)"). */
const plain = (text: string) => text.replace(/\s*\(--[a-z-]+\)/g, '');

/**
 * The units as published: the ranked in rank order, then the units not ranked with the reason,
 * then those that did not submit. A unit's superseded second file and the council's own workbook
 * are not units: left out.
 */
export function publishedRows(rubric: Rubric, rows: RankedRow[], expected?: ExpectedReport): PublishedRow[] {
  const superseded = new Set(expected?.duplicates.flatMap((d) => d.others) ?? []);
  const isLevel = rubric.kind === 'levels';
  const out = rows
    .filter((r) => !r.submission.council && !superseded.has(r.submission.file))
    .map((r): PublishedRow => {
      const s = r.submission;
      const a = r.rank === null ? undefined : s.assessment;
      return {
        rank: r.rank,
        unit: s.unitName?.trim() || fileName(s.file),
        points: a ? (isLevel ? (a.level?.number ?? 0) : a.total) : null,
        max: a && !isLevel ? a.max : null,
        percent: a && !isLevel ? a.percent : null,
        levelName: a && isLevel ? (a.level?.name ?? '') : '',
        note: plain(r.rank === null ? [...new Set(r.unranked.map((x) => x.vi))].join('; ') : (s.deadline?.vi ?? '')),
      };
    });
  const missing = (expected?.missing ?? []).map((unit): PublishedRow => ({
    rank: null,
    unit,
    points: null,
    max: null,
    percent: null,
    levelName: '',
    note: 'Chưa nộp hồ sơ tự đánh giá',
  }));
  return [...out, ...missing];
}

/** Column widths (characters): rank, the unit over B:C, then three columns; 64 fill A4 between the margins as the report's do. */
const WIDTHS = { A: 6, B: 14, C: 16, D: 10, E: 9, F: 9 } as const;
const UNIT_WIDTH = WIDTHS.B + WIDTHS.C;
const NOTE_WIDTH = WIDTHS.D + WIDTHS.E + WIDTHS.F;
const FULL_WIDTH = Object.values(WIDTHS).reduce((a, b) => a + b, 0);
const NUMBER = '[$-42A]General';
const HEADER_ROW = 10;
/** Table rows kept on the page of the signatures. */
const KEEP_WITH_SIGNATURES = 2;
const SIGNING_SPACE = { rows: 4, height: 22 };

export function publicationSheet(
  rubric: Rubric,
  unit: UnitId,
  rows: RankedRow[],
  options: PublicationOptions,
): SheetsSpec {
  const isLevel = rubric.kind === 'levels';
  const council = options.council?.trim() || DEFAULT_COUNCIL;
  const sheet = new SheetParts();
  const height = (row: number, h: number) => sheet.rowHeights.push({ row, height: h });
  const put = (row: number, from: string, to: string, cell: Omit<CellSpec, 'address'>) =>
    from === to ? sheet.put({ address: `${from}${row}`, ...cell }) : across(sheet, row, from, to, cell);

  const province = provinceBody(rubric);
  documentHead(sheet, { left: ['A', 'B'], right: ['C', 'F'] }, [
    { value: province, style: 'reportBody' },
    { value: council.toUpperCase(), style: 'reportBodyBold' },
  ]);
  const left = WIDTHS.A + WIDTHS.B;
  height(1, textHeight([{ text: province, width: left, fontSize: 12 }]));
  height(2, textHeight([{ text: council.toUpperCase(), width: left, fontSize: 12 }]));
  height(3, 8);
  put(4, 'C', 'F', { value: placeDateLine(options.place, options.date, options.year), style: 'reportPlace' });
  height(5, 8);
  const label = rubric.units.find((u) => u.id === unit)?.label.vi ?? unit;
  const title = `KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHUYỂN ĐỔI SỐ\nCÁC ${label.toUpperCase()} NĂM ${options.year}`;
  put(6, 'A', 'F', { value: title, style: 'reportTitle' });
  height(6, textHeight([{ text: title, width: FULL_WIDTH, fontSize: 13 }]));
  const decision = decisionLine(rubric);
  put(7, 'A', 'F', { value: decision, style: 'reportNote' });
  height(7, textHeight([{ text: decision, width: FULL_WIDTH, fontSize: 12 }]));
  put(8, 'A', 'F', { value: ROUND_LINE[options.round ?? 'final'], style: 'reportNote' });
  height(9, 8);

  const headers = isLevel
    ? ['Hạng', 'Đơn vị', 'Mức thẩm định', 'Tên mức']
    : ['Hạng', 'Đơn vị', 'Điểm thẩm định', 'Điểm tối đa', 'Tỷ lệ (%)'];
  const tableRow = (row: number, cells: Omit<CellSpec, 'address'>[]) => {
    const [rank, name, ...rest] = cells;
    put(row, 'A', 'A', rank);
    put(row, 'B', 'C', name);
    if (isLevel) {
      put(row, 'D', 'D', rest[0]);
      put(row, 'E', 'F', rest[1]);
    } else rest.forEach((c, i) => put(row, String.fromCharCode(68 + i), String.fromCharCode(68 + i), c));
  };
  tableRow(
    HEADER_ROW,
    headers.map((value) => ({ value, style: 'reportHeader' as const })),
  );
  height(HEADER_ROW, 34);

  const published = publishedRows(rubric, rows, options.expected);
  let r = HEADER_ROW + 1;
  const number = (value: number | null): Omit<CellSpec, 'address'> => ({
    value,
    style: 'reportNumber',
    numFmt: NUMBER,
  });
  for (const p of published.filter((x) => x.rank !== null)) {
    tableRow(r, [
      { value: p.rank, style: 'reportNumber' },
      { value: p.note ? `${p.unit}\n(${p.note})` : p.unit, style: 'reportCell' },
      number(p.points),
      ...(isLevel
        ? [{ value: p.levelName, style: 'reportNumber' as const }]
        : [number(p.max), { ...number(p.percent), numFmt: '[$-42A]0.00' }]),
    ]);
    height(r, textHeight([{ text: p.note ? `${p.unit}\n(${p.note})` : p.unit, width: UNIT_WIDTH, fontSize: 11 }]));
    r++;
  }
  const unranked = published.filter((x) => x.rank === null);
  if (unranked.length) {
    put(r, 'A', 'F', { value: 'Đơn vị không được xếp hạng', style: 'reportPillar' });
    r++;
    for (const p of unranked) {
      put(r, 'A', 'A', { value: '—', style: 'reportNumber' });
      put(r, 'B', 'C', { value: p.unit, style: 'reportCell' });
      put(r, 'D', 'F', { value: p.note, style: 'reportCell' });
      height(
        r,
        textHeight([
          { text: p.unit, width: UNIT_WIDTH, fontSize: 11 },
          { text: p.note, width: NOTE_WIDTH, fontSize: 11 },
        ]),
      );
      r++;
    }
  }
  const tableEnd = r - 1;

  // The signature block under the right half, as the national title above it.
  const sign = tableEnd + 2;
  const onBehalf = `TM. ${council.toUpperCase()}`;
  put(sign, 'C', 'F', { value: onBehalf, style: 'reportBodyBold' });
  height(sign, textHeight([{ text: onBehalf, width: WIDTHS.C + NOTE_WIDTH, fontSize: 12 }]));
  put(sign + 1, 'C', 'F', { value: 'CHỦ TỊCH', style: 'reportSignTitle' });
  put(sign + 2, 'C', 'F', { value: '(Ký, ghi rõ họ tên, đóng dấu)', style: 'reportSignNote' });
  for (let i = 0; i < SIGNING_SPACE.rows; i++) height(sign + 3 + i, SIGNING_SPACE.height);
  const last = sign + 2 + SIGNING_SPACE.rows;
  const keepFrom = Math.max(HEADER_ROW + 1, tableEnd - KEEP_WITH_SIGNATURES + 1);
  const breaks = breakToKeep(sheet.rowHeights, keepFrom, last, HEADER_ROW);

  const spec = sheetSpec(PUBLICATION_SHEET, 'visible', sheet.cells, {
    merges: sheet.merges,
    columns: Object.entries(WIDTHS).map(([column, width]) => ({ column, width })),
    rowHeights: sheet.rowHeights,
    protect: false,
    print: {
      ...DOCUMENT_PRINT,
      titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
      area: `A1:F${last}`,
      ...(breaks.length ? { breaks } : {}),
    },
    tabColor: '#424242',
  });
  return { styles: STYLES, sheets: [spec], names: [] };
}

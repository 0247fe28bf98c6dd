/**
 * Which member agency appraises which criterion. Hà Nội 5279/QĐ-UBND names, for every indicator,
 * the "Đơn vị hướng dẫn và chấm điểm chỉ số" (the rubric's `agency`), and Điều 6.2 has those
 * agencies "theo dõi, đánh giá … đối với từng nội dung, chỉ số theo chức năng, nhiệm vụ"; where
 * that column names two ("Sở Khoa học và Công nghệ, Trung tâm Phục vụ Hành chính công"), both
 * appraise it. Other decisions name none: the council assigns them on the sheet "Phân công thẩm
 * định" of its workbook, pre-filled with what the rubric says, and that sheet, once there, is
 * what counts. A criterion assigned to nobody stays with the council, in its own workbook.
 */
import { criteriaFor } from '../engine';
import type { Rubric, UnitId } from '../rubrics';
import { sheetSpec, type CellSpec, type SheetSpec } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { ASSIGNMENT_SHEET } from './appraisal-layout';

/** Criterion id → the agencies appraising it (none: the council itself). */
export type Assignment = Map<string, string[]>;

const FIRST_ROW = 4;
const COLUMNS = { criterion: 'A', title: 'B', max: 'C', agency: 'D' } as const;

/** The agencies a cell names: the sheet separates them by ";" or a new line (an agency's own name may hold a comma). */
export const agencyNames = (cell: string): string[] =>
  [...new Set(cell.split(/[;\n]/).map((s) => s.replace(/\s+/g, ' ').trim()))].filter(Boolean);

/**
 * The rubric's agencies. The decision's column separates two agencies by a comma, and none of the
 * names it uses holds one, so here a comma separates too.
 */
export function rubricAssignment(rubric: Rubric, unit: UnitId): Assignment {
  return new Map(criteriaFor(rubric, unit).map((c) => [c.id, agencyNames((c.agency ?? '').replace(/,/g, ';'))]));
}

/** Whether the rubric names an agency for every criterion (then no assignment sheet is needed). */
export const rubricAssignsAll = (rubric: Rubric, unit: UnitId) =>
  [...rubricAssignment(rubric, unit).values()].every((a) => a.length > 0);

/** The council's sheet: one row per criterion, the agencies pre-filled (from the rubric unless given), blank where none. */
export function assignmentSheet(
  rubric: Rubric,
  unit: UnitId,
  given: Assignment = rubricAssignment(rubric, unit),
): SheetSpec {
  const criteria = criteriaFor(rubric, unit);
  const cells: CellSpec[] = [
    { address: 'A1', value: `PHÂN CÔNG THẨM ĐỊNH — ${rubric.title}`, style: 'title' },
    {
      address: 'A2',
      value:
        'Ghi cơ quan thẩm định từng tiêu chí vào cột nền vàng (nhiều cơ quan thì cách nhau bằng dấu chấm phẩy). Để trống: Hội đồng tự thẩm định tiêu chí đó.',
      style: 'subtitle',
    },
    { address: 'A3', value: 'Mã', style: 'tableHeader' },
    { address: 'B3', value: 'Tiêu chí', style: 'tableHeader' },
    { address: 'C3', value: 'Điểm tối đa', style: 'tableHeader' },
    { address: 'D3', value: 'Cơ quan thẩm định', style: 'tableHeader' },
  ];
  criteria.forEach((c, i) => {
    const r = FIRST_ROW + i;
    cells.push(
      { address: `${COLUMNS.criterion}${r}`, value: c.id, style: 'criterionId' },
      { address: `${COLUMNS.title}${r}`, value: c.title, style: 'text' },
      {
        address: `${COLUMNS.max}${r}`,
        value: typeof c.max === 'number' ? c.max : (c.max?.[unit] ?? null),
        style: 'number',
      },
      {
        address: `${COLUMNS.agency}${r}`,
        value: given.get(c.id)?.join('; ') || null,
        style: 'input',
        locked: false,
      },
    );
  });
  return sheetSpec(ASSIGNMENT_SHEET, 'visible', cells, {
    merges: ['A1:D1', 'A2:D2'],
    columns: [
      { column: 'A', width: 9 },
      { column: 'B', width: 60 },
      { column: 'C', width: 10 },
      { column: 'D', width: 40 },
    ],
    rowHeights: [{ row: 2, height: 30 }],
    freeze: { rows: 3, columns: 1 },
    tabColor: '#8764B8',
  });
}

/**
 * Who appraises what: the council's sheet when its workbook has one (rows found by criterion id,
 * so sorted rows still read right; a criterion missing from it is the council's), else the rubric.
 */
export function readAssignment(
  wb: LoadedWorkbook,
  rubric: Rubric,
  unit: UnitId,
): { assignment: Assignment; fromSheet: boolean } {
  if (!wb.sheetNames.includes(ASSIGNMENT_SHEET))
    return { assignment: rubricAssignment(rubric, unit), fromSheet: false };
  const ids = new Set(criteriaFor(rubric, unit).map((c) => c.id));
  const assignment: Assignment = new Map([...ids].map((id) => [id, []]));
  for (let r = FIRST_ROW; r <= wb.lastRow(ASSIGNMENT_SHEET); r++) {
    const id = String(wb.read(ASSIGNMENT_SHEET, `${COLUMNS.criterion}${r}`) ?? '').trim();
    if (ids.has(id)) assignment.set(id, agencyNames(String(wb.read(ASSIGNMENT_SHEET, `${COLUMNS.agency}${r}`) ?? '')));
  }
  return { assignment, fromSheet: true };
}

/** The agencies, in the order they first appear, each with the criteria it holds (in the rubric's order). */
export function agencyShares(assignment: Assignment): { agency: string; criteria: string[] }[] {
  // One agency however its name is cased on each row ("Công an xã", "công an xã"): the first spelling names it.
  const shares = new Map<string, { agency: string; criteria: string[] }>();
  for (const [id, agencies] of assignment)
    for (const agency of agencies) {
      const key = agency.normalize('NFC').toLocaleLowerCase('vi');
      const share = shares.get(key) ?? { agency, criteria: [] };
      if (!share.criteria.includes(id)) share.criteria.push(id);
      shares.set(key, share);
    }
  return [...shares.values()];
}

/** A file name for an agency's workbook: its name without accents, in lower case ("so-y-te.xlsx"). */
export const agencyFileName = (agency: string) =>
  (agency
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'co-quan') + '.xlsx';

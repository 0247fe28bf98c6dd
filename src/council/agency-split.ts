/**
 * The council's workbook split among its member agencies (Hà Nội 5279/QĐ-UBND, Điều 6.2): one
 * workbook per agency, of the same design as the council's, holding only the criteria that agency
 * appraises, for every appraised unit, each appraised cell preset to the re-score. Its "Xếp hạng"
 * ranks the units on those criteria only (the agency's view), its sheet "Cơ quan thẩm định" says
 * who it is for and holds the "finished" mark, and its identity names the agency, the criteria and
 * the council's batch — the digest a merge checks.
 *
 * The batch, not the file's bytes: the council keeps working in its own workbook while the
 * agencies appraise (the criteria left to it, the assignment sheet), and a rebuilt or merged
 * workbook of the same submissions is still the same council's.
 */
import { t, type Text } from '../base';
import type { Rubric, UnitId } from '../rubrics';
import { digest } from '../platform';
import { sheetSpec, type ListSheet, type SheetsSpec } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { agencyFileName, agencyShares, assignmentSheet, readAssignment, rubricAssignsAll } from './agency-assignment';
import { appraisalWorkbook, type AppraisalOptions } from './appraisal';
import {
  AGENCY_DONE,
  AGENCY_NOT_DONE,
  AGENCY_SHEET,
  type AgencyIdentity,
  type AppraisalIdentity,
} from './appraisal-layout';
import { partialAssessment, readCouncilRows, type CouncilRows } from './council-rows';
import { rankSubmissions } from './rank';
import type { SubmissionResult } from './submission';

export interface AgencyWorkbook {
  agency: string;
  criteria: string[];
  /** A file name of its own ("so-y-te.xlsx"). */
  fileName: string;
  spec: SheetsSpec;
  identity: AppraisalIdentity;
}

export type SplitOutcome =
  | {
      ok: true;
      workbooks: AgencyWorkbook[];
      /** Criteria assigned to nobody: the council appraises them itself. */
      council: string[];
    }
  /** The rubric names no agency for some criteria and the workbook has no assignment sheet yet: here it is, added. */
  | { ok: false; kind: 'assign'; spec: SheetsSpec; unassigned: string[] }
  | { ok: false; kind: 'refused'; message: Text };

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of what a council workbook appraises: rubric, version, unit type and each submission's key and digest. */
export async function councilDigest(identity: AppraisalIdentity): Promise<string> {
  const batch = [identity.rubric, identity.version, identity.unit, identity.submissions.map((s) => [s.key, s.digest])];
  return hex(await digest('SHA-256', new TextEncoder().encode(JSON.stringify(batch))));
}

/** The council's workbook rebuilt from its rows, its own cells kept (the assignment sheet added, or a merge's cells). */
export function rebuiltCouncilWorkbook(
  rubric: Rubric,
  council: CouncilRows,
  options: Pick<AppraisalOptions, 'preset' | 'sheets'> = {},
) {
  return appraisalWorkbook(rubric, council.identity.unit as UnitId, council.rows, {
    by: council.identity.by,
    expected: council.expected,
    preset: options.preset ?? ((d, id) => council.cells.get(d)?.get(id)),
    sheets: options.sheets,
  });
}

/** A submission as one agency sees it: only its criteria, totals over them. */
function share(rubric: Rubric, unit: UnitId, s: SubmissionResult, held: Set<string>): SubmissionResult {
  const criteria = s.assessment!.criteria.filter((c) => held.has(c.id));
  const differences = s.differences.filter((d) => held.has(d.criterion));
  return { ...s, differences, assessment: partialAssessment(rubric, unit, criteria) };
}

/** The agency's "Tình trạng" cell: the fourth of the rows below the title. */
const STATUS_CELL = 'B6';

function agencySheet(agency: AgencyIdentity, units: number, lists: ListSheet) {
  const rows: [string, string | number][] = [
    ['Cơ quan thẩm định', agency.name],
    ['Tiêu chí được giao', agency.criteria.join(', ')],
    ['Số đơn vị', units],
    ['Tình trạng', AGENCY_NOT_DONE],
  ];
  return sheetSpec(
    AGENCY_SHEET,
    'visible',
    [
      { address: 'A1', value: `PHẦN THẨM ĐỊNH CỦA ${agency.name.toLocaleUpperCase('vi')}`, style: 'title' },
      ...rows.flatMap(([label, value], i) => [
        { address: `A${i + 3}`, value: label, style: 'label' as const },
        { address: `B${i + 3}`, value, style: i === 3 ? ('input' as const) : ('text' as const), locked: i !== 3 },
      ]),
      {
        address: 'A8',
        value: `Sửa điểm thẩm định ở trang Thẩm định (nền vàng), chọn lý do và ghi chú. Khi đã xem hết, chọn "${AGENCY_DONE}" ở ô Tình trạng rồi gửi tệp cho Hội đồng: điểm để nguyên được hiểu là cơ quan đồng ý với điểm chấm lại.`,
        style: 'text',
      },
    ],
    {
      merges: ['A1:B1', 'A8:B8'],
      columns: [
        { column: 'A', width: 24 },
        { column: 'B', width: 70 },
      ],
      rowHeights: [{ row: 8, height: 60 }],
      validations: [
        {
          range: agency.done.cell,
          type: 'list',
          source: lists.ref([AGENCY_NOT_DONE, AGENCY_DONE]),
          allowBlank: true,
          prompt: {
            title: 'Tình trạng',
            message: `Chọn "${AGENCY_DONE}" khi đã thẩm định xong mọi tiêu chí được giao.`,
          },
          error: { title: 'Tình trạng', message: `Chọn "${AGENCY_NOT_DONE}" hoặc "${AGENCY_DONE}".` },
        },
      ],
      tabColor: '#8764B8',
    },
  );
}

/** The agencies' workbooks from the council's, or the council's workbook with its assignment sheet to fill in first. */
export async function splitByAgency(rubric: Rubric, wb: LoadedWorkbook): Promise<SplitOutcome> {
  const council = readCouncilRows(rubric, wb);
  if ('error' in council) return { ok: false, kind: 'refused', message: council.error };
  if (council.identity.agency)
    return { ok: false, kind: 'refused', message: AGENCY_WORKBOOK(council.identity.agency.name) };
  const unit = council.identity.unit as UnitId;
  const { assignment, fromSheet } = readAssignment(wb, rubric, unit);
  if (!fromSheet && !rubricAssignsAll(rubric, unit)) {
    const { spec } = rebuiltCouncilWorkbook(rubric, council, { sheets: () => [assignmentSheet(rubric, unit)] });
    const unassigned = [...assignment].filter(([, a]) => !a.length).map(([id]) => id);
    return { ok: false, kind: 'assign', spec, unassigned };
  }
  const batch = await councilDigest(council.identity);
  const appraised = council.rows.filter((r) => r.rank !== null);
  const names = new Set<string>();
  const workbooks = agencyShares(assignment).map(({ agency, criteria }): AgencyWorkbook => {
    const held = new Set(criteria);
    const results = appraised.map((r) => share(rubric, unit, r.submission, held));
    const identity: AgencyIdentity = {
      name: agency,
      criteria,
      council: batch,
      done: { sheet: AGENCY_SHEET, cell: STATUS_CELL },
    };
    const built = appraisalWorkbook(rubric, unit, rankSubmissions(rubric, results, council.identity.by), {
      by: council.identity.by,
      agency: identity,
      sheets: (lists) => [agencySheet(identity, results.length, lists)],
    });
    let fileName = agencyFileName(agency);
    for (let n = 2; names.has(fileName); n++) fileName = agencyFileName(`${agency} ${n}`);
    names.add(fileName);
    return { agency, criteria, fileName, ...built };
  });
  return {
    ok: true,
    workbooks,
    council: [...assignment].filter(([, a]) => !a.length).map(([id]) => id),
  };
}

/** An agency's share given where the council's workbook is wanted. */
export const AGENCY_WORKBOOK = (agency: string) =>
  t(
    `phần thẩm định của ${agency}, không phải bảng thẩm định của Hội đồng`,
    `${agency}'s share of the appraisal, not the council's workbook`,
  );

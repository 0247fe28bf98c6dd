/**
 * Reading the council's appraisal workbook back (with the one safe cell reader) and ranking on it:
 * the identity in `_dti` says which sheet, columns and rows hold the appraised cells and which
 * submission (by SHA-256) each key stands for; the rows are found by their key and criterion id,
 * so rows sorted or moved still read right. The cells are applied by ./appraise-live.ts (the
 * pane's live ranking applies them too): the appraised points replace the re-score of exactly the
 * submissions appraised, the totals and level recomputed (the cached results in the file may
 * predate the edits). A submission not in the workbook, or one whose appraised cell holds
 * something the validation would refuse, is not ranked.
 */
import { t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { META_SHEET, type Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { APPRAISAL_MARK, type AppraisalIdentity } from './appraisal-layout';
import { appraiseSubmissions, type AppraisalCells, type AppraisalChange, type AppraisedCell } from './appraise-live';
import type { SubmissionResult } from './submission';

export interface CouncilAppraisal {
  identity: AppraisalIdentity;
  /** By digest, then criterion id; each cell with its row on the sheet. */
  cells: AppraisalCells;
  /** The bonus cells of "Xếp hạng", by digest (empty where the workbook has none). */
  bonus: Map<string, { value: Scalar; reason: string }>;
  /** Level rubrics: the registered-level cells of "Xếp hạng", by digest (empty in workbooks written before they had them). */
  registered: Map<string, Scalar>;
}

/** What the reader needs of a workbook: a file read by the safe reader, or the cells the Office.js port loaded. */
export type AppraisalSource = Pick<LoadedWorkbook, 'read' | 'sheetNames' | 'lastRow'>;

function isIdentity(x: unknown): x is AppraisalIdentity {
  const i = x as AppraisalIdentity;
  return (
    !!i &&
    i.kind === 'appraisal' &&
    typeof i.rubric === 'string' &&
    typeof i.unit === 'string' &&
    Array.isArray(i.submissions) &&
    i.submissions.every((s) => typeof s?.key === 'number' && typeof s?.digest === 'string') &&
    typeof i.layout?.sheet === 'string' &&
    Number.isInteger(i.layout?.firstRow) &&
    typeof i.layout?.columns?.appraised === 'string'
  );
}

/** The identity of a council's workbook in its `_dti` sheet, or null when the workbook is not one. */
export function readAppraisalIdentity(wb: Pick<LoadedWorkbook, 'read' | 'sheetNames'>): AppraisalIdentity | null {
  if (!wb.sheetNames.includes(META_SHEET) || wb.read(META_SHEET, 'A1') !== APPRAISAL_MARK) return null;
  try {
    const identity: unknown = JSON.parse(String(wb.read(META_SHEET, 'B1') ?? ''));
    return isIdentity(identity) ? identity : null;
  } catch {
    return null;
  }
}

/** The council's workbook read, or why it is not one. */
export function readAppraisal(wb: AppraisalSource): CouncilAppraisal | { error: Text } {
  const identity = readAppraisalIdentity(wb);
  if (!identity)
    return {
      error: t(
        'không phải bảng thẩm định của Hội đồng (tạo bằng dti appraise)',
        "not a council's appraisal workbook (made by dti appraise)",
      ),
    };
  const { sheet, columns: col, firstRow, lastRow } = identity.layout;
  if (!wb.sheetNames.includes(sheet)) return { error: t(`thiếu trang "${sheet}"`, `the sheet "${sheet}" is missing`) };
  const digestOf = new Map(identity.submissions.map((s) => [s.key, s.digest]));
  const cells = new Map<string, Map<string, AppraisedCell>>();
  const text = (v: Scalar) => (v === null ? '' : String(v).trim());
  for (let r = firstRow; r <= Math.max(lastRow, wb.lastRow(sheet)); r++) {
    const digest = digestOf.get(wb.read(sheet, `${col.key}${r}`) as number);
    const id = text(wb.read(sheet, `${col.criterion}${r}`));
    if (!digest || !id) continue;
    const of = cells.get(digest) ?? new Map<string, AppraisedCell>();
    of.set(id, {
      value: wb.read(sheet, `${col.appraised}${r}`),
      reason: text(wb.read(sheet, `${col.reason}${r}`)),
      note: text(wb.read(sheet, `${col.note}${r}`)),
      row: r,
    });
    cells.set(digest, of);
  }
  const bonus = identity.layout.ranking.bonus?.columns;
  const registration = identity.layout.ranking.registration?.columns;
  return {
    identity,
    cells,
    bonus: bonus
      ? rankingRows(wb, identity, digestOf, bonus.key, (read) => ({
          value: read(bonus.points),
          reason: text(read(bonus.reason)),
        }))
      : new Map(),
    registered: registration
      ? rankingRows(wb, identity, digestOf, registration.key, (read) => read(registration.registered))
      : new Map(),
  };
}

/** Per submission (by digest), what `cells` reads from its row of "Xếp hạng", found by the unit's number in `keyColumn`. */
function rankingRows<T>(
  wb: AppraisalSource,
  identity: AppraisalIdentity,
  digestOf: Map<number, string>,
  keyColumn: string,
  cells: (read: (column: string) => Scalar) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  const { sheet, firstRow, lastRow } = identity.layout.ranking;
  if (!wb.sheetNames.includes(sheet)) return out;
  for (let r = firstRow; r <= Math.max(lastRow, wb.lastRow(sheet)); r++) {
    const digest = digestOf.get(wb.read(sheet, `${keyColumn}${r}`) as number);
    if (digest)
      out.set(
        digest,
        cells((column) => wb.read(sheet, `${column}${r}`)),
      );
  }
  return out;
}

/**
 * The submissions with the council's appraisal applied, and per submission the criteria it changed.
 * `notInFiles` lists the appraised submissions none of the given files is (changed since, or left out).
 */
export function applyAppraisal(
  rubric: Rubric,
  results: SubmissionResult[],
  appraisal: CouncilAppraisal,
): { results: SubmissionResult[]; changes: Map<string, AppraisalChange[]>; notInFiles: string[] } {
  const { bonus, registration } = appraisal.identity.layout.ranking;
  const applied = appraiseSubmissions(rubric, results, appraisal.cells, {
    listedOnly: true,
    ...(bonus ? { bonus: { cap: bonus.cap, cells: appraisal.bonus } } : {}),
    ...(registration ? { registered: appraisal.registered } : {}),
  });
  const given = new Set(results.map((s) => s.digest));
  const notInFiles = appraisal.identity.submissions.filter((x) => !given.has(x.digest)).map((x) => x.file);
  return { results: applied.results, changes: applied.changes, notInFiles };
}

/**
 * Every column of the council's "Thẩm định" rows read back, per submission (by digest) and
 * criterion: what the feedback to each unit and the second round need beyond the appraised cell
 * (the title, the entry as the council saw it, the self-assessed and re-scored points). Rows are
 * found by key and criterion id through the identity, as readAppraisal finds them.
 */
import type { Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';
import type { AppraisalIdentity } from './appraisal-layout';

export interface AppraisalRow {
  criterion: string;
  title: string;
  entry: string;
  selfAssessed: number | null;
  rescored: number | null;
  /** The appraised cell as the council left it (a number, or text the validation would refuse). */
  appraised: Scalar;
  reason: string;
  note: string;
}

/** A cell as a number: typed numbers, and text with a decimal comma ("2,5"); null when blank or not a number. */
export function cellNumber(v: Scalar): number | null {
  if (typeof v === 'number') return v;
  if (v === null || typeof v === 'boolean' || String(v).trim() === '') return null;
  const n = Number(String(v).trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const text = (v: Scalar) => (v === null ? '' : String(v).trim());

/** The rows of each submission the identity names, by digest then criterion id, in sheet order. */
export function readAppraisalRows(wb: LoadedWorkbook, identity: AppraisalIdentity): Map<string, AppraisalRow[]> {
  const { sheet, columns: col, firstRow, lastRow } = identity.layout;
  const digestOf = new Map(identity.submissions.map((s) => [s.key, s.digest]));
  const out = new Map(identity.submissions.map((s) => [s.digest, [] as AppraisalRow[]]));
  const read = (c: string, r: number) => wb.read(sheet, `${c}${r}`);
  for (let r = firstRow; r <= Math.max(lastRow, wb.lastRow(sheet)); r++) {
    const digest = digestOf.get(read(col.key, r) as number);
    const criterion = text(read(col.criterion, r));
    if (!digest || !criterion) continue;
    out.get(digest)!.push({
      criterion,
      title: text(read(col.title, r)),
      entry: text(read(col.entry, r)),
      selfAssessed: cellNumber(read(col.selfAssessed, r)),
      rescored: cellNumber(read(col.rescored, r)),
      appraised: read(col.appraised, r),
      reason: text(read(col.reason, r)),
      note: text(read(col.note, r)),
    });
  }
  return out;
}

/**
 * Whether the council remarked on a criterion: its appraised points differ from the re-score, or
 * it gave a reason or a note. A blank appraised cell counts as 0, as the sheet's formulas count it.
 */
export function isRemarked(row: AppraisalRow): boolean {
  const appraised = cellNumber(row.appraised) ?? (text(row.appraised) ? NaN : 0);
  return row.reason !== '' || row.note !== '' || !(Math.abs(appraised - (row.rescored ?? 0)) < 0.005);
}

/**
 * The council's edits made in the pane, as writes into its appraisal workbook: each edit's row is
 * found as the reader finds it (by the submission's key and the criterion id, so rows the council
 * sorted or moved still get the right cells), and the row's appraised, reason and note cells are
 * written together. Pure: the Office.js port and the in-memory port apply the same writes.
 */
import { parseAddress, type Scalar } from '../template';
import type { CouncilAppraisal } from './appraisal-read';

/** One criterion as the council appraised it in the pane (a value the validation accepts). */
export interface AppraisalEdit {
  digest: string;
  criterion: string;
  value: number;
  reason: string;
  note: string;
}

export interface AppraisalWrites {
  sheet: string;
  /** One range a row: the appraised, reason and note cells (adjacent columns). */
  ranges: { address: string; values: Scalar[][] }[];
  /** Edits of criteria the workbook has no row for (another workbook, or rows deleted). */
  missing: AppraisalEdit[];
}

const col = (letters: string) => parseAddress(`${letters}1`).col;

export function appraisalWrites(appraisal: CouncilAppraisal, edits: AppraisalEdit[]): AppraisalWrites {
  const { sheet, columns } = appraisal.identity.layout;
  // The written layout keeps the three cells side by side; another layout is written cell by cell.
  const adjacent =
    col(columns.reason) === col(columns.appraised) + 1 && col(columns.note) === col(columns.appraised) + 2;
  const ranges: AppraisalWrites['ranges'] = [];
  const missing: AppraisalEdit[] = [];
  for (const e of edits) {
    const row = appraisal.cells.get(e.digest)?.get(e.criterion)?.row;
    if (row === undefined) {
      missing.push(e);
      continue;
    }
    if (adjacent)
      ranges.push({
        address: `${columns.appraised}${row}:${columns.note}${row}`,
        values: [[e.value, e.reason, e.note]],
      });
    else
      ranges.push(
        { address: `${columns.appraised}${row}`, values: [[e.value]] },
        { address: `${columns.reason}${row}`, values: [[e.reason]] },
        { address: `${columns.note}${row}`, values: [[e.note]] },
      );
  }
  return { sheet, ranges, missing };
}

/**
 * The council's workbook as both ports read and write it: the `_dti` identity, then the appraisal
 * sheet's columns it names, read by the council core's reader (the one `dti rank --appraisal`
 * reads the file with); the pane's edits turned into writes of their rows.
 */
import { t, type Text } from '../../base';
import {
  appraisalWrites,
  readAppraisal,
  readAppraisalIdentity,
  type AppraisalEdit,
  type AppraisalSource,
  type AppraisalWrites,
  type CouncilAppraisal,
  RANKING_SHEET,
} from '../../council';
import { META_SHEET, type Scalar } from '../../template';
import type { AppraisalWriteOutcome } from '../port';

/** How a port reads cells: small sheets whole (with every sheet's name), a large one by columns. */
export interface CellLoader {
  whole(sheets: string[]): Promise<AppraisalSource>;
  columns(sheet: string, columns: string[], first: number, last: number): Promise<(address: string) => Scalar>;
}

/**
 * The council's workbook in the open workbook: `_dti` and "Xếp hạng" first (the identity says where the cells
 * are), then only the five columns the reader reads (key, criterion, appraised, reason, note).
 */
export async function readAppraisalWith(load: CellLoader): Promise<CouncilAppraisal | { error: Text }> {
  // "Xếp hạng" too (one row a unit): the bonus points and registered levels are there.
  const meta = await load.whole([META_SHEET, RANKING_SHEET]);
  const identity = readAppraisalIdentity(meta);
  const layout = identity?.layout;
  if (!layout || !meta.sheetNames.includes(layout.sheet)) return readAppraisal(meta);
  const { key, criterion, appraised, reason, note } = layout.columns;
  const cells = await load.columns(
    layout.sheet,
    [key, criterion, appraised, reason, note],
    layout.firstRow,
    layout.lastRow,
  );
  return readAppraisal({
    sheetNames: meta.sheetNames,
    read: (sheet, address) => (sheet === layout.sheet ? cells(address) : meta.read(sheet, address)),
    lastRow: (sheet) => (sheet === layout.sheet ? layout.lastRow : meta.lastRow(sheet)),
  });
}

export const NO_COUNCIL_WORKBOOK = t(
  'Sổ làm việc đang mở chưa có sổ thẩm định: bấm "Ghi sổ thẩm định" trước.',
  'The open workbook has no appraisal workbook yet: choose "Write the appraisal workbook" first.',
);

/** The edits as writes, or why they cannot be written (nothing is then written). */
export function editsToWrites(
  read: CouncilAppraisal | { error: unknown },
  edits: AppraisalEdit[],
): AppraisalWrites | Extract<AppraisalWriteOutcome, { ok: false }> {
  if ('error' in read) return { ok: false, message: NO_COUNCIL_WORKBOOK };
  const writes = appraisalWrites(read, edits);
  if (writes.missing.length)
    return {
      ok: false,
      message: t(
        `Sổ thẩm định đang mở không có dòng của ${writes.missing.map((m) => m.criterion).join(', ')} cho đơn vị này (sổ của đợt khác?): chưa ghi gì.`,
        `The open appraisal workbook has no row for ${writes.missing.map((m) => m.criterion).join(', ')} of this unit (another batch’s workbook?): nothing was written.`,
      ),
    };
  return writes;
}

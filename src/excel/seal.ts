/**
 * Submit: sealing the open workbook so that a seal is never written over inputs other than the
 * ones it covers, and a failure leaves the workbook as it was. What it writes is the template's
 * (`sealWrite`); values go through the writer's text guard, so a digest or a time never turns into
 * a number or a date.
 *
 *   1. read: the sheets' protection state, the defined names, the template (identity, inputs) and
 *      the rows the seal will take; the seal is computed from exactly these inputs;
 *   2. one batch: the main sheet unprotected if it is protected (protect/unprotect on a sheet
 *      already in that state throws, office-js #6784), every input locked (`inputCells`: the cells
 *      the template leaves unlocked, the same ones a failure unlocks again), the sheet protected, so
 *      nothing can change the inputs any more; then the seal rows written in the very hidden sheet
 *      (unprotected and protected again likewise), the defined name replaced, and the template
 *      read back: the inputs must be the ones the seal covers and the seal the one computed.
 *
 * Any failure, or a read-back that differs (an edit or a co-author between the read and the lock),
 * puts everything back in two more syncs: the inputs unlocked as the template has them, the seal
 * rows and the defined name as they were, each sheet's protection as it was. Then the error says so.
 */
import { DtiError, t, type Text } from '../base';
import {
  computeSeal,
  headerCells,
  META_SHEET,
  SEAL_NAME,
  SEAL_ROWS,
  sealWrite,
  evidenceCells,
  slotCells,
  type FilledTemplate,
  type Seal,
  type TemplateLayout,
} from '../template';
import { parseCell, rangeAddress } from './addresses';
import { cellValue } from './cells';
import { rectangles } from './formats';
import type { ExcelWriterContext } from './office-like';
import { localTime } from './messages';
import { entriesKey, queueTemplateRead, type ExcelReaderContext } from './open-template';
import { queueInspect, type WorkbookState } from './replace';
import { PROTECTION } from './writer';

const FIRST = Math.min(...Object.values(SEAL_ROWS));
const LAST = Math.max(...Object.values(SEAL_ROWS));
/** The rows the seal takes in the very hidden sheet: key in column A, value in B. */
export const SEAL_RANGE = `A${FIRST}:B${LAST}`;

export async function sealWorkbook(
  context: ExcelWriterContext & ExcelReaderContext,
  sealedAt: string,
): Promise<{ seal: Seal; syncs: number }> {
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // 1. What is there now; the seal of exactly these inputs.
  const inspect = queueInspect(context);
  const template = queueTemplateRead(context);
  const rows = context.workbook.worksheets.getItemOrNullObject(META_SHEET).getRange(SEAL_RANGE);
  rows.load('values');
  try {
    await sync();
  } catch (e) {
    throw failure(e, true);
  }
  const state = inspect();
  const filled = template();
  if (!filled) throw new DtiError('no-template', t('Sổ làm việc chưa có mẫu biểu', 'The workbook has no template'));
  if (filled.seal)
    throw new DtiError(
      'workbook-write',
      t(
        `Mẫu biểu đã được niêm phong lúc ${localTime(filled.seal.sealedAt)}; không niêm phong lại.`,
        `The template was already sealed at ${localTime(filled.seal.sealedAt)}; it is not sealed again.`,
      ),
    );
  const previousRows = rows.values as unknown[][];
  const seal = await computeSeal(filled, sealedAt);
  const write = sealWrite(seal, filled.info.layout);
  const wasProtected = (name: string) => state.sheets.find((s) => s.name === name)?.protected ?? false;

  // 2. Lock, then seal, then read back — one batch.
  let again: () => FilledTemplate | undefined = () => undefined;
  try {
    const main = context.workbook.worksheets.getItemOrNullObject(write.lock.sheet);
    if (wasProtected(write.lock.sheet)) main.protection.unprotect();
    for (const range of inputCells(filled.info.layout)) main.getRange(range).format.protection.locked = true;
    main.protection.protect(PROTECTION);
    const meta = context.workbook.worksheets.getItemOrNullObject(write.sheet);
    if (wasProtected(write.sheet)) meta.protection.unprotect();
    meta.getRange(write.range).values = write.rows.map(([key, value]) => [key, value === null ? '' : cellValue(value)]);
    meta.protection.protect(PROTECTION);
    state.names.find((n) => n.name.toLowerCase() === SEAL_NAME.toLowerCase())?.item.delete();
    context.workbook.names.add(write.name.name, write.name.refersTo);
    again = queueTemplateRead(context);
    await sync();
  } catch (e) {
    syncs += await putBack(context, state, filled.info.layout, previousRows);
    throw failure(e, false);
  }
  const after = again();
  if (!after || entriesKey({ ...after, seal: undefined }) !== entriesKey(filled) || !sameSeal(after.seal, seal)) {
    syncs += await putBack(context, state, filled.info.layout, previousRows);
    throw new DtiError(
      'workbook-write',
      t(
        'Số liệu vừa thay đổi trong lúc niêm phong (có người đang nhập?), nên chưa niêm phong: sổ làm việc vẫn như trước. Hãy bấm lại.',
        'The entries changed while sealing (is someone typing?), so nothing was sealed: the workbook is as it was. Please try again.',
      ),
    );
  }
  return { seal, syncs };
}

const sameSeal = (a: Seal | undefined, b: Seal) =>
  a !== undefined && (Object.keys(b) as (keyof Seal)[]).every((k) => a[k] === b[k]);

function failure(e: unknown, beforeAnything: boolean): DtiError {
  const why = e instanceof Error ? e.message : String(e);
  const after: Text = beforeAnything
    ? t(' Chưa có gì thay đổi.', ' Nothing was changed.')
    : t(
        ' Đã trả sổ làm việc về như trước: chưa có niêm phong, các ô nhập liệu như cũ.',
        ' The workbook was put back as it was: no seal, the input cells as before.',
      );
  return new DtiError(
    'workbook-write',
    t(`Không niêm phong được: ${why}.${after.vi}`, `Could not seal: ${why}.${after.en}`),
    { cause: e },
  );
}

/**
 * The cells the template leaves open to the officer (its unlocked inputs), as few ranges: the
 * header's unit name and year, each criterion's input cells (`slotCells`: down the value column
 * from its row, or across the slot columns in a version 1 layout), its evidence and note, the
 * explanation of a remarked criterion in a response, and the general-information cells where the
 * layout has them.
 */
export function inputCells(layout: TemplateLayout): string[] {
  const cells: { row: number; col: number }[] = [];
  const header = headerCells(layout);
  for (const address of [header.unitName, header.year, ...Object.values(layout.general ?? {})])
    cells.push(parseCell(address));
  for (const [id, row] of Object.entries(layout.rows)) {
    // As many as the criterion has inputs: a version 1 layout has more slot columns than most criteria use.
    const slots = slotCells(layout, id, row).slice(0, (layout.inputs[id] ?? []).length);
    const documents = evidenceCells(layout, id, row).flatMap((doc) => Object.values(doc).filter(Boolean));
    const note = layout.note ? [`${layout.note}${row}`] : [];
    const explanation = layout.response?.criteria.includes(id) ? [`${layout.response.explanation}${row}`] : [];
    for (const address of [...slots, ...documents, ...note, ...explanation]) cells.push(parseCell(address));
  }
  return rectangles(cells).map((r) => rangeAddress(r.top, r.left, r.bottom, r.right));
}

/** Two syncs: what the failed batch left, then everything as it was before. Best effort: returns the syncs used. */
async function putBack(
  context: ExcelWriterContext,
  before: WorkbookState,
  layout: TemplateLayout,
  previousRows: unknown[][],
): Promise<number> {
  let syncs = 0;
  try {
    const read = queueInspect(context);
    syncs++;
    await context.sync();
    const now = read();
    const isProtected = (s: WorkbookState, name: string) => s.sheets.find((x) => x.name === name)?.protected ?? false;
    const main = context.workbook.worksheets.getItemOrNullObject(layout.sheet);
    if (isProtected(now, layout.sheet)) main.protection.unprotect();
    for (const range of inputCells(layout)) main.getRange(range).format.protection.locked = false;
    if (isProtected(before, layout.sheet)) main.protection.protect(PROTECTION);
    const meta = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
    if (isProtected(now, META_SHEET)) meta.protection.unprotect();
    meta.getRange(SEAL_RANGE).values = previousRows.map((row) =>
      row.map((v) => (v === null || v === undefined || v === '' ? '' : cellValue(v as string | number | boolean))),
    );
    if (isProtected(before, META_SHEET)) meta.protection.protect(PROTECTION);
    now.names.find((n) => n.name.toLowerCase() === SEAL_NAME.toLowerCase())?.item.delete();
    const old = before.names.find((n) => n.name.toLowerCase() === SEAL_NAME.toLowerCase());
    if (old) context.workbook.names.add(old.name, old.formula);
    syncs++;
    await context.sync();
  } catch {
    // Reported by the caller's error; the inputs' values were never written, only their locks.
  }
  return syncs;
}

/**
 * The appraisal council's workbook (src/council/appraisal.ts) written into the open workbook, in
 * the few syncs of the replacement (./replace.ts) plus one look first (two when a `_dti` sheet is
 * there). Sheets of the same names are never overwritten without asking: the council is asked,
 * and its sheets are then kept under a free name. A workbook holding an officer's template is
 * refused (the two share the `_dti` sheet): the council's workbook goes into a workbook of its own.
 */
import { t, type Text } from '../base';
import { META_SHEET, TEMPLATE_MARK, type SheetsSpec } from '../template';
import type { ExcelWriterContext } from './office-like';
import { queueInspect, queueRecoverInterrupted, replaceSheets } from './replace';
import { STEPS, type ProgressCallback, type WriteOptions } from './writer';

export type CouncilWriteOutcome =
  | { ok: true; syncs: number; moved: { from: string; to: string }[] }
  | { ok: false; kind: 'refused'; message: Text }
  | { ok: false; kind: 'confirm-rename'; sheets: string[]; message: Text };

export interface CouncilWriteChoices extends WriteOptions {
  /** The council agreed that its sheets of the same names be renamed (and kept). */
  renameSheets?: boolean;
  onProgress?: ProgressCallback;
}

export const OFFICER_TEMPLATE_HERE = t(
  'Sổ làm việc này đang chứa mẫu tự đánh giá của một đơn vị. Hãy mở một sổ làm việc trống mới rồi ghi sổ thẩm định vào đó.',
  'This workbook holds a unit’s self-assessment template. Open a new blank workbook and write the appraisal workbook there.',
);

export const renameQuestion = (sheets: string[]): Text =>
  t(
    `Sổ làm việc đã có trang tính tên ${sheets.map((s) => `"${s}"`).join(', ')}. Công cụ không ghi đè lên đó: bấm "Đổi tên và ghi" để giữ trang tính cũ dưới tên mới (ví dụ "${sheets[0]} (2)"), hoặc mở một sổ làm việc mới.`,
    `The workbook already has sheets named ${sheets.map((s) => `"${s}"`).join(', ')}. The add-in does not overwrite them: choose "Rename and write" to keep the old sheets under new names (e.g. "${sheets[0]} (2)"), or open a new workbook.`,
  );

/**
 * Which of the spec's sheets the workbook already has; `officer` when its `_dti` is not of the
 * kind written (its A1 is not the spec's own `_dti` A1: an officer template's "dti-template"). A
 * spec without a `_dti` (the published ranking, added to the council's workbook) is refused only
 * by an officer's template.
 */
export function councilConflicts(
  present: string[],
  spec: SheetsSpec,
  metaMark: unknown,
): { officer: boolean; sheets: string[] } {
  const names = new Set(spec.sheets.map((s) => s.name.toLowerCase()));
  const sheets = present.filter((n) => names.has(n.toLowerCase()));
  const hasMeta = present.some((n) => n.toLowerCase() === META_SHEET.toLowerCase());
  const ownMark = spec.sheets.find((s) => s.name === META_SHEET)?.cells.find((c) => c.address === 'A1')?.value;
  const foreign = ownMark === undefined ? metaMark === TEMPLATE_MARK : metaMark !== ownMark;
  return { officer: hasMeta && foreign, sheets };
}

export async function writeCouncilWorkbook(
  context: ExcelWriterContext,
  spec: SheetsSpec,
  choices: CouncilWriteChoices = {},
): Promise<CouncilWriteOutcome> {
  choices.onProgress?.(STEPS.inspect, 0);
  let syncs = 0;
  const look = async () => {
    const read = queueInspect(context);
    syncs++;
    await context.sync();
    return read();
  };
  let state = await look();
  if (
    queueRecoverInterrupted(
      context,
      state,
      spec.sheets.map((s) => s.name),
    )
  ) {
    syncs++;
    await context.sync();
    state = await look();
  }
  let mark: unknown;
  if (state.sheets.some((s) => s.name === META_SHEET)) {
    const a1 = context.workbook.worksheets.getItemOrNullObject(META_SHEET).getRange('A1');
    a1.load('values');
    syncs++;
    await context.sync();
    mark = a1.values[0]?.[0];
  }
  const conflicts = councilConflicts(
    state.sheets.map((s) => s.name),
    spec,
    mark,
  );
  if (conflicts.officer) return { ok: false, kind: 'refused', message: OFFICER_TEMPLATE_HERE };
  if (conflicts.sheets.length && !choices.renameSheets)
    return { ok: false, kind: 'confirm-rename', sheets: conflicts.sheets, message: renameQuestion(conflicts.sheets) };
  const result = await replaceSheets(context, spec, { ...choices, state, moveAside: conflicts.sheets });
  syncs += result.syncs;
  if (!result.ok) return { ok: false, kind: 'refused', message: result.message };
  return { ok: true, syncs, moved: result.moved };
}

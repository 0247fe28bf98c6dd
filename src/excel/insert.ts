/**
 * "Insert or update the template" in the open workbook, so that it cannot lose an entry:
 *
 *  - one sync reads everything first: the sheets, their protection, the defined names and the
 *    template there (its identity, entries and seal);
 *  - the plan (src/template/plan.ts) carries every entry over by criterion id, or refuses when the
 *    workbook holds another rubric's template;
 *  - it asks before going on when the workbook is sealed (updating voids the seal: the inputs are
 *    unlocked and the seal removed) and when an officer's own sheet has a template sheet's name
 *    but the workbook has no template identity (`_dti`): such a sheet is never touched unless the
 *    officer agrees to have it renamed (it is kept, under a free name);
 *  - the new sheets replace the old ones through ./replace.ts (built under temporary names, read
 *    back, swapped; on any failure the old sheets are as they were), with the old entries read
 *    again just before the swap: had the officer changed one meanwhile, the swap is undone;
 *  - one `CDS.` cell is read back; if it shows #NAME?, the formulas are entered again once Excel
 *    has registered the functions (./functions-check.ts).
 */
import { DtiError, t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import {
  type CarryReport,
  type InsertRequest,
  LISTS_SHEET,
  MAIN_SHEET,
  META_SHEET,
  planInsert,
  SEAL_NAME,
  REPORT_SHEET,
  SUMMARY_SHEET,
} from '../template';
import { sealVoidsQuestion } from './messages';
import { probeCell, reenterFunctionFormulas, type FunctionsStatus, type ReentryOptions } from './functions-check';
import type { ExcelWriterContext } from './office-like';
import { entriesKey, queueTemplateRead, type ExcelReaderContext } from './open-template';
import { queueInspect, queueRecoverInterrupted, replaceSheets } from './replace';
import { checkExcelRequirements } from './requirements';
import { STEPS, WorkbookWriteError, type ProgressCallback, type WriteOptions } from './writer';

export type { InsertRequest };

export interface InsertOptions extends WriteOptions, ReentryOptions {
  /** The officer agreed that updating a sealed workbook voids its seal. */
  voidSeal?: boolean;
  /** The officer agreed to have their own sheets that carry a template sheet's name renamed. */
  renameSheets?: boolean;
}

export type InsertResult =
  | {
      ok: true;
      syncs: number;
      updated: boolean;
      report: CarryReport;
      sealVoided: boolean;
      /** The officer's sheets renamed to make room. */
      moved: { from: string; to: string }[];
      functions: FunctionsStatus;
    }
  /** Nothing was changed: Excel too old, another rubric's template, protected structure, or a failure put back. */
  | { ok: false; kind: 'refused' | 'failed'; message: Text }
  /** Nothing was changed yet: ask, then call again with `voidSeal`. */
  | { ok: false; kind: 'confirm-seal'; message: Text }
  /** Nothing was changed yet: ask, then call again with `renameSheets`. */
  | { ok: false; kind: 'confirm-rename'; sheets: string[]; message: Text };

const CHANGED_MEANWHILE = t(
  'Số liệu trong mẫu biểu vừa thay đổi trong lúc cập nhật (có người đang nhập?), nên việc cập nhật đã được hủy để không mất số liệu mới. Hãy bấm lại.',
  'The entries changed while the template was being updated (is someone typing?), so the update was undone to keep the new entries. Please try again.',
);

export async function insertTemplate(
  context: ExcelWriterContext & ExcelReaderContext,
  rubric: Rubric,
  request: InsertRequest,
  onProgress?: ProgressCallback,
  options: InsertOptions = {},
): Promise<InsertResult> {
  const isSetSupported =
    options.isSetSupported ??
    (typeof Office !== 'undefined'
      ? (n: string, v?: string) => Office.context.requirements.isSetSupported(n, v)
      : undefined);
  const requirements = checkExcelRequirements(isSetSupported && { context: { requirements: { isSetSupported } } });
  if (!requirements.ok) return { ok: false, kind: 'refused', message: requirements.text };
  let syncs = 0;
  try {
    // 1. Everything first: the sheets, names, protection and the template with its entries and seal.
    onProgress?.(STEPS.inspect, 0);
    const look = async () => {
      const inspect = queueInspect(context);
      const template = queueTemplateRead(context);
      syncs++;
      await context.sync();
      return { state: inspect(), existing: template() };
    };
    let { state, existing } = await look();
    if (queueRecoverInterrupted(context, state, TEMPLATE_SHEETS)) {
      syncs++;
      await context.sync();
      ({ state, existing } = await look());
    }

    const plan = planInsert(existing, rubric, request);
    if (!plan.ok) return { ok: false, kind: 'refused', message: plan.message };
    if (existing?.seal && !options.voidSeal)
      return { ok: false, kind: 'confirm-seal', message: sealVoidsQuestion(existing.seal.sealedAt) };
    const names = new Set(plan.spec.sheets.map((s) => s.name.toLowerCase()));
    const conflicts = existing ? [] : state.sheets.filter((s) => names.has(s.name.toLowerCase())).map((s) => s.name);
    if (conflicts.length > 0 && !options.renameSheets)
      return {
        ok: false,
        kind: 'confirm-rename',
        sheets: conflicts,
        message: t(
          `Sổ làm việc đã có trang tính của bạn tên ${conflicts.map((c) => `"${c}"`).join(', ')}, trùng tên trang tính của mẫu biểu. Công cụ không ghi đè lên đó. Bạn có thể tự đổi tên trang tính rồi chèn lại, chèn mẫu vào một sổ làm việc mới, hoặc để công cụ đổi tên giúp (trang tính của bạn được giữ nguyên, chỉ đổi tên, ví dụ "${conflicts[0]} (2)").`,
          `The workbook already has your own sheet named ${conflicts.map((c) => `"${c}"`).join(', ')}, the name of a template sheet. The add-in does not overwrite it. You can rename it yourself and insert again, insert the template into a new workbook, or let the add-in rename it for you (your sheet is kept as it is, only renamed, e.g. "${conflicts[0]} (2)").`,
        ),
      };

    // 2–5. The replacement, guarded by the old entries read again just before the swap.
    const before = entriesKey(existing);
    const probe = probeCell(plan.spec);
    const result = await replaceSheets(context, plan.spec, {
      isSetSupported,
      onProgress,
      state,
      moveAside: conflicts,
      dropNames: [SEAL_NAME],
      guard: existing
        ? {
            queue: () => {
              const again = queueTemplateRead(context);
              return () => entriesKey(again()) === before;
            },
            message: CHANGED_MEANWHILE,
          }
        : undefined,
      probe,
    });
    syncs += result.syncs;
    if (!result.ok) return { ok: false, kind: 'refused', message: result.message };

    // The functions: #NAME? in the probe cell means Excel had not registered them when the formulas went in.
    let functions: FunctionsStatus = { ok: true };
    if (result.probe === '#NAME?') {
      onProgress?.(STEPS.functions, 1);
      const reentry = await reenterFunctionFormulas(context, plan.spec, options);
      syncs += reentry.syncs;
      functions = reentry.status;
      onProgress?.(STEPS.done, 1);
    }
    return {
      ok: true,
      syncs,
      updated: plan.updated,
      report: plan.report,
      sealVoided: existing?.seal !== undefined,
      moved: result.moved,
      functions,
    };
  } catch (e) {
    if (e instanceof WorkbookWriteError) return { ok: false, kind: 'failed', message: e.text };
    if (e instanceof DtiError) throw e;
    // Reading the workbook failed: nothing was written.
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      kind: 'failed',
      message: t(
        `Không đọc được sổ làm việc: ${why}. Sổ làm việc vẫn như trước: chưa có gì bị thay đổi.`,
        `Could not read the workbook: ${why}. The workbook is as it was: nothing was changed.`,
      ),
    };
  }
}

/** Every template's sheets (src/template/layout.ts), which an interrupted run was replacing. */
const TEMPLATE_SHEETS = [MAIN_SHEET, SUMMARY_SHEET, REPORT_SHEET, LISTS_SHEET, META_SHEET];

/**
 * "Insert or update the template" in the open workbook: one sync to read what is there, the plan
 * (src/template/plan.ts: carry every entry over by criterion id), the writer's few syncs to write.
 */
import type { Text } from '../base';
import type { Rubric } from '../rubrics';
import { type CarryReport, type InsertRequest, planInsert } from '../template';
import { readOpenTemplate, type ExcelReaderContext } from './open-template';
import type { ExcelWriterContext } from './office-like';
import { writeWorkbookSpec, type ProgressCallback, type WriteOptions } from './writer';
import { checkExcelRequirements } from './requirements';

export type { InsertRequest };

export type InsertResult =
  | { ok: true; syncs: number; updated: boolean; report: CarryReport }
  /** Excel is too old, or the workbook holds a template of another rubric or unit type: nothing was changed. */
  | { ok: false; message: Text };

export async function insertTemplate(
  context: ExcelWriterContext & ExcelReaderContext,
  rubric: Rubric,
  request: InsertRequest,
  onProgress?: ProgressCallback,
  options?: WriteOptions,
): Promise<InsertResult> {
  const isSetSupported =
    options?.isSetSupported ??
    (typeof Office !== 'undefined'
      ? (n: string, v?: string) => Office.context.requirements.isSetSupported(n, v)
      : undefined);
  const requirements = checkExcelRequirements(isSetSupported && { context: { requirements: { isSetSupported } } });
  if (!requirements.ok) return { ok: false, message: requirements.text };
  onProgress?.('Đang đọc mẫu hiện có', 0);
  const plan = planInsert(await readOpenTemplate(context), rubric, request);
  if (!plan.ok) return plan;
  const { syncs } = await writeWorkbookSpec(context, plan.spec, onProgress, options);
  return { ok: true, syncs: syncs + 1, updated: plan.updated, report: plan.report };
}

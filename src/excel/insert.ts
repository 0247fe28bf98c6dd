/**
 * "Insert or update the template" in the open workbook: read what is there, carry every entry
 * over by criterion id, build the template, write it. One sync to read, the writer's few to write,
 * whatever the rubric's size.
 */
import { resolveUnit } from '../engine';
import { t, type Text } from '../engine/text';
import type { Rubric } from '../rubrics/schema';
import { buildTemplate } from '../template/build';
import { carryEntries, type CarryReport } from '../template/entries';
import { readOpenTemplate, type ExcelReaderContext } from './open-template';
import { writeWorkbookSpec, type ExcelWriterContext, type ProgressCallback, type WriteOptions } from './office-writer';
import { checkExcelRequirements } from './requirements';

export interface InsertRequest {
  unit: string;
  unitName?: string;
  year?: number;
}

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
  const isSetSupported = options?.isSetSupported ?? (typeof Office !== 'undefined' ? (n: string, v?: string) => Office.context.requirements.isSetSupported(n, v) : undefined);
  const requirements = checkExcelRequirements(isSetSupported && { context: { requirements: { isSetSupported } } });
  if (!requirements.ok) return { ok: false, message: requirements.text };
  onProgress?.('Đang đọc mẫu hiện có', 0);
  const existing = await readOpenTemplate(context);
  const unit = resolveUnit(rubric, request.unit);
  let report: CarryReport = { carried: [], lost: [] };
  let entries;
  if (existing) {
    const { meta, layout } = existing.info;
    if (meta.rubric !== rubric.id || meta.unit !== unit)
      return {
        ok: false,
        message: t(
          `Sổ làm việc này đã có mẫu ${meta.rubric} (${meta.unit}). Để không mất số liệu đã nhập, hãy chèn mẫu ${rubric.id} (${unit}) vào một sổ làm việc mới.`,
          `This workbook already holds a ${meta.rubric} (${meta.unit}) template. To keep its entries, insert ${rubric.id} (${unit}) into a new workbook.`,
        ),
      };
    ({ entries, report } = carryEntries(existing.entries, rubric, unit, layout.inputs));
  }
  const spec = buildTemplate(rubric, {
    unit,
    unitName: request.unitName ?? existing?.unitName,
    year: request.year ?? existing?.year,
    entries,
  });
  const { syncs } = await writeWorkbookSpec(context, spec, onProgress, options);
  return { ok: true, syncs: syncs + 1, updated: existing !== undefined, report };
}

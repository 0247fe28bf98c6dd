/**
 * What "insert or update the template" means, independent of where the workbook lives: given the
 * template already there (if any), build the new one with every entry carried over, or refuse
 * when the workbook holds another rubric's template. Office.js and the demo workbook both use it.
 */
import { resolveUnit, type PreviousResult } from '../engine';
import { t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { buildTemplate, type ResponseRequest } from './build';
import { carryEntries, type CarryReport, type FilledTemplate } from './entries';
import type { WorkbookSpec } from './spec';

export interface InsertRequest {
  unit: string;
  unitName?: string;
  year?: number;
  /** Last year's result, for the summary sheet's comparison (the pane's "Ghi vào Tổng hợp"). */
  previous?: PreviousResult;
  /** The council's feedback imported (a response); without it, a response already there stays one. */
  response?: ResponseRequest;
}

export type InsertPlan =
  { ok: true; spec: WorkbookSpec; updated: boolean; report: CarryReport } | { ok: false; message: Text };

export function planInsert(existing: FilledTemplate | undefined, rubric: Rubric, request: InsertRequest): InsertPlan {
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
    registeredLevel: existing?.registered,
    entries,
    previous: request.previous,
    response: request.response ?? responseOf(existing),
  });
  return { ok: true, spec, updated: existing !== undefined, report };
}

/** The response a template already is, kept when it is rebuilt. */
export function responseOf(existing: FilledTemplate | undefined): ResponseRequest | undefined {
  const r = existing?.info.layout.response;
  return r ? { round: r.round, answers: r.answers, remarks: existing!.remarks ?? {} } : undefined;
}

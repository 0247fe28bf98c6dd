/** The CLI's workbook side: `dti template` and reading filled templates for `dti score`. */
import { DtiError, resolveUnit, type AssessmentInput } from '../engine';
import { t } from '../engine/text';
import { getRubric } from '../rubrics/catalog';
import { buildTemplate, entriesFromValues, type CriterionEntry } from '../template/build';
import { carryEntries, readEntries, readTemplateInfo, toAssessmentInput, type CarryReport } from '../template/entries';
import { loadXlsx } from '../xlsx/read';
import { writeXlsx } from '../xlsx/write';

export async function assessmentFromXlsx(file: string, bytes: Uint8Array): Promise<AssessmentInput & { rubric: string }> {
  let wb;
  try {
    wb = await loadXlsx(bytes);
  } catch (e) {
    throw new DtiError('xlsx', t(`${file}: không đọc được tệp Excel (${(e as Error).message})`, `${file}: cannot read the Excel file (${(e as Error).message})`));
  }
  const info = readTemplateInfo(wb.read);
  if (!info)
    throw new DtiError('not-template', t(`${file}: không phải mẫu tự đánh giá DTI (thiếu trang _dti)`, `${file}: not a DTI self-assessment template (no _dti sheet)`));
  const rubric = getRubric(info.meta.rubric);
  return toAssessmentInput(rubric, readEntries(wb.read, info));
}

export interface TemplateRequest {
  rubric: string;
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries to start from: a self-assessment JSON's values, or an older template's entries. */
  from?: { kind: 'json'; values: Record<string, unknown>; unitName?: string; year?: number } | { kind: 'xlsx'; bytes: Uint8Array; file: string };
}

export async function makeTemplate(req: TemplateRequest): Promise<{ bytes: Uint8Array; report?: CarryReport; criteria: number }> {
  const rubric = getRubric(req.rubric);
  const unit = resolveUnit(rubric, req.unit);
  let entries: Record<string, CriterionEntry> | undefined;
  let report: CarryReport | undefined;
  let unitName = req.unitName;
  let year = req.year;
  if (req.from?.kind === 'json') {
    entries = entriesFromValues(rubric, unit, req.from.values);
    unitName ??= req.from.unitName;
    year ??= req.from.year;
  } else if (req.from?.kind === 'xlsx') {
    const wb = await loadXlsx(req.from.bytes);
    const info = readTemplateInfo(wb.read);
    if (!info) throw new DtiError('not-template', t(`${req.from.file}: không phải mẫu tự đánh giá DTI`, `${req.from.file}: not a DTI template`));
    const filled = readEntries(wb.read, info);
    ({ entries, report } = carryEntries(filled.entries, rubric, unit, info.layout.inputs));
    unitName ??= filled.unitName || undefined;
    year ??= filled.year;
  }
  const spec = buildTemplate(rubric, { unit, unitName, year, entries });
  return { bytes: await writeXlsx(spec), report, criteria: Object.keys(spec.layout.rows).length };
}

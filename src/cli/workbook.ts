/** The CLI's workbook side: `dti template` and reading filled templates for `dti score`. */
import { resolveUnit, type AssessmentInput } from '../engine';
import { DtiError, t } from '../base';
import { getRubric, type Rubric } from '../rubrics';
import {
  buildTemplate,
  carryEntries,
  type CarryReport,
  type CriterionEntry,
  entriesFromValues,
  readEntries,
  readTemplateInfo,
  toAssessmentInput,
} from '../template';
import { loadXlsx, writeXlsx } from '../xlsx';

/** The rubric a template names, from the library unless the caller knows it (a rubric outside the library). */
type RubricOf = (id: string) => Rubric;

export async function assessmentFromXlsx(
  file: string,
  bytes: Uint8Array,
  rubricOf: RubricOf = getRubric,
): Promise<AssessmentInput & { rubric: string }> {
  let wb;
  try {
    wb = await loadXlsx(bytes);
  } catch (e) {
    throw new DtiError(
      'xlsx',
      t(
        `${file}: không đọc được tệp Excel (${(e as Error).message})`,
        `${file}: cannot read the Excel file (${(e as Error).message})`,
      ),
    );
  }
  const info = readTemplateInfo(wb.read);
  if (!info)
    throw new DtiError(
      'not-template',
      t(
        `${file}: không phải mẫu tự đánh giá DTI (thiếu trang _dti)`,
        `${file}: not a DTI self-assessment template (no _dti sheet)`,
      ),
    );
  const rubric = rubricOf(info.meta.rubric);
  return toAssessmentInput(rubric, readEntries(wb.read, info));
}

export interface TemplateRequest {
  /** A library rubric's id, or any validated rubric. */
  rubric: string | Rubric;
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries to start from: a self-assessment JSON's values, or an older template's entries. */
  from?:
    | { kind: 'json'; values: Record<string, unknown>; unitName?: string; year?: number }
    | { kind: 'xlsx'; bytes: Uint8Array; file: string };
}

export async function makeTemplate(
  req: TemplateRequest,
): Promise<{ bytes: Uint8Array; report?: CarryReport; criteria: number }> {
  const rubric = typeof req.rubric === 'string' ? getRubric(req.rubric) : req.rubric;
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
    if (!info)
      throw new DtiError(
        'not-template',
        t(`${req.from.file}: không phải mẫu tự đánh giá DTI`, `${req.from.file}: not a DTI template`),
      );
    const filled = readEntries(wb.read, info);
    ({ entries, report } = carryEntries(filled.entries, rubric, unit, info.layout.inputs));
    unitName ??= filled.unitName || undefined;
    year ??= filled.year;
  }
  const spec = buildTemplate(rubric, { unit, unitName, year, entries });
  return { bytes: await writeXlsx(spec), report, criteria: Object.keys(spec.layout.rows).length };
}

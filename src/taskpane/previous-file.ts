/**
 * Last year's file, picked in the pane: its bytes read the way `dti score` and the council read a
 * workbook (the safe package reader, the one cell reader, the template found by its identity) or
 * as a self-assessment .json, then scored under the rubric the file names, never this year's.
 * Loaded as its own chunk, only when a file is picked.
 */
import { DtiError, t, type Text } from '../base';
import { assess, type AssessmentInput, type PreviousResult } from '../engine';
import { getRubric } from '../rubrics';
import { MalformedPackageError, readWorkbookParts } from '../signature';
import { locateTemplate, readEntries, toAssessmentInput } from '../template';
import { describeFile, readParts, WorkbookFormatError } from '../workbook';

export type PreviousFile = { ok: true; previous: PreviousResult; errors: number } | { ok: false; message: Text };

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;

/** A workbook's template read into an engine input (throws a reader error or a DtiError). */
function fromWorkbook(name: string, bytes: Uint8Array): AssessmentInput & { rubric: string } {
  const kind = describeFile(bytes, name);
  if (kind.kind !== 'xlsx') throw new DtiError('xlsx', kind.text);
  const wb = readParts(readWorkbookParts(bytes));
  const located = locateTemplate(wb);
  if (!located.found) throw new DtiError('not-template', located.reason);
  const rubric = getRubric(located.info.meta.rubric);
  return { ...toAssessmentInput(rubric, readEntries(wb.read, located.info)), rubric: rubric.id };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A self-assessment .json: the fields the engine needs, checked as far as scoring needs them. */
function fromJson(bytes: Uint8Array): AssessmentInput & { rubric: string } {
  const data: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (!isRecord(data) || typeof data.rubric !== 'string' || typeof data.unit !== 'string' || !isRecord(data.values))
    throw new DtiError(
      'file-shape',
      t(
        'không phải bản tự đánh giá: cần "rubric", "unit" và "values"',
        'not a self-assessment: "rubric", "unit" and "values" are needed',
      ),
    );
  const { rubric, unit, values } = data;
  return {
    rubric,
    unit,
    values: values as AssessmentInput['values'],
    ...(typeof data.unitName === 'string' ? { unitName: data.unitName } : {}),
    ...(typeof data.year === 'number' ? { year: data.year } : {}),
    ...(isRecord(data.general) ? { general: data.general as AssessmentInput['general'] } : {}),
    ...(isRecord(data.options) ? { options: data.options as AssessmentInput['options'] } : {}),
  };
}

export function readPreviousFile(name: string, bytes: Uint8Array): PreviousFile {
  try {
    const input = isZip(bytes) ? fromWorkbook(name, bytes) : fromJson(bytes);
    const rubric = getRubric(input.rubric);
    const assessment = assess(rubric, input);
    const errors = assessment.problems.filter((p) => p.severity === 'error').length;
    return { ok: true, previous: { assessment, year: input.year, decision: rubric.decision.number }, errors };
  } catch (e) {
    if (e instanceof DtiError) return { ok: false, message: e.text };
    if (e instanceof MalformedPackageError || e instanceof WorkbookFormatError || e instanceof SyntaxError)
      return {
        ok: false,
        message: t('tệp bị hỏng hoặc không phải tệp Excel hay .json', 'the file is damaged, or not Excel or .json'),
      };
    throw e;
  }
}

/**
 * The CLI's workbook side: `dti template` and reading filled templates for `dti score`. Files are
 * read through the safe package reader and the one cell reader (./open-workbook.ts); ExcelJS only
 * writes.
 */
import { DtiError, t } from '../base';
import {
  dmyOf,
  EVIDENCE_FIELDS,
  evidenceLabel,
  isBlank,
  parseDate,
  resolveUnit,
  type AssessmentInput,
  type PreviousResult,
} from '../engine';
import { getRubric, type Rubric } from '../rubrics';
import {
  buildTemplate,
  carryEntries,
  entriesFromAssessment,
  evidenceCells,
  readEntries,
  responseOf,
  slotCells,
  toAssessmentInput,
  type AssessmentValues,
  type CarryReport,
  type CriterionEntry,
  type FilledTemplate,
  type LocateProblem,
  type ResponseRequest,
  type Scalar,
  type TemplateInfo,
  type WorkbookSpec,
} from '../template';
import type { LoadedWorkbook } from '../workbook';
import { writeXlsx } from '../xlsx';
import { openTemplate, workbookError } from './open-workbook';

/** The rubric a template names, from the library unless the caller knows it (a rubric outside the library). */
type RubricOf = (id: string) => Rubric;

/** A filled template's engine input, and what finding the template in the workbook turned up. */
export async function readXlsxAssessment(
  file: string,
  bytes: Uint8Array,
  rubricOf: RubricOf = getRubric,
): Promise<{ input: AssessmentInput & { rubric: string }; problems: LocateProblem[] }> {
  const { wb, info, problems } = openTemplate(file, bytes);
  const rubric = rubricOf(info.meta.rubric);
  try {
    const filled = readEntries(wb.read, info);
    return { input: toAssessmentInput(rubric, filled), problems: [...problems, ...evidenceDates(info, filled)] };
  } catch (e) {
    throw workbookError(file, e) ?? e;
  }
}

/**
 * The evidence dates of a filled template, checked as the pane's check does: a date that does not
 * exist or a bare small number (a serial before 2000) is an error; a document dated outside the
 * assessment year and the year before is a warning.
 */
function evidenceDates(info: TemplateInfo, filled: FilledTemplate): LocateProblem[] {
  const out: LocateProblem[] = [];
  const { layout } = info;
  const dates = Object.entries(filled.entries).flatMap(([id, entry]) =>
    entry.evidence.map((d) => ({ id, raw: d.date, row: d.row ?? layout.rows[id] })),
  );
  for (const { id, raw, row } of dates) {
    if (isBlank(raw) || !layout.evidence.date) continue;
    const cell = `${layout.sheet}!${layout.evidence.date}${row}`;
    const date = parseDate(raw);
    // A small number in a date cell reads as a date of 1900 (1 → 31/12/1899): a number, not a date.
    if (date.ok && date.value < '2000-01-01')
      out.push({
        severity: 'error',
        code: 'evidence-date',
        cell,
        text: t(
          `${id}: Ngày văn bản (${cell}) là ${dmyOf(date.value)}, trước năm 2000: ô chứa một con số, không phải ngày (nhập dd/mm/yyyy)`,
          `${id}: Document date (${cell}) is ${dmyOf(date.value)}, before 2000: the cell holds a number, not a date (enter dd/mm/yyyy)`,
        ),
      });
    else if (!date.ok)
      out.push({
        severity: 'error',
        code: 'evidence-date',
        cell,
        text: t(`${id}: Ngày văn bản (${cell}): ${date.error.vi}`, `${id}: Document date (${cell}): ${date.error.en}`),
      });
    else if (filled.year && !parseDate(raw, filled.year).ok)
      out.push({
        severity: 'warning',
        code: 'evidence-date',
        cell,
        text: t(
          `${id}: Văn bản ngày ${dmyOf(date.value)} (${cell}) không thuộc năm đánh giá ${filled.year} hoặc năm trước đó`,
          `${id}: Document dated ${dmyOf(date.value)} (${cell}), outside the assessment year ${filled.year} and the year before`,
        ),
      });
  }
  return out;
}

export async function assessmentFromXlsx(
  file: string,
  bytes: Uint8Array,
  rubricOf: RubricOf = getRubric,
): Promise<AssessmentInput & { rubric: string }> {
  return (await readXlsxAssessment(file, bytes, rubricOf)).input;
}

export interface TemplateRequest {
  /** A library rubric's id, or any validated rubric. */
  rubric: string | Rubric;
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries to start from: a self-assessment JSON's values, or an older template's entries. */
  from?:
    | ({ kind: 'json'; file?: string; unitName?: string; year?: number } & AssessmentValues)
    | { kind: 'xlsx'; bytes: Uint8Array; file: string };
  /** Last year's result, compared with on the summary sheet. */
  previous?: PreviousResult;
  /** The council's feedback answered; without it, a response given as `from` stays one. */
  response?: ResponseRequest;
}

type Change = NonNullable<CarryReport['changed']>[number];

/** The first argument of =HYPERLINK("target", …), when it is a plain string. */
const hyperlinkFormula = (formula: string | undefined) =>
  formula ? /^\s*HYPERLINK\s*\(\s*"((?:[^"]|"")*)"/i.exec(formula)?.[1]?.replace(/""/g, '"') : undefined;

/**
 * What the cell reader gives beyond the values readEntries reads: an evidence link's target (the
 * hyperlink Excel stores beside the cell, or =HYPERLINK's), written into the link cell in place
 * of the text it showed; and every entry cell holding a formula, whose value is carried without
 * it. Both are said in the report.
 */
function linksAndFormulas(wb: LoadedWorkbook, info: TemplateInfo, filled: FilledTemplate): Change[] {
  const { layout } = info;
  const sheet = layout.sheet;
  const changed: Change[] = [];
  for (const [id, row] of Object.entries(layout.rows)) {
    const entry = filled.entries[id];
    if (!entry) continue;
    const documents = evidenceCells(layout, id, row);
    const cells: [string, string][] = [
      ...slotCells(layout, id, row).map((a, i) => [`Giá trị ${i + 1}`, a] as [string, string]),
      ...documents.flatMap((doc, i) => EVIDENCE_FIELDS.map((f) => [evidenceLabel(f, i), doc[f]] as [string, string])),
      ['Ghi chú', layout.note ? `${layout.note}${row}` : ''],
    ].filter(([, a]) => a) as [string, string][];
    for (const [what, address] of cells) {
      if (!wb.hasFormula(sheet, address)) continue;
      const formula = wb.formula(sheet, address) ?? '';
      const value = wb.read(sheet, address);
      changed.push({
        criterion: id,
        what,
        value: `=${formula}`,
        reason: `ô ${address} có công thức; mẫu mới giữ giá trị ${isBlank(value) ? '(trống)' : `"${String(value)}"`}, không giữ công thức`,
        reasonEn: `cell ${address} holds a formula; the new template keeps its value ${isBlank(value) ? '(empty)' : `"${String(value)}"`}, not the formula`,
      });
    }
    if (!layout.evidence.link) continue;
    for (const doc of entry.evidence) {
      const linkCell = `${layout.evidence.link}${doc.row ?? row}`;
      const target = wb.hyperlink(sheet, linkCell) ?? hyperlinkFormula(wb.formula(sheet, linkCell));
      if (!target) continue;
      const shown = doc.link;
      doc.link = target;
      if (!isBlank(shown) && String(shown).trim() !== target)
        changed.push({
          criterion: id,
          what: 'Liên kết',
          value: shown,
          reason: `mẫu mới ghi đích của liên kết (${target}) thay cho chữ hiển thị`,
          reasonEn: `the new template holds the link's target (${target}) in place of the text shown`,
        });
    }
  }
  return changed;
}

/** The general-information items of an old template that the rubric still has; the others reported. */
function carryGeneral(rubric: Rubric, old: Record<string, Scalar>, report: CarryReport): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [id, value] of Object.entries(old ?? {})) {
    if (isBlank(value)) continue;
    if (rubric.general.some((g) => g.id === id)) out[id] = value;
    else
      report.lost.push({
        criterion: '(thông tin chung)',
        what: id,
        value,
        reason: `không có mục thông tin chung này trong ${rubric.id}`,
        reasonEn: `no such general-information item in ${rubric.id}`,
      });
  }
  return out;
}

/** A self-assessment of another rubric or unit type is refused: its ids would mean other criteria. */
function checkSameRubric(file: string | undefined, rubric: Rubric, unit: string, from: AssessmentValues): void {
  const theirs = `${from.rubric ?? '?'} (${from.unit ?? '?'})`;
  if (
    (from.rubric === undefined || from.rubric === rubric.id) &&
    (from.unit === undefined || from.unit.trim() === unit)
  )
    return;
  const name = file ? `${file}: ` : '';
  throw new DtiError(
    'file-shape',
    t(
      `${name}bản tự đánh giá theo ${theirs}, không phải ${rubric.id} (${unit}): tạo mẫu bằng --rubric ${from.rubric} --unit ${from.unit}`,
      `${name}a self-assessment for ${theirs}, not ${rubric.id} (${unit}): make the template with --rubric ${from.rubric} --unit ${from.unit}`,
    ),
  );
}

export async function makeTemplate(
  req: TemplateRequest,
): Promise<{ bytes: Uint8Array; report?: CarryReport; criteria: number; problems: LocateProblem[] }> {
  const { spec, report, problems } = templateSpec(req);
  return { bytes: await writeXlsx(spec), report, criteria: Object.keys(spec.layout.rows).length, problems };
}

/** The template a request describes, with what carrying the entries over turned up. */
export function templateSpec(req: TemplateRequest): {
  spec: WorkbookSpec;
  report?: CarryReport;
  problems: LocateProblem[];
} {
  const rubric = typeof req.rubric === 'string' ? getRubric(req.rubric) : req.rubric;
  const unit = resolveUnit(rubric, req.unit);
  let entries: Record<string, CriterionEntry> | undefined;
  let report: CarryReport | undefined;
  let general: Record<string, Scalar> | undefined;
  let unitName = req.unitName;
  let problems: LocateProblem[] = [];
  let year = req.year;
  let response = req.response;
  let registeredLevel: number | undefined;
  if (req.from?.kind === 'json') {
    checkSameRubric(req.from.file, rubric, unit, req.from);
    ({ entries, general, report } = entriesFromAssessment(rubric, unit, req.from));
    unitName ??= req.from.unitName;
    year ??= req.from.year;
  } else if (req.from?.kind === 'xlsx') {
    const opened = openTemplate(req.from.file, req.from.bytes);
    const { wb, info } = opened;
    problems = opened.problems;
    let filled;
    let changed: Change[];
    try {
      filled = readEntries(wb.read, info);
      changed = linksAndFormulas(wb, info, filled);
    } catch (e) {
      throw workbookError(req.from.file, e) ?? e;
    }
    ({ entries, report } = carryEntries(filled.entries, rubric, unit, info.layout.inputs));
    response ??= responseOf(filled);
    report.changed = [...changed, ...(report.changed ?? [])];
    general = carryGeneral(rubric, filled.general, report);
    unitName ??= filled.unitName || undefined;
    year ??= filled.year;
    registeredLevel = filled.registered;
  }
  if (report && year === undefined) {
    // A template always states its year (deadlines are checked against it): said, not assumed silently.
    year = new Date().getFullYear();
    (report.changed ??= []).push({
      criterion: '(năm đánh giá)',
      what: 'Năm',
      value: year,
      reason: `tệp không ghi năm đánh giá; mẫu mới ghi năm ${year} (đổi bằng --year)`,
      reasonEn: `the file states no assessment year; the new template states ${year} (change it with --year)`,
    });
  }
  return {
    spec: buildTemplate(rubric, {
      unit,
      unitName,
      year,
      entries,
      general,
      previous: req.previous,
      response,
      registeredLevel,
    }),
    report,
    problems,
  };
}

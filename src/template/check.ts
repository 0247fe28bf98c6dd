/**
 * The task pane's "Check": every entered value and evidence entry against its criterion — the
 * value's kind and range (the engine), the evidence the decision requires, a digitally signed file
 * where it asks for one ("file điện tử có ký số"), and the completion deadline. Pure: it reads a
 * filled template and says what is wrong and in which cell; it changes nothing.
 */
import { assess, criteriaFor, dmyOf, isBlank, parseBoolean, parseDate, resolveUnit, type RawValue } from '../engine';
import { t, type Text } from '../base';
import type { Criterion, Rubric } from '../rubrics';
import { toAssessmentInput, type FilledTemplate } from './entries';
import { headerCells, slotCells } from './layout';

/** The check a signed document needs; the template's check cell says the same (`writeCriterionRow`). */
export const SIGNED_REQUIRED = t(
  'Quyết định yêu cầu file điện tử có ký số: chọn "Có" khi tài liệu đã được ký số',
  'The decision requires a digitally signed file: choose "Có" once the document is signed',
);

/** Whether an entry claims something evidence must prove: points (or a deduction), or a level above 0. */
export const claims = (rubric: Rubric, r: { points: number | null; level?: number }) =>
  rubric.kind === 'levels' ? (r.level ?? 0) > 0 : (r.points ?? 0) !== 0;

/** Whether a signed-file cell says yes ("Có", TRUE …); blank or anything else is no. */
function signedYes(signed: RawValue): boolean {
  if (isBlank(signed)) return false;
  const yes = parseBoolean(signed);
  return yes.ok === true && yes.value;
}

/** Whether any of a criterion's documents is a signed file (the decision asks for one, not for all). */
const anySigned = (signed: readonly RawValue[]) => signed.some(signedYes);

/**
 * What a criterion's check cell shows: the functions' verdict, or — where the decision asks for a
 * signed file and the entry claims points or a level — the request for the signed file's "Có"
 * until it is given (the same rule as `checkTemplate`, written as a formula by the template).
 */
export function checkCellText(
  rubric: Rubric,
  criterion: Criterion,
  result: { points: number | null; level?: number },
  /** The signed-file cell of each of the criterion's document rows. */
  signed: readonly RawValue[],
  check: string,
): string {
  if (!criterion.evidence?.signed || !claims(rubric, result)) return check;
  return anySigned(signed) ? check : SIGNED_REQUIRED.vi;
}

/** What a problem is about, for the pane's filters and progress line. */
export type ProblemKind = 'header' | 'not-entered' | 'value' | 'evidence';

export interface EntryProblem {
  criterion?: string;
  severity: 'error' | 'warning';
  kind: ProblemKind;
  message: Text;
  /** The cell to select when the officer clicks the problem. */
  cell: { sheet: string; address: string };
}

/** Whether a document dated `date` is in time for a deadline on `due` (the day itself counts unless the reading says otherwise). */
function late(
  date: string,
  due: string,
  rubric: Rubric,
  deadline: NonNullable<Criterion['deadline']>,
  options?: Readonly<Record<string, string>>,
): boolean {
  const option = deadline.option ? rubric.options.find((o) => o.id === deadline.option) : undefined;
  const exclusive = option ? (options?.[option.id] ?? option.default) === 'exclusive' : false;
  return exclusive ? date >= due : date > due;
}

export function checkTemplate(
  rubric: Rubric,
  filled: FilledTemplate,
  options?: Readonly<Record<string, string>>,
): EntryProblem[] {
  const { layout } = filled.info;
  const sheet = layout.sheet;
  const problems: EntryProblem[] = [];
  const at = (id: string, col: string) => ({ sheet, address: `${col}${layout.rows[id]}` });
  const firstSlot = (id: string) => ({
    sheet,
    address: slotCells(layout, id, layout.rows[id])[0] ?? `${layout.idColumn}${layout.rows[id]}`,
  });

  const header = headerCells(layout);
  if (!filled.unitName)
    problems.push({
      severity: 'warning',
      kind: 'header',
      message: t('Chưa nhập tên đơn vị', 'The unit name is not entered'),
      cell: { sheet, address: header.unitName },
    });
  if (!filled.year)
    problems.push({
      severity: 'error',
      kind: 'header',
      message: t('Chưa nhập năm đánh giá', 'The assessment year is not entered'),
      cell: { sheet, address: header.year },
    });

  const input = { ...toAssessmentInput(rubric, filled), ...(options ? { options } : {}) };
  const en = assess(rubric, input, 'en');
  const vi = assess(rubric, input, 'vi');
  for (const [i, p] of vi.problems.entries())
    if (p.code === 'unit-name' && filled.unitName)
      problems.push({
        severity: 'warning',
        kind: 'header',
        message: t(p.message, en.problems[i]?.message ?? p.message),
        cell: { sheet, address: header.unitName },
      });
  const year = filled.year;
  for (const c of criteriaFor(rubric, resolveUnit(rubric, input.unit))) {
    if (!(c.id in layout.rows)) continue;
    const r = vi.criteria.find((x) => x.id === c.id)!;
    const rEn = en.criteria.find((x) => x.id === c.id)!;
    const first = firstSlot(c.id);
    if (r.status === 'invalid')
      problems.push({
        criterion: c.id,
        severity: 'error',
        kind: 'value',
        message: t(r.message, rEn.message),
        cell: first,
      });
    if (r.status === 'missing')
      problems.push({
        criterion: c.id,
        severity: 'warning',
        kind: 'not-entered',
        message: t(r.message, rEn.message),
        cell: first,
      });
    const warningsVi = vi.problems.filter((x) => x.criterion === c.id && x.code === 'value-warning');
    const warningsEn = en.problems.filter((x) => x.criterion === c.id && x.code === 'value-warning');
    warningsVi.forEach((p, i) =>
      problems.push({
        criterion: c.id,
        severity: 'warning',
        kind: 'value',
        message: t(p.message, warningsEn[i]?.message ?? p.message),
        cell: first,
      }),
    );
    if (r.status !== 'ok' || !c.evidence) continue;
    // Evidence proves what is claimed: "Không", 0 or level 0 claims nothing, so there is nothing to sign.
    if (!claims(rubric, r)) continue;

    // Evidence the decision requires for an entered value (data a system collects needs no upload).
    const documents = filled.entries[c.id]?.evidence ?? [];
    if (!c.evidence.system && !documents.some((d) => !isBlank(d.number) || !isBlank(d.link)))
      problems.push({
        criterion: c.id,
        severity: 'warning',
        kind: 'evidence',
        message: t(
          `Thiếu tài liệu kiểm chứng (số văn bản hoặc liên kết): ${c.evidence.text}`,
          `Evidence missing (document number or link): ${c.evidence.text}`,
        ),
        cell: at(c.id, layout.evidence.number),
      });
    // A signed document is asked for even where the figures come from a system (the report confirming them).
    if (c.evidence.signed && !anySigned(documents.map((d) => d.signed)))
      problems.push({
        criterion: c.id,
        severity: 'error',
        kind: 'evidence',
        message: SIGNED_REQUIRED,
        cell: at(c.id, layout.evidence.signed),
      });
    documents.forEach((d, i) => {
      if (isBlank(d.date)) return;
      const cell = { sheet, address: `${layout.evidence.date}${d.row ?? layout.rows[c.id]}` };
      const which = documents.length > 1 ? t(`Tài liệu ${i + 1}: `, `Document ${i + 1}: `) : t('', '');
      for (const message of dateProblems(d.date, year, c, rubric, options))
        problems.push({
          criterion: c.id,
          severity: message.severity,
          kind: 'evidence',
          message: t(which.vi + message.text.vi, which.en + message.text.en),
          cell,
        });
    });
  }
  // Errors first, then warnings, each in the decision's order.
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

/** What is wrong with a document's date: not a date, outside the assessment year and the year before, after the deadline. */
function dateProblems(
  raw: RawValue,
  year: number | undefined,
  c: Criterion,
  rubric: Rubric,
  options?: Readonly<Record<string, string>>,
): { severity: 'error' | 'warning'; text: Text }[] {
  const date = parseDate(raw);
  if (!date.ok)
    return [{ severity: 'error', text: t(`Ngày văn bản: ${date.error.vi}`, `Document date: ${date.error.en}`) }];
  if (year && !parseDate(raw, year).ok)
    return [
      {
        severity: 'warning',
        text: t(
          `Văn bản ngày ${dmyOf(date.value)} không thuộc năm đánh giá ${year} hoặc năm trước đó`,
          `Document dated ${dmyOf(date.value)}, outside the assessment year ${year} and the year before`,
        ),
      },
    ];
  if (c.deadline && year) {
    const due = `${year}-${c.deadline.by}`;
    if (late(date.value, due, rubric, c.deadline, options))
      return [
        {
          severity: 'warning',
          text: t(
            `Văn bản ngày ${dmyOf(date.value)} sau hạn hoàn thành ${dmyOf(due)}`,
            `Document dated ${dmyOf(date.value)}, after the completion deadline ${dmyOf(due)}`,
          ),
        },
      ];
  }
  return [];
}

/** What holds back sealing: errors, and applicable criteria not entered (an officer enters 0, Không or Không áp dụng deliberately). */
export function sealBlockers(
  rubric: Rubric,
  filled: FilledTemplate,
  problems: EntryProblem[],
): { errors: EntryProblem[]; notEntered: string[] } {
  const a = assess(rubric, toAssessmentInput(rubric, filled));
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    notEntered: a.criteria.filter((c) => c.status === 'missing').map((c) => c.id),
  };
}

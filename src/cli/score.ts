/**
 * `dti score FILE...`: self-assessments (.json, or filled .xlsx templates) scored by the engine;
 * with `--previous OLD`, compared with last year's file, scored under the rubric it names.
 */
import {
  assess,
  compareAssessments,
  criteriaFor,
  resolveUnit,
  type Assessment,
  type AssessmentInput,
  type EvidenceEntry,
  type PreviousResult,
} from '../engine';
import { DtiError, say, t, type Lang } from '../base';
import { getRubric, type Rubric } from '../rubrics';
import type { LocateProblem } from '../template';
import { UsageError, type Args } from './args';
import { parseAssessmentJson } from './assessment-file';
import { clipEchoes, formatAssessment } from './format';
import { comparisonJson, formatComparison } from './format-compare';
import { usageError } from './help';
import { clip, jsonText } from './safe-text';
import { isZip, readInput, type Io } from './io';

interface Read {
  input: AssessmentInput & { rubric: string; evidence?: Record<string, EvidenceEntry[]> };
  /** What finding the template in a workbook turned up (a criterion on two rows, hidden rows, …). */
  problems: LocateProblem[];
}

/** Only a workbook loads the cell reader; anything else must be a self-assessment JSON (or is said what it is). */
async function readAssessment(file: string, io: Io): Promise<Read> {
  const bytes = readInput(file, io);
  if (!isZip(bytes)) return { input: parseAssessmentJson(file, bytes), problems: [] };
  const { readXlsxAssessment } = await import(/* webpackChunkName: "workbook" */ './workbook');
  const { describeFile } = await import(/* webpackChunkName: "workbook" */ '../workbook');
  const kind = describeFile(bytes, file);
  if (kind.kind !== 'xlsx') throw new DtiError('xlsx', t(`${file}: ${kind.text.vi}`, `${file}: ${kind.text.en}`));
  return readXlsxAssessment(file, bytes);
}

/** The template's problems among the assessment's, so they count (exit 1) and show like the others. */
function withTemplateProblems(result: Assessment, problems: LocateProblem[], lang: Lang): Assessment {
  if (!problems.length) return result;
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  return {
    ...result,
    problems: [
      ...problems.map((p) => ({
        severity: p.severity,
        code: p.severity === 'error' ? ('invalid-value' as const) : ('value-warning' as const),
        message: `${L('Mẫu', 'Template')}: ${say(p.text, lang)}`,
      })),
      ...result.problems,
    ],
  };
}

/**
 * The documents entered, reported with the score (`--json`): what the template or the file holds
 * per criterion. Documents under an id that is no criterion of the rubric and unit are an error,
 * as a value would be.
 */
function withEvidence(
  result: Assessment,
  rubric: Rubric,
  input: Read['input'],
  lang: Lang,
): Assessment & { evidence?: Record<string, EvidenceEntry[]> } {
  if (!input.evidence || !Object.keys(input.evidence).length) return result;
  const known = new Set(criteriaFor(rubric, resolveUnit(rubric, input.unit)).map((c) => c.id));
  const unknown = Object.keys(input.evidence).filter((id) => !known.has(id.trim()));
  return {
    ...result,
    problems: [
      ...result.problems,
      ...unknown.map((id) => ({
        severity: 'error' as const,
        code: 'invalid-value' as const,
        message: say(
          t(
            `Tài liệu kiểm chứng của "${clip(id)}": không có tiêu chí này trong ${rubric.id}`,
            `Evidence under "${clip(id)}": no such criterion in ${rubric.id}`,
          ),
          lang,
        ),
      })),
    ],
    evidence: input.evidence,
  };
}

/** Messages echo what was entered: a value runs to 80 characters in them, however long it is. */
function clipped(result: Assessment): Assessment {
  return {
    ...result,
    criteria: result.criteria.map((c) => ({ ...c, message: clipEchoes(c.message) })),
    problems: result.problems.map((p) => ({ ...p, message: clipEchoes(p.message) })),
  };
}

/**
 * Last year's file scored as it was: under the rubric (and version) its own identity names, never
 * under this year's. Its errors do not change the exit code (this year's file is the one scored);
 * they are said, since a value the engine could not read counts for nothing in last year's points.
 */
export async function scorePrevious(file: string, io: Io, lang: Lang): Promise<PreviousResult & { errors: number }> {
  try {
    const { input } = await readAssessment(file, io);
    const rubric = getRubric(input.rubric);
    const assessment = assess(rubric, input, lang);
    const errors = assessment.problems.filter((p) => p.severity === 'error').length;
    return { assessment, year: input.year, decision: rubric.decision.number, errors };
  } catch (e) {
    if (!(e instanceof DtiError) || e instanceof UsageError) throw e;
    const why = (s: string) => s.replace(`${file}: `, '');
    throw new DtiError(
      e.code,
      t(`Tệp năm trước ${file}: ${why(e.messageIn('vi'))}`, `Last year's file ${file}: ${why(e.messageIn('en'))}`),
    );
  }
}

export async function cmdScore(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw usageError('score');
  const previousFile = args.flags['--previous'];
  if (previousFile && args.positional.length > 1)
    throw new UsageError(
      t(
        '--previous so sánh một bản tự đánh giá với năm trước: chỉ cho một TỆP',
        '--previous compares one self-assessment with last year: give one FILE',
      ),
    );
  let previous: Awaited<ReturnType<typeof scorePrevious>> | undefined;
  if (previousFile)
    try {
      previous = await scorePrevious(previousFile, io, args.lang);
    } catch (e) {
      if (!(e instanceof DtiError) || e instanceof UsageError) throw e;
      io.err(`✗ ${e.messageIn(args.lang)}`);
      return 2;
    }
  const results: (Assessment & { previous?: ReturnType<typeof comparisonJson> })[] = [];
  let exit = 0;
  for (const file of args.positional) {
    try {
      const { input, problems } = await readAssessment(file, io);
      const rubric = getRubric(input.rubric);
      const scored = withEvidence(assess(rubric, input, args.lang), rubric, input, args.lang);
      const result = clipped(withTemplateProblems(scored, problems, args.lang));
      if (result.problems.some((p) => p.severity === 'error')) exit = Math.max(exit, 1);
      if (!args.json) io.out(formatAssessment(result, rubric.title, args.lang) + '\n');
      if (!previous) {
        results.push(result);
        continue;
      }
      const comparison = compareAssessments(result, previous.assessment, {
        current: { year: input.year, decision: rubric.decision.number },
        previous,
      });
      if (previous.errors)
        comparison.warnings.push(
          t(
            `Tệp năm trước có ${previous.errors} lỗi: giá trị không đọc được không được tính điểm năm trước`,
            `Last year's file has ${previous.errors} errors: values that could not be read count for nothing last year`,
          ),
        );
      results.push({ ...result, previous: comparisonJson(comparison, args.lang) });
      if (!args.json) io.out(formatComparison(comparison, args.lang) + '\n');
    } catch (e) {
      if (!(e instanceof DtiError) || e instanceof UsageError) throw e;
      io.err(`✗ ${e.messageIn(args.lang)}`);
      exit = 2;
    }
  }
  if (args.json && results.length) io.out(jsonText(args.positional.length === 1 ? results[0] : results));
  return exit;
}

/** `dti score FILE...`: self-assessments (.json, or filled .xlsx templates) scored by the engine. */
import { assess, type Assessment, type AssessmentInput } from '../engine';
import { DtiError } from '../base';
import { getRubric } from '../rubrics';
import { UsageError, type Args } from './args';
import { parseAssessmentJson } from './assessment-file';
import { formatAssessment } from './format';
import { usageError } from './help';
import { isZip, readInput, type Io } from './io';

async function readAssessment(file: string, io: Io): Promise<AssessmentInput & { rubric: string }> {
  const bytes = readInput(file, io);
  if (!isZip(bytes)) return parseAssessmentJson(file, bytes);
  // ExcelJS and the template reader load only for a workbook.
  const { assessmentFromXlsx } = await import(/* webpackChunkName: "workbook" */ './workbook');
  return assessmentFromXlsx(file, bytes);
}

export async function cmdScore(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw usageError('score');
  const results: Assessment[] = [];
  let exit = 0;
  for (const file of args.positional) {
    try {
      const input = await readAssessment(file, io);
      const rubric = getRubric(input.rubric);
      const result = assess(rubric, input, args.lang);
      results.push(result);
      if (result.problems.some((p) => p.severity === 'error')) exit = Math.max(exit, 1);
      if (!args.json) io.out(formatAssessment(result, rubric.title, args.lang) + '\n');
    } catch (e) {
      if (!(e instanceof DtiError) || e instanceof UsageError) throw e;
      io.err(`✗ ${e.messageIn(args.lang)}`);
      exit = 2;
    }
  }
  if (args.json && results.length) io.out(JSON.stringify(args.positional.length === 1 ? results[0] : results, null, 2));
  return exit;
}

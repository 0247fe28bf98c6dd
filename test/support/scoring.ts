import { assess, findCriterion, scoreCriterion, type AssessmentInput, type ScoreContext } from '../../src/engine';
import { getRubric, type UnitId } from '../../src/rubrics';

/** Scores one criterion of a library rubric from one value. */
export function score(rubricId: string, unit: UnitId, id: string, value: unknown, ctx: ScoreContext = {}) {
  const rubric = getRubric(rubricId);
  return scoreCriterion(rubric, unit, findCriterion(rubric, unit, id), value, ctx);
}

export function assessIn(rubricId: string, input: AssessmentInput, lang: 'vi' | 'en' = 'vi') {
  return assess(getRubric(rubricId), input, lang);
}

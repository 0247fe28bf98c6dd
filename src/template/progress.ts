/**
 * How far along a self-assessment is, overall and per pillar: criteria entered out of those to
 * enter, criteria with errors, criteria whose evidence is missing or incomplete. The pane's
 * progress line and the Submit tab read it; the numbers come from the engine and the check.
 */
import type { Assessment } from '../engine';
import type { EntryProblem } from './check';

export interface Tally {
  /** Criteria to enter (a criterion that does not apply to the unit is left out). */
  toEnter: number;
  /** Entered, "Không áp dụng" declared included. */
  entered: number;
  /** Criteria with at least one error. */
  errors: number;
  /** Criteria whose evidence is missing or does not meet what the decision asks. */
  evidence: number;
}

export interface Progress extends Tally {
  pillars: (Tally & { id: string; title: string })[];
}

export function progressOf(assessment: Assessment, problems: readonly EntryProblem[]): Progress {
  const errors = new Set(problems.filter((p) => p.severity === 'error' && p.criterion).map((p) => p.criterion!));
  const evidence = new Set(problems.filter((p) => p.kind === 'evidence').map((p) => p.criterion!));
  // Not applicable by the unit's name (Hà Nội 7.1) is nothing to enter; declared "Không áp dụng" is an entry.
  const counted = assessment.criteria.filter((c) => !c.excludedByUnit);
  const tally = (list: typeof counted): Tally => ({
    toEnter: list.length,
    entered: list.filter((c) => c.status !== 'missing').length,
    errors: list.filter((c) => errors.has(c.id)).length,
    evidence: list.filter((c) => evidence.has(c.id)).length,
  });
  return {
    ...tally(counted),
    pillars: assessment.pillars.map((p) => ({
      id: p.id,
      title: p.title,
      ...tally(counted.filter((c) => c.pillar === p.id)),
    })),
  };
}

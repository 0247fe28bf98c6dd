/** What the engine returns: one criterion's result, an assessment's totals, problems and shortfalls. */
import type { Criterion, UnitId } from '../rubrics';
import type { Lang } from '../base';
import type { RawValue } from './values';

export type Status = 'ok' | 'missing' | 'invalid' | 'not-applicable';

export interface CriterionResult {
  id: string;
  pillar: string;
  title: string;
  /** Points earned (null in level rubrics). Bonus/penalty criteria report their magnitude. */
  points: number | null;
  /** Max counted toward the total: 0 when not applicable, null in level rubrics. */
  max: number | null;
  status: Status;
  message: string;
  effect: Criterion['effect'];
  /** Level rubrics: the highest level this criterion meets (0–5). */
  level?: number;
  /** Not applicable because of the unit (its name is not on the decision's list), not by an entry. */
  excludedByUnit?: true;
}

export interface Problem {
  criterion?: string;
  severity: 'error' | 'warning';
  code:
    | 'unknown-criterion'
    | 'invalid-value'
    | 'missing-value'
    | 'value-warning'
    | 'unknown-option'
    | 'unit-name'
    | 'missing-year'
    | 'unknown-general';
  message: string;
}

export interface Shortfall {
  criterion: string;
  title: string;
  required: string;
  shortfall: string;
  /** Percentage points, items or communes missing, when countable. */
  gap: number | null;
}

export interface LevelInfo {
  number: number;
  name: string;
}

export interface Assessment {
  rubric: string;
  version: string;
  unit: UnitId;
  unitName?: string;
  total: number | null;
  max: number | null;
  percent: number | null;
  level: LevelInfo | null;
  /** Level rubrics below the top level: what stands between the unit and the next level. */
  nextLevel: (LevelInfo & { shortfalls: Shortfall[] }) | null;
  /** Level rubrics whose unit registered a level (Kon Tum II.3): whether it is reached and what is missing for it. */
  registered?: LevelInfo & { reached: boolean; shortfalls: Shortfall[] };
  pillars: { id: string; title: string; points: number | null; max: number | null; level?: number }[];
  criteria: CriterionResult[];
  problems: Problem[];
}

export interface AssessmentInput {
  unit: string;
  unitName?: string;
  year?: number;
  values: Readonly<Record<string, RawValue>>;
  /** The general-information items (the commune's households, population …), by item id. */
  general?: Readonly<Record<string, RawValue>>;
  /** Chosen readings for the rubric's options; defaults come from the rubric. */
  options?: Readonly<Record<string, string>>;
  /** Level rubrics: the level the unit registered for (Kon Tum: by 20 January), self-assessed against. */
  registeredLevel?: number;
}

export interface ScoreContext {
  unitName?: string;
  year?: number;
  options?: Readonly<Record<string, string>>;
  lang?: Lang;
}

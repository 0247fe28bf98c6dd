/**
 * The rubric library's surface: the data model's types, helpers over rubric data that need no
 * validation library, and the catalog of decisions. The zod schema itself stays behind
 * `validate.ts` (the add-in bundles replace it with data validated at build time).
 */
export type {
  CouncilBonus,
  Criterion,
  Label,
  LevelCondition,
  LevelRule,
  LevelThreshold,
  PointRule,
  Rubric,
  RubricInput,
  Rule,
  SimplePointRule,
  UnitId,
} from './schema';
export { criterionMax, isScored } from './model';
export { allRubrics, getRubric, parseRubric } from './catalog';

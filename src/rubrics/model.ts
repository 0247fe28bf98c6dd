/**
 * Helpers over rubric data that need no validation library, so the engine and the add-in bundles
 * can use them without shipping zod.
 */
import type { Criterion, UnitId } from './schema';

/** Max points of a criterion for a unit type (0 when it does not apply or is a level criterion). */
export function criterionMax(criterion: Criterion, unit: UnitId): number {
  if (!criterion.units.includes(unit) || criterion.max === undefined) return 0;
  return typeof criterion.max === 'number' ? criterion.max : (criterion.max[unit] ?? 0);
}

/** A criterion counts toward criterion totals unless it only collects data or sits outside the max. */
export function isScored(criterion: Criterion): boolean {
  return criterion.effect === 'score' && criterion.rule.kind !== 'collect';
}

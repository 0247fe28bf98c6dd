/** The scoring engine's public surface: pure functions over rubric data, no Office or Node APIs. */
export * from './assess';
export * from './cells';
export { scoreCriterion, type ScoredCriterion } from './criterion';
export { expected } from './expected';
export { criteriaFor, findCriterion, isOnList, levelName, resolveUnit } from './lookup';
export type * from './results';
export { cellsFromValue, effectiveRule, inputSlots, valueFromSlots, type Slot, type SlotKind } from './slots';
export { isBlank, isNotApplicable, parseBoolean, parseDate, type RawValue, type Ratio } from './values';

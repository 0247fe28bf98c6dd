/** The scoring engine's public surface: pure functions over rubric data, no Office or Node APIs. */
export * from './assess';
export * from './cells';
export { cellsFromValue, effectiveRule, inputSlots, valueFromSlots, type Slot, type SlotKind } from './slots';
export { isBlank, isNotApplicable, parseBoolean, parseDate, type RawValue, type Ratio } from './values';

/** The scoring engine's public surface: pure functions over rubric data, no Office or Node APIs. */
export * from './assess';
export * from './cells';
export { argumentCount, contextArguments, type ContextArgument } from './context';
export { scoreCriterion, type ScoredCriterion } from './criterion';
export * from './compare';
export { describeSlot, expected } from './expected';
export { shortfallsForLevel, type LevelShortfall, type LevelledCriterion } from './levels';
export { inputModel, type InputModel, type SlotModel } from './model';
export { criteriaFor, findCriterion, isOnList, levelName, matchUnitName, normalUnitName, resolveUnit } from './lookup';
export type * from './results';
export { cellsFromValue, effectiveRule, inputSlots, valueFromSlots, type Slot, type SlotKind } from './slots';
export {
  dmyOf,
  FIRST_DATE_SERIAL,
  isBlank,
  isNotApplicable,
  parseBoolean,
  parseDate,
  serialToIso,
  shown,
  toIsoDate,
  toNumber,
  type RawValue,
  type Ratio,
} from './values';
export {
  EVIDENCE_FIELDS,
  EVIDENCE_LABELS,
  evidenceFromJson,
  evidenceHasData,
  evidenceLabel,
  plainEvidence,
  type DocumentValue,
  type EvidenceEntry,
  type EvidenceField,
} from './evidence';

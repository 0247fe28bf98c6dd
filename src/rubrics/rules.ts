/**
 * How a criterion scores: one rule kind per way the decisions score (points rules) or set levels
 * (level rules). Points are expressed as a `share` of the criterion's max (0–1) wherever the
 * decision speaks in percentages ("đạt 50% số điểm"), so one rule serves every unit type's max.
 */
import { z } from 'zod';
import { LabelSchema, MonthDay, PartId, Share } from './primitives';

// ---------------------------------------------------------------- point rules

export const BooleanRuleSchema = z.object({
  kind: z.literal('boolean'),
  /** Share of max for "Có" (default 1) and "Không" (default 0). */
  yesShare: Share.default(1),
  noShare: Share.default(0),
  /** What "Có" means here, when it is not obvious (e.g. "Không xảy ra sự cố"). */
  yesLabel: LabelSchema.optional(),
  noLabel: LabelSchema.optional(),
});

export const OptionsRuleSchema = z.object({
  kind: z.literal('options'),
  /** Role tiers and similar: the value is one option id. */
  options: z.array(z.object({ id: PartId, label: LabelSchema, share: Share })).min(2),
});

export const RatioRuleSchema = z.object({
  kind: z.literal('ratio'),
  /**
   * The form the decision states: `fraction` (a share), `counts` (numerator/denominator) or
   * `either`. Every ratio accepts both a share and the counts; this only orders the template's cells.
   */
  input: z.enum(['fraction', 'counts', 'either']).default('either'),
  /** `lower`: less is better (infection rates): points = (1 − ratio) × max. */
  direction: z.enum(['higher', 'lower']).default('higher'),
  /** The ratio that earns full points (default 100%); below it points scale linearly. */
  target: z.number().gt(0).max(1).default(1),
  /** Below this ratio the criterion earns nothing (a stated minimum), default none. */
  minimum: Share.optional(),
  /** What a zero denominator means: nothing to do counts as done, as nothing, or not applicable. */
  zeroDenominator: z.enum(['full', 'zero', 'not-applicable']),
  numeratorLabel: LabelSchema.optional(),
  denominatorLabel: LabelSchema.optional(),
  /** The general-information item the denominator is by default (the commune's households). */
  denominatorGeneral: PartId.optional(),
  /** What goes in the numerator and the denominator, said plainly where the title reads otherwise. */
  hint: LabelSchema.optional(),
});

export const CountStepsRuleSchema = z.object({
  kind: z.literal('count-steps'),
  /** Highest step whose `min` the count reaches wins; below every step scores 0. */
  steps: z.array(z.object({ min: z.number().int().min(0), share: Share })).min(1),
  itemLabel: LabelSchema.optional(),
});

export const CountLimitRuleSchema = z.object({
  kind: z.literal('count-limit'),
  /** "Số lượng sự cố …": the lowest step whose `atMost` the count does not exceed wins; above every step scores 0. */
  steps: z.array(z.object({ atMost: z.number().int().min(0), share: Share })).min(1),
  itemLabel: LabelSchema.optional(),
  /** The decision's own words for a count ("Không có sự cố xảy ra" = 0), accepted as that count. */
  words: z.array(z.object({ text: LabelSchema, count: z.number().int().min(0) })).default([]),
});

export const PerItemRuleSchema = z.object({
  kind: z.literal('per-item'),
  /** Points per item; the total is capped at `cap` (default the criterion's max). */
  points: z.number().gt(0),
  cap: z.number().gt(0).optional(),
  itemLabel: LabelSchema.optional(),
});

export const CountTargetRuleSchema = z.object({
  kind: z.literal('count-target'),
  /** "Tối thiểu N …": N or more earns full points. */
  target: z.number().int().min(1),
  /** Below target: `proportional` = count/target × max, `none` = 0. */
  partial: z.enum(['proportional', 'none']),
  itemLabel: LabelSchema.optional(),
});

export const AdditiveRuleSchema = z.object({
  kind: z.literal('additive'),
  /** Independent sub-conditions each worth points; the value is `{partId: true|false}`. */
  parts: z
    .array(
      z.object({
        id: PartId,
        label: LabelSchema,
        points: z.number().gt(0),
        /** A part that only counts when another part is met (chaired by the head ⇒ organised). */
        requires: PartId.optional(),
      }),
    )
    .min(2),
});

export const DeadlineRuleSchema = z.object({
  kind: z.literal('deadline'),
  /** Dated value (ISO date); the first tier whose `by` the date does not pass wins. */
  tiers: z.array(z.object({ by: MonthDay, share: Share })).min(1),
  /** Share for a date after every tier (e.g. 0.5 for "sau thời gian trên đạt 50%"). */
  lateShare: Share,
  eventLabel: LabelSchema.optional(),
});

export const AssessedRuleSchema = z.object({
  kind: z.literal('assessed'),
  /** Points awarded by the unit/assessor where the decision gives no method; capped to [0, max]. */
});

export const CollectRuleSchema = z.object({
  kind: z.literal('collect'),
  /** A zero-point criterion whose value is still collected (statistics, evidence). */
  input: z.enum(['number', 'count', 'boolean', 'text', 'date', 'ratio']),
});

/** Rules that stand alone (usable inside best-of, gated and by-option). */
const SimplePointRuleSchema = z.discriminatedUnion('kind', [
  BooleanRuleSchema,
  OptionsRuleSchema,
  RatioRuleSchema,
  CountStepsRuleSchema,
  CountLimitRuleSchema,
  PerItemRuleSchema,
  CountTargetRuleSchema,
  AdditiveRuleSchema,
  DeadlineRuleSchema,
  AssessedRuleSchema,
  CollectRuleSchema,
]);
export type SimplePointRule = z.infer<typeof SimplePointRuleSchema>;

export const BestOfRuleSchema = z.object({
  kind: z.literal('best-of'),
  /** The value is `{alternativeId: value}`; the best-scoring alternative counts. */
  alternatives: z.array(z.object({ id: PartId, label: LabelSchema, rule: SimplePointRuleSchema })).min(2),
});

export const GatedRuleSchema = z.object({
  kind: z.literal('gated'),
  /**
   * A precondition that must hold before the inner rule scores at all ("Số lượng bản tin tối
   * thiểu là 5 tin … được xem đủ cơ sở để tính điểm"). The value is `{[gate.id]: n, value: …}`.
   */
  gate: z.object({ id: PartId, label: LabelSchema, minCount: z.number().int().min(1) }),
  rule: SimplePointRuleSchema,
});

const NonOptionPointRuleSchema = z.discriminatedUnion('kind', [
  ...SimplePointRuleSchema.options,
  BestOfRuleSchema,
  GatedRuleSchema,
]);

export const ByOptionRuleSchema = z.object({
  kind: z.literal('by-option'),
  /** The rubric option (see `Rubric.options`) that chooses between readings of the text. */
  option: PartId,
  rules: z.record(z.string(), NonOptionPointRuleSchema),
});

export const PointRuleSchema = z.discriminatedUnion('kind', [...NonOptionPointRuleSchema.options, ByOptionRuleSchema]);
export type PointRule = z.infer<typeof PointRuleSchema>;

// ---------------------------------------------------------------- level rules

export const LevelConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('min-ratio'), value: Share }),
  z.object({ type: z.literal('max-ratio'), value: Share }),
  z.object({ type: z.literal('min-count'), value: z.number().int().min(0) }),
  z.object({ type: z.literal('yes') }),
  /** Kon Tum district I.1: every commune at ≥ allAtLeast, and ≥ share of them at ≥ level. */
  z.object({
    type: z.literal('subunit-levels'),
    allAtLeast: z.number().int().min(0),
    shareAtLeast: z.object({ level: z.number().int().min(1), share: Share }).optional(),
  }),
]);
export type LevelCondition = z.infer<typeof LevelConditionSchema>;

/** One level's requirement: a condition, any of several, or null for "Không áp dụng". */
export const LevelThresholdSchema = z.union([
  LevelConditionSchema,
  z.object({ anyOf: z.array(LevelConditionSchema).min(2) }),
  z.null(),
]);
export type LevelThreshold = z.infer<typeof LevelThresholdSchema>;

export const LevelRuleSchema = z.object({
  kind: z.literal('levels'),
  /**
   * What is entered: `ratio` (fraction or numerator/denominator), `count` (whole number),
   * `yes` (Có/Không), `count-of-total` (numerator = count, denominator = total, for thresholds
   * such as "Có 3 doanh nghiệp trở lên hoặc 100% …"), `subunit-levels` (list of levels).
   */
  measure: z.enum(['ratio', 'count', 'yes', 'count-of-total', 'subunit-levels']),
  thresholds: z.array(LevelThresholdSchema).min(1),
  /** The decision's own words in each level column, shown in templates. */
  labels: z.array(z.string()).optional(),
  zeroDenominator: z.enum(['full', 'zero', 'not-applicable']).optional(),
  /** What is counted and over what (ratio, count-of-total), as the input cells' labels. */
  numeratorLabel: LabelSchema.optional(),
  denominatorLabel: LabelSchema.optional(),
});
export type LevelRule = z.infer<typeof LevelRuleSchema>;

export const RuleSchema = z.union([PointRuleSchema, LevelRuleSchema]);
export type Rule = z.infer<typeof RuleSchema>;

/**
 * The rubric data model. Every decision is one JSON file that must parse with `RubricSchema`; the
 * refinement checks the totals and counts the decision itself declares (./declared-totals.ts), so
 * a mistyped point value fails at load time instead of producing a wrong ranking. How criteria
 * score: ./rules.ts.
 */
import { z } from 'zod';
import { checkDeclaredTotals } from './declared-totals';
import { Id, LabelSchema, MonthDay, PartId, UnitIdSchema } from './primitives';
import { RuleSchema } from './rules';

export { LabelSchema, UnitIdSchema, type Label, type UnitId } from './primitives';
export * from './rules';

export const EvidenceSchema = z.object({
  /** The decision's "Tài liệu kiểm chứng" text. */
  text: z.string(),
  /** True where the decision asks for a "file điện tử có ký số". */
  signed: z.boolean(),
  /** True where the data is collected by a system (Hue-S, DVC portal), not uploaded by the unit. */
  system: z.boolean().default(false),
});

export const DeadlineSchema = z.object({
  /** Completion deadline inside the assessment year, e.g. "10-31" for "31.10". */
  by: MonthDay,
  /** The decision's words. */
  text: z.string(),
  /**
   * A rubric option (choices `inclusive` and `exclusive`) deciding whether the day itself is in
   * time, where the decision says "trước 15/11"; without one the day counts ("31.10" = by 31/10).
   */
  option: PartId.optional(),
});

export const ReadingSchema = z.object({
  /** How an ambiguous or damaged passage is read. */
  text: z.string(),
  /** The source words, as extracted. */
  source: z.string(),
});

export const CriterionSchema = z.object({
  id: Id,
  pillar: z.string(),
  /** Heading the criterion sits under, when the decision nests (2263 "I.2" for "I.2.3"). */
  parent: Id.optional(),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  /** Unit types the criterion applies to. */
  units: z.array(UnitIdSchema).min(1),
  /** Points rubrics: max points, one number or per unit type. Level rubrics: omitted. */
  max: z.union([z.number().min(0), z.partialRecord(UnitIdSchema, z.number().min(0))]).optional(),
  /** `bonus`/`penalty` points sit outside the max (added to / subtracted from the total). */
  effect: z.enum(['score', 'bonus', 'penalty']).default('score'),
  rule: RuleSchema,
  /** Applies only to the named units of a rubric list (Hà Nội 7.1 → Phụ lục II). */
  onlyFor: z.object({ list: z.string() }).optional(),
  /** Source words that let a unit declare the criterion not applicable ("na"). */
  allowNotApplicable: z.string().optional(),
  deadline: DeadlineSchema.optional(),
  evidence: EvidenceSchema.optional(),
  /** Guidance: conditions, method, "Hướng dẫn thực hiện". */
  guidance: z.string().optional(),
  /** Kon Tum "Đơn vị tính". */
  measureUnit: z.string().optional(),
  /** Legal basis ("Căn cứ"). */
  basis: z.string().optional(),
  /** Agency that guides and scores it (Hà Nội). */
  agency: z.string().optional(),
  readings: z.array(ReadingSchema).optional(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

const ExpectSchema = z.object({
  criteria: z.number().int().min(0).optional(),
  max: z.number().min(0).optional(),
});

export const PillarSchema = z.object({
  id: z.string(),
  title: z.string(),
  /**
   * Unit types whose table has this pillar (default: all). Decisions with one table per unit
   * type (Kon Tum, Hà Nội) reuse numbers, so a pillar and a criterion are identified by id
   * within a unit type.
   */
  units: z.array(UnitIdSchema).optional(),
  titleEn: z.string().optional(),
  /** Totals the decision prints for the pillar, per unit type. */
  expect: z.partialRecord(UnitIdSchema, ExpectSchema).optional(),
});

export const UnitSchema = z.object({
  id: UnitIdSchema,
  label: LabelSchema,
  /** The rubric list of this unit type's official names (Hà Nội Phụ lục I), offered as the unit-name dropdown. */
  names: z.string().optional(),
  /** Totals the decision declares for this unit type. */
  expect: ExpectSchema,
});

export const OptionSchema = z.object({
  id: PartId,
  title: LabelSchema,
  /** The ambiguous source words the option is about. */
  source: z.string(),
  default: z.string(),
  choices: z.array(z.object({ id: z.string(), label: LabelSchema })).min(2),
  /**
   * `zeroDenominator`: the option overrides what a zero denominator means in every ratio criterion
   * (choices `as-read`, `full`, `zero`, `not-applicable`), where the decision rarely says.
   */
  overrides: z.enum(['zeroDenominator']).optional(),
});

/** An item of the decision's "Thông tin chung" form: the unit's facts, some of them denominators. */
export const GeneralItemSchema = z.object({
  id: PartId,
  label: LabelSchema,
  kind: z.enum(['text', 'count', 'number']),
  /** The decision's words. */
  source: z.string(),
});

export const NamedListSchema = z.object({
  title: z.string(),
  names: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).default([]) })).min(1),
});

/**
 * Bonus points ("điểm khuyến khích") the council adds per unit, outside the max, where the decision
 * provides them. `cap` is the decision's own number; where it names none, `capOption` is the rubric
 * option (choice ids are point amounts) the council picks the cap from.
 */
export const CouncilBonusSchema = z
  .object({
    foreseen: z.literal(true),
    cap: z.number().positive().optional(),
    capOption: PartId.optional(),
    source: z.object({ article: z.string(), words: z.string() }),
  })
  .refine((b) => (b.cap === undefined) !== (b.capOption === undefined), 'councilBonus: either cap or capOption');
export type CouncilBonus = z.infer<typeof CouncilBonusSchema>;

export const RubricSchema = z
  .object({
    id: z.string().regex(/^[a-z]+-\d+-\d{4}$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    kind: z.enum(['points', 'levels']),
    title: z.string(),
    decision: z.object({
      number: z.string(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      issuer: z.string(),
      source: z.string(),
    }),
    units: z.array(UnitSchema).min(1),
    /** The general-information form the decision opens with (2263 "Thông tin chung" 2–11); the unit's name and year are always asked. */
    general: z.array(GeneralItemSchema).default([]),
    levels: z.array(z.object({ number: z.number().int().min(1), name: LabelSchema })).optional(),
    options: z.array(OptionSchema).default([]),
    lists: z.record(z.string(), NamedListSchema).default({}),
    pillars: z.array(PillarSchema).min(1),
    /** Numbered headings without points between a pillar and its criteria (2263 "I.2 Người đứng đầu …"). */
    groups: z
      .array(z.object({ id: Id, title: z.string().min(1), units: z.array(UnitIdSchema).optional() }))
      .default([]),
    criteria: z.array(CriterionSchema).min(1),
    notes: z.array(z.object({ criterion: z.string().optional(), text: z.string(), source: z.string() })).default([]),
    /** Level rubrics: when the unit registers the level it aims for (Kon Tum: "trước ngày 20 tháng 01"). */
    registration: z.object({ by: MonthDay, source: z.string() }).optional(),
    councilBonus: CouncilBonusSchema.optional(),
  })
  .superRefine(checkDeclaredTotals);

export type Rubric = z.infer<typeof RubricSchema>;
export type RubricInput = z.input<typeof RubricSchema>;

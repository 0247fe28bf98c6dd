/**
 * The rubric data model. Every decision is one JSON file that must parse with `RubricSchema`;
 * the refinements at the bottom check the totals and counts the decision itself declares, so a
 * mistyped point value fails at load time instead of producing a wrong ranking.
 *
 * Points are expressed per rule as a `share` of the criterion's max (0–1) wherever the decision
 * speaks in percentages ("đạt 50% số điểm"), so one rule serves every unit type's max.
 */
import { z } from 'zod';
import { criterionMax, isScored } from './model';

export const UnitIdSchema = z.enum(['so', 'huyen', 'xa']);
export type UnitId = z.infer<typeof UnitIdSchema>;

/** Text shown to officers: Vietnamese first, English optional. */
export const LabelSchema = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() });
export type Label = z.infer<typeof LabelSchema>;

const Share = z.number().min(0).max(1);
const Id = z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'id: segments of letters/digits joined by dots');
const PartId = z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'part id: lower camel/kebab case');
/** "MM-DD" inside the assessment year. */
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');

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
  /** `fraction`: a number 0–1; `counts`: numerator/denominator; `either`: both accepted. */
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
});

export const CountStepsRuleSchema = z.object({
  kind: z.literal('count-steps'),
  /** Highest step whose `min` the count reaches wins; below every step scores 0. */
  steps: z.array(z.object({ min: z.number().int().min(0), share: Share })).min(1),
  itemLabel: LabelSchema.optional(),
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
});
export type LevelRule = z.infer<typeof LevelRuleSchema>;

export const RuleSchema = z.union([PointRuleSchema, LevelRuleSchema]);
export type Rule = z.infer<typeof RuleSchema>;

// ---------------------------------------------------------------- criteria and rubric

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
});

export const NamedListSchema = z.object({
  title: z.string(),
  names: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).default([]) })).min(1),
});

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
  })
  .superRefine(checkDeclaredTotals);

export type Rubric = z.infer<typeof RubricSchema>;
export type RubricInput = z.input<typeof RubricSchema>;

function checkDeclaredTotals(rubric: Omit<Rubric, never>, ctx: z.RefinementCtx): void {
  const issue = (message: string, path: (string | number)[] = []) => ctx.addIssue({ code: 'custom', message, path });
  const round = (n: number) => Math.round(n * 1000) / 1000;

  const seen = new Set<string>();
  const once = (key: string, message: string, path: (string | number)[]) => {
    if (seen.has(key)) issue(message, path);
    seen.add(key);
  };
  const allUnits = rubric.units.map((u) => u.id);
  const pillarUnits = (p: Rubric['pillars'][number]) => p.units ?? allUnits;
  rubric.pillars.forEach((p, i) => {
    for (const u of pillarUnits(p)) once(`pillar ${p.id} ${u}`, `duplicate pillar ${p.id} for ${u}`, ['pillars', i]);
  });
  rubric.criteria.forEach((c, i) => {
    for (const u of c.units)
      once(`criterion ${c.id} ${u}`, `duplicate criterion ${c.id} for ${u}`, ['criteria', i, 'id']);
  });
  const unitIds = new Set(rubric.units.map((u) => u.id));
  const levelCount = rubric.levels?.length ?? 0;
  const optionIds = new Map(rubric.options.map((o) => [o.id, new Set(o.choices.map((c) => c.id))]));

  const groupIds = new Set(rubric.groups.map((g) => g.id));
  rubric.criteria.forEach((c, i) => {
    const at = ['criteria', i];
    if (c.parent && rubric.groups.length && !groupIds.has(c.parent))
      issue(`${c.id}: no group heading ${c.parent}`, [...at, 'parent']);
    for (const u of c.units)
      if (!rubric.pillars.some((p) => p.id === c.pillar && pillarUnits(p).includes(u)))
        issue(`${c.id}: no pillar ${c.pillar} for unit ${u}`, [...at, 'pillar']);
    if (!c.id.startsWith(`${c.pillar}.`)) issue(`${c.id}: id must start with its pillar ${c.pillar}.`, [...at, 'id']);
    for (const u of c.units)
      if (!unitIds.has(u)) issue(`${c.id}: unit ${u} is not a unit of this rubric`, [...at, 'units']);
    if (c.onlyFor && !rubric.lists[c.onlyFor.list])
      issue(`${c.id}: unknown list ${c.onlyFor.list}`, [...at, 'onlyFor']);

    if (rubric.kind === 'levels') {
      if (c.rule.kind !== 'levels') issue(`${c.id}: a level rubric needs level rules`, [...at, 'rule']);
      else if (c.rule.thresholds.length !== levelCount)
        issue(`${c.id}: ${c.rule.thresholds.length} thresholds for ${levelCount} levels`, [
          ...at,
          'rule',
          'thresholds',
        ]);
    } else {
      if (c.rule.kind === 'levels') issue(`${c.id}: level rule in a points rubric`, [...at, 'rule']);
      if (c.max === undefined) issue(`${c.id}: max points missing`, [...at, 'max']);
      if (c.rule.kind === 'by-option') {
        const choices = optionIds.get(c.rule.option);
        if (!choices) issue(`${c.id}: unknown option ${c.rule.option}`, [...at, 'rule', 'option']);
        else
          for (const choice of choices)
            if (!(choice in c.rule.rules)) issue(`${c.id}: no rule for option choice ${choice}`, [...at, 'rule']);
      }
      for (const u of c.units) {
        const max = criterionMax(c, u);
        if (c.rule.kind === 'collect' && max !== 0) issue(`${c.id}: a collected criterion has max 0`, [...at, 'max']);
        if (c.rule.kind === 'additive') {
          const sum = c.rule.parts.reduce((s, p) => s + p.points, 0);
          if (round(sum) !== round(max)) issue(`${c.id}: parts sum to ${sum}, max is ${max} for ${u}`, [...at, 'rule']);
        }
      }
    }
  });
  for (const o of rubric.options)
    if (!o.choices.some((c) => c.id === o.default))
      issue(`option ${o.id}: default ${o.default} is not a choice`, ['options']);

  // What the decision declares.
  for (const unit of rubric.units) {
    const applicable = rubric.criteria.filter((c) => c.units.includes(unit.id) && isScored(c));
    const count = applicable.length;
    const max = round(applicable.reduce((s, c) => s + criterionMax(c, unit.id), 0));
    if (unit.expect.criteria !== undefined && count !== unit.expect.criteria)
      issue(`${unit.id}: ${count} scored criteria, the decision declares ${unit.expect.criteria}`, ['units']);
    if (unit.expect.max !== undefined && max !== unit.expect.max)
      issue(`${unit.id}: criteria add up to ${max} points, the decision declares ${unit.expect.max}`, ['units']);
    for (const pillar of rubric.pillars.filter((p) => pillarUnits(p).includes(unit.id))) {
      const expect = pillar.expect?.[unit.id];
      if (!expect) continue;
      const inPillar = applicable.filter((c) => c.pillar === pillar.id);
      const pMax = round(inPillar.reduce((s, c) => s + criterionMax(c, unit.id), 0));
      if (expect.criteria !== undefined && inPillar.length !== expect.criteria)
        issue(`${unit.id} pillar ${pillar.id}: ${inPillar.length} criteria, declared ${expect.criteria}`, ['pillars']);
      if (expect.max !== undefined && pMax !== expect.max)
        issue(`${unit.id} pillar ${pillar.id}: ${pMax} points, declared ${expect.max}`, ['pillars']);
    }
  }
}

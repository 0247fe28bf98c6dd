/**
 * The scoring engine's entry points: one criterion (`scoreCriterion`, used by the Excel functions)
 * and a whole assessment (`assess`, used by the CLI, templates and task pane). Pure: rubric data
 * and values in, numbers and messages out.
 */
import { type Criterion, criterionMax, type LevelRule, type Rubric, type UnitId } from '../rubrics';
import { DtiError, fold, numText, say, t, type Lang, type Text } from '../base';
import { checkThreshold, criterionLevel, parseMeasured, type ConditionCheck, type Measured } from './levels';
import { roundPoints, scorePointRule, type Outcome } from './points';
import { isBlank, isNotApplicable, type RawValue } from './values';

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
}

export interface Problem {
  criterion?: string;
  severity: 'error' | 'warning';
  code: 'unknown-criterion' | 'invalid-value' | 'missing-value' | 'value-warning' | 'unknown-option' | 'unit-name';
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
  pillars: { id: string; title: string; points: number | null; max: number | null; level?: number }[];
  criteria: CriterionResult[];
  problems: Problem[];
}

export interface AssessmentInput {
  unit: string;
  unitName?: string;
  year?: number;
  values: Readonly<Record<string, RawValue>>;
  /** Chosen readings for the rubric's options; defaults come from the rubric. */
  options?: Readonly<Record<string, string>>;
}

export interface ScoreContext {
  unitName?: string;
  year?: number;
  options?: Readonly<Record<string, string>>;
  lang?: Lang;
}

// ---------------------------------------------------------------- lookups

interface UnitIndex {
  criteria: Criterion[];
  byId: Map<string, Criterion>;
  pillars: Rubric['pillars'];
}
const indexCache = new WeakMap<Rubric, Map<UnitId, UnitIndex>>();

function unitIndex(rubric: Rubric, unit: UnitId): UnitIndex {
  let perUnit = indexCache.get(rubric);
  if (!perUnit) indexCache.set(rubric, (perUnit = new Map()));
  let index = perUnit.get(unit);
  if (!index) {
    const criteria = rubric.criteria.filter((c) => c.units.includes(unit));
    index = {
      criteria,
      byId: new Map(criteria.map((c) => [c.id, c])),
      pillars: rubric.pillars.filter((p) => !p.units || p.units.includes(unit)),
    };
    perUnit.set(unit, index);
  }
  return index;
}

export function resolveUnit(rubric: Rubric, unit: string): UnitId {
  const found = rubric.units.find((u) => u.id === unit || fold(u.label.vi) === fold(unit));
  if (!found) {
    const known = rubric.units.map((u) => `${u.id} (${u.label.vi})`).join(', ');
    throw new DtiError(
      'unknown-unit',
      t(
        `Bộ tiêu chí ${rubric.id} không có loại đơn vị "${unit}". Có: ${known}`,
        `Rubric ${rubric.id} has no unit type "${unit}". Known: ${known}`,
      ),
    );
  }
  return found.id;
}

/** The criteria that apply to a unit type, in the decision's order. */
export function criteriaFor(rubric: Rubric, unit: UnitId): readonly Criterion[] {
  return unitIndex(rubric, unit).criteria;
}

export function findCriterion(rubric: Rubric, unit: UnitId, id: string): Criterion {
  const criterion = unitIndex(rubric, unit).byId.get(id.trim());
  if (!criterion)
    throw new DtiError(
      'unknown-criterion',
      t(
        `Không có tiêu chí "${id}" cho đơn vị ${unit} trong ${rubric.id}`,
        `No criterion "${id}" for unit ${unit} in ${rubric.id}`,
      ),
    );
  return criterion;
}

/** Whether the named unit is on a rubric list (Hà Nội Phụ lục II), matching names and aliases loosely. */
export function isOnList(rubric: Rubric, list: string, unitName: string): boolean {
  const key = fold(unitName);
  return (rubric.lists[list]?.names ?? []).some((n) => fold(n.name) === key || n.aliases.some((a) => fold(a) === key));
}

const defaultOptions = new WeakMap<Rubric, Record<string, string>>();

/** The rubric's default readings, overridden by the ones an assessment chooses. */
function chosenOptions(rubric: Rubric, given?: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let defaults = defaultOptions.get(rubric);
  if (!defaults)
    defaultOptions.set(rubric, (defaults = Object.fromEntries(rubric.options.map((o) => [o.id, o.default]))));
  return given ? { ...defaults, ...given } : defaults;
}

/** A level's name ("Khởi động" … "Toàn diện"), "Chưa đạt mức 1" for 0. */
export const levelName = (rubric: Rubric, n: number, lang: Lang): string =>
  n === 0
    ? say(t('Chưa đạt mức 1', 'Below level 1'), lang)
    : say(rubric.levels?.find((l) => l.number === n)?.name ?? { vi: String(n) }, lang);

// ---------------------------------------------------------------- one criterion

export interface ScoredCriterion extends CriterionResult {
  /** Warnings about an accepted value (clamped points, partly entered conditions). */
  warnings: string[];
  /** Level rubrics: what level `n` (1-based) requires and what is missing, worded on demand. */
  explainLevel?: (n: number) => ConditionCheck;
}

/** Scores one criterion for a unit type from one entered value. */
export function scoreCriterion(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  raw: RawValue,
  ctx: ScoreContext = {},
): ScoredCriterion {
  const lang = ctx.lang ?? 'vi';
  const base = { id: criterion.id, pillar: criterion.pillar, title: criterion.title, effect: criterion.effect };
  const isLevel = criterion.rule.kind === 'levels';
  const max = isLevel ? null : criterionMax(criterion, unit);
  const result = (
    status: Status,
    points: number | null,
    counted: number | null,
    message: Text,
    warnings: Text[] = [],
  ): ScoredCriterion => ({
    id: criterion.id,
    pillar: criterion.pillar,
    title: criterion.title,
    effect: criterion.effect,
    points,
    max: counted,
    status,
    message: say(message, lang),
    warnings: warnings.length ? warnings.map((w) => say(w, lang)) : [],
  });

  if (criterion.onlyFor) {
    const list = rubric.lists[criterion.onlyFor.list];
    if (!ctx.unitName || !isOnList(rubric, criterion.onlyFor.list, ctx.unitName))
      return result(
        'not-applicable',
        isLevel ? null : 0,
        isLevel ? null : 0,
        ctx.unitName
          ? t(
              `Không áp dụng: "${ctx.unitName}" không thuộc ${list.title}`,
              `Not applicable: "${ctx.unitName}" is not on ${list.title}`,
            )
          : t(
              `Không áp dụng: chưa nêu tên đơn vị để đối chiếu ${list.title}`,
              `Not applicable: no unit name given to check against ${list.title}`,
            ),
        // The entry is kept, and the officer is told why it does not count.
        isBlank(raw)
          ? []
          : [t('giá trị đã nhập được giữ nhưng không tính điểm', 'the entered value is kept but not scored')],
      );
  }
  if (isNotApplicable(raw)) {
    if (criterion.allowNotApplicable)
      return result(
        'not-applicable',
        isLevel ? null : 0,
        isLevel ? null : 0,
        t(`Không áp dụng (${criterion.allowNotApplicable})`, `Not applicable (${criterion.allowNotApplicable})`),
      );
    return result(
      'invalid',
      isLevel ? null : 0,
      max,
      t(
        `"Không áp dụng" không được phép cho tiêu chí này; cần ${expected(criterion).vi}`,
        `"not applicable" is not allowed here; expected ${expected(criterion).en}`,
      ),
    );
  }

  if (criterion.rule.kind === 'levels') return scoreLevelCriterion(rubric, criterion.rule, raw, lang, base);

  const outcome: Outcome = scorePointRule(criterion.rule, raw, {
    max: max!,
    year: ctx.year,
    options: chosenOptions(rubric, ctx.options),
  });
  switch (outcome.kind) {
    case 'scored': {
      const [points, of] = [numText(outcome.points), numText(max!)];
      return result(
        'ok',
        outcome.points,
        max,
        t(`${points.vi}/${of.vi} điểm: ${outcome.explain.vi}`, `${points.en}/${of.en} points: ${outcome.explain.en}`),
        outcome.warnings,
      );
    }
    case 'missing':
      return result(
        'missing',
        0,
        max,
        t(
          `Chưa nhập${outcome.explain ? ` (${outcome.explain.vi})` : ''}: cần ${expected(criterion).vi}`,
          `Not entered${outcome.explain ? ` (${outcome.explain.en})` : ''}: expected ${expected(criterion).en}`,
        ),
      );
    case 'invalid':
      return result(
        'invalid',
        0,
        max,
        t(
          `Giá trị không hợp lệ: ${outcome.error.vi}; cần ${expected(criterion).vi}`,
          `Invalid value: ${outcome.error.en}; expected ${expected(criterion).en}`,
        ),
      );
    case 'not-applicable':
      return result('not-applicable', 0, 0, outcome.explain);
  }
}

function scoreLevelCriterion(
  rubric: Rubric,
  rule: LevelRule,
  raw: RawValue,
  lang: Lang,
  base: Pick<CriterionResult, 'id' | 'pillar' | 'title' | 'effect'>,
): ScoredCriterion {
  const maxLevel = rubric.levels?.length ?? rule.thresholds.length;
  const parsed = parseMeasured(rule, raw, maxLevel);
  const measured: Measured | undefined = parsed.ok === true ? parsed.value : undefined;
  const level = criterionLevel(rule, measured);
  const exp = expectedLevel(rule);
  const status: Status = parsed.ok === 'missing' ? 'missing' : parsed.ok ? 'ok' : 'invalid';
  const message =
    parsed.ok === 'missing'
      ? t(`Chưa nhập: cần ${exp.vi}`, `Not entered: expected ${exp.en}`)
      : parsed.ok === false
        ? t(
            `Giá trị không hợp lệ: ${parsed.error.vi}; cần ${exp.vi}`,
            `Invalid value: ${parsed.error.en}; expected ${exp.en}`,
          )
        : level === 0
          ? t('Chưa đạt mức 1', 'Below level 1')
          : t(
              `Đạt mức ${level}: ${levelName(rubric, level, 'vi')}`,
              `Meets level ${level}: ${levelName(rubric, level, 'en')}`,
            );
  // Built field by field: object spread here cost more than the scoring itself (see bench/).
  return {
    id: base.id,
    pillar: base.pillar,
    title: base.title,
    effect: base.effect,
    points: null,
    max: null,
    status,
    message: say(message, lang),
    level,
    warnings: [],
    explainLevel: (n) => checkThreshold(rule.thresholds[n - 1], measured, rule),
  };
}

// ---------------------------------------------------------------- what to enter

/** What a criterion expects, in words: used in every "expected …" message and in templates. */
export function expected(criterion: Criterion): Text {
  const rule = criterion.rule;
  return rule.kind === 'levels' ? expectedLevel(rule) : expectedPoints(rule);
}

/** Input descriptions shared by point and level rules. */
const YES_NO = t('Có/Không', 'yes/no');
const RATIO_EITHER = t('tỷ lệ 0–1 (hoặc %), hoặc tử số/mẫu số', 'a ratio 0–1 (or %), or numerator/denominator');
const COUNT = t('số lượng (số nguyên ≥ 0)', 'a count (whole number ≥ 0)');

function expectedLevel(rule: LevelRule): Text {
  switch (rule.measure) {
    case 'ratio':
      return RATIO_EITHER;
    case 'count':
      return COUNT;
    case 'yes':
      return YES_NO;
    case 'count-of-total':
      return t('số lượng đạt (tử số) và tổng số (mẫu số)', 'the count (numerator) and the total (denominator)');
    case 'subunit-levels':
      return t('danh sách mức độ (0–5) của các xã', 'the list of the communes’ levels (0–5)');
  }
}

function expectedPoints(rule: Exclude<Criterion['rule'], LevelRule>): Text {
  switch (rule.kind) {
    case 'boolean':
      return YES_NO;
    case 'options':
      return t(rule.options.map((o) => o.label.vi).join(' / '), rule.options.map((o) => o.id).join(' / '));
    case 'ratio':
      return rule.input === 'counts'
        ? t('tử số và mẫu số (số nguyên ≥ 0)', 'numerator and denominator (whole numbers ≥ 0)')
        : rule.input === 'fraction'
          ? t('tỷ lệ 0–1 (hoặc %)', 'a ratio 0–1 (or %)')
          : RATIO_EITHER;
    case 'count-steps':
    case 'per-item':
    case 'count-target':
      return COUNT;
    case 'additive':
      return t(
        `Có/Không cho từng điều kiện: ${rule.parts.map((p) => p.label.vi).join('; ')}`,
        `yes/no for each condition: ${rule.parts.map((p) => p.label.en ?? p.id).join('; ')}`,
      );
    case 'deadline':
      return t('ngày thực hiện (YYYY-MM-DD), hoặc Không', 'the date done (YYYY-MM-DD), or no');
    case 'assessed':
      return t('số điểm tự chấm (0 đến điểm tối đa)', 'self-awarded points (0 to the max)');
    case 'collect':
      return t('thông tin thu thập (không tính điểm)', 'collected information (no points)');
    case 'best-of':
      return t(
        `giá trị cho một hoặc nhiều phương án: ${rule.alternatives.map((a) => a.label.vi).join('; ')}`,
        `a value for one or more alternatives: ${rule.alternatives.map((a) => a.id).join('; ')}`,
      );
    case 'gated':
      return t(
        `${rule.gate.label.vi} (tối thiểu ${rule.gate.minCount}) và ${expectedPoints(rule.rule).vi}`,
        `${rule.gate.label.en ?? rule.gate.id} (at least ${rule.gate.minCount}) and ${expectedPoints(rule.rule).en}`,
      );
    case 'by-option':
      return t('giá trị theo cách đọc đã chọn', 'a value for the chosen reading');
  }
}

// ---------------------------------------------------------------- whole assessment

export function assess(rubric: Rubric, input: AssessmentInput, lang: Lang = 'vi'): Assessment {
  const unit = resolveUnit(rubric, input.unit);
  const index = unitIndex(rubric, unit);
  const problems: Problem[] = [];
  const problem = (p: Omit<Problem, 'message'> & { text: Text }) =>
    problems.push({
      ...(p.criterion ? { criterion: p.criterion } : {}),
      severity: p.severity,
      code: p.code,
      message: say(p.text, lang),
    });

  for (const id of Object.keys(input.values))
    if (!index.byId.has(id.trim()))
      problem({
        criterion: id,
        severity: 'error',
        code: 'unknown-criterion',
        text: t(
          `Không có tiêu chí "${id}" cho đơn vị ${unit} trong ${rubric.id}; giá trị này không được tính`,
          `No criterion "${id}" for unit ${unit} in ${rubric.id}; this value is not counted`,
        ),
      });
  for (const [id, choice] of Object.entries(input.options ?? {})) {
    const option = rubric.options.find((o) => o.id === id);
    if (!option || !option.choices.some((c) => c.id === choice))
      problem({
        severity: 'error',
        code: 'unknown-option',
        text: option
          ? t(
              `Cách đọc "${id}" không có lựa chọn "${choice}"; có: ${option.choices.map((c) => c.id).join(', ')}`,
              `Option "${id}" has no choice "${choice}"; known: ${option.choices.map((c) => c.id).join(', ')}`,
            )
          : t(`Không có cách đọc "${id}" trong ${rubric.id}`, `No option "${id}" in ${rubric.id}`),
      });
  }
  if (!input.unitName && index.criteria.some((c) => c.onlyFor))
    problem({
      severity: 'warning',
      code: 'unit-name',
      text: t(
        `Chưa nêu tên đơn vị: các tiêu chí chỉ áp dụng cho một số đơn vị (${index.criteria
          .filter((c) => c.onlyFor)
          .map((c) => c.id)
          .join(', ')}) được coi là không áp dụng`,
        `No unit name: criteria that apply only to some units (${index.criteria
          .filter((c) => c.onlyFor)
          .map((c) => c.id)
          .join(', ')}) are treated as not applicable`,
      ),
    });

  const values = new Map(Object.entries(input.values).map(([k, v]) => [k.trim(), v]));
  const ctx: ScoreContext = { unitName: input.unitName, year: input.year, options: input.options, lang };
  const scoredCriteria = index.criteria.map((c) => scoreCriterion(rubric, unit, c, values.get(c.id), ctx));

  for (const r of scoredCriteria) {
    if (r.status === 'invalid')
      problems.push({ criterion: r.id, severity: 'error', code: 'invalid-value', message: r.message });
    if (r.status === 'missing')
      problems.push({ criterion: r.id, severity: 'warning', code: 'missing-value', message: r.message });
    for (const w of r.warnings)
      problems.push({ criterion: r.id, severity: 'warning', code: 'value-warning', message: w });
  }

  const criteria: CriterionResult[] = scoredCriteria.map(publicResult);
  const base = {
    rubric: rubric.id,
    version: rubric.version,
    unit,
    ...(input.unitName ? { unitName: input.unitName } : {}),
    criteria,
    problems,
  };
  return rubric.kind === 'levels'
    ? { ...base, ...levelTotals(rubric, index, scoredCriteria, lang) }
    : { ...base, ...pointTotals(index, scoredCriteria) };
}

/** The result without its engine-internal fields (field by field: rest spread is slow in V8 here). */
function publicResult(r: ScoredCriterion): CriterionResult {
  const out: CriterionResult = {
    id: r.id,
    pillar: r.pillar,
    title: r.title,
    points: r.points,
    max: r.max,
    status: r.status,
    message: r.message,
    effect: r.effect,
  };
  if (r.level !== undefined) out.level = r.level;
  return out;
}

function signed(r: CriterionResult): number {
  const p = r.points ?? 0;
  return r.effect === 'penalty' ? -p : p;
}

function pointTotals(index: UnitIndex, results: ScoredCriterion[]) {
  const sum = (rs: ScoredCriterion[], f: (r: ScoredCriterion) => number) =>
    roundPoints(rs.reduce((s, r) => s + f(r), 0));
  const counted = (r: ScoredCriterion) => (r.effect === 'score' ? (r.max ?? 0) : 0);
  const pillars = index.pillars.map((p) => {
    const inPillar = results.filter((r) => r.pillar === p.id);
    return { id: p.id, title: p.title, points: sum(inPillar, signed), max: sum(inPillar, counted) };
  });
  const total = sum(results, signed);
  const max = sum(results, counted);
  return {
    total,
    max,
    percent: max > 0 ? roundPoints((total / max) * 100) : null,
    level: null,
    nextLevel: null,
    pillars,
  };
}

function levelTotals(rubric: Rubric, index: UnitIndex, results: ScoredCriterion[], lang: Lang) {
  const levels = rubric.levels ?? [];
  const unitLevel = results.reduce((m, r) => Math.min(m, r.level ?? 0), levels.length);
  const info = (n: number): LevelInfo => ({ number: n, name: levelName(rubric, n, lang) });
  const next = unitLevel < levels.length ? unitLevel + 1 : null;
  const nextLevel =
    next === null
      ? null
      : {
          ...info(next),
          shortfalls: results
            .filter((r) => (r.level ?? 0) < next)
            .map((r) => {
              const check = r.explainLevel!(next);
              return {
                criterion: r.id,
                title: r.title,
                required: say(check.required, lang),
                shortfall: say(check.shortfall ?? t('chưa đạt', 'not met'), lang),
                gap: check.gap,
              };
            }),
        };
  const pillars = index.pillars.map((p) => ({
    id: p.id,
    title: p.title,
    points: null,
    max: null,
    level: results.filter((r) => r.pillar === p.id).reduce((m, r) => Math.min(m, r.level ?? 0), levels.length),
  }));
  return { total: null, max: null, percent: null, level: info(unitLevel), nextLevel, pillars };
}

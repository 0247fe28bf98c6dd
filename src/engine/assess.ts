/**
 * A whole assessment: every criterion of the unit type scored, problems listed (unknown criteria
 * and readings, invalid and missing values, warnings), pillar and unit totals, or for level rubrics
 * the unit's level and what stands between it and the next. Pure: rubric data and values in,
 * numbers and messages out.
 */
import { say, t, type Lang, type Text } from '../base';
import { criterionMax, isScored, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { scoreCriterion, type ScoredCriterion } from './criterion';
import { contextArguments, withGeneral } from './context';
import { levelName, matchUnitName, resolveUnit, unitIndex, type UnitIndex } from './lookup';
import { inputSlots } from './slots';
import { isBlank, parseCount, parseNonNegative } from './values';
import { roundPoints } from './points';
import type {
  Assessment,
  AssessmentInput,
  CriterionResult,
  LevelInfo,
  Problem,
  ScoreContext,
  Shortfall,
} from './results';
import { shortfallsForLevel } from './levels';

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

  const trimmed = new Map<string, string>();
  for (const id of Object.keys(input.values)) {
    const key = id.trim();
    if (trimmed.has(key))
      problem({
        criterion: key,
        severity: 'error',
        code: 'unknown-criterion',
        text: t(
          `Tiêu chí "${key}" được nhập hai lần ("${trimmed.get(key)}" và "${id}"): chỉ giữ một`,
          `Criterion "${key}" is entered twice ("${trimmed.get(key)}" and "${id}"): keep one`,
        ),
      });
    trimmed.set(key, id);
  }
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

  checkGeneral(rubric, input, problem);
  checkUnitName(rubric, unit, index, input, problem);
  if (input.year === undefined) {
    const dated = index.criteria.filter((c) =>
      contextArguments(rubric, c, input.options).some((a) => a.kind === 'year'),
    );
    if (dated.length)
      problem({
        severity: 'error',
        code: 'missing-year',
        text: t(
          `Chưa có năm đánh giá: các tiêu chí tính theo thời hạn (${dated.map((c) => c.id).join(', ')}) không chấm được`,
          `No assessment year: the criteria scored by a deadline (${dated.map((c) => c.id).join(', ')}) cannot be scored`,
        ),
      });
  }

  const values = new Map(Object.entries(input.values).map(([k, v]) => [k.trim(), v]));
  const ctx: ScoreContext = { unitName: input.unitName, year: input.year, options: input.options, lang };
  const scoredCriteria = index.criteria.map((c) => {
    const { value, warnings } = generalDefaults(rubric, c, values.get(c.id), input);
    const r = scoreCriterion(rubric, unit, c, value, ctx);
    return warnings.length && r.status === 'ok'
      ? { ...r, warnings: [...warnings.map((w) => say(w, lang)), ...r.warnings] }
      : r;
  });

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
    ? {
        ...base,
        ...levelTotals(rubric, index, scoredCriteria, lang),
        ...registered(rubric, input, scoredCriteria, lang),
      }
    : { ...base, ...pointTotals(index, scoredCriteria) };
}

/** Level rubrics: the level the unit registered for (a whole level of the rubric), whether reached and what is missing. */
function registered(rubric: Rubric, input: AssessmentInput, results: ScoredCriterion[], lang: Lang) {
  const n = input.registeredLevel;
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > (rubric.levels?.length ?? 0)) return {};
  const shortfalls = shortfallsForLevel(results, n).map((s): Shortfall => ({
    criterion: s.criterion,
    title: s.title,
    required: say(s.required, lang),
    shortfall: say(s.shortfall, lang),
    gap: s.gap,
  }));
  return {
    registered: { number: n, name: levelName(rubric, n, lang), reached: shortfalls.length === 0, shortfalls },
  };
}

/** A JSON value's slots filled from the general information where left out (`{"numerator": 350}` + households). */
function generalDefaults(
  rubric: Rubric,
  criterion: Criterion,
  value: unknown,
  input: AssessmentInput,
): { value: unknown; warnings: Text[] } {
  const general = input.general;
  if (!general) return { value, warnings: [] };
  const linked = inputSlots(rubric, criterion, input.options).filter((s) => s.general);
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  if (!linked.length || !record) return { value, warnings: [] };
  const out = { ...record };
  const warnings: Text[] = [];
  for (const slot of linked) {
    const merged = withGeneral(slot, out[slot.key], general[slot.general!]);
    if (!isBlank(merged.value)) out[slot.key] = merged.value;
    if (merged.warning) warnings.push(merged.warning);
  }
  return { value: out, warnings };
}

/** General-information items the rubric does not know, and values that are not what the item is. */
function checkGeneral(
  rubric: Rubric,
  input: AssessmentInput,
  problem: (p: Omit<Problem, 'message'> & { text: Text }) => void,
): void {
  for (const [id, v] of Object.entries(input.general ?? {})) {
    const item = rubric.general.find((g) => g.id === id);
    if (!item) {
      problem({
        severity: 'error',
        code: 'unknown-general',
        text: t(
          `Không có mục thông tin chung "${id}" trong ${rubric.id}; có: ${rubric.general.map((g) => g.id).join(', ') || '(không có)'}`,
          `No general-information item "${id}" in ${rubric.id}; known: ${rubric.general.map((g) => g.id).join(', ') || '(none)'}`,
        ),
      });
      continue;
    }
    if (isBlank(v) || item.kind === 'text') continue;
    const parsed = item.kind === 'count' ? parseCount(v) : parseNonNegative(v);
    if (!parsed.ok)
      problem({
        severity: 'error',
        code: 'invalid-value',
        text: t(
          `Thông tin chung "${item.label.vi}": ${parsed.error.vi}`,
          `General information "${item.label.en ?? item.label.vi}": ${parsed.error.en}`,
        ),
      });
  }
}

/**
 * A unit name that is on none of the rubric's lists for its unit type: said, with what it changes
 * (a criterion only for listed units not counted, the max lower).
 */
function checkUnitName(
  rubric: Rubric,
  unit: UnitId,
  index: UnitIndex,
  input: AssessmentInput,
  problem: (p: Omit<Problem, 'message'> & { text: Text }) => void,
): void {
  const names = rubric.units.find((u) => u.id === unit)?.names;
  if (!input.unitName || !names || matchUnitName(rubric, names, input.unitName)) return;
  const limited = index.criteria.filter((c) => c.onlyFor && !matchUnitName(rubric, c.onlyFor.list, input.unitName!));
  const full = index.criteria.filter(isScored).reduce((s, c) => s + criterionMax(c, unit), 0);
  const without = full - limited.filter(isScored).reduce((s, c) => s + criterionMax(c, unit), 0);
  const changes = limited.length
    ? t(
        `; tiêu chí ${limited.map((c) => c.id).join(', ')} không được tính, điểm tối đa ${without} thay vì ${full}`,
        `; criteria ${limited.map((c) => c.id).join(', ')} are not counted, the max is ${without} instead of ${full}`,
      )
    : t('', '');
  problem({
    severity: 'warning',
    code: 'unit-name',
    text: t(
      `Tên đơn vị "${input.unitName}" không có trong ${rubric.lists[names].title}: kiểm tra lại tên${changes.vi}`,
      `Unit name "${input.unitName}" is not on ${rubric.lists[names].title}: check the name${changes.en}`,
    ),
  });
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
  if (r.excludedByUnit) out.excludedByUnit = true;
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

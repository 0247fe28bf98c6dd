/**
 * A whole assessment: every criterion of the unit type scored, problems listed (unknown criteria
 * and readings, invalid and missing values, warnings), pillar and unit totals, or for level rubrics
 * the unit's level and what stands between it and the next. Pure: rubric data and values in,
 * numbers and messages out.
 */
import { say, t, type Lang, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { scoreCriterion, type ScoredCriterion } from './criterion';
import { levelName, resolveUnit, unitIndex, type UnitIndex } from './lookup';
import { roundPoints } from './points';
import type { Assessment, AssessmentInput, CriterionResult, LevelInfo, Problem, ScoreContext } from './results';

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

/**
 * One criterion scored from one entered value: its points (or level), status and message, the
 * warnings about an accepted value, and for levels what each level requires. Used by `assess` and
 * by the cell computations behind the Excel functions.
 */
import { numText, say, t, type Lang, type Text } from '../base';
import { type Criterion, criterionMax, type LevelRule, type Rubric, type UnitId } from '../rubrics';
import { expected, expectedLevel } from './expected';
import { checkThreshold, criterionLevel, parseMeasured, type ConditionCheck, type Measured } from './levels';
import { chosenOptions, isOnList, levelName } from './lookup';
import { scorePointRule, type Outcome } from './points';
import type { CriterionResult, ScoreContext, Status } from './results';
import { isBlank, isNotApplicable, type RawValue } from './values';

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

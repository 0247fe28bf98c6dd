/**
 * One criterion scored from one entered value: its points (or level), status and message, the
 * warnings about an accepted value, and for levels what each level requires. Used by `assess` and
 * by the cell computations behind the Excel functions.
 */
import { numText, say, t, type Lang, type Text } from '../base';
import { type Criterion, criterionMax, type LevelRule, type Rubric, type UnitId } from '../rubrics';
import { expected } from './expected';
import { checkThreshold, criterionLevel, parseMeasured, type ConditionCheck, type Measured } from './levels';
import { chosenOptions, levelName, matchUnitName } from './lookup';
import { scorePointRule, type Outcome, type RuleContext } from './points';
import type { CriterionResult, ScoreContext, Status } from './results';
import { COUNT_TITLE, inputSlots, MIXED_NA } from './slots';
import { isBlank, isNotApplicable, type RawValue } from './values';

export interface ScoredCriterion extends CriterionResult {
  /** Warnings about an accepted value (clamped points, partly entered conditions). */
  warnings: string[];
  /** Level rubrics: what level `n` (1-based) requires and what is missing, worded on demand. */
  explainLevel?: (n: number) => ConditionCheck;
}

/** Marks a result as not applicable by the unit rather than by what was entered. */
function excluded(r: ScoredCriterion): ScoredCriterion {
  r.excludedByUnit = true;
  return r;
}

/** Why a level is not met when the entry could not be read. */
const REFUSED = t('giá trị đã nhập không dùng được (xem lỗi)', 'the entry cannot be used (see the error)');

/** Scores one criterion for a unit type from one entered value. */
export function scoreCriterion(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  raw: RawValue,
  ctx: ScoreContext = {},
): ScoredCriterion {
  const lang = ctx.lang ?? 'vi';
  const isLevel = criterion.rule.kind === 'levels';
  const max = isLevel ? null : criterionMax(criterion, unit);
  const options = chosenOptions(rubric, ctx.options);
  const want = () => expected(rubric, criterion, options, max ?? undefined);
  const result = (
    status: Status,
    points: number | null,
    counted: number | null,
    message: Text,
    warnings: Text[] = [],
    level?: number,
  ) => finish(criterion, lang, { status, points, max: counted, message, warnings, level });
  const maxLevel = rubric.levels?.length ?? 0;

  if (criterion.onlyFor) {
    const list = rubric.lists[criterion.onlyFor.list];
    if (!ctx.unitName || !matchUnitName(rubric, criterion.onlyFor.list, ctx.unitName))
      return excluded(
        result(
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
          isLevel ? maxLevel : undefined,
        ),
      );
  }
  if (isNotApplicable(raw)) {
    if (criterion.allowNotApplicable)
      return result(
        'not-applicable',
        isLevel ? null : 0,
        isLevel ? null : 0,
        t(`Không áp dụng (${criterion.allowNotApplicable})`, `Not applicable (${criterion.allowNotApplicable})`),
        [],
        // Not applicable holds no unit below any level.
        isLevel ? maxLevel : undefined,
      );
    return result(
      'invalid',
      isLevel ? null : 0,
      max,
      t(
        `"Không áp dụng" không được phép cho tiêu chí này (quyết định không cho phép); cần ${want().vi}`,
        `"Không áp dụng" (not applicable) is not allowed for this criterion; expected ${want().en}`,
      ),
      [],
      isLevel ? 0 : undefined,
    );
  }
  if (typeof raw === 'object' && raw !== null && MIXED_NA in raw)
    return result(
      'invalid',
      isLevel ? null : 0,
      max,
      t(
        `"Không áp dụng" được nhập cùng với số liệu: chỉ chọn một; cần ${want().vi}`,
        `"Không áp dụng" entered together with values: choose one; expected ${want().en}`,
      ),
      [],
      isLevel ? 0 : undefined,
    );

  const countTitle = COUNT_TITLE.test(criterion.title);
  if (criterion.rule.kind === 'levels')
    return scoreLevelCriterion(rubric, criterion, criterion.rule, raw, lang, countTitle);

  const outcome: Outcome = scorePointRule(criterion.rule, raw, {
    max: max!,
    year: ctx.year,
    options,
    zeroDenominator: zeroDenominatorReading(rubric, options),
    countTitle,
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
          `Chưa nhập${outcome.explain ? ` (${outcome.explain.vi})` : ''}: cần ${want().vi}`,
          `Not entered${outcome.explain ? ` (${outcome.explain.en})` : ''}: expected ${want().en}`,
        ),
      );
    case 'invalid':
      return result(
        'invalid',
        0,
        max,
        t(`${outcome.error.vi}; cần ${want().vi}`, `${outcome.error.en}; expected ${want().en}`),
      );
    case 'not-applicable':
      return result('not-applicable', 0, 0, outcome.explain);
  }
}

/** The rubric-wide reading of a zero denominator, where a council chose one (an option that overrides). */
function zeroDenominatorReading(
  rubric: Rubric,
  options: Readonly<Record<string, string>>,
): RuleContext['zeroDenominator'] {
  const option = rubric.options.find((o) => o.overrides === 'zeroDenominator');
  const choice = option && options[option.id];
  return choice === 'full' || choice === 'zero' || choice === 'not-applicable' ? choice : undefined;
}

function finish(
  criterion: Criterion,
  lang: Lang,
  r: {
    status: Status;
    points: number | null;
    max: number | null;
    message: Text;
    warnings: Text[];
    level?: number;
    explainLevel?: (n: number) => ConditionCheck;
  },
): ScoredCriterion {
  // Built field by field: object spread here cost more than the scoring itself (see bench/).
  const out: ScoredCriterion = {
    id: criterion.id,
    pillar: criterion.pillar,
    title: criterion.title,
    effect: criterion.effect,
    points: r.points,
    max: r.max,
    status: r.status,
    message: say(r.message, lang),
    warnings: r.warnings.length ? r.warnings.map((w) => say(w, lang)) : [],
  };
  if (r.level !== undefined) {
    out.level = r.level;
    const rule = criterion.rule;
    out.explainLevel =
      r.explainLevel ??
      (rule.kind === 'levels' && r.status === 'invalid'
        ? (n) => checkThreshold(rule.thresholds[n - 1], undefined, rule, REFUSED)
        : (n) => ({ met: n <= r.level!, required: t('Không áp dụng', 'Not applicable'), gap: 0 }));
  }
  return out;
}

function scoreLevelCriterion(
  rubric: Rubric,
  criterion: Criterion,
  rule: LevelRule,
  raw: RawValue,
  lang: Lang,
  countTitle: boolean,
): ScoredCriterion {
  const maxLevel = rubric.levels?.length ?? rule.thresholds.length;
  const yes = inputSlots(rubric, criterion)[0]?.words;
  const parsed = parseMeasured(rule, raw, maxLevel, {
    yes: yes && 'yes' in yes ? yes.yes.map((w) => w.vi) : [],
    countTitle,
  });
  const measured: Measured | undefined = parsed.ok === true ? parsed.value : undefined;
  // A blank or a refused entry meets no level: a "Không áp dụng" column is not a level reached.
  const level = measured ? criterionLevel(rule, measured) : 0;
  const exp = expected(rubric, criterion);
  const status: Status = parsed.ok === 'missing' ? 'missing' : parsed.ok ? 'ok' : 'invalid';
  const message =
    parsed.ok === 'missing'
      ? t(
          `Chưa nhập${parsed.explain ? ` (${parsed.explain.vi})` : ''}: cần ${exp.vi}`,
          `Not entered${parsed.explain ? ` (${parsed.explain.en})` : ''}: expected ${exp.en}`,
        )
      : parsed.ok === false
        ? t(`${parsed.error.vi}; cần ${exp.vi}`, `${parsed.error.en}; expected ${exp.en}`)
        : level === 0
          ? t('Chưa đạt mức 1', 'Below level 1')
          : t(
              `Đạt mức ${level}: ${levelName(rubric, level, 'vi')}`,
              `Meets level ${level}: ${levelName(rubric, level, 'en')}`,
            );
  return finish(criterion, lang, {
    status,
    points: null,
    max: null,
    message,
    warnings: parsed.ok === true ? (parsed.warnings ?? []) : [],
    level,
    explainLevel: (n) =>
      checkThreshold(rule.thresholds[n - 1], measured, rule, parsed.ok === false ? REFUSED : undefined),
  });
}

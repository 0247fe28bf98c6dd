/**
 * Maturity levels (Kon Tum 121/QĐ-UBND after national 2361/QĐ-BTTTT). A criterion meets level L
 * when its value satisfies the level-L threshold; "Không áp dụng" (null) sets no requirement. A
 * criterion's own level is the highest L such that it meets every level up to L, and a unit's level
 * is the lowest of its criteria's levels — the same as "every criterion meets L" for the highest L.
 */
import type { LevelCondition, LevelRule, LevelThreshold } from '../rubrics';
import { numText, pctText, t, type Text } from '../base';
import { isBlank, parseBoolean, parseCount, parseIntList, parseRatioValue, type Parsed, type RawValue } from './values';

/** A value in the form the measure needs. */
export type Measured =
  | { measure: 'ratio'; ratio: number | null }
  | { measure: 'count'; count: number }
  | { measure: 'yes'; yes: boolean }
  /** The count, and the total when it was given (only a share condition needs it). */
  | { measure: 'count-of-total'; counts: { numerator: number; denominator: number | null } }
  | { measure: 'subunit-levels'; levels: number[] };

export interface MeasureOptions {
  /** The criterion's own words for its yes columns ("Có sử dụng hệ thống"). */
  yes?: string[];
  countTitle?: boolean;
}

export function parseMeasured(
  rule: LevelRule,
  raw: RawValue,
  maxLevel: number,
  options: MeasureOptions = {},
): Parsed<Measured> | { ok: 'missing'; explain?: Text } {
  if (isBlank(raw)) return { ok: 'missing' };
  const map = <T>(p: Parsed<T>, f: (v: T) => Measured): Parsed<Measured> =>
    p.ok ? { ok: true, value: f(p.value), ...(p.warnings ? { warnings: p.warnings } : {}) } : p;
  switch (rule.measure) {
    case 'ratio': {
      const r = parseRatioValue(raw);
      return r.ok === 'missing' ? r : map(r, (v) => ({ measure: 'ratio', ratio: v.ratio }));
    }
    case 'count':
      return map(parseCount(raw), (count) => ({ measure: 'count', count }));
    case 'yes':
      return map(parseBoolean(raw, { yes: options.yes, numbers: !options.countTitle }), (yes) => ({
        measure: 'yes',
        yes,
      }));
    case 'count-of-total':
      return parseCountOfTotal(raw);
    case 'subunit-levels':
      return map(parseIntList(raw, 0, maxLevel), (levels) => ({ measure: 'subunit-levels', levels }));
  }
}

/** A count ("Có 3 doanh nghiệp") with the total beside it where a share also counts; a plain count alone is fine. */
function parseCountOfTotal(raw: RawValue): Parsed<Measured> | { ok: 'missing'; explain?: Text } {
  const record =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const [num, den] = record ? [record.numerator, record.denominator] : [raw, null];
  if (isBlank(num)) return { ok: 'missing', explain: t('chưa nhập số lượng', 'the count is not entered') };
  const n = parseCount(num);
  if (!n.ok) return n;
  if (isBlank(den))
    return { ok: true, value: { measure: 'count-of-total', counts: { numerator: n.value, denominator: null } } };
  const d = parseCount(den);
  if (!d.ok) return { ok: false, error: t(`tổng số: ${d.error.vi}`, `total: ${d.error.en}`) };
  const warnings =
    n.value > d.value
      ? [
          t(
            `số lượng ${n.value} lớn hơn tổng số ${d.value}: tính là 100%`,
            `count ${n.value} is above the total ${d.value}: counted as 100%`,
          ),
        ]
      : undefined;
  return {
    ok: true,
    value: { measure: 'count-of-total', counts: { numerator: Math.min(n.value, d.value), denominator: d.value } },
    ...(warnings ? { warnings } : {}),
  };
}

/** How far a value is from one condition: met, or what is missing in words. */
export interface ConditionCheck {
  met: boolean;
  /** What the condition requires, in words. */
  required: Text;
  /** How much is missing (percentage points, items, communes), when it can be counted. */
  gap: number | null;
  shortfall?: Text;
}

/** The share a value gives: null for a zero denominator, undefined when only a count was given. */
function ratioOf(m: Measured): number | null | undefined {
  if (m.measure === 'ratio') return m.ratio;
  if (m.measure === 'count-of-total')
    return m.counts.denominator === null
      ? undefined
      : m.counts.denominator === 0
        ? null
        : m.counts.numerator / m.counts.denominator;
  return undefined;
}

function countOf(m: Measured): number | null {
  if (m.measure === 'count') return m.count;
  if (m.measure === 'count-of-total') return m.counts.numerator;
  return null;
}

/** Communes below `allAtLeast`, and communes still needed at `shareAtLeast.level`. */
function subunitShortfall(c: Extract<LevelCondition, { type: 'subunit-levels' }>, levels: number[]) {
  const below = levels.filter((l) => l < c.allAtLeast).length;
  const share = c.shareAtLeast;
  const needed = share
    ? Math.max(0, Math.ceil(share.share * levels.length - 1e-9) - levels.filter((l) => l >= share.level).length)
    : 0;
  return { below, needed };
}

/** Whether a value meets one condition: the single rule every level decision goes through. */
export function conditionMet(c: LevelCondition, m: Measured, zeroDenominator: LevelRule['zeroDenominator']): boolean {
  switch (c.type) {
    case 'min-ratio':
    case 'max-ratio': {
      const r = ratioOf(m);
      if (r === undefined) return false;
      if (r === null) return zeroDenominator === 'full' || zeroDenominator === 'not-applicable';
      return c.type === 'min-ratio' ? r >= c.value - 1e-12 : r <= c.value + 1e-12;
    }
    case 'min-count':
      return (countOf(m) ?? 0) >= c.value;
    case 'yes':
      return m.measure === 'yes' && m.yes;
    case 'subunit-levels': {
      const levels = m.measure === 'subunit-levels' ? m.levels : [];
      const { below, needed } = subunitShortfall(c, levels);
      return levels.length > 0 && below === 0 && needed === 0;
    }
  }
}

/** Whether a value meets a level's threshold ("Không áp dụng" always does). */
export function thresholdMet(th: LevelThreshold, m: Measured | undefined, rule: LevelRule): boolean {
  if (th === null) return true;
  if (!m) return false;
  return 'anyOf' in th
    ? th.anyOf.some((c) => conditionMet(c, m, rule.zeroDenominator))
    : conditionMet(th, m, rule.zeroDenominator);
}

/** The words of a check: what the condition requires and, when unmet, what is missing. */
export function checkCondition(
  c: LevelCondition,
  m: Measured,
  zeroDenominator: LevelRule['zeroDenominator'],
): ConditionCheck {
  switch (c.type) {
    case 'min-ratio':
    case 'max-ratio': {
      const required =
        c.type === 'min-ratio'
          ? t(`tỷ lệ ≥ ${pctText(c.value).vi}`, `ratio ≥ ${pctText(c.value).en}`)
          : t(`tỷ lệ ≤ ${pctText(c.value).vi}`, `ratio ≤ ${pctText(c.value).en}`);
      const r = ratioOf(m);
      if (conditionMet(c, m, zeroDenominator)) return { met: true, required, gap: 0 };
      if (r === undefined)
        return { met: false, required, gap: null, shortfall: t('chưa nhập tổng số', 'the total is not entered') };
      if (r === null) return { met: false, required, gap: null, shortfall: t('mẫu số bằng 0', 'denominator is 0') };
      const gap = c.type === 'min-ratio' ? c.value - r : r - c.value;
      const points = Number((gap * 100).toFixed(2));
      return {
        met: false,
        required,
        gap: points,
        shortfall: t(
          `hiện ${pctText(r).vi}, ${c.type === 'min-ratio' ? 'thiếu' : 'vượt'} ${numText(points).vi} điểm phần trăm`,
          `now ${pctText(r).en}, ${points} percentage points ${c.type === 'min-ratio' ? 'short' : 'over'}`,
        ),
      };
    }
    case 'min-count': {
      const required = t(`tối thiểu ${c.value}`, `at least ${c.value}`);
      const n = countOf(m) ?? 0;
      const gap = c.value - n;
      return conditionMet(c, m, zeroDenominator)
        ? { met: true, required, gap: 0 }
        : { met: false, required, gap, shortfall: t(`hiện ${n}, thiếu ${gap}`, `now ${n}, ${gap} short`) };
    }
    case 'yes': {
      const required = t('Có', 'Yes');
      return conditionMet(c, m, zeroDenominator)
        ? { met: true, required, gap: 0 }
        : { met: false, required, gap: null, shortfall: t('hiện: Không', 'now: No') };
    }
    case 'subunit-levels': {
      const levels = m.measure === 'subunit-levels' ? m.levels : [];
      const share = c.shareAtLeast;
      const required = share
        ? t(
            `100% đơn vị cấp xã đạt mức ≥ ${c.allAtLeast}, tối thiểu ${pctText(share.share).vi} đạt mức ≥ ${share.level}`,
            `all communes at level ≥ ${c.allAtLeast}, at least ${pctText(share.share).en} at ≥ ${share.level}`,
          )
        : t(`100% đơn vị cấp xã đạt mức ≥ ${c.allAtLeast}`, `all communes at level ≥ ${c.allAtLeast}`);
      const { below, needed } = subunitShortfall(c, levels);
      const gap = Math.max(below, needed);
      if (conditionMet(c, m, zeroDenominator)) return { met: true, required, gap: 0 };
      const parts: Text[] = [];
      if (levels.length === 0) parts.push(t('chưa có mức độ của xã nào', 'no commune levels given'));
      if (below) parts.push(t(`${below} xã dưới mức ${c.allAtLeast}`, `${below} communes below level ${c.allAtLeast}`));
      if (needed)
        parts.push(
          t(`cần thêm ${needed} xã đạt mức ${share!.level}`, `${needed} more communes needed at level ${share!.level}`),
        );
      return {
        met: false,
        required,
        gap: levels.length ? gap : null,
        shortfall: t(parts.map((p) => p.vi).join('; '), parts.map((p) => p.en).join('; ')),
      };
    }
  }
}

/** `unmeasured` says why there is no measure: not entered, or an entry that could not be read. */
export function checkThreshold(
  th: LevelThreshold,
  m: Measured | undefined,
  rule: LevelRule,
  unmeasured: Text = t('chưa nhập', 'not entered'),
): ConditionCheck {
  if (th === null)
    // No requirement at this level, yet a blank or unreadable entry reaches no level at all.
    return m
      ? { met: true, required: t('Không áp dụng', 'Not applicable'), gap: 0 }
      : {
          met: false,
          required: t('số liệu (mức này chưa có yêu cầu)', 'an entry (no requirement at this level)'),
          gap: null,
          shortfall: unmeasured,
        };
  const conditions = 'anyOf' in th ? th.anyOf : [th];
  const checks = conditions.map((c) =>
    m
      ? checkCondition(c, m, rule.zeroDenominator)
      : { met: false, required: describeCondition(c), gap: null, shortfall: unmeasured },
  );
  const met = checks.find((c) => c.met);
  if (met) return met;
  if (checks.length === 1) return checks[0];
  const or = (k: 'vi' | 'en', sep: string) => checks.map((c) => c.required[k]).join(sep);
  const short = (k: 'vi' | 'en', sep: string) => checks.map((c) => c.shortfall?.[k] ?? '').join(sep);
  return {
    met: false,
    required: t(or('vi', ' hoặc '), or('en', ' or ')),
    gap: null,
    shortfall: t(short('vi', '; '), short('en', '; ')),
  };
}

/** The requirement's words do not depend on the value, so any value describes it. */
function describeCondition(c: LevelCondition): Text {
  return checkCondition(c, { measure: 'subunit-levels', levels: [] }, undefined).required;
}

/** Highest level L such that every level up to L is met; 0 if level 1 is not. */
export function criterionLevel(rule: LevelRule, m: Measured | undefined): number {
  let level = 0;
  while (level < rule.thresholds.length && thresholdMet(rule.thresholds[level], m, rule)) level++;
  return level;
}

/** A criterion as far as its level goes: its level and the words of each level's check. */
export interface LevelledCriterion {
  id: string;
  title: string;
  level?: number;
  explainLevel?: (n: number) => ConditionCheck;
}

/** What one criterion still needs for a target level: every unmet requirement between its level and the target. */
export interface LevelShortfall {
  criterion: string;
  title: string;
  /** The level the criterion reaches now. */
  level: number;
  required: Text;
  shortfall: Text;
  gap: number | null;
}

/** The kind of a requirement, its words without the numbers ("tỷ lệ ≥ 60%" and "tỷ lệ ≥ 70%" are one kind). */
const requirementKind = (c: ConditionCheck) => c.required.vi.replace(/[\d.,%]+/g, '#');

/**
 * What stands between a unit and `target` (Kon Tum: the level it registered for, which need not be
 * the next one): every criterion below the target, with what it fails on the way. A level's
 * thresholds of one kind only tighten upwards (60% then 70%), so of one kind the highest level's
 * requirement is the one to meet; a lower level's of another kind ("Có" below a ratio) is added.
 */
export function shortfallsForLevel(criteria: readonly LevelledCriterion[], target: number): LevelShortfall[] {
  const out: LevelShortfall[] = [];
  for (const c of criteria) {
    const level = c.level ?? 0;
    if (level >= target || !c.explainLevel) continue;
    const unmet: ConditionCheck[] = [];
    for (let n = target; n > level; n--) {
      const check = c.explainLevel(n);
      if (!check.met && !unmet.some((u) => requirementKind(u) === requirementKind(check))) unmet.unshift(check);
    }
    if (!unmet.length) continue;
    const join = (k: 'vi' | 'en', f: (u: ConditionCheck) => Text | undefined) =>
      unmet.map((u) => f(u)?.[k] ?? '').join('; ');
    out.push({
      criterion: c.id,
      title: c.title,
      level,
      required: t(
        join('vi', (u) => u.required),
        join('en', (u) => u.required),
      ),
      shortfall: t(
        join('vi', (u) => u.shortfall ?? t('chưa đạt', 'not met')),
        join('en', (u) => u.shortfall ?? t('chưa đạt', 'not met')),
      ),
      gap: unmet.length === 1 ? unmet[0].gap : null,
    });
  }
  return out;
}

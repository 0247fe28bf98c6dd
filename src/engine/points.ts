/**
 * Points rules: one evaluator per rule kind of the schema. Each returns the points earned out of
 * the criterion's max for the unit, with a bilingual explanation an officer can check by hand.
 */
import type { PointRule, SimplePointRule } from '../rubrics';
import { numText, pctText, t, type Text } from '../base';
import {
  asRecord,
  dmyOf,
  isBlank,
  matchChoice,
  parseBoolean,
  parseChoice,
  parseCount,
  parseDate,
  parseNonNegative,
  parseRatioValue,
  shown,
  type Parsed,
  type RawValue,
} from './values';

export interface RuleContext {
  /** The criterion's max points for this unit. */
  max: number;
  /** Assessment year, for deadline rules ("tháng 1 hằng năm"). */
  year?: number;
  /** Chosen reading per rubric option id. */
  options: Readonly<Record<string, string>>;
  /** A rubric-wide reading of a zero denominator that replaces each criterion's own. */
  zeroDenominator?: 'full' | 'zero' | 'not-applicable';
  /** The criterion's title names a count: a bare number there is a count, not a yes/no. */
  countTitle?: boolean;
}

export type Outcome =
  | { kind: 'scored'; points: number; explain: Text; warnings: Text[] }
  | { kind: 'missing'; explain?: Text }
  | { kind: 'invalid'; error: Text }
  | { kind: 'not-applicable'; explain: Text };

/** Points are kept to two decimals, as councils publish them. */
export const roundPoints = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

const scored = (points: number, explain: Text, warnings: Text[] = []): Outcome => ({
  kind: 'scored',
  points: roundPoints(points),
  explain,
  warnings,
});
const invalid = (error: Text): Outcome => ({ kind: 'invalid', error });
const fromShare = (share: number, ctx: RuleContext, explain: Text, warnings: Text[] = []): Outcome =>
  scored(share * ctx.max, explain, warnings);

/** Runs a parser and the scoring step after it, turning a parse failure into an invalid outcome and keeping its warnings. */
function withParsed<T>(parsed: Parsed<T>, then: (value: T) => Outcome): Outcome {
  if (!parsed.ok) return invalid(parsed.error);
  const outcome = then(parsed.value);
  return parsed.warnings?.length && outcome.kind === 'scored'
    ? { ...outcome, warnings: [...parsed.warnings, ...outcome.warnings] }
    : outcome;
}

const labelWords = (l: { vi: string; en?: string } | undefined) => (l ? [l.vi, ...(l.en ? [l.en] : [])] : []);

export function scorePointRule(rule: PointRule, raw: RawValue, ctx: RuleContext): Outcome {
  if (rule.kind === 'by-option') {
    const choice = ctx.options[rule.option];
    const chosen = choice === undefined ? undefined : rule.rules[choice];
    if (!chosen)
      return invalid(t(`chưa chọn cách đọc "${rule.option}"`, `no reading chosen for option "${rule.option}"`));
    return scorePointRule(chosen, raw, ctx);
  }
  if (rule.kind === 'best-of') return scoreBestOf(rule, raw, ctx);
  if (rule.kind === 'gated') return scoreGated(rule, raw, ctx);
  if (rule.kind === 'additive') return scoreAdditive(rule, raw, ctx);
  if (isBlank(raw)) return { kind: 'missing' };
  return scoreSimple(rule, raw, ctx);
}

function scoreSimple(rule: Exclude<SimplePointRule, { kind: 'additive' }>, raw: RawValue, ctx: RuleContext): Outcome {
  switch (rule.kind) {
    case 'boolean':
      return withParsed(
        parseBoolean(raw, { yes: labelWords(rule.yesLabel), no: labelWords(rule.noLabel), numbers: !ctx.countTitle }),
        (yes) => fromShare(yes ? rule.yesShare : rule.noShare, ctx, yes ? t('Có', 'Yes') : t('Không', 'No')),
      );
    case 'options':
      return withParsed(parseChoice(raw, rule.options), (o) =>
        fromShare(
          o.share,
          ctx,
          t(`${o.label.vi}: ${pct(o.share)} số điểm`, `${o.label.en ?? o.id}: ${pct(o.share)} of the points`),
        ),
      );
    case 'ratio':
      return scoreRatio(rule, raw, ctx);
    case 'count-steps':
      return withParsed(parseCount(raw), (n) => {
        const step = [...rule.steps].sort((a, b) => b.min - a.min).find((s) => n >= s.min);
        const share = step?.share ?? 0;
        return fromShare(share, ctx, t(`${n} → ${pct(share)} số điểm`, `${n} → ${pct(share)} of the points`));
      });
    case 'count-limit':
      return withParsed(countWithWords(raw, rule.words), (n) => {
        const step = [...rule.steps].sort((a, b) => a.atMost - b.atMost).find((st) => n <= st.atMost);
        const share = step?.share ?? 0;
        return fromShare(share, ctx, t(`${n} → ${pct(share)} số điểm`, `${n} → ${pct(share)} of the points`));
      });
    case 'per-item':
      return withParsed(parseCount(raw), (n) => {
        const cap = Math.min(rule.cap ?? ctx.max, ctx.max);
        const points = Math.min(cap, n * rule.points);
        const [each, most] = [numText(rule.points), numText(cap)];
        return scored(
          points,
          t(`${n} × ${each.vi} điểm, tối đa ${most.vi}`, `${n} × ${each.en} points, at most ${most.en}`),
        );
      });
    case 'count-target':
      return withParsed(parseCount(raw), (n) => {
        const share = n >= rule.target ? 1 : rule.partial === 'proportional' ? n / rule.target : 0;
        return fromShare(share, ctx, t(`${n}/${rule.target} yêu cầu tối thiểu`, `${n} of the required ${rule.target}`));
      });
    case 'deadline':
      return scoreDeadline(rule, raw, ctx);
    case 'assessed':
      return withParsed(parseNonNegative(raw), (p) => scoreAssessed(p, ctx));
    case 'collect':
      return withParsed(parseCollected(rule.input, raw), () =>
        scored(0, t('thông tin thu thập, không tính điểm', 'collected, no points')),
      );
  }
}

function parseCollected(input: Extract<SimplePointRule, { kind: 'collect' }>['input'], raw: RawValue): Parsed<unknown> {
  switch (input) {
    case 'number':
      return parseNonNegative(raw);
    case 'count':
      return parseCount(raw);
    case 'boolean':
      return parseBoolean(raw);
    case 'date':
      return parseDate(raw);
    case 'ratio': {
      const r = parseRatioValue(raw);
      return r.ok === 'missing' ? { ok: true, value: null } : r;
    }
    case 'text':
      return { ok: true, value: String(raw) };
  }
}

function scoreDeadline(rule: Extract<SimplePointRule, { kind: 'deadline' }>, raw: RawValue, ctx: RuleContext): Outcome {
  // "Không" / false: the act was not done at all.
  const done = parseBoolean(raw, { numbers: false });
  if (done.ok && !done.value) return scored(0, t('chưa thực hiện', 'not done'));
  // The deadline is in the assessment year: without it, the date's own year would be a guess.
  if (ctx.year === undefined)
    return invalid(t('chưa có năm đánh giá để đối chiếu thời hạn', 'no assessment year to check the deadline against'));
  return withParsed(parseDate(raw, ctx.year), (date) => {
    const tiers = [...rule.tiers].sort((a, b) => a.by.localeCompare(b.by));
    const tier = tiers.find((tr) => date <= `${ctx.year}-${tr.by}`);
    const share = tier ? tier.share : rule.lateShare;
    const when = tier
      ? t(`ngày ${dmyOf(date)}, trước ${dm(tier.by)}`, `dated ${date}, by ${dm(tier.by)}`)
      : t(`ngày ${dmyOf(date)}, sau thời hạn`, `dated ${date}, after the deadline`);
    return scored(share * ctx.max, t(`${when.vi} → ${pct(share)} số điểm`, `${when.en} → ${pct(share)} of the points`));
  });
}

/**
 * Points the unit or assessor awards where the decision gives no method, in [0, max]. What looks
 * like another unit is said beside the points: a share (0.35 where 20 points are the max: "35%?")
 * or more than the max (capped); an amount of money is not points at all and is refused.
 */
function scoreAssessed(p: number, ctx: RuleContext): Outcome {
  const [given, max] = [numText(p), numText(ctx.max)];
  if (p >= 1000 && p > ctx.max)
    return invalid(
      t(
        `${given.vi} không phải số điểm (có phải là số tiền?): nhập số điểm từ 0 đến ${max.vi}`,
        `${given.en} is not a number of points (an amount of money?): enter points from 0 to ${max.en}`,
      ),
    );
  if (p > ctx.max)
    return scored(
      ctx.max,
      t(`tự chấm ${given.vi}, giới hạn ở ${max.vi}`, `self-awarded ${given.en}, capped at ${max.en}`),
      [t(`điểm tự chấm ${given.vi} vượt điểm tối đa ${max.vi}`, `self-awarded ${given.en} exceeds the max ${max.en}`)],
    );
  const warnings: Text[] = [];
  if (p > 0 && p < 1 && ctx.max > 1) {
    const asShare = numText(roundPoints(p * ctx.max));
    warnings.push(
      t(
        `${given.vi} điểm rất nhỏ: nếu đây là tỷ lệ ${pct(p)} thì tương ứng ${asShare.vi}/${max.vi} điểm — nhập số điểm`,
        `${given.en} points is very few: if this is a share of ${pct(p)}, that is ${asShare.en} of ${max.en} points — enter points`,
      ),
    );
  }
  return scored(p, t('điểm tự chấm', 'self-awarded points'), warnings);
}

/** A count, or the decision's own words for one ("Không có sự cố xảy ra" = 0). */
function countWithWords(raw: RawValue, words: { text: { vi: string; en?: string }; count: number }[]): Parsed<number> {
  if (typeof raw === 'string' && words.length) {
    const m = matchChoice(
      raw,
      words.map((w) => ({ value: w.count, exact: [], labels: labelWords(w.text) })),
    );
    if (m.found) return { ok: true, value: m.found.value };
  }
  if (typeof raw === 'boolean' || (typeof raw === 'string' && /^(có|không|yes|no)$/i.test(raw.trim())))
    return {
      ok: false,
      error: t(`"${String(raw)}" không cho biết số lượng`, `"${String(raw)}" does not say how many`),
    };
  return parseCount(raw);
}

/** A ratio's points: the share, the counts or both (agreeing), against target, minimum and direction. */
function scoreRatio(rule: Extract<SimplePointRule, { kind: 'ratio' }>, raw: RawValue, ctx: RuleContext): Outcome {
  const parsed = parseRatioValue(raw);
  if (parsed.ok === 'missing') return { kind: 'missing', explain: parsed.explain };
  return withParsed(parsed, ({ ratio }) => {
    if (ratio === null) {
      const reading = ctx.zeroDenominator ?? rule.zeroDenominator;
      if (reading === 'not-applicable')
        return {
          kind: 'not-applicable',
          explain: t('Mẫu số bằng 0: không áp dụng', 'Denominator is 0: not applicable'),
        };
      return fromShare(reading === 'full' ? 1 : 0, ctx, t('mẫu số bằng 0', 'denominator is 0'));
    }
    const effective = rule.direction === 'lower' ? 1 - ratio : ratio;
    const belowMinimum = rule.minimum !== undefined && effective < rule.minimum;
    const share = belowMinimum ? 0 : Math.min(1, effective / rule.target);
    const what = t(`tỷ lệ ${pctText(ratio).vi}`, `ratio ${pctText(ratio).en}`);
    const extra = belowMinimum
      ? t(`, dưới mức tối thiểu ${pctText(rule.minimum!).vi}`, `, below the minimum ${pctText(rule.minimum!).en}`)
      : rule.direction === 'lower'
        ? t(' (càng thấp càng tốt)', ' (lower is better)')
        : rule.target < 1
          ? t(`, đạt tối đa từ ${pctText(rule.target).vi}`, `, full points from ${pctText(rule.target).en}`)
          : t('', '');
    return fromShare(share, ctx, t(what.vi + extra.vi, what.en + extra.en));
  });
}

function scoreAdditive(rule: Extract<SimplePointRule, { kind: 'additive' }>, raw: RawValue, ctx: RuleContext): Outcome {
  if (isBlank(raw)) return { kind: 'missing' };
  const record = asRecord(raw);
  if (!record)
    return invalid(t(`"${shown(raw)}" không nêu từng điều kiện`, `"${shown(raw)}" does not give each condition`));
  const unknown = Object.keys(record).filter((k) => !rule.parts.some((p) => p.id === k));
  if (unknown.length)
    return invalid(t(`không có điều kiện "${unknown.join('", "')}"`, `no condition "${unknown.join('", "')}"`));
  const met = new Map<string, boolean>();
  const warnings: Text[] = [];
  const missing: string[] = [];
  for (const part of rule.parts) {
    if (isBlank(record[part.id])) {
      missing.push(part.label.vi);
      met.set(part.id, false);
      continue;
    }
    const b = parseBoolean(record[part.id], { numbers: !ctx.countTitle });
    if (!b.ok) return invalid(t(`${part.label.vi}: ${b.error.vi}`, `${part.label.en ?? part.id}: ${b.error.en}`));
    met.set(part.id, b.value);
  }
  if (missing.length === rule.parts.length) return { kind: 'missing' };
  if (missing.length) warnings.push(t(`chưa nhập: ${missing.join(', ')}`, `not entered: ${missing.join(', ')}`));
  let points = 0;
  const earned: string[] = [];
  for (const part of rule.parts) {
    if (!met.get(part.id)) continue;
    if (part.requires && !met.get(part.requires)) {
      const req = rule.parts.find((p) => p.id === part.requires);
      warnings.push(
        t(
          `"${part.label.vi}" chỉ tính khi "${req?.label.vi}"`,
          `"${part.label.en ?? part.id}" counts only with "${req?.label.en ?? part.requires}"`,
        ),
      );
      continue;
    }
    points += part.points;
    earned.push(`${part.label.vi} (+${numText(part.points).vi})`);
  }
  const explain = earned.length
    ? t(earned.join(', '), `${earned.length} of ${rule.parts.length} conditions met`)
    : t('không đạt điều kiện nào', 'no condition met');
  return scored(Math.min(points, ctx.max), explain, warnings);
}

function scoreBestOf(rule: Extract<PointRule, { kind: 'best-of' }>, raw: RawValue, ctx: RuleContext): Outcome {
  if (isBlank(raw)) return { kind: 'missing' };
  const record = asRecord(raw);
  if (!record)
    return invalid(t(`"${shown(raw)}" không nêu từng phương án`, `"${shown(raw)}" does not give each alternative`));
  let best: (Outcome & { kind: 'scored' }) | undefined;
  let bestLabel = '';
  for (const alt of rule.alternatives) {
    if (isBlank(record[alt.id])) continue;
    const o = scorePointRule(alt.rule, record[alt.id], ctx);
    if (o.kind === 'invalid')
      return invalid(t(`${alt.label.vi}: ${o.error.vi}`, `${alt.label.en ?? alt.id}: ${o.error.en}`));
    if (o.kind === 'scored' && (!best || o.points > best.points)) {
      best = o;
      bestLabel = alt.label.vi;
    }
  }
  if (!best) return { kind: 'missing' };
  return scored(
    best.points,
    t(`tốt nhất: ${bestLabel} — ${best.explain.vi}`, `best: ${bestLabel} — ${best.explain.en}`),
    best.warnings,
  );
}

function scoreGated(rule: Extract<PointRule, { kind: 'gated' }>, raw: RawValue, ctx: RuleContext): Outcome {
  if (isBlank(raw)) return { kind: 'missing' };
  const record = asRecord(raw);
  if (!record || !('value' in record) || !(rule.gate.id in record))
    return invalid(
      t(
        `"${shown(raw)}" thiếu "${rule.gate.label.vi}" hoặc số liệu kèm theo`,
        `"${shown(raw)}" lacks "${rule.gate.label.en ?? rule.gate.label.vi}" or the figure with it`,
      ),
    );
  if (isBlank(record[rule.gate.id]))
    return { kind: 'missing', explain: t(`chưa nhập ${rule.gate.label.vi}`, `${rule.gate.id} not entered`) };
  const gate = parseCount(record[rule.gate.id]);
  if (!gate.ok) return invalid(t(`${rule.gate.label.vi}: ${gate.error.vi}`, `${rule.gate.id}: ${gate.error.en}`));
  if (gate.value < rule.gate.minCount)
    return scored(
      0,
      t(
        `${rule.gate.label.vi}: ${gate.value} < ${rule.gate.minCount}, chưa đủ cơ sở tính điểm`,
        `${rule.gate.id}: ${gate.value} < ${rule.gate.minCount}, not enough to score`,
      ),
    );
  return scorePointRule(rule.rule, record.value, ctx);
}

const pct = (share: number) => `${Number((share * 100).toFixed(2))}%`;
const dm = (monthDay: string) => `${monthDay.slice(3)}/${monthDay.slice(0, 2)}`;

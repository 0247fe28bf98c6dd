/**
 * The input model: for each criterion, the ordered slots its value is entered in — what each is
 * (its label, in the decision's words), which forms it takes, the words the decision uses for its
 * values, the general-information item it defaults to — and how the slots' cells make the
 * criterion's value. One model serves the CLI's JSON, the Excel functions (positional arguments),
 * the templates (one input cell per slot, its validation and message), the pane and the readers,
 * so a value means the same thing wherever it was typed.
 */
import { DtiError, t, type Text } from '../base';
import type { Criterion, Label, LevelRule, PointRule, Rubric } from '../rubrics';
import { isBlank, isNotApplicable, type RawValue } from './values';

export type SlotKind =
  | 'yes-no'
  | 'choice'
  /** A share 0–100% (0.62, "62%", a cell formatted as %). */
  | 'share'
  | 'count'
  | 'points'
  | 'number'
  | 'date'
  | 'text'
  /** A list of levels 0–5 (a range of cells, or "1, 2, 3"). */
  | 'levels';

export interface Slot {
  /** Path inside the criterion's composite value ("value", "numerator", a part id, "alt.share"). */
  key: string;
  kind: SlotKind;
  /** What to enter, in the decision's words ("Tử số: Số hồ sơ đăng ký trực tuyến"). */
  label: Text;
  /** A slot that may stay blank when the others are filled (the share beside the counts, an alternative). */
  optional?: boolean;
  choices?: { id: string; label: Label }[];
  /** The decision's words for a yes or a no, or for a count ("Không có sự cố xảy ra" = 0). */
  words?: { yes: Label[]; no: Label[] } | { counts: { text: Label; count: number }[] };
  /** The general-information item this slot takes when left blank (a denominator). */
  general?: string;
  /** A yes/no slot of a criterion whose title is a count: a bare number is a count there, refused. */
  noNumbers?: boolean;
}

const VALUE = t('Có/Không', 'Yes/no');
const text = (l: Label | undefined, fallback: Text): Text => (l ? { vi: l.vi, en: l.en ?? l.vi } : fallback);

type AnyRule = PointRule | LevelRule;

/** The rule that applies under the chosen readings (by-option resolved). */
export function effectiveRule(
  rubric: Rubric,
  criterion: Criterion,
  options?: Readonly<Record<string, string>>,
): AnyRule {
  let rule: AnyRule = criterion.rule;
  while (rule.kind === 'by-option') {
    const option = rubric.options.find((o) => o.id === (rule as { option: string }).option);
    const choice = options?.[rule.option] ?? option?.default ?? '';
    rule = rule.rules[choice] ?? Object.values(rule.rules)[0];
  }
  return rule;
}

/** Titles that name a count ("Số lượng sự cố …", "Số hộ gia đình …", not "Số hóa …"): a number there is a count. */
export const COUNT_TITLE = /^\s*số(\s+lượng)?\s+(?!hóa\b|hoá\b)/iu;

export function inputSlots(rubric: Rubric, criterion: Criterion, options?: Readonly<Record<string, string>>): Slot[] {
  const slots = slotsOf(effectiveRule(rubric, criterion, options), levelWords(criterion));
  return COUNT_TITLE.test(criterion.title)
    ? slots.map((s) => (s.kind === 'yes-no' ? { ...s, noNumbers: true } : s))
    : slots;
}

/** A level criterion's own words in its yes columns ("Có sử dụng hệ thống", "Có sản phẩm"). */
function levelWords(criterion: Criterion): string[] {
  const rule = criterion.rule;
  if (rule.kind !== 'levels') return [];
  return [
    ...new Set(
      (rule.labels ?? []).filter((l, i) => rule.thresholds[i] !== null && l.trim() && !/không áp dụng/i.test(l)),
    ),
  ];
}

/**
 * A ratio's three cells: the counts (tử số, mẫu số) and the share — in the order the decision
 * states them (counts first where it counts), so a function's positional arguments read naturally.
 */
function ratioSlots(input: 'fraction' | 'counts' | 'either', num?: Label, den?: Label, general?: string): Slot[] {
  const numerator: Slot = { key: 'numerator', kind: 'count', label: prefixed('Tử số', 'Numerator', num) };
  const denominator: Slot = {
    key: 'denominator',
    kind: 'count',
    label: prefixed('Mẫu số', 'Denominator', den),
    ...(general ? { general } : {}),
  };
  if (input === 'counts')
    return [
      numerator,
      denominator,
      { key: 'share', kind: 'share', label: t('Hoặc tỷ lệ (%)', 'Or the share (%)'), optional: true },
    ];
  return [
    { key: 'share', kind: 'share', label: t('Tỷ lệ (%)', 'Share (%)') },
    { ...numerator, label: prefixed('Hoặc tử số', 'Or numerator', num), optional: true },
    { ...denominator, optional: true },
  ];
}

const prefixed = (vi: string, en: string, l: Label | undefined): Text =>
  l ? t(`${vi}: ${l.vi}`, `${en}: ${l.en ?? l.vi}`) : t(vi, en);

function slotsOf(rule: AnyRule, levelYes: string[] = []): Slot[] {
  switch (rule.kind) {
    case 'boolean': {
      const words = { yes: rule.yesLabel ? [rule.yesLabel] : [], no: rule.noLabel ? [rule.noLabel] : [] };
      return [{ key: 'value', kind: 'yes-no', label: text(rule.yesLabel, VALUE), words }];
    }
    case 'options':
      return [{ key: 'value', kind: 'choice', label: t('Lựa chọn', 'Choice'), choices: rule.options }];
    case 'ratio':
      return ratioSlots(rule.input, rule.numeratorLabel, rule.denominatorLabel, rule.denominatorGeneral);
    case 'count-steps':
    case 'per-item':
    case 'count-target':
      return [{ key: 'value', kind: 'count', label: text(rule.itemLabel, t('Số lượng', 'Count')) }];
    case 'count-limit':
      return [
        {
          key: 'value',
          kind: 'count',
          label: text(rule.itemLabel, t('Số lượng', 'Count')),
          words: { counts: rule.words },
        },
      ];
    case 'additive':
      return rule.parts.map((p) => ({ key: p.id, kind: 'yes-no' as const, label: text(p.label, VALUE) }));
    case 'deadline':
      return [{ key: 'value', kind: 'date', label: text(rule.eventLabel, t('Ngày thực hiện', 'Date done')) }];
    case 'assessed':
      return [{ key: 'value', kind: 'points', label: t('Điểm tự chấm', 'Self-awarded points') }];
    case 'collect': {
      if (rule.input === 'ratio') return ratioSlots('either');
      const kinds = { number: 'number', count: 'count', boolean: 'yes-no', text: 'text', date: 'date' } as const;
      return [{ key: 'value', kind: kinds[rule.input], label: t('Thông tin', 'Information') }];
    }
    case 'best-of':
      return rule.alternatives.flatMap((a) =>
        slotsOf(a.rule).map((s) => ({
          ...s,
          key: `${a.id}.${s.key}`,
          label: t(`${a.label.vi} — ${s.label.vi}`, `${a.label.en ?? a.id} — ${s.label.en}`),
          optional: true,
        })),
      );
    case 'gated':
      return [
        { key: rule.gate.id, kind: 'count', label: text(rule.gate.label, t('Số lượng', 'Count')) },
        ...slotsOf(rule.rule).map((s) => ({ ...s, key: `value.${s.key}` })),
      ];
    case 'by-option':
      throw new DtiError(
        'internal',
        t('by-option is resolved by effectiveRule', 'by-option is resolved by effectiveRule'),
      );
    case 'levels':
      switch (rule.measure) {
        case 'ratio':
          return ratioSlots('either', rule.numeratorLabel, rule.denominatorLabel);
        case 'count':
          return [{ key: 'value', kind: 'count', label: text(rule.numeratorLabel, t('Số lượng', 'Count')) }];
        case 'yes':
          return [
            {
              key: 'value',
              kind: 'yes-no',
              label: levelYes.length
                ? t(`Có/Không (${levelYes.join('; ')})`, `Yes/no (${levelYes.join('; ')})`)
                : VALUE,
              words: { yes: levelYes.map((vi) => ({ vi })), no: [] },
            },
          ];
        case 'count-of-total':
          return [
            { key: 'numerator', kind: 'count', label: text(rule.numeratorLabel, t('Số lượng đạt', 'Count')) },
            {
              key: 'denominator',
              kind: 'count',
              label: prefixed('Tổng số (nếu tính theo tỷ lệ)', 'Total (for the share)', rule.denominatorLabel),
              optional: true,
            },
          ];
        case 'subunit-levels':
          return [{ key: 'value', kind: 'levels', label: t('Mức độ của các xã', 'Communes’ levels') }];
      }
  }
}

/** Whether a composite's cells hold "Không áp dụng", and whether anything else beside it. */
function notApplicableIn(cells: readonly unknown[]): 'no' | 'alone' | 'mixed' {
  const na = cells.some(isNotApplicable);
  if (!na) return 'no';
  return cells.every((c) => isBlank(c) || isNotApplicable(c)) ? 'alone' : 'mixed';
}

/**
 * Builds the engine value from the cells of a criterion's slots (missing trailing cells are blank).
 * "Không áp dụng" in any cell is the criterion's value when the other cells are blank.
 */
export function valueFromSlots(
  rubric: Rubric,
  criterion: Criterion,
  cells: readonly unknown[],
  options?: Readonly<Record<string, string>>,
): RawValue {
  const na = notApplicableIn(cells);
  if (na === 'alone') return cells.find(isNotApplicable);
  if (na === 'mixed') return { [MIXED_NA]: cells.filter((c) => !isBlank(c)) };
  return fromCells(effectiveRule(rubric, criterion, options), cells);
}

/** The key under which a value marks "Không áp dụng" typed together with other entries. */
export const MIXED_NA = '__notApplicableWithValues';

function fromCells(rule: AnyRule, cells: readonly unknown[]): RawValue {
  const cell = (i: number) => (isBlank(cells[i]) ? null : cells[i]);
  const allBlank = (n: number) => Array.from({ length: n }, (_, i) => cell(i)).every((c) => c === null);
  switch (rule.kind) {
    case 'ratio':
      return ratioFromCells(slotsOf(rule), cells);
    case 'collect':
      return rule.input === 'ratio' ? ratioFromCells(slotsOf(rule), cells) : cell(0);
    case 'additive':
      return allBlank(rule.parts.length) ? null : Object.fromEntries(rule.parts.map((p, i) => [p.id, cell(i)]));
    case 'best-of': {
      const out: Record<string, RawValue> = {};
      let at = 0;
      for (const a of rule.alternatives) {
        const n = slotsOf(a.rule).length;
        const v = fromCells(a.rule, cells.slice(at, at + n));
        if (!isBlank(v)) out[a.id] = v;
        at += n;
      }
      return Object.keys(out).length ? out : null;
    }
    case 'gated': {
      const n = 1 + slotsOf(rule.rule).length;
      return allBlank(n) ? null : { [rule.gate.id]: cell(0), value: fromCells(rule.rule, cells.slice(1)) };
    }
    case 'levels':
      if (rule.measure === 'ratio') return ratioFromCells(slotsOf(rule), cells);
      if (rule.measure === 'count-of-total') return allBlank(2) ? null : { numerator: cell(0), denominator: cell(1) };
      if (rule.measure === 'subunit-levels') return levelList(cells);
      return cell(0);
    default:
      return cell(0);
  }
}

/** A ratio's cells by their keys: the share alone is the share; anything else, the parts entered. */
function ratioFromCells(slots: Slot[], cells: readonly unknown[]): RawValue {
  const parts: Record<string, unknown> = {};
  slots.forEach((s, i) => {
    if (!isBlank(cells[i])) parts[s.key] = cells[i];
  });
  const keys = Object.keys(parts);
  if (keys.length === 0) return null;
  return keys.length === 1 && keys[0] === 'share' ? parts.share : parts;
}

/** A communes' levels slot may arrive as one cell ("1, 2, 3"), a range (nested arrays) or several cells. */
function levelList(cells: readonly unknown[]): RawValue {
  const flat = (cells as unknown[]).flat(3).filter((c) => !isBlank(c));
  if (flat.length === 0) return null;
  return flat.length === 1 && typeof flat[0] === 'string' ? flat[0] : flat;
}

/** The inverse: the cells a value fills, one per slot (used to write filled templates and in tests). */
export function cellsFromValue(
  rubric: Rubric,
  criterion: Criterion,
  value: RawValue,
  options?: Readonly<Record<string, string>>,
): unknown[] {
  return toCells(effectiveRule(rubric, criterion, options), value);
}

function toCells(rule: AnyRule, value: RawValue): unknown[] {
  const slots = slotsOf(rule);
  const blank = () => slots.map(() => null as unknown);
  if (isBlank(value)) return blank();
  if (isNotApplicable(value)) return [value, ...blank().slice(1)];
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const byKey = (): unknown[] =>
    slots.map((s) => (record ? (record[s.key] ?? null) : s.key === 'share' ? value : null));
  switch (rule.kind) {
    case 'ratio':
      return byKey();
    case 'collect':
      return rule.input === 'ratio' ? byKey() : [value];
    case 'additive':
      return rule.parts.map((p) => record?.[p.id] ?? null);
    case 'best-of':
      return rule.alternatives.flatMap((a) => toCells(a.rule, record?.[a.id] ?? null));
    case 'gated':
      return [record?.[rule.gate.id] ?? null, ...toCells(rule.rule, record?.value ?? null)];
    case 'levels':
      if (rule.measure === 'ratio') return byKey();
      if (rule.measure === 'count-of-total')
        return record ? [record.numerator ?? null, record.denominator ?? null] : [value, null];
      if (rule.measure === 'subunit-levels') return [Array.isArray(value) ? value.join(', ') : value];
      return [value];
    default:
      return [value, ...blank().slice(1)];
  }
}

/**
 * Input slots: the flat, ordered cells a criterion's value is entered in. One model serves the
 * Excel functions (positional arguments), the templates (one input cell per slot) and reading a
 * filled workbook back, so a value means the same thing wherever it was typed.
 */
import type { Criterion, LevelRule, PointRule, Rubric } from '../rubrics';
import { DtiError, t, type Text } from '../base';
import { isBlank, type RawValue } from './values';

export type SlotKind =
  | 'yes-no'
  | 'choice'
  /** A ratio 0–1, or the numerator when the optional denominator slot that follows is filled. */
  | 'ratio-or-numerator'
  | 'count'
  | 'points'
  | 'number'
  | 'date'
  | 'text'
  /** A list of levels 0–5 (a range of cells, or "1, 2, 3"). */
  | 'levels';

export interface Slot {
  /** Path inside the criterion's composite value ("value", "numerator", a part id, "alt.value"). */
  key: string;
  kind: SlotKind;
  label: Text;
  optional?: boolean;
  choices?: { id: string; label: { vi: string; en?: string } }[];
}

const VALUE = t('Giá trị', 'Value');
const NUMERATOR = t('Tử số', 'Numerator');
const DENOMINATOR = t('Mẫu số', 'Denominator');
const label = (l: { vi: string; en?: string } | undefined, fallback: Text): Text =>
  l ? { vi: l.vi, en: l.en ?? l.vi } : fallback;

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

export function inputSlots(rubric: Rubric, criterion: Criterion, options?: Readonly<Record<string, string>>): Slot[] {
  return slotsOf(effectiveRule(rubric, criterion, options));
}

function ratioSlots(input: 'fraction' | 'counts' | 'either', num?: Text, den?: Text): Slot[] {
  if (input === 'fraction') return [{ key: 'value', kind: 'ratio-or-numerator', label: t('Tỷ lệ', 'Ratio') }];
  if (input === 'counts')
    return [
      { key: 'numerator', kind: 'count', label: num ?? NUMERATOR },
      { key: 'denominator', kind: 'count', label: den ?? DENOMINATOR },
    ];
  return [
    {
      key: 'value',
      kind: 'ratio-or-numerator',
      label: num ? t(`Tỷ lệ hoặc ${num.vi}`, `Ratio or ${num.en}`) : t('Tỷ lệ hoặc tử số', 'Ratio or numerator'),
    },
    { key: 'denominator', kind: 'count', label: den ?? DENOMINATOR, optional: true },
  ];
}

function slotsOf(rule: AnyRule): Slot[] {
  switch (rule.kind) {
    case 'boolean':
      return [{ key: 'value', kind: 'yes-no', label: label(rule.yesLabel, VALUE) }];
    case 'options':
      return [{ key: 'value', kind: 'choice', label: VALUE, choices: rule.options }];
    case 'ratio':
      return ratioSlots(
        rule.input,
        rule.numeratorLabel && label(rule.numeratorLabel, NUMERATOR),
        rule.denominatorLabel && label(rule.denominatorLabel, DENOMINATOR),
      );
    case 'count-steps':
    case 'per-item':
    case 'count-target':
      return [{ key: 'value', kind: 'count', label: label(rule.itemLabel, t('Số lượng', 'Count')) }];
    case 'additive':
      return rule.parts.map((p) => ({ key: p.id, kind: 'yes-no' as const, label: label(p.label, VALUE) }));
    case 'deadline':
      return [{ key: 'value', kind: 'date', label: label(rule.eventLabel, t('Ngày thực hiện', 'Date done')) }];
    case 'assessed':
      return [{ key: 'value', kind: 'points', label: t('Điểm tự chấm', 'Self-awarded points') }];
    case 'collect': {
      const kinds = {
        number: 'number',
        count: 'count',
        boolean: 'yes-no',
        text: 'text',
        date: 'date',
        ratio: 'ratio-or-numerator',
      } as const;
      return [{ key: 'value', kind: kinds[rule.input], label: VALUE }];
    }
    case 'best-of':
      return rule.alternatives.flatMap((a) =>
        slotsOf(a.rule).map((s) => ({
          ...s,
          key: `${a.id}.${s.key}`,
          label: t(`${a.label.vi}: ${s.label.vi}`, `${a.label.en ?? a.id}: ${s.label.en}`),
          optional: true,
        })),
      );
    case 'gated':
      return [
        { key: rule.gate.id, kind: 'count', label: label(rule.gate.label, VALUE) },
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
          return ratioSlots('either');
        case 'count':
          return [{ key: 'value', kind: 'count', label: t('Số lượng', 'Count') }];
        case 'yes':
          return [{ key: 'value', kind: 'yes-no', label: VALUE }];
        case 'count-of-total':
          return [
            { key: 'numerator', kind: 'count', label: t('Số lượng đạt', 'Count') },
            { key: 'denominator', kind: 'count', label: t('Tổng số', 'Total') },
          ];
        case 'subunit-levels':
          return [{ key: 'value', kind: 'levels', label: t('Mức độ của các xã', 'Communes’ levels') }];
      }
  }
}

/** Builds the engine value from the cells of a criterion's slots (missing trailing cells are blank). */
export function valueFromSlots(
  rubric: Rubric,
  criterion: Criterion,
  cells: readonly unknown[],
  options?: Readonly<Record<string, string>>,
): RawValue {
  return fromCells(effectiveRule(rubric, criterion, options), cells);
}

function fromCells(rule: AnyRule, cells: readonly unknown[]): RawValue {
  const cell = (i: number) => (isBlank(cells[i]) ? null : cells[i]);
  const allBlank = (n: number) => Array.from({ length: n }, (_, i) => cell(i)).every((c) => c === null);
  switch (rule.kind) {
    case 'ratio':
      return ratioFromCells(rule.input, cell(0), cell(1));
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
      if (rule.measure === 'ratio') return ratioFromCells('either', cell(0), cell(1));
      if (rule.measure === 'count-of-total') return allBlank(2) ? null : { numerator: cell(0), denominator: cell(1) };
      if (rule.measure === 'subunit-levels') return levelList(cells);
      return cell(0);
    default:
      return cell(0);
  }
}

function ratioFromCells(input: 'fraction' | 'counts' | 'either', a: unknown, b: unknown): RawValue {
  if (a === null && b === null) return null;
  if (input === 'fraction' || (input === 'either' && b === null)) return a;
  return { numerator: a, denominator: b };
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
  const n = slotsOf(rule).length;
  const blank = () => Array.from({ length: n }, () => null as unknown);
  if (isBlank(value)) return blank();
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const isCounts = record && 'numerator' in record && 'denominator' in record;
  switch (rule.kind) {
    case 'ratio':
      return rule.input === 'fraction' ? [value] : isCounts ? [record!.numerator, record!.denominator] : [value, null];
    case 'additive':
      return rule.parts.map((p) => record?.[p.id] ?? null);
    case 'best-of':
      return rule.alternatives.flatMap((a) => toCells(a.rule, record?.[a.id] ?? null));
    case 'gated':
      return [record?.[rule.gate.id] ?? null, ...toCells(rule.rule, record?.value ?? null)];
    case 'levels':
      if (rule.measure === 'ratio' || rule.measure === 'count-of-total')
        return isCounts ? [record!.numerator, record!.denominator] : [value, null].slice(0, n);
      if (rule.measure === 'subunit-levels') return [Array.isArray(value) ? value.join(', ') : value];
      return [value];
    default:
      return [value, ...blank().slice(1)];
  }
}

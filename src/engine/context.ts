/**
 * What a criterion needs besides its own slots: the unit's name (a criterion only for listed
 * units), the assessment year (a deadline rule), and the general-information items its slots
 * default to (the commune's households as a denominator). In a template these are cells of the
 * header and of the general-information block, passed to the functions after the slots, in the
 * order `contextArguments` gives; in a JSON file they are `unitName`, `year` and `general`.
 */
import { t, type Text } from '../base';
import type { Criterion, PointRule, Rubric } from '../rubrics';
import { effectiveRule, inputSlots, type Slot } from './slots';
import { isBlank, toNumber } from './values';

export type ContextArgument =
  { kind: 'unit-name' } | { kind: 'year' } | { kind: 'general'; item: string; slot: number };

function usesYear(rule: ReturnType<typeof effectiveRule>): boolean {
  const inner = (r: PointRule): boolean =>
    r.kind === 'deadline' ||
    (r.kind === 'gated' && inner(r.rule)) ||
    (r.kind === 'best-of' && r.alternatives.some((a) => inner(a.rule))) ||
    (r.kind === 'by-option' && Object.values(r.rules).some(inner));
  return rule.kind !== 'levels' && inner(rule);
}

/** The arguments after the slots, in order. */
export function contextArguments(
  rubric: Rubric,
  criterion: Criterion,
  options?: Readonly<Record<string, string>>,
): ContextArgument[] {
  const out: ContextArgument[] = [];
  if (criterion.onlyFor) out.push({ kind: 'unit-name' });
  if (usesYear(effectiveRule(rubric, criterion, options))) out.push({ kind: 'year' });
  inputSlots(rubric, criterion, options).forEach((s, i) => {
    if (s.general) out.push({ kind: 'general', item: s.general, slot: i });
  });
  return out;
}

/** The number of value cells a criterion takes: its slots, then its context arguments. */
export function argumentCount(rubric: Rubric, criterion: Criterion): number {
  return inputSlots(rubric, criterion).length + contextArguments(rubric, criterion).length;
}

/** A year cell's value, when it is one (2000–2100). */
export function yearOf(raw: unknown): number | undefined {
  const n = toNumber(raw, true);
  return n !== undefined && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : undefined;
}

/**
 * A slot's value with its general-information default: the entry when there is one (with a
 * warning when it differs from the general information), the general item otherwise.
 */
export function withGeneral(
  slot: Slot,
  entered: unknown,
  general: unknown,
  label?: Text,
): { value: unknown; warning?: Text } {
  if (isBlank(entered)) return { value: isBlank(general) ? entered : general };
  if (isBlank(general)) return { value: entered };
  const [a, b] = [toNumber(entered, true), toNumber(general, true)];
  if (a === undefined || b === undefined || a === b) return { value: entered };
  const name = label ?? slot.label;
  return {
    value: entered,
    warning: t(
      `${name.vi}: nhập ${String(entered)} khác Thông tin chung (${String(general)}); đã dùng số nhập ở tiêu chí này`,
      `${name.en}: ${String(entered)} entered differs from the general information (${String(general)}); the entry here is used`,
    ),
  };
}

/**
 * The input model of a criterion as data: its slots with their accepted forms, what it needs
 * besides (the unit's name, the year, general-information defaults), whether "Không áp dụng" is
 * allowed, and an example entry. What `dti criteria --json` publishes and the pane shows.
 */
import type { Text } from '../base';
import { criterionMax, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { contextArguments, type ContextArgument } from './context';
import { describeSlot, expected } from './expected';
import { effectiveRule, inputSlots, type Slot } from './slots';

export interface SlotModel {
  key: string;
  kind: Slot['kind'];
  label: Text;
  forms: Text;
  optional: boolean;
  choices?: { id: string; label: { vi: string; en?: string } }[];
  general?: string;
}

export interface InputModel {
  id: string;
  slots: SlotModel[];
  context: ContextArgument[];
  /** The decision's words allowing "Không áp dụng", or null where it is not allowed. */
  notApplicable: string | null;
  expects: Text;
  /** An entry as a self-assessment file takes it. */
  example: unknown;
}

export function inputModel(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  options?: Readonly<Record<string, string>>,
): InputModel {
  const max = criterion.rule.kind === 'levels' ? undefined : criterionMax(criterion, unit);
  const slots = inputSlots(rubric, criterion, options);
  return {
    id: criterion.id,
    slots: slots.map((s) => ({
      key: s.key,
      kind: s.kind,
      label: s.label,
      forms: describeSlot(s, max),
      optional: s.optional ?? false,
      ...(s.choices ? { choices: s.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
      ...(s.general ? { general: s.general } : {}),
    })),
    context: contextArguments(rubric, criterion, options),
    notApplicable: criterion.allowNotApplicable ?? null,
    expects: expected(rubric, criterion, options, max),
    example: exampleOf(effectiveRule(rubric, criterion, options), max),
  };
}

type AnyRule = ReturnType<typeof effectiveRule>;

/** A plausible entry for a rule, as JSON: what an example shows, not a value anyone entered. */
function exampleOf(rule: AnyRule, max = 10): unknown {
  switch (rule.kind) {
    case 'boolean':
      return true;
    case 'options':
      return rule.options[0].id;
    case 'ratio':
      return { numerator: 45, denominator: 60 };
    case 'count-steps':
    case 'per-item':
    case 'count-limit':
      return 2;
    case 'count-target':
      return rule.target;
    case 'additive':
      return Object.fromEntries(rule.parts.map((p) => [p.id, true]));
    case 'deadline':
      return '15/01/2025';
    case 'assessed':
      return Math.round(max / 2);
    case 'collect':
      return rule.input === 'boolean'
        ? true
        : rule.input === 'date'
          ? '15/01/2025'
          : rule.input === 'text'
            ? 'nội dung'
            : 12;
    case 'best-of':
      return { [rule.alternatives[0].id]: exampleOf(rule.alternatives[0].rule, max) };
    case 'gated':
      return { [rule.gate.id]: rule.gate.minCount, value: exampleOf(rule.rule, max) };
    case 'by-option':
      return exampleOf(Object.values(rule.rules)[0], max);
    case 'levels':
      switch (rule.measure) {
        case 'ratio':
          return '75%';
        case 'count':
          return 3;
        case 'yes':
          return 'Có';
        case 'count-of-total':
          return { numerator: 2, denominator: 5 };
        case 'subunit-levels':
          return [2, 3, 3, 4];
      }
  }
}

/**
 * What a criterion's cells compute: the number or words each formula cell of a template shows.
 * One place for the Excel functions (which look the rubric up by id first), the template's
 * stored results and the demo grid, so a cell shows the same thing wherever it is computed.
 * Takes the rubric object itself: a rubric need not be in the library to be scored.
 *
 * `args` are the criterion's slot cells followed by its context arguments (./context.ts): the
 * unit's name, the assessment year, the general-information defaults — what the template passes.
 */
import { DtiError, t, type Text } from '../base';
import { criterionMax, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { contextArguments, withGeneral, yearOf } from './context';
import { scoreCriterion, type ScoredCriterion } from './criterion';
import { shortfallsForLevel } from './levels';
import { levelName } from './lookup';
import { inputSlots, valueFromSlots } from './slots';
import { isBlank } from './values';

/** What a check or shortfall cell shows when nothing is wrong: a visible confirmation, not a blank. */
export const OK_MARK = '✓';

/** Scores a criterion from its argument cells (a communes' levels slot may span a whole range). */
export function scoreCells(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  args: readonly unknown[],
): ScoredCriterion {
  const slots = inputSlots(rubric, criterion);
  const context = contextArguments(rubric, criterion);
  // A single slot may be a whole range (the communes' levels): everything before the context is it.
  const cells = context.length ? [...args.slice(0, slots.length)] : [...args];
  const extra = args.slice(slots.length);
  let unitName: string | undefined;
  let year: number | undefined;
  const warnings: Text[] = [];
  context.forEach((c, i) => {
    const v = extra[i];
    if (c.kind === 'unit-name') unitName = isBlank(v) ? undefined : String(v).trim();
    else if (c.kind === 'year') year = yearOf(v);
    else {
      const merged = withGeneral(slots[c.slot], cells[c.slot], v);
      cells[c.slot] = merged.value;
      if (merged.warning) warnings.push(merged.warning);
    }
  });
  const r = scoreCriterion(rubric, unit, criterion, valueFromSlots(rubric, criterion, cells), { unitName, year });
  return warnings.length && r.status === 'ok' ? { ...r, warnings: [...warnings.map((w) => w.vi), ...r.warnings] } : r;
}

/** A function's message names its criterion: the formula may sit anywhere in a workbook. */
const named = (r: ScoredCriterion) => `${r.id}: ${r.message}`;
const invalidValue = (r: ScoredCriterion) => new DtiError('invalid-value', t(named(r), named(r)));

/** The criterion's points; 0 while nothing is entered (the check cell says "Chưa nhập"). */
export function cellPoints(rubric: Rubric, unit: UnitId, criterion: Criterion, args: readonly unknown[]): number {
  if (criterion.rule.kind === 'levels')
    throw new DtiError(
      'invalid-value',
      t(
        `${criterion.id} là tiêu chí theo mức độ: dùng CDS.DTI_LEVEL`,
        `${criterion.id} is a level criterion: use CDS.DTI_LEVEL`,
      ),
    );
  const r = scoreCells(rubric, unit, criterion, args);
  if (r.status === 'invalid') throw invalidValue(r);
  return r.points ?? 0;
}

/** "✓" when the entry is fine, otherwise what is wrong, missing or worth a look. */
export function cellCheck(rubric: Rubric, unit: UnitId, criterion: Criterion, args: readonly unknown[]): string {
  const r = scoreCells(rubric, unit, criterion, args);
  if (r.status === 'ok') return r.warnings.length ? r.warnings.join('; ') : OK_MARK;
  return r.status === 'invalid' ? named(r) : r.message;
}

/**
 * The max the criterion counts toward the total: its printed max, or 0 where it does not apply (to
 * the named unit, or by what was entered: "Không áp dụng", a zero denominator).
 */
export function cellMax(rubric: Rubric, unit: UnitId, criterion: Criterion, args: readonly unknown[]): number {
  return scoreCells(rubric, unit, criterion, args).status === 'not-applicable' ? 0 : criterionMax(criterion, unit);
}

/** The lowest level of the given criteria (over all of a unit's criteria: the unit's level). */
export function cellsLevel(
  rubric: Rubric,
  unit: UnitId,
  rows: readonly { criterion: Criterion; cells: readonly unknown[] }[],
): number {
  let lowest = rubric.levels?.length ?? 5;
  for (const { criterion, cells } of rows) {
    const r = scoreCells(rubric, unit, criterion, cells);
    if (r.status === 'invalid') throw invalidValue(r);
    lowest = Math.min(lowest, r.level ?? 0);
  }
  return lowest;
}

/** What a level criterion still lacks to meet `level` ("✓" when it meets it, or for no such level). */
export function cellShortfall(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  level: number,
  args: readonly unknown[],
): string {
  if (criterion.rule.kind !== 'levels')
    throw new DtiError(
      'invalid-value',
      t(`${criterion.id} chấm theo điểm, không theo mức độ`, `${criterion.id} is scored in points, not levels`),
    );
  if (!Number.isInteger(level) || level < 1 || level > (rubric.levels?.length ?? 0)) return OK_MARK;
  const r = scoreCells(rubric, unit, criterion, args);
  if (r.status === 'invalid') throw invalidValue(r);
  if ((r.level ?? 0) >= level) return OK_MARK;
  // Beyond the next level (a registered one), every requirement failed on the way.
  const [missing] = shortfallsForLevel([r], level);
  return missing ? `cần ${missing.required.vi}; ${missing.shortfall.vi}` : OK_MARK;
}

/** "Khởi động" … "Toàn diện" for 1–5, "Chưa đạt mức 1" for 0; anything else is not a level. */
export function cellLevelName(rubric: Rubric, level: number): string {
  const count = rubric.levels?.length ?? 0;
  if (!Number.isInteger(level) || level < 0 || level > count)
    throw new DtiError(
      'invalid-value',
      t(`Mức độ phải là số nguyên từ 0 đến ${count}`, `A level is a whole number from 0 to ${count}`),
    );
  return levelName(rubric, level, 'vi');
}

/**
 * What the Excel functions compute, without Office: cell arguments in, engine results out. Every
 * number comes from the engine (`scoreCriterion`, `assess`); this file only maps cells to the
 * engine's input and failures to the two Excel errors officers will see:
 *   #VALUE! — a value of the wrong kind (the message says what is expected);
 *   #N/A    — an unknown rubric, unit type or criterion.
 */
import {
  DtiError,
  findCriterion,
  resolveUnit,
  scoreCriterion,
  type ScoredCriterion,
} from '../engine';
import { inputSlots, valueFromSlots } from '../engine/slots';
import { isBlank } from '../engine/values';
import { criterionMax } from '../rubrics/model';
import type { Criterion, Rubric, UnitId } from '../rubrics/schema';
import { getRubric } from '../rubrics/catalog';

export class FunctionError extends Error {
  constructor(
    readonly kind: 'value' | 'na',
    message: string,
  ) {
    super(message);
  }
}

const text = (v: unknown): string => (isBlank(v) ? '' : String(v).trim());

/** Runs a lookup, turning "unknown rubric/unit/criterion" into #N/A. */
function lookup<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DtiError) throw new FunctionError('na', e.message);
    throw e;
  }
}

interface Target {
  rubric: Rubric;
  unit: UnitId;
  criterion: Criterion;
}

function target(rubricId: unknown, unit: unknown, criterionId: unknown): Target {
  return lookup(() => {
    const rubric = getRubric(text(rubricId));
    const unitId = resolveUnit(rubric, text(unit).toLowerCase());
    return { rubric, unit: unitId, criterion: findCriterion(rubric, unitId, text(criterionId)) };
  });
}

/** Scores a criterion from its slot cells; a criterion limited to named units takes the unit's name after them. */
function scoreFromArgs(tg: Target, args: readonly unknown[]): ScoredCriterion {
  const slots = inputSlots(tg.rubric, tg.criterion);
  const unitName = tg.criterion.onlyFor ? text(args[slots.length]) || undefined : undefined;
  const raw = valueFromSlots(tg.rubric, tg.criterion, args.slice(0, slots.length));
  return scoreCriterion(tg.rubric, tg.unit, tg.criterion, raw, { unitName });
}

/** DTI_SCORE: the criterion's points; 0 while nothing is entered (DTI_CHECK says "Chưa nhập"). */
export function score(rubricId: unknown, unit: unknown, criterionId: unknown, args: readonly unknown[]): number {
  const tg = target(rubricId, unit, criterionId);
  if (tg.criterion.rule.kind === 'levels')
    throw new FunctionError('value', `${tg.criterion.id} là tiêu chí theo mức độ: dùng CDS.DTI_LEVEL`);
  const r = scoreFromArgs(tg, args);
  if (r.status === 'invalid') throw new FunctionError('value', `${r.id}: ${r.message}`);
  return r.points ?? 0;
}

/** DTI_CHECK: "" when the entry is fine, otherwise what is wrong or missing, in Vietnamese. */
export function check(rubricId: unknown, unit: unknown, criterionId: unknown, args: readonly unknown[]): string {
  const r = scoreFromArgs(target(rubricId, unit, criterionId), args);
  if (r.status === 'ok') return r.warnings.join('; ');
  return r.status === 'not-applicable' ? '' : r.message;
}

/** DTI_MAX: the criterion's max points for the unit (0 where it does not apply to the named unit). */
export function maxPoints(rubricId: unknown, unit: unknown, criterionId: unknown, unitName: unknown): number {
  const tg = target(rubricId, unit, criterionId);
  if (tg.criterion.onlyFor) {
    const r = scoreCriterion(tg.rubric, tg.unit, tg.criterion, null, { unitName: text(unitName) || undefined });
    if (r.status === 'not-applicable') return 0;
  }
  return criterionMax(tg.criterion, tg.unit);
}

/** Cells of a range argument, row by row (Excel passes ranges as arrays of rows). */
function rows(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  return v.map((row) => (Array.isArray(row) ? row : [row]));
}

/**
 * DTI_LEVEL: one criterion and its value(s) → that criterion's level; a range of criterion ids and
 * a range of values (one row per criterion, its slot cells across) → the lowest of their levels,
 * which over all of a unit's criteria is the unit's level.
 */
export function level(rubricId: unknown, unit: unknown, criterionIds: unknown, values: unknown): number {
  const { rubric, unitId } = lookup(() => {
    const rubric = getRubric(text(rubricId));
    return { rubric, unitId: resolveUnit(rubric, text(unit).toLowerCase()) };
  });
  if (rubric.kind !== 'levels') throw new FunctionError('value', `${rubric.id} chấm theo điểm, không theo mức độ: dùng CDS.DTI_SCORE`);
  const idRows = rows(criterionIds);
  const ids = idRows.flat().map(text).filter(Boolean);
  if (ids.length === 0) throw new FunctionError('value', 'Cần mã tiêu chí');
  const valueRows = rows(values);
  // Ids across one row pair with values down columns: read the values the same way.
  const byColumn = idRows.length === 1 && ids.length > 1;
  const cellsFor = (i: number): unknown[] =>
    ids.length === 1 ? valueRows.flat() : byColumn ? valueRows.map((r) => r[i]) : (valueRows[i] ?? []);

  let lowest = rubric.levels?.length ?? 5;
  ids.forEach((id, i) => {
    const criterion = lookup(() => findCriterion(rubric, unitId, id));
    const r = scoreCriterion(rubric, unitId, criterion, valueFromSlots(rubric, criterion, cellsFor(i)));
    if (r.status === 'invalid') throw new FunctionError('value', `${id}: ${r.message}`);
    lowest = Math.min(lowest, r.level ?? 0);
  });
  return lowest;
}

/** DTI_LEVEL_NAME: "Khởi động" … "Toàn diện", or "Chưa đạt mức 1" for 0. */
export function levelName(rubricId: unknown, levelNumber: unknown): string {
  const rubric = lookup(() => getRubric(text(rubricId)));
  const n = Number(levelNumber);
  const levels = rubric.levels ?? [];
  if (!Number.isInteger(n) || n < 0 || n > levels.length)
    throw new FunctionError('value', `Mức độ phải là số nguyên từ 0 đến ${levels.length}`);
  return n === 0 ? 'Chưa đạt mức 1' : levels[n - 1].name.vi;
}

/** The number of value arguments a criterion takes (its slots, plus the unit name where needed). */
export function argumentCount(rubric: Rubric, criterion: Criterion): number {
  return inputSlots(rubric, criterion).length + (criterion.onlyFor ? 1 : 0);
}

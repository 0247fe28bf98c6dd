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

/** What DTI_CHECK and DTI_SHORTFALL show when nothing is wrong: a visible confirmation, not a blank. */
export const OK_MARK = '✓';

/** DTI_CHECK: "✓" when the entry is fine, otherwise what is wrong, missing or worth a look, in Vietnamese. */
export function check(rubricId: unknown, unit: unknown, criterionId: unknown, args: readonly unknown[]): string {
  const r = scoreFromArgs(target(rubricId, unit, criterionId), args);
  if (r.status === 'ok') return r.warnings.length ? r.warnings.join('; ') : OK_MARK;
  return r.message;
}

/**
 * DTI_MAX: the max points the criterion counts toward the total — its printed max, or 0 where it
 * does not apply (to the named unit, or by what was entered: "na", a zero denominator).
 */
export function maxPoints(rubricId: unknown, unit: unknown, criterionId: unknown, unitName: unknown, args: readonly unknown[] = []): number {
  const tg = target(rubricId, unit, criterionId);
  const raw = valueFromSlots(tg.rubric, tg.criterion, args.slice(0, inputSlots(tg.rubric, tg.criterion).length));
  const r = scoreCriterion(tg.rubric, tg.unit, tg.criterion, raw, { unitName: text(unitName) || undefined });
  return r.status === 'not-applicable' ? 0 : criterionMax(tg.criterion, tg.unit);
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
  const valueRows = rows(values);
  const single = idRows.flat().filter((c) => text(c)).length === 1;
  // Ids across one row pair with values down columns: read the values the same way.
  const byColumn = idRows.length === 1 && idRows[0].length > 1;
  const ids = byColumn ? idRows[0] : idRows.map((r) => r[0]);
  // Pair each id with its cells before skipping blank rows (pillar headings), so rows stay aligned.
  const pairs = ids
    .map((id, i) => [text(id), single ? valueRows.flat() : byColumn ? valueRows.map((r) => r[i]) : (valueRows[i] ?? [])] as const)
    .filter(([id]) => id !== '');
  if (pairs.length === 0) throw new FunctionError('value', 'Cần mã tiêu chí');

  let lowest = rubric.levels?.length ?? 5;
  for (const [id, cells] of pairs) {
    const criterion = lookup(() => findCriterion(rubric, unitId, id));
    const r = scoreCriterion(rubric, unitId, criterion, valueFromSlots(rubric, criterion, cells));
    if (r.status === 'invalid') throw new FunctionError('value', `${id}: ${r.message}`);
    lowest = Math.min(lowest, r.level ?? 0);
  }
  return lowest;
}

/**
 * DTI_SHORTFALL: what the criterion still lacks to meet `level` ("✓" when it meets it), e.g.
 * "cần tỷ lệ ≥ 80%; hiện 49%, thiếu 31 điểm phần trăm".
 */
export function shortfall(rubricId: unknown, unit: unknown, criterionId: unknown, levelNumber: unknown, args: readonly unknown[]): string {
  const tg = target(rubricId, unit, criterionId);
  const n = Number(levelNumber);
  const levels = tg.rubric.levels?.length ?? 0;
  if (tg.criterion.rule.kind !== 'levels') throw new FunctionError('value', `${tg.criterion.id} chấm theo điểm, không theo mức độ`);
  if (!Number.isInteger(n) || n < 1 || n > levels) return OK_MARK;
  const r = scoreFromArgs(tg, args);
  if (r.status === 'invalid') throw new FunctionError('value', `${r.id}: ${r.message}`);
  if ((r.level ?? 0) >= n) return OK_MARK;
  const check = r.explainLevel!(n);
  return `cần ${check.required.vi}; ${check.shortfall?.vi ?? 'chưa đạt'}`;
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

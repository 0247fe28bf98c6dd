/**
 * What the Excel functions compute, without Office: the rubric looked up by id in the library,
 * cell arguments mapped to the engine's cell computations (`src/engine/cells.ts`), which every
 * number comes from. Failures are the engine's errors; functions.ts shows them as the two Excel
 * errors officers will see:
 *   #VALUE! — a value of the wrong kind (the message says what is expected);
 *   #N/A    — an unknown rubric, unit type or criterion.
 */
import {
  cellCheck,
  cellLevelName,
  cellMax,
  cellPoints,
  cellShortfall,
  cellsLevel,
  findCriterion,
  isBlank,
  resolveUnit,
} from '../engine';
import { getRubric, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { DtiError, t } from '../base';

const text = (v: unknown): string => (isBlank(v) ? '' : String(v).trim());

interface Target {
  rubric: Rubric;
  unit: UnitId;
  criterion: Criterion;
}

function rubricAndUnit(rubricId: unknown, unit: unknown): { rubric: Rubric; unit: UnitId } {
  const rubric = getRubric(text(rubricId));
  return { rubric, unit: resolveUnit(rubric, text(unit).toLowerCase()) };
}

function target(rubricId: unknown, unit: unknown, criterionId: unknown): Target {
  const { rubric, unit: unitId } = rubricAndUnit(rubricId, unit);
  return { rubric, unit: unitId, criterion: findCriterion(rubric, unitId, text(criterionId)) };
}

/** DTI_SCORE: the criterion's points; 0 while nothing is entered (DTI_CHECK says "Chưa nhập"). */
export function score(rubricId: unknown, unit: unknown, criterionId: unknown, args: readonly unknown[]): number {
  const tg = target(rubricId, unit, criterionId);
  return cellPoints(tg.rubric, tg.unit, tg.criterion, args);
}

/** DTI_CHECK: "✓" when the entry is fine, otherwise what is wrong, missing or worth a look, in Vietnamese. */
export function check(rubricId: unknown, unit: unknown, criterionId: unknown, args: readonly unknown[]): string {
  const tg = target(rubricId, unit, criterionId);
  return cellCheck(tg.rubric, tg.unit, tg.criterion, args);
}

/** DTI_MAX: the max points the criterion counts toward the total (0 where it does not apply). */
export function maxPoints(
  rubricId: unknown,
  unit: unknown,
  criterionId: unknown,
  args: readonly unknown[] = [],
): number {
  const tg = target(rubricId, unit, criterionId);
  return cellMax(tg.rubric, tg.unit, tg.criterion, args);
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
export function level(
  rubricId: unknown,
  unit: unknown,
  criterionIds: unknown,
  values: unknown,
  more: readonly unknown[] = [],
): number {
  const { rubric, unit: unitId } = rubricAndUnit(rubricId, unit);
  if (rubric.kind !== 'levels')
    throw new DtiError(
      'invalid-value',
      t(
        `${rubric.id} chấm theo điểm, không theo mức độ: dùng CDS.DTI_SCORE`,
        `${rubric.id} is scored in points, not levels: use CDS.DTI_SCORE`,
      ),
    );
  const idRows = rows(criterionIds);
  const valueRows = rows(values);
  const single = idRows.flat().filter((c) => text(c)).length === 1;
  // One criterion with its slots as separate arguments (the template's form): values, then the rest.
  if (single && more.some((m) => !isBlank(m))) {
    const id = text(idRows.flat().find((c) => text(c)));
    return cellsLevel(rubric, unitId, [
      {
        criterion: findCriterion(rubric, unitId, id),
        cells: [values, ...more].map((v) =>
          Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v,
        ),
      },
    ]);
  }
  // Ids across one row pair with values down columns: read the values the same way.
  const byColumn = idRows.length === 1 && idRows[0].length > 1;
  const ids = byColumn ? idRows[0] : idRows.map((r) => r[0]);
  // Pair each id with its cells before skipping blank rows (pillar headings), so rows stay aligned.
  const pairs = ids
    .map(
      (id, i) =>
        [text(id), single ? valueRows.flat() : byColumn ? valueRows.map((r) => r[i]) : (valueRows[i] ?? [])] as const,
    )
    .filter(([id]) => id !== '');
  if (pairs.length === 0) throw new DtiError('invalid-value', t('Cần mã tiêu chí', 'A criterion id is needed'));
  return cellsLevel(
    rubric,
    unitId,
    pairs.map(([id, cells]) => ({ criterion: findCriterion(rubric, unitId, id), cells })),
  );
}

/**
 * DTI_SHORTFALL: what the criterion still lacks to meet `level` ("✓" when it meets it), e.g.
 * "cần tỷ lệ ≥ 80%; hiện 49%, thiếu 31 điểm phần trăm".
 */
export function shortfall(
  rubricId: unknown,
  unit: unknown,
  criterionId: unknown,
  levelNumber: unknown,
  args: readonly unknown[],
): string {
  const tg = target(rubricId, unit, criterionId);
  return cellShortfall(tg.rubric, tg.unit, tg.criterion, Number(levelNumber), args);
}

/** DTI_LEVEL_NAME: "Khởi động" … "Toàn diện", or "Chưa đạt mức 1" for 0. */
export function levelName(rubricId: unknown, levelNumber: unknown): string {
  return cellLevelName(getRubric(text(rubricId)), Number(levelNumber));
}

/**
 * Finding things in a rubric for a unit type: its criteria and pillars (indexed once per rubric
 * object), a unit type by id or name, a criterion by id, a unit on a named list, the chosen readings.
 */
import { DtiError, fold, say, t, type Lang } from '../base';
import type { Criterion, Rubric, UnitId } from '../rubrics';

export interface UnitIndex {
  criteria: Criterion[];
  byId: Map<string, Criterion>;
  pillars: Rubric['pillars'];
}
const indexCache = new WeakMap<Rubric, Map<UnitId, UnitIndex>>();

export function unitIndex(rubric: Rubric, unit: UnitId): UnitIndex {
  let perUnit = indexCache.get(rubric);
  if (!perUnit) indexCache.set(rubric, (perUnit = new Map()));
  let index = perUnit.get(unit);
  if (!index) {
    const criteria = rubric.criteria.filter((c) => c.units.includes(unit));
    index = {
      criteria,
      byId: new Map(criteria.map((c) => [c.id, c])),
      pillars: rubric.pillars.filter((p) => !p.units || p.units.includes(unit)),
    };
    perUnit.set(unit, index);
  }
  return index;
}

export function resolveUnit(rubric: Rubric, unit: string): UnitId {
  const found = rubric.units.find((u) => u.id === unit || fold(u.label.vi) === fold(unit));
  if (!found) {
    const known = rubric.units.map((u) => `${u.id} (${u.label.vi})`).join(', ');
    throw new DtiError(
      'unknown-unit',
      t(
        `Bộ tiêu chí ${rubric.id} không có loại đơn vị "${unit}". Có: ${known}`,
        `Rubric ${rubric.id} has no unit type "${unit}". Known: ${known}`,
      ),
    );
  }
  return found.id;
}

/** The criteria that apply to a unit type, in the decision's order. */
export function criteriaFor(rubric: Rubric, unit: UnitId): readonly Criterion[] {
  return unitIndex(rubric, unit).criteria;
}

export function findCriterion(rubric: Rubric, unit: UnitId, id: string): Criterion {
  const criterion = unitIndex(rubric, unit).byId.get(id.trim());
  if (!criterion)
    throw new DtiError(
      'unknown-criterion',
      t(
        `Không có tiêu chí "${id}" cho đơn vị ${unit} trong ${rubric.id}`,
        `No criterion "${id}" for unit ${unit} in ${rubric.id}`,
      ),
    );
  return criterion;
}

/** Whether the named unit is on a rubric list (Hà Nội Phụ lục II), matching names and aliases loosely. */
export function isOnList(rubric: Rubric, list: string, unitName: string): boolean {
  const key = fold(unitName);
  return (rubric.lists[list]?.names ?? []).some((n) => fold(n.name) === key || n.aliases.some((a) => fold(a) === key));
}

const defaultOptions = new WeakMap<Rubric, Record<string, string>>();

/** The rubric's default readings, overridden by the ones an assessment chooses. */
export function chosenOptions(
  rubric: Rubric,
  given?: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  let defaults = defaultOptions.get(rubric);
  if (!defaults)
    defaultOptions.set(rubric, (defaults = Object.fromEntries(rubric.options.map((o) => [o.id, o.default]))));
  return given ? { ...defaults, ...given } : defaults;
}

/** A level's name ("Khởi động" … "Toàn diện"), "Chưa đạt mức 1" for 0. */
export const levelName = (rubric: Rubric, n: number, lang: Lang): string =>
  n === 0
    ? say(t('Chưa đạt mức 1', 'Below level 1'), lang)
    : say(rubric.levels?.find((l) => l.number === n)?.name ?? { vi: String(n) }, lang);

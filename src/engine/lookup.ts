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

/** Abbreviations officers write for the names of departments, as folded text. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bkh ?& ?cn\b|\bkhcn\b/g, 'khoa hoc cong nghe'],
  [/\bgd ?& ?dt\b|\bgddt\b/g, 'giao duc dao tao'],
  [/\bvh ?& ?tt\b|\bvhtt\b/g, 'van hoa the thao'],
  [/\bnn ?& ?mt\b|\bnnmt\b/g, 'nong nghiep moi truong'],
  [/\bnn ?& ?ptnt\b|\bnnptnt\b/g, 'nong nghiep phat trien nong thon'],
  [/\bqh ?& ?kt\b|\bqhkt\b/g, 'quy hoach kien truc'],
  [/\btttt\b|\btt ?& ?tt\b/g, 'thong tin truyen thong'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
];

/**
 * A unit's name as compared: case, accents, spacing and punctuation ignored, "&" and "và" left
 * out, common abbreviations (KH&CN, GD&ĐT, UBND) spelled out, the city after it dropped
 * ("… thành phố Hà Nội", "… TP. Hà Nội", "… Hà Nội", "… Thành phố").
 */
export function normalUnitName(name: string): string {
  let k = ` ${fold(name)} `;
  for (const [pattern, full] of ABBREVIATIONS) k = k.replace(pattern, full);
  k = k
    .replace(/&/g, ' ')
    .replace(/[.,;:()/\-–]/g, ' ')
    .replace(/\s+/g, ' ');
  // Both sides are compared this way, so "Thanh tra Thành phố" is "Thanh tra thành phố Hà Nội".
  k = k.replace(/ ha noi $/, ' ').replace(/ (thanh pho|tp) $/, ' ');
  return k.replace(/ va /g, ' ').replace(/\s+/g, ' ').trim();
}

/** The official name on a rubric list a written name means, if any (names and their aliases, loosely). */
export function matchUnitName(rubric: Rubric, list: string, unitName: string): string | undefined {
  const key = normalUnitName(unitName);
  if (!key) return undefined;
  return (rubric.lists[list]?.names ?? []).find((n) => [n.name, ...n.aliases].some((a) => normalUnitName(a) === key))
    ?.name;
}

/** Whether the named unit is on a rubric list (Hà Nội Phụ lục II). */
export function isOnList(rubric: Rubric, list: string, unitName: string): boolean {
  return matchUnitName(rubric, list, unitName) !== undefined;
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

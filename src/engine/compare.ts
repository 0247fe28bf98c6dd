/**
 * This year's assessment beside last year's: criteria paired by id, pillars by id, the totals.
 *
 * Last year's assessment is the engine's result on last year's entries under LAST year's rubric
 * (the one its file names), never re-scored under this year's: a criterion's points are what its
 * decision gave that year. Across versions a criterion that kept its id is paired; the others are
 * listed as new or gone. Points rubrics compare points, level rubrics level numbers; when a paired
 * criterion's maximum changed the change is given but said not to compare as is (2 more points
 * out of 10 are not 2 more out of 5). Pure and browser-safe: two assessments in, data out.
 */
import { t, type Text } from '../base';
import type { Assessment, CriterionResult, Status } from './results';

/** One year's side of a criterion, pillar or total. */
export interface YearSide {
  /** Points (points rubrics) or level number (level rubrics); null where nothing was scored. */
  value: number | null;
  /** Max points (points rubrics; 0 when not applicable), null in level rubrics. */
  max: number | null;
  status?: Status;
}

export type RemarkKind =
  'new' | 'removed' | 'max-changed' | 'title-changed' | 'not-applicable' | 'not-entered' | 'measure-changed';

export interface Remark {
  kind: RemarkKind;
  text: Text;
}

export interface ComparedCriterion {
  id: string;
  pillar: string;
  title: string;
  previous: YearSide | null;
  current: YearSide | null;
  /** This year's value minus last year's; null when either side is missing or they measure different things. */
  change: number | null;
  remarks: Remark[];
}

export interface ComparedPillar {
  id: string;
  title: string;
  previous: YearSide | null;
  current: YearSide | null;
  change: number | null;
  remarks: Remark[];
}

export interface ComparedYear {
  rubric: string;
  version: string;
  unit: string;
  unitName?: string;
  year?: number;
  /** The decision's number ("2263/QĐ-UBND"), when the caller knows it: what an officer recognises. */
  decision?: string;
  /** 'levels' when the rubric grades by levels, else 'points'. */
  measure: Measure;
}

export type Measure = 'points' | 'levels';

/** What the assessment itself does not carry: the year assessed and the decision's number. */
export interface YearContext {
  year?: number;
  decision?: string;
}

/** Last year's result as a template or a report takes it. */
export interface PreviousResult extends YearContext {
  assessment: Assessment;
}

export interface Comparison {
  current: ComparedYear;
  previous: ComparedYear;
  total: { previous: YearSide; current: YearSide; change: number | null; remarks: Remark[] };
  pillars: ComparedPillar[];
  /** This year's criteria in their order, then last year's that have no counterpart. */
  criteria: ComparedCriterion[];
  /** What makes the comparison doubtful: another unit type or unit, a year not before this one. */
  warnings: Text[];
}

/** How an assessment measures: level rubrics give the unit a level, points rubrics a total. */
const measureOf = (a: Assessment): Measure => (a.level !== null ? 'levels' : 'points');

/** A penalty's points count against the total: compared with their sign, so a smaller penalty is a gain. */
const valueOf = (c: CriterionResult, m: Measure) =>
  m === 'levels' ? (c.level ?? null) : c.points !== null && c.effect === 'penalty' ? -c.points : c.points;

const side = (c: CriterionResult, m: Measure): YearSide => ({ value: valueOf(c, m), max: c.max, status: c.status });

/** Rounded as the engine rounds points, so 0.1 + 0.2 changes by 0.3. */
const diff = (now: number | null, before: number | null) =>
  now === null || before === null ? null : Math.round((now - before) * 1e6) / 1e6;

const fmt = (n: number | null) => (n === null ? '—' : String(n));

export const REMARKS = {
  new: () => t('Mới, không có năm trước', 'New, not in last year’s set'),
  removed: () => t('Không còn trong bộ chỉ số năm nay', 'No longer in this year’s set'),
  maxChanged: (before: number | null, now: number | null) =>
    t(
      `Điểm tối đa đổi từ ${fmt(before)} thành ${fmt(now)}: mức thay đổi không so sánh trực tiếp được`,
      `Maximum changed from ${fmt(before)} to ${fmt(now)}: the change does not compare as is`,
    ),
  titleChanged: (before: string) => t(`Năm trước tên là: ${before}`, `Last year titled: ${before}`),
  notApplicable: (which: 'previous' | 'current') =>
    which === 'previous'
      ? t('Năm trước không áp dụng', 'Not applicable last year')
      : t('Năm nay không áp dụng', 'Not applicable this year'),
  notEntered: (which: 'previous' | 'current') =>
    which === 'previous'
      ? t('Năm trước chưa nhập hoặc không hợp lệ', 'Not entered or invalid last year')
      : t('Năm nay chưa nhập hoặc không hợp lệ', 'Not entered or invalid this year'),
  measureChanged: () =>
    t(
      'Năm trước chấm theo điểm, năm nay theo mức (hoặc ngược lại): không so sánh được',
      'Scored in points one year and in levels the other: not comparable',
    ),
};

function statusRemarks(previous: YearSide, current: YearSide): Remark[] {
  const out: Remark[] = [];
  for (const [which, s] of [
    ['previous', previous],
    ['current', current],
  ] as const) {
    if (s.status === 'not-applicable') out.push({ kind: 'not-applicable', text: REMARKS.notApplicable(which) });
    else if (s.status === 'missing' || s.status === 'invalid')
      out.push({ kind: 'not-entered', text: REMARKS.notEntered(which) });
  }
  return out;
}

/** A max that changed between versions, for a criterion applicable both years. */
const maxChanged = (p: YearSide, c: YearSide) =>
  p.max !== null && c.max !== null && p.max > 0 && c.max > 0 && p.max !== c.max;

function pair<T extends { id: string; title: string }, R>(
  current: readonly T[],
  previous: readonly T[],
  compare: (now: T | undefined, before: T | undefined) => R,
): R[] {
  const before = new Map(previous.map((x) => [x.id, x]));
  const seen = new Set(current.map((x) => x.id));
  return [
    ...current.map((now) => compare(now, before.get(now.id))),
    ...previous.filter((x) => !seen.has(x.id)).map((x) => compare(undefined, x)),
  ];
}

export function compareAssessments(
  current: Assessment,
  previous: Assessment,
  context: { current?: YearContext; previous?: YearContext } = {},
): Comparison {
  const mNow = measureOf(current);
  const mBefore = measureOf(previous);
  const comparable = mNow === mBefore;
  const measureRemark: Remark[] = comparable ? [] : [{ kind: 'measure-changed', text: REMARKS.measureChanged() }];

  const criteria = pair(current.criteria, previous.criteria, (now, before): ComparedCriterion => {
    const c = (now ?? before)!;
    const cur = now ? side(now, mNow) : null;
    const prev = before ? side(before, mBefore) : null;
    const remarks: Remark[] = [];
    if (!before) remarks.push({ kind: 'new', text: REMARKS.new() });
    if (!now) remarks.push({ kind: 'removed', text: REMARKS.removed() });
    if (cur && prev) {
      remarks.push(...measureRemark);
      if (maxChanged(prev, cur)) remarks.push({ kind: 'max-changed', text: REMARKS.maxChanged(prev.max, cur.max) });
      if (now!.title !== before!.title)
        remarks.push({ kind: 'title-changed', text: REMARKS.titleChanged(before!.title) });
      remarks.push(...statusRemarks(prev, cur));
    }
    return {
      id: c.id,
      pillar: c.pillar,
      title: c.title,
      previous: prev,
      current: cur,
      change: cur && prev && comparable ? diff(cur.value, prev.value) : null,
      remarks,
    };
  });

  type P = Assessment['pillars'][number];
  const pillarSide = (p: P, m: Measure): YearSide => ({
    value: m === 'levels' ? (p.level ?? null) : p.points,
    max: p.max,
  });
  const pillars = pair(current.pillars, previous.pillars, (now, before): ComparedPillar => {
    const p = (now ?? before)!;
    const cur = now ? pillarSide(now, mNow) : null;
    const prev = before ? pillarSide(before, mBefore) : null;
    const remarks: Remark[] = [];
    if (!before) remarks.push({ kind: 'new', text: REMARKS.new() });
    if (!now) remarks.push({ kind: 'removed', text: REMARKS.removed() });
    // Pillars keep their numerals across versions but not always their subject (Huế 2263's VII is
    // "Hoạt động kinh tế số", 931's VII "Xã hội số"): a different title is said, never hidden.
    if (now && before && now.title !== before.title)
      remarks.push({ kind: 'title-changed', text: REMARKS.titleChanged(before.title) });
    if (cur && prev) remarks.push(...measureRemark);
    if (cur && prev && maxChanged(prev, cur))
      remarks.push({ kind: 'max-changed', text: REMARKS.maxChanged(prev.max, cur.max) });
    return {
      id: p.id,
      title: p.title,
      previous: prev,
      current: cur,
      change: cur && prev && comparable ? diff(cur.value, prev.value) : null,
      remarks,
    };
  });

  const totalSide = (a: Assessment, m: Measure): YearSide =>
    m === 'levels' ? { value: a.level?.number ?? null, max: null } : { value: a.total, max: a.max };
  const tPrev = totalSide(previous, mBefore);
  const tNow = totalSide(current, mNow);
  const total = {
    previous: tPrev,
    current: tNow,
    change: comparable ? diff(tNow.value, tPrev.value) : null,
    remarks: [
      ...measureRemark,
      ...(maxChanged(tPrev, tNow)
        ? [{ kind: 'max-changed' as const, text: REMARKS.maxChanged(tPrev.max, tNow.max) }]
        : []),
    ],
  };

  const yearOf = (a: Assessment, m: Measure, about: YearContext = {}): ComparedYear => ({
    rubric: a.rubric,
    version: a.version,
    unit: a.unit,
    ...(a.unitName ? { unitName: a.unitName } : {}),
    ...(about.year !== undefined ? { year: about.year } : {}),
    ...(about.decision ? { decision: about.decision } : {}),
    measure: m,
  });
  const years = { current: context.current?.year, previous: context.previous?.year };
  return {
    current: yearOf(current, mNow, context.current),
    previous: yearOf(previous, mBefore, context.previous),
    total,
    pillars,
    criteria,
    warnings: comparisonWarnings(current, previous, years),
  };
}

const sameName = (a?: string, b?: string) => !a || !b || a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Another unit type or unit name, or a year that is not earlier, is a warning, not a refusal: the
 * 2025 reorganisation turned districts and communes into new units under new names, and their
 * officers still want to see where they stood; the comparison says what differs.
 */
function comparisonWarnings(
  current: Assessment,
  previous: Assessment,
  years: { current?: number; previous?: number },
): Text[] {
  const out: Text[] = [];
  if (current.unit !== previous.unit)
    out.push(
      t(
        `Tệp năm trước là của loại đơn vị "${previous.unit}", năm nay là "${current.unit}": chỉ các tiêu chí cùng mã được so sánh`,
        `Last year's file is for unit type "${previous.unit}", this year's for "${current.unit}": only criteria with the same id are compared`,
      ),
    );
  if (!sameName(current.unitName, previous.unitName))
    out.push(
      t(
        `Tệp năm trước là của đơn vị "${previous.unitName}", không phải "${current.unitName}"`,
        `Last year's file is for "${previous.unitName}", not "${current.unitName}"`,
      ),
    );
  if (years.current !== undefined && years.previous !== undefined && years.previous >= years.current)
    out.push(
      t(
        `Tệp "năm trước" ghi năm ${years.previous}, không trước năm ${years.current}`,
        `The "last year" file states ${years.previous}, not before ${years.current}`,
      ),
    );
  return out;
}

/**
 * The council's appraised points applied to the assessed submissions, and the ranking on them:
 * the one implementation under `dti rank --appraisal` (cells read from the council's workbook)
 * and the pane's live ranking (cells typed in the pane, or read back from the open workbook).
 *
 * An appraised value is read as the council types it ("7,5", "7.5", 7.5: the engine's number
 * reader) and held to what the sheet's validation allows: [0, max] for points, [−max, 0] for a
 * penalty, a whole level 0…levels for level rubrics. A value outside that is never used: the unit
 * is not ranked, and the reason names the criterion, what was entered and what is expected. The
 * totals, percent, pillars and level are recomputed as the engine computes them.
 */
import { num, t, type Text } from '../base';
import { isBlank, levelName, toNumber } from '../engine';
import type { Rubric } from '../rubrics';
import type { Scalar } from '../template';
import { shownPoints } from './appraisal';
import { bonusPoints } from './bonus';
import { registeredLevel } from './recognition';
import { rankSubmissions, whyUnranked, type RankBy, type RankedRow } from './rank';
import type { CriterionScore, SubmissionAssessment, SubmissionResult } from './submission';

/** What the council gave a criterion: the appraised points (or level) as entered, the reason, the note. */
export interface AppraisedCell {
  value: Scalar;
  reason: string;
  note: string;
  /** The row on the council's sheet it was read from (when read from a workbook). */
  row?: number;
}

/** By submission digest (SHA-256, hex), then criterion id. */
export type AppraisalCells = Map<string, Map<string, AppraisedCell>>;

/** A criterion the council changed: from the re-score to the appraised points, and why. */
export interface AppraisalChange {
  criterion: string;
  rescored: number | null;
  appraised: number;
  reason: string;
  note: string;
}

export interface AppraisedSubmissions {
  results: SubmissionResult[];
  /** By file: the criteria whose appraised points differ from the re-score. */
  changes: Map<string, AppraisalChange[]>;
  /** By file: the entries refused (the unit is then not ranked). */
  refused: Map<string, Text[]>;
}

export interface AppraiseOptions {
  /**
   * A submission with no cells is left out ("not in the appraisal workbook"): so when the cells
   * are a council workbook's, which holds every unit it appraised. Without it (the pane before
   * any workbook), such a submission keeps its re-score.
   */
  listedOnly?: boolean;
  /** The council's bonus points, where its workbook has them: the cap and the cells by digest. */
  bonus?: { cap: number; cells: Map<string, { value: Scalar; reason: string }> };
  /**
   * Level rubrics: the registered levels the council's workbook holds, by digest. The council's
   * registration then replaces the template's and decides recognition.
   */
  registered?: Map<string, Scalar>;
}

type Bonus = { points: number; reason: string };

const roundPoints = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** What the appraised cell of a criterion accepts, as the sheet's validation says it. */
export function appraisedRange(rubric: Rubric, c: CriterionScore): { min: number; max: number; whole: boolean } {
  if (rubric.kind === 'levels') return { min: 0, max: rubric.levels?.length ?? 0, whole: true };
  const max = c.max ?? 0;
  return c.effect === 'penalty' ? { min: -max, max: 0, whole: false } : { min: 0, max, whole: false };
}

/**
 * An appraised cell as points (signed: a penalty is negative, as the sheet shows it) or a level,
 * or why it cannot be: the criterion, what was entered, what is expected. Blank counts as 0, as
 * the sheet's formulas count it.
 */
export function appraisedValue(
  rubric: Rubric,
  c: CriterionScore,
  raw: Scalar,
): { ok: true; value: number } | { ok: false; error: Text } {
  const { min, max, whole } = appraisedRange(rubric, c);
  const n = isBlank(raw) ? 0 : typeof raw === 'boolean' ? undefined : toNumber(raw);
  if (n !== undefined && n >= min - 1e-9 && n <= max + 1e-9 && (!whole || Number.isInteger(n)))
    return { ok: true, value: n };
  const entered = (lang: 'vi' | 'en') => (typeof raw === 'number' ? num(raw, lang, 6) : String(raw).trim());
  const [a, b, ae, be] = [num(min, 'vi'), num(max, 'vi'), num(min, 'en'), num(max, 'en')];
  return {
    ok: false,
    error: t(
      `${c.id}: "${entered('vi')}" không phải ${whole ? 'mức' : 'số điểm'} từ ${a} đến ${b}`,
      `${c.id}: "${entered('en')}" is not a ${whole ? 'level' : 'number of points'} from ${ae} to ${be}`,
    ),
  };
}

/** The assessment with the council's points in place of the re-score, totals and level recomputed; the bonus outside the max. */
function appraisedAssessment(
  rubric: Rubric,
  a: SubmissionAssessment,
  points: Map<string, number>,
  bonus?: Bonus,
): SubmissionAssessment {
  const criteria = a.criteria.map((c) => {
    const v = points.get(c.id);
    if (v === undefined) return c;
    return rubric.kind === 'levels' ? { ...c, level: v } : { ...c, points: c.effect === 'penalty' ? -v : v };
  });
  if (rubric.kind === 'levels') {
    const top = rubric.levels?.length ?? 0;
    const lowest = (cs: CriterionScore[]) => cs.reduce((m, c) => Math.min(m, c.level ?? 0), top);
    const level = lowest(criteria);
    return {
      ...a,
      criteria,
      level: { number: level, name: levelName(rubric, level, 'vi') },
      nextLevel: null,
      pillars: a.pillars.map((p) => ({ ...p, level: lowest(criteria.filter((c) => c.pillar === p.id)) })),
    };
  }
  const signed = (cs: CriterionScore[]) =>
    roundPoints(cs.reduce((s, c) => s + (c.effect === 'penalty' ? -(c.points ?? 0) : (c.points ?? 0)), 0));
  const total = roundPoints(signed(criteria) + (bonus?.points ?? 0));
  return {
    ...a,
    criteria,
    total,
    ...(bonus ? { councilBonus: bonus } : {}),
    percent: a.max ? roundPoints((total / a.max) * 100) : null,
    pillars: a.pillars.map((p) => ({ ...p, points: signed(criteria.filter((c) => c.pillar === p.id)) })),
  };
}

/** The unit's bonus as the workbook holds it (none given: undefined), or why it is refused. */
function bonusOf(given: AppraiseOptions['bonus'], s: SubmissionResult): Bonus | Text | undefined {
  const cell = given && s.digest ? given.cells.get(s.digest) : undefined;
  if (!given || !cell) return undefined;
  const points = bonusPoints(cell.value, given.cap, s.unitName || s.file);
  return typeof points === 'number' ? { points, reason: cell.reason } : points;
}

const NOT_IN_WORKBOOK = t(
  'Không có trong bảng thẩm định (tệp khác với tệp Hội đồng đã thẩm định)',
  'Not in the appraisal workbook (the file differs from the one the council appraised)',
);

/** The submissions with the council's appraised cells applied. */
export function appraiseSubmissions(
  rubric: Rubric,
  results: SubmissionResult[],
  cells: AppraisalCells,
  options: AppraiseOptions = {},
): AppraisedSubmissions {
  const changes = new Map<string, AppraisalChange[]>();
  const refused = new Map<string, Text[]>();
  const out = results.map((s): SubmissionResult => {
    // Already left out (unsigned, a broken seal, …): nothing to apply, nothing more to say.
    if (!s.assessment || whyUnranked(s).length) return s;
    const given = s.digest ? cells.get(s.digest) : undefined;
    if (!given) return options.listedOnly ? { ...s, excluded: [...(s.excluded ?? []), NOT_IN_WORKBOOK] } : s;
    const points = new Map<string, number>();
    const wrong: Text[] = [];
    const changed: AppraisalChange[] = [];
    for (const c of s.assessment.criteria) {
      const cell = given.get(c.id);
      if (!cell) continue;
      const v = appraisedValue(rubric, c, cell.value);
      if (!v.ok) {
        wrong.push(v.error);
        continue;
      }
      const rescored = shownPoints(rubric, c);
      points.set(c.id, v.value);
      if (Math.abs(v.value - (rescored ?? 0)) > 0.004 || (rescored === null && v.value !== 0))
        changed.push({ criterion: c.id, rescored, appraised: v.value, reason: cell.reason, note: cell.note });
    }
    changes.set(s.file, changed);
    const bonus = bonusOf(options.bonus, s);
    if (bonus && !('points' in bonus)) wrong.push(bonus);
    const registered = options.registered
      ? registeredLevel(options.registered.get(s.digest!) ?? null, rubric.levels?.length ?? 0, s.unitName || s.file)
      : undefined;
    if (registered !== null && typeof registered === 'object') wrong.push(registered);
    if (wrong.length) {
      refused.set(s.file, wrong);
      return { ...s, excluded: [...(s.excluded ?? []), ...wrong] };
    }
    const a = appraisedAssessment(rubric, s.assessment, points, bonus as Bonus | undefined);
    if (registered === undefined) return { ...s, assessment: a };
    // The council's registration replaces the template's (whose shortfalls were for the self-assessment).
    const { registered: _fromTemplate, ...rest } = a;
    const level = typeof registered === 'number' ? registered : null;
    const recognition = level === null ? undefined : { registered: level, recognised: (a.level?.number ?? 0) >= level };
    return { ...s, assessment: { ...rest, ...(recognition ? { recognition } : {}) } };
  });
  return { results: out, changes, refused };
}

/** The ranking on the appraised points (the pane's live ranking; `dti rank --appraisal` ranks the same results). */
export function rankAppraised(
  rubric: Rubric,
  results: SubmissionResult[],
  cells: AppraisalCells,
  options: AppraiseOptions & { by?: RankBy; requireTrusted?: boolean } = {},
): AppraisedSubmissions & { rows: RankedRow[] } {
  const applied = appraiseSubmissions(rubric, results, cells, options);
  return { ...applied, rows: rankSubmissions(rubric, applied.results, options.by, options.requireTrusted) };
}

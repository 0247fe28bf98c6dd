/**
 * Reading the council's appraisal workbook back (with the one safe cell reader) and ranking on it:
 * the identity in `_dti` says which sheet, columns and rows hold the appraised cells and which
 * submission (by SHA-256) each key stands for; the rows are found by their key and criterion id,
 * so rows sorted or moved still read right. The appraised points replace the re-score of exactly
 * the submissions appraised; the totals and level are recomputed here as the engine computes
 * them (the cached results in the file may predate the edits). A submission not in the workbook,
 * or one whose appraised cell holds something the validation would refuse, is not ranked.
 * Bonus points, where the workbook has them (its identity says where, and the cap), are read from
 * "Xếp hạng" by the unit's number there and added to the total, outside the max; so is a level
 * rubric's registered level, which the appraised level recognises or not.
 */
import { t, type Text } from '../base';
import { levelName } from '../engine';
import type { Rubric } from '../rubrics';
import { META_SHEET, type Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { APPRAISAL_MARK, type AppraisalIdentity } from './appraisal-layout';
import { shownPoints } from './appraisal';
import { bonusPoints } from './bonus';
import { registeredLevel } from './recognition';
import { whyUnranked } from './rank';
import type { CriterionScore, SubmissionAssessment, SubmissionResult } from './submission';

export interface AppraisedCell {
  value: Scalar;
  reason: string;
  note: string;
}

export interface CouncilAppraisal {
  identity: AppraisalIdentity;
  /** By digest, then criterion id. */
  cells: Map<string, Map<string, AppraisedCell>>;
  /** The bonus cells, by digest (empty where the workbook has none). */
  bonus: Map<string, { value: Scalar; reason: string }>;
  /** Level rubrics: the registered-level cells, by digest (empty in workbooks written before they had them). */
  registered: Map<string, Scalar>;
}

/** A criterion the council changed: from the re-score to the appraised points, and why. */
export interface AppraisalChange {
  criterion: string;
  rescored: number | null;
  appraised: number;
  reason: string;
  note: string;
}

const roundPoints = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

function isIdentity(x: unknown): x is AppraisalIdentity {
  const i = x as AppraisalIdentity;
  return (
    !!i &&
    i.kind === 'appraisal' &&
    typeof i.rubric === 'string' &&
    typeof i.unit === 'string' &&
    Array.isArray(i.submissions) &&
    i.submissions.every((s) => typeof s?.key === 'number' && typeof s?.digest === 'string') &&
    typeof i.layout?.sheet === 'string' &&
    Number.isInteger(i.layout?.firstRow) &&
    typeof i.layout?.columns?.appraised === 'string'
  );
}

/** The identity of a council's workbook in its `_dti` sheet, or null when the workbook is not one. */
export function readAppraisalIdentity(wb: LoadedWorkbook): AppraisalIdentity | null {
  if (!wb.sheetNames.includes(META_SHEET) || wb.read(META_SHEET, 'A1') !== APPRAISAL_MARK) return null;
  try {
    const identity: unknown = JSON.parse(String(wb.read(META_SHEET, 'B1') ?? ''));
    return isIdentity(identity) ? identity : null;
  } catch {
    return null;
  }
}

/** The council's workbook read, or why it is not one. */
export function readAppraisal(wb: LoadedWorkbook): CouncilAppraisal | { error: Text } {
  const identity = readAppraisalIdentity(wb);
  if (!identity)
    return {
      error: t(
        'không phải bảng thẩm định của Hội đồng (tạo bằng dti appraise)',
        "not a council's appraisal workbook (made by dti appraise)",
      ),
    };
  const { sheet, columns: col, firstRow, lastRow } = identity.layout;
  if (!wb.sheetNames.includes(sheet)) return { error: t(`thiếu trang "${sheet}"`, `the sheet "${sheet}" is missing`) };
  const digestOf = new Map(identity.submissions.map((s) => [s.key, s.digest]));
  const cells = new Map<string, Map<string, AppraisedCell>>();
  const text = (v: Scalar) => (v === null ? '' : String(v).trim());
  for (let r = firstRow; r <= Math.max(lastRow, wb.lastRow(sheet)); r++) {
    const digest = digestOf.get(wb.read(sheet, `${col.key}${r}`) as number);
    const id = text(wb.read(sheet, `${col.criterion}${r}`));
    if (!digest || !id) continue;
    const of = cells.get(digest) ?? new Map<string, AppraisedCell>();
    of.set(id, {
      value: wb.read(sheet, `${col.appraised}${r}`),
      reason: text(wb.read(sheet, `${col.reason}${r}`)),
      note: text(wb.read(sheet, `${col.note}${r}`)),
    });
    cells.set(digest, of);
  }
  const bonus = identity.layout.ranking.bonus?.columns;
  const registration = identity.layout.ranking.registration?.columns;
  return {
    identity,
    cells,
    bonus: bonus
      ? rankingRows(wb, identity, digestOf, bonus.key, (read) => ({
          value: read(bonus.points),
          reason: String(read(bonus.reason) ?? '').trim(),
        }))
      : new Map(),
    registered: registration
      ? rankingRows(wb, identity, digestOf, registration.key, (read) => read(registration.registered))
      : new Map(),
  };
}

/** Per submission (by digest), what `cells` reads from its row of "Xếp hạng", found by the unit's number in `keyColumn`. */
function rankingRows<T>(
  wb: LoadedWorkbook,
  identity: AppraisalIdentity,
  digestOf: Map<number, string>,
  keyColumn: string,
  cells: (read: (column: string) => Scalar) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  const { sheet, firstRow, lastRow } = identity.layout.ranking;
  if (!wb.sheetNames.includes(sheet)) return out;
  for (let r = firstRow; r <= Math.max(lastRow, wb.lastRow(sheet)); r++) {
    const digest = digestOf.get(wb.read(sheet, `${keyColumn}${r}`) as number);
    if (digest)
      out.set(
        digest,
        cells((column) => wb.read(sheet, `${column}${r}`)),
      );
  }
  return out;
}

/** An appraised cell as points (signed) or a level, or why it cannot be. Blank counts as 0, as the sheet's formulas count it. */
function appraisedNumber(rubric: Rubric, c: CriterionScore, v: Scalar): number | Text {
  const n = v === null || v === '' ? 0 : typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  const [min, max] =
    rubric.kind === 'levels'
      ? [0, rubric.levels?.length ?? 0]
      : c.effect === 'penalty'
        ? [-(c.max ?? 0), 0]
        : [0, c.max ?? 0];
  if (!Number.isFinite(n) || n < min || n > max || (rubric.kind === 'levels' && !Number.isInteger(n)))
    return t(
      `${c.id}: "${String(v)}" không phải ${rubric.kind === 'levels' ? 'mức' : 'số điểm'} từ ${min} đến ${max}`,
      `${c.id}: "${String(v)}" is not a ${rubric.kind === 'levels' ? 'level' : 'number of points'} from ${min} to ${max}`,
    );
  return n;
}

/** The assessment with the council's points in place of the re-score, totals and level recomputed; the bonus outside the max. */
function appraisedAssessment(
  rubric: Rubric,
  a: SubmissionAssessment,
  points: Map<string, number>,
  bonus?: { points: number; reason: string },
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

type Bonus = { points: number; reason: string };

/** The unit's bonus as the workbook holds it (none given: undefined), or why it is refused. */
function bonusOf(appraisal: CouncilAppraisal, s: SubmissionResult): Bonus | Text | undefined {
  const cap = appraisal.identity.layout.ranking.bonus?.cap;
  const cell = appraisal.bonus.get(s.digest!);
  if (cap === undefined || !cell) return undefined;
  const points = bonusPoints(cell.value, cap, s.unitName || s.file);
  return typeof points === 'number' ? { points, reason: cell.reason } : points;
}

/**
 * The level the council's workbook says the unit registered (blank: none), or why it is refused;
 * undefined where the workbook has no such column (then the template's own registration counts).
 */
function registeredOf(
  rubric: Rubric,
  appraisal: CouncilAppraisal,
  s: SubmissionResult,
): number | null | Text | undefined {
  if (!appraisal.identity.layout.ranking.registration) return undefined;
  return registeredLevel(appraisal.registered.get(s.digest!) ?? null, rubric.levels?.length ?? 0, s.unitName || s.file);
}

/**
 * The submissions with the council's appraisal applied, and per submission the criteria it changed.
 * `notInFiles` lists the appraised submissions none of the given files is (changed since, or left out).
 */
export function applyAppraisal(
  rubric: Rubric,
  results: SubmissionResult[],
  appraisal: CouncilAppraisal,
): { results: SubmissionResult[]; changes: Map<string, AppraisalChange[]>; notInFiles: string[] } {
  const changes = new Map<string, AppraisalChange[]>();
  const seen = new Set<string>();
  const out = results.map((s): SubmissionResult => {
    // Already left out (unsigned, a broken seal, …): nothing to apply, nothing more to say.
    if (!s.assessment || whyUnranked(s).length) return s;
    const cells = s.digest ? appraisal.cells.get(s.digest) : undefined;
    if (!cells) {
      const why = t(
        'Không có trong bảng thẩm định (tệp khác với tệp Hội đồng đã thẩm định)',
        'Not in the appraisal workbook (the file differs from the one the council appraised)',
      );
      return { ...s, excluded: [...(s.excluded ?? []), why] };
    }
    seen.add(s.digest!);
    const points = new Map<string, number>();
    const wrong: Text[] = [];
    const changed: AppraisalChange[] = [];
    for (const c of s.assessment.criteria) {
      const cell = cells.get(c.id);
      if (!cell) continue;
      const v = appraisedNumber(rubric, c, cell.value);
      if (typeof v !== 'number') {
        wrong.push(v);
        continue;
      }
      const rescored = shownPoints(rubric, c);
      points.set(c.id, v);
      if (Math.abs(v - (rescored ?? 0)) > 0.004 || (rescored === null && v !== 0))
        changed.push({ criterion: c.id, rescored, appraised: v, reason: cell.reason, note: cell.note });
    }
    changes.set(s.file, changed);
    const bonus = bonusOf(appraisal, s);
    if (bonus && !('points' in bonus)) wrong.push(bonus);
    const registered = registeredOf(rubric, appraisal, s);
    if (registered !== null && typeof registered === 'object') {
      wrong.push(registered);
      return { ...s, excluded: [...(s.excluded ?? []), ...wrong] };
    }
    if (wrong.length) return { ...s, excluded: [...(s.excluded ?? []), ...wrong] };
    const a = appraisedAssessment(rubric, s.assessment, points, bonus as Bonus | undefined);
    if (registered === undefined) return { ...s, assessment: a };
    // The council's registration replaces the template's (whose shortfalls were for the self-assessment).
    const { registered: _fromTemplate, ...rest } = a;
    const recognition =
      registered === null ? undefined : { registered, recognised: (a.level?.number ?? 0) >= registered };
    return { ...s, assessment: { ...rest, ...(recognition ? { recognition } : {}) } };
  });
  const notInFiles = appraisal.identity.submissions.filter((x) => !seen.has(x.digest)).map((x) => x.file);
  return { results: out, changes, notInFiles };
}

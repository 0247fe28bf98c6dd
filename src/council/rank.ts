/**
 * Ranking the units of one rubric and unit type from their re-scored submissions (the ranking
 * workbook and CSV are the CLI's: src/cli/ranking-file.ts).
 *
 * Tie rule: units with equal totals (to the hundredth of a point) share a rank and the next rank
 * skips (1, 2, 2, 4 — "standard competition ranking"); tied units are listed by name. Level rubrics
 * rank by level, then by the number of criteria already at the next level. Submissions that could
 * not be scored, whose signature is not valid or whose seal does not match are listed after the
 * ranked units without a rank, with the reason.
 */
import { t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { SEAL_MISMATCH } from './labels';
import type { SubmissionAssessment, SubmissionResult } from './submission';

export interface RankedRow {
  rank: number | null;
  submission: SubmissionResult;
  key: number[];
  /** Why the submission has no rank; empty when it is ranked. */
  unranked: Text[];
}

export type RankBy = 'total' | 'percent';

/** Signature statuses a ranking accepts (without --trust). */
export const ACCEPTED = new Set(['valid', 'valid-untrusted']);

const SIGNATURE_NOT_ACCEPTED: Record<SubmissionResult['status'], Text> = {
  valid: t('', ''),
  'valid-untrusted': t(
    'Chữ ký số không thuộc chứng thư gốc nào đã cho (--trust)',
    'The signature does not chain to any given root certificate (--trust)',
  ),
  partial: t('Chữ ký số không bao phủ toàn bộ tệp', 'The digital signature does not cover the whole file'),
  invalid: t('Chữ ký số không hợp lệ', 'Invalid digital signature'),
  unsigned: t('Chưa ký số', 'Not digitally signed'),
  malformed: t('Tệp lỗi, không đọc được', 'Broken file, cannot be read'),
};

/**
 * Why a submission gets no rank (empty when it gets one): its signature is not accepted — unsigned,
 * invalid, partial, untrusted under --trust, unreadable —, its seal does not match, and/or it could
 * not be scored, for which its problems say why (not a template, another rubric or unit, an
 * unknown rubric).
 */
export function whyUnranked(s: SubmissionResult, requireTrusted = false): Text[] {
  const signatureAccepted = requireTrusted ? s.status === 'valid' : ACCEPTED.has(s.status);
  const why = signatureAccepted ? [] : [SIGNATURE_NOT_ACCEPTED[s.status]];
  why.push(...(s.excluded ?? []));
  // As dti verify rejects it: what was signed is not what the unit sealed. (Under a broken
  // signature the seal adds nothing: the file was changed after signing either way.)
  if (signatureAccepted && s.seal === 'broken') why.push(SEAL_MISMATCH);
  // An ambiguous layout (a criterion on two rows, the rubric in the sheet differing from _dti):
  // which entries are the unit's is not known, so no score from them is ranked.
  for (const p of s.templateProblems ?? []) why.push(t(p, p));
  if (s.assessment) return why;
  // Problems are written in the batch's language already.
  const rest = s.problems.filter((p) => !(s.templateProblems ?? []).includes(p));
  if (rest.length) return [...why, ...rest.map((p) => t(p, p))];
  return why.length ? why : [t('Không chấm được', 'Could not be scored')];
}

/**
 * What a unit is ranked by: its total (or percent) to the hundredth of a point; for level rubrics
 * its level, then how many of its criteria already reach the next level (all of them at the top).
 * The council's workbook writes the same key as a formula over the appraised cells.
 */
export function rankKey(
  rubric: Rubric,
  a: Pick<SubmissionAssessment, 'total' | 'percent' | 'level' | 'criteria'>,
  by: RankBy = 'total',
): number[] {
  if (rubric.kind === 'levels') {
    const level = a.level?.number ?? 0;
    const next = Math.min(level + 1, rubric.levels?.length ?? 0);
    return [level, a.criteria.filter((c) => (c.level ?? 0) >= next).length];
  }
  return [Math.round(((by === 'percent' ? a.percent : a.total) ?? 0) * 100)];
}

export function rankSubmissions(
  rubric: Rubric,
  submissions: SubmissionResult[],
  by: RankBy = 'total',
  requireTrusted = false,
): RankedRow[] {
  const rankable = (s: SubmissionResult) => whyUnranked(s, requireTrusted).length === 0;
  const keyOf = (s: SubmissionResult): number[] => rankKey(rubric, s.assessment!, by);
  const name = (s: SubmissionResult) => s.unitName || s.file;
  const ranked = submissions
    .filter(rankable)
    .map((s) => ({ submission: s, key: keyOf(s), rank: 0 as number | null, unranked: [] }))
    .sort((x, y) => compareKeys(y.key, x.key) || name(x.submission).localeCompare(name(y.submission), 'vi'));
  ranked.forEach((row, i) => {
    row.rank = i > 0 && compareKeys(row.key, ranked[i - 1].key) === 0 ? ranked[i - 1].rank : i + 1;
  });
  const rest = submissions
    .filter((s) => !rankable(s))
    .map((s) => ({ submission: s, key: [], rank: null, unranked: whyUnranked(s, requireTrusted) }));
  return [...ranked, ...rest];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * Round 2 of the appraisal (Hà Nội 5279/QĐ-UBND Điều 5.3–5.4): the units' responses to the
 * round-1 feedback met with the council's round-1 workbook. Each file given is the round-1
 * submission itself (the unit had nothing to answer), a response naming the round-1 submission it
 * answers (by SHA-256), or neither — flagged. A response may add explanations and evidence only:
 * an entry that differs from what round 1 appraised (the entry text the council saw, or the points
 * it re-scores to) is flagged per criterion, "Thay đổi số liệu ngoài giải trình", whether the
 * council questioned that criterion or not. Round 2's appraised points start from round 1's.
 */
import { t, type Text } from '../base';
import type { Rubric } from '../rubrics';
import type { CellSpec } from '../template';
import type { LoadedWorkbook } from '../workbook';
import type { AppraisalIdentity } from './appraisal-layout';
import { shownPoints } from './appraisal';
import { readAppraisal } from './appraisal-read';
import { appraiseSubmissions, type AppraisedCell } from './appraise-live';
import { cellNumber, isRemarked, readAppraisalRows, type AppraisalRow } from './appraisal-rows';
import { whyUnranked } from './rank';
import type { SubmissionResult } from './submission';

export const CHANGED_BEYOND = t('Thay đổi số liệu ngoài giải trình', 'Entries changed beyond the explanations');
export const ANSWERS_NONE = t(
  'Không trả lời bài nộp nào đã thẩm định ở vòng 1',
  'Answers none of the submissions appraised in round 1',
);
const SUPERSEDED = t(
  'Đã có bài giải trình thay thế bài nộp này',
  'A response to the feedback replaces this submission',
);

/** The round-2 columns of "Thẩm định", after the round-1 design's last column (K). */
export const ROUND2_COLUMNS = {
  round1: 'L',
  round1Remark: 'M',
  explanation: 'N',
  change: 'O',
  changed: 'P',
} as const;

export interface PreviousRound {
  identity: AppraisalIdentity;
  rows: Map<string, AppraisalRow[]>;
}

/** The council's round-1 workbook read, or why it cannot serve. */
export function readPreviousRound(wb: LoadedWorkbook): PreviousRound | { error: Text } {
  const read = readAppraisal(wb);
  if ('error' in read) return read;
  return { identity: read.identity, rows: readAppraisalRows(wb, read.identity) };
}

export interface EntryChange {
  criterion: string;
  before: string;
  after: string;
  /** Whether the council remarked on it in round 1. */
  questioned: boolean;
}

export interface Round2Unit {
  kind: 'response' | 'unchanged' | 'unmatched';
  /** The round-1 submission this file is or answers. */
  previous?: AppraisalIdentity['submissions'][number];
  round1: Map<string, AppraisalRow>;
  explanations: Record<string, string>;
  changes: EntryChange[];
  /** The file's own re-score (points shown, signed; or level), before round 1's points are applied. */
  rescored: Map<string, number | null>;
  rescoredTotal: number | null;
}

export interface Round2 {
  /** The round-1 workbook's identity. */
  identity: AppraisalIdentity;
  /** By file. */
  units: Map<string, Round2Unit>;
  /** Round-1 submissions neither given again nor answered. */
  unanswered: AppraisalIdentity['submissions'];
}

const same = (a: number | null, b: number | null) => Math.abs((a ?? 0) - (b ?? 0)) < 0.005;

/** Each file given matched with round 1, and what it changed. */
export function matchRound2(rubric: Rubric, results: SubmissionResult[], previous: PreviousRound): Round2 {
  const byDigest = new Map(previous.identity.submissions.map((s) => [s.digest.toLowerCase(), s]));
  const units = new Map<string, Round2Unit>();
  const reached = new Set<string>();
  for (const s of results) {
    // Files that cannot be ranked anyway (unsigned, a broken seal …) keep their own reasons only.
    if (!s.assessment || whyUnranked(s).length) continue;
    const own = s.digest ? byDigest.get(s.digest) : undefined;
    const answered = s.response ? byDigest.get(s.response.answers) : undefined;
    const prev = own ?? answered;
    if (prev) reached.add(prev.digest);
    const round1 = new Map((prev ? (previous.rows.get(prev.digest) ?? []) : []).map((r) => [r.criterion, r]));
    const rescored = new Map(s.assessment.criteria.map((c) => [c.id, shownPoints(rubric, c)]));
    const changes: EntryChange[] = [];
    if (!own && answered)
      for (const c of s.assessment.criteria) {
        const row = round1.get(c.id);
        if (!row) continue;
        const after = c.entry ?? '';
        if (row.entry !== after || !same(row.rescored, rescored.get(c.id) ?? null))
          changes.push({ criterion: c.id, before: row.entry, after, questioned: isRemarked(row) });
      }
    units.set(s.file, {
      kind: own ? 'unchanged' : answered ? 'response' : 'unmatched',
      ...(prev ? { previous: prev } : {}),
      round1,
      explanations: own ? {} : (s.response?.explanations ?? {}),
      changes,
      rescored,
      rescoredTotal: rubric.kind === 'levels' ? (s.assessment.level?.number ?? 0) : s.assessment.total,
    });
  }
  const unanswered = previous.identity.submissions.filter((s) => !reached.has(s.digest));
  return { identity: previous.identity, units, unanswered };
}

/** The per-unit flags a council reads in the ranking, in the batch's words. */
export function round2Problems(unit: Round2Unit): Text[] {
  const out: Text[] = [];
  if (unit.kind === 'unmatched') out.push(ANSWERS_NONE);
  if (unit.changes.length) {
    const ids = unit.changes.map((c) => c.criterion).join(', ');
    out.push(t(`${CHANGED_BEYOND.vi}: ${ids}`, `${CHANGED_BEYOND.en}: ${ids}`));
  }
  return out;
}

/**
 * The submissions as round 2 starts: each with round 1's appraised points in place of its
 * re-score (a response's, criterion by criterion), flagged where it changed entries or answers
 * no round-1 submission; a round-1 submission given again beside its response is left out.
 */
export function round2Results(rubric: Rubric, results: SubmissionResult[], round2: Round2): SubmissionResult[] {
  const answered = new Set(
    [...round2.units.values()].filter((u) => u.kind === 'response').map((u) => u.previous!.digest),
  );
  const cells = new Map<string, Map<string, AppraisedCell>>();
  for (const s of results) {
    const unit = round2.units.get(s.file);
    if (!unit || !s.digest) continue;
    cells.set(
      s.digest,
      new Map([...unit.round1].map(([id, r]) => [id, { value: r.appraised, reason: r.reason, note: r.note }])),
    );
  }
  const flagged = results.map((s): SubmissionResult => {
    const unit = round2.units.get(s.file);
    if (!unit) return s;
    const problems = round2Problems(unit).map((p) => p.vi);
    const superseded = unit.kind === 'unchanged' && answered.has(unit.previous!.digest);
    return {
      ...s,
      problems: [...s.problems, ...problems],
      ...(superseded ? { excluded: [...(s.excluded ?? []), SUPERSEDED] } : {}),
    };
  });
  // Files that could not be ranked anyway keep their own reasons.
  const rankable = flagged.filter((s) => s.assessment && !whyUnranked(s).length);
  const applied = appraiseSubmissions(rubric, rankable, cells, { listedOnly: true }).results;
  const byFile = new Map(applied.map((s) => [s.file, s]));
  return flagged.map((s) => byFile.get(s.file) ?? s);
}

/** The round-2 cells of one criterion row: round 1's points and remark, the explanation, the change, the flag. */
export function round2RowCells(unit: Round2Unit | undefined, id: string, r: number, appraised: string): CellSpec[] {
  const C = ROUND2_COLUMNS;
  const row = unit?.round1.get(id);
  const round1 = row
    ? (cellNumber(row.appraised) ?? (row.appraised === null || row.appraised === '' ? 0 : null))
    : null;
  const change = unit?.changes.find((c) => c.criterion === id);
  const remark = row ? [row.reason, row.note].filter(Boolean).join('; ') : '';
  return [
    { address: `${C.round1}${r}`, value: round1, style: 'number' },
    { address: `${C.round1Remark}${r}`, value: remark, style: 'text' },
    { address: `${C.explanation}${r}`, value: unit?.explanations[id] ?? '', style: 'text' },
    {
      address: `${C.change}${r}`,
      formula: `=IF(AND(ISNUMBER(${appraised}${r}),ISNUMBER(${C.round1}${r})),ROUND(${appraised}${r}-${C.round1}${r},2),"")`,
      result: round1 === null ? '' : 0,
      style: 'formula',
    },
    {
      address: `${C.changed}${r}`,
      value: change
        ? `${CHANGED_BEYOND.vi}: "${change.before}" → "${change.after}"${change.questioned ? '' : ' (tiêu chí Hội đồng không có ý kiến)'}`
        : '',
      style: 'text',
    },
  ];
}

/** The round-2 cells of a unit's heading row: round 1's total and the unit's flags. */
export function round2HeadingCells(
  unit: Round2Unit | undefined,
  heading: number,
  block: (col: string) => string,
  isLevel: boolean,
): CellSpec[] {
  const C = ROUND2_COLUMNS;
  const flags = unit ? round2Problems(unit).map((p) => p.vi) : [];
  const total = unit ? [...unit.round1.values()].reduce((sum, r) => sum + (cellNumber(r.appraised) ?? 0), 0) : 0;
  const level = unit ? Math.min(...[...unit.round1.values()].map((r) => cellNumber(r.appraised) ?? 0)) : 0;
  return [
    {
      address: `${C.round1}${heading}`,
      formula: isLevel
        ? `=IF(COUNT(${block(C.round1)})=0,"",MIN(${block(C.round1)}))`
        : `=ROUND(SUM(${block(C.round1)}),2)`,
      result: isLevel ? (unit?.round1.size ? level : '') : Math.round(total * 100) / 100,
      style: 'total',
    },
    { address: `${C.changed}${heading}`, value: flags.join('; '), style: 'pillar' },
  ];
}

/** The "Thẩm định" headers round 2 shows in place of round 1's (I–K) and after them (L–P). */
export function round2Headers(isLevel: boolean): [string, string][] {
  const C = ROUND2_COLUMNS;
  const what = isLevel ? 'Mức' : 'Điểm';
  return [
    ['I', `${what} thẩm định vòng 2`],
    ['J', 'Lý do điều chỉnh vòng 2'],
    ['K', 'Ghi chú của Hội đồng vòng 2'],
    [C.round1, `${what} thẩm định vòng 1`],
    [C.round1Remark, 'Lý do, ghi chú vòng 1'],
    [C.explanation, 'Giải trình của đơn vị'],
    [C.change, 'Thay đổi so với vòng 1'],
    [C.changed, CHANGED_BEYOND.vi],
  ];
}

export const ROUND2_WIDTHS: Record<keyof typeof ROUND2_COLUMNS, number> = {
  round1: 10,
  round1Remark: 24,
  explanation: 40,
  change: 10,
  changed: 30,
};

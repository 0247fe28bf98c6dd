/**
 * The council's appraisal applied and ranked (src/council/appraise-live.ts), the function under
 * both the pane's live ranking and `dti rank --appraisal`: values read as the council types them
 * and held to the sheet's validation ([0, max], [−max, 0] for a deduction, a whole level), a refused
 * value never used, totals recomputed, and the ranking's tie rule (1, 1, 3) after a cut.
 */
import fc from 'fast-check';
import {
  appraisedValue,
  applyAppraisal,
  rankAppraised,
  rankSubmissions,
  type AppraisalCells,
  type AppraisedCell,
  type CouncilAppraisal,
  type CriterionScore,
  type SubmissionResult,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';

const hue = getRubric('hue-2263-2023');
const kontum = getRubric('kontum-121-2025');

const crit = (id: string, points: number, max = 10, effect: 'score' | 'penalty' = 'score'): CriterionScore => ({
  id,
  pillar: id.split('.')[0],
  points,
  max,
  status: 'ok',
  effect,
});

/** A validly signed, sealed unit whose criteria score `points`; its digest is its letter. */
function unit(letter: string, points: number[]): SubmissionResult {
  const criteria = points.map((p, i) => crit(`I.${i + 1}.1`, p));
  const total = points.reduce((a, b) => a + b, 0);
  return {
    file: `${letter}.xlsx`,
    digest: letter,
    unitName: `Xã ${letter}`,
    status: 'valid',
    signer: null,
    signedAt: null,
    reasons: [],
    differences: [],
    seal: 'valid',
    problems: [],
    templateProblems: [],
    assessment: {
      rubric: hue.id,
      version: hue.version,
      unit: 'xa',
      total,
      max: 10 * points.length,
      percent: (total / (10 * points.length)) * 100,
      level: null,
      nextLevel: null,
      pillars: [{ id: 'I', title: 'I', points: total, max: 10 * points.length }],
      criteria,
      problems: [],
    },
  } as SubmissionResult;
}

const cell = (value: AppraisedCell['value'], reason = '', note = ''): AppraisedCell => ({ value, reason, note });
const cells = (entries: [digest: string, id: string, c: AppraisedCell][]): AppraisalCells => {
  const m: AppraisalCells = new Map();
  for (const [d, id, c] of entries) m.set(d, (m.get(d) ?? new Map()).set(id, c));
  return m;
};

// A: 10 + 10 + 10 = 30; B: 10 + 10 + 5 = 25; C: 5 + 10 + 10 = 25 → 1 A, 2 B, 2 C.
const units = [unit('A', [10, 10, 10]), unit('B', [10, 10, 5]), unit('C', [5, 10, 10])];
const ranks = (rows: { rank: number | null; submission: SubmissionResult }[]) =>
  rows.map((r) => [r.submission.digest, r.rank, r.submission.assessment?.total ?? null]);

describe('the ranking on appraised points', () => {
  test('before any edit it is the re-score’s ranking (1, 2, 2)', () => {
    const live = rankAppraised(hue, units, new Map());
    expect(ranks(live.rows)).toEqual([
      ['A', 1, 30],
      ['B', 2, 25],
      ['C', 2, 25],
    ]);
    expect(ranks(live.rows)).toEqual(ranks(rankSubmissions(hue, units)));
  });

  test('cutting the leader’s I.1.1 from 10 to "4" (typed) puts it below the tied pair: 1, 1, 3', () => {
    const live = rankAppraised(
      hue,
      units,
      cells([['A', 'I.1.1', cell('4', 'Thiếu tài liệu kiểm chứng', 'không có QĐ')]]),
    );
    // A: 4 + 10 + 10 = 24 < 25.
    expect(ranks(live.rows)).toEqual([
      ['B', 1, 25],
      ['C', 1, 25],
      ['A', 3, 24],
    ]);
    expect(live.changes.get('A.xlsx')).toEqual([
      { criterion: 'I.1.1', rescored: 10, appraised: 4, reason: 'Thiếu tài liệu kiểm chứng', note: 'không có QĐ' },
    ]);
    const a = live.rows[2].submission.assessment!;
    expect(a.percent).toBe(80);
    expect(a.pillars[0].points).toBe(24);
  });

  test('"7,5" (the Vietnamese decimal comma) is 7.5 points', () => {
    const live = rankAppraised(hue, units, cells([['B', 'I.3.1', cell('7,5')]]));
    expect(live.rows.find((r) => r.submission.digest === 'B')!.submission.assessment!.total).toBe(27.5);
    expect(live.rows[1].submission.digest).toBe('B');
  });

  test('a value the validation refuses is never used: the unit is not ranked, the reason names criterion, entry and range', () => {
    const live = rankAppraised(hue, units, cells([['A', 'I.2.1', cell('12')]]));
    const a = live.rows.find((r) => r.submission.digest === 'A')!;
    expect(a.rank).toBeNull();
    expect(a.unranked.map((x) => x.vi)).toContain('I.2.1: "12" không phải số điểm từ 0 đến 10');
    expect(live.refused.get('A.xlsx')!.map((x) => x.en)).toEqual([
      'I.2.1: "12" is not a number of points from 0 to 10',
    ]);
    // The others keep their ranks among themselves.
    expect(ranks(live.rows.filter((r) => r.rank !== null))).toEqual([
      ['B', 1, 25],
      ['C', 1, 25],
    ]);
  });

  test('in the pane a unit with no edits keeps its re-score; read from a council workbook it is left out, as dti rank does', () => {
    const one = cells([['A', 'I.1.1', cell(10)]]);
    expect(rankAppraised(hue, units, one).rows.every((r) => r.rank !== null)).toBe(true);
    const strict = rankAppraised(hue, units, one, { listedOnly: true });
    expect(strict.rows.filter((r) => r.rank === null).map((r) => r.submission.digest)).toEqual(['B', 'C']);
    // dti rank --appraisal applies the same cells through the same function: the same rows.
    const appraisal = {
      identity: {
        submissions: [{ key: 1, file: 'A.xlsx', unitName: 'Xã A', digest: 'A' }],
        layout: { ranking: { sheet: 'Xếp hạng', firstRow: 4, lastRow: 6 } },
      },
      cells: one,
      bonus: new Map(),
      registered: new Map(),
    };
    const cli = rankSubmissions(hue, applyAppraisal(hue, units, appraisal as unknown as CouncilAppraisal).results);
    expect(ranks(cli)).toEqual(ranks(strict.rows));
  });
});

describe('what an appraised cell accepts (the sheet’s validation)', () => {
  const c = crit('II.1.1', 6, 7.5);
  const penalty = crit('IX.1.1', -3, 5, 'penalty');
  const level = { ...crit('1.1', 0), level: 2 };
  const top = kontum.levels!.length;

  test('points: every number in [0, max], typed with a comma or a point, reads as itself', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 750 }), fc.boolean(), (hundredths, comma) => {
        const x = hundredths / 100;
        const typed = comma ? String(x).replace('.', ',') : String(x);
        expect(appraisedValue(hue, c, typed)).toEqual({ ok: true, value: x });
      }),
    ));

  test('points: above the max or below 0 is refused, saying the range (7,5 written the Vietnamese way)', () =>
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 7.51, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -0.01, noNaN: true })),
        (x) => {
          const out = appraisedValue(hue, c, x);
          expect(out.ok).toBe(false);
          if (!out.ok) expect(out.error.vi).toMatch(/^II\.1\.1: ".*" không phải số điểm từ 0 đến 7,5$/);
        },
      ),
    ));

  test('a deduction is a number from −max to 0', () => {
    expect(appraisedValue(hue, penalty, '-2,5')).toEqual({ ok: true, value: -2.5 });
    expect(appraisedValue(hue, penalty, 0)).toEqual({ ok: true, value: 0 });
    const wrong = appraisedValue(hue, penalty, 3);
    expect(!wrong.ok && wrong.error.vi).toBe('IX.1.1: "3" không phải số điểm từ -5 đến 0');
  });

  test('a level is a whole number from 0 to the number of levels', () => {
    for (let n = 0; n <= top; n++) expect(appraisedValue(kontum, level, String(n))).toEqual({ ok: true, value: n });
    for (const bad of ['2,5', String(top + 1), '-1', 'hai'])
      expect(appraisedValue(kontum, level, bad)).toMatchObject({ ok: false });
    const wrong = appraisedValue(kontum, level, 'hai');
    expect(!wrong.ok && wrong.error.en).toBe(`1.1: "hai" is not a level from 0 to ${top}`);
  });

  test('blank counts as 0, as the sheet’s SUM counts it; text that is not a number is refused', () => {
    expect(appraisedValue(hue, c, null)).toEqual({ ok: true, value: 0 });
    expect(appraisedValue(hue, c, '  ')).toEqual({ ok: true, value: 0 });
    expect(appraisedValue(hue, c, 'bảy')).toMatchObject({ ok: false });
    expect(appraisedValue(hue, c, '7,5,3')).toMatchObject({ ok: false });
  });
});

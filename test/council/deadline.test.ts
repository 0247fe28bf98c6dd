/**
 * The council's deadline (issue 17 item 7; Kon Tum 121/QĐ-UBND: a request sent after 30 November
 * "may be refused"): Vietnam time (UTC+7), a day without a time lasting to its end, the attested
 * signing time before the claimed one, unsigned submissions not checkable; and a unit's late
 * second file does not displace its file sent in time (the duplicate rule of expected.ts).
 */
import fc from 'fast-check';
import {
  checkSubmitted,
  deadlineNote,
  holdToDeadline,
  parseDeadline,
  rankSubmissions,
  type Deadline,
  type SubmissionResult,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';

const deadline = (s: string) => {
  const d = parseDeadline(s);
  if ('error' in d) throw new Error(d.error.en);
  return d as Deadline;
};

const submission = (file: string, unitName: string, at: Partial<SubmissionResult>, status = 'valid') =>
  ({
    file,
    unitName,
    status,
    signedAt: null,
    signer: null,
    reasons: [],
    differences: [],
    seal: 'valid',
    problems: [],
    templateProblems: [],
    assessment: { total: 1, criteria: [] },
    ...at,
  }) as unknown as SubmissionResult;

describe('parseDeadline', () => {
  test('a day lasts to 23:59:59.999 in Vietnam, 16:59:59.999 UTC; a time to the end of its minute', () => {
    expect(deadline('30/11/2025')).toEqual({
      at: Date.UTC(2025, 10, 30, 16, 59, 59, 999),
      text: { vi: 'hết ngày 30/11/2025', en: 'the end of 30/11/2025' },
    });
    expect(deadline('1/12/2025 8:05')).toEqual({
      at: Date.UTC(2025, 11, 1, 1, 5, 59, 999),
      text: { vi: '08:05 ngày 01/12/2025', en: '08:05 on 01/12/2025' },
    });
  });

  test('what is not a day of the calendar or a time of day is refused', () => {
    for (const s of ['31/11/2025', '29/02/2025', '2025-11-30', '30/11/25', '30/11/2025 24:00', '30/11/2025 10:60', ''])
      expect([s, 'error' in parseDeadline(s)]).toEqual([s, true]);
    expect('error' in parseDeadline('29/02/2024')).toBe(false);
  });

  test('property: signed on the day or before, in Vietnam, is in time; on a later day, late', () => {
    const day = deadline('30/11/2025');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 10, 28), max: Date.UTC(2025, 11, 3) }), (ms) => {
        const vietnam = new Date(ms + 7 * 3600_000);
        const onOrBefore = vietnam.getUTCMonth() === 10 && vietnam.getUTCDate() <= 30;
        const note = deadlineNote(submission('x', 'X', { signedAt: new Date(ms).toISOString() }), day);
        return onOrBefore ? note === undefined : note?.late === true;
      }),
    );
  });
});

describe('deadlineNote', () => {
  const day = deadline('30/11/2025');

  test('the attested time counts before the claim, either way', () => {
    const claimedInTime = submission('a', 'A', {
      signedAt: '2025-11-30T03:00:00Z',
      attestedAt: '2025-12-01T02:00:00Z',
    });
    expect(deadlineNote(claimedInTime, day)).toEqual({
      late: true,
      note: {
        vi: 'Nộp muộn: ký lúc 01/12/2025 09:00 (dấu thời gian) sau hạn hết ngày 30/11/2025',
        en: 'Late: signed at 01/12/2025 09:00 (timestamped), after the deadline (the end of 30/11/2025)',
      },
    });
    const claimedLate = submission('b', 'B', { signedAt: '2025-12-02T03:00:00Z', attestedAt: '2025-11-30T02:00:00Z' });
    expect(deadlineNote(claimedLate, day)).toBeUndefined();
  });

  test('unsigned, or a signature without a time: cannot be checked', () => {
    const note = 'Không có thời điểm ký số: không đối chiếu được với hạn nộp';
    expect(deadlineNote(submission('u', 'U', {}, 'unsigned'), day)?.note.vi).toBe(note);
    expect(deadlineNote(submission('v', 'V', { signedAt: null }), day)).toEqual({
      late: false,
      note: expect.anything(),
    });
  });
});

describe('holdToDeadline', () => {
  const hue = getRubric('hue-2263-2023');
  const day = deadline('30/11/2025');
  const batch = [
    submission('a-1.xlsx', 'Phường An Cựu', { signedAt: '2025-11-29T08:00:00Z' }),
    submission('a-2.xlsx', 'Phường An Cựu', { signedAt: '2025-12-01T08:00:00Z' }),
    submission('b.xlsx', 'Phường Vĩnh Ninh', { signedAt: '2025-11-30T16:59:59Z' }),
    submission('u.xlsx', 'Xã Phú Mậu', {}, 'unsigned'),
  ];

  test('late → not ranked; a unit’s late second file does not displace its file sent in time', () => {
    const held = holdToDeadline(batch, day);
    expect(held.late.map((s) => s.file)).toEqual(['a-2.xlsx']);
    const { results, report } = checkSubmitted(held.results, undefined);
    expect(report.duplicates).toEqual([{ unit: 'Phường An Cựu', counted: 'a-1.xlsx', others: ['a-2.xlsx'] }]);
    const rows = rankSubmissions(hue, results);
    const of = (f: string) => rows.find((r) => r.submission.file === f)!;
    expect(of('a-1.xlsx').rank).not.toBeNull();
    expect(of('b.xlsx').rank).not.toBeNull();
    expect(of('a-2.xlsx').unranked.map((x) => x.vi)).toEqual([
      'Nộp muộn: ký lúc 01/12/2025 15:00 (người ký tự khai) sau hạn hết ngày 30/11/2025',
      'Nộp trùng: bản được tính là a-1.xlsx',
    ]);
    expect(of('u.xlsx').unranked.map((x) => x.vi)).toEqual([
      'Chưa ký số',
      'Không có thời điểm ký số: không đối chiếu được với hạn nộp',
    ]);
  });

  test('acceptLate: the late file ranked with the mark among its problems, and then, the newer, it counts', () => {
    const held = holdToDeadline(batch, day, { acceptLate: true, lang: 'en' });
    const late = held.results.find((s) => s.file === 'a-2.xlsx')!;
    expect(late.excluded).toBeUndefined();
    expect(late.problems).toEqual([
      "Late: signed at 01/12/2025 15:00 (signer's claim), after the deadline (the end of 30/11/2025)",
    ]);
    expect(checkSubmitted(held.results, undefined).report.duplicates[0].counted).toBe('a-2.xlsx');
  });

  test('no deadline: nothing changes', () => {
    expect(holdToDeadline(batch, undefined)).toEqual({ results: batch, late: [] });
  });
});

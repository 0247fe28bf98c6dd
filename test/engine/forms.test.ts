/**
 * Entries as officers make them, over every criterion of every rubric and unit type: each form
 * whose meaning is plain gives the same result as its canonical form; "Không áp dụng" and its
 * short forms are read alike, allowed where the decision allows it and refused by name elsewhere;
 * what cannot be read is refused with a message quoting the entry and saying what is expected;
 * nothing throws, and a blank is never points or a level.
 *
 * The hand-worked cases at the end take their numbers from the decisions' scoring rules.
 */
import { criteriaFor, inputSlots, scoreCriterion, shown, type RawValue, type Slot } from '../../src/engine';
import { allRubrics, getRubric, type Criterion, type Rubric, type UnitId } from '../../src/rubrics';

const YEAR = 2025;

/** The context a criterion needs: a unit name on its list, the assessment year. */
function contextFor(rubric: Rubric, c: Criterion) {
  const list = c.onlyFor && rubric.lists[c.onlyFor.list];
  return { year: YEAR, unitName: list ? list.names[0].name : undefined };
}

const score = (rubric: Rubric, unit: UnitId, c: Criterion, raw: RawValue) =>
  scoreCriterion(rubric, unit, c, raw, contextFor(rubric, c));
const outcome = (r: ReturnType<typeof score>) => ({ status: r.status, points: r.points, level: r.level });

/** Leading words of `label` that no other label starts with ("Người đứng đầu" of "Người đứng đầu (Chủ tịch …)"). */
function uniqueLeadingWords(label: string, others: string[]): string | undefined {
  const words = label.split(/\s+/);
  for (let n = 1; n < words.length; n++) {
    const prefix = words.slice(0, n).join(' ').toLowerCase();
    if (prefix.length >= 4 && !others.some((o) => o.toLowerCase().startsWith(prefix)))
      return words.slice(0, n).join(' ');
  }
  return undefined;
}

/** Groups of entries that mean the same, for a criterion whose whole entry is one slot or a ratio's cells. */
function equivalentForms(slots: Slot[], max: number | undefined): RawValue[][] {
  const keys = slots
    .map((s) => s.key)
    .sort()
    .join();
  if (keys === 'denominator,numerator,share')
    return [
      [0.62, '62%', '62 %', '0,62', '0.62', { numerator: 31, denominator: 50 }, { share: 0.62 }],
      [1, '100%', { numerator: 40, denominator: 40 }],
      [0, '0%', { numerator: 0, denominator: 25 }],
    ];
  if (slots.length !== 1) return [];
  const [slot] = slots;
  switch (slot.kind) {
    case 'yes-no': {
      const words = slot.words && 'yes' in slot.words ? slot.words : { yes: [], no: [] };
      return [
        [true, 'Có', 'có', ' Có ', 'TRUE', ...words.yes.map((w) => w.vi)],
        [false, 'Không', 'không', 'FALSE', ...words.no.map((w) => w.vi)],
      ];
    }
    case 'choice': {
      const labels = slot.choices!.map((o) => o.label.vi);
      return slot.choices!.map((o) => {
        const lead = uniqueLeadingWords(
          o.label.vi,
          labels.filter((l) => l !== o.label.vi),
        );
        return [o.id, o.label.vi, ` ${o.label.vi.toUpperCase()} `, ...(lead ? [lead] : [])];
      });
    }
    case 'count':
      return [
        [7, '7', ' 7 ', '7,0'],
        [0, '0'],
        [1250, '1.250', '1 250'],
      ];
    case 'points': {
      const half = (max ?? 10) / 2;
      return [[half, String(half), String(half).replace('.', ',')]];
    }
    case 'date':
      // 15/01/2025: serial 45672 in the 1900 date system (1 January 2025 is 45658).
      return [['2025-01-15', '15/01/2025', '15/1/2025', 45672]];
    case 'levels':
      return [['2, 3, 3, 4', [2, 3, 3, 4], '2; 3; 3; 4']];
    default:
      return [];
  }
}

const NOT_APPLICABLE_FORMS = ['Không áp dụng', 'không áp dụng', 'KAD', 'na', 'N/A', 'n/a'];
const UNREADABLE: RawValue[] = ['nhiều lắm', 'abc?', -5];
const HOSTILE: RawValue[] = [
  {},
  [],
  [null],
  [[1, 2]],
  { a: { b: [] } },
  1e308,
  -0,
  '\u0000',
  '1e400',
  { __proto__: null },
  'x'.repeat(5000),
];

const units = allRubrics().flatMap((r) => r.units.map((u) => [r.id, u.id] as const));

describe.each(units)('entries for %s %s', (rubricId, unit) => {
  const rubric = getRubric(rubricId);
  const criteria = criteriaFor(rubric, unit);
  const maxOf = (c: Criterion) => (typeof c.max === 'number' ? c.max : undefined);

  test('each plain form gives the same result as its canonical form', () => {
    let groups = 0;
    for (const c of criteria) {
      for (const group of equivalentForms(inputSlots(rubric, c), maxOf(c))) {
        const canonical = outcome(score(rubric, unit, c, group[0]));
        expect([c.id, group[0], canonical.status]).toEqual([
          c.id,
          group[0],
          expect.stringMatching(/^(ok|not-applicable)$/),
        ]);
        for (const form of group.slice(1))
          expect([c.id, form, outcome(score(rubric, unit, c, form))]).toEqual([c.id, form, canonical]);
        groups++;
      }
    }
    expect(groups).toBeGreaterThan(criteria.length / 2);
  });

  test('"Không áp dụng" and its short forms: the decision’s reason where allowed, a refusal elsewhere', () => {
    for (const c of criteria) {
      const results = NOT_APPLICABLE_FORMS.map((f) => score(rubric, unit, c, f));
      for (const r of results) expect([c.id, outcome(r)]).toEqual([c.id, outcome(results[0])]);
      const r = results[0];
      if (c.allowNotApplicable) {
        expect([c.id, r.status]).toEqual([c.id, 'not-applicable']);
        expect(r.message).toContain(c.allowNotApplicable);
        if (c.rule.kind !== 'levels') expect([r.points, r.max]).toEqual([0, 0]);
      } else {
        expect([c.id, r.status]).toEqual([c.id, 'invalid']);
        expect(r.message).toMatch(/"Không áp dụng" không được phép.*; cần /);
        expect(r.points ?? 0).toBe(0);
      }
    }
  });

  test('what cannot be read is refused, quoting the entry and saying what is expected', () => {
    for (const c of criteria)
      for (const raw of UNREADABLE) {
        const r = score(rubric, unit, c, raw);
        expect([c.id, raw, r.status]).toEqual([c.id, raw, 'invalid']);
        expect([c.id, r.message.includes(typeof raw === 'string' ? shown(raw) : String(raw))]).toEqual([c.id, true]);
        expect(r.message).toMatch(/cần /);
        expect(r.points ?? 0).toBe(0);
        if (c.rule.kind === 'levels') expect(r.level).toBe(0);
      }
  });

  test('no entry throws; a blank is never points, a level or ✓', () => {
    for (const c of criteria) {
      for (const raw of HOSTILE) {
        const r = score(rubric, unit, c, raw);
        expect(['ok', 'missing', 'invalid', 'not-applicable']).toContain(r.status);
        expect(typeof r.message).toBe('string');
      }
      for (const blank of [null, '', '   ', undefined]) {
        const r = score(rubric, unit, c, blank as RawValue);
        expect([c.id, r.status, r.points ?? 0]).toEqual([c.id, 'missing', 0]);
        if (c.rule.kind === 'levels') expect([c.id, r.level]).toEqual([c.id, 0]);
        expect(r.message).toMatch(/^Chưa nhập/);
      }
    }
  });
});

describe('worked by hand from the decisions', () => {
  const points = (rubricId: string, unit: UnitId, id: string, raw: RawValue, year = YEAR) => {
    const rubric = getRubric(rubricId);
    const c = criteriaFor(rubric, unit).find((x) => x.id === id)!;
    const r = scoreCriterion(rubric, unit, c, raw, { year });
    return r.status === 'ok' ? (c.rule.kind === 'levels' ? r.level : r.points) : r.status;
  };

  test('options (2263 I.1.1, 10 points: the head chairs → 10, a deputy → 5, none → 0)', () => {
    for (const form of [
      'head',
      'Người đứng đầu',
      'người đứng đầu (Chủ tịch UBND cấp xã/ Bí thư Đảng ủy cấp xã) làm Trưởng Ban chỉ đạo',
    ])
      expect(points('hue-2263-2023', 'xa', 'I.1.1', form)).toBe(10);
    expect(points('hue-2263-2023', 'xa', 'I.1.1', 'Cấp phó')).toBe(5);
    expect(points('hue-2263-2023', 'xa', 'I.1.1', 'Không thành lập')).toBe(0);
  });

  test('per item (2263 I.2.1: 0,5 a meeting, at most 2)', () => {
    expect(points('hue-2263-2023', 'xa', 'I.2.1', 3)).toBe(1.5);
    expect(points('hue-2263-2023', 'xa', 'I.2.1', '3')).toBe(1.5);
    expect(points('hue-2263-2023', 'xa', 'I.2.1', 6)).toBe(2);
    expect(points('hue-2263-2023', 'xa', 'I.2.1', 'KAD')).toBe('not-applicable');
  });

  test('additive (2263 I.2.2: 1 for the meeting, 1 more when the head chairs it)', () => {
    expect(points('hue-2263-2023', 'xa', 'I.2.2', { organised: true, chairedByHead: true })).toBe(2);
    expect(points('hue-2263-2023', 'xa', 'I.2.2', { organised: 'Có', chairedByHead: 'Không' })).toBe(1);
    expect(points('hue-2263-2023', 'xa', 'I.2.2', { organised: 'Không', chairedByHead: 'Không' })).toBe(0);
  });

  test('count steps (2263 I.4.1, 10 points: 2 articles → 10, 1 → 5)', () => {
    expect([0, 1, 2, 5].map((n) => points('hue-2263-2023', 'xa', 'I.4.1', n))).toEqual([0, 5, 10, 10]);
  });

  test('yes/no in the decision’s words (2263 I.5.1, 4 points)', () => {
    expect(points('hue-2263-2023', 'xa', 'I.5.1', 'Có khởi tạo chuyên mục Chuyển đổi số')).toBe(4);
    expect(points('hue-2263-2023', 'xa', 'I.5.1', 'Không')).toBe(0);
  });

  test('a ratio of counts also takes the share (2263 III.1.1, 3 points: 45 of 60 staff → 2,25)', () => {
    for (const form of [{ numerator: 45, denominator: 60 }, 0.75, '75%', '75 %', '0,75'])
      expect(points('hue-2263-2023', 'xa', 'III.1.1', form)).toBe(2.25);
  });

  test('a count limit (2263 V.3.1, 5 points for no incident), in numbers or the decision’s words', () => {
    expect(points('hue-2263-2023', 'xa', 'V.3.1', 0)).toBe(5);
    expect(points('hue-2263-2023', 'xa', 'V.3.1', 'Không có sự cố xảy ra')).toBe(5);
    expect(points('hue-2263-2023', 'xa', 'V.3.1', 1)).toBe(0);
    expect(points('hue-2263-2023', 'xa', 'V.3.1', 'Có sự cố xảy ra')).toBe(0);
    expect(points('hue-2263-2023', 'xa', 'V.3.1', true)).toBe('invalid');
  });

  test('a deadline (931 II.1, 10 points by 31 January, 5 after)', () => {
    for (const form of ['2025-01-20', '20/01/2025', 45677]) expect(points('hue-931-2024', 'xa', 'II.1', form)).toBe(10);
    expect(points('hue-931-2024', 'xa', 'II.1', '15/03/2025')).toBe(5);
  });

  test('a count target (931 VI.4, 10 points for 6 functions, in proportion below)', () => {
    expect([3, 6, 9].map((n) => points('hue-931-2024', 'xa', 'VI.4', n))).toEqual([5, 10, 10]);
  });

  test('a gate (931 I.9, 20 points in proportion to readers, only with at least 5 bulletins)', () => {
    expect(points('hue-931-2024', 'xa', 'I.9', { bulletins: 6, value: { numerator: 300, denominator: 1000 } })).toBe(6);
    expect(points('hue-931-2024', 'xa', 'I.9', { bulletins: 4, value: { numerator: 300, denominator: 1000 } })).toBe(0);
  });

  test('a ratio either way (Hà Nội 4.3, 5 points: 80 % trained → 4)', () => {
    for (const form of [0.8, '80%', { numerator: 40, denominator: 50 }])
      expect(points('hanoi-5279-2025', 'so', '4.3', form)).toBe(4);
  });

  test('levels (Kon Tum I.2 by share, I.4 by yes, II.4 by count or all of them)', () => {
    for (const form of [0.55, '55%', { numerator: 55, denominator: 100 }])
      expect(points('kontum-121-2025', 'xa', 'I.2', form)).toBe(3);
    // I.4 is not asked at levels 1–2 ("Không áp dụng" columns): "Không" still reaches level 2.
    expect(points('kontum-121-2025', 'xa', 'I.4', 'Có sử dụng hệ thống')).toBe(5);
    expect(points('kontum-121-2025', 'xa', 'I.4', 'Không')).toBe(2);
    // II.4: "Có 1 / 2 / 3 doanh nghiệp … trở lên hoặc 100 %": a plain count, or all of the businesses.
    expect([1, 2, 3].map((n) => points('kontum-121-2025', 'xa', 'II.4', n))).toEqual([3, 4, 5]);
    expect(points('kontum-121-2025', 'xa', 'II.4', { numerator: 2, denominator: 2 })).toBe(5);
  });
});

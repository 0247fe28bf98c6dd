/**
 * Rule kinds the four decisions do not use but other provinces do (best of alternatives, bonus and
 * penalty points, collected zero-point data), and what the schema refuses. Small rubrics written
 * here in the shape a new decision file would have.
 */
import { assess, scoreCriterion } from '../../src/engine';
import { parseRubric, type RubricInput } from '../../src/rubrics';

const base = (criteria: RubricInput['criteria'], expect: { criteria?: number; max?: number } = {}): RubricInput => ({
  id: 'test-1-2026',
  version: '1.0.0',
  kind: 'points',
  title: 'Bộ tiêu chí thử',
  decision: { number: '1/QĐ-UBND', date: '2026-01-05', issuer: 'UBND tỉnh', source: 'test' },
  units: [{ id: 'xa', label: { vi: 'Xã' }, expect }],
  pillars: [{ id: 'I', title: 'Nhận thức số' }],
  criteria,
});

describe('rule kinds beyond the four decisions', () => {
  const rubric = parseRubric(
    base(
      [
        {
          id: 'I.1',
          pillar: 'I',
          title: 'Kế hoạch hoặc chương trình chuyển đổi số',
          units: ['xa'],
          max: 10,
          rule: {
            kind: 'best-of',
            alternatives: [
              {
                id: 'plan',
                label: { vi: 'Kế hoạch ban hành' },
                rule: { kind: 'deadline', tiers: [{ by: '01-31', share: 1 }], lateShare: 0.5 },
              },
              { id: 'staff', label: { vi: 'Tỷ lệ cán bộ tham gia' }, rule: { kind: 'ratio', zeroDenominator: 'zero' } },
            ],
          },
        },
        {
          id: 'I.2',
          pillar: 'I',
          title: 'Sáng kiến chuyển đổi số',
          units: ['xa'],
          max: 5,
          effect: 'bonus',
          rule: { kind: 'per-item', points: 1 },
        },
        {
          id: 'I.3',
          pillar: 'I',
          title: 'Sự cố mất an toàn thông tin',
          units: ['xa'],
          max: 4,
          effect: 'penalty',
          rule: { kind: 'per-item', points: 2 },
        },
        { id: 'I.4', pillar: 'I', title: 'Số dân', units: ['xa'], max: 0, rule: { kind: 'collect', input: 'count' } },
      ],
      { criteria: 1, max: 10 },
    ),
  );
  const one = (id: string, value: unknown) =>
    scoreCriterion(
      rubric,
      'xa',
      rubric.criteria.find((c) => c.id === id)!,
      value,
      { year: 2026 },
    );

  test('best of alternatives: a late plan (50% = 5) loses to 80% of staff (8)', () => {
    expect(one('I.1', { plan: '2026-03-02', staff: 0.8 }).points).toBe(8);
    expect(one('I.1', { plan: '2026-01-10', staff: 0.8 }).points).toBe(10);
    expect(one('I.1', { plan: '2026-03-02' }).points).toBe(5);
    expect(one('I.1', { staff: 2 }).status).toBe('invalid');
  });

  test('bonus adds and penalty subtracts outside the max; collected data scores nothing but is kept', () => {
    const r = assess(rubric, {
      unit: 'xa',
      year: 2026,
      values: { 'I.1': { staff: 0.5 }, 'I.2': 7, 'I.3': 1, 'I.4': 5230 },
    });
    // 5 (ratio) + 5 (bonus, 7 items capped at 5) − 2 (one incident × 2) = 8, out of the 10 scored points.
    expect(r.total).toBe(8);
    expect(r.max).toBe(10);
    expect(r.criteria.find((c) => c.id === 'I.4')).toMatchObject({ status: 'ok', points: 0, max: 0 });
    expect(r.problems).toEqual([]);
  });
});

describe('the schema refuses data that contradicts the decision', () => {
  const criterion = {
    id: 'I.1',
    pillar: 'I',
    title: 'A',
    units: ['xa' as const],
    max: 10,
    rule: { kind: 'boolean' as const },
  };

  test('a total that differs from the declared one names both numbers', () => {
    expect(() => parseRubric(base([criterion], { max: 20 }))).toThrow(
      /criteria add up to 10 points, the decision declares 20/,
    );
  });

  test('a criterion count that differs from the declared one', () => {
    expect(() => parseRubric(base([criterion], { criteria: 2 }))).toThrow(/1 scored criteria, the decision declares 2/);
  });

  test('duplicate ids within a unit, ids outside their pillar, unknown pillars', () => {
    expect(() => parseRubric(base([criterion, criterion]))).toThrow(/duplicate criterion I.1 for xa/);
    expect(() => parseRubric(base([{ ...criterion, id: 'II.1' }]))).toThrow(/must start with its pillar/);
    expect(() => parseRubric(base([{ ...criterion, id: 'II.1', pillar: 'II' }]))).toThrow(/no pillar II for unit xa/);
  });

  test('additive parts must add up to the max', () => {
    const additive = {
      ...criterion,
      rule: {
        kind: 'additive' as const,
        parts: [
          { id: 'a', label: { vi: 'A' }, points: 1 },
          { id: 'b', label: { vi: 'B' }, points: 1 },
        ],
      },
    };
    expect(() => parseRubric(base([additive]))).toThrow(/parts sum to 2, max is 10/);
  });

  test('a reading option must have a rule for every choice', () => {
    const data = base([
      { ...criterion, rule: { kind: 'by-option', option: 'reading', rules: { a: { kind: 'boolean' } } } },
    ]);
    data.options = [
      {
        id: 'reading',
        title: { vi: 'Cách đọc' },
        source: 'từ ngữ gốc',
        default: 'a',
        choices: [
          { id: 'a', label: { vi: 'A' } },
          { id: 'b', label: { vi: 'B' } },
        ],
      },
    ];
    expect(() => parseRubric(data)).toThrow(/no rule for option choice b/);
  });

  test('a level rubric needs one threshold per level', () => {
    const data = base([
      {
        id: 'I.1',
        pillar: 'I',
        title: 'A',
        units: ['xa'],
        rule: { kind: 'levels', measure: 'yes', thresholds: [null, { type: 'yes' }] },
      },
    ]);
    data.kind = 'levels';
    data.levels = [1, 2, 3].map((n) => ({ number: n, name: { vi: `Mức ${n}` } }));
    expect(() => parseRubric(data)).toThrow(/2 thresholds for 3 levels/);
  });
});

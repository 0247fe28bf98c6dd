/**
 * Hà Nội 5279/QĐ-UBND (seed 004). Points only; scoring guidance is issued separately, so a
 * "Tỷ lệ …" indicator scores ratio × max and every other indicator takes the unit's own points,
 * capped at its max (issue #2 §5).
 */
import { criterionMax, getRubric } from '../../src/rubrics';
import { criteriaFor } from '../../src/engine';
import { assessIn, score } from '../support/scoring';

const R = 'hanoi-5279-2025';

describe('Hà Nội 5279: totals declared in Phụ lục III and IV', () => {
  test('departments: 34 indicators, 350 points in 9 groups as printed', () => {
    const so = criteriaFor(getRubric(R), 'so');
    expect(so).toHaveLength(34);
    // "Nhận thức số (3 chỉ số) 15 … Mức độ hoàn thành Kế hoạch … (2 chỉ số) 100"
    const byGroup = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((g) =>
      so.filter((c) => c.pillar === g).reduce((s, c) => s + criterionMax(c, 'so'), 0),
    );
    expect(byGroup).toEqual([15, 35, 20, 15, 30, 100, 20, 15, 100]);
    expect(so.filter((c) => c.pillar === '6')).toHaveLength(11);
  });

  test('communes: 47 indicators, 300 points in 8 groups', () => {
    const xa = criteriaFor(getRubric(R), 'xa');
    expect(xa).toHaveLength(47);
    const byGroup = ['1', '2', '3', '4', '5', '6', '7', '8'].map((g) =>
      xa.filter((c) => c.pillar === g).reduce((s, c) => s + criterionMax(c, 'xa'), 0),
    );
    expect(byGroup).toEqual([25, 30, 35, 30, 30, 80, 30, 40]);
  });

  test('Stt 27 of Phụ lục IV is indicator 6.4 (20 points)', () => {
    const c = criteriaFor(getRubric(R), 'xa').find((x) => x.id === '6.4')!;
    expect(c.title).toMatch(/^Tỷ lệ văn bản, hồ sơ công việc/);
    expect(criterionMax(c, 'xa')).toBe(20);
  });
});

describe('Hà Nội 5279: scoring', () => {
  test('"Tỷ lệ …" scores ratio × max: 90% of the 20-point commune indicator 6.4 is 18', () => {
    expect(score(R, 'xa', '6.4', 0.9).points).toBe(18);
  });

  test('ratio from counts: 45 of 60 staff trained (department 4.3, 5 points) is 3.75', () => {
    expect(score(R, 'so', '4.3', { numerator: 45, denominator: 60 }).points).toBe(3.75);
  });

  test('other indicators take the self-awarded points, capped at max with a warning', () => {
    const capped = score(R, 'so', '9.1', 60); // "Mức độ hoàn thành các chỉ tiêu được giao" — 50 points
    expect(capped.points).toBe(50);
    expect(capped.warnings.join(' ')).toMatch(/vượt điểm tối đa/);
    expect(score(R, 'so', '9.1', 42.5).points).toBe(42.5);
    expect(score(R, 'so', '9.1', -1).status).toBe('invalid');
  });

  test('7.1 applies only to the 8 departments of Phụ lục II; the others are scored out of 330', () => {
    const full = (unitName: string) =>
      assessIn(R, {
        unit: 'so',
        unitName,
        values: Object.fromEntries(
          criteriaFor(getRubric(R), 'so').map((c) => [c.id, c.rule.kind === 'ratio' ? 1 : criterionMax(c, 'so')]),
        ),
      });
    const industry = full('Sở Công thương'); // Phụ lục I spelling of "Sở Công Thương"
    expect(industry.max).toBe(350);
    expect(industry.total).toBe(350);
    const justice = full('Sở Tư pháp');
    expect(justice.max).toBe(330);
    expect(justice.total).toBe(330);
    expect(justice.percent).toBe(100);
    expect(justice.criteria.find((c) => c.id === '7.1')!.status).toBe('not-applicable');
  });

  test('without a unit name, 7.1 is not counted and the problem says so', () => {
    const r = assessIn(R, { unit: 'so', values: {} });
    expect(r.max).toBe(330);
    expect(r.problems.find((p) => p.code === 'unit-name')?.message).toContain('7.1');
  });

  test('zero denominators follow the rubric: "(nếu có)" OCOP products are not applicable', () => {
    expect(score(R, 'xa', '7.5', { numerator: 0, denominator: 0 }).status).toBe('not-applicable');
  });
});

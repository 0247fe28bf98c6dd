/**
 * Hà Nội 5279/QĐ-UBND (seed 004). Points only; scoring guidance is issued separately, so a
 * "Tỷ lệ …" indicator scores ratio × max and every other indicator takes the unit's own points,
 * capped at its max (issue #2 §5).
 */
import { criterionMax, getRubric } from '../../src/rubrics';
import { criteriaFor, matchUnitName } from '../../src/engine';
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

describe('Hà Nội 5279: the units named in Phụ lục I and II', () => {
  // "I Các Sở và cơ quan tương đương Sở", as printed (Phụ lục I).
  const PHU_LUC_I = [
    'Văn phòng UBND Thành phố',
    'Sở Công thương',
    'Sở Dân tộc và Tôn giáo',
    'Sở Du lịch',
    'Sở Giáo dục và Đào tạo',
    'Sở Khoa học Công nghệ',
    'Sở Nội vụ',
    'Sở Nông nghiệp và Môi trường',
    'Sở Quy hoạch Kiến trúc',
    'Sở Tài chính',
    'Sở Tư pháp',
    'Sở Văn hóa và Thể thao',
    'Sở Xây dựng',
    'Sở Y tế',
    'Thanh tra Thành phố',
    'Ban Quản lý Khu Công nghệ cao và Khu Công nghiệp Hà Nội',
    'Trung tâm Phục vụ Hành chính công Thành phố',
  ];
  // "CÁC CƠ QUAN, ĐƠN VỊ ĐƯỢC GIAO NHIỆM VỤ PHÁT TRIỂN KINH TẾ SỐ …" (Phụ lục II), as printed.
  const PHU_LUC_II = [
    'Sở Công Thương',
    'Sở Giáo dục và Đào tạo',
    'Sở Nội vụ',
    'Sở Nông nghiệp và Môi trường',
    'Sở Khoa học và Công nghệ',
    'Sở Văn hóa và Thể thao',
    'Sở Y tế',
    'Sở Du lịch',
  ];

  test('departments choose their name from Phụ lục I; communes ("126 xã, phường") have no list', () => {
    const units = getRubric(R).units;
    expect(units.find((u) => u.id === 'so')!.names).toBe('phu-luc-i-so');
    expect(units.find((u) => u.id === 'xa')!.names).toBeUndefined();
  });

  test('every name is spelled exactly as in the decision, in its order', () => {
    const lists = getRubric(R).lists;
    expect(lists['phu-luc-i-so'].names.map((n) => n.name)).toEqual(PHU_LUC_I);
    expect(lists['phu-luc-ii'].names.map((n) => n.name)).toEqual(PHU_LUC_II);
    for (const name of [...PHU_LUC_I, ...PHU_LUC_II]) expect(name).toBe(name.normalize('NFC'));
  });

  test.each([
    ['Sở Công Thương', 'Sở Công thương'], // Phụ lục II spelling
    ['Sở Khoa học và Công nghệ', 'Sở Khoa học Công nghệ'], // Phụ lục II spelling
    ['Văn phòng UBND thành phố Hà Nội', 'Văn phòng UBND Thành phố'],
    ['Văn phòng Ủy ban nhân dân Thành phố', 'Văn phòng UBND Thành phố'],
    ['VPUB', 'Văn phòng UBND Thành phố'],
    ['Thanh tra thành phố Hà Nội', 'Thanh tra Thành phố'],
    ['Trung tâm Phục vụ Hành chính công thành phố Hà Nội', 'Trung tâm Phục vụ Hành chính công Thành phố'],
    [
      'Ban Quản lý các Khu Công nghệ cao và Khu Công nghiệp Hà Nội',
      'Ban Quản lý Khu Công nghệ cao và Khu Công nghiệp Hà Nội',
    ],
    ['Sở Tư pháp thành phố Hà Nội', 'Sở Tư pháp'],
  ])('"%s" is the Phụ lục I unit "%s"', (written, official) => {
    expect(matchUnitName(getRubric(R), 'phu-luc-i-so', written)).toBe(official);
  });

  test('"Sở Khoa học Công nghệ" (Phụ lục I spelling) is on Phụ lục II', () => {
    expect(matchUnitName(getRubric(R), 'phu-luc-ii', 'Sở Khoa học Công nghệ')).toBe('Sở Khoa học và Công nghệ');
    expect(matchUnitName(getRubric(R), 'phu-luc-ii', 'Sở Tư pháp')).toBeUndefined();
  });
});

describe('Hà Nội 5279: zero denominators, which the decision does not address', () => {
  const ratios = () =>
    getRubric(R).criteria.filter(
      (c): c is typeof c & { rule: { kind: 'ratio'; zeroDenominator: string } } => c.rule.kind === 'ratio',
    );

  test('a zero-denominator override option: each indicator’s reading by default', () => {
    const o = getRubric(R).options.find((x) => x.overrides === 'zeroDenominator')!;
    expect(o.id).toBe('zero-denominator');
    expect(o.default).toBe('as-read');
    expect(o.choices.map((c) => c.id).sort()).toEqual(['as-read', 'full', 'not-applicable', 'zero']);
    // "hướng dẫn chấm điểm đối với từng chỉ số, chỉ số thành phần" is left to a later guidance.
    expect(o.source).toContain('hướng dẫn chấm điểm đối với từng chỉ số');
  });

  test('every ratio indicator records why its zero denominator reads as it does', () => {
    for (const c of ratios())
      expect([
        c.units[0],
        c.id,
        c.readings?.some((r) => /zero denominator|zeroDenominator|not applicable/.test(r.text)) ?? false,
      ]).toEqual([c.units[0], c.id, true]);
  });

  test('the override applies to every ratio indicator (needs engine support)', () => {
    const none = { numerator: 0, denominator: 0 };
    expect(score(R, 'xa', '6.4', none).points).toBe(0);
    expect(score(R, 'xa', '6.4', none, { options: { 'zero-denominator': 'full' } }).points).toBe(20);
    expect(score(R, 'xa', '6.4', none, { options: { 'zero-denominator': 'not-applicable' } }).status).toBe(
      'not-applicable',
    );
    expect(score(R, 'xa', '7.5', none, { options: { 'zero-denominator': 'zero' } }).points).toBe(0);
    expect(score(R, 'xa', '6.4', 0.9, { options: { 'zero-denominator': 'zero' } }).points).toBe(18);
  });
});

/**
 * Kon Tum 121/QĐ-UBND (seed 003): five maturity levels, commune (Phụ lục 01) and district
 * (Phụ lục 02) tables. Thresholds quoted from the level columns
 * "1.Khởi động 2.Kết nối 3.Cơ bản 4.Nâng cao 5.Toàn diện".
 */
import { criteriaFor } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { assessIn, score } from '../support/scoring';

const R = 'kontum-121-2025';
const level = (unit: 'xa' | 'huyen', id: string, value: unknown) => score(R, unit, id, value).level;

describe('Kon Tum 121: structure declared in section II.1', () => {
  test('commune: 38 criteria = 24 Chính quyền số + 5 Kinh tế số + 9 Xã hội số', () => {
    const xa = criteriaFor(getRubric(R), 'xa');
    expect(xa).toHaveLength(38);
    expect(['I', 'II', 'III'].map((p) => xa.filter((c) => c.pillar === p).length)).toEqual([24, 5, 9]);
  });

  test('district: 33 criteria = 1 chung + 22 Chính quyền số + 6 Kinh tế số + 4 Xã hội số', () => {
    const huyen = criteriaFor(getRubric(R), 'huyen');
    expect(huyen).toHaveLength(33);
    expect(['I', 'II', 'III', 'IV'].map((p) => huyen.filter((c) => c.pillar === p).length)).toEqual([1, 22, 6, 4]);
  });

  test('five levels named as in the decision', () => {
    expect(getRubric(R).levels!.map((l) => l.name.vi)).toEqual([
      'Khởi động',
      'Kết nối',
      'Cơ bản',
      'Nâng cao',
      'Toàn diện',
    ]);
  });
});

describe('Kon Tum 121: a criterion’s own level', () => {
  test('≥ % thresholds — commune I.1 online public services "50% 60% 70% 100% 100%"', () => {
    expect(level('xa', 'I.1', 0.49)).toBe(0);
    expect(level('xa', 'I.1', 0.5)).toBe(1);
    expect(level('xa', 'I.1', 0.75)).toBe(3);
    expect(level('xa', 'I.1', 1)).toBe(5);
    expect(level('xa', 'I.1', '60%')).toBe(2);
  });

  test('"Không áp dụng" sets no requirement — commune I.4 "Không áp dụng, Không áp dụng, Có sử dụng hệ thống ×3"', () => {
    expect(level('xa', 'I.4', false)).toBe(2);
    expect(level('xa', 'I.4', 'Có')).toBe(5);
  });

  test('count thresholds — commune I.7 "Tối thiểu 01 nhân sự" ×4, "Tối thiểu 02 nhân sự"', () => {
    expect([0, 1, 2].map((n) => level('xa', 'I.7', n))).toEqual([0, 4, 5]);
  });

  test('"Có 3 doanh nghiệp, hợp tác xã trở lên hoặc 100%" — commune II.4', () => {
    expect(level('xa', 'II.4', { numerator: 1, denominator: 10 })).toBe(3);
    expect(level('xa', 'II.4', { numerator: 2, denominator: 10 })).toBe(4);
    expect(level('xa', 'II.4', { numerator: 3, denominator: 10 })).toBe(5);
    expect(level('xa', 'II.4', { numerator: 2, denominator: 2 })).toBe(5); // 100% of two
  });
});

describe('Kon Tum 121: district criterion I.1 from its communes’ levels', () => {
  // Level 1: "100% xã … đạt mức khởi động"; level L: "100% … từ mức L−1 trở lên, trong đó tối thiểu 50% đạt mức L".
  test.each([
    [[1, 1, 2, 2, 2, 3], 2], // all ≥ 1, 4/6 ≥ 2; not all ≥ 2
    [[2, 2, 3, 3, 3, 3], 3], // all ≥ 2, 4/6 ≥ 3; not all ≥ 3
    [[0, 5, 5], 0], // one commune below level 1
    [[3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4], 4], // all ≥ 3, 8/13 ≥ 4
    [[3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4], 3], // 6/13 = 46% < 50% at level 4
    [[4, 5], 5], // all ≥ 4, 1/2 = 50% at level 5
  ])('communes at %j → level %i', (communes, expected) => {
    expect(level('huyen', 'I.1', communes)).toBe(expected);
  });
});

describe('Kon Tum 121: the unit’s level and what is missing for the next', () => {
  /** Every commune criterion at its level-L threshold (the decision's level-L column). */
  function atLevel(L: number): Record<string, unknown> {
    return Object.fromEntries(
      criteriaFor(getRubric(R), 'xa').map((c) => {
        if (c.rule.kind !== 'levels') throw new Error('level rule expected');
        const th = c.rule.thresholds[L - 1];
        const cond = th && 'anyOf' in th ? th.anyOf[0] : th;
        const v =
          cond === null
            ? c.rule.measure === 'yes'
              ? false
              : c.rule.measure === 'count-of-total'
                ? { numerator: 0, denominator: 10 }
                : 0
            : cond.type === 'min-ratio'
              ? cond.value
              : cond.type === 'max-ratio'
                ? cond.value
                : cond.type === 'min-count'
                  ? c.rule.measure === 'count-of-total'
                    ? { numerator: cond.value, denominator: 10 }
                    : cond.value
                  : cond.type === 'yes'
                    ? true
                    : [L];
        return [c.id, v];
      }),
    );
  }

  test('a commune meeting every level-3 threshold is at level 3, and level 4 lists exactly what falls short', () => {
    const r = assessIn(R, { unit: 'xa', values: atLevel(3) });
    expect(r.level).toEqual({ number: 3, name: 'Cơ bản' });
    expect(r.nextLevel!.number).toBe(4);
    const i1 = r.nextLevel!.shortfalls.find((s) => s.criterion === 'I.1')!;
    // I.1 at 70% needs 100% for level 4: 30 percentage points short.
    expect(i1.required).toBe('tỷ lệ ≥ 100%');
    expect(i1.gap).toBe(30);
    // I.5 (virtual assistant) is "Không áp dụng" up to level 3 and "Có triển khai nền tảng" at 4.
    expect(r.nextLevel!.shortfalls.find((s) => s.criterion === 'I.5')!.required).toBe('Có');
    // Criteria whose level-4 threshold equals their level-3 one are not listed.
    expect(r.nextLevel!.shortfalls.find((s) => s.criterion === 'I.4')).toBeUndefined();
    expect(r.total).toBeNull();
    expect(r.max).toBeNull();
  });

  test('one criterion below level 1 keeps the unit at 0 and is the only shortfall for level 1', () => {
    const values = { ...atLevel(5), 'I.1': 0.3 };
    const r = assessIn(R, { unit: 'xa', values });
    expect(r.level!.number).toBe(0);
    expect(r.nextLevel!.shortfalls.map((s) => s.criterion)).toEqual(['I.1']);
    expect(r.nextLevel!.shortfalls[0].gap).toBe(20); // 30% → 50%
  });

  test('every criterion at level 5 → level 5, no next level', () => {
    const r = assessIn(R, { unit: 'xa', values: atLevel(5) });
    expect(r.level).toEqual({ number: 5, name: 'Toàn diện' });
    expect(r.nextLevel).toBeNull();
    expect(r.pillars.every((p) => p.level === 5)).toBe(true);
  });

  test('missing values do not meet a requirement and are listed as problems', () => {
    const r = assessIn(R, { unit: 'huyen', values: { 'I.1': [2, 2, 3] } });
    expect(r.level!.number).toBe(0);
    expect(r.problems.filter((p) => p.code === 'missing-value')).toHaveLength(32);
    expect(r.nextLevel!.shortfalls.find((s) => s.criterion === 'II.1')!.shortfall).toBe('chưa nhập');
  });
});

describe('Kon Tum 121: what is counted, from "Phương pháp tính"', () => {
  const criterion = (unit: 'xa' | 'huyen', id: string) => {
    const c = criteriaFor(getRubric(R), unit).find((x) => x.id === id)!;
    if (c.rule.kind !== 'levels') throw new Error('level rule expected');
    return { c, rule: c.rule };
  };

  test('commune II.4 "Có 1 / 2 / 3 doanh nghiệp, hợp tác xã … hoặc 100%": businesses applying it over all on the territory', () => {
    const { rule } = criterion('xa', 'II.4');
    expect(rule.measure).toBe('count-of-total');
    expect(rule.numeratorLabel?.vi).toMatch(/doanh nghiệp, hợp tác xã có ứng dụng công nghệ số/);
    expect(rule.denominatorLabel?.vi).toMatch(/^Tổng số doanh nghiệp, hợp tác xã trên địa bàn/);
    // The total is only needed for the 100% alternative of level 5.
    expect(rule.denominatorLabel?.vi).toMatch(/100%/);
    expect(rule.numeratorLabel?.en).toBeTruthy();
    expect(rule.denominatorLabel?.en).toBeTruthy();
  });

  test.each([
    // "Tỷ lệ phần trăm của số văn bản được xử lý trên phần mềm quản lý văn bản và điều hành trên tổng số văn bản đến và đi của cơ quan cấp xã."
    [
      'xa',
      'I.3',
      'Số văn bản được xử lý trên phần mềm quản lý văn bản và điều hành',
      'Tổng số văn bản đến và đi của cơ quan cấp xã',
    ],
    // "… trên tổng số cán bộ, công chức của địa phương cấp xã tại thời điểm đánh giá."
    ['xa', 'I.6', undefined, 'Tổng số cán bộ, công chức của địa phương cấp xã tại thời điểm đánh giá'],
    [
      'xa',
      'III.2',
      'Số hộ gia đình được phủ mạng Internet băng rộng cáp quang',
      'Tổng số hộ gia đình tại địa phương cấp xã',
    ],
    [
      'xa',
      'III.1',
      'Dân số trưởng thành từ 15 tuổi trở lên có điện thoại thông minh',
      'Tổng dân số từ 15 tuổi trở lên tại địa phương cấp xã',
    ],
    ['huyen', 'III.5', undefined, 'Tổng số sản phẩm chủ lực, đặc trưng, OCOP của địa phương cấp huyện'],
    [
      'huyen',
      'IV.1',
      'Số Tổ công nghệ số cộng đồng được thành lập và đi vào hoạt động',
      'Tổng số xã, phường, thị trấn và thôn, bản, tổ dân phố của địa phương cấp huyện',
    ],
  ] as const)('%s %s names its numerator and denominator as the decision does', (unit, id, numerator, denominator) => {
    const { rule } = criterion(unit, id);
    if (numerator) expect(rule.numeratorLabel?.vi).toBe(numerator);
    else expect(rule.numeratorLabel?.vi).toBeTruthy();
    expect(rule.denominatorLabel?.vi).toBe(denominator);
  });

  test('every ratio whose "Phương pháp tính" reads "Tỷ lệ phần trăm … trên tổng …" has both labels; the others none', () => {
    for (const unit of ['xa', 'huyen'] as const)
      for (const c of criteriaFor(getRubric(R), unit)) {
        if (c.rule.kind !== 'levels' || c.rule.measure !== 'ratio') continue;
        const named = /^Tỷ lệ phần trăm .* trên tổng /.test(c.guidance ?? '');
        expect([c.id, Boolean(c.rule.numeratorLabel), Boolean(c.rule.denominatorLabel)]).toEqual([c.id, named, named]);
      }
    // I.1 names only its data source ("Cổng dịch vụ công cấp tỉnh."), so no labels are invented.
    expect(criterion('xa', 'I.1').rule.numeratorLabel).toBeUndefined();
    expect(criterion('huyen', 'II.2').rule.denominatorLabel).toBeUndefined();
  });
});

describe('Kon Tum 121: "(nếu có)" OCOP products may be declared not applicable', () => {
  const find = (unit: 'xa' | 'huyen', id: string) => criteriaFor(getRubric(R), unit).find((x) => x.id === id)!;

  test('commune II.3 and district III.5 carry the "(nếu có)" words and a reading of when', () => {
    for (const [unit, id] of [
      ['xa', 'II.3'],
      ['huyen', 'III.5'],
    ] as const) {
      const c = find(unit, id);
      expect(c.allowNotApplicable).toContain('sản phẩm OCOP (nếu có)');
      expect(
        c.readings!.some(
          (r) => /may declare the criterion not applicable/.test(r.text) && r.source.includes('(nếu có)'),
        ),
      ).toBe(true);
    }
  });

  test('"na" holds the unit below no level there, and is still refused where the decision gives no "(nếu có)"', () => {
    const ii3 = score(R, 'xa', 'II.3', 'na');
    expect(ii3.status).toBe('not-applicable');
    expect(ii3.level).toBe(5);
    expect(score(R, 'huyen', 'III.5', 'na').status).toBe('not-applicable');
    expect(score(R, 'xa', 'II.4', 'na').status).toBe('invalid');
    // A commune that has products answers yes/no as before.
    expect(level('xa', 'II.3', 'Có')).toBe(5);
    expect(level('xa', 'II.3', 'Không')).toBe(1);
  });
});

/**
 * Thừa Thiên Huế 2263/QĐ-UBND, Phụ lục 3 (seed 001), commune level, 600 points. Each expectation
 * is worked out by hand from the quoted decision words.
 */
import { criteriaFor } from '../../src/engine';
import { criterionMax, getRubric, type PointRule } from '../../src/rubrics';
import { assessIn, score } from '../support/scoring';

const R = 'hue-2263-2023';
const points = (id: string, value: unknown, options?: Record<string, string>) =>
  score(R, 'xa', id, value, { options }).points;

describe('Huế 2263: declared totals', () => {
  test('8 pillars 90/25/90/45/25/165/40/120 = 600, 79 sub-criteria', () => {
    const xa = criteriaFor(getRubric(R), 'xa');
    const byPillar = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'].map((p) =>
      xa.filter((c) => c.pillar === p).reduce((s, c) => s + criterionMax(c, 'xa'), 0),
    );
    expect(byPillar).toEqual([90, 25, 90, 45, 25, 165, 40, 120]);
    expect(xa).toHaveLength(79);
  });

  test('ids are number paths as printed and carry their deadline ("Thời gian hoàn thành")', () => {
    const c = getRubric(R).criteria.find((x) => x.id === 'I.2.3')!;
    expect(c.title).toBe('Tổ chức phiên họp BCĐ CĐS của địa phương Quý 2');
    expect(c.parent).toBe('I.2');
    expect(c.deadline?.by).toBe('06-30'); // "30.6"
  });

  test('I.1.1 asks for a signed decision ("File điện tử có ký số Quyết định thành lập")', () => {
    expect(getRubric(R).criteria.find((x) => x.id === 'I.1.1')!.evidence?.signed).toBe(true);
  });
});

describe('Huế 2263: rule kinds on the decision’s own examples', () => {
  test('role tiers — I.1.1 (10 points): head = 100%, deputy = 50%', () => {
    // "Người đứng đầu đơn vị làm Trưởng Ban chỉ đạo thì đạt 100% tiêu chí - Cấp Phó … thì đạt 50%"
    expect(points('I.1.1', 'head')).toBe(10);
    expect(points('I.1.1', 'deputy')).toBe(5);
    expect(points('I.1.1', 'none')).toBe(0);
  });

  test('points per item with a cap — I.2.1: 0.5 per district meeting attended, 4 meetings = 2 points', () => {
    // "Số lượng cuộc họp tham gia là 4 cuộc cho 4 quý của năm đạt 2 điểm, tham gia 1 cuộc được tính 0,5 điểm"
    expect(points('I.2.1', 1)).toBe(0.5);
    expect(points('I.2.1', 3)).toBe(1.5);
    expect(points('I.2.1', 4)).toBe(2);
    expect(points('I.2.1', 6)).toBe(2);
  });

  test('not applicable where the decision allows it — I.2.1 leaves both points and max', () => {
    // "Các đơn vị không có lãnh đạo đơn vị là thành viên BCĐ CĐS của huyện sẽ không đánh giá tiêu chí này."
    const r = assessIn(R, { unit: 'xa', values: { 'I.2.1': 'na' } });
    expect(r.criteria.find((c) => c.id === 'I.2.1')).toMatchObject({ status: 'not-applicable', points: 0, max: 0 });
    expect(r.max).toBe(598);
    expect(r.pillars.find((p) => p.id === 'I')!.max).toBe(88);
  });

  test('"na" is refused where the decision does not allow it', () => {
    const r = score(R, 'xa', 'I.1.1', 'na');
    expect(r.status).toBe('invalid');
    expect(r.message).toContain('Không áp dụng');
  });

  test('additive sub-conditions — I.2.2: organised = 1 point + chaired by the head = 1 point', () => {
    // "Có tổ chức: đạt 01 điểm - Người đứng đầu đơn vị chủ trì: đạt 01 điểm"
    expect(points('I.2.2', { organised: true, chairedByHead: true })).toBe(2);
    expect(points('I.2.2', { organised: true, chairedByHead: false })).toBe(1);
    // Chairing a meeting that was not held earns nothing, and the officer is told why.
    const odd = score(R, 'xa', 'I.2.2', { organised: false, chairedByHead: true });
    expect(odd.points).toBe(0);
    expect(odd.warnings.join(' ')).toMatch(/chỉ tính khi/);
  });

  test('count steps — I.4.1 (10 points): ≥ 2 articles = 100%, 1 = 50%, 0 = 0', () => {
    // "Tối thiểu 02 tin bài … đạt 100% điểm. - 01 tin bài: 50% điểm; 0 tin bài: 0 điểm"
    expect([0, 1, 2, 5].map((n) => points('I.4.1', n))).toEqual([0, 5, 10, 10]);
  });

  test('proportional count target with a rubric option — I.5.2 (6 points), 1 article a month', () => {
    // "Cập nhật tin bài tối thiểu 1 tin bài/1 tháng đạt 100% điểm (Số tin bài được chấm điểm theo tỷ lệ % quy đổi)"
    // Default reading: months to the 31.10 deadline = 10 articles → 7/10 × 6 = 4.2.
    expect(points('I.5.2', 7)).toBe(4.2);
    // The other reading: the whole year = 12 articles → 7/12 × 6 = 3.5.
    expect(points('I.5.2', 7, { 'monthly-news-target': 'full-year' })).toBe(3.5);
    expect(points('I.5.2', 12)).toBe(6);
  });

  test('minimum without partial credit, and the proportional alternative — III.6.1 (10 points)', () => {
    // "Phát sinh và khai thác tối thiểu 5 báo cáo số"
    expect(points('III.6.1', 5)).toBe(10);
    expect(points('III.6.1', 4)).toBe(0);
    expect(points('III.6.1', 4, { 'minimum-shortfall': 'proportional' })).toBe(8);
  });

  test('ratio with a target below 100% — IV.5.1 (5 points): at least 50% trained earns full points', () => {
    // "Tối thiểu 50% người lao động được tập huấn"
    expect(points('IV.5.1', { numerator: 600, denominator: 1000 })).toBe(5);
    // Linear below the target under the proportional reading of "tối thiểu" (30% of 50% × 5 = 3) …
    expect(points('IV.5.1', { numerator: 300, denominator: 1000 }, { 'minimum-shortfall': 'proportional' })).toBe(3);
    // … and nothing below the minimum by default, as for the other "tối thiểu" criteria.
    expect(points('IV.5.1', { numerator: 300, denominator: 1000 })).toBe(0);
    expect(points('IV.5.1', { numerator: 500, denominator: 1000 })).toBe(5);
  });

  test('ratio of counts × max — VI.4.1 (10 points); a zero denominator is not applicable', () => {
    expect(points('VI.4.1', { numerator: 45, denominator: 60 })).toBe(7.5);
    expect(score(R, 'xa', 'VI.4.1', { numerator: 0, denominator: 0 }).status).toBe('not-applicable');
    // The decision counts, but the share the statistics system reports means the same: 75% of 10.
    expect(score(R, 'xa', 'VI.4.1', 0.75).points).toBe(7.5);
    expect(score(R, 'xa', 'VI.4.1', '75%').points).toBe(7.5);
  });

  test('nothing to fix counts as done — V.4.1 (5 points): "Không xảy ra sự cố thì đạt điểm tối đa"', () => {
    expect(points('V.4.1', { numerator: 0, denominator: 0 })).toBe(5);
    expect(points('V.4.1', { numerator: 1, denominator: 2 })).toBe(2.5);
  });

  test('inverse ratio — VI.2.5 (10 points): a 10% complaint rate keeps 90% of the points', () => {
    expect(points('VI.2.5', 0.1)).toBe(9);
    expect(points('VI.2.5', 0)).toBe(10);
  });

  test('a count whose best value is none — V.3.1 (5 points): "Không có sự cố xảy ra"', () => {
    // Needs the engine's count-limit rule: 0 incidents = full points, any incident = 0.
    expect(points('V.3.1', 0)).toBe(5);
    expect(points('V.3.1', 1)).toBe(0);
    expect(points('V.3.1', 3)).toBe(0);
    // The decision's own words are accepted as the count.
    expect(points('V.3.1', 'Không có sự cố xảy ra')).toBe(5);
    expect(points('V.3.1', 'Có sự cố xảy ra')).toBe(0);
  });

  test('per item — VIII.9.1: "Tối đa 10 ý kiến/năm, mỗi ý kiến 1 điểm"', () => {
    expect(points('VIII.9.1', 4)).toBe(4);
    expect(points('VIII.9.1', 13)).toBe(10);
  });

  test('a whole assessment adds pillar by pillar', () => {
    const r = assessIn(R, {
      unit: 'xa',
      values: { 'I.1.1': 'deputy', 'I.4.1': 1, 'II.2.1': 'Có', 'VIII.9.1': 4 },
    });
    // I: 5 + 5 = 10; II: 10; VIII: 4 → 24 of 600.
    expect(r.pillars.find((p) => p.id === 'I')!.points).toBe(10);
    expect(r.pillars.find((p) => p.id === 'II')!.points).toBe(10);
    expect(r.total).toBe(24);
    expect(r.max).toBe(600);
    expect(r.percent).toBe(4);
    expect(r.problems.filter((p) => p.code === 'missing-value')).toHaveLength(75);
  });
});

describe('Huế 2263: "Thông tin chung" and the denominators it gives', () => {
  const rubric = () => getRubric(R);
  const criterion = (id: string) => rubric().criteria.find((c) => c.id === id)!;
  /** The ratio rules of a criterion, by option choice ('' for a plain ratio). */
  const ratios = (id: string): Record<string, Extract<PointRule, { kind: 'ratio' }>> => {
    const rule = criterion(id).rule as PointRule;
    if (rule.kind === 'ratio') return { '': rule };
    if (rule.kind === 'by-option')
      return Object.fromEntries(Object.entries(rule.rules).filter(([, r]) => r.kind === 'ratio')) as Record<
        string,
        Extract<PointRule, { kind: 'ratio' }>
      >;
    return {};
  };

  test('items 2–11 of the form are general items; item 1 (the commune’s name) is not', () => {
    // "2. Địa chỉ liên hệ chính thức … 11. Số lượng thủ tục hành chính"
    const general = rubric().general;
    expect(general.map((g) => g.id)).toEqual([
      'address',
      'website',
      'population',
      'working-age',
      'households',
      'villages',
      'civil-servants',
      'workstations',
      'dt-budget',
      'procedures',
    ]);
    const byId = Object.fromEntries(general.map((g) => [g.id, g]));
    expect(byId['population'].label.vi).toBe('Số lượng dân số');
    expect(byId['villages'].label.vi).toBe('Số lượng thôn, xóm và tương đương');
    expect(byId['civil-servants'].label.vi).toBe('Số lượng công chức');
    expect(byId['workstations'].label.vi).toBe('Số lượng máy trạm');
    expect(byId['dt-budget']).toMatchObject({
      kind: 'number',
      label: { vi: 'Tổng chi Ngân sách nhà nước cho chuyển đổi số' },
    });
    expect(byId['address'].kind).toBe('text');
    expect(byId['website'].kind).toBe('text');
    for (const id of [
      'population',
      'working-age',
      'households',
      'villages',
      'civil-servants',
      'workstations',
      'procedures',
    ])
      expect(byId[id].kind).toBe('count');
    expect(general.some((g) => /Tên phường/.test(g.label.vi))).toBe(false);
    for (const g of general) expect(g.label.en).toBeTruthy();
  });

  test.each([
    // "Tỉ lệ người dân trên địa bàn …" / "100% người dân …"
    ['I.8.1', '', 'population'],
    ['VIII.1.1', '', 'population'],
    ['VIII.5.1', '', 'population'],
    ['VIII.1.2', 'population', 'population'],
    ['VIII.6.1', 'population', 'population'],
    // "Tối thiểu 50% người lao động được tập huấn"
    ['IV.5.1', 'none', 'working-age'],
    ['IV.5.1', 'proportional', 'working-age'],
    // "Tỉ lệ hộ gia đình trên địa bàn …", "(trên tổng số hộ gia đình)"
    ['III.2.1', '', 'households'],
    ['III.3.1', '', 'households'],
    ['VIII.4.1', '', 'households'],
    // "100% các thôn xóm, tổ dân phố …"
    ['IV.1.1', '', 'villages'],
    ['IV.1.2', '', 'villages'],
    // "100% máy tính trong cơ quan, đơn vị" under "Số lượng máy trạm của cơ quan nhà nước …"
    ['V.1.1', '', 'workstations'],
    ['V.1.2', '', 'workstations'],
  ])('%s (%s) takes its denominator from general item %s', (id, choice, general) => {
    expect(ratios(id)[choice]?.denominatorGeneral).toBe(general);
  });

  test('the smartphone readings of VIII.1.2 and VIII.6.1 have no general denominator', () => {
    // "100% người dân có sử dụng điện thoại thông minh …": no item of the form counts smartphone users.
    expect(ratios('VIII.1.2')['smartphone-users'].denominatorGeneral).toBeUndefined();
    expect(ratios('VIII.6.1')['smartphone-users'].denominatorGeneral).toBeUndefined();
  });

  test('"CBCCVC" is not "công chức": no criterion counts over general item 8, and the reading is recorded', () => {
    for (const id of ['I.8.2', 'III.1.1', 'IV.4.1', 'VI.8.1', 'VI.11.1', 'VII.1.3', 'VIII.3.1', 'VIII.3.2'])
      for (const r of Object.values(ratios(id))) expect(r.denominatorGeneral).toBeUndefined();
    const everyLink = rubric().criteria.flatMap((c) => Object.values(ratios(c.id)).map((r) => r.denominatorGeneral));
    expect(everyLink).not.toContain('civil-servants');
    expect(rubric().notes.some((n) => n.source.includes('Số lượng công chức') && /CBCCVC/.test(n.text))).toBe(true);
  });

  test('denominators the form does not give stay unlinked — adults (III.1.2), 15 and over (VIII.2.1)', () => {
    // "dân số trưởng thành", "người từ 15 tuổi trở lên" are neither the population nor the working-age population.
    expect(ratios('III.1.2')[''].denominatorGeneral).toBeUndefined();
    expect(ratios('VIII.2.1')[''].denominatorGeneral).toBeUndefined();
  });

  test('links that are not word for word carry a reading quoting the form', () => {
    for (const [id, words] of [
      ['IV.1.1', 'thôn, xóm và tương đương'],
      ['IV.1.2', 'thôn, xóm và tương đương'],
      ['V.1.1', 'Số lượng máy trạm'],
      ['V.1.2', 'Số lượng máy trạm'],
      ['IV.5.1', 'Số lượng dân số trong độ tuổi lao động'],
    ])
      expect(criterion(id).readings?.some((r) => r.source.includes(words))).toBe(true);
  });

  test('the links are wired to the engine: I.8.1 still scores from the counts entered', () => {
    expect(points('I.8.1', { numerator: 300, denominator: 1000 })).toBe(3);
  });
});

describe('Huế 2263: readings and options added with the general form', () => {
  const criterion = (id: string) => getRubric(R).criteria.find((c) => c.id === id)!;

  test('V.3.1 counts incidents: count-limit, none = full points, the decision’s words as counts', () => {
    // "Số lượng sự cố đã phát hiện trong UBND cấp xã" — "Không có sự cố xảy ra"
    const rule = criterion('V.3.1').rule;
    expect(rule.kind).toBe('count-limit');
    if (rule.kind !== 'count-limit') return;
    expect(rule.steps).toEqual([{ atMost: 0, share: 1 }]);
    expect(rule.itemLabel?.vi).toMatch(/sự cố/);
    const words = Object.fromEntries(rule.words.map((w) => [w.text.vi, w.count]));
    expect(words).toEqual({ 'Không có sự cố xảy ra': 0, 'Có sự cố xảy ra': 1 });
    for (const w of rule.words) expect(w.text.en).toBeTruthy();
    expect(criterion('V.3.1').readings?.[0].source).toContain('hông có sự cố xảy ra');
  });

  test('IV.5.1 is under the minimum-shortfall option: none = minimum 50%, proportional = linear below 50%', () => {
    // "Tối thiểu 50% người lao động được tập huấn"
    const rule = criterion('IV.5.1').rule;
    expect(rule).toMatchObject({
      kind: 'by-option',
      option: 'minimum-shortfall',
      rules: { none: { kind: 'ratio', target: 0.5, minimum: 0.5 }, proportional: { kind: 'ratio', target: 0.5 } },
    });
    if (rule.kind === 'by-option') expect((rule.rules.proportional as { minimum?: number }).minimum).toBeUndefined();
    const option = getRubric(R).options.find((o) => o.id === 'minimum-shortfall')!;
    expect(option.title.vi).toContain('IV.5.1');
    expect(option.source).toContain('Tối thiểu 50% người lao động được tập huấn');
    expect(option.default).toBe('none');
  });

  test('V.2.1 says plainly what is counted: infected computers cleaned in time over infected computers', () => {
    // "Không có máy tính bị nhiễm mã độc hoặc nếu có thì 100% máy tính bị nhiễm nhưng đã được xử lý …"
    const rule = criterion('V.2.1').rule;
    expect(rule.kind).toBe('ratio');
    if (rule.kind !== 'ratio') return;
    expect(rule.hint?.vi).toMatch(/Tử số: số máy tính bị nhiễm mã độc đã được xử lý/);
    expect(rule.hint?.vi).toMatch(/mẫu số: số máy tính bị nhiễm mã độc/);
    expect(rule.hint?.vi).toMatch(/không phải tổng số máy tính/);
    expect(rule.hint?.en).toBeTruthy();
    expect(points('V.2.1', { numerator: 0, denominator: 0 })).toBe(5);
    expect(points('V.2.1', { numerator: 1, denominator: 2 })).toBe(2.5);
  });
});

/**
 * Thừa Thiên Huế 931/QĐ-UBND (seed 000, with the OCR copy 002 for the x marks): one table, three
 * unit types. Expectations worked out from the quoted words.
 */
import { criteriaFor, findCriterion } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { assessIn, score } from '../support/scoring';

const R = 'hue-931-2024';
const rubric = () => getRubric(R);

describe('Huế 931: applicability per unit type (Cấp áp dụng: Sở | Huyện | Xã)', () => {
  test('"x x x" rows apply to all three: I.1 Ban chỉ đạo chuyển đổi số (5 points)', () => {
    const c = rubric().criteria.find((x) => x.id === 'I.1')!;
    expect(c.units.sort()).toEqual(['huyen', 'so', 'xa']);
    expect(c.max).toBe(5);
    // "Quyết định bằng file điện tử có ký số"
    expect(c.evidence?.signed).toBe(true);
  });

  test('communal broadcasting I.8 ("24  x x") is for districts and communes, not departments', () => {
    expect(criteriaFor(rubric(), 'so').some((c) => c.id === 'I.8')).toBe(false);
    expect(criteriaFor(rubric(), 'xa').some((c) => c.id === 'I.8')).toBe(true);
    expect(() => findCriterion(rubric(), 'so', 'I.8')).toThrow(/Không có tiêu chí "I.8" cho đơn vị so/);
  });

  test('II.3 rating platform (" 10  x ") is for districts only: "Các huyện, thị xã, thành phố …"', () => {
    expect(rubric().criteria.find((x) => x.id === 'II.3')!.units).toEqual(['huyen']);
  });

  test('every criterion id starts with its pillar numeral I–IX', () => {
    for (const c of rubric().criteria) expect(c.id).toMatch(/^(I|II|III|IV|V|VI|VII|VIII|IX)\.\d+$/);
  });
});

describe('Huế 931: scoring', () => {
  test('meetings — I.2 (10 points): at least 2 a year; "Tổ chức 1 cuộc thì đạt 50% số điểm"', () => {
    expect(score(R, 'so', 'I.2', 1).points).toBe(5);
    expect(score(R, 'huyen', 'I.2', 2).points).toBe(10);
    expect(score(R, 'xa', 'I.2', 0).points).toBe(0);
    // "Cuộc họp lần cuối cùng phải triển khai trước 15/11 hằng năm."
    expect(rubric().criteria.find((x) => x.id === 'I.2')!.deadline?.by).toBe('11-15');
  });

  test('news count — I.4 (24 points), "Tối thiểu 12 tin bài": 6 articles, proportional by default or 0', () => {
    expect(score(R, 'xa', 'I.4', 6).points).toBe(12);
    expect(score(R, 'xa', 'I.4', 6, { options: { minimumShortfall: 'none' } }).points).toBe(0);
    expect(score(R, 'xa', 'I.4', 15).points).toBe(24);
  });

  test('gated ratio — I.9 (20 points): at least 5 bulletins, then the share of residents who read them', () => {
    // "Số lượng bản tin tối thiểu là 5 tin trên 1 năm được xem đủ cơ sở để tính điểm. Điểm được tính
    // trên tỷ lệ người dân trên địa phương đã đọc thông tin"
    expect(score(R, 'xa', 'I.9', { bulletins: 4, value: { numerator: 900, denominator: 1000 } }).points).toBe(0);
    expect(score(R, 'xa', 'I.9', { bulletins: 5, value: { numerator: 600, denominator: 1000 } }).points).toBe(12);
  });

  test('deadline — II.1 (10 points): issued in January = full, later = 50%', () => {
    // "Văn bản điện tử được ban hành trong tháng 1 hằng năm sẽ đạt tối đa điểm, sau thời gian trên sẽ đạt 50% số điểm"
    expect(score(R, 'so', 'II.1', '2024-01-25', { year: 2024 }).points).toBe(10);
    expect(score(R, 'so', 'II.1', '2024-01-31', { year: 2024 }).points).toBe(10);
    expect(score(R, 'huyen', 'II.1', '2024-02-01', { year: 2024 }).points).toBe(5);
    expect(score(R, 'huyen', 'II.1', '10/03/2024', { year: 2024 }).points).toBe(5);
    expect(score(R, 'huyen', 'II.1', 'Không').points).toBe(0);
  });

  test('inverse ratio — V.3 (10 points): "Tỷ lệ lây nhiễm càng nhiều thì số điểm càng thấp"', () => {
    expect(score(R, 'so', 'V.3', { numerator: 5, denominator: 50 }).points).toBe(9);
    expect(score(R, 'so', 'V.3', { numerator: 0, denominator: 50 }).points).toBe(10);
  });

  test('"Các đơn vị đặc thù không áp dụng tiêu chí này" — IX.1 may be declared not applicable', () => {
    expect(score(R, 'so', 'IX.1', 'na').status).toBe('not-applicable');
  });

  test('a department and a commune are scored out of their own applicable max', () => {
    const so = assessIn(R, { unit: 'so', values: {} });
    const xa = assessIn(R, { unit: 'xa', values: {} });
    const sum = (unit: 'so' | 'xa') => criteriaFor(rubric(), unit).reduce((s, c) => s + (c.max as number), 0);
    expect(so.max).toBe(sum('so'));
    expect(xa.max).toBe(sum('xa'));
    expect(so.max).toBeLessThan(xa.max!); // communes carry the residents' criteria departments do not
  });
});

describe('Huế 931: readings of ambiguous words, as rubric options', () => {
  const option = (id: string) => rubric().options.find((o) => o.id === id)!;
  const criterion = (id: string) => rubric().criteria.find((x) => x.id === id)!;
  const choices = (id: string) =>
    option(id)
      .choices.map((c) => c.id)
      .sort();

  test('III.6 "Chỉ số sẽ đưa vào tính nếu không phát sinh": not counted by default, full points as printed', () => {
    expect(option('iii6-nothing-arises').source).toContain('Chỉ số sẽ đưa vào tính nếu không phát sinh');
    expect(option('iii6-nothing-arises').default).toBe('not-applicable');
    expect(choices('iii6-nothing-arises')).toEqual(['full', 'not-applicable']);
    expect(criterion('III.6').rule).toMatchObject({
      kind: 'by-option',
      option: 'iii6-nothing-arises',
      rules: {
        'not-applicable': { kind: 'ratio', zeroDenominator: 'not-applicable' },
        full: { kind: 'ratio', zeroDenominator: 'full' },
      },
    });
    // The reading names the missing "không" and quotes IX.3's parallel rule.
    expect(
      criterion('III.6').readings!.some((r) =>
        r.source.includes('Các đơn vị không phát sinh sẽ không tính tiêu chí này'),
      ),
    ).toBe(true);
  });

  test('III.6 scores: no self-funded platform is not counted by default, full points under the literal reading', () => {
    const none = { numerator: 0, denominator: 0 };
    expect(score(R, 'so', 'III.6', none).status).toBe('not-applicable');
    expect(score(R, 'so', 'III.6', none, { options: { 'iii6-nothing-arises': 'full' } }).points).toBe(10);
    // "Điểm được tính theo tỷ lệ …": 3 of 4 platforms at the shared infrastructure = 7.5 under either reading.
    expect(score(R, 'so', 'III.6', { numerator: 3, denominator: 4 }).points).toBe(7.5);
    expect(
      score(R, 'so', 'III.6', { numerator: 3, denominator: 4 }, { options: { 'iii6-nothing-arises': 'full' } }).points,
    ).toBe(7.5);
    const r = assessIn(R, { unit: 'so', values: { 'III.6': none } });
    expect(r.criteria.find((c) => c.id === 'III.6')).toMatchObject({ status: 'not-applicable', points: 0, max: 0 });
  });

  test('"trước 15/11" (I.2, I.3): one option decides whether 15/11 itself is in time, exclusive by default', () => {
    // "Cuộc họp lần cuối cùng phải triển khai trước 15/11 hằng năm." / "… cập nhật biến động trước 15/11."
    expect(option('before-15-11').default).toBe('exclusive');
    expect(choices('before-15-11')).toEqual(['exclusive', 'inclusive']);
    for (const id of ['I.2', 'I.3'])
      expect(criterion(id).deadline).toMatchObject({ by: '11-15', option: 'before-15-11' });
    expect(option('before-15-11').source).toContain('trước 15/11');
    // I.2: a late meeting is not counted; I.3: a late update fails the condition.
    expect(criterion('I.2').readings![0].text).toMatch(/not counted/);
    expect(criterion('I.3').readings![0].text).toMatch(/does not meet the condition/);
  });

  test('V.4 counts notified infections by default, the notification documents as the alternative', () => {
    // "Điểm được tính theo số lượng được xử lý theo số lượng văn bản do Sở Thông tin và Truyền thông thông báo."
    expect(option('v4-denominator').default).toBe('cases');
    expect(choices('v4-denominator')).toEqual(['cases', 'documents']);
    const rule = criterion('V.4').rule;
    expect(rule.kind).toBe('by-option');
    if (rule.kind !== 'by-option') return;
    const [cases, documents] = [rule.rules.cases, rule.rules.documents];
    expect(cases).toMatchObject({ kind: 'ratio', zeroDenominator: 'full' });
    expect(documents).toMatchObject({ kind: 'ratio', zeroDenominator: 'full' });
    if (cases.kind !== 'ratio' || documents.kind !== 'ratio') return;
    expect(cases.denominatorLabel?.vi).toMatch(/trường hợp lây nhiễm/);
    expect(documents.denominatorLabel?.vi).toMatch(/văn bản/);
    expect(score(R, 'huyen', 'V.4', { numerator: 3, denominator: 4 }).points).toBe(7.5);
    expect(
      score(R, 'huyen', 'V.4', { numerator: 1, denominator: 2 }, { options: { 'v4-denominator': 'documents' } }).points,
    ).toBe(5);
  });

  test('zero denominators: one option overrides every ratio criterion, each criterion’s own reading by default', () => {
    const zd = option('zero-denominator');
    expect(zd.overrides).toBe('zeroDenominator');
    expect(zd.default).toBe('as-read');
    expect(choices('zero-denominator')).toEqual(['as-read', 'full', 'not-applicable', 'zero']);
    // The only words the decision has on nothing arising.
    expect(zd.source).toContain('Chỉ số sẽ đưa vào tính nếu không phát sinh');
    expect(zd.source).toContain('Các đơn vị không phát sinh sẽ không tính tiêu chí này');
    expect(rubric().notes.some((n) => /zero-denominator/.test(n.text))).toBe(true);
  });

  test('the zero-denominator override changes the score of a zero denominator only (needs engine support)', () => {
    const none = { numerator: 0, denominator: 0 };
    // V.4 as read: no notification, nothing to remedy = full points.
    expect(score(R, 'so', 'V.4', none).points).toBe(10);
    expect(score(R, 'so', 'V.4', none, { options: { 'zero-denominator': 'zero' } }).points).toBe(0);
    expect(score(R, 'so', 'V.4', none, { options: { 'zero-denominator': 'not-applicable' } }).status).toBe(
      'not-applicable',
    );
    expect(score(R, 'so', 'III.1', none, { options: { 'zero-denominator': 'full' } }).points).toBe(10);
    // A non-zero denominator is untouched.
    expect(
      score(R, 'so', 'V.4', { numerator: 1, denominator: 2 }, { options: { 'zero-denominator': 'zero' } }).points,
    ).toBe(5);
  });
});

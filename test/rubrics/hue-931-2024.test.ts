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

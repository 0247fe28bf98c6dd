/**
 * Thừa Thiên Huế 2263/QĐ-UBND, Phụ lục 3 (seed 001), commune level, 600 points. Each expectation
 * is worked out by hand from the quoted decision words.
 */
import { criteriaFor } from '../../src/engine';
import { criterionMax, getRubric } from '../../src/rubrics';
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
    expect(points('IV.5.1', { numerator: 300, denominator: 1000 })).toBe(3);
  });

  test('ratio of counts × max — VI.4.1 (10 points); a zero denominator is not applicable', () => {
    expect(points('VI.4.1', { numerator: 45, denominator: 60 })).toBe(7.5);
    expect(score(R, 'xa', 'VI.4.1', { numerator: 0, denominator: 0 }).status).toBe('not-applicable');
    // The decision asks for counts: a bare percentage is refused with what is expected.
    expect(score(R, 'xa', 'VI.4.1', 0.75).message).toMatch(/cần tử số và mẫu số/);
  });

  test('nothing to fix counts as done — V.4.1 (5 points): "Không xảy ra sự cố thì đạt điểm tối đa"', () => {
    expect(points('V.4.1', { numerator: 0, denominator: 0 })).toBe(5);
    expect(points('V.4.1', { numerator: 1, denominator: 2 })).toBe(2.5);
  });

  test('inverse ratio — VI.2.5 (10 points): a 10% complaint rate keeps 90% of the points', () => {
    expect(points('VI.2.5', 0.1)).toBe(9);
    expect(points('VI.2.5', 0)).toBe(10);
  });

  test('yes/no whose "Có" is the absence of a problem — V.3.1 (5 points): "Không có sự cố xảy ra"', () => {
    expect(points('V.3.1', true)).toBe(5);
    expect(points('V.3.1', 'Không')).toBe(0);
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

/**
 * Last year beside this year across two versions of a rubric: Huế 931/2024 for the commune, and
 * a next version written here as a copy of it with I.3 removed, a criterion I.11 added and I.1's
 * max raised from 5 to 10 points. Expectations worked out from the decision's points: I.1 is
 * 5 (or 10) for a steering committee, I.2 10 for two meetings and half for one, I.3 5.
 */
import fc from 'fast-check';
import { assess, compareAssessments, type Assessment } from '../../src/engine';
import { getRubric, parseRubric, type Rubric, type RubricInput } from '../../src/rubrics';
import hue931 from '../../src/rubrics/hue-931-2024.json';

const old = getRubric('hue-931-2024');

/** The next version: I.3 gone, I.11 new (5 points, a yes/no), I.1 worth 10. */
function nextVersion(): Rubric {
  const data = JSON.parse(JSON.stringify(hue931)) as RubricInput;
  data.id = 'hue-931-2025';
  data.version = '2.0.0';
  data.criteria = data.criteria.filter((c) => c.id !== 'I.3');
  const i1 = data.criteria.find((c) => c.id === 'I.1')!;
  i1.max = 10;
  const at = data.criteria.findIndex((c) => c.id === 'I.10');
  data.criteria.splice(at + 1, 0, {
    ...JSON.parse(JSON.stringify(i1)),
    id: 'I.11',
    title: 'Chuyên mục chuyển đổi số trên cổng thông tin',
    max: 5,
  });
  // The decision's declared totals changed with it: the copy declares none, so none is checked.
  for (const u of data.units) u.expect = {};
  return parseRubric(data);
}

const next = nextVersion();
const lastYear = assess(old, { unit: 'xa', year: 2024, values: { 'I.1': true, 'I.2': 1, 'I.3': true } });
const thisYear = assess(next, { unit: 'xa', year: 2025, values: { 'I.1': true, 'I.2': 2, 'I.11': true } });
const compared = compareAssessments(thisYear, lastYear, { current: { year: 2025 }, previous: { year: 2024 } });
const byId = (id: string) => compared.criteria.find((c) => c.id === id)!;

describe('comparing with last year across rubric versions', () => {
  test('the scores compared are each year’s own: 15 of pillar I last year, 25 this year', () => {
    expect(lastYear.pillars.find((p) => p.id === 'I')!.points).toBe(15);
    expect(thisYear.pillars.find((p) => p.id === 'I')!.points).toBe(25);
  });

  test('a paired criterion whose max changed: its change given, and flagged as not comparable as is', () => {
    const i1 = byId('I.1');
    expect(i1.previous).toMatchObject({ value: 5, max: 5 });
    expect(i1.current).toMatchObject({ value: 10, max: 10 });
    expect(i1.change).toBe(5);
    expect(i1.remarks.map((r) => r.kind)).toEqual(['max-changed']);
    expect(i1.remarks[0].text.vi).toBe('Điểm tối đa đổi từ 5 thành 10: mức thay đổi không so sánh trực tiếp được');
  });

  test('a paired criterion with the same max: one meeting (5 of 10) to two (10 of 10) is +5, no remark', () => {
    expect(byId('I.2')).toMatchObject({ previous: { value: 5, max: 10 }, current: { value: 10, max: 10 }, change: 5 });
    expect(byId('I.2').remarks).toEqual([]);
  });

  test('the removed criterion is listed after this year’s, with last year’s points and no change', () => {
    const i3 = byId('I.3');
    expect(i3).toMatchObject({ previous: { value: 5, max: 5 }, current: null, change: null });
    expect(i3.remarks.map((r) => r.text.vi)).toEqual(['Không còn trong bộ chỉ số năm nay']);
    expect(compared.criteria[compared.criteria.length - 1].id).toBe('I.3');
  });

  test('the added criterion has this year’s points only', () => {
    const i11 = byId('I.11');
    expect(i11).toMatchObject({ previous: null, current: { value: 5, max: 5 }, change: null });
    expect(i11.remarks.map((r) => r.text.vi)).toEqual(['Mới, không có năm trước']);
  });

  test('every other commune criterion is paired once, both years not entered: change 0, said so', () => {
    const xa = (r: Rubric) => r.criteria.filter((c) => c.units.includes('xa')).map((c) => c.id);
    // 50 criteria in 931 for the commune; the next version has 50 − 1 + 1; together 51 ids.
    expect(xa(old)).toHaveLength(50);
    expect(compared.criteria).toHaveLength(51);
    const ii1 = byId('II.1');
    expect(ii1.change).toBe(0);
    expect(ii1.remarks.map((r) => r.kind)).toEqual(['not-entered', 'not-entered']);
  });

  test('pillar I: 15 of 170 → 25 of 175 (170 − 5 for I.3 + 5 more for I.1 + 5 for I.11), +10, max flagged', () => {
    const p = compared.pillars.find((x) => x.id === 'I')!;
    expect(p).toMatchObject({ previous: { value: 15, max: 170 }, current: { value: 25, max: 175 }, change: 10 });
    expect(p.remarks.map((r) => r.kind)).toEqual(['max-changed']);
    // The other pillars did not move and kept their max.
    const ii = compared.pillars.find((x) => x.id === 'II')!;
    expect(ii).toMatchObject({ change: 0, remarks: [] });
  });

  test('the total: +10, out of 645 last year and 650 this year', () => {
    expect(compared.total).toMatchObject({
      previous: { value: 15, max: 645 },
      current: { value: 25, max: 650 },
      change: 10,
    });
    expect(compared.warnings).toEqual([]);
    expect(compared.previous).toMatchObject({ rubric: 'hue-931-2024', version: '1.0.0', year: 2024 });
    expect(compared.current).toMatchObject({ rubric: 'hue-931-2025', version: '2.0.0', year: 2025 });
  });
});

describe('what makes a comparison doubtful is said', () => {
  test('another unit type, another unit, a "last year" that is not earlier: warnings, still compared', () => {
    const department = assess(old, { unit: 'so', unitName: 'Sở Tư pháp', values: { 'I.1': true } });
    const commune: Assessment = { ...thisYear, unitName: 'Xã Phú Thượng' };
    const c = compareAssessments(commune, department, { current: { year: 2025 }, previous: { year: 2025 } });
    expect(c.warnings.map((w) => w.vi)).toEqual([
      'Tệp năm trước là của loại đơn vị "so", năm nay là "xa": chỉ các tiêu chí cùng mã được so sánh',
      'Tệp năm trước là của đơn vị "Sở Tư pháp", không phải "Xã Phú Thượng"',
      'Tệp "năm trước" ghi năm 2025, không trước năm 2025',
    ]);
    expect(c.criteria.find((x) => x.id === 'I.1')!.change).toBe(5);
  });

  test('Huế 2263 → 931: pillars keep their numerals, not always their subject; the old title is said', () => {
    const before = assess(getRubric('hue-2263-2023'), { unit: 'xa', values: {} });
    const c = compareAssessments(thisYear, before);
    const vii = c.pillars.find((p) => p.id === 'VII')!;
    expect(vii.title).toBe('Xã hội số');
    expect(vii.remarks.map((r) => r.text.vi)).toContain('Năm trước tên là: Hoạt động kinh tế số');
    // IX (smart urban services) is new in 931; 2263's criteria all have other ids (I.1.1 … against I.1 …).
    expect(c.pillars.find((p) => p.id === 'IX')!.remarks.map((r) => r.kind)).toEqual(['new']);
    expect(c.criteria.filter((x) => x.previous && x.current)).toEqual([]);
  });

  test('points one year and levels the other: sides shown, no change computed', () => {
    const levels = assess(getRubric('kontum-121-2025'), { unit: 'xa', values: {} });
    const c = compareAssessments(thisYear, levels);
    expect(c.previous.measure).toBe('levels');
    expect(c.total.change).toBeNull();
    expect(c.total.remarks.map((r) => r.kind)).toEqual(['measure-changed']);
    expect(c.pillars.filter((p) => p.previous && p.current).every((p) => p.change === null)).toBe(true);
  });
});

describe('penalties compare with their sign', () => {
  const rubric = parseRubric({
    id: 'penalty-1-2026',
    version: '1.0.0',
    kind: 'points',
    title: 'Bộ tiêu chí thử',
    decision: { number: '1/QĐ-UBND', date: '2026-01-05', issuer: 'UBND tỉnh', source: 'test' },
    units: [{ id: 'xa', label: { vi: 'Xã' }, expect: {} }],
    pillars: [{ id: 'I', title: 'An toàn thông tin' }],
    criteria: [
      {
        id: 'I.1',
        pillar: 'I',
        title: 'Sự cố mất an toàn thông tin',
        units: ['xa'],
        max: 4,
        effect: 'penalty',
        rule: { kind: 'per-item', points: 2 },
      },
    ],
  });
  test('two incidents (−4) last year, one (−2) this year: +2', () => {
    const c = compareAssessments(
      assess(rubric, { unit: 'xa', values: { 'I.1': 1 } }),
      assess(rubric, { unit: 'xa', values: { 'I.1': 2 } }),
    );
    expect(c.criteria[0]).toMatchObject({ previous: { value: -4 }, current: { value: -2 }, change: 2 });
  });
});

describe('the pairing has a shape, whatever the two assessments', () => {
  const ids = ['I.1', 'I.2', 'I.3', 'II.1', 'II.2', 'III.1'];
  const criterion = (id: string, points: number, max: number): Assessment['criteria'][number] => ({
    id,
    pillar: id.split('.')[0],
    title: `Tiêu chí ${id}`,
    points,
    max,
    status: 'ok',
    message: '',
    effect: 'score',
  });
  const assessment = fc
    .array(
      fc.record({
        id: fc.constantFrom(...ids),
        points: fc.integer({ min: 0, max: 20 }),
        max: fc.constantFrom(5, 10, 20),
      }),
      {
        maxLength: ids.length,
      },
    )
    .map((list): Assessment => {
      const criteria = [
        ...new Map(list.map((c) => [c.id, criterion(c.id, Math.min(c.points, c.max), c.max)])).values(),
      ];
      const total = criteria.reduce((s, c) => s + c.points!, 0);
      return { ...thisYear, criteria, total, pillars: [], problems: [] };
    });

  test('every id of either year appears once; paired exactly when in both; change = this year − last year', () => {
    fc.assert(
      fc.property(assessment, assessment, (now, before) => {
        const c = compareAssessments(now, before);
        const seen = c.criteria.map((x) => x.id);
        const all = new Set([...now.criteria, ...before.criteria].map((x) => x.id));
        expect(seen.sort()).toEqual([...all].sort());
        for (const x of c.criteria) {
          const a = now.criteria.find((y) => y.id === x.id);
          const b = before.criteria.find((y) => y.id === x.id);
          expect(x.current === null).toBe(!a);
          expect(x.previous === null).toBe(!b);
          expect(x.change).toBe(a && b ? a.points! - b.points! : null);
          expect(x.remarks.some((r) => r.kind === 'max-changed')).toBe(!!a && !!b && a.max !== b.max);
        }
        expect(c.total.change).toBe(now.total! - before.total!);
      }),
    );
  });
});

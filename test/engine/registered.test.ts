/**
 * What a Kon Tum commune still needs for the level it registered (121/QĐ-UBND, II.3: "tự đánh giá
 * kết quả chuyển đổi số tương ứng với mức độ đã đăng ký"), not only for the next level.
 *
 * By hand from Phụ lục 01: I.1 (share of procedures online) needs 50% / 60% / 70% / 100% / 100%
 * for levels 1–5; I.4 (periodic reporting on the system) has no requirement at levels 1–2 and
 * needs "Có" from level 3. A commune with every criterion at the top and I.1 at 55% is at level 1.
 */
import { assess, criteriaFor, shortfallsForLevel } from '../../src/engine';
import { getRubric } from '../../src/rubrics';

const kontum = getRubric('kontum-121-2025');

/** Every commune criterion at level 5, with some changed. */
function commune(changed: Record<string, unknown>) {
  const top = (measure: string) =>
    measure === 'ratio' ? 1 : measure === 'yes' ? true : measure === 'count' ? 5 : { numerator: 5, denominator: 5 };
  const values = Object.fromEntries(
    criteriaFor(kontum, 'xa').map((c) => [c.id, top((c.rule as { measure: string }).measure)]),
  );
  return { ...values, ...changed };
}

describe('what is missing for the registered level (Kon Tum, communes)', () => {
  test('registered 2 with I.1 at 55% (level 1): exactly I.1, 60% needed, 5 percentage points short', () => {
    const a = assess(kontum, { unit: 'xa', values: commune({ 'I.1': 0.55 }), registeredLevel: 2 });
    expect(a.level!.number).toBe(1);
    expect(a.registered).toEqual({
      number: 2,
      name: 'Kết nối',
      reached: false,
      shortfalls: [
        {
          criterion: 'I.1',
          title: criteriaFor(kontum, 'xa')[0].title,
          required: 'tỷ lệ ≥ 60%',
          shortfall: 'hiện 55%, thiếu 5 điểm phần trăm',
          gap: 5,
        },
      ],
    });
  });

  test('registered 4, beyond the next level: I.1 needs 100% (not the next level’s 60%), I.4 needs Có', () => {
    const a = assess(kontum, { unit: 'xa', values: commune({ 'I.1': 0.55, 'I.4': false }), registeredLevel: 4 });
    expect(a.nextLevel!.number).toBe(2);
    expect(a.nextLevel!.shortfalls.map((s) => [s.criterion, s.required])).toEqual([['I.1', 'tỷ lệ ≥ 60%']]);
    expect(a.registered!.shortfalls.map((s) => [s.criterion, s.required, s.shortfall])).toEqual([
      ['I.1', 'tỷ lệ ≥ 100%', 'hiện 55%, thiếu 45 điểm phần trăm'],
      ['I.4', 'Có', 'hiện: Không'],
    ]);
  });

  test('in English; a registered level reached says so with nothing missing; no registration, no field', () => {
    const en = assess(kontum, { unit: 'xa', values: commune({ 'I.1': 0.55 }), registeredLevel: 2 }, 'en');
    expect(en.registered!.shortfalls[0].shortfall).toBe('now 55%, 5 percentage points short');
    const reached = assess(kontum, { unit: 'xa', values: commune({ 'I.1': 0.55 }), registeredLevel: 1 });
    expect([reached.registered!.reached, reached.registered!.shortfalls]).toEqual([true, []]);
    expect(assess(kontum, { unit: 'xa', values: commune({}) }).registered).toBeUndefined();
    // Not a level of the rubric: ignored, as a blank registration.
    expect(assess(kontum, { unit: 'xa', values: commune({}), registeredLevel: 6 }).registered).toBeUndefined();
  });

  test('the pure function: one requirement of a kind (the highest level’s), another kind kept, criteria at the target left out', () => {
    const check = (n: number, vi: string) => ({
      met: false,
      required: { vi, en: vi },
      gap: null,
      shortfall: { vi: `mức ${n}`, en: `level ${n}` },
    });
    const ratio = (n: number) => check(n, `tỷ lệ ≥ ${[50, 60, 70, 100, 100][n - 1]}%`);
    const out = shortfallsForLevel(
      [
        { id: 'a', title: 'A', level: 1, explainLevel: ratio },
        { id: 'b', title: 'B', level: 0, explainLevel: (n) => (n === 1 ? check(1, 'Có') : ratio(n)) },
        { id: 'c', title: 'C', level: 3, explainLevel: ratio },
      ],
      3,
    );
    expect(out.map((s) => [s.criterion, s.level, s.required.vi, s.shortfall.vi])).toEqual([
      ['a', 1, 'tỷ lệ ≥ 70%', 'mức 3'],
      ['b', 0, 'Có; tỷ lệ ≥ 70%', 'mức 1; mức 3'],
    ]);
  });
});

/**
 * The Excel functions, as shipped (dist bundle with its slim rubric data, loaded with a fake
 * CustomFunctions): the same numbers as the engine for every criterion of every rubric, and the
 * errors officers see for bad input.
 */
import { argumentCount, assess, cellsFromValue, contextArguments, criteriaFor, scoreCriterion } from '../../src/engine';
import { allRubrics, criterionMax, getRubric, type Criterion, type Rubric } from '../../src/rubrics';
import { call, FakeExcelError, loadFunctionsBundle } from '../support/functions-bundle';
import { sampleValues } from '../support/sample';

const fns = loadFunctionsBundle();
// rubric, unit type, criterion id and eight value arguments.
const SCORE_ARITY = 11;
const score = (...args: unknown[]) => call(fns, 'DTI_SCORE', args, SCORE_ARITY);
const check = (...args: unknown[]) => call(fns, 'DTI_CHECK', args, SCORE_ARITY);
const max = (...args: unknown[]) => call(fns, 'DTI_MAX', args, SCORE_ARITY);
const level = (...args: unknown[]) => call(fns, 'DTI_LEVEL', args, 7);

const SEEDS = [1, 2, 3, 4, 5, 6];
const UNIT_NAME = 'Sở Y tế'; // on Hà Nội's Phụ lục II, so 7.1 applies
const YEAR = 2025;

/** A criterion's arguments as a template passes them: its slot cells, then the unit's name and the year where it needs them. */
function argsOf(rubric: Rubric, c: Criterion, value: unknown): unknown[] {
  const context = contextArguments(rubric, c).map((a) =>
    a.kind === 'unit-name' ? UNIT_NAME : a.kind === 'year' ? YEAR : null,
  );
  return [...cellsFromValue(rubric, c, value), ...context];
}

test('every function is registered under its id', () => {
  expect(Object.keys(fns).sort()).toEqual([
    'DTI_CHECK',
    'DTI_LEVEL',
    'DTI_LEVEL_NAME',
    'DTI_MAX',
    'DTI_SCORE',
    'DTI_SHORTFALL',
  ]);
});

test('eight value arguments are enough for every criterion of the library', () => {
  const most = Math.max(...allRubrics().flatMap((r) => r.criteria.map((c) => argumentCount(r, c))));
  expect(most).toBeLessThanOrEqual(8);
});

describe('DTI_SCORE and DTI_MAX equal the engine for every points criterion', () => {
  const cases = allRubrics()
    .filter((r) => r.kind === 'points')
    .flatMap((r) => r.units.map((u) => [r.id, u.id] as const));
  test.each(cases)('%s %s', (rubricId, unit) => {
    const rubric = getRubric(rubricId);
    let compared = 0;
    for (const seed of SEEDS) {
      const values = sampleValues(rubric, unit, seed);
      for (const c of criteriaFor(rubric, unit)) {
        const engine = scoreCriterion(rubric, unit, c, values[c.id], { unitName: UNIT_NAME, year: YEAR });
        const got = score(rubricId, unit, c.id, ...argsOf(rubric, c, values[c.id]));
        if (engine.status === 'invalid') expect(got).toBeInstanceOf(FakeExcelError);
        else expect(got).toBe(engine.points);
        compared++;
      }
    }
    for (const c of criteriaFor(rubric, unit))
      expect(max(rubricId, unit, c.id, ...argsOf(rubric, c, null))).toBe(criterionMax(c, unit));
    expect(compared).toBe(SEEDS.length * criteriaFor(rubric, unit).length);
  });
});

describe('DTI_LEVEL equals the engine for every level criterion and for the unit', () => {
  const rubric = getRubric('kontum-121-2025');
  test.each(rubric.units.map((u) => u.id))('kontum-121-2025 %s', (unit) => {
    for (const seed of SEEDS) {
      const values = sampleValues(rubric, unit, seed);
      const criteria = criteriaFor(rubric, unit);
      const rows = criteria.map((c) => {
        const cells = cellsFromValue(rubric, c, values[c.id]);
        return [cells[0] ?? null, cells[1] ?? null, cells[2] ?? null];
      });
      for (const [i, c] of criteria.entries()) {
        const expected = scoreCriterion(rubric, unit, c, values[c.id]).level;
        // One criterion: its cells as separate arguments (the template's form) …
        expect(level(rubric.id, unit, [[c.id]], ...rows[i])).toBe(expected);
        // … or as one row of a range (for I.1 the communes' levels as a column range).
        const cellRange = Array.isArray(values[c.id]) ? (values[c.id] as number[]).map((l) => [l]) : [rows[i]];
        expect(level(rubric.id, unit, [[c.id]], cellRange)).toBe(expected);
      }
      // All criteria: one row per criterion → the unit's level.
      const ids = criteria.map((c) => [c.id]);
      expect(level(rubric.id, unit, ids, rows)).toBe(assess(rubric, { unit, values }).level!.number);
    }
  });

  test('district I.1 takes its communes’ levels as a range: [2,2,3,3,3,3] → level 3', () => {
    expect(level('kontum-121-2025', 'huyen', [['I.1']], [[2], [2], [3], [3], [3], [3]])).toBe(3);
    expect(level('kontum-121-2025', 'huyen', [['I.1']], [['2, 2, 3, 3, 3, 3']])).toBe(3);
  });

  test('level names', () => {
    expect(call(fns, 'DTI_LEVEL_NAME', ['kontum-121-2025', 4], 2)).toBe('Nâng cao');
    expect(call(fns, 'DTI_LEVEL_NAME', ['kontum-121-2025', 0], 2)).toBe('Chưa đạt mức 1');
  });
});

describe('errors officers see', () => {
  const err = (v: unknown) => v as FakeExcelError;

  test('a value of the wrong kind → #VALUE! saying what is expected, in Vietnamese', () => {
    const e = err(score('hanoi-5279-2025', 'xa', '6.4', 'nhiều'));
    expect(e).toBeInstanceOf(FakeExcelError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe(
      '6.4: "nhiều" không phải tỷ lệ; cần tử số và mẫu số (số nguyên), hoặc tỷ lệ phần trăm (ví dụ 62%)',
    );
    expect(err(score('hanoi-5279-2025', 'xa', '6.4', 90)).message).toMatch(/có phải 90%\?/);
    expect(err(score('hue-2263-2023', 'xa', 'I.4.1', -2)).message).toMatch(/số lượng -2 là số âm/);
  });

  test('unknown rubric, unit type or criterion → #N/A with a message', () => {
    expect(err(score('hue-1-2020', 'xa', 'I.1', 1))).toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/Không có bộ tiêu chí "hue-1-2020"/),
    });
    expect(err(score('hue-2263-2023', 'so', 'I.1.1', 'head'))).toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/không có loại đơn vị "so"/),
    });
    expect(err(score('hue-2263-2023', 'xa', 'I.99', 1))).toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/Không có tiêu chí "I.99"/),
    });
  });

  test('an empty input cell scores 0 and DTI_CHECK says it is not entered; a good entry shows ✓', async () => {
    expect(score('hue-2263-2023', 'xa', 'I.1.1', null)).toBe(0);
    expect(score('hue-2263-2023', 'xa', 'I.1.1', '')).toBe(0);
    expect(check('hue-2263-2023', 'xa', 'I.1.1', null)).toMatch(/^Chưa nhập: cần một trong: Người đứng đầu/);
    expect(check('hue-2263-2023', 'xa', 'I.2.1', 'na')).toMatch(/^Không áp dụng/);
    expect(check('hue-2263-2023', 'xa', 'I.1.1', 'head')).toBe('✓');
    expect(check('hue-2263-2023', 'xa', 'I.1.1', 'chief')).toMatch(/^I\.1\.1: "chief" không phải một lựa chọn/);
  });

  test('cell-typed values: Có/Không text, TRUE, percentages, Excel date serials', () => {
    expect(score('hue-2263-2023', 'xa', 'II.2.1', 'Có')).toBe(10);
    expect(score('hue-2263-2023', 'xa', 'II.2.1', true)).toBe(10);
    expect(score('hanoi-5279-2025', 'xa', '6.4', 0.9)).toBe(18); // a cell showing 90%
    // 931 II.1: a plan issued 25/01/2024 (Excel serial 45316) earns the full 10 points in 2024; the year follows the date.
    expect(score('hue-931-2024', 'so', 'II.1', 45316, 2024)).toBe(10);
    expect(err(score('hue-931-2024', 'so', 'II.1', 45316)).message).toMatch(/chưa có năm đánh giá/);
  });

  test('numerator and denominator as two arguments; additive conditions one per argument', () => {
    expect(score('hue-2263-2023', 'xa', 'VI.4.1', 45, 60)).toBe(7.5);
    expect(score('hue-2263-2023', 'xa', 'VI.4.1', null, null, 0.75)).toBe(7.5); // the share, in its own cell
    expect(score('hue-2263-2023', 'xa', 'I.2.2', 'Có', 'Không')).toBe(1);
  });

  test('Hà Nội 7.1 takes the department name after its value', () => {
    expect(score('hanoi-5279-2025', 'so', '7.1', 15, 'Sở Công thương')).toBe(15);
    expect(score('hanoi-5279-2025', 'so', '7.1', 15, 'Sở Tư pháp')).toBe(0);
    expect(max('hanoi-5279-2025', 'so', '7.1', null, 'Sở Tư pháp')).toBe(0);
    expect(max('hanoi-5279-2025', 'so', '7.1', null, 'Sở Du lịch')).toBe(20);
  });

  test('DTI_MAX counts 0 where the entry makes the criterion not applicable, as the engine does', () => {
    // 2263 I.2.1 "… sẽ không đánh giá tiêu chí này" (2 points); VI.4.1 with no dossiers at all (10 points).
    expect(max('hue-2263-2023', 'xa', 'I.2.1', 'na')).toBe(0);
    expect(max('hue-2263-2023', 'xa', 'I.2.1', 3)).toBe(2);
    expect(max('hue-2263-2023', 'xa', 'VI.4.1', 0, 0)).toBe(0);
  });

  test('DTI_SHORTFALL says what a criterion lacks for a level', () => {
    // Kon Tum commune I.1 "50% 60% 70% 100% 100%": at 70% it lacks 30 points for level 4.
    expect(call(fns, 'DTI_SHORTFALL', ['kontum-121-2025', 'xa', 'I.1', 4, 0.7], 8)).toBe(
      'cần tỷ lệ ≥ 100%; hiện 70%, thiếu 30 điểm phần trăm',
    );
    expect(call(fns, 'DTI_SHORTFALL', ['kontum-121-2025', 'xa', 'I.1', 3, 0.7], 8)).toBe('✓');
    expect(call(fns, 'DTI_SHORTFALL', ['kontum-121-2025', 'xa', 'I.4', 3, 'Không'], 8)).toBe('cần Có; hiện: Không');
  });

  test('DTI_LEVEL skips blank rows (pillar headings) without shifting values', () => {
    // I.1 at 75% is level 3; I.4 "Có" is level 5; the blank heading row between them is skipped.
    const ids = [['I.1'], [null], ['I.4']];
    expect(
      level('kontum-121-2025', 'xa', ids, [
        [0.75, null, null],
        [null, null, null],
        ['Có', null, null],
      ]),
    ).toBe(3);
    expect(
      level('kontum-121-2025', 'xa', ids, [
        [0.75, null, null],
        [null, null, null],
        ['Không', null, null],
      ]),
    ).toBe(2);
  });

  test('a level criterion in DTI_SCORE, or a points rubric in DTI_LEVEL, says which function to use', () => {
    expect(err(score('kontum-121-2025', 'xa', 'I.1', 0.5)).message).toMatch(/dùng CDS.DTI_LEVEL/);
    expect(err(level('hue-2263-2023', 'xa', [['I.1.1']], [['head']])).message).toMatch(/dùng CDS.DTI_SCORE/);
    expect(err(call(fns, 'DTI_LEVEL_NAME', ['kontum-121-2025', 6], 2)).code).toBe('#VALUE!');
  });
});

/**
 * Properties that hold for every criterion of every rubric in the library, whatever is entered:
 * points stay in [0, max], ratio rules are monotone, and a level never rises when an input worsens.
 */
import fc from 'fast-check';
import { assess, criteriaFor, scoreCriterion } from '../../src/engine';
import { allRubrics, type Criterion, type LevelRule, type Rubric, type UnitId } from '../../src/rubrics';

const cases: { rubric: Rubric; unit: UnitId; criterion: Criterion }[] = allRubrics().flatMap((rubric) =>
  rubric.units.flatMap((u) => criteriaFor(rubric, u.id).map((criterion) => ({ rubric, unit: u.id, criterion }))),
);
const pointCases = cases.filter((c) => c.criterion.rule.kind !== 'levels');
const levelCases = cases.filter((c) => c.criterion.rule.kind === 'levels');

/** Anything an officer or a broken file might put in a cell. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 200 }),
  fc.string(),
  fc.constantFrom('Có', 'Không', 'head', 'deputy', 'none', 'na', '45%', '2024-01-15'),
  fc.record({ numerator: fc.integer({ min: -2, max: 50 }), denominator: fc.integer({ min: -2, max: 50 }) }),
  fc.array(fc.integer({ min: -1, max: 7 })),
  fc.dictionary(
    fc.constantFrom('organised', 'chairedByHead', 'value', 'bulletins', 'x'),
    fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1 })),
  ),
);

describe('every points criterion, any input', () => {
  test.each(pointCases.map((c) => [`${c.rubric.id} ${c.unit} ${c.criterion.id}`, c] as const))(
    '%s: points in [0, max], never throws',
    (_n, c) => {
      fc.assert(
        fc.property(anyValue, (raw) => {
          const r = scoreCriterion(c.rubric, c.unit, c.criterion, raw);
          expect(['ok', 'missing', 'invalid', 'not-applicable']).toContain(r.status);
          expect(r.points).not.toBeNull();
          expect(r.points!).toBeGreaterThanOrEqual(0);
          expect(r.points!).toBeLessThanOrEqual(r.max ?? 0);
          if (r.status !== 'ok') expect(r.points).toBe(0);
          expect(r.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('ratio rules are monotone', () => {
  const ratioCases = pointCases.filter((c) => c.criterion.rule.kind === 'ratio');
  test('the library has ratio criteria', () => expect(ratioCases.length).toBeGreaterThan(10));
  test.each(ratioCases.map((c) => [`${c.rubric.id} ${c.unit} ${c.criterion.id}`, c] as const))('%s', (_n, c) => {
    const rule = c.criterion.rule as Extract<Criterion['rule'], { kind: 'ratio' }>;
    const value = (r: number) => (rule.input === 'counts' ? { numerator: Math.round(r * 1000), denominator: 1000 } : r);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pLo = scoreCriterion(c.rubric, c.unit, c.criterion, value(lo)).points!;
        const pHi = scoreCriterion(c.rubric, c.unit, c.criterion, value(hi)).points!;
        if (rule.direction === 'lower') expect(pLo).toBeGreaterThanOrEqual(pHi);
        else expect(pHi).toBeGreaterThanOrEqual(pLo);
      }),
      { numRuns: 100 },
    );
  });
});

/** A value for a level criterion together with a worse one. */
function worseningPair(rule: LevelRule): fc.Arbitrary<[unknown, unknown]> {
  const lowerIsBetter = rule.thresholds.some((th) => th && 'type' in th && th.type === 'max-ratio');
  switch (rule.measure) {
    case 'ratio':
      return fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([a, b]) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return lowerIsBetter ? [lo, hi] : [hi, lo];
        });
    case 'count':
      return fc.tuple(fc.nat(20), fc.nat(20)).map(([a, b]) => [Math.max(a, b), Math.min(a, b)]);
    case 'yes':
      return fc.boolean().map((worse) => [true, worse]);
    case 'count-of-total':
      return fc.tuple(fc.integer({ min: 1, max: 30 }), fc.nat(30), fc.nat(30)).map(([d, a, b]) => {
        const [lo, hi] = [Math.min(a, b, d), Math.min(Math.max(a, b), d)];
        return [
          { numerator: hi, denominator: d },
          { numerator: lo, denominator: d },
        ];
      });
    case 'subunit-levels':
      return fc
        .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(5)), { minLength: 1, maxLength: 12 })
        .map((pairs) => [pairs.map(([l]) => l), pairs.map(([l, drop]) => Math.max(0, l - drop))]);
  }
}

describe('levels never rise when an input worsens', () => {
  test('the library has level criteria', () => expect(levelCases.length).toBe(38 + 33));
  test.each(levelCases.map((c) => [`${c.rubric.id} ${c.unit} ${c.criterion.id}`, c] as const))('%s', (_n, c) => {
    fc.assert(
      fc.property(worseningPair(c.criterion.rule as LevelRule), ([better, worse]) => {
        const lBetter = scoreCriterion(c.rubric, c.unit, c.criterion, better).level!;
        const lWorse = scoreCriterion(c.rubric, c.unit, c.criterion, worse).level!;
        expect(lWorse).toBeLessThanOrEqual(lBetter);
      }),
      { numRuns: 60 },
    );
  });

  test('the unit level never rises when one criterion worsens', () => {
    const rubric = allRubrics().find((r) => r.kind === 'levels')!;
    for (const unit of rubric.units.map((u) => u.id)) {
      const criteria = criteriaFor(rubric, unit);
      const pairs = fc.tuple(...criteria.map((c) => worseningPair(c.rule as LevelRule)));
      fc.assert(
        fc.property(pairs, fc.nat(criteria.length - 1), (ps, which) => {
          const before = Object.fromEntries(criteria.map((c, i) => [c.id, ps[i][0]]));
          const after = { ...before, [criteria[which].id]: ps[which][1] };
          const lb = assess(rubric, { unit, values: before }).level!.number;
          const la = assess(rubric, { unit, values: after }).level!.number;
          expect(la).toBeLessThanOrEqual(lb);
        }),
        { numRuns: 200 },
      );
    }
  });
});

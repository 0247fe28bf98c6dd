/**
 * The round trip of a self-assessment through a template (issue 13, Build 5): for random valid
 * and invalid JSON self-assessments of every rubric and unit type, `dti template --from a.json`
 * then `dti score` on the template scores every criterion as `dti score a.json` does — once what
 * the template reports it could not carry is taken out of the JSON. The report must name each
 * thing the generator slipped in that a template cannot hold (an unknown id, `__proto__`, a
 * sub-condition the criterion lacks, a general-information item the rubric lacks, a reading other
 * than the default), and nothing else; exit 1 exactly when it names something.
 *
 * The generator starts from plausible entries (test/support/sample.ts) and replaces some with
 * values officers get wrong: text where a number goes, a share of 90, a bare 1 as a date, an
 * impossible date, a date of 2019, negative counts, objects where one value goes. Bounded: a few
 * runs per rubric and unit type, well under a minute in all.
 */
import fc from 'fast-check';
import { criteriaFor } from '../../src/engine';
import { allRubrics, type Rubric, type UnitId } from '../../src/rubrics';
import { dti } from '../support/dti';
import { sampleValues } from '../support/sample';

interface Scored {
  total: number | null;
  unitName?: string;
  level?: { number: number } | null;
  criteria: { id: string; points: number | null; status: string; level?: number }[];
}

interface Carry {
  lost: { criterion: string; what: string; value: unknown }[];
  changed: unknown[];
}

/** Values officers get wrong, of every type a JSON file can hold. */
const WRONG: unknown[] = [
  'nhiều',
  '',
  ' Có ',
  'Không',
  'Không áp dụng',
  90,
  -3,
  2.5,
  1,
  0,
  1e6,
  true,
  false,
  '45%',
  '2024-02-30',
  '30/02/2025',
  '2019-05-01',
  '15/04/2025',
  '2025-01-20',
  { bogus: 1 },
  [1, 2, 3],
  { numerator: 5 },
  { numerator: 7, denominator: 0 },
];

const pairs = allRubrics().flatMap((r) => r.units.map((u) => [r, u.id] as const));

interface Case {
  file: Record<string, unknown>;
  /** What the template cannot hold, as [criterion, what] the report must list. */
  expected: [string, string][];
}

function caseOf(rubric: Rubric, unit: UnitId): fc.Arbitrary<Case> {
  const ids = criteriaFor(rubric, unit).map((c) => c.id);
  const change = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'keep' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
    { weight: 3, arbitrary: fc.constantFrom(...WRONG).map((value) => ({ kind: 'wrong' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'extra-key' as const }) },
  );
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 1000 }),
      changes: fc.array(change, { minLength: ids.length, maxLength: ids.length }),
      unknownIds: fc.subarray(['ZZ.9', '__proto__', 'constructor', 'I.99.1']),
      year: fc.constantFrom(2024, 2025, undefined),
      unitName: fc.constantFrom('Phường Phú Hội', 'Xã Thử', undefined),
      option: fc.option(fc.integer({ min: 0, max: 10 })),
      general: fc.option(fc.constantFrom<unknown>(1200, 'nhiều', 0, '350')),
      unknownGeneral: fc.boolean(),
    })
    .map(({ seed, changes, unknownIds, year, unitName, option, general, unknownGeneral }) => {
      const sample = sampleValues(rubric, unit, seed, year ?? 2025);
      const values: Record<string, unknown> = {};
      const expected: [string, string][] = [];
      ids.forEach((id, i) => {
        const c = changes[i];
        if (c.kind === 'drop') return;
        if (c.kind === 'wrong') values[id] = c.value;
        else if (c.kind === 'extra-key') {
          // A sub-condition the criterion does not have, beside its own entry.
          const own = sample[id];
          const record = own !== null && typeof own === 'object' && !Array.isArray(own);
          values[id] = record ? { ...own, khac: 3 } : own;
          if (record) expected.push([id, 'Giá trị khac']);
        } else values[id] = sample[id];
      });
      for (const id of unknownIds) {
        // Own properties, as JSON.parse makes them ("__proto__" included).
        Object.defineProperty(values, id, { value: 5, enumerable: true, writable: true, configurable: true });
        expected.push([id, 'Giá trị']);
      }
      const file: Record<string, unknown> = { rubric: rubric.id, unit, values };
      if (year !== undefined) file.year = year;
      if (unitName !== undefined) file.unitName = unitName;
      if (option !== null && rubric.options.length) {
        const o = rubric.options[option % rubric.options.length];
        const choice = o.choices[option % o.choices.length].id;
        file.options = { [o.id]: choice };
        if (choice !== o.default) expected.push(['(cách đọc)', o.id]);
      }
      const g: Record<string, unknown> = {};
      if (general !== null && rubric.general.length) g[rubric.general[0].id] = general;
      if (unknownGeneral) {
        g.khong_co = 7;
        expected.push(['(thông tin chung)', 'khong_co']);
      }
      if (Object.keys(g).length) file.general = g;
      return { file, expected };
    });
}

/** The JSON without what the report says the template could not carry. */
function withoutLost(file: Record<string, unknown>, lost: Carry['lost']): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(file)) as Record<string, Record<string, unknown>>;
  for (const l of lost) {
    if (l.criterion === '(cách đọc)') delete out.options[l.what];
    else if (l.criterion === '(thông tin chung)') delete out.general[l.what];
    else if (l.what === 'Giá trị') delete out.values[l.criterion];
    else {
      const path = l.what.replace(/^Giá trị /, '').split('.');
      let at = out.values[l.criterion] as Record<string, unknown>;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      delete at[path[path.length - 1]];
    }
  }
  return out;
}

const view = (s: Scored) => ({
  total: s.total,
  level: s.level?.number ?? null,
  unitName: s.unitName ?? null,
  criteria: s.criteria.map((c) => ({ id: c.id, points: c.points, status: c.status, level: c.level ?? null })),
});

describe.each(pairs.map(([r, u]) => [`${r.id} ${u}`, r, u] as const))(
  'JSON → template → score: %s',
  (_, rubric, unit) => {
    test('scores as the JSON does, less what the report lists; the report lists what the template cannot hold', async () => {
      await fc.assert(
        fc.asyncProperty(caseOf(rubric, unit), async ({ file, expected }) => {
          const json = JSON.stringify(file);
          const made = await dti(
            ['template', '--rubric', rubric.id, '--unit', unit, '--from', 'a.json', '--out', 't.xlsx', '--json'],
            {
              'a.json': json,
            },
          );
          expect(made.stderr).toBe('');
          const carry = JSON.parse(made.stdout) as Carry;
          const listed = carry.lost.map((l) => [l.criterion, l.what] as [string, string]);
          expect(listed).toEqual(expect.arrayContaining(expected));
          // Anything else listed is a part of an entered object that the criterion's cells do not hold.
          for (const [criterion, what] of listed.filter(([c, w]) => !expected.some(([x, y]) => x === c && y === w))) {
            const path = what === 'Giá trị' ? [] : what.replace(/^Giá trị /, '').split('.');
            const entered = path.reduce<unknown>(
              (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
              (file.values as Record<string, unknown>)[criterion],
            );
            expect([criterion, what, entered === undefined]).toEqual([criterion, what, false]);
          }
          expect(made.code).toBe(listed.length ? 1 : 0);
          const fromTemplate = await dti(['score', 't.xlsx', '--json'], { 't.xlsx': made.written['t.xlsx'] });
          // A file without a year gets this year in the template, and the report says so.
          const stated = { year: new Date().getFullYear(), ...withoutLost(file, carry.lost) };
          if (file.year === undefined)
            expect(carry.changed).toContainEqual(expect.objectContaining({ criterion: '(năm đánh giá)' }));
          const fromJson = await dti(['score', 'b.json', '--json'], { 'b.json': JSON.stringify(stated) });
          expect(fromJson.stderr).toBe('');
          expect(fromTemplate.stderr).toBe('');
          expect(view(JSON.parse(fromTemplate.stdout) as Scored)).toEqual(view(JSON.parse(fromJson.stdout) as Scored));
        }),
        {
          numRuns: Number(process.env.DTI_ROUNDTRIP_RUNS ?? 6),
          seed: Number(process.env.DTI_ROUNDTRIP_SEED ?? 13),
          endOnFailure: true,
        },
      );
    }, 120000);
  },
);

test('an impossible date stays invalid in the template; it never becomes the next month', async () => {
  const file = { rubric: 'hue-931-2024', unit: 'xa', year: 2024, values: { 'II.1': '2024-02-30' } };
  const made = await dti(
    ['template', '--rubric', 'hue-931-2024', '--unit', 'xa', '--from', 'a.json', '--out', 't.xlsx'],
    {
      'a.json': JSON.stringify(file),
    },
  );
  expect(made.code).toBe(0);
  const scored = JSON.parse(
    (await dti(['score', 't.xlsx', '--json'], { 't.xlsx': made.written['t.xlsx'] })).stdout,
  ) as Scored;
  // II.1 takes the plan's date: 2024-02-30 does not exist, so no points (not 5 for "1 March, late").
  expect(scored.criteria.find((c) => c.id === 'II.1')).toMatchObject({ points: 0, status: 'invalid' });
});

test("another rubric's or unit's self-assessment is refused, naming both", async () => {
  const file = JSON.stringify({ rubric: 'hue-931-2024', unit: 'xa', values: { 'I.1': true } });
  const r = await dti(
    ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 't.xlsx'],
    { 'a.json': file },
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('a.json: bản tự đánh giá theo hue-931-2024 (xa), không phải hue-2263-2023 (xa)');
  expect(r.written).toEqual({});
  const unit = await dti(
    ['template', '--rubric', 'hue-931-2024', '--unit', 'so', '--from', 'a.json', '--out', 't.xlsx', '--lang', 'en'],
    {
      'a.json': file,
    },
  );
  expect(unit.code).toBe(2);
  expect(unit.stderr).toContain('a self-assessment for hue-931-2024 (xa), not hue-931-2024 (so)');
});

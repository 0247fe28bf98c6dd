/**
 * Plausible, valid sample entries for any rubric and unit type — for the demo workbook, the
 * examples and the benchmarks. Deterministic for a given seed, so demos and figures repeat.
 */
import type { Criterion, LevelRule, PointRule, Rubric, UnitId } from '../../src/rubrics';
import { criteriaFor } from '../../src/engine';

/** Small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleValues(rubric: Rubric, unit: UnitId, seed = 1, year = 2025): Record<string, unknown> {
  const rnd = random(seed);
  const defaults = Object.fromEntries(rubric.options.map((o) => [o.id, o.default]));
  const sample = (c: Criterion) =>
    c.rule.kind === 'levels' ? sampleLevel(c.rule, rnd) : samplePoints(c.rule, { rnd, year, c, defaults });
  return Object.fromEntries(criteriaFor(rubric, unit).map((c) => [c.id, sample(c)]));
}

interface SampleContext {
  rnd: () => number;
  year: number;
  c: Criterion;
  defaults: Record<string, string>;
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const ratio = (rnd: () => number) => Math.round((0.4 + rnd() * 0.6) * 100) / 100;
const counts = (rnd: () => number) => {
  const denominator = 10 + Math.floor(rnd() * 90);
  return { numerator: Math.floor(denominator * (0.4 + rnd() * 0.6)), denominator };
};

function samplePoints(rule: PointRule, ctx: SampleContext): unknown {
  const { rnd, year, c } = ctx;
  switch (rule.kind) {
    case 'boolean':
      return rnd() < 0.8;
    case 'options':
      return pick(rnd, rule.options).id;
    case 'ratio':
      return rule.input === 'counts' || (rule.input === 'either' && rnd() < 0.5) ? counts(rnd) : ratio(rnd);
    case 'count-steps':
      return Math.floor(rnd() * (Math.max(...rule.steps.map((s) => s.min)) + 2));
    case 'count-limit':
      return rnd() < 0.7 ? 0 : 1 + Math.floor(rnd() * 3);
    case 'per-item':
      return Math.floor(rnd() * ((rule.cap ?? 10) / rule.points + 2));
    case 'count-target':
      return Math.floor(rnd() * (rule.target * 1.3 + 1));
    case 'additive':
      return Object.fromEntries(rule.parts.map((p) => [p.id, rnd() < 0.75]));
    case 'deadline':
      return `${year}-${String(1 + Math.floor(rnd() * 4)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    case 'assessed': {
      const max = typeof c.max === 'number' ? c.max : Math.max(0, ...Object.values(c.max ?? {}).map(Number));
      return Math.round(max * (0.5 + rnd() * 0.5) * 2) / 2;
    }
    case 'collect':
      return rule.input === 'boolean'
        ? true
        : rule.input === 'text'
          ? 'Ghi chú'
          : rule.input === 'date'
            ? `${year}-06-30`
            : rule.input === 'ratio'
              ? ratio(rnd)
              : Math.floor(rnd() * 100);
    case 'best-of':
      return Object.fromEntries(rule.alternatives.map((a) => [a.id, samplePoints(a.rule, ctx)]));
    case 'gated':
      return { [rule.gate.id]: rule.gate.minCount + Math.floor(rnd() * 5) - 1, value: samplePoints(rule.rule, ctx) };
    case 'by-option':
      return samplePoints(rule.rules[ctx.defaults[rule.option]] ?? Object.values(rule.rules)[0], ctx);
  }
}

function sampleLevel(rule: LevelRule, rnd: () => number): unknown {
  switch (rule.measure) {
    case 'ratio':
      return ratio(rnd);
    case 'count':
      return Math.floor(rnd() * 6);
    case 'yes':
      return rnd() < 0.8;
    case 'count-of-total':
      return counts(rnd);
    case 'subunit-levels':
      return Array.from({ length: 8 + Math.floor(rnd() * 12) }, () => 1 + Math.floor(rnd() * 4));
  }
}

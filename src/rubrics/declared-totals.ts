/**
 * The totals and counts a decision declares, checked against its data: each unit type's number of
 * scored criteria and max points, each pillar's, and the rubric's own consistency (every pillar,
 * list, option and group a criterion names exists; ids unique per unit type; additive parts summing
 * to the max). Run by the schema's refinement, so a mistyped point fails when the rubric is loaded.
 */
import type { z } from 'zod';
import { criterionMax, isScored } from './model';
import type { Rubric } from './schema';

export function checkDeclaredTotals(rubric: Omit<Rubric, never>, ctx: z.RefinementCtx): void {
  const issue = (message: string, path: (string | number)[] = []) => ctx.addIssue({ code: 'custom', message, path });
  const round = (n: number) => Math.round(n * 1000) / 1000;

  const seen = new Set<string>();
  const once = (key: string, message: string, path: (string | number)[]) => {
    if (seen.has(key)) issue(message, path);
    seen.add(key);
  };
  const allUnits = rubric.units.map((u) => u.id);
  const pillarUnits = (p: Rubric['pillars'][number]) => p.units ?? allUnits;
  rubric.pillars.forEach((p, i) => {
    for (const u of pillarUnits(p)) once(`pillar ${p.id} ${u}`, `duplicate pillar ${p.id} for ${u}`, ['pillars', i]);
  });
  rubric.criteria.forEach((c, i) => {
    for (const u of c.units)
      once(`criterion ${c.id} ${u}`, `duplicate criterion ${c.id} for ${u}`, ['criteria', i, 'id']);
  });
  const unitIds = new Set(rubric.units.map((u) => u.id));
  const levelCount = rubric.levels?.length ?? 0;
  const optionIds = new Map(rubric.options.map((o) => [o.id, new Set(o.choices.map((c) => c.id))]));

  const groupIds = new Set(rubric.groups.map((g) => g.id));
  const generalIds = new Set(rubric.general.map((g) => g.id));
  const denominatorsOf = (rule: Rubric['criteria'][number]['rule']): (string | undefined)[] =>
    rule.kind === 'ratio'
      ? [rule.denominatorGeneral]
      : rule.kind === 'by-option'
        ? Object.values(rule.rules).flatMap(denominatorsOf)
        : rule.kind === 'gated'
          ? denominatorsOf(rule.rule)
          : rule.kind === 'best-of'
            ? rule.alternatives.flatMap((a) => denominatorsOf(a.rule))
            : [];
  for (const u of rubric.units)
    if (u.names && !rubric.lists[u.names]) issue(`unit ${u.id}: unknown list ${u.names}`, ['units']);
  for (const o of rubric.options)
    if (o.overrides === 'zeroDenominator')
      for (const ch of o.choices)
        if (!['as-read', 'full', 'zero', 'not-applicable'].includes(ch.id))
          issue(`option ${o.id}: choice ${ch.id} is not a zero-denominator reading`, ['options']);
  rubric.criteria.forEach((c, i) => {
    const at = ['criteria', i];
    for (const g of denominatorsOf(c.rule))
      if (g && !generalIds.has(g)) issue(`${c.id}: no general-information item ${g}`, [...at, 'rule']);
    if (c.deadline?.option) {
      const choices = optionIds.get(c.deadline.option);
      if (!choices || ![...choices].every((ch) => ch === 'inclusive' || ch === 'exclusive'))
        issue(`${c.id}: deadline option ${c.deadline.option} must exist with choices inclusive/exclusive`, [
          ...at,
          'deadline',
        ]);
    }
    if (c.parent && rubric.groups.length && !groupIds.has(c.parent))
      issue(`${c.id}: no group heading ${c.parent}`, [...at, 'parent']);
    for (const u of c.units)
      if (!rubric.pillars.some((p) => p.id === c.pillar && pillarUnits(p).includes(u)))
        issue(`${c.id}: no pillar ${c.pillar} for unit ${u}`, [...at, 'pillar']);
    if (!c.id.startsWith(`${c.pillar}.`)) issue(`${c.id}: id must start with its pillar ${c.pillar}.`, [...at, 'id']);
    for (const u of c.units)
      if (!unitIds.has(u)) issue(`${c.id}: unit ${u} is not a unit of this rubric`, [...at, 'units']);
    if (c.onlyFor && !rubric.lists[c.onlyFor.list])
      issue(`${c.id}: unknown list ${c.onlyFor.list}`, [...at, 'onlyFor']);

    if (rubric.kind === 'levels') {
      if (c.rule.kind !== 'levels') issue(`${c.id}: a level rubric needs level rules`, [...at, 'rule']);
      else if (c.rule.thresholds.length !== levelCount)
        issue(`${c.id}: ${c.rule.thresholds.length} thresholds for ${levelCount} levels`, [
          ...at,
          'rule',
          'thresholds',
        ]);
    } else {
      if (c.rule.kind === 'levels') issue(`${c.id}: level rule in a points rubric`, [...at, 'rule']);
      if (c.max === undefined) issue(`${c.id}: max points missing`, [...at, 'max']);
      if (c.rule.kind === 'by-option') {
        const choices = optionIds.get(c.rule.option);
        if (!choices) issue(`${c.id}: unknown option ${c.rule.option}`, [...at, 'rule', 'option']);
        else
          for (const choice of choices)
            if (!(choice in c.rule.rules)) issue(`${c.id}: no rule for option choice ${choice}`, [...at, 'rule']);
      }
      for (const u of c.units) {
        const max = criterionMax(c, u);
        if (c.rule.kind === 'collect' && max !== 0) issue(`${c.id}: a collected criterion has max 0`, [...at, 'max']);
        if (c.rule.kind === 'additive') {
          const sum = c.rule.parts.reduce((s, p) => s + p.points, 0);
          if (round(sum) !== round(max)) issue(`${c.id}: parts sum to ${sum}, max is ${max} for ${u}`, [...at, 'rule']);
        }
      }
    }
  });
  const capOption = rubric.councilBonus?.capOption;
  if (
    capOption !== undefined &&
    !rubric.options.find((o) => o.id === capOption)?.choices.every((c) => Number(c.id) > 0)
  )
    issue(`councilBonus: option ${capOption} must exist with point amounts as choices`, ['councilBonus']);
  if (rubric.councilBonus && rubric.kind !== 'points')
    issue('councilBonus: only a points rubric adds points', ['councilBonus']);
  for (const o of rubric.options)
    if (!o.choices.some((c) => c.id === o.default))
      issue(`option ${o.id}: default ${o.default} is not a choice`, ['options']);

  // What the decision declares.
  for (const unit of rubric.units) {
    const applicable = rubric.criteria.filter((c) => c.units.includes(unit.id) && isScored(c));
    const count = applicable.length;
    const max = round(applicable.reduce((s, c) => s + criterionMax(c, unit.id), 0));
    if (unit.expect.criteria !== undefined && count !== unit.expect.criteria)
      issue(`${unit.id}: ${count} scored criteria, the decision declares ${unit.expect.criteria}`, ['units']);
    if (unit.expect.max !== undefined && max !== unit.expect.max)
      issue(`${unit.id}: criteria add up to ${max} points, the decision declares ${unit.expect.max}`, ['units']);
    for (const pillar of rubric.pillars.filter((p) => pillarUnits(p).includes(unit.id))) {
      const expect = pillar.expect?.[unit.id];
      if (!expect) continue;
      const inPillar = applicable.filter((c) => c.pillar === pillar.id);
      const pMax = round(inPillar.reduce((s, c) => s + criterionMax(c, unit.id), 0));
      if (expect.criteria !== undefined && inPillar.length !== expect.criteria)
        issue(`${unit.id} pillar ${pillar.id}: ${inPillar.length} criteria, declared ${expect.criteria}`, ['pillars']);
      if (expect.max !== undefined && pMax !== expect.max)
        issue(`${unit.id} pillar ${pillar.id}: ${pMax} points, declared ${expect.max}`, ['pillars']);
    }
  }
}

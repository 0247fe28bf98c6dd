/** `dti rubrics` and `dti criteria`: what the rubric library holds. */
import { criteriaFor, expected, resolveUnit } from '../engine';
import { num, say, t } from '../base';
import { allRubrics, criterionMax, getRubric, isScored } from '../rubrics';
import type { Args } from './args';
import { table } from './format';
import { usageError } from './help';
import type { Io } from './io';

export function cmdRubrics(args: Args, io: Io): number {
  const rows = allRubrics().flatMap((r) =>
    r.units.map((u) => {
      const applicable = criteriaFor(r, u.id).filter(isScored);
      return {
        rubric: r.id,
        unit: u.id,
        criteria: applicable.length,
        max: r.kind === 'levels' ? null : applicable.reduce((s, c) => s + criterionMax(c, u.id), 0),
        decision: r.decision.number,
        unitLabel: say(u.label, args.lang),
      };
    }),
  );
  if (args.json) {
    io.out(
      JSON.stringify(
        rows.map(({ rubric, unit, criteria, max }) => ({ rubric, unit, criteria, max })),
        null,
        2,
      ),
    );
    return 0;
  }
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  io.out(
    table(
      [
        L('Bộ tiêu chí', 'Rubric'),
        L('Quyết định', 'Decision'),
        L('Đơn vị', 'Unit'),
        L('Tiêu chí', 'Criteria'),
        L('Tối đa', 'Max'),
      ],
      rows.map((r) => [
        r.rubric,
        r.decision,
        `${r.unit} (${r.unitLabel})`,
        String(r.criteria),
        r.max === null ? L('mức độ 1–5', 'levels 1–5') : num(r.max, args.lang),
      ]),
      [16, 14, 34, 8, 11],
      [3, 4],
    ),
  );
  return 0;
}

export function cmdCriteria(args: Args, io: Io): number {
  const [rubricId, unitArg] = args.positional;
  if (!rubricId || !unitArg) throw usageError('criteria');
  const rubric = getRubric(rubricId);
  const unit = resolveUnit(rubric, unitArg);
  const list = criteriaFor(rubric, unit).map((c) => ({
    id: c.id,
    pillar: c.pillar,
    title: c.title,
    max: rubric.kind === 'levels' ? null : criterionMax(c, unit),
    rule: c.rule.kind,
    expects: say(expected(c), args.lang),
    deadline: c.deadline?.by ?? null,
    signedEvidence: c.evidence?.signed ?? false,
  }));
  if (args.json) {
    io.out(JSON.stringify(list, null, 2));
    return 0;
  }
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  io.out(
    table(
      [L('Mã', 'Id'), L('Tiêu chí', 'Criterion'), L('Tối đa', 'Max'), L('Cần nhập', 'Expects')],
      list.map((c) => [c.id, c.title, c.max === null ? '' : num(c.max, args.lang), c.expects]),
      [8, 56, 6, 60],
      [2],
    ),
  );
  return 0;
}

/** `dti rubrics` and `dti criteria`: what the rubric library holds. */
import { criteriaFor, inputModel, resolveUnit } from '../engine';
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
  const { lang } = args;
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const criteria = criteriaFor(rubric, unit).map((c) => ({
    id: c.id,
    pillar: c.pillar,
    title: c.title,
    max: rubric.kind === 'levels' ? null : criterionMax(c, unit),
    rule: c.rule.kind,
    deadline: c.deadline?.by ?? null,
    signedEvidence: c.evidence?.signed ?? false,
    input: inputModel(rubric, unit, c),
  }));
  if (args.json) {
    const general = rubric.general.map((g) => ({ id: g.id, label: g.label, kind: g.kind }));
    const options = rubric.options.map((o) => ({ id: o.id, title: o.title, default: o.default, choices: o.choices }));
    io.out(JSON.stringify({ rubric: rubric.id, unit, general, options, criteria }, null, 2));
    return 0;
  }
  const lines: string[] = [];
  if (rubric.general.length)
    lines.push(
      L('Thông tin chung ("general" trong tệp .json):', 'General information ("general" in a .json file):'),
      ...rubric.general.map((g) => `  ${g.id.padEnd(16)} ${say(g.label, lang)}`),
      '',
    );
  for (const c of criteria) {
    const m = c.input;
    const max = c.max === null ? '' : ` (${L('tối đa', 'max')} ${num(c.max, lang)})`;
    lines.push(`${c.id.padEnd(9)}${c.title}${max}`);
    const pad = ' '.repeat(9);
    for (const s of m.slots) {
      const codes = s.choices ? `  [${L('mã', 'ids')}: ${s.choices.map((ch) => ch.id).join(' / ')}]` : '';
      const from = s.general
        ? `  (${L('để trống: lấy từ thông tin chung', 'blank: taken from the general information')} "${s.general}")`
        : '';
      const key = m.slots.length > 1 ? `"${s.key}" ` : '';
      lines.push(`${pad}· ${key}${say(s.label, lang)}: ${say(s.forms, lang)}${codes}${from}`);
    }
    if (m.notApplicable)
      lines.push(
        `${pad}${L('Được nhập "Không áp dụng"', 'May be "Không áp dụng" (not applicable)')}: ${m.notApplicable}`,
      );
    if (m.context.some((x) => x.kind === 'year'))
      lines.push(`${pad}${L('Cần năm đánh giá ("year")', 'Needs the assessment year ("year")')}`);
    if (m.context.some((x) => x.kind === 'unit-name'))
      lines.push(`${pad}${L('Cần tên đơn vị ("unitName")', 'Needs the unit name ("unitName")')}`);
    lines.push(`${pad}${L('Ví dụ', 'Example')}: ${JSON.stringify(m.example)}`);
  }
  io.out(lines.join('\n'));
  return 0;
}

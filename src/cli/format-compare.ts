/** `dti score --previous`: this year beside last year, as terminal tables and as the `previous` JSON object. */
import type { Comparison, Remark, YearSide } from '../engine';
import { num, say, t, type Lang } from '../base';
import { table } from './format';

const remarks = (list: Remark[], lang: Lang) => list.map((r) => say(r.text, lang)).join('; ');

export function formatComparison(c: Comparison, lang: Lang): string {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : num(x, lang));
  const signed = (x: number | null) => (x === null ? '' : x > 0 ? `+${num(x, lang)}` : n(x));
  const shown = (s: YearSide | null) =>
    s ? (s.max !== null && s.max > 0 ? `${n(s.value)}/${n(s.max)}` : n(s.value)) : '';
  const year = c.previous.year ?? L('năm trước', 'last year');
  const other = c.previous.rubric !== c.current.rubric || c.previous.version !== c.current.version;
  const out: string[] = [];
  out.push(
    `${L('So sánh với năm', 'Compared with')} ${year}` +
      (other ? ` (${L('chấm theo', 'scored under')} ${c.previous.rubric} v${c.previous.version})` : ''),
  );
  for (const w of c.warnings) out.push(`! ${say(w, lang)}`);
  out.push('');
  const head = [L('Trụ cột', 'Pillar'), L('Tên', 'Name'), L('Năm trước', 'Last year'), L('Năm nay', 'This year')];
  const rows = c.pillars.map((p) => [
    p.id,
    p.title,
    shown(p.previous),
    shown(p.current),
    signed(p.change),
    remarks(p.remarks, lang),
  ]);
  rows.push([
    '',
    L('Tổng', 'Total'),
    shown(c.total.previous),
    shown(c.total.current),
    signed(c.total.change),
    remarks(c.total.remarks, lang),
  ]);
  const changeHead = L('Thay đổi', 'Change');
  const noteHead = L('Ghi chú', 'Remark');
  out.push(table([...head, changeHead, noteHead], rows, [7, 40, 10, 10, 9, 50], [2, 3, 4]));
  out.push('');
  const criteria = c.criteria.map((x) => [
    x.id,
    x.title,
    shown(x.previous),
    shown(x.current),
    signed(x.change),
    remarks(x.remarks, lang),
  ]);
  out.push(
    table(
      [L('Mã', 'Id'), L('Tiêu chí', 'Criterion'), head[2], head[3], changeHead, noteHead],
      criteria,
      [8, 40, 10, 10, 9, 60],
      [2, 3, 4],
    ),
  );
  const added = c.criteria.filter((x) => !x.previous).map((x) => x.id);
  const removed = c.criteria.filter((x) => !x.current).map((x) => x.id);
  out.push('');
  out.push(
    `${L('Tiêu chí mới, không có năm trước', 'New criteria, not in last year’s set')} (${added.length}): ${added.join(', ') || '—'}`,
  );
  out.push(
    `${L('Tiêu chí năm trước không còn năm nay', 'Last year’s criteria no longer in the set')} (${removed.length}): ${removed.join(', ') || '—'}`,
  );
  return out.join('\n');
}

/** The `previous` object of `dti score --json`: remarks and warnings in the language asked for. */
export function comparisonJson(c: Comparison, lang: Lang) {
  const words = (list: Remark[]) => list.map((r) => ({ kind: r.kind, message: say(r.text, lang) }));
  return {
    ...c.previous,
    current: c.current,
    total: { ...c.total, remarks: words(c.total.remarks) },
    pillars: c.pillars.map((p) => ({ ...p, remarks: words(p.remarks) })),
    criteria: c.criteria.map((x) => ({ ...x, remarks: words(x.remarks) })),
    added: c.criteria.filter((x) => !x.previous).map((x) => x.id),
    removed: c.criteria.filter((x) => !x.current).map((x) => x.id),
    warnings: c.warnings.map((w) => say(w, lang)),
  };
}

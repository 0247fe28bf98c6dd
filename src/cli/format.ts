/** Plain-text tables for the terminal, Vietnamese by default. */
import type { Assessment } from '../engine';
import { num, say, t, type Lang } from '../base';

export { clip, clipEchoes } from './safe-text';

/** Pads by code points of the NFC form, so precomposed Vietnamese letters count as one column. */
function pad(s: string, width: number, right = false): string {
  const text = s.normalize('NFC');
  const len = [...text].length;
  if (len > width) return [...text].slice(0, width - 1).join('') + '…';
  const fill = ' '.repeat(width - len);
  return right ? fill + text : text + fill;
}

export function table(headers: string[], rows: string[][], widths: number[], rightAligned: number[] = []): string {
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], rightAligned.includes(i)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const STATUS: Record<string, { vi: string; en: string }> = {
  ok: t('đã chấm', 'scored'),
  missing: t('chưa nhập', 'missing'),
  invalid: t('LỖI', 'ERROR'),
  'not-applicable': t('không áp dụng', 'not applicable'),
};

export function formatAssessment(a: Assessment, rubricTitle: string, lang: Lang): string {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const n = (x: number | null) => (x === null ? '' : num(x, lang));
  const out: string[] = [];
  out.push(`${rubricTitle}`);
  out.push(
    `${L('Bộ tiêu chí', 'Rubric')}: ${a.rubric} v${a.version} · ${L('Đơn vị', 'Unit')}: ${a.unit}${a.unitName ? ` — ${a.unitName}` : ''}`,
  );
  out.push('');
  const isLevel = a.level !== null;
  const headers = isLevel
    ? [L('Mã', 'Id'), L('Tiêu chí', 'Criterion'), L('Mức', 'Level'), L('Trạng thái', 'Status'), L('Ghi chú', 'Message')]
    : [
        L('Mã', 'Id'),
        L('Tiêu chí', 'Criterion'),
        L('Điểm', 'Points'),
        L('Tối đa', 'Max'),
        L('Trạng thái', 'Status'),
        L('Ghi chú', 'Message'),
      ];
  const rows = a.criteria.map((c) => {
    const status = say(STATUS[c.status], lang);
    return isLevel
      ? [c.id, c.title, String(c.level ?? 0), status, c.message]
      : [
          c.id,
          c.title,
          n(c.points) + (c.effect === 'bonus' ? '+' : c.effect === 'penalty' ? '−' : ''),
          n(c.max),
          status,
          c.message,
        ];
  });
  out.push(
    isLevel ? table(headers, rows, [7, 46, 4, 13, 60], [2]) : table(headers, rows, [8, 46, 6, 6, 13, 60], [2, 3]),
  );
  out.push('');
  const pillarRows = a.pillars.map((p) =>
    isLevel ? [p.id, p.title, String(p.level ?? '')] : [p.id, p.title, n(p.points), n(p.max)],
  );
  out.push(
    isLevel
      ? table([L('Nhóm', 'Group'), L('Tên', 'Name'), L('Mức', 'Level')], pillarRows, [6, 46, 4], [2])
      : table(
          [L('Trụ cột', 'Pillar'), L('Tên', 'Name'), L('Điểm', 'Points'), L('Tối đa', 'Max')],
          pillarRows,
          [7, 46, 7, 7],
          [2, 3],
        ),
  );
  out.push('');
  if (isLevel) {
    out.push(`${L('Mức độ chuyển đổi số', 'Digital transformation level')}: ${a.level!.number} — ${a.level!.name}`);
    if (a.nextLevel) {
      out.push(
        `${L('Để đạt mức', 'To reach level')} ${a.nextLevel.number} (${a.nextLevel.name}), ${L('còn thiếu', 'still missing')}:`,
      );
      for (const s of a.nextLevel.shortfalls)
        out.push(`  • ${s.criterion} ${s.title}: ${L('cần', 'needs')} ${s.required}; ${s.shortfall}`);
    }
    const r = a.registered;
    if (r && r.reached)
      out.push(`${L('Đã đạt mức đăng ký', 'The registered level is reached')}: ${r.number} (${r.name})`);
    else if (r) {
      out.push(
        `${L('Còn thiếu để đạt mức đăng ký', 'Still missing for the registered level')} ${r.number} (${r.name}):`,
      );
      for (const s of r.shortfalls)
        out.push(`  • ${s.criterion} ${s.title}: ${L('cần', 'needs')} ${s.required}; ${s.shortfall}`);
    }
  } else {
    out.push(`${L('Tổng điểm', 'Total')}: ${n(a.total)} / ${n(a.max)} (${n(a.percent)}%)`);
  }
  if (a.problems.length) {
    out.push('');
    out.push(`${L('Vấn đề', 'Problems')} (${a.problems.length}):`);
    for (const p of a.problems)
      out.push(`  ${p.severity === 'error' ? '✗' : '!'} ${p.criterion ? `${p.criterion}: ` : ''}${p.message}`);
  }
  return out.join('\n');
}

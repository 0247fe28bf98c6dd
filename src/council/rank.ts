/**
 * Ranking the units of one rubric and unit type from their re-scored submissions, and writing the
 * council's ranking workbook and CSV.
 *
 * Tie rule: units with equal totals (to the hundredth of a point) share a rank and the next rank
 * skips (1, 2, 2, 4 — "standard competition ranking"); tied units are listed by name. Level rubrics
 * rank by level, then by the number of criteria already at the next level. Submissions that could
 * not be scored, or whose signature is not valid, are listed after the ranked units without a rank.
 */
import ExcelJS from 'exceljs';
import type { Rubric } from '../rubrics/schema';
import type { SubmissionResult } from './submission';

export interface RankedRow {
  rank: number | null;
  submission: SubmissionResult;
  key: number[];
}

export type RankBy = 'total' | 'percent';

const ACCEPTED = new Set(['valid', 'valid-untrusted']);

export function rankSubmissions(rubric: Rubric, submissions: SubmissionResult[], by: RankBy = 'total', requireTrusted = false): RankedRow[] {
  const rankable = (s: SubmissionResult) => s.assessment && (requireTrusted ? s.status === 'valid' : ACCEPTED.has(s.status));
  const keyOf = (s: SubmissionResult): number[] => {
    const a = s.assessment!;
    if (rubric.kind === 'levels') {
      const next = a.nextLevel ? a.criteria.length - a.nextLevel.shortfalls.length : a.criteria.length;
      return [a.level?.number ?? 0, next];
    }
    return [Math.round(((by === 'percent' ? a.percent : a.total) ?? 0) * 100)];
  };
  const name = (s: SubmissionResult) => s.unitName || s.file;
  const ranked = submissions
    .filter(rankable)
    .map((s) => ({ submission: s, key: keyOf(s), rank: 0 as number | null }))
    .sort((x, y) => compareKeys(y.key, x.key) || name(x.submission).localeCompare(name(y.submission), 'vi'));
  ranked.forEach((row, i) => {
    row.rank = i > 0 && compareKeys(row.key, ranked[i - 1].key) === 0 ? ranked[i - 1].rank : i + 1;
  });
  const rest = submissions.filter((s) => !rankable(s)).map((s) => ({ submission: s, key: [], rank: null }));
  return [...ranked, ...rest];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

const STATUS_VI: Record<string, string> = {
  valid: 'Hợp lệ',
  'valid-untrusted': 'Hợp lệ, chưa xác thực nguồn cấp',
  partial: 'Ký một phần',
  invalid: 'Không hợp lệ',
  unsigned: 'Chưa ký',
  malformed: 'Tệp lỗi',
};

interface Column {
  header: string;
  width: number;
  value: (r: RankedRow) => string | number | null;
}

function columns(rubric: Rubric, rows: RankedRow[]): Column[] {
  const pillars = rows.find((r) => r.submission.assessment)?.submission.assessment?.pillars ?? [];
  const isLevel = rubric.kind === 'levels';
  const problems = (r: RankedRow) =>
    [
      ...r.submission.problems,
      ...r.submission.differences.map((d) => `${d.criterion} (${d.cell}): trong tệp ${String(d.stored)}, chấm lại ${String(d.recomputed)}`),
      ...(ACCEPTED.has(r.submission.status) ? [] : r.submission.reasons),
    ].join('; ');
  return [
    { header: 'Hạng', width: 6, value: (r) => r.rank },
    { header: 'Đơn vị', width: 30, value: (r) => r.submission.unitName ?? '' },
    { header: 'Tệp', width: 28, value: (r) => r.submission.file },
    ...(isLevel
      ? [
          { header: 'Mức độ', width: 8, value: (r: RankedRow) => r.submission.assessment?.level?.number ?? null },
          { header: 'Tên mức', width: 14, value: (r: RankedRow) => r.submission.assessment?.level?.name ?? '' },
        ]
      : [
          { header: 'Tổng điểm', width: 10, value: (r: RankedRow) => r.submission.assessment?.total ?? null },
          { header: 'Tối đa', width: 8, value: (r: RankedRow) => r.submission.assessment?.max ?? null },
          { header: 'Tỷ lệ (%)', width: 9, value: (r: RankedRow) => r.submission.assessment?.percent ?? null },
        ]),
    ...pillars.map((p) => ({
      header: isLevel ? `${p.id}. ${p.title} (mức)` : `${p.id}. ${p.title}`,
      width: 12,
      value: (r: RankedRow) => {
        const q = r.submission.assessment?.pillars.find((x) => x.id === p.id);
        return (isLevel ? q?.level : q?.points) ?? null;
      },
    })),
    { header: 'Chữ ký số', width: 18, value: (r) => STATUS_VI[r.submission.status] ?? r.submission.status },
    { header: 'Người ký', width: 28, value: (r) => r.submission.signer ?? '' },
    { header: 'Thời điểm ký', width: 20, value: (r) => r.submission.signedAt ?? '' },
    { header: 'Niêm phong', width: 12, value: (r) => ({ valid: 'Khớp', broken: 'KHÔNG KHỚP', absent: 'Không có' })[r.submission.seal] },
    { header: 'Sai khác so với tệp', width: 10, value: (r) => r.submission.differences.length },
    { header: 'Vấn đề', width: 60, value: problems },
  ];
}

export async function rankingWorkbook(rubric: Rubric, unitLabel: string, rows: RankedRow[]): Promise<Uint8Array> {
  const cols = columns(rubric, rows);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CDS DTI — Hội đồng thẩm định';
  const ws = wb.addWorksheet('Xếp hạng', { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  ws.getCell('A1').value = `XẾP HẠNG CHUYỂN ĐỔI SỐ — ${rubric.title}`;
  ws.getCell('A1').font = { bold: true, size: 14, color: { argb: 'FF0F6CBD' } };
  ws.getCell('A2').value = `Quyết định ${rubric.decision.number} · ${unitLabel} · chấm lại từ số liệu nhập, không dùng số lưu trong tệp · đồng hạng khi bằng điểm (1, 2, 2, 4)`;
  ws.getCell('A2').font = { italic: true, size: 10 };
  cols.forEach((c, i) => {
    const cell = ws.getRow(3).getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0F6CBD' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    ws.getColumn(i + 1).width = c.width;
  });
  rows.forEach((r, j) => {
    const row = ws.getRow(4 + j);
    cols.forEach((c, i) => (row.getCell(i + 1).value = c.value(r)));
    if (!ACCEPTED.has(r.submission.status) || r.submission.seal === 'broken' || r.submission.differences.length)
      row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE7E9' } }));
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: cols.length } };
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function rankingCsv(rubric: Rubric, rows: RankedRow[]): string {
  const cols = columns(rubric, rows);
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [cols.map((c) => esc(c.header)).join(','), ...rows.map((r) => cols.map((c) => esc(c.value(r))).join(','))].join('\n') + '\n';
}

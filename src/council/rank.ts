/**
 * Ranking the units of one rubric and unit type from their re-scored submissions, and writing the
 * council's ranking workbook and CSV.
 *
 * Tie rule: units with equal totals (to the hundredth of a point) share a rank and the next rank
 * skips (1, 2, 2, 4 — "standard competition ranking"); tied units are listed by name. Level rubrics
 * rank by level, then by the number of criteria already at the next level. Submissions that could
 * not be scored, whose signature is not valid or whose seal does not match are listed after the
 * ranked units without a rank, with the reason.
 *
 * The CSV is made safe to open in a spreadsheet: text that would run as a formula is neutralised.
 */
import ExcelJS from 'exceljs';
import { num, say, t, type Lang, type Text } from '../base';
import type { Rubric } from '../rubrics';
import { SEAL_MISMATCH, SEAL_STATUS, SIGNATURE_STATUS, signingTimeText } from './labels';
import type { SubmissionAssessment, SubmissionResult } from './submission';

export interface RankedRow {
  rank: number | null;
  submission: SubmissionResult;
  key: number[];
  /** Why the submission has no rank; empty when it is ranked. */
  unranked: Text[];
}

export type RankBy = 'total' | 'percent';

const ACCEPTED = new Set(['valid', 'valid-untrusted']);

const SIGNATURE_NOT_ACCEPTED: Record<SubmissionResult['status'], Text> = {
  valid: t('', ''),
  'valid-untrusted': t(
    'Chữ ký số không thuộc chứng thư gốc nào đã cho (--trust)',
    'The signature does not chain to any given root certificate (--trust)',
  ),
  partial: t('Chữ ký số không bao phủ toàn bộ tệp', 'The digital signature does not cover the whole file'),
  invalid: t('Chữ ký số không hợp lệ', 'Invalid digital signature'),
  unsigned: t('Chưa ký số', 'Not digitally signed'),
  malformed: t('Tệp lỗi, không đọc được', 'Broken file, cannot be read'),
};

/**
 * Why a submission gets no rank (empty when it gets one): its signature is not accepted — unsigned,
 * invalid, partial, untrusted under --trust, unreadable —, its seal does not match, and/or it could
 * not be scored, for which its problems say why (not a template, another rubric or unit, an
 * unknown rubric).
 */
export function whyUnranked(s: SubmissionResult, requireTrusted = false): Text[] {
  const signatureAccepted = requireTrusted ? s.status === 'valid' : ACCEPTED.has(s.status);
  const why = signatureAccepted ? [] : [SIGNATURE_NOT_ACCEPTED[s.status]];
  why.push(...(s.excluded ?? []));
  // As dti verify rejects it: what was signed is not what the unit sealed. (Under a broken
  // signature the seal adds nothing: the file was changed after signing either way.)
  if (signatureAccepted && s.seal === 'broken') why.push(SEAL_MISMATCH);
  // An ambiguous layout (a criterion on two rows, the rubric in the sheet differing from _dti):
  // which entries are the unit's is not known, so no score from them is ranked.
  for (const p of s.templateProblems ?? []) why.push(t(p, p));
  if (s.assessment) return why;
  // Problems are written in the batch's language already.
  const rest = s.problems.filter((p) => !(s.templateProblems ?? []).includes(p));
  if (rest.length) return [...why, ...rest.map((p) => t(p, p))];
  return why.length ? why : [t('Không chấm được', 'Could not be scored')];
}

/**
 * What a unit is ranked by: its total (or percent) to the hundredth of a point; for level rubrics
 * its level, then how many of its criteria already reach the next level (all of them at the top).
 * The council's workbook writes the same key as a formula over the appraised cells.
 */
export function rankKey(
  rubric: Rubric,
  a: Pick<SubmissionAssessment, 'total' | 'percent' | 'level' | 'criteria'>,
  by: RankBy = 'total',
): number[] {
  if (rubric.kind === 'levels') {
    const level = a.level?.number ?? 0;
    const next = Math.min(level + 1, rubric.levels?.length ?? 0);
    return [level, a.criteria.filter((c) => (c.level ?? 0) >= next).length];
  }
  return [Math.round(((by === 'percent' ? a.percent : a.total) ?? 0) * 100)];
}

export function rankSubmissions(
  rubric: Rubric,
  submissions: SubmissionResult[],
  by: RankBy = 'total',
  requireTrusted = false,
): RankedRow[] {
  const rankable = (s: SubmissionResult) => whyUnranked(s, requireTrusted).length === 0;
  const keyOf = (s: SubmissionResult): number[] => rankKey(rubric, s.assessment!, by);
  const name = (s: SubmissionResult) => s.unitName || s.file;
  const ranked = submissions
    .filter(rankable)
    .map((s) => ({ submission: s, key: keyOf(s), rank: 0 as number | null, unranked: [] }))
    .sort((x, y) => compareKeys(y.key, x.key) || name(x.submission).localeCompare(name(y.submission), 'vi'));
  ranked.forEach((row, i) => {
    row.rank = i > 0 && compareKeys(row.key, ranked[i - 1].key) === 0 ? ranked[i - 1].rank : i + 1;
  });
  const rest = submissions
    .filter((s) => !rankable(s))
    .map((s) => ({ submission: s, key: [], rank: null, unranked: whyUnranked(s, requireTrusted) }));
  return [...ranked, ...rest];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

interface Column {
  header: string;
  width: number;
  value: (r: RankedRow) => string | number | null;
}

const shown = (v: unknown, lang: Lang) => (typeof v === 'number' ? num(v, lang) : String(v ?? ''));

/** Everything wrong with a row, once each: why it has no rank, its problems, the numbers that differ, the verifier's reasons. */
function rowProblems(r: RankedRow, lang: Lang): string {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const s = r.submission;
  const all = [
    ...r.unranked.map((x) => say(x, lang)),
    ...s.problems,
    ...s.differences.map(
      (d) =>
        `${d.criterion} (${d.cell}): ${L('trong tệp', 'in the file')} ${shown(d.stored, lang)}, ${L('chấm lại', 're-scored')} ${shown(d.recomputed, lang)}`,
    ),
    ...(ACCEPTED.has(s.status) ? [] : s.reasons),
  ];
  return [...new Set(all)].join('; ');
}

function columns(rubric: Rubric, rows: RankedRow[], lang: Lang): Column[] {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const pillars = rows.find((r) => r.submission.assessment)?.submission.assessment?.pillars ?? [];
  const isLevel = rubric.kind === 'levels';
  return [
    { header: L('Hạng', 'Rank'), width: 6, value: (r) => r.rank },
    { header: L('Đơn vị', 'Unit'), width: 30, value: (r) => r.submission.unitName ?? '' },
    { header: L('Tệp', 'File'), width: 28, value: (r) => r.submission.file },
    ...(isLevel
      ? [
          {
            header: L('Mức độ', 'Level'),
            width: 8,
            value: (r: RankedRow) => r.submission.assessment?.level?.number ?? null,
          },
          {
            header: L('Tên mức', 'Level name'),
            width: 14,
            value: (r: RankedRow) => r.submission.assessment?.level?.name ?? '',
          },
        ]
      : [
          {
            header: L('Tổng điểm', 'Total'),
            width: 10,
            value: (r: RankedRow) => r.submission.assessment?.total ?? null,
          },
          { header: L('Tối đa', 'Max'), width: 8, value: (r: RankedRow) => r.submission.assessment?.max ?? null },
          {
            header: L('Tỷ lệ (%)', 'Percent (%)'),
            width: 9,
            value: (r: RankedRow) => r.submission.assessment?.percent ?? null,
          },
        ]),
    ...pillars.map((p) => ({
      header: isLevel ? `${p.id}. ${p.title} (${L('mức', 'level')})` : `${p.id}. ${p.title}`,
      width: 12,
      value: (r: RankedRow) => {
        const q = r.submission.assessment?.pillars.find((x) => x.id === p.id);
        return (isLevel ? q?.level : q?.points) ?? null;
      },
    })),
    {
      header: L('Chữ ký số', 'Digital signature'),
      width: 18,
      value: (r) => say(SIGNATURE_STATUS[r.submission.status], lang),
    },
    { header: L('Người ký', 'Signer'), width: 28, value: (r) => r.submission.signer ?? '' },
    { header: L('Thời điểm ký', 'Signed at'), width: 20, value: (r) => signingTimeText(r.submission, lang) },
    { header: L('Niêm phong', 'Seal'), width: 12, value: (r) => say(SEAL_STATUS[r.submission.seal], lang) },
    {
      header: L('Sai khác so với tệp', 'Differences from the file'),
      width: 10,
      value: (r) => r.submission.differences.length,
    },
    { header: L('Vấn đề', 'Problems'), width: 60, value: (r) => rowProblems(r, lang) },
  ];
}

export async function rankingWorkbook(
  rubric: Rubric,
  unitLabel: string,
  rows: RankedRow[],
  lang: Lang = 'vi',
): Promise<Uint8Array> {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const cols = columns(rubric, rows, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = L('CDS DTI — Hội đồng thẩm định', 'CDS DTI — appraisal council');
  const ws = wb.addWorksheet(L('Xếp hạng', 'Ranking'), { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  ws.getCell('A1').value = `${L('XẾP HẠNG CHUYỂN ĐỔI SỐ', 'DIGITAL TRANSFORMATION RANKING')} — ${rubric.title}`;
  ws.getCell('A1').font = { bold: true, size: 14, color: { argb: 'FF0F6CBD' } };
  ws.getCell('A2').value = L(
    `Quyết định ${rubric.decision.number} · ${unitLabel} · chấm lại từ số liệu nhập, không dùng số lưu trong tệp · đồng hạng khi bằng điểm (1, 2, 2, 4)`,
    `Decision ${rubric.decision.number} · ${unitLabel} · re-scored from the inputs, never from the numbers stored in the file · equal totals share a rank (1, 2, 2, 4)`,
  );
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
    if (
      r.rank === null ||
      !ACCEPTED.has(r.submission.status) ||
      r.submission.seal === 'broken' ||
      r.submission.differences.length
    )
      row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE7E9' } }));
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + rows.length, column: cols.length } };
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '3:3',
  };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * One CSV field. Text a spreadsheet would take for a formula (=, +, -, @, or a leading tab or CR:
 * a unit name "=HYPERLINK(…)") gets a leading apostrophe, so it opens as the text it is; a field
 * holding a quote, comma, line feed or carriage return is quoted. Numbers stay numbers.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rankingCsv(rubric: Rubric, rows: RankedRow[], lang: Lang = 'vi'): string {
  const cols = columns(rubric, rows, lang);
  const esc = csvField;
  return (
    '\uFEFF' +
    [cols.map((c) => esc(c.header)).join(','), ...rows.map((r) => cols.map((c) => esc(c.value(r))).join(','))].join(
      '\n',
    ) +
    '\n'
  );
}

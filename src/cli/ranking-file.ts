/**
 * The council's ranking workbook and CSV (`dti rank --out`), from the ranked rows of src/council/rank.ts
 * (here in the CLI, so that the pane's council chunk does not carry ExcelJS).
 * The CSV is made safe to open in a spreadsheet: text that would run as a formula is neutralised.
 */
import ExcelJS from 'exceljs';
import { num, say, t, type Lang } from '../base';
import type { Rubric } from '../rubrics';
import { ACCEPTED, recognitionOf, SEAL_STATUS, SIGNATURE_STATUS, signingTimeText, type RankedRow } from '../council';

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
          {
            header: L('Mức đăng ký', 'Registered level'),
            width: 9,
            value: (r: RankedRow) => recognitionOf(r.submission.assessment)?.registered ?? null,
          },
          {
            header: L('Công nhận mức đăng ký', 'Registered level recognised'),
            width: 14,
            value: (r: RankedRow) => {
              const x = recognitionOf(r.submission.assessment);
              return x ? (x.recognised ? L('Công nhận', 'Recognised') : L('Không công nhận', 'Not recognised')) : '';
            },
          },
        ]
      : [
          {
            header: L('Tổng điểm', 'Total'),
            width: 10,
            value: (r: RankedRow) => r.submission.assessment?.total ?? null,
          },
          ...(rows.some((r) => r.submission.assessment?.councilBonus)
            ? [
                {
                  header: L('Trong đó điểm khuyến khích', 'Of which bonus points'),
                  width: 11,
                  value: (r: RankedRow) => r.submission.assessment?.councilBonus?.points ?? null,
                },
                {
                  header: L('Lý do khuyến khích', 'Reason for the bonus'),
                  width: 24,
                  value: (r: RankedRow) => r.submission.assessment?.councilBonus?.reason ?? '',
                },
              ]
            : []),
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

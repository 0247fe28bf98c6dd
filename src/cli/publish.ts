/**
 * `dti publish FILES|DIR --appraisal COUNCIL.xlsx --out ket-qua.pdf|.xlsx|.csv`: the published
 * ranking ("Kết quả xếp hạng", src/council/publication.ts) of the units ranked exactly as
 * `dti rank … --appraisal` ranks them (the same options, the same shared batch), to sign and
 * publish. The rubric and unit type default to the council workbook's own.
 *
 * The CSV is for portals and open-data catalogues first: UTF-8 with a BOM (Excel then shows the
 * diacritics), comma-separated, numbers with a decimal point, as RFC 4180 and every parser reads
 * them; a Vietnamese-locale Excel, whose decimal mark is the comma, opens the .xlsx instead (or
 * imports the CSV through Data › From Text/CSV). See README › Published ranking.
 */
import { say, t } from '../base';
import {
  applyAppraisal,
  publicationSheet,
  publishedRows,
  rankSubmissions,
  readAppraisalIdentity,
  ROUNDS,
  type PublishedRow,
  type Round,
} from '../council';
import type { Rubric } from '../rubrics';
import { readWorkbookParts } from '../signature';
import type { DocumentDate } from '../template';
import { readParts } from '../workbook';
import { writeXlsx } from '../xlsx';
import { UsageError, type Args } from './args';
import { usageError } from './help';
import { readInput, writeOutput, type Io } from './io';
import { workbookError } from './open-workbook';
import { printPdf } from './pdf';
import { councilAppraisal } from './rank';
import { csvField } from './ranking-file';
import { clip, jsonText } from './safe-text';
import { assessBatch, deadlineLines, expectedLines } from './submissions';

function dateOf(value: string | undefined): DocumentDate | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const [day, month, year] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (!m || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1)
    throw new UsageError(
      t(`--date cần dạng dd/mm/yyyy, không phải "${clip(value)}"`, `--date takes dd/mm/yyyy, not "${clip(value)}"`),
    );
  return { day, month, year };
}

function roundOf(value: string | undefined): Round | undefined {
  if (value === undefined || (ROUNDS as readonly string[]).includes(value)) return value as Round | undefined;
  throw new UsageError(
    t(`--round cần 1, 2 hoặc final, không phải "${clip(value)}"`, `--round takes 1, 2 or final, not "${clip(value)}"`),
  );
}

/** The rubric and unit type of the council's workbook, where the command does not name them. */
function defaultsFromCouncil(args: Args, path: string, io: Io): Args {
  if (args.flags['--rubric'] && args.flags['--unit']) return args;
  let identity;
  try {
    identity = readAppraisalIdentity(readParts(readWorkbookParts(readInput(path, io))));
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
  if (!identity) return args; // councilAppraisal says what the file is not
  return { ...args, flags: { '--rubric': identity.rubric, '--unit': identity.unit, ...args.flags } };
}

/** The published table as CSV: one row per unit, the headers in Vietnamese, the numbers with a decimal point. */
export function publicationCsv(rubric: Rubric, rows: PublishedRow[]): string {
  const isLevel = rubric.kind === 'levels';
  const headers = isLevel
    ? ['Hạng', 'Đơn vị', 'Mức thẩm định', 'Tên mức', 'Ghi chú']
    : ['Hạng', 'Đơn vị', 'Điểm thẩm định', 'Điểm tối đa', 'Tỷ lệ (%)', 'Ghi chú'];
  const line = (r: PublishedRow) =>
    isLevel ? [r.rank, r.unit, r.points, r.levelName, r.note] : [r.rank, r.unit, r.points, r.max, r.percent, r.note];
  return '\uFEFF' + [headers, ...rows.map(line)].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function cmdPublish(args: Args, io: Io): Promise<number> {
  const { '--appraisal': appraisalPath, '--out': out } = args.flags;
  if (!appraisalPath || !out || args.positional.length === 0) throw usageError('publish');
  const kind = /\.(pdf|xlsx|csv)$/i.exec(out)?.[1].toLowerCase();
  if (!kind)
    throw new UsageError(
      t(
        `--out cần tệp .pdf, .xlsx hoặc .csv, không phải "${clip(out)}"`,
        `--out takes a .pdf, .xlsx or .csv file, not "${clip(out)}"`,
      ),
    );
  const date = dateOf(args.flags['--date']);
  const round = roundOf(args.flags['--round']);
  const yearArg = args.flags['--year'];
  if (yearArg !== undefined && !/^\d{4}$/.test(yearArg))
    throw new UsageError(t(`--year cần một năm, như 2025`, `--year takes a year, such as 2025`));
  const year = yearArg ? Number(yearArg) : (date?.year ?? new Date().getFullYear());
  const { lang } = args;
  const L = (vi: string, en: string) => say(t(vi, en), lang);

  const withDefaults = defaultsFromCouncil(args, appraisalPath, io);
  const { '--rubric': rubricId = '', '--unit': unitArg = '' } = withDefaults.flags;
  // Left without a rubric only by a file that is no council workbook, which this refuses first, saying so.
  const appraisal = councilAppraisal(appraisalPath, rubricId, unitArg, io);
  const batch = await assessBatch(withDefaults, io, [out]);
  const { rubric, unit } = batch;
  const applied = applyAppraisal(rubric, batch.results, appraisal);
  const rows = rankSubmissions(rubric, applied.results, batch.by, batch.trusted);
  const spec = publicationSheet(rubric, unit, rows, {
    year,
    council: args.flags['--council'],
    place: args.flags['--place'],
    date,
    round,
    expected: batch.expected,
  });
  const published = publishedRows(rubric, rows, batch.expected);
  if (kind === 'csv') writeOutput(out, new TextEncoder().encode(publicationCsv(rubric, published)), io);
  else {
    const xlsx = await writeXlsx(spec);
    const instead = t(`dti publish … --out ket-qua.xlsx (hoặc .csv)`, `dti publish … --out ranking.xlsx (or .csv)`);
    writeOutput(out, kind === 'pdf' ? printPdf(xlsx, t('kết quả xếp hạng', 'the ranking'), instead) : xlsx, io);
  }
  const ranked = published.filter((r) => r.rank !== null).length;
  if (args.json) {
    io.out(jsonText({ out, ranked, rows: published, notInFiles: applied.notInFiles }));
    return 0;
  }
  io.out(
    L(
      `Đã ghi kết quả xếp hạng ${out}: ${ranked} đơn vị được xếp hạng, ${published.length - ranked} không xếp hạng.`,
      `Wrote the published ranking ${out}: ${ranked} units ranked, ${published.length - ranked} not ranked.`,
    ),
  );
  for (const f of applied.notInFiles)
    io.out(
      `  ${L('Đã thẩm định nhưng không có trong các tệp đã cho', 'Appraised but not among the files given')}: ${f}`,
    );
  for (const line of expectedLines(batch.expected, lang)) io.out(line);
  for (const line of deadlineLines(batch, args.acceptLate, lang)) io.out(line);
  if (kind !== 'csv' && (!date || !args.flags['--place']))
    io.out(
      `\n${L('Địa danh và ngày chưa cho (--place, --date): để trống dấu chấm, điền tay khi ký.', 'No place or date given (--place, --date): left as dots to fill in when signing.')}`,
    );
  return 0;
}

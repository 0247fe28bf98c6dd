/**
 * `dti appraise FILES|DIR --out COUNCIL.xlsx`: the submissions verified and re-scored as `dti rank`
 * does, and the council's appraisal workbook written (the same spec the pane writes): the ranking,
 * every criterion of every ranked unit with its appraised points defaulting to the re-score, and
 * the identity with the digests of the submissions appraised.
 */
import { basename } from 'path';
import { say, t } from '../base';
import { appraisalWorkbook, rankSubmissions } from '../council';
import { writeXlsx } from '../xlsx';
import type { Args } from './args';
import { usageError } from './help';
import { writeOutput, type Io } from './io';
import { jsonText } from './safe-text';
import { assessBatch, deadlineLines, expectedLines } from './submissions';

export async function cmdAppraise(args: Args, io: Io): Promise<number> {
  if (args.flags['--split-by'] !== undefined || args.flags['--merge'] !== undefined)
    return (await import(/* webpackChunkName: "appraise-agencies" */ './appraise-agencies')).cmdAppraiseAgencies(
      args,
      io,
    );
  const { '--rubric': rubricId, '--unit': unitArg, '--out': out } = args.flags;
  if (!rubricId || !unitArg || !out || args.positional.length === 0) throw usageError('appraise');
  const { lang } = args;
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const batch = await assessBatch(args, io, [out]);
  const rows = rankSubmissions(batch.rubric, batch.results, batch.by, batch.trusted);
  const { spec, identity } = appraisalWorkbook(batch.rubric, batch.unit, rows, {
    by: batch.by,
    expected: batch.expected,
  });
  writeOutput(out, await writeXlsx(spec), io);
  const unranked = rows.filter((r) => r.rank === null);
  if (args.json) {
    io.out(
      jsonText({
        out,
        appraised: identity.submissions,
        unranked: unranked.map((r) => ({
          file: r.submission.file,
          unitName: r.submission.unitName ?? null,
          reason: r.unranked.map((x) => say(x, lang)).join('; '),
        })),
        missing: batch.expected.missing,
        duplicates: batch.expected.duplicates,
      }),
    );
    return 0;
  }
  io.out(
    L(
      `Đã ghi bảng thẩm định ${out}: ${identity.submissions.length} đơn vị để thẩm định, điểm thẩm định đặt sẵn bằng điểm chấm lại.`,
      `Wrote the appraisal workbook ${out}: ${identity.submissions.length} units to appraise, the appraised points preset to the re-score.`,
    ),
  );
  if (unranked.length) {
    io.out(`\n${L('Không thẩm định (không xếp hạng được)', 'Not appraised (cannot be ranked)')} (${unranked.length}):`);
    for (const r of unranked)
      io.out(`  ${basename(r.submission.file)}: ${r.unranked.map((x) => say(x, lang)).join('; ')}`);
  }
  for (const line of expectedLines(batch.expected, lang)) io.out(line);
  for (const line of deadlineLines(batch, args.acceptLate, lang)) io.out(line);
  io.out(
    `\n${L(`Sau khi Hội đồng sửa điểm: dti rank … --appraisal ${out}`, `After the council's edits: dti rank … --appraisal ${out}`)}`,
  );
  return 0;
}

/** `dti rank FILES|DIR`: submissions verified, re-scored from their inputs and ranked. */
import { basename } from 'path';
import { resolveUnit } from '../engine';
import { DtiError, num, say, t } from '../base';
import {
  type RankBy,
  type RankedRow,
  rankingCsv,
  rankingWorkbook,
  rankSubmissions,
  SIGNATURE_STATUS,
} from '../council';
import { assessFiles } from './batch/pool';
import { getRubric } from '../rubrics';
import type { Args } from './args';
import { checkOutputOutsideInputs, progressBar, submissionFiles, trustAnchors } from './council';
import { table } from './format';
import { jsonText } from './safe-text';
import { usageError } from './help';
import { checkWritable, writeOutput, type Io } from './io';

export async function cmdRank(args: Args, io: Io): Promise<number> {
  const { '--rubric': rubricId, '--unit': unitArg, '--out': out, '--by': byArg } = args.flags;
  if (!rubricId || !unitArg || !out || args.positional.length === 0) throw usageError('rank');
  const { lang } = args;
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const rubric = getRubric(rubricId);
  const unit = resolveUnit(rubric, unitArg);
  const by = (byArg ?? 'total') as RankBy;
  if (by !== 'total' && by !== 'percent')
    throw new DtiError('usage', t('--by cần total hoặc percent', '--by takes total or percent'));
  const csvPath = out.replace(/\.xlsx$/i, '') + '.csv';
  // Before the batch, not after it: a council should not verify a thousand files to learn the folder is wrong.
  checkOutputOutsideInputs([out, csvPath], args.positional);
  checkWritable(out, io);
  checkWritable(csvPath, io);
  const anchors = trustAnchors(args.trust);
  const files = submissionFiles(args.positional);
  const results = await assessFiles(
    files,
    { trustAnchors: anchors, expect: { rubric: rubric.id, unit }, lang },
    { onProgress: progressBar(io, args.json) },
  );
  const rows = rankSubmissions(rubric, results, by, anchors.length > 0);
  const unitLabel = say(rubric.units.find((u) => u.id === unit)!.label, lang);
  writeOutput(out, await rankingWorkbook(rubric, unitLabel, rows, lang), io);
  writeOutput(csvPath, new TextEncoder().encode(rankingCsv(rubric, rows, lang)), io);

  const reason = (r: RankedRow) => (r.rank === null ? r.unranked.map((x) => say(x, lang)).join('; ') : null);
  if (args.json) {
    io.out(
      jsonText(
        rows.map((r) => ({
          rank: r.rank,
          file: r.submission.file,
          unitName: r.submission.unitName ?? null,
          total: r.submission.assessment?.total ?? null,
          max: r.submission.assessment?.max ?? null,
          percent: r.submission.assessment?.percent ?? null,
          level: r.submission.assessment?.level ?? null,
          status: r.submission.status,
          seal: r.submission.seal,
          differences: r.submission.differences,
          problems: r.submission.problems,
          reason: reason(r), // why it has no rank; null when ranked
          reasons: r.submission.reasons, // the verifier's, as dti verify gives them
        })),
      ),
    );
    return 0;
  }
  const isLevel = rubric.kind === 'levels';
  const note = (r: RankedRow) =>
    reason(r) ??
    [
      ...r.submission.problems,
      ...(r.submission.differences.length
        ? [
            L(
              `${r.submission.differences.length} số trong tệp khác số chấm lại`,
              `${r.submission.differences.length} numbers in the file differ from the re-score`,
            ),
          ]
        : []),
    ].join('; ');
  io.out(
    table(
      [
        L('Hạng', 'Rank'),
        L('Đơn vị', 'Unit'),
        isLevel ? L('Mức', 'Level') : L('Tổng', 'Total'),
        L('Chữ ký', 'Signature'),
        L('Ghi chú', 'Note'),
      ],
      rows.map((r) => {
        const a = r.submission.assessment;
        return [
          r.rank === null ? '—' : String(r.rank),
          r.submission.unitName || basename(r.submission.file),
          isLevel ? String(a?.level?.number ?? '') : a?.total == null ? '' : num(a.total, lang),
          say(SIGNATURE_STATUS[r.submission.status], lang),
          note(r),
        ];
      }),
      [5, 34, 8, 31, 60],
      [0, 2],
    ),
  );
  const unranked = rows.filter((r) => r.rank === null);
  if (unranked.length) {
    io.out(`\n${L('Không xếp hạng', 'Not ranked')} (${unranked.length}):`);
    for (const r of unranked) {
      io.out(`  ${basename(r.submission.file)}: ${reason(r)}`);
      for (const why of r.submission.status === 'valid' ? [] : r.submission.reasons) io.out(`    • ${why}`);
    }
  }
  io.out(
    `\n${L(`Xếp hạng ${rows.length - unranked.length}/${rows.length} bài nộp. Đã ghi ${out} và ${csvPath}. Đồng hạng khi bằng điểm (1, 2, 2, 4).`, `Ranked ${rows.length - unranked.length} of ${rows.length} submissions. Wrote ${out} and ${csvPath}. Equal totals share a rank (1, 2, 2, 4).`)}`,
  );
  return 0;
}

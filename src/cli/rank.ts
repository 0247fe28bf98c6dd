/** `dti rank FILES|DIR`: submissions verified, re-scored from their inputs and ranked. */
import { basename } from 'path';
import { DtiError, num, say, t } from '../base';
import {
  applyAppraisal,
  readAppraisal,
  type CouncilAppraisal,
  type RankedRow,
  rankSubmissions,
  recognitionOf,
  SIGNATURE_STATUS,
} from '../council';
import { rankingCsv, rankingWorkbook } from './ranking-file';
import { resolveUnit } from '../engine';
import { getRubric } from '../rubrics';
import { readWorkbookParts } from '../signature';
import { readParts } from '../workbook';
import type { Args } from './args';
import { table } from './format';
import { jsonText } from './safe-text';
import { usageError } from './help';
import { readInput, writeOutput, type Io } from './io';
import { workbookError } from './open-workbook';
import { assessBatch, deadlineLines, expectedLines } from './submissions';

/** The council's appraisal workbook (dti appraise), read with the safe reader; it must be of this rubric and unit type. */
export function councilAppraisal(path: string, rubricId: string, unitArg: string, io: Io): CouncilAppraisal {
  const fail = (why: { vi: string; en: string }) =>
    new DtiError('file', t(`--appraisal ${path}: ${why.vi}`, `--appraisal ${path}: ${why.en}`));
  let read;
  try {
    read = readAppraisal(readParts(readWorkbookParts(readInput(path, io))));
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
  if ('error' in read) throw fail(read.error);
  const rubric = getRubric(rubricId);
  const unit = resolveUnit(rubric, unitArg);
  if (read.identity.rubric !== rubric.id || read.identity.unit !== unit)
    throw fail(
      t(
        `bảng thẩm định theo ${read.identity.rubric} (${read.identity.unit}), không phải ${rubric.id} (${unit})`,
        `an appraisal of ${read.identity.rubric} (${read.identity.unit}), not ${rubric.id} (${unit})`,
      ),
    );
  return read;
}

export async function cmdRank(args: Args, io: Io): Promise<number> {
  const { '--rubric': rubricId, '--unit': unitArg, '--out': out } = args.flags;
  if (!rubricId || !unitArg || !out || args.positional.length === 0) throw usageError('rank');
  const { lang } = args;
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const csvPath = out.replace(/\.xlsx$/i, '') + '.csv';
  const appraisalPath = args.flags['--appraisal'];
  // The council's workbook is read before the batch: a wrong file is said at once.
  const appraisal = appraisalPath ? councilAppraisal(appraisalPath, rubricId, unitArg, io) : undefined;
  const batch = await assessBatch(args, io, [out, csvPath]);
  const { rubric, unitLabel, by } = batch;
  const applied = appraisal ? applyAppraisal(rubric, batch.results, appraisal) : undefined;
  const rows = rankSubmissions(rubric, applied?.results ?? batch.results, by, batch.trusted);
  writeOutput(out, await rankingWorkbook(rubric, unitLabel, rows, lang), io);
  writeOutput(csvPath, new TextEncoder().encode(rankingCsv(rubric, rows, lang)), io);
  const changesOf = (r: RankedRow) => applied?.changes.get(r.submission.file) ?? [];

  const reason = (r: RankedRow) => (r.rank === null ? r.unranked.map((x) => say(x, lang)).join('; ') : null);
  if (args.json) {
    io.out(
      jsonText([
        ...rows.map((r) => ({
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
          ...(applied ? { changes: changesOf(r), bonus: r.submission.assessment?.councilBonus ?? null } : {}),
          // Level rubrics: the level registered (the council's workbook, else the template) and whether it is recognised.
          ...(rubric.kind === 'levels'
            ? {
                registered: recognitionOf(r.submission.assessment)?.registered ?? null,
                recognised: recognitionOf(r.submission.assessment)?.recognised ?? null,
              }
            : {}),
        })),
        ...batch.expected.missing.map((unitName) => ({ rank: null, file: null, unitName, status: 'not-submitted' })),
      ]),
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
  if (isLevel) {
    const registered = rows.filter((r) => r.rank !== null && recognitionOf(r.submission.assessment));
    if (registered.length)
      io.out(
        `\n${L('Công nhận mức đăng ký', 'Recognition of the registered level')} (${registered.filter((r) => recognitionOf(r.submission.assessment)!.recognised).length}/${registered.length}):`,
      );
    for (const r of registered) {
      const x = recognitionOf(r.submission.assessment)!;
      const level = r.submission.assessment!.level?.number ?? 0;
      io.out(
        `  ${r.submission.unitName || basename(r.submission.file)}: ${L('đăng ký mức', 'registered level')} ${x.registered}, ${applied ? L('thẩm định', 'appraised') : L('chấm lại', 're-scored')} ${L('mức', 'level')} ${level} → ${x.recognised ? L('Công nhận', 'recognised') : L('Không công nhận', 'not recognised')}`,
      );
    }
  }
  if (applied) {
    const changed = rows.filter((r) => changesOf(r).length);
    io.out(
      `\n${L('Hội đồng đã điều chỉnh', 'The council changed')} (${changed.reduce((n, r) => n + changesOf(r).length, 0)} ${L('tiêu chí', 'criteria')}):`,
    );
    for (const r of changed)
      for (const c of changesOf(r))
        io.out(
          `  ${r.submission.unitName || basename(r.submission.file)} · ${c.criterion}: ${c.rescored === null ? '—' : num(c.rescored, lang)} → ${num(c.appraised, lang)}${c.reason || c.note ? ` (${[c.reason, c.note].filter(Boolean).join('; ')})` : ''}`,
        );
    const bonused = rows.filter((r) => r.submission.assessment?.councilBonus?.points);
    if (bonused.length)
      io.out(
        `\n${L('Điểm khuyến khích (ngoài điểm tối đa, đã cộng vào tổng)', 'Bonus points (outside the max, added to the total)')}:`,
      );
    for (const r of bonused) {
      const b = r.submission.assessment!.councilBonus!;
      io.out(
        `  ${r.submission.unitName || basename(r.submission.file)}: +${num(b.points, lang)}${b.reason ? ` (${b.reason})` : ''}`,
      );
    }
    for (const f of applied.notInFiles)
      io.out(
        `  ${L('Đã thẩm định nhưng không có trong các tệp đã cho', 'Appraised but not among the files given')}: ${f}`,
      );
  }
  for (const line of expectedLines(batch.expected, lang)) io.out(line);
  for (const line of deadlineLines(batch, args.acceptLate, lang)) io.out(line);
  io.out(
    `\n${L(`Xếp hạng ${rows.length - unranked.length}/${rows.length} bài nộp. Đã ghi ${out} và ${csvPath}. Đồng hạng khi bằng điểm (1, 2, 2, 4).`, `Ranked ${rows.length - unranked.length} of ${rows.length} submissions. Wrote ${out} and ${csvPath}. Equal totals share a rank (1, 2, 2, 4).`)}`,
  );
  return 0;
}

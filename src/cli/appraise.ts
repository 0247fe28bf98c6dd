/**
 * `dti appraise FILES|DIR --out COUNCIL.xlsx`: the submissions verified and re-scored as `dti rank`
 * does, and the council's appraisal workbook written (the same spec the pane writes): the ranking,
 * every criterion of every ranked unit with its appraised points defaulting to the re-score, and
 * the identity with the digests of the submissions appraised. With `--round 2 --previous
 * COUNCIL1.xlsx`, the units' responses met with round 1 (src/council/round2.ts): round 1's points
 * preset, the explanations shown, the changes beyond explanations flagged.
 */
import { basename } from 'path';
import { DtiError, say, t } from '../base';
import {
  ANSWERS_NONE,
  appraisalWorkbook,
  CHANGED_BEYOND,
  matchRound2,
  rankSubmissions,
  readPreviousRound,
  round2Results,
  type PreviousRound,
} from '../council';
import { resolveUnit } from '../engine';
import { getRubric } from '../rubrics';
import { readWorkbookParts } from '../signature';
import { readParts } from '../workbook';
import { workbookError } from './open-workbook';
import { writeXlsx } from '../xlsx';
import type { Args } from './args';
import { usageError } from './help';
import { readInput, writeOutput, type Io } from './io';
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
  const round = args.flags['--round'] ?? '1';
  if (round !== '1' && round !== '2') throw new DtiError('usage', t('--round cần 1 hoặc 2', '--round takes 1 or 2'));
  const previousPath = args.flags['--previous'];
  if ((round === '2') !== Boolean(previousPath))
    throw new DtiError(
      'usage',
      t(
        '--round 2 cần --previous BẢNG_THẨM_ĐỊNH_VÒNG_1.xlsx (và ngược lại)',
        '--round 2 needs --previous ROUND1_COUNCIL.xlsx (and the other way round)',
      ),
    );
  // The round-1 workbook is read before the batch: a wrong file is said at once.
  const previous = previousPath ? previousRound(previousPath, rubricId, unitArg, io) : undefined;
  const batch = await assessBatch(args, io, [out]);
  const round2 = previous ? matchRound2(batch.rubric, batch.results, previous) : undefined;
  const results = round2 ? round2Results(batch.rubric, batch.results, round2) : batch.results;
  const rows = rankSubmissions(batch.rubric, results, batch.by, batch.trusted);
  const { spec, identity } = appraisalWorkbook(batch.rubric, batch.unit, rows, {
    by: batch.by,
    expected: batch.expected,
    round2,
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
        ...(round2 && {
          round: 2,
          responses: [...round2.units].map(([file, u]) => ({
            file,
            kind: u.kind,
            answers: u.previous?.file ?? null,
            explained: Object.keys(u.explanations),
            changed: u.changes,
          })),
          unanswered: round2.unanswered.map((s) => s.file),
        }),
      }),
    );
    return 0;
  }
  io.out(
    round2
      ? L(
          `Đã ghi bảng thẩm định vòng 2 ${out}: ${identity.submissions.length} đơn vị, ${[...round2.units.values()].filter((u) => u.kind === 'response').length} bài giải trình; điểm thẩm định vòng 2 đặt sẵn bằng điểm vòng 1.`,
          `Wrote the round-2 appraisal workbook ${out}: ${identity.submissions.length} units, ${[...round2.units.values()].filter((u) => u.kind === 'response').length} responses; the round-2 points preset to round 1's.`,
        )
      : L(
          `Đã ghi bảng thẩm định ${out}: ${identity.submissions.length} đơn vị để thẩm định, điểm thẩm định đặt sẵn bằng điểm chấm lại.`,
          `Wrote the appraisal workbook ${out}: ${identity.submissions.length} units to appraise, the appraised points preset to the re-score.`,
        ),
  );
  if (round2) {
    const flagged = [...round2.units].filter(([, u]) => u.kind === 'unmatched' || u.changes.length);
    for (const [file, u] of flagged)
      io.out(
        `  ! ${basename(file)}: ${
          u.kind === 'unmatched'
            ? say(ANSWERS_NONE, lang)
            : `${say(CHANGED_BEYOND, lang)}: ${u.changes.map((c) => `${c.criterion} "${c.before}" → "${c.after}"`).join('; ')}`
        }`,
      );
    for (const s of round2.unanswered)
      io.out(`  ${L('Chưa có bài nộp hoặc giải trình', 'No submission or response given')}: ${s.unitName || s.file}`);
  }
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

/** The council's round-1 workbook, read with the safe reader; it must be of this rubric. */
function previousRound(path: string, rubricId: string, unitArg: string, io: Io): PreviousRound {
  let read;
  try {
    read = readPreviousRound(readParts(readWorkbookParts(readInput(path, io))));
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
  if ('error' in read)
    throw new DtiError('file', t(`--previous ${path}: ${read.error.vi}`, `--previous ${path}: ${read.error.en}`));
  const unit = resolveUnit(getRubric(rubricId), unitArg);
  if (read.identity.rubric !== rubricId || read.identity.unit !== unit)
    throw new DtiError(
      'file',
      t(
        `--previous ${path}: bảng thẩm định theo ${read.identity.rubric} (${read.identity.unit}), không phải ${rubricId} (${unit})`,
        `--previous ${path}: an appraisal of ${read.identity.rubric} (${read.identity.unit}), not ${rubricId} (${unit})`,
      ),
    );
  return read;
}

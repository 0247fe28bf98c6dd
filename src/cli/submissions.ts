/**
 * What `dti rank`, `dti appraise` and `dti publish` share: the options read and checked, the
 * submissions verified and re-scored in the worker pool, held to --deadline (late ones not ranked
 * unless --accept-late), the unit that submitted twice (one submission counted, the others listed)
 * and, with --expected, who has not submitted.
 */
import { statSync } from 'fs';
import { basename } from 'path';
import { DtiError, say, t, type Lang } from '../base';
import {
  builtInExpected,
  checkSubmitted,
  holdToDeadline,
  parseDeadline,
  parseExpected,
  type Deadline,
  type ExpectedReport,
  type RankBy,
  type SubmissionResult,
} from '../council';
import { resolveUnit } from '../engine';
import { getRubric, type Rubric, type UnitId } from '../rubrics';
import type { Args } from './args';
import { assessFiles } from './batch/pool';
import { checkOutputOutsideInputs, progressBar, submissionFiles, trustAnchors } from './council';
import { checkWritable, readInput, type Io } from './io';

export interface Batch {
  rubric: Rubric;
  unit: UnitId;
  unitLabel: string;
  by: RankBy;
  /** Roots were given: only submissions chaining to one are ranked. */
  trusted: boolean;
  results: SubmissionResult[];
  /** Who submitted twice; with --expected, who is missing and who is not on the list. */
  expected: ExpectedReport;
  deadline?: Deadline;
  /** Signed after the deadline (ranked only with --accept-late). */
  late: SubmissionResult[];
}

function deadlineOf(value: string | undefined): Deadline | undefined {
  if (value === undefined) return undefined;
  const d = parseDeadline(value);
  if ('error' in d) throw new DtiError('usage', t(`--deadline: ${d.error.vi}`, `--deadline: ${d.error.en}`));
  return d;
}

/** The built-in list (`--expected official`) or a file of names, one a line. */
function expectedUnits(value: string | undefined, rubric: Rubric, unit: UnitId, io: Io) {
  if (value === undefined) return undefined;
  if (value !== 'official') return parseExpected(new TextDecoder().decode(readInput(value, io)), basename(value));
  const list = builtInExpected(rubric, unit);
  if (!list)
    throw new DtiError(
      'usage',
      t(
        `--expected official: bộ tiêu chí ${rubric.id} không có danh sách đơn vị ${unit}; cho một tệp tên đơn vị, mỗi dòng một tên`,
        `--expected official: the rubric ${rubric.id} lists no ${unit} units; give a file of unit names, one a line`,
      ),
    );
  return list;
}

const fileTime = (file: string) => statSync(file, { throwIfNoEntry: false })?.mtimeMs;

/** `outputs`: the files the command will write, refused before the batch when unusable. */
export async function assessBatch(args: Args, io: Io, outputs: string[]): Promise<Batch> {
  const { '--rubric': rubricId, '--unit': unitArg, '--by': byArg } = args.flags;
  const lang: Lang = args.lang;
  const rubric = getRubric(rubricId!);
  const unit = resolveUnit(rubric, unitArg!);
  const by = (byArg ?? 'total') as RankBy;
  if (by !== 'total' && by !== 'percent')
    throw new DtiError('usage', t('--by cần total hoặc percent', '--by takes total or percent'));
  const expected = expectedUnits(args.flags['--expected'], rubric, unit, io);
  const deadline = deadlineOf(args.flags['--deadline']);
  // Before the batch, not after it: a council should not verify a thousand files to learn the folder is wrong.
  checkOutputOutsideInputs(outputs, args.positional);
  for (const out of outputs) checkWritable(out, io);
  const anchors = trustAnchors(args.trust);
  const files = submissionFiles(args.positional);
  const assessed = await assessFiles(
    files,
    { trustAnchors: anchors, expect: { rubric: rubric.id, unit }, lang },
    { onProgress: progressBar(io, args.json) },
  );
  // The deadline first: a unit's late second file does not displace its file sent in time.
  const held = holdToDeadline(assessed, deadline, { acceptLate: args.acceptLate, lang });
  // Two files of one unit never both rank, with or without a list.
  const { results, report } = checkSubmitted(held.results, expected, fileTime);
  const unitLabel = say(rubric.units.find((u) => u.id === unit)!.label, lang);
  return {
    rubric,
    unit,
    unitLabel,
    by,
    trusted: anchors.length > 0,
    results,
    expected: report,
    deadline,
    late: held.late,
  };
}

/** The submissions signed after the deadline, for the terminal. */
export function deadlineLines(batch: Pick<Batch, 'deadline' | 'late'>, acceptLate: boolean, lang: Lang): string[] {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  if (!batch.deadline) return [];
  const when = say(batch.deadline.text, lang);
  if (!batch.late.length)
    return [
      `\n${L(`Mọi bài nộp có chữ ký số đều ký trước hạn (${when}).`, `Every signed submission was signed before the deadline (${when}).`)}`,
    ];
  return [
    `\n${acceptLate ? L('Nộp muộn, vẫn xếp hạng (--accept-late)', 'Late, ranked anyway (--accept-late)') : L('Nộp muộn, không xếp hạng', 'Late, not ranked')} (${batch.late.length}):`,
    ...batch.late.map((s) => `  ${basename(s.file)}: ${s.deadline ? say(s.deadline, lang) : ''}`),
  ];
}

/** Who has not submitted and who submitted twice, for the terminal. */
export function expectedLines(report: ExpectedReport, lang: Lang): string[] {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const lines: string[] = [];
  if (report.source)
    lines.push(
      report.missing.length
        ? `\n${L('Chưa nộp', 'Not submitted')} (${report.missing.length}, ${L('theo', 'per')} ${report.source}):`
        : `\n${L('Mọi đơn vị trong danh sách đã nộp', 'Every unit on the list has submitted')} (${report.source}).`,
      ...report.missing.map((n) => `  ${n}`),
    );
  if (report.unexpected.length)
    lines.push(
      `\n${L('Không có trong danh sách', 'Not on the list')} (${report.unexpected.length}):`,
      ...report.unexpected.map((n) => `  ${n}`),
    );
  if (report.duplicates.length)
    lines.push(
      `\n${L('Nộp trùng', 'Submitted twice')} (${report.duplicates.length}):`,
      ...report.duplicates.map(
        (d) =>
          `  ${d.unit}: ${L('tính', 'counted')} ${basename(d.counted)}; ${L('không tính', 'not counted')} ${d.others.map((f) => basename(f)).join(', ')}`,
      ),
    );
  return lines;
}

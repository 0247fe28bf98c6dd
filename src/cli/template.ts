/** `dti template`: an Excel self-assessment template, optionally keeping an older file's entries. */
import { DtiError, say, t } from '../base';
import { describeFile } from '../workbook';
import { UsageError, type Args } from './args';
import { parseAssessmentJson } from './assessment-file';
import { usageError } from './help';
import { checkWritable, isZip, readInput, writeOutput, type Io } from './io';
import { problemLines, workbookError } from './open-workbook';
import { clip, jsonText } from './safe-text';
import type { CarryReport } from '../template';
import { createHash } from 'crypto';
import { resolveUnit } from '../engine';
import { getRubric } from '../rubrics';
import { readFeedbackFile, responseRequest, type Feedback } from '../council';
import { makeTemplate, type TemplateRequest } from './workbook';
import { scorePrevious } from './score';

export async function cmdTemplate(args: Args, io: Io): Promise<number> {
  const {
    '--rubric': rubric,
    '--unit': unit,
    '--out': out,
    '--unit-name': unitName,
    '--year': yearText,
    '--from': from,
    '--previous': previousFile,
    '--feedback': feedbackFile,
  } = args.flags;
  if (!rubric || !unit || !out) throw usageError('template');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
    throw new UsageError(
      t(
        `--year cần năm từ 2000 đến 2100, không phải "${clip(yearText!)}"`,
        `--year takes a year 2000–2100, not "${clip(yearText!)}"`,
      ),
    );
  checkWritable(out, io);
  let source: TemplateRequest['from'];
  if (from) {
    const bytes = readInput(from, io);
    if (isZip(bytes)) {
      const kind = describeFile(bytes, from);
      if (kind.kind !== 'xlsx') throw new DtiError('xlsx', t(`${from}: ${kind.text.vi}`, `${from}: ${kind.text.en}`));
      source = { kind: 'xlsx', bytes, file: from };
    } else {
      const json = parseAssessmentJson(from, bytes);
      source = { kind: 'json', file: from, ...json };
    }
  }
  const feedback = feedbackFile ? councilFeedback(feedbackFile, rubric, unit, io) : undefined;
  // The feedback names the submission it answers: a --from file that is not that one is said.
  const fromOther =
    feedback && source?.kind === 'xlsx'
      ? createHash('sha256').update(source.bytes).digest('hex') !== feedback.submission.sha256
      : false;
  const previous = previousFile ? await scorePrevious(previousFile, io, args.lang) : undefined;
  const { bytes, report, criteria, problems } = await makeTemplate({
    rubric,
    unit,
    unitName,
    year,
    from: source,
    previous,
    ...(feedback && { response: responseRequest(feedback) }),
  });
  writeOutput(out, bytes, io);
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  const reason = (l: { reason: string; reasonEn?: string }) =>
    args.lang === 'en' && l.reasonEn ? l.reasonEn : l.reason;
  // What finding the old template turned up (a criterion on two rows, a row missing or hidden).
  const template = problems.map((p) => ({
    severity: p.severity,
    cell: p.cell ?? null,
    message: say(p.text, args.lang),
  }));
  const lines = (list: CarryReport['lost'] = []) =>
    list.map((l) => ({ criterion: l.criterion, what: l.what, value: l.value, reason: reason(l) }));
  if (args.json)
    io.out(
      jsonText({
        out,
        criteria,
        carried: report?.carried.length ?? 0,
        lost: lines(report?.lost),
        changed: lines(report?.changed),
        problems: template,
        ...(previous && { previous: { file: previousFile, year: previous.year ?? null } }),
        ...(feedback && {
          feedback: {
            round: feedback.round,
            answers: feedback.submission.sha256,
            criteria: feedback.criteria.map((c) => c.id),
            fromSubmission: !fromOther,
          },
        }),
      }),
    );
  else {
    io.out(`${L('Đã tạo', 'Wrote')} ${out}: ${criteria} ${L('tiêu chí', 'criteria')}`);
    for (const line of problemLines(problems, args.lang)) io.out(`  ${line}`);
    if (previous)
      io.out(
        `${L('Trang Tổng hợp so sánh với năm trước', 'The summary sheet compares with last year')}: ${previousFile}${previous.year ? ` (${previous.year})` : ''}`,
      );
    if (feedback) {
      io.out(
        L(
          `Đã nhập ý kiến thẩm định vòng ${feedback.round}: ${feedback.criteria.length} tiêu chí có ô Giải trình (${feedback.criteria.map((c) => c.id).join(', ')}).`,
          `Imported the round-${feedback.round} feedback: ${feedback.criteria.length} criteria with an explanation cell (${feedback.criteria.map((c) => c.id).join(', ')}).`,
        ),
      );
      if (fromOther)
        io.out(
          `  ! ${L(`${from} không phải tệp Hội đồng đã thẩm định (${feedback.submission.file}); số liệu lấy từ ${from}`, `${from} is not the file the council appraised (${feedback.submission.file}); the entries come from ${from}`)}`,
        );
    }
    if (report) {
      io.out(
        `${L('Giữ lại số liệu của', 'Kept the entries of')} ${report.carried.length} ${L('tiêu chí', 'criteria')}.`,
      );
      if (report.lost.length) io.out(L(`Không giữ được (${report.lost.length}):`, `Not kept (${report.lost.length}):`));
      for (const l of report.lost) io.out(`  ! ${l.criterion} — ${l.what}: ${clip(String(l.value))} (${reason(l)})`);
      if (report.changed?.length)
        io.out(L(`Giữ ở dạng khác (${report.changed.length}):`, `Kept in another form (${report.changed.length}):`));
      for (const l of report.changed ?? [])
        io.out(`  ~ ${l.criterion} — ${l.what}: ${clip(String(l.value))} (${reason(l)})`);
    }
  }
  return report?.lost.length || problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** The council's feedback file (JSON or its workbook), for this rubric and unit type only. */
function councilFeedback(path: string, rubric: string, unit: string, io: Io): Feedback {
  let read;
  try {
    read = readFeedbackFile(readInput(path, io));
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
  if ('error' in read) throw new DtiError('file', t(`${path}: ${read.error.vi}`, `${path}: ${read.error.en}`));
  if (read.rubric !== rubric || read.unit !== resolveUnit(getRubric(rubric), unit))
    throw new DtiError(
      'file',
      t(
        `${path}: ý kiến thẩm định theo ${read.rubric} (${read.unit}), không phải ${rubric} (${unit})`,
        `${path}: feedback on ${read.rubric} (${read.unit}), not ${rubric} (${unit})`,
      ),
    );
  return read;
}

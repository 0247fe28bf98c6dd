/**
 * The council's submission deadline (Kon Tum 121/QĐ-UBND: a request sent after 30 November "may be
 * refused"): a submission signed after it is late — by the time the verifier reports, the time a
 * verified timestamp attests first, else the time the signer wrote (labels.ts signingTimeText) —
 * and is not ranked unless the council accepts late submissions, when it is ranked with the mark.
 * An unsigned submission, or a signature that names no time, cannot be checked against it: said so.
 *
 * The deadline is Vietnam time (UTC+7, no daylight saving); a day without a time ends at 23:59:59.
 */
import { say, t, type Lang, type Text } from '../base';
import { vietnamTime } from './appraisal';
import { signingTimeText } from './labels';
import { ACCEPTED } from './rank';
import type { SubmissionResult } from './submission';

export interface Deadline {
  /** The last instant still on time (ms since the epoch, UTC). */
  at: number;
  /** As the council reads it: "hết ngày 30/11/2025", "17:00 ngày 30/11/2025". */
  text: Text;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `dd/mm/yyyy` (the whole day) or `dd/mm/yyyy hh:mm`, Vietnam time; an error saying what is expected otherwise. */
export function parseDeadline(input: string): Deadline | { error: Text } {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(input);
  const wrong = {
    error: t(
      `hạn nộp "${input}" cần dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm (giờ Việt Nam)`,
      `the deadline "${input}" takes dd/mm/yyyy or dd/mm/yyyy hh:mm (Vietnam time)`,
    ),
  };
  if (!m) return wrong;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const timed = m[4] !== undefined;
  const [hour, minute] = timed ? [Number(m[4]), Number(m[5])] : [23, 59];
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(utc);
  // Date.UTC rolls 31/02 over to March: a day the calendar does not have is refused, as are 24:00 and :60.
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return wrong;
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(day)}/${two(month)}/${year}`;
  return {
    // To the end of the minute: a signature at 17:00:30 is within "17:00" as a clerk reads it.
    at: utc - VIETNAM_OFFSET_MS + 59_999,
    text: timed
      ? t(`${two(hour)}:${two(minute)} ngày ${date}`, `${two(hour)}:${two(minute)} on ${date}`)
      : t(`hết ngày ${date}`, `the end of ${date}`),
  };
}

const NO_SIGNING_TIME = t(
  'Không có thời điểm ký số: không đối chiếu được với hạn nộp',
  'No signing time: cannot be checked against the deadline',
);

/** Why a submission is late, or why it cannot be checked; undefined when it was signed in time. */
export function deadlineNote(
  s: Pick<SubmissionResult, 'status' | 'signedAt' | 'attestedAt'>,
  deadline: Deadline,
): { late: boolean; note: Text } | undefined {
  const at = s.attestedAt ?? s.signedAt;
  const ms = s.status === 'unsigned' || s.status === 'malformed' || !at ? NaN : Date.parse(at);
  if (!Number.isFinite(ms)) return { late: false, note: NO_SIGNING_TIME };
  if (ms <= deadline.at) return undefined;
  const when = (lang: Lang) => signingTimeText(s, lang, vietnamTime);
  return {
    late: true,
    note: t(
      `Nộp muộn: ký lúc ${when('vi')} sau hạn ${deadline.text.vi}`,
      `Late: signed at ${when('en')}, after the deadline (${deadline.text.en})`,
    ),
  };
}

/**
 * The submissions held to the deadline: a late one is left out of the ranking (`excluded`), or,
 * with `acceptLate`, ranked with the mark among its problems (in the batch's language); one that
 * cannot be checked carries the note. `late` lists the late ones.
 */
export function holdToDeadline(
  results: SubmissionResult[],
  deadline: Deadline | undefined,
  options: { acceptLate?: boolean; lang?: Lang } = {},
): { results: SubmissionResult[]; late: SubmissionResult[] } {
  if (!deadline) return { results, late: [] };
  const late: SubmissionResult[] = [];
  const out = results.map((s): SubmissionResult => {
    const found = deadlineNote(s, deadline);
    if (!found) return s;
    const marked = { ...s, deadline: found.note };
    if (found.late) late.push(marked);
    // Said where the submission's row says it: among the reasons when it is not ranked, else among its problems.
    const leftOut = found.late ? !options.acceptLate : !ACCEPTED.has(s.status);
    if (leftOut) return { ...marked, excluded: [...(s.excluded ?? []), found.note] };
    return { ...marked, problems: [...s.problems, say(found.note, options.lang ?? 'vi')] };
  });
  return { results: out, late };
}

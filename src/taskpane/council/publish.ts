/**
 * The pane's "In kết quả xếp hạng": the council's appraised cells read back from the open workbook
 * (as edited in Excel), applied and ranked with the council core `dti publish` uses, and the
 * "Kết quả xếp hạng" sheet written beside the council's sheets through the port. Without the
 * council's workbook in the open workbook there are no appraised points to publish: said so.
 *
 * The deadline the council set is remembered with its trust anchors (a setting of the user).
 */
import { say, t, type Lang, type Text } from '../../base';
import {
  applyAppraisal,
  parseDeadline,
  publicationSheet,
  rankSubmissions,
  type Deadline,
  type PublicationOptions,
} from '../../council';
import type { CouncilWriteOutcome, WorkbookPort } from '../port';
import type { CouncilRanking } from './session';

export type PublishOutcome =
  { ok: true; ranked: number; unranked: number } | { ok: false; message: Text; confirm?: boolean };

const NO_APPRAISAL = t(
  'Sổ làm việc này chưa có sổ thẩm định của Hội đồng. Bấm "Ghi sổ thẩm định", thẩm định trong Excel, rồi in kết quả xếp hạng.',
  'This workbook holds no council appraisal workbook yet. Write the appraisal workbook, appraise in Excel, then print the ranking.',
);

export async function publishInWorkbook(
  port: WorkbookPort,
  ranking: CouncilRanking,
  options: Omit<PublicationOptions, 'expected'>,
  renameSheets = false,
): Promise<PublishOutcome> {
  const { rubric, unit } = ranking;
  const read = await port.readCouncilAppraisal();
  if ('error' in read) return { ok: false, message: NO_APPRAISAL };
  const { identity } = read;
  if (identity.rubric !== rubric.id || identity.unit !== unit)
    return {
      ok: false,
      message: t(
        `Sổ thẩm định trong sổ làm việc này theo ${identity.rubric} (${identity.unit}), không phải ${rubric.id} (${unit}) đang chọn.`,
        `The appraisal workbook here is of ${identity.rubric} (${identity.unit}), not the ${rubric.id} (${unit}) chosen.`,
      ),
    };
  const applied = applyAppraisal(
    rubric,
    ranking.rows.map((r) => r.submission),
    read,
  );
  const rows = rankSubmissions(rubric, applied.results, 'total', ranking.trusted);
  const expected = ranking.expected ?? { source: '', missing: [], unexpected: [], duplicates: ranking.duplicates };
  const spec = publicationSheet(rubric, unit, rows, { ...options, expected });
  const out: CouncilWriteOutcome = await port.writeCouncilWorkbook(spec, { renameSheets });
  if (!out.ok) return { ok: false, message: out.message, confirm: out.kind === 'confirm-rename' };
  const ranked = rows.filter((r) => r.rank !== null).length;
  return { ok: true, ranked, unranked: rows.length - ranked };
}

const DEADLINE_KEY = 'council.deadline';

/** The deadline as the council's date and time fields hold it (an HTML date "yyyy-mm-dd", a time "hh:mm" or empty). */
export interface DeadlineChoice {
  date: string;
  time: string;
  acceptLate: boolean;
}

export const NO_DEADLINE: DeadlineChoice = { date: '', time: '', acceptLate: false };

/** The fields as the council core's deadline (Vietnam time; the whole day without a time), or undefined. */
export function deadlineOf(choice: DeadlineChoice): Deadline | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(choice.date);
  if (!m) return undefined;
  const parsed = parseDeadline(`${m[3]}/${m[2]}/${m[1]}${choice.time ? ` ${choice.time}` : ''}`);
  return 'error' in parsed ? undefined : parsed;
}

export async function loadDeadline(port: WorkbookPort): Promise<DeadlineChoice> {
  try {
    const saved = JSON.parse((await port.readSetting(DEADLINE_KEY)) ?? 'null') as Partial<DeadlineChoice> | null;
    return {
      date: typeof saved?.date === 'string' ? saved.date : '',
      time: typeof saved?.time === 'string' ? saved.time : '',
      acceptLate: saved?.acceptLate === true,
    };
  } catch {
    return NO_DEADLINE;
  }
}

export function saveDeadline(port: WorkbookPort, choice: DeadlineChoice): Promise<void> {
  return port.writeSetting(DEADLINE_KEY, choice.date ? JSON.stringify(choice) : undefined);
}

/** What the council is told after printing. */
export function publishedText(out: PublishOutcome, lang: Lang): string {
  if (!out.ok) return say(out.message, lang);
  return say(
    t(
      `Đã ghi trang "Kết quả xếp hạng": ${out.ranked} đơn vị được xếp hạng, ${out.unranked} không xếp hạng. In trang này (khổ A4 đứng) để ký và công bố.`,
      `Wrote the "Kết quả xếp hạng" sheet: ${out.ranked} units ranked, ${out.unranked} not ranked. Print it (A4 portrait) to sign and publish.`,
    ),
    lang,
  );
}

/**
 * `dti feedback COUNCIL.xlsx --out FOLDER`: after round 1, one feedback file pair per unit the
 * council's workbook appraised (an .xlsx the unit opens and the same as .json), each with the
 * criteria the council remarked on and the SHA-256 of the submission it answers. Names come from
 * the unit names (ASCII, numbered), so a folder of them can be sent as it is.
 */
import { join } from 'path';
import { DtiError, say, t } from '../base';
import { feedbackFileName, feedbackFromAppraisal, feedbackWorkbook } from '../council';
import { readWorkbookParts } from '../signature';
import { readParts } from '../workbook';
import { writeXlsx } from '../xlsx';
import type { Args } from './args';
import { usageError } from './help';
import { checkWritable, readInput, writeOutput, type Io } from './io';
import { workbookError } from './open-workbook';
import { jsonText } from './safe-text';

export async function cmdFeedback(args: Args, io: Io): Promise<number> {
  const out = args.flags['--out'];
  const [council] = args.positional;
  if (!out || !council || args.positional.length > 1) throw usageError('feedback');
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  let read;
  try {
    read = feedbackFromAppraisal(readParts(readWorkbookParts(readInput(council, io))));
  } catch (e) {
    throw workbookError(council, e) ?? e;
  }
  if ('error' in read) throw new DtiError('file', t(`${council}: ${read.error.vi}`, `${council}: ${read.error.en}`));
  const files = read.map(({ key, feedback }) => ({
    feedback,
    path: join(out, feedbackFileName(key, feedback.unitName)),
  }));
  for (const f of files) for (const ext of ['.xlsx', '.json']) checkWritable(f.path + ext, io);
  for (const { feedback, path } of files) {
    writeOutput(`${path}.xlsx`, await writeXlsx(feedbackWorkbook(feedback)), io);
    writeOutput(`${path}.json`, new TextEncoder().encode(JSON.stringify(feedback, null, 2) + '\n'), io);
  }
  if (args.json) {
    io.out(
      jsonText(
        files.map(({ feedback, path }) => ({
          unitName: feedback.unitName,
          submission: feedback.submission,
          criteria: feedback.criteria.map((c) => c.id),
          files: [`${path}.xlsx`, `${path}.json`],
        })),
      ),
    );
    return 0;
  }
  io.out(L(`Ý kiến thẩm định vòng 1 cho ${files.length} đơn vị:`, `Round-1 feedback for ${files.length} units:`));
  for (const { feedback, path } of files)
    io.out(
      `  ${feedback.unitName || feedback.submission.file}: ${feedback.criteria.length} ${L('tiêu chí có ý kiến', 'criteria remarked')} → ${path}.xlsx, .json`,
    );
  io.out(
    `\n${L('Đơn vị nhập ý kiến vào sổ của mình: dti template --from SỔ.xlsx --feedback Ý_KIẾN.xlsx (hoặc nút Nhập ý kiến thẩm định trong Excel)', "Units import it into their own workbook: dti template --from WORKBOOK.xlsx --feedback FEEDBACK.xlsx (or the pane's Nhập ý kiến thẩm định button)")}`,
  );
  return 0;
}

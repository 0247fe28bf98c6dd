/** `dti template`: an Excel self-assessment template, optionally keeping an older file's entries. */
import { say, t } from '../base';
import { UsageError, type Args } from './args';
import { parseAssessmentJson } from './assessment-file';
import { usageError } from './help';
import { checkWritable, isZip, readInput, writeOutput, type Io } from './io';
import { makeTemplate, type TemplateRequest } from './workbook';

export async function cmdTemplate(args: Args, io: Io): Promise<number> {
  const {
    '--rubric': rubric,
    '--unit': unit,
    '--out': out,
    '--unit-name': unitName,
    '--year': yearText,
    '--from': from,
  } = args.flags;
  if (!rubric || !unit || !out) throw usageError('template');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
    throw new UsageError(
      t(
        `--year cần năm từ 2000 đến 2100, không phải "${yearText}"`,
        `--year takes a year 2000–2100, not "${yearText}"`,
      ),
    );
  checkWritable(out, io);
  let source: TemplateRequest['from'];
  if (from) {
    const bytes = readInput(from, io);
    if (isZip(bytes)) source = { kind: 'xlsx', bytes, file: from };
    else {
      const json = parseAssessmentJson(from, bytes);
      source = { kind: 'json', values: json.values, unitName: json.unitName, year: json.year };
    }
  }
  const { bytes, report, criteria } = await makeTemplate({ rubric, unit, unitName, year, from: source });
  writeOutput(out, bytes, io);
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  if (args.json)
    io.out(JSON.stringify({ out, criteria, carried: report?.carried.length ?? 0, lost: report?.lost ?? [] }, null, 2));
  else {
    io.out(`${L('Đã tạo', 'Wrote')} ${out}: ${criteria} ${L('tiêu chí', 'criteria')}`);
    if (report) {
      io.out(
        `${L('Giữ lại số liệu của', 'Kept the entries of')} ${report.carried.length} ${L('tiêu chí', 'criteria')}.`,
      );
      for (const l of report.lost) io.out(`  ! ${l.criterion} — ${l.what}: ${String(l.value)} (${l.reason})`);
    }
  }
  return report?.lost.length ? 1 : 0;
}

/**
 * `dti report FILE.xlsx --out report.pdf|report.xlsx`: the "Báo cáo tự đánh giá" of a filled
 * template, to print, sign and stamp. The entries are read back with the safe reader and the
 * report rebuilt from them (the template builder, scored by the engine), its cells as values:
 * LibreOffice, which prints the PDF, cannot compute the add-in's CDS.* functions. What the officer
 * typed in the file's own report sheet (the superior body, the number, the place and date) is kept.
 */
import { DtiError, say, t } from '../base';
import { REPORT_INPUTS, REPORT_SHEET, reportValues, type WorkbookSpec } from '../template';
import { describeFile } from '../workbook';
import { writeXlsx } from '../xlsx';
import { UsageError, type Args } from './args';
import { usageError } from './help';
import { checkWritable, isZip, readInput, writeOutput, type Io } from './io';
import { openTemplate, problemLines } from './open-workbook';
import { printPdf } from './pdf';
import { clip, jsonText } from './safe-text';
import { templateSpec } from './workbook';

export async function cmdReport(args: Args, io: Io): Promise<number> {
  const out = args.flags['--out'];
  const [file, ...more] = args.positional;
  if (!file || !out || more.length) throw usageError('report');
  const kind = /\.pdf$/i.test(out) ? 'pdf' : /\.xlsx$/i.test(out) ? 'xlsx' : undefined;
  if (!kind)
    throw new UsageError(
      t(
        `--out cần tệp .pdf hoặc .xlsx, không phải "${clip(out)}"`,
        `--out takes a .pdf or .xlsx file, not "${clip(out)}"`,
      ),
    );
  checkWritable(out, io);
  const bytes = readInput(file, io);
  const described = isZip(bytes) ? describeFile(bytes, file) : undefined;
  if (described?.kind !== 'xlsx') {
    const why = described?.text ?? t('không phải tệp Excel (.xlsx)', 'not an Excel file (.xlsx)');
    throw new DtiError('xlsx', t(`${file}: ${why.vi}`, `${file}: ${why.en}`));
  }
  const { wb, info, problems } = openTemplate(file, bytes);
  const { spec } = templateSpec({
    rubric: info.meta.rubric,
    unit: info.meta.unit,
    from: { kind: 'xlsx', bytes, file },
  });
  const typed = Object.fromEntries(
    Object.entries(REPORT_INPUTS).map(([key, cell]) => [key, wb.read(REPORT_SHEET, cell)]),
  );
  const report = reportValues(
    spec.sheets.find((s) => s.name === REPORT_SHEET)!,
    typed,
  );
  const xlsx = await writeXlsx({ ...spec, sheets: [report], names: [] } satisfies WorkbookSpec);
  let written = xlsx;
  if (kind === 'pdf')
    written = printPdf(
      xlsx,
      t('báo cáo', 'the report'),
      t(`dti report ${file} --out bao-cao.xlsx`, `dti report ${file} --out report.xlsx`),
    );
  writeOutput(out, written, io);
  const criteria = Object.keys(spec.layout.rows).length;
  if (args.json) io.out(jsonText({ out, criteria, problems: problemLines(problems, args.lang) }));
  else {
    io.out(
      `${say(t('Đã ghi báo cáo', 'Wrote the report'), args.lang)} ${out}: ${criteria} ${say(t('tiêu chí', 'criteria'), args.lang)}`,
    );
    for (const line of problemLines(problems, args.lang)) io.out(`  ${line}`);
  }
  return 0;
}

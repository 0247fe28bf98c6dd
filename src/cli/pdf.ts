/** An .xlsx printed to PDF by LibreOffice for `dti report` and `dti publish`; a missing LibreOffice says how to do without. */
import { DtiError, t, type Text } from '../base';
import { xlsxToPdf } from '../platform/node';
import { clip } from './safe-text';

/** `instead`: the command that writes the same as Excel, to print from Excel (e.g. "dti report x.xlsx --out bao-cao.xlsx"). */
export function printPdf(xlsx: Uint8Array, what: Text, instead: Text): Uint8Array {
  const pdf = xlsxToPdf(xlsx);
  if (!pdf.ok && pdf.reason === 'not-installed')
    throw new DtiError(
      'no-program',
      t(
        `Không tìm thấy LibreOffice (soffice) để in ra PDF. Cài LibreOffice, hoặc ghi ${what.vi} ra Excel rồi in từ Excel: ${instead.vi}`,
        `LibreOffice (soffice) was not found to print the PDF. Install LibreOffice, or write ${what.en} as Excel and print it from Excel: ${instead.en}`,
      ),
    );
  if (!pdf.ok)
    throw new DtiError(
      'no-program',
      t(
        `LibreOffice không in được ${what.vi}: ${clip(pdf.detail)}`,
        `LibreOffice could not print ${what.en}: ${clip(pdf.detail)}`,
      ),
    );
  return pdf.pdf;
}

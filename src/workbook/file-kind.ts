/**
 * What a file is, by its first bytes (and its name only to tell CSV from other text): so that an
 * officer who gives `dti` an old .xls, an OpenDocument sheet, a CSV export or an empty file is
 * told what it is and what to do, instead of "not valid JSON" or "not a zip".
 */
import { t, type Text } from '../base';

export type FileKind = 'xlsx' | 'json' | 'xls' | 'ods' | 'csv' | 'pdf' | 'empty' | 'text' | 'binary';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

export function describeFile(bytes: Uint8Array, name = ''): { kind: FileKind; text: Text } {
  if (bytes.length === 0) return { kind: 'empty', text: t('tệp rỗng (0 byte)', 'the file is empty (0 bytes)') };
  if (startsWith(bytes, OLE2))
    return {
      kind: 'xls',
      text: t(
        'đây là tệp Excel 97–2003 (.xls) hoặc tệp Office cũ khác: mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx)',
        'this is an Excel 97–2003 file (.xls) or another old Office file: open it in Excel and save it as Excel Workbook (.xlsx)',
      ),
    };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // OpenDocument stores its "mimetype" entry first, uncompressed.
    if (ascii(bytes, 30, 120).includes('application/vnd.oasis.opendocument'))
      return {
        kind: 'ods',
        text: t(
          'đây là tệp OpenDocument (.ods/.odt): mở bằng LibreOffice hoặc Excel và lưu lại dạng Excel Workbook (.xlsx)',
          'this is an OpenDocument file (.ods/.odt): open it in LibreOffice or Excel and save it as Excel Workbook (.xlsx)',
        ),
      };
    return { kind: 'xlsx', text: t('tệp Excel (.xlsx)', 'an Excel file (.xlsx)') };
  }
  if (ascii(bytes, 0, 5) === '%PDF-')
    return {
      kind: 'pdf',
      text: t(
        'đây là tệp PDF, không phải bản tự đánh giá (.json) hay mẫu Excel (.xlsx)',
        'this is a PDF, not a self-assessment (.json) or an Excel template (.xlsx)',
      ),
    };
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(head)) return { kind: 'json', text: t('tệp JSON', 'a JSON file') };
  if (/[\x00-\x08\x0e-\x1f]/.test(head))
    return {
      kind: 'binary',
      text: t(
        'đây không phải tệp văn bản JSON hay tệp Excel (.xlsx)',
        'this is neither a JSON text file nor an Excel file (.xlsx)',
      ),
    };
  const lines = head.split(/\r?\n/).filter((l) => l.trim());
  const csvLike = lines.length > 0 && lines.slice(0, 5).every((l) => /[,;\t]/.test(l));
  if (/\.(csv|tsv)$/i.test(name) || csvLike)
    return {
      kind: 'csv',
      text: t(
        'đây là tệp CSV (bảng tính dạng văn bản): dùng mẫu Excel (dti template) hoặc tệp .json',
        'this is a CSV file (a spreadsheet as text): use the Excel template (dti template) or a .json file',
      ),
    };
  return { kind: 'text', text: t('tệp văn bản, không phải JSON', 'a text file, not JSON') };
}

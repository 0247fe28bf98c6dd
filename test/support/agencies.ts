/** Hà Nội 5279's member agencies and what each appraises, read off the decision by hand; a workbook's rows by unit. */
import { APPRAISAL_COLUMNS as COL, APPRAISAL_SHEET } from '../../src/council';
import { readWorkbookParts } from '../../src/signature';
import { readParts } from '../../src/workbook';

export const KHCN = 'Sở Khoa học và Công nghệ';
export const TTHCC = 'Trung tâm Phục vụ Hành chính công';
export const CA = 'Công an Thành phố';
export const VHTT = 'Sở Văn hóa và Thể thao';
export const VP = 'Văn phòng UBND Thành phố';
export const TC = 'Sở Tài chính';
export const YT = 'Sở Y tế';

/**
 * Phụ lục III (city departments), column "Đơn vị hướng dẫn và chấm điểm chỉ số": an indicator
 * with two agencies there (3.2, 5.5) is each one's.
 */
export const SO_SHARES: Record<string, string[]> = {
  [KHCN]: '1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 4.1 4.3 5.5 6.2 6.3 6.4 6.5 7.1 8.2 9.1 9.2'.split(' '),
  [TTHCC]: ['3.2', '6.6', '6.7', '6.8'],
  [CA]: ['4.2', '5.1', '5.2', '5.3', '5.4', '5.5', '8.1'],
  [VHTT]: ['6.1'],
  [VP]: ['6.9', '6.10'],
  [TC]: ['6.11'],
  [YT]: ['8.3'],
};

export const readWorkbook = (bytes: Uint8Array) => readParts(readWorkbookParts(bytes));

/** The criterion ids of each unit's rows on a workbook's "Thẩm định" sheet, in row order. */
export function rowsByUnit(bytes: Uint8Array): Map<string, string[]> {
  const wb = readWorkbook(bytes);
  const out = new Map<string, string[]>();
  for (let r = 4; r <= wb.lastRow(APPRAISAL_SHEET); r++) {
    const [key, unit, id] = [COL.key, COL.unit, COL.criterion].map((c) => wb.read(APPRAISAL_SHEET, `${c}${r}`));
    if (typeof key === 'number') out.set(String(unit), [...(out.get(String(unit)) ?? []), String(id)]);
  }
  return out;
}

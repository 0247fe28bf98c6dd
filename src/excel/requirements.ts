/**
 * Which Excel the add-in's template writer needs: ExcelApi 1.8 — Microsoft 365 and retail Office
 * 2016/2019 from Version 1808, volume-licensed Office 2021/LTSC (volume-licensed Office 2019 stops
 * at ExcelApi 1.7), Excel for Mac 16.17, Excel on the web
 * (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets).
 * The manifest lets the pane open from ExcelApi 1.1 on, so an older Excel gets this message
 * instead of no add-in at all. Features above 1.8 (page layout, ExcelApi 1.9) are used only when present.
 */
import type { Text } from '../base';

export const REQUIRED_EXCEL_API = '1.8';

/** What each ExcelApi version adds that the writer relies on, lowest first (1.8 includes the rest). */
export const EXCEL_API_FEATURES: { version: string; vi: string; en: string }[] = [
  { version: '1.1', vi: 'ghi ô, biểu đồ', en: 'cells and charts' },
  { version: '1.2', vi: 'gộp ô, khóa ô, bảo vệ trang tính', en: 'merges, cell locking and sheet protection' },
  { version: '1.4', vi: 'tên định nghĩa', en: 'defined names' },
  { version: '1.6', vi: 'định dạng có điều kiện', en: 'conditional formats' },
  {
    version: '1.7',
    vi: 'cố định hàng/cột, màu thẻ trang tính, chuỗi dữ liệu biểu đồ',
    en: 'freeze panes, tab colours and chart series',
  },
  { version: '1.8', vi: 'quy tắc kiểm tra dữ liệu nhập (danh sách chọn)', en: 'data validation (drop-down lists)' },
];

export interface OfficeLike {
  context: { requirements: { isSetSupported(name: string, version?: string): boolean } };
}

export type RequirementCheck = { ok: true } | { ok: false; message: string; text: Text; missing: string };

/** `office` is the `Office` global (passed in so this stays testable). */
export function checkExcelRequirements(office: OfficeLike | undefined): RequirementCheck {
  const supported = (version: string): boolean => {
    try {
      return office?.context?.requirements?.isSetSupported('ExcelApi', version) === true;
    } catch {
      return false;
    }
  };
  if (supported(REQUIRED_EXCEL_API)) return { ok: true };
  const lowest =
    EXCEL_API_FEATURES.find((f) => !supported(f.version)) ?? EXCEL_API_FEATURES[EXCEL_API_FEATURES.length - 1];
  const missing = `ExcelApi ${lowest.version}`;
  const text: Text = {
    vi:
      `Phiên bản Excel này quá cũ để tạo mẫu biểu chấm điểm: thiếu bộ API ${missing} (cần cho ${lowest.vi}). ` +
      `Công cụ cần ExcelApi ${REQUIRED_EXCEL_API} trở lên: Microsoft 365 hoặc Office 2016/2019 bán lẻ đã cập nhật (phiên bản 1808 trở lên), Office 2021/LTSC, Excel cho Mac 16.17 trở lên, hoặc Excel trên web. (Office 2019 cấp phép số lượng lớn chỉ có tới ExcelApi 1.7.)`,
    en:
      `This version of Excel is too old to create the scoring template: requirement set ${missing} is missing (needed for ${lowest.en}). ` +
      `The add-in needs ExcelApi ${REQUIRED_EXCEL_API} or later: Microsoft 365 or retail Office 2016/2019 kept up to date (Version 1808 or later), Office 2021/LTSC, Excel for Mac 16.17 or later, or Excel on the web. (Volume-licensed Office 2019 stops at ExcelApi 1.7.)`,
  };
  return { ok: false, message: text.vi, text, missing };
}

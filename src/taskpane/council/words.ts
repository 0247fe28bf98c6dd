/** The council tab's words for appraising in the pane (Vietnamese first, English on the switch). */
import { t, type Text } from '../../base';

export const APPRAISE = {
  open: t('Bấm vào một đơn vị để thẩm định từng tiêu chí.', 'Click a unit to appraise it criterion by criterion.'),
  title: (unit: string) => t(`Thẩm định: ${unit}`, `Appraisal: ${unit}`),
  close: t('Đóng', 'Close'),
  standing: (rank: number, points: string, level: boolean) =>
    level
      ? t(`Hiện xếp hạng ${rank} · mức ${points}`, `Now ranked ${rank} · level ${points}`)
      : t(`Hiện xếp hạng ${rank} · ${points} điểm`, `Now ranked ${rank} · ${points} points`),
  notRanked: (why: string) => t(`Hiện không xếp hạng được: ${why}`, `Not ranked now: ${why}`),
  intro: t(
    'Sửa điểm thẩm định khi Hội đồng không công nhận đủ điểm, chọn lý do và ghi chú; xếp hạng cập nhật ngay. Để trống: giữ điểm chấm lại.',
    'Change the appraised points where the council does not accept them all, choose the reason and add a note; the ranking updates at once. Left blank: the re-score stands.',
  ),
  changedOnly: t('Chỉ hiện tiêu chí đã điều chỉnh', 'Show only the criteria changed'),
  entry: t('Số liệu', 'Entry'),
  self: t('Tự chấm', 'Self-assessed'),
  selfLevel: t('Tự đánh giá', 'Self-assessed'),
  rescored: t('Chấm lại', 'Re-scored'),
  max: t('Tối đa', 'Max'),
  appraised: t('Điểm thẩm định', 'Appraised points'),
  appraisedLevel: t('Mức thẩm định', 'Appraised level'),
  reason: t('Lý do điều chỉnh', 'Reason'),
  noReason: t('(chưa chọn)', '(none)'),
  note: t('Ghi chú của Hội đồng', 'Council’s note'),
  changed: t('đã điều chỉnh', 'changed'),
  changedCount: (n: number) => t(`${n} tiêu chí đã điều chỉnh`, `${n} criteria changed`),
  needReason: t('Chọn lý do điều chỉnh', 'Choose a reason for the change'),
  from: (rescored: string, appraised: string) => t(`${rescored} → ${appraised}`, `${rescored} → ${appraised}`),
  saving: t('Đang ghi vào sổ thẩm định…', 'Writing to the appraisal workbook…'),
  saved: (n: number) => t(`Đã ghi ${n} tiêu chí vào sổ thẩm định.`, `${n} criteria written to the appraisal workbook.`),
  notLinked: t(
    'Các điều chỉnh chỉ ở trong khung này cho đến khi ghi sổ thẩm định.',
    'The changes stay in this pane until the appraisal workbook is written.',
  ),
  readBack: t('Đọc lại sổ thẩm định', 'Read the appraisal workbook again'),
  readBackIntro: t(
    'Đọc điểm thẩm định, lý do và ghi chú từ sổ đang mở (kể cả những gì Hội đồng sửa thẳng trong Excel) rồi xếp hạng lại, như lệnh dti rank --appraisal.',
    'Reads the appraised points, reasons and notes from the open workbook (including what the council changed in Excel itself) and ranks again, as dti rank --appraisal does.',
  ),
  readDone: (n: number) =>
    t(
      `Đã đọc lại sổ thẩm định: ${n} tiêu chí khác điểm chấm lại.`,
      `The appraisal workbook was read: ${n} criteria differ from the re-score.`,
    ),
  otherRubric: (rubric: string, unit: string) =>
    t(
      `Sổ thẩm định đang mở theo ${rubric} (${unit}), không phải bộ chỉ số đang chọn.`,
      `The open appraisal workbook is of ${rubric} (${unit}), not the rubric chosen.`,
    ),
  notInWorkbook: (n: number) =>
    t(
      `${n} tệp đã kiểm tra không có trong sổ thẩm định đang mở.`,
      `${n} of the files checked are not in the open appraisal workbook.`,
    ),
} satisfies Record<string, Text | ((...a: never[]) => Text)>;

/** The fixed reasons as the pane shows them; the value written is the sheet's own (Vietnamese) item. */
export const REASON_EN: Record<string, string> = {
  'Thiếu tài liệu kiểm chứng': 'Missing evidence',
  'Tài liệu không ký số': 'Document not digitally signed',
  'Quá hạn': 'Late',
  'Số liệu không khớp với hệ thống': 'Figures do not match the system',
  'Không đúng thành phần': 'Wrong components',
  Khác: 'Other',
};

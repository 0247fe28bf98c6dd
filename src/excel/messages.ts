/**
 * Words about a seal that more than one place says (the Office.js insert, the demo workbook,
 * Submit): the same question and the same time format wherever the officer meets them.
 */
import { t, type Text } from '../base';

/** A seal time as an officer reads it: "20/11/2025 15:00" (the computer's time zone). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** What the officer is asked before a sealed template is updated (the Office.js and the demo workbook alike). */
export function sealVoidsQuestion(sealedAt: string): Text {
  const when = localTime(sealedAt);
  return t(
    `Mẫu biểu này đã được niêm phong lúc ${when}. Cập nhật mẫu biểu sẽ hủy niêm phong: mã niêm phong bị xóa và các ô nhập liệu được mở khóa, nên phải niêm phong lại (và ký số lại) trước khi nộp. Số liệu đã nhập được giữ nguyên.`,
    `This template was sealed at ${when}. Updating it voids the seal: the seal is removed and the input cells are unlocked, so it must be sealed (and signed) again before submitting. The entries are kept.`,
  );
}

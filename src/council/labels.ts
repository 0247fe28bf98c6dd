/** Words for a submission's signature status and seal, shared by the terminal and the ranking workbook. */
import { say, t, type Lang, type Text } from '../base';
import type { SubmissionResult } from './submission';

export const SIGNATURE_STATUS: Record<SubmissionResult['status'], Text> = {
  valid: t('Hợp lệ', 'Valid'),
  'valid-untrusted': t('Hợp lệ, chưa xác thực nguồn cấp', 'Valid, issuer not verified'),
  partial: t('Ký một phần', 'Partly signed'),
  invalid: t('Không hợp lệ', 'Invalid'),
  unsigned: t('Chưa ký', 'Unsigned'),
  malformed: t('Tệp lỗi', 'Broken file'),
};

export const SEAL_STATUS: Record<SubmissionResult['seal'], Text> = {
  valid: t('Khớp', 'Matches'),
  broken: t('KHÔNG KHỚP', 'DOES NOT MATCH'),
  absent: t('Không có', 'None'),
};

/** A seal that does not match the entries: the file was edited after sealing. */
export const SEAL_MISMATCH = t(
  'Mã niêm phong không khớp với số liệu: số liệu đã bị sửa sau khi niêm phong',
  'The seal does not match the entries: they were edited after sealing',
);

/** The council's own appraisal workbook: it is verified, never ranked as a submission. */
export const COUNCIL_WORKBOOK = t(
  'Sổ thẩm định của hội đồng, không phải bài nộp của đơn vị',
  "The council's appraisal workbook, not a unit's submission",
);

const ATTESTED = t('dấu thời gian', 'timestamped');
const CLAIMED = t('người ký tự khai', "signer's claim");

/**
 * When a submission was signed, as the council should read it: the time a trusted timestamp
 * attests, else the time the signer wrote, marked as the signer's claim (signature/signing-time.ts).
 */
export function signingTimeText(
  s: Pick<SubmissionResult, 'signedAt' | 'attestedAt'>,
  lang: Lang,
  show: (iso: string) => string = (iso) => iso,
): string {
  const at = s.attestedAt ?? s.signedAt;
  return at ? `${show(at)} (${say(s.attestedAt ? ATTESTED : CLAIMED, lang)})` : '';
}

/**
 * The signing-time rule. A signing time written by the signer (XAdES SigningTime, the OPC
 * SignatureTime, a CMS signingTime attribute) is the signer's claim: anyone holding an expired
 * key can back-date it into the certificate's validity. So, without a trusted timestamp
 * (XAdES-T), the certificate and its chain are checked at the verification time, the claimed
 * time is reported as a claim, and a claim that cannot be true — in the future, or before the
 * certificate existed — makes the signature invalid.
 *
 * With a verified RFC 3161 timestamp (timestamp.ts) the signature provably existed at the
 * token's genTime, so the certificate and chain are checked then, and a claimed time after
 * genTime cannot be true either: the TSA stamps the finished signature value.
 */
import { AT_TIMESTAMP, AT_VERIFICATION } from './chain';
import type { Certificate } from './x509';

/**
 * Clocks differ between a signer's computer, the TSA's and the council's: a claim this far ahead
 * of the verification time is still "now", and this far after a timestamp's genTime still "before" it.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface SigningTimeCheck {
  /** The time the certificate and chain are checked at. */
  at: Date;
  /** What `at` is, for the reasons (checkValidityAt's `when`). */
  when: string;
  failures: string[];
  notes: string[];
}

/** A verified timestamp: when the TSA saw the signature value, and who the TSA is. */
export interface Attestation {
  genTime: Date;
  tsa: string;
}

export function signingTimeRule(
  claimed: string | null,
  signer: Certificate,
  now: Date,
  attested: Attestation | null = null,
): SigningTimeCheck {
  const check: SigningTimeCheck = attested
    ? { at: attested.genTime, when: AT_TIMESTAMP, failures: [], notes: [] }
    : { at: now, when: AT_VERIFICATION, failures: [], notes: [] };
  const nowText = now.toISOString();
  if (attested)
    check.notes.push(
      `Thời điểm ký được chứng thực bởi dấu thời gian của ${attested.tsa} lúc ${attested.genTime.toISOString()}: chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm đó (time attested by a timestamp)`,
    );
  else if (claimed === null)
    check.notes.push(
      `Không có thời điểm ký; chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm xác minh ${nowText}`,
    );
  else
    check.notes.push(
      `Thời điểm ký ${claimed} do người ký tự khai (không có dấu thời gian tin cậy): chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm xác minh ${nowText} (claimed signing time)`,
    );
  if (claimed === null) return check;
  const time = new Date(claimed);
  if (attested && time.getTime() > attested.genTime.getTime() + FUTURE_TOLERANCE_MS)
    check.failures.push(
      `Thời điểm ký ${claimed} do người ký tự khai lại sau thời điểm của dấu thời gian ${attested.genTime.toISOString()}, điều không thể xảy ra vì dấu thời gian được cấp sau khi ký (signing time after the timestamp)`,
    );
  else if (time.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    check.failures.push(
      `Thời điểm ký ${claimed} ở tương lai so với thời điểm xác minh ${nowText} (signing time in the future)`,
    );
  if (time < signer.notBefore)
    check.failures.push(
      `Thời điểm ký ${claimed} trước khi chứng thư ký ${signer.subject} có hiệu lực (${signer.notBefore.toISOString()}) (signing time before the certificate)`,
    );
  return check;
}

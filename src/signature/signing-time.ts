/**
 * The signing-time rule. A signing time written by the signer (XAdES SigningTime, the OPC
 * SignatureTime, a CMS signingTime attribute) is the signer's claim: anyone holding an expired
 * key can back-date it into the certificate's validity. So, without a trusted timestamp
 * (XAdES-T), the certificate and its chain are checked at the verification time, the claimed
 * time is reported as a claim, and a claim that cannot be true — in the future, or before the
 * certificate existed — makes the signature invalid.
 *
 * RFC 3161 timestamp tokens (XAdES SignatureTimeStamp) are recognised but not yet verified: one
 * is reported as present-but-unverified and changes nothing, so a forged token cannot help.
 */
import type { Certificate } from './x509';
import { descendants, isXadesNamespace, type XmlElement } from './xml';

/** Clocks differ between a signer's computer and the council's: a claim this far ahead is still "now". */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface SigningTimeCheck {
  /** The time the certificate and chain are checked at. */
  at: Date;
  failures: string[];
  notes: string[];
}

export function signingTimeRule(
  claimed: string | null,
  signer: Certificate,
  now: Date,
  timestamp: 'none' | 'unverified' = 'none',
): SigningTimeCheck {
  const check: SigningTimeCheck = { at: now, failures: [], notes: [] };
  const nowText = now.toISOString();
  if (claimed === null)
    check.notes.push(
      `Không có thời điểm ký; chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm xác minh ${nowText}`,
    );
  else {
    check.notes.push(
      `Thời điểm ký ${claimed} do người ký tự khai (không có dấu thời gian tin cậy): chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm xác minh ${nowText} (claimed signing time)`,
    );
    const time = new Date(claimed);
    if (time.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      check.failures.push(
        `Thời điểm ký ${claimed} ở tương lai so với thời điểm xác minh ${nowText} (signing time in the future)`,
      );
    if (time < signer.notBefore)
      check.failures.push(
        `Thời điểm ký ${claimed} trước khi chứng thư ký ${signer.subject} có hiệu lực (${signer.notBefore.toISOString()}) (signing time before the certificate)`,
      );
  }
  if (timestamp === 'unverified')
    check.notes.push(
      'Có dấu thời gian (XAdES SignatureTimeStamp, RFC 3161) nhưng công cụ chưa kiểm tra dấu thời gian, nên không dùng nó (timestamp present, not verified)',
    );
  return check;
}

/** Whether the signature's unsigned XAdES properties carry a SignatureTimeStamp (XAdES-T). */
export function hasSignatureTimestamp(signature: XmlElement): boolean {
  return descendants(signature).some((e) => e.localName === 'SignatureTimeStamp' && isXadesNamespace(e.namespaceURI));
}

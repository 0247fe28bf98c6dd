/**
 * Certificate path building from the signing certificate to the caller's trust anchors. Only the
 * anchors given by the caller (--trust) are trusted; certificates found in the file may serve as
 * intermediates but a self-signed root from the file is never an anchor. Every link's signature
 * is checked with WebCrypto and every certificate must be valid at the time the checks run at:
 * the verification time, since a signing time without a trusted timestamp is only the signer's
 * claim, or the genTime of a verified timestamp (signing-time.ts).
 */
import { bytesEqual, pemOrDer } from './bytes';
import { schemeFromAlgorithm, schemeName, type SignatureScheme, verifySignature } from './crypto';
import { BoundedMemo, byteString } from '../platform';
import { type Certificate, parseCertificate } from './x509';

export interface TrustResult {
  trusted: boolean;
  /** A cryptographic or validity failure in the chain: the signature is invalid, not just untrusted. */
  failure: string | null;
  sha1: boolean;
  /** Why the chain is not trusted, and weak-hash notes. */
  reasons: string[];
}

const MAX_DEPTH = 8;

/** Reads --trust certificates (DER, or PEM with one or more blocks); unreadable ones are reported. */
export function readTrustAnchors(inputs: Uint8Array[]): { anchors: Certificate[]; reasons: string[] } {
  const anchors: Certificate[] = [];
  const reasons: string[] = [];
  inputs.forEach((input, i) => {
    const read = anchorFiles.get(byteString(input), () => readAnchorFile(input));
    if (read) anchors.push(...read);
    else reasons.push(`Chứng thư tin cậy thứ ${i + 1} (--trust) không đọc được, đã bỏ qua (unreadable trust anchor)`);
  });
  return { anchors, reasons };
}

/** The same --trust files come with every file of a batch. */
const anchorFiles = new BoundedMemo<string, Certificate[] | null>(64);

function readAnchorFile(input: Uint8Array): Certificate[] | null {
  try {
    const blocks = pemOrDer(input, 'CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE');
    return blocks.length ? blocks.map(parseCertificate) : null;
  } catch {
    return null;
  }
}

/** What `at` is, in the reasons: the verification time unless a caller says otherwise. */
export const AT_VERIFICATION = 'thời điểm xác minh';
/** …or the genTime of a verified timestamp (timestamp.ts). */
export const AT_TIMESTAMP = 'thời điểm của dấu thời gian';

export function checkValidityAt(cert: Certificate, at: Date, role: string, when = AT_VERIFICATION): string | null {
  if (at < cert.notBefore)
    return `${role} ${cert.subject} chưa có hiệu lực tại ${when} ${at.toISOString()} (hiệu lực từ ${cert.notBefore.toISOString()}) (certificate not yet valid)`;
  if (at > cert.notAfter)
    return `${role} ${cert.subject} đã hết hạn tại ${when} ${at.toISOString()} (hết hạn ${cert.notAfter.toISOString()}) (certificate expired)`;
  return null;
}

/** Whether the signing certificate may sign documents at all (keyUsage, when present). */
export function signerUsageProblem(cert: Certificate): string | null {
  if (!cert.keyUsage || cert.keyUsage.has('digitalSignature') || cert.keyUsage.has('nonRepudiation')) return null;
  return `Chứng thư ${cert.subject} không được phép dùng để ký (keyUsage thiếu digitalSignature/nonRepudiation)`;
}

export async function evaluateTrust(
  signer: Certificate,
  pool: Certificate[],
  anchors: Certificate[],
  at: Date,
  when = AT_VERIFICATION,
): Promise<TrustResult> {
  const result: TrustResult = { trusted: false, failure: null, sha1: false, reasons: [] };
  if (!anchors.length) {
    result.reasons.push(
      'Chưa có chứng thư gốc tin cậy nào được cung cấp (--trust), nên chưa kiểm tra chuỗi tin cậy (no trust anchor given)',
    );
    return result;
  }
  let current = signer;
  const visited: Certificate[] = [signer];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchors.some((a) => bytesEqual(a.der, current.der))) return trusted(result, current, at, when);
    const step = await findIssuer(current, pool, anchors, visited, result);
    if (!step) return result;
    if (step.anchor) return trusted(result, step.issuer, at, when);
    const problem = intermediateProblem(step.issuer, at, when);
    if (problem) return fail(result, problem);
    visited.push(step.issuer);
    current = step.issuer;
  }
  result.reasons.push('Chuỗi chứng thư quá dài (certificate chain too long)');
  return result;
}

function trusted(result: TrustResult, anchor: Certificate, at: Date, when: string): TrustResult {
  const expired = checkValidityAt(anchor, at, 'Chứng thư gốc tin cậy', when);
  if (expired) return fail(result, expired);
  result.trusted = true;
  return result;
}

function fail(result: TrustResult, reason: string): TrustResult {
  result.failure = reason;
  return result;
}

function intermediateProblem(ca: Certificate, at: Date, when: string): string | null {
  if (ca.isCa !== true) return `Chứng thư trung gian ${ca.subject} không phải chứng thư CA (basicConstraints cA=false)`;
  if (ca.keyUsage && !ca.keyUsage.has('keyCertSign'))
    return `Chứng thư trung gian ${ca.subject} không được phép ký chứng thư (keyUsage thiếu keyCertSign)`;
  return checkValidityAt(ca, at, 'Chứng thư trung gian', when);
}

/**
 * Whether issuer's key verifies cert's signature. Remembered per pair of (cached, frozen)
 * certificates: the answer depends only on their bytes, and a batch checks the same link in every file.
 */
const links = new WeakMap<Certificate, WeakMap<Certificate, Promise<boolean>>>();

function issuedBy(cert: Certificate, issuer: Certificate, scheme: SignatureScheme): Promise<boolean> {
  let byIssuer = links.get(cert);
  if (!byIssuer) links.set(cert, (byIssuer = new WeakMap()));
  let verified = byIssuer.get(issuer);
  if (!verified)
    byIssuer.set(
      issuer,
      (verified = verifySignature(issuer.spki, issuer.keyAlgorithm, scheme, cert.signature, cert.tbs, 'der')),
    );
  return verified;
}

/**
 * The certificate that issued cert: same name as cert's issuer and a key that verifies cert's
 * signature. Anchors are tried first. A candidate with the right name but a wrong signature is a
 * forged or damaged certificate, which fails the signature (invalid), not just the trust.
 */
async function findIssuer(
  cert: Certificate,
  pool: Certificate[],
  anchors: Certificate[],
  visited: Certificate[],
  result: TrustResult,
): Promise<{ issuer: Certificate; anchor: boolean } | null> {
  const candidates = [...anchors.map((c) => ({ c, anchor: true })), ...pool.map((c) => ({ c, anchor: false }))].filter(
    ({ c }) => bytesEqual(c.subjectDer, cert.issuerDer) && !visited.some((v) => bytesEqual(v.der, c.der)),
  );
  const scheme = schemeFromAlgorithm(cert.signatureAlgorithm);
  if (candidates.length && !scheme) {
    result.reasons.push(
      `Thuật toán ký chứng thư ${cert.subject} (${cert.signatureAlgorithm.oid}) không được hỗ trợ, không kiểm được chuỗi`,
    );
    return null;
  }
  for (const { c, anchor } of candidates) {
    if (await issuedBy(cert, c, scheme!)) {
      if (scheme!.hash === 'SHA-1') {
        result.sha1 = true;
        result.reasons.push(
          `Chứng thư ${cert.subject} được ký bằng ${schemeName(scheme!)}: SHA-1 là thuật toán băm yếu (weak hash)`,
        );
      }
      return { issuer: c, anchor };
    }
  }
  if (candidates.length) {
    fail(
      result,
      `Chữ ký trên chứng thư ${cert.subject} không kiểm được bằng khóa của ${candidates[0].c.subject}: chứng thư bị giả mạo hoặc hỏng (certificate signature invalid)`,
    );
    return null;
  }
  const selfIssued = bytesEqual(cert.subjectDer, cert.issuerDer);
  result.reasons.push(
    selfIssued
      ? `Chuỗi chứng thư dừng ở chứng thư gốc ${cert.subject}, không thuộc danh sách tin cậy đã cung cấp (root not trusted)`
      : `Không tìm thấy chứng thư cấp trên ${cert.issuer} của ${cert.subject} trong tệp hay trong danh sách tin cậy (chain does not reach a trust anchor)`,
  );
  return null;
}

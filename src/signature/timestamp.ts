/**
 * XAdES-T: the RFC 3161 timestamp token in a signature's xades:SignatureTimeStamp, which a
 * timestamp authority (TSA) signed over the hash of the ds:SignatureValue element (XAdES 1.3.2
 * §7.3: canonicalized with the stamp's ds:CanonicalizationMethod, inclusive C14N 1.0 by default).
 * A token that verifies proves the signature existed at its genTime, so the signing certificate
 * can be checked then instead of now (signing-time.ts).
 *
 * Three outcomes, as for the signer's own certificate:
 *  - attested: hash, token signature, TSA certificate (critical EKU timeStamping only, valid at
 *    genTime) and its chain to the caller's anchors all check out;
 *  - untrusted: the token is intact but its TSA does not chain to a given anchor (or no anchor was
 *    given, or the token carries no certificate): not used, and the signature cannot be `valid`,
 *    just as an unanchored signer makes it `valid-untrusted`;
 *  - failed: anything else (unreadable, hash over another SignatureValue, bad TSA signature, not a
 *    TSA certificate…). The signature is then invalid: a token that does not verify was either
 *    damaged or made to pass a back-dated signature off as timely, and a council must see that as
 *    a red flag rather than a silently ignored extra.
 * Revocation (CRL/OCSP) is checked for no certificate in this verifier, the TSA's included.
 */
import { type Der, expect, invalidData, isUniversal, parseDer, readOid, readTime, TAG } from './asn1';
import { bytesEqual, fromBase64, utf8 } from './bytes';
import { C14N_METHODS, canonicalizeElement } from './c14n';
import { AT_TIMESTAMP, checkValidityAt, evaluateTrust } from './chain';
import { attributeValues, findSigner, OID, parseSignedData, readSignerInfo, setOf } from './cms';
import { digest, HASH_OIDS, MissingWebCryptoError, verifySignature } from './crypto';
import { FUTURE_TOLERANCE_MS } from './signing-time';
import { c14nMethodOf } from './transforms';
import { type Certificate, readAlgorithmIdentifier } from './x509';
import { childElements, descendants, firstChildNamed, isXadesNamespace, NS, textOf, type XmlElement } from './xml';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const INCLUSIVE_C14N = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'];

export type TimestampOutcome =
  | { kind: 'none' }
  | { kind: 'attested'; genTime: Date; tsa: string; sha1: boolean }
  | { kind: 'untrusted'; reason: string }
  | { kind: 'failed'; reason: string };

type TokenOutcome = Exclude<TimestampOutcome, { kind: 'none' }>;

/** Every SignatureTimeStamp must verify; the earliest attested one is used. */
export async function checkSignatureTimestamps(
  signature: XmlElement,
  anchors: Certificate[],
  now: Date,
): Promise<TimestampOutcome> {
  const stamps = descendants(signature).filter(
    (e) => e.localName === 'SignatureTimeStamp' && isXadesNamespace(e.namespaceURI),
  );
  if (!stamps.length) return { kind: 'none' };
  const value = firstChildNamed(signature, NS.dsig, 'SignatureValue');
  const outcomes: TokenOutcome[] = [];
  for (const stamp of stamps) outcomes.push(await checkStampSafely(stamp, value, anchors, now));
  const failed = outcomes.find((o) => o.kind === 'failed');
  if (failed) return failed;
  const attested = outcomes.filter((o) => o.kind === 'attested');
  return attested.sort((a, b) => a.genTime.getTime() - b.genTime.getTime())[0] ?? outcomes[0];
}

/** Hostile tokens never throw past here: whatever cannot be read is a failed timestamp. */
async function checkStampSafely(
  stamp: XmlElement,
  value: XmlElement | null,
  anchors: Certificate[],
  now: Date,
): Promise<TokenOutcome> {
  try {
    return await checkStamp(stamp, value, anchors, now);
  } catch (error) {
    if (error instanceof MissingWebCryptoError) throw error;
    return failed(UNREADABLE);
  }
}

const failed = (reason: string): TokenOutcome => ({ kind: 'failed', reason });
const UNREADABLE = 'Dấu thời gian kèm chữ ký không đọc được (unreadable timestamp)';

async function checkStamp(
  stamp: XmlElement,
  value: XmlElement | null,
  anchors: Certificate[],
  now: Date,
): Promise<TokenOutcome> {
  const methodEl = firstChildNamed(stamp, NS.dsig, 'CanonicalizationMethod');
  const method = methodEl ? c14nMethodOf(methodEl) : INCLUSIVE_C14N;
  const encapsulated = childElements(stamp).find(
    (c) => c.localName === 'EncapsulatedTimeStamp' && isXadesNamespace(c.namespaceURI),
  );
  if (!method || !encapsulated || !value)
    return failed('Dấu thời gian kèm chữ ký có dạng không được hỗ trợ nên không kiểm tra được (unsupported timestamp)');
  const signed = parseSignedData(fromBase64(textOf(encapsulated)));
  // RFC 3161 §2.4.1: one SignerInfo, the TSA's, with signed attributes (contentType, messageDigest, ESS).
  const signerInfo = signed.signerInfos.length === 1 ? readSignerInfo(signed.signerInfos[0]) : null;
  if (signed.contentType !== TST_INFO || !signed.content || !signerInfo?.signedAttrs) return failed(UNREADABLE);
  const info = readTstInfo(signed.content);
  const imprintHash = HASH_OIDS[info.imprintAlgorithm];
  const { sid, hash, scheme, signatureAlgorithm, signedAttrs, signature } = signerInfo;
  if (!imprintHash || !hash || !scheme)
    return failed(
      `Dấu thời gian dùng thuật toán không được hỗ trợ (${imprintHash ? signatureAlgorithm : info.imprintAlgorithm}) nên không kiểm tra được (unsupported timestamp algorithm)`,
    );
  const canonical = utf8(canonicalizeElement(value, method));
  if (!bytesEqual(info.imprint, await digest(imprintHash, canonical)))
    return failed(
      'Dấu thời gian không được cấp cho chữ ký này: giá trị băm trong dấu thời gian khác với giá trị chữ ký (timestamp hash mismatch)',
    );
  const tsa = findSigner(sid, signed.certificates);
  const sha1 = [imprintHash, hash, scheme.hash].includes('SHA-1');
  // RFC 3161 lets a TSA leave its certificate out (certReq false): unverifiable, not forged. Certificates
  // that do not include the one the token names are another matter.
  if (!tsa && signed.certificates.length)
    return failed(
      'Dấu thời gian kèm các chứng thư nhưng không có chứng thư của đơn vị đã ký nó: dấu thời gian đã bị sửa hoặc bị giả mạo (TSA certificate not found)',
    );
  if (!tsa)
    return {
      kind: 'untrusted',
      reason:
        'Dấu thời gian không kèm chứng thư của đơn vị cấp dấu thời gian nên không kiểm tra được và không được dùng (TSA certificate missing)',
    };

  const attrs = attributeValues(signedAttrs);
  const contentType = attrs.get(OID.contentType);
  const messageDigest = attrs.get(OID.messageDigest);
  const intact =
    contentType !== undefined &&
    readOid(contentType) === TST_INFO &&
    messageDigest !== undefined &&
    bytesEqual(messageDigest.content, await digest(hash, signed.content)) &&
    (await verifySignature(tsa.spki, tsa.keyAlgorithm, scheme, signature, setOf(signedAttrs), 'der'));
  if (!intact)
    return failed(
      `Chữ ký của đơn vị cấp dấu thời gian ${tsa.subject} trên dấu thời gian không hợp lệ: dấu thời gian đã bị sửa hoặc bị giả mạo (timestamp signature invalid)`,
    );
  if (!(await namesTsaCertificate(attrs, tsa)))
    return failed(
      `Chứng thư kèm dấu thời gian (${tsa.subject}) khác chứng thư mà đơn vị cấp dấu thời gian ghi trong phần đã ký: chứng thư đã bị tráo (TSA certificate substituted)`,
    );
  return checkTsa(tsa, signed.certificates, info.genTime, anchors, now, sha1);
}

/** The TSA certificate's purpose, the genTime, and the TSA's validity and chain at genTime. */
async function checkTsa(
  tsa: Certificate,
  pool: Certificate[],
  genTime: Date,
  anchors: Certificate[],
  now: Date,
  sha1: boolean,
): Promise<TokenOutcome> {
  if (!isTsaCertificate(tsa))
    return failed(
      `Chứng thư ${tsa.subject} ký dấu thời gian nhưng không phải chứng thư của đơn vị cấp dấu thời gian (thiếu mục đích "đóng dấu thời gian" bắt buộc) (not a TSA certificate)`,
    );
  if (genTime.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    return failed(
      `Dấu thời gian ghi thời điểm ${genTime.toISOString()}, ở tương lai so với thời điểm xác minh ${now.toISOString()} (timestamp in the future)`,
    );
  const expired = checkValidityAt(tsa, genTime, 'Chứng thư của đơn vị cấp dấu thời gian', AT_TIMESTAMP);
  if (expired) return failed(expired);
  const trust = await evaluateTrust(
    tsa,
    pool.filter((c) => c !== tsa),
    anchors,
    genTime,
    AT_TIMESTAMP,
  );
  if (trust.failure) return failed(`Dấu thời gian: ${trust.failure}`);
  if (!trust.trusted)
    return {
      kind: 'untrusted',
      reason: anchors.length
        ? `Đơn vị cấp dấu thời gian ${tsa.subject} chưa được xác lập tin cậy với chứng thư gốc đã cung cấp nên dấu thời gian không được dùng: ${trust.reasons.join('; ')} (untrusted TSA)`
        : `Chưa có chứng thư gốc tin cậy nào được cung cấp nên chưa xác lập được tin cậy với đơn vị cấp dấu thời gian ${tsa.subject}, và dấu thời gian không được dùng (untrusted TSA)`,
    };
  return { kind: 'attested', genTime, tsa: tsa.subject, sha1: sha1 || trust.sha1 };
}

/**
 * RFC 3161 §2.3: the TSA certificate has exactly one extended key usage, id-kp-timeStamping, in a
 * critical extension (what `openssl ts -verify` enforces too).
 */
function isTsaCertificate(cert: Certificate): boolean {
  const eku = cert.extendedKeyUsage;
  return !!eku && eku.critical && eku.purposes.length === 1 && eku.purposes[0] === TIME_STAMPING;
}

interface TstInfo {
  imprintAlgorithm: string;
  imprint: Uint8Array;
  genTime: Date;
}

/** TSTInfo (RFC 3161 §2.4.2): version, policy, messageImprint, serialNumber, genTime, then optional fields. */
function readTstInfo(der: Uint8Array): TstInfo {
  const [, , imprintNode, , genTimeNode] = expect(parseDer(der), TAG.SEQUENCE, 'TSTInfo').children;
  const [algorithm, hashed] = expect(imprintNode, TAG.SEQUENCE, 'MessageImprint').children;
  if (!isUniversal(genTimeNode, TAG.GENERALIZED_TIME))
    throw invalidData('TSTInfo thiếu genTime', 'TSTInfo without genTime');
  return {
    imprintAlgorithm: readAlgorithmIdentifier(algorithm).oid,
    imprint: expect(hashed, TAG.OCTET_STRING, 'hashedMessage').content,
    genTime: readTime(genTimeNode),
  };
}

/**
 * The ESS signingCertificate(V2) attribute (RFC 2634, RFC 5035) names the TSA certificate by hash,
 * so a certificate swapped into the token's unsigned certificate set is caught. RFC 3161 requires
 * the attribute; a token without one is still bound to its key by the signature check.
 */
async function namesTsaCertificate(attrs: Map<string, Der>, tsa: Certificate): Promise<boolean> {
  const v2 = attrs.get(SIGNING_CERTIFICATE_V2);
  const attribute = v2 ?? attrs.get(SIGNING_CERTIFICATE);
  if (!attribute) return true;
  // SigningCertificate(V2).certs[0] is the signer's ESSCertID(v2): [hashAlgorithm (v2 only, default SHA-256)] certHash …
  const fields = attribute.children[0]?.children[0]?.children.slice() ?? [];
  const algorithm = v2 && isUniversal(fields[0], TAG.SEQUENCE) ? fields.shift() : undefined;
  const hash = !v2 ? 'SHA-1' : algorithm ? HASH_OIDS[readAlgorithmIdentifier(algorithm).oid] : 'SHA-256';
  const certHash = fields[0];
  return !!hash && isUniversal(certHash, TAG.OCTET_STRING) && bytesEqual(certHash.content, await digest(hash, tsa.der));
}

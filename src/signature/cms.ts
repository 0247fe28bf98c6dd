/**
 * Detached CMS signatures (RFC 5652 SignedData), e.g. FILE.xlsx.p7s made by `openssl cms -sign
 * -binary` or a Vietnamese signing tool: the signed content is the exact bytes of the file. With
 * signed attributes, the messageDigest attribute must equal the hash of those bytes and the
 * signature covers the DER SET of the attributes; without them it covers the bytes directly.
 */
import {
  type Der,
  expect,
  invalidData,
  isContext,
  isUniversal,
  parseBer,
  readOid,
  readTime,
  readUnsigned,
  TAG,
} from './asn1';
import { bytesEqual, pemOrDer } from './bytes';
import { checkValidityAt, evaluateTrust, signerUsageProblem } from './chain';
import {
  digest,
  HASH_OIDS,
  type HashName,
  schemeFromAlgorithm,
  schemeName,
  type SignatureScheme,
  verifySignature,
} from './crypto';
import { malformed, MalformedPackageError } from './errors';
import { signingTimeRule } from './signing-time';
import type { SignatureReport } from './types';
import { type Certificate, parseCertificate, readAlgorithmIdentifier } from './x509';

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

export interface SignedData {
  contentType: string;
  content: Uint8Array | null;
  certificates: Certificate[];
  signerInfos: Der[];
}

export async function verifyDetachedCms(
  p7s: Uint8Array,
  fileBytes: Uint8Array,
  anchors: Certificate[],
  now: Date,
): Promise<SignatureReport[]> {
  const signed = readSignedData(p7s);
  if (!signed.signerInfos.length) malformed('Tệp .p7s không có SignerInfo nào (no signer)');
  const reports: SignatureReport[] = [];
  for (const [i, info] of signed.signerInfos.entries()) {
    try {
      reports.push(await verifySignerInfo(info, signed, fileBytes, anchors, now, `p7s#${i + 1}`));
    } catch (error) {
      if (error instanceof MalformedPackageError) throw error;
      malformed(`SignerInfo thứ ${i + 1} trong .p7s không đọc được (bad SignerInfo)`);
    }
  }
  return reports;
}

function readSignedData(p7s: Uint8Array): SignedData {
  try {
    return parseSignedData(pemOrDer(p7s, 'CMS|PKCS7|PKCS #7 SIGNED DATA')[0]);
  } catch {
    return malformed('Tệp .p7s không phải chữ ký CMS SignedData hợp lệ (bad CMS)');
  }
}

/** A ContentInfo holding SignedData (BER accepted: see parseBer); throws on anything else. */
export function parseSignedData(der: Uint8Array): SignedData {
  const [typeNode, wrapped] = expect(parseBer(der), TAG.SEQUENCE, 'ContentInfo').children;
  if (readOid(typeNode) !== OID.signedData || !isContext(wrapped, 0))
    throw invalidData('không phải SignedData (not SignedData)', 'not SignedData');
  const fields = expect(wrapped.children[0], TAG.SEQUENCE, 'SignedData').children;
  const [eContentType, eContent] = expect(fields[2], TAG.SEQUENCE, 'EncapsulatedContentInfo').children;
  const certs = fields.find((n) => isContext(n, 0));
  return {
    contentType: readOid(eContentType),
    content: eContent ? octets(eContent.children[0]) : null,
    certificates: (certs?.children ?? [])
      .filter((c) => isUniversal(c, TAG.SEQUENCE))
      .map((c) => parseCertificate(c.raw)),
    signerInfos: expect(fields[fields.length - 1], TAG.SET, 'signerInfos').children,
  };
}

/** eContent is an OCTET STRING, possibly constructed (BER chunks) when a tool encapsulates the content. */
function octets(node: Der): Uint8Array {
  expect(node, TAG.OCTET_STRING, 'eContent');
  if (!node.constructed) return node.content;
  const parts = node.children.map(octets);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

async function verifySignerInfo(
  info: Der,
  signed: SignedData,
  fileBytes: Uint8Array,
  anchors: Certificate[],
  now: Date,
  id: string,
): Promise<SignatureReport> {
  const failures: string[] = [];
  const notes: string[] = [];
  const { sid, hash, scheme, signatureAlgorithm, signedAttrs, signature } = readSignerInfo(info);
  const signer = findSigner(sid, signed.certificates);
  const report: SignatureReport = {
    id,
    valid: false,
    signer: signer?.subject ?? null,
    signedAt: null,
    attestedAt: null,
    attestedBy: null,
    algorithm: scheme ? schemeName(scheme) : signatureAlgorithm,
    sha1: false,
    trusted: false,
    reasons: [],
  };

  if (!hash || !scheme) failures.push(`Thuật toán của chữ ký CMS không được hỗ trợ (${signatureAlgorithm})`);
  if (!signer) failures.push('Tệp .p7s không kèm chứng thư của người ký (signer certificate not found)');
  if (signed.content && !bytesEqual(signed.content, fileBytes))
    failures.push('Nội dung trong .p7s khác với tệp (CMS content differs from the file)');
  if (hash && scheme && signer) {
    const attrs = signedAttrs
      ? await checkSignedAttributes(signedAttrs, signed.contentType, hash, fileBytes, failures)
      : null;
    report.signedAt = attrs?.signingTime ?? null;
    const data = signedAttrs ? setOf(signedAttrs) : fileBytes;
    const ok = await verifySignature(signer.spki, signer.keyAlgorithm, scheme, signature, data, 'der');
    if (!ok)
      failures.push('Chữ ký CMS (.p7s) không khớp: tệp đã bị sửa sau khi ký hoặc chữ ký bị hỏng (signature invalid)');
    report.sha1 = hash === 'SHA-1' || scheme.hash === 'SHA-1';
    await checkSignerCertificate(signer, signed.certificates, anchors, report, now, failures, notes);
  }
  if (report.sha1) notes.push('Chữ ký CMS dùng SHA-1, thuật toán băm yếu (weak hash)');
  report.valid = failures.length === 0;
  report.reasons = [...failures, ...notes];
  return report;
}

export interface SignerInfoFields {
  sid: Der;
  /** The digestAlgorithm, or undefined when unsupported. */
  hash: HashName | undefined;
  scheme: SignatureScheme | null;
  /** The signatureAlgorithm OID, for reasons. */
  signatureAlgorithm: string;
  signedAttrs: Der | undefined;
  signature: Uint8Array;
}

export function readSignerInfo(info: Der): SignerInfoFields {
  const [, sid, digestAlgNode, ...rest] = expect(info, TAG.SEQUENCE, 'SignerInfo').children;
  const signedAttrs = isContext(rest[0], 0) ? rest.shift() : undefined;
  const [sigAlgNode, signatureNode] = rest;
  const hash = HASH_OIDS[readAlgorithmIdentifier(digestAlgNode).oid];
  const signatureAlgorithm = readAlgorithmIdentifier(sigAlgNode);
  return {
    sid,
    hash,
    scheme: schemeFromAlgorithm(signatureAlgorithm, hash),
    signatureAlgorithm: signatureAlgorithm.oid,
    signedAttrs,
    signature: expect(signatureNode, TAG.OCTET_STRING, 'signature').content,
  };
}

/** Each signed attribute's first value, by type. */
export function attributeValues(signedAttrs: Der): Map<string, Der> {
  const values = new Map<string, Der>();
  for (const a of signedAttrs.children) values.set(readOid(a.children[0]), a.children[1].children[0]);
  return values;
}

/** The signature covers the DER of signedAttrs with its [0] IMPLICIT tag replaced by SET OF (RFC 5652 §5.4). */
export function setOf(signedAttrs: Der): Uint8Array {
  const copy = new Uint8Array(signedAttrs.raw);
  copy[0] = 0x31;
  return copy;
}

async function checkSignedAttributes(
  attrs: Der,
  contentType: string,
  hash: HashName,
  fileBytes: Uint8Array,
  failures: string[],
): Promise<{ signingTime: string | null }> {
  const values = attributeValues(attrs);
  const type = values.get(OID.contentType);
  if (!type || readOid(type) !== contentType)
    failures.push('Thuộc tính contentType của CMS không khớp (content-type attribute)');
  const md = values.get(OID.messageDigest);
  if (!md || !bytesEqual(md.content, await digest(hash, fileBytes)))
    failures.push('Tệp đã bị sửa sau khi ký: messageDigest trong .p7s không khớp băm của tệp (digest không khớp)');
  const time = values.get(OID.signingTime);
  return { signingTime: time ? readTime(time).toISOString() : null };
}

/** sid is IssuerAndSerialNumber or [0] SubjectKeyIdentifier. */
export function findSigner(sid: Der, certs: Certificate[]): Certificate | null {
  if (isContext(sid, 0)) return certs.find((c) => c.subjectKeyId && bytesEqual(c.subjectKeyId, sid.content)) ?? null;
  const [issuer, serial] = sid.children;
  return certs.find((c) => bytesEqual(c.issuerDer, issuer.raw) && bytesEqual(c.serial, readUnsigned(serial))) ?? null;
}

async function checkSignerCertificate(
  signer: Certificate,
  certs: Certificate[],
  anchors: Certificate[],
  report: SignatureReport,
  now: Date,
  failures: string[],
  notes: string[],
): Promise<void> {
  // A CMS signingTime attribute is the signer's claim too (signing-time.ts).
  const time = signingTimeRule(report.signedAt, signer, now);
  failures.push(...time.failures);
  notes.push(...time.notes);
  const at = time.at;
  const expired = checkValidityAt(signer, at, 'Chứng thư ký');
  if (expired) failures.push(expired);
  const usage = signerUsageProblem(signer);
  if (usage) notes.push(usage);
  const trust = await evaluateTrust(
    signer,
    certs.filter((c) => c !== signer),
    anchors,
    at,
  );
  if (trust.failure) failures.push(trust.failure);
  notes.push(...trust.reasons);
  report.sha1 ||= trust.sha1;
  report.trusted = trust.trusted && !usage;
}

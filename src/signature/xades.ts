/**
 * XAdES (ETSI TS 101 903) qualifying properties Office writes: SigningTime and the
 * SigningCertificate / SigningCertificateV2 binding between the signed properties and the
 * certificate in KeyInfo. Without the binding, anyone who re-signs a package with their own key
 * could keep properties naming someone else's certificate.
 */
import { DIGEST_METHODS } from './algorithms';
import { isContext, isUniversal, parseDer, readUnsigned, TAG } from './asn1';
import { bytesEqual, fromBase64 } from './bytes';
import { digest } from './crypto';
import { ATTRIBUTE_NAMES, type Certificate, type NameAttribute } from './x509';
import { childElements, firstChildNamed, isXadesNamespace, NS, textOf, type XmlElement } from './xml';

const xadesChild = (el: XmlElement | null, local: string): XmlElement | null =>
  el ? (childElements(el).find((c) => c.localName === local && isXadesNamespace(c.namespaceURI)) ?? null) : null;

export function signingTimeOf(signedProperties: XmlElement): string | null {
  const time = xadesChild(xadesChild(signedProperties, 'SignedSignatureProperties'), 'SigningTime');
  return time ? isoTime(textOf(time)) : null;
}

export function isoTime(text: string): string | null {
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export interface BindingResult {
  ok: boolean;
  sha1: boolean;
  reasons: string[];
}

/** Checks that SigningCertificate(V2) names the KeyInfo certificate: digest, then issuer and serial. */
export async function checkCertificateBinding(
  signedProperties: XmlElement,
  signer: Certificate,
): Promise<BindingResult> {
  const props = xadesChild(signedProperties, 'SignedSignatureProperties');
  const holder = xadesChild(props, 'SigningCertificate') ?? xadesChild(props, 'SigningCertificateV2');
  if (!holder)
    return {
      ok: true,
      sha1: false,
      reasons: [
        'SignedProperties (XAdES) không có SigningCertificate, chứng thư ký không được gắn vào phần đã ký (no certificate binding)',
      ],
    };
  const certs = childElements(holder).filter((c) => c.localName === 'Cert' && isXadesNamespace(c.namespaceURI));
  let sha1 = false;
  for (const cert of certs) {
    const match = await certDigestMatches(cert, signer);
    sha1 ||= match.sha1;
    if (match.unknownAlgorithm)
      return {
        ok: false,
        sha1,
        reasons: [`Thuật toán băm ${match.unknownAlgorithm} trong SigningCertificate (XAdES) không được hỗ trợ`],
      };
    if (match.equal) return issuerSerialCheck(cert, signer, sha1);
  }
  return {
    ok: false,
    sha1,
    reasons: [
      `Chứng thư ký trong KeyInfo (${signer.subject}) không khớp chứng thư ghi trong SigningCertificate của XAdES: chứng thư đã bị tráo (certificate binding mismatch)`,
    ],
  };
}

async function certDigestMatches(
  cert: XmlElement,
  signer: Certificate,
): Promise<{ equal: boolean; sha1: boolean; unknownAlgorithm?: string }> {
  const certDigest = xadesChild(cert, 'CertDigest');
  const method = certDigest ? firstChildNamed(certDigest, NS.dsig, 'DigestMethod') : null;
  const algorithm = method?.getAttribute('Algorithm') ?? '';
  const hash = DIGEST_METHODS[algorithm];
  if (!hash) return { equal: false, sha1: false, unknownAlgorithm: algorithm || '(trống)' };
  const expected = fromBase64(textOf(certDigest && firstChildNamed(certDigest, NS.dsig, 'DigestValue')));
  return { equal: bytesEqual(expected, await digest(hash, signer.der)), sha1: hash === 'SHA-1' };
}

function issuerSerialCheck(cert: XmlElement, signer: Certificate, sha1: boolean): BindingResult {
  const v1 = xadesChild(cert, 'IssuerSerial');
  const v2 = xadesChild(cert, 'IssuerSerialV2');
  const problem = v1 ? issuerSerialV1Problem(v1, signer) : v2 ? issuerSerialV2Problem(v2, signer) : null;
  return problem ? { ok: false, sha1, reasons: [problem] } : { ok: true, sha1, reasons: [] };
}

function issuerSerialV1Problem(el: XmlElement, signer: Certificate): string | null {
  const serial = textOf(firstChildNamed(el, NS.dsig, 'X509SerialNumber')).trim();
  if (serial !== signer.serialDecimal)
    return `Số sê-ri trong IssuerSerial (XAdES) là ${serial}, khác chứng thư ký ${signer.serialDecimal} (serial mismatch)`;
  const issuer = textOf(firstChildNamed(el, NS.dsig, 'X509IssuerName'));
  if (compareIssuerName(issuer, signer.issuerAttributes) === 'mismatch')
    return `Tên nơi cấp trong IssuerSerial (XAdES) "${issuer}" khác nơi cấp của chứng thư ký "${signer.issuer}" (issuer mismatch)`;
  return null;
}

/** IssuerSerialV2 is the base64 DER of IssuerSerial (RFC 5035): GeneralNames then the serial INTEGER. */
function issuerSerialV2Problem(el: XmlElement, signer: Certificate): string | null {
  try {
    const seq = parseDer(fromBase64(textOf(el)));
    const [names, serial] = seq.children;
    if (!isUniversal(serial, TAG.INTEGER) || !bytesEqual(readUnsigned(serial), signer.serial))
      return 'Số sê-ri trong IssuerSerialV2 (XAdES) khác chứng thư ký (serial mismatch)';
    const directoryName = names.children.find((n) => isContext(n, 4));
    if (directoryName && !bytesEqual(directoryName.children[0].raw, signer.issuerDer))
      return 'Tên nơi cấp trong IssuerSerialV2 (XAdES) khác nơi cấp của chứng thư ký (issuer mismatch)';
    return null;
  } catch {
    return 'IssuerSerialV2 (XAdES) không đọc được (bad IssuerSerialV2)';
  }
}

const NAME_ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ATTRIBUTE_NAMES).map(([oid, name]) => [name, oid])),
  S: '2.5.4.8',
  SURNAME: '2.5.4.4',
  G: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  TITLE: '2.5.4.12',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
};

/**
 * Compares an issuer DN written as text with the certificate's issuer. Producers differ in RDN
 * order and attribute names (Java writes "C=BE, CN=…", .NET "CN=…, C=BE"), so both sides become
 * multisets of (type, normalized value); hex-encoded values cannot be compared and give 'unknown'.
 */
export function compareIssuerName(text: string, attributes: NameAttribute[]): 'match' | 'mismatch' | 'unknown' {
  const parsed = parseDn(text);
  if (!parsed || parsed.some((a) => a.value.startsWith('#'))) return 'unknown';
  const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();
  const typed = parsed.every((a) => a.oid !== null);
  const key = (oid: string | null, v: string) => (typed ? `${oid}=${norm(v)}` : norm(v));
  const left = parsed.map((a) => key(a.oid, a.value)).sort();
  const right = attributes.map((a) => key(a.oid, a.value)).sort();
  return left.length === right.length && left.every((v, i) => v === right[i]) ? 'match' : 'mismatch';
}

function parseDn(text: string): { oid: string | null; value: string }[] | null {
  const out: { oid: string | null; value: string }[] = [];
  for (const part of splitUnescaped(text, /[,+;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const type = part
      .slice(0, eq)
      .trim()
      .toUpperCase()
      .replace(/^OID\./, '');
    const oid = /^\d+(\.\d+)+$/.test(type) ? type : (NAME_ALIASES[type] ?? null);
    out.push({ oid, value: unescapeDn(part.slice(eq + 1).trim()) });
  }
  return out;
}

function splitUnescaped(text: string, sep: RegExp): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) current += c + text[++i];
    else if (c === '"') ((quoted = !quoted), (current += c));
    else if (!quoted && sep.test(c)) (out.push(current), (current = ''));
    else current += c;
  }
  if (current.trim()) out.push(current);
  return out;
}

function unescapeDn(v: string): string {
  const unquoted = v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  return unquoted.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, x: string) =>
    x.length === 2 ? String.fromCharCode(parseInt(x, 16)) : x,
  );
}

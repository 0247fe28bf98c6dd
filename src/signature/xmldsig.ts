/**
 * Verification of one OPC signature part (an XML-DSig Signature as Office writes it): the
 * SignatureValue over the canonical SignedInfo, each SignedInfo Reference (package Object, Office
 * Object, XAdES SignedProperties), the Manifest of package parts, the XAdES certificate binding,
 * validity and the chain to the caller's anchors at the verification time (the signing time is a
 * claim: ./signing-time.ts), or at the time a verified XAdES-T timestamp attests (./timestamp.ts).
 *
 * Wrapping defenses: Ids must be unique in the whole document (here); what SignedInfo references
 * and the one package Object: ./signed-info.ts.
 */
import { SIGNATURE_METHODS } from './algorithms';
import { fromBase64, utf8 } from './bytes';
import { canonicalizeElement } from './c14n';
import { checkValidityAt, evaluateTrust, signerUsageProblem } from './chain';
import { schemeName, type SignatureScheme, verifySignature } from './crypto';
import { Findings } from './findings';
import { type ManifestResult, verifyManifest } from './manifest';
import type { OpcPackage } from './opc';
import { checkPackageObject, checkSignedInfoReferences, type SignedTargets } from './signed-info';
import { c14nMethodOf } from './transforms';
import type { SignatureReport } from './types';
import { type Certificate, parseCertificate } from './x509';
import { type Attestation, signingTimeRule } from './signing-time';
import { checkSignatureTimestamps, type TimestampOutcome } from './timestamp';
import { checkCertificateBinding, isoTime, signingTimeOf } from './xades';
import {
  attr,
  childrenNamed,
  descendants,
  firstChildNamed,
  isNamed,
  isXadesNamespace,
  NS,
  parseXmlBytes,
  textOf,
  type XmlElement,
} from './xml';

export interface XmlSignatureCheck {
  report: SignatureReport;
  /** Parts covered by this signature's Manifest (empty unless the signature is valid). */
  covered: Set<string>;
  manifestReferences: number;
}

export interface VerifyContext {
  anchors: Certificate[];
  now: Date;
}

export async function verifyXmlSignature(
  pkg: OpcPackage,
  part: string,
  ctx: VerifyContext,
): Promise<XmlSignatureCheck> {
  const root = parseXmlBytes(pkg.parts.get(part) as Uint8Array, part).documentElement!;
  const f = new Findings();
  const certificates = readKeyInfoCertificates(root, f);
  const report: SignatureReport = {
    id: part,
    valid: false,
    signer: certificates[0]?.subject ?? null,
    signedAt: null,
    attestedAt: null,
    attestedBy: null,
    algorithm: '',
    sha1: false,
    trusted: false,
    reasons: [],
  };
  const structure = checkStructure(root, part, f);
  if (!structure) return finish(report, f, null);

  const scheme = signatureSchemeOf(structure.signedInfo, f);
  report.algorithm = scheme
    ? schemeName(scheme)
    : (firstChildNamed(structure.signedInfo, NS.dsig, 'SignatureMethod')?.getAttribute('Algorithm') ?? '');
  const signer = scheme ? await checkSignatureValue(root, structure.signedInfo, scheme, certificates, f) : null;
  if (signer) report.signer = signer.subject;

  const content = await checkSignedContent(root, structure, pkg, f);
  report.signedAt = signingTime(root, content, f);
  if (signer) {
    const timestamp = await checkSignatureTimestamps(root, ctx.anchors, ctx.now);
    await checkCertificate(signer, certificates, content.targets.signedProperties, report, ctx, f, timestamp);
  }
  if (f.sha1) f.note('Chữ ký dùng SHA-1, thuật toán băm yếu; nên ký lại bằng SHA-256 (weak hash)');
  return finish(report, f, content.manifest);
}

function finish(report: SignatureReport, f: Findings, manifest: ManifestResult | null): XmlSignatureCheck {
  report.valid = f.failures.length === 0;
  report.sha1 = f.sha1 || f.chainSha1;
  report.reasons = [...f.failures, ...f.notes];
  return {
    report,
    covered: report.valid && manifest ? manifest.covered : new Set(),
    manifestReferences: manifest?.references ?? 0,
  };
}

interface Structure {
  ids: Map<string, XmlElement>;
  signedInfo: XmlElement;
}

/** A ds:Signature root with unique Ids and exactly one SignedInfo, or null (with the failure recorded). */
function checkStructure(root: XmlElement, part: string, f: Findings): Structure | null {
  if (!isNamed(root, NS.dsig, 'Signature')) return (f.fail(`Phần ${part} không chứa phần tử ds:Signature`), null);
  const ids = uniqueIds(root, f);
  const signedInfo = ids ? singleChild(root, 'SignedInfo', f) : null;
  return ids && signedInfo ? { ids, signedInfo } : null;
}

interface SignedContent {
  targets: SignedTargets;
  packageObject: XmlElement | null;
  manifest: ManifestResult | null;
}

/** The SignedInfo references, the one package Object they must include, and its Manifest of parts. */
async function checkSignedContent(
  root: XmlElement,
  structure: Structure,
  pkg: OpcPackage,
  f: Findings,
): Promise<SignedContent> {
  const targets = await checkSignedInfoReferences(root, structure.signedInfo, structure.ids, f);
  const packageObject = checkPackageObject(root, targets, f);
  const manifestEl = packageObject ? firstChildNamed(packageObject, NS.dsig, 'Manifest') : null;
  if (packageObject && !manifestEl) f.fail('Object của gói (idPackageObject) không có Manifest');
  const manifest = manifestEl ? await verifyManifest(manifestEl, pkg) : null;
  manifest?.reasons.forEach((r) => f.fail(r));
  f.sha1 ||= manifest?.sha1 ?? false;
  return { targets, packageObject, manifest };
}

/** XAdES SigningTime when the SignedProperties are signed, else the OPC SignatureTime of the package Object. */
function signingTime(root: XmlElement, content: SignedContent, f: Findings): string | null {
  const { signedProperties } = content.targets;
  if (
    !signedProperties &&
    descendants(root).some((e) => e.localName === 'SignedProperties' && isXadesNamespace(e.namespaceURI))
  )
    f.note(
      'SignedProperties (XAdES) không được SignedInfo tham chiếu nên bị bỏ qua (unsigned XAdES properties ignored)',
    );
  return (
    (signedProperties && signingTimeOf(signedProperties)) ??
    (content.packageObject && signatureTimeOf(content.packageObject)) ??
    null
  );
}

/** All Id/ID/id attribute values must be unique: a duplicate is how signature wrapping hides a second object. */
function uniqueIds(root: XmlElement, f: Findings): Map<string, XmlElement> | null {
  const ids = new Map<string, XmlElement>();
  const duplicates = new Set<string>();
  for (const el of descendants(root)) {
    for (const name of ['Id', 'ID', 'id']) {
      const value = attr(el, name);
      if (value === null) continue;
      if (ids.has(value)) duplicates.add(value);
      ids.set(value, el);
    }
  }
  if (!duplicates.size) return ids;
  f.fail(
    `Id trùng lặp trong phần chữ ký: ${[...duplicates].map((d) => `"${d}"`).join(', ')} (duplicate Id, signature wrapping)`,
  );
  return null;
}

function singleChild(root: XmlElement, local: string, f: Findings): XmlElement | null {
  const found = childrenNamed(root, NS.dsig, local);
  if (found.length === 1) return found[0];
  f.fail(`Signature phải có đúng một ${local}, nhưng có ${found.length}`);
  return null;
}

function signatureSchemeOf(signedInfo: XmlElement, f: Findings): SignatureScheme | null {
  const algorithm = firstChildNamed(signedInfo, NS.dsig, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const scheme = SIGNATURE_METHODS[algorithm];
  if (!scheme) f.fail(`SignatureMethod không được hỗ trợ: ${algorithm || '(trống)'} (unsupported signature algorithm)`);
  if (scheme?.hash === 'SHA-1') f.sha1 = true;
  return scheme ?? null;
}

/** More certificates than any real chain needs would only make the verifier try keys in vain. */
const MAX_KEYINFO_CERTIFICATES = 16;

function readKeyInfoCertificates(root: XmlElement, f: Findings): Certificate[] {
  const keyInfo = firstChildNamed(root, NS.dsig, 'KeyInfo');
  const out: Certificate[] = [];
  const elements = (keyInfo ? childrenNamed(keyInfo, NS.dsig, 'X509Data') : []).flatMap((data) =>
    childrenNamed(data, NS.dsig, 'X509Certificate'),
  );
  if (elements.length > MAX_KEYINFO_CERTIFICATES)
    return (f.fail(`KeyInfo có ${elements.length} chứng thư, quá giới hạn ${MAX_KEYINFO_CERTIFICATES}`), []);
  for (const el of elements) {
    try {
      out.push(parseCertificate(fromBase64(textOf(el))));
    } catch {
      f.fail('Chứng thư X.509 trong KeyInfo không đọc được (bad certificate)');
    }
  }
  if (!out.length && !f.failures.length) f.fail('KeyInfo không có chứng thư X.509 của người ký (no X509Certificate)');
  return out;
}

/**
 * Canonicalizes SignedInfo with its CanonicalizationMethod and checks SignatureValue with the
 * KeyInfo certificates; the one whose key verifies is the signer (Office puts it first).
 */
async function checkSignatureValue(
  root: XmlElement,
  signedInfo: XmlElement,
  scheme: SignatureScheme,
  certs: Certificate[],
  f: Findings,
): Promise<Certificate | null> {
  const methodEl = firstChildNamed(signedInfo, NS.dsig, 'CanonicalizationMethod');
  const method = methodEl ? c14nMethodOf(methodEl) : null;
  if (!method)
    return (
      f.fail(
        `CanonicalizationMethod không được hỗ trợ: ${methodEl?.getAttribute('Algorithm') || '(trống)'} (unknown canonicalization)`,
      ),
      null
    );
  const valueEl = firstChildNamed(root, NS.dsig, 'SignatureValue');
  let value: Uint8Array;
  try {
    value = fromBase64(textOf(valueEl));
  } catch {
    return (f.fail('SignatureValue không phải base64 hợp lệ'), null);
  }
  const data = utf8(canonicalizeElement(signedInfo, method));
  for (const cert of certs)
    if (await verifySignature(cert.spki, cert.keyAlgorithm, scheme, value, data, 'raw')) return cert;
  if (certs.length)
    f.fail(
      'SignatureValue không khớp: SignedInfo hoặc giá trị chữ ký đã bị sửa, hoặc không ký bằng khóa của chứng thư trong KeyInfo (signature value invalid)',
    );
  return null;
}

/** The OPC mdssi:SignatureTime inside the package Object (signed with it). */
function signatureTimeOf(packageObject: XmlElement): string | null {
  const value = descendants(packageObject).find(
    (e) => isNamed(e, NS.mdssi, 'Value') && isNamed(e.parentNode as XmlElement, NS.mdssi, 'SignatureTime'),
  );
  return value ? isoTime(textOf(value)) : null;
}

async function checkCertificate(
  signer: Certificate,
  all: Certificate[],
  signedProperties: XmlElement | null,
  report: SignatureReport,
  ctx: VerifyContext,
  f: Findings,
  timestamp: TimestampOutcome,
): Promise<void> {
  if (signedProperties) {
    const binding = await checkCertificateBinding(signedProperties, signer);
    f.sha1 ||= binding.sha1;
    binding.reasons.forEach((r) => (binding.ok ? f.note(r) : f.fail(r)));
  }
  // The signing time is the signer's claim unless a verified timestamp attests it (signing-time.ts).
  const attested = useTimestamp(timestamp, f);
  if (attested) [report.attestedAt, report.attestedBy] = [attested.genTime.toISOString(), attested.tsa];
  const time = signingTimeRule(report.signedAt, signer, ctx.now, attested);
  time.failures.forEach((r) => f.fail(r));
  time.notes.forEach((r) => f.note(r));
  const at = time.at;
  const expired = checkValidityAt(signer, at, 'Chứng thư ký', time.when);
  if (expired) f.fail(expired);
  const usage = signerUsageProblem(signer);
  if (usage) f.note(usage);
  const trust = await evaluateTrust(
    signer,
    all.filter((c) => c !== signer),
    ctx.anchors,
    at,
    time.when,
  );
  f.chainSha1 ||= trust.sha1;
  if (trust.failure) f.fail(trust.failure);
  trust.reasons.forEach((r) => f.note(r));
  // A timestamp from a TSA no anchor vouches for withholds trust, as an unanchored signer does (timestamp.ts).
  report.trusted = trust.trusted && !usage && timestamp.kind !== 'untrusted';
}

/** A failed timestamp fails the signature; an untrusted one is noted and not used (timestamp.ts). */
function useTimestamp(timestamp: TimestampOutcome, f: Findings): Attestation | null {
  if (timestamp.kind === 'failed') f.fail(timestamp.reason);
  if (timestamp.kind === 'untrusted') f.note(timestamp.reason);
  if (timestamp.kind !== 'attested') return null;
  // Only a timestamp that is relied on makes its weak hash matter.
  if (timestamp.sha1) f.note('Dấu thời gian dùng SHA-1, thuật toán băm yếu (weak hash)');
  f.chainSha1 ||= timestamp.sha1;
  return timestamp;
}

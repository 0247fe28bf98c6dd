/**
 * verifyPackage: reads the package safely, verifies every OPC signature (and an optional detached
 * CMS signature), works out which parts no valid signature covers, and sums it all up in one
 * status with Vietnamese reasons. Status precedence: malformed > invalid > partial >
 * valid-untrusted > valid; unsigned when there is no signature at all.
 */
import { readTrustAnchors } from './chain';
import { verifyDetachedCms } from './cms';
import { MissingWebCryptoError } from './crypto';
import { MalformedPackageError } from './errors';
import { CONTENT_TYPES_PART, findSignatureParts, type OpcPackage, type SignatureParts } from './opc';
import { readPackage } from './package';
import type { SignatureReport, SignatureStatus, VerifyOptions, VerifyResult } from './types';
import { verifyXmlSignature, type XmlSignatureCheck } from './xmldsig';

export async function verifyPackage(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  const now = options.now ?? new Date();
  const { anchors, reasons: anchorReasons } = readTrustAnchors(options.trustAnchors ?? []);
  try {
    const pkg = readPackage(bytes, { limits: options.limits });
    const signatureParts = findSignatureParts(pkg);
    const xml: XmlSignatureCheck[] = [];
    for (const part of signatureParts.signatures) xml.push(await verifyXmlSignature(pkg, part, { anchors, now }));
    const { cms, notes } = options.p7s
      ? await detached(options.p7s, bytes, anchors, now, xml.length > 0)
      : { cms: [], notes: [] };
    return summarize(pkg, signatureParts, xml, cms, [...notes, ...anchorReasons]);
  } catch (error) {
    if (error instanceof MissingWebCryptoError) throw error;
    // No parts for a malformed package: nothing in it was verified, so nothing should be scored from it.
    return {
      status: 'malformed',
      signer: null,
      signedAt: null,
      attestedAt: null,
      attestedBy: null,
      reasons: [malformedReason(error), ...anchorReasons],
      signatures: [],
      uncoveredParts: [],
      parts: new Map(),
    };
  }
}

/**
 * The detached signature beside the file. One that cannot even be read as CMS is no signature: it
 * is reported as broken, and beside an XML signature it leaves that signature's verdict standing
 * (a stray or damaged FILE.xlsx.p7s must not hide a valid signature, nor make the file unreadable);
 * alone, it is a signature that fails (invalid).
 */
async function detached(
  p7s: Uint8Array,
  bytes: Uint8Array,
  anchors: Parameters<typeof verifyDetachedCms>[2],
  now: Date,
  besideXml: boolean,
): Promise<{ cms: SignatureReport[]; notes: string[] }> {
  try {
    return { cms: await verifyDetachedCms(p7s, bytes, anchors, now), notes: [] };
  } catch (error) {
    if (!(error instanceof MalformedPackageError)) throw error;
    const reason = `Tệp chữ ký .p7s kèm theo bị hỏng, không dùng được: ${error.reason} (broken .p7s)`;
    if (besideXml) return { cms: [], notes: [`${reason}; chữ ký số trong tệp được xét riêng`] };
    return {
      cms: [
        {
          id: 'p7s',
          valid: false,
          signer: null,
          signedAt: null,
          attestedAt: null,
          attestedBy: null,
          algorithm: '',
          sha1: false,
          trusted: false,
          reasons: [reason],
        },
      ],
      notes: [],
    };
  }
}

/**
 * Hostile input must never make verification throw: anything unexpected (a structure nested deep
 * enough to exhaust the stack, an ASN.1 shape no check anticipated) fails closed as malformed.
 */
function malformedReason(error: unknown): string {
  if (error instanceof MalformedPackageError) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  return `Không xử lý được gói: ${message} (unexpected structure)`;
}

function summarize(
  pkg: OpcPackage,
  signatureParts: SignatureParts,
  xml: XmlSignatureCheck[],
  cms: SignatureReport[],
  anchorReasons: string[],
): VerifyResult {
  const signatures = [...xml.map((c) => c.report), ...cms];
  const coverage = computeCoverage(pkg, signatureParts, xml, cms);
  const status = statusOf(signatures, coverage.partial);
  const best = signatures.find((s) => s.valid && s.trusted) ?? signatures.find((s) => s.valid) ?? signatures[0];
  return {
    status,
    signer: best?.signer ?? null,
    signedAt: best?.signedAt ?? null,
    attestedAt: best?.attestedAt ?? null,
    attestedBy: best?.attestedBy ?? null,
    reasons: [...headline(status, signatures), ...signatureReasons(signatures), ...coverage.reasons, ...anchorReasons],
    signatures,
    uncoveredParts: coverage.uncovered,
    parts: pkg.parts,
  };
}

function statusOf(signatures: SignatureReport[], partial: boolean): SignatureStatus {
  if (!signatures.length) return 'unsigned';
  if (signatures.some((s) => !s.valid)) return 'invalid';
  if (partial) return 'partial';
  return signatures.every((s) => s.trusted) ? 'valid' : 'valid-untrusted';
}

function headline(status: SignatureStatus, signatures: SignatureReport[]): string[] {
  switch (status) {
    case 'unsigned':
      return ['Gói không có chữ ký số (không có quan hệ digital-signature/origin hoặc không có chữ ký nào) (unsigned)'];
    case 'invalid':
      return [`${signatures.filter((s) => !s.valid).length}/${signatures.length} chữ ký không hợp lệ (invalid)`];
    case 'partial':
      return ['Chữ ký hợp lệ nhưng không bao phủ mọi phần của gói: có phần được thêm hoặc không được ký (partial)'];
    case 'valid-untrusted':
      return [
        'Chữ ký hợp lệ về mặt mật mã nhưng chưa xác lập được tin cậy với chứng thư gốc đã cung cấp (valid, untrusted)',
      ];
    default:
      return ['Mọi chữ ký hợp lệ và chuỗi chứng thư dẫn tới chứng thư gốc tin cậy (valid)'];
  }
}

/** Each signature's own reasons, prefixed with the signature's id when there are several. */
function signatureReasons(signatures: SignatureReport[]): string[] {
  const prefix = signatures.length > 1;
  return signatures.flatMap((s) => s.reasons.map((r) => (prefix ? `Chữ ký ${s.id}: ${r}` : r)));
}

/** docProps (core, app, custom properties and the thumbnail) is outside Excel's signatures by design. */
const NORMALLY_UNSIGNED = /^docProps\//i;

interface Coverage {
  uncovered: string[];
  partial: boolean;
  reasons: string[];
}

/**
 * Parts that no valid signature covers. The signature parts themselves are excluded. A valid
 * detached CMS signature covers the whole file. [Content_Types].xml is never referenced directly:
 * each Manifest reference carries the part's content type ("?ContentType=") and the verifier checks
 * it against [Content_Types].xml, so the file counts as covered as soon as one valid signature has
 * at least one Manifest reference. Entries for unsigned parts could still be added to it, but those
 * parts are then reported as uncovered themselves. Likewise a Relationships part counts as covered
 * when referenced even though its RelationshipTransform selects only some relationships: the ones
 * left out (docProps, the signature origin) lead to parts that are judged on their own.
 */
function computeCoverage(
  pkg: OpcPackage,
  signatureParts: SignatureParts,
  xml: XmlSignatureCheck[],
  cms: SignatureReport[],
): Coverage {
  const all = [...pkg.parts.keys()].filter((p) => !signatureParts.signatureRelated.has(p));
  if (!xml.length && !cms.length) return { uncovered: all, partial: false, reasons: [] };
  if (cms.some((s) => s.valid)) return { uncovered: [], partial: false, reasons: [] };
  const covered = new Set<string>();
  for (const check of xml) {
    check.covered.forEach((p) => covered.add(p));
    if (check.report.valid && check.manifestReferences > 0) covered.add(CONTENT_TYPES_PART);
  }
  const uncovered = all.filter(
    (p) =>
      !covered.has(p) && !(p.toLowerCase() === CONTENT_TYPES_PART.toLowerCase() && covered.has(CONTENT_TYPES_PART)),
  );
  if (!xml.some((c) => c.report.valid)) return { uncovered, partial: false, reasons: [] }; // nothing verified: the failures say it all
  const usual = uncovered.filter((p) => NORMALLY_UNSIGNED.test(p));
  const unusual = uncovered.filter((p) => !NORMALLY_UNSIGNED.test(p));
  const reasons: string[] = [];
  if (usual.length)
    reasons.push(
      `Các phần thuộc tính tài liệu không được ký, điều này bình thường với Excel: ${usual.join(', ')} (docProps unsigned)`,
    );
  if (unusual.length)
    reasons.push(
      `Các phần không được chữ ký hợp lệ nào bao phủ (được thêm sau khi ký hoặc không được ký): ${unusual.join(', ')} (uncovered parts)`,
    );
  return { uncovered, partial: unusual.length > 0, reasons };
}

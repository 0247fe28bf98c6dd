/**
 * The package Object's Manifest: one Reference per signed part, "URI=/part?ContentType=type".
 * Each part is digested as stored (or through the RelationshipTransform for .rels parts) and its
 * content type is compared with [Content_Types].xml, which is how that part is protected.
 */
import { DIGEST_METHODS } from './algorithms';
import { bytesEqual, fromBase64 } from './bytes';
import { digest } from './crypto';
import { SignatureProblem } from './errors';
import { contentTypeOf, findPart, type OpcPackage, partNameToZipName } from './opc';
import { applyTransforms } from './transforms';
import { childrenNamed, firstChildNamed, NS, textOf, type XmlElement } from './xml';

export interface ManifestResult {
  /** Parts whose reference verified. */
  covered: Set<string>;
  references: number;
  reasons: string[];
  sha1: boolean;
}

const RELATIONSHIPS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';

export async function verifyManifest(manifest: XmlElement, pkg: OpcPackage): Promise<ManifestResult> {
  const result: ManifestResult = { covered: new Set(), references: 0, reasons: [], sha1: false };
  for (const ref of childrenNamed(manifest, NS.dsig, 'Reference')) {
    result.references++;
    try {
      const { part, sha1 } = await verifyPartReference(ref, pkg);
      result.covered.add(part);
      result.sha1 ||= sha1;
    } catch (error) {
      if (!(error instanceof SignatureProblem)) throw error;
      result.reasons.push(error.reason);
    }
  }
  return result;
}

async function verifyPartReference(ref: XmlElement, pkg: OpcPackage): Promise<{ part: string; sha1: boolean }> {
  const uri = ref.getAttribute('URI') ?? '';
  const { partName, contentType } = splitPartUri(uri);
  const zipName = partNameToZipName(partName);
  if (!zipName)
    throw new SignatureProblem(`Tham chiếu "${uri}" trong Manifest không phải tên phần của gói (not a part name)`);
  const part = findPart(pkg, zipName);
  if (!part)
    throw new SignatureProblem(
      `Phần ${zipName} được ký nhưng không còn trong gói (đã bị xóa hoặc đổi tên) (signed part missing)`,
    );
  checkContentType(pkg, part, contentType);
  const hash = digestMethodOf(ref, part);
  const transforms = childrenNamed(firstChildNamed(ref, NS.dsig, 'Transforms') ?? ref, NS.dsig, 'Transform');
  const isRels = (contentTypeOf(pkg, part) ?? '').toLowerCase() === RELATIONSHIPS_TYPE;
  const octets = applyTransforms({ kind: 'octets', bytes: pkg.parts.get(part) as Uint8Array }, transforms, {
    label: part,
    relationshipsPart: isRels,
  });
  const expected = digestValueOf(ref, part);
  if (!bytesEqual(expected, await digest(hash, octets)))
    throw new SignatureProblem(`Phần ${part} đã bị sửa sau khi ký (digest không khớp)`);
  return { part, sha1: hash === 'SHA-1' };
}

/** "/xl/workbook.xml?ContentType=application/…+xml" → the part name and the content type signed with it. */
export function splitPartUri(uri: string): { partName: string; contentType: string | null } {
  const q = uri.indexOf('?');
  if (q < 0) return { partName: uri, contentType: null };
  const param = uri
    .slice(q + 1)
    .split('&')
    .find((p) => p.startsWith('ContentType='));
  let contentType = param ? param.slice('ContentType='.length) : null;
  try {
    contentType = contentType === null ? null : decodeURIComponent(contentType);
  } catch {
    /* keep the raw text: a bad escape simply will not match */
  }
  return { partName: uri.slice(0, q), contentType };
}

function checkContentType(pkg: OpcPackage, part: string, signed: string | null): void {
  if (signed === null)
    throw new SignatureProblem(`Tham chiếu tới ${part} thiếu ContentType (OPC yêu cầu "?ContentType=")`);
  const actual = contentTypeOf(pkg, part);
  if ((actual ?? '').toLowerCase() !== signed.toLowerCase())
    throw new SignatureProblem(
      `Kiểu nội dung của phần ${part} đã đổi sau khi ký: khi ký là "${signed}", nay là "${actual ?? '(không có)'}" ([Content_Types].xml bị sửa)`,
    );
}

export function digestMethodOf(ref: XmlElement, label: string): (typeof DIGEST_METHODS)[string] {
  const algorithm = firstChildNamed(ref, NS.dsig, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
  const hash = DIGEST_METHODS[algorithm];
  if (!hash)
    throw new SignatureProblem(`Tham chiếu ${label} dùng DigestMethod không được hỗ trợ: ${algorithm || '(trống)'}`);
  return hash;
}

export function digestValueOf(ref: XmlElement, label: string): Uint8Array {
  try {
    return fromBase64(textOf(firstChildNamed(ref, NS.dsig, 'DigestValue')));
  } catch {
    throw new SignatureProblem(`DigestValue của tham chiếu ${label} không phải base64 hợp lệ`);
  }
}

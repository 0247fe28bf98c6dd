/**
 * The Reference processing model (XML-DSig §4.3.3): data flows through the listed Transforms, as a
 * node-set (an element subtree or a document) or as octets, and ends as octets for the digest.
 * Only the algorithms OPC allows are accepted: the c14n family and the RelationshipTransform.
 * Anything else is refused by name rather than skipped, since skipping a transform changes what was signed.
 */
import { EXC_C14N_NS } from './algorithms';
import { C14N_METHODS, type C14nMethod, canonicalizeDocument, canonicalizeElement } from './c14n';
import { utf8 } from './bytes';
import { invalid, MalformedPackageError, SignatureProblem } from './errors';
import { parseFlatXml } from './flat-xml';
import {
  canonicalRelationships,
  flatRelationshipsOf,
  readSelection,
  RELATIONSHIP_TRANSFORM,
  relationshipsOf,
} from './relationship-transform';
import { decodeXmlPart, firstChildNamed, parseXmlBytes, type XmlDocument, type XmlElement } from './xml';

export type ReferenceData =
  | { kind: 'element'; el: XmlElement }
  | { kind: 'document'; doc: XmlDocument }
  | { kind: 'octets'; bytes: Uint8Array }
  /** A document already in canonical form under every C14N method (the RelationshipTransform's output). */
  | { kind: 'canonical'; text: string };

export interface TransformContext {
  /** Where the data comes from, for reasons ("#idPackageObject", "xl/_rels/workbook.xml.rels"). */
  label: string;
  /** Only Relationships parts may use the RelationshipTransform. */
  relationshipsPart: boolean;
}

const DEFAULT_C14N: C14nMethod = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'];

export function c14nMethodOf(el: XmlElement): C14nMethod | null {
  const base = C14N_METHODS[el.getAttribute('Algorithm') ?? ''];
  if (!base) return null;
  const list = base.exclusive
    ? firstChildNamed(el, EXC_C14N_NS, 'InclusiveNamespaces')?.getAttribute('PrefixList')
    : null;
  const inclusivePrefixes = list
    ? list
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => (p === '#default' ? '' : p))
    : undefined;
  return { ...base, inclusivePrefixes };
}

/** Runs the transforms and returns the octets to digest. */
export function applyTransforms(input: ReferenceData, transforms: XmlElement[], ctx: TransformContext): Uint8Array {
  checkTransformOrder(transforms, ctx);
  let data = input;
  for (const t of transforms) {
    const method = c14nMethodOf(t);
    data = method ? { kind: 'octets', bytes: utf8(canonicalize(data, method, ctx)) } : relationships(data, t, ctx);
  }
  return data.kind === 'octets' ? data.bytes : utf8(canonicalize(data, DEFAULT_C14N, ctx));
}

/** Unknown algorithms, and the RelationshipTransform rules of ECMA-376 Part 2 ([M6.26], [M6.35]). */
function checkTransformOrder(transforms: XmlElement[], ctx: TransformContext): void {
  let relationshipTransforms = 0;
  transforms.forEach((t, i) => {
    const algorithm = t.getAttribute('Algorithm') ?? '';
    if (c14nMethodOf(t)) return;
    if (algorithm !== RELATIONSHIP_TRANSFORM)
      invalid(
        `Tham chiếu ${ctx.label} dùng Transform không được hỗ trợ: ${algorithm || '(không có Algorithm)'} (unknown transform)`,
      );
    if (!ctx.relationshipsPart)
      invalid(`RelationshipTransform được dùng cho ${ctx.label}, vốn không phải phần Relationships`);
    if (++relationshipTransforms > 1) invalid(`Tham chiếu ${ctx.label} có nhiều hơn một RelationshipTransform`);
    if (!transforms[i + 1] || !c14nMethodOf(transforms[i + 1]))
      invalid(`RelationshipTransform của ${ctx.label} không được theo sau bởi phép chuẩn hóa C14N`);
  });
}

function canonicalize(data: ReferenceData, method: C14nMethod, ctx: TransformContext): string {
  // A same-document "#id" reference selects the subtree without comments (XML-DSig §4.3.3.3),
  // so even a #WithComments method outputs none there.
  if (data.kind === 'element') return canonicalizeElement(data.el, { ...method, withComments: false });
  if (data.kind === 'canonical') return data.text;
  return canonicalizeDocument(data.kind === 'document' ? data.doc : parsePart(data.bytes, ctx), method);
}

function relationships(data: ReferenceData, transform: XmlElement, ctx: TransformContext): ReferenceData {
  if (data.kind === 'element' || data.kind === 'canonical')
    return invalid(`RelationshipTransform không áp dụng được cho ${ctx.label}`);
  try {
    const flat = data.kind === 'octets' ? parseFlatXml(decodeXmlPart(data.bytes, ctx.label)) : null;
    const list = flat
      ? flatRelationshipsOf(flat, ctx.label)
      : relationshipsOf(data.kind === 'document' ? data.doc : parsePart(data.bytes, ctx), ctx.label);
    return { kind: 'canonical', text: canonicalRelationships(list, readSelection(transform)) };
  } catch (error) {
    if (error instanceof MalformedPackageError || error instanceof SignatureProblem) throw error;
    return invalid((error as Error).message);
  }
}

function parsePart(bytes: Uint8Array, ctx: TransformContext): XmlDocument {
  try {
    return parseXmlBytes(bytes, ctx.label);
  } catch (error) {
    if (error instanceof MalformedPackageError) throw error;
    return invalid(`Không đọc được ${ctx.label} như XML`);
  }
}

/**
 * Open Packaging Conventions plumbing: content types, relationships and part names. Signature parts
 * are found by following relationships from the package root, never by matching file names, so a
 * part merely called "_xmlsignatures/sig1.xml" that no relationship reaches is just another part.
 */
import { decodeXmlText } from './bytes';
import { malformed } from './errors';
import { type FlatElement, parseFlatXml } from './flat-xml';
import { childElements, decodeXmlPart, hasDtd, isNamed, NS, parseXmlText } from './xml';

export const REL_TYPES = {
  origin: 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin',
  signature: 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature',
  certificate: 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/certificate',
} as const;

export const CONTENT_TYPES_PART = '[Content_Types].xml';

export interface OpcPackage {
  /** Zip entry name (no leading slash) → bytes. */
  parts: Map<string, Uint8Array>;
  /** Lower-cased name → actual name: OPC part names compare case-insensitively. */
  byLowerName: Map<string, string>;
  contentTypes: ContentTypes;
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The zip entry name the target resolves to (internal targets only). */
  part: string | null;
}

export function openPackage(parts: Map<string, Uint8Array>): OpcPackage {
  const byLowerName = new Map([...parts.keys()].map((n) => [n.toLowerCase(), n]));
  const ctName = byLowerName.get(CONTENT_TYPES_PART.toLowerCase());
  if (!ctName) malformed('Gói thiếu phần [Content_Types].xml (not an OPC package)');
  const contentTypes = readContentTypes(parts.get(ctName as string) as Uint8Array);
  return { parts, byLowerName, contentTypes };
}

function readContentTypes(bytes: Uint8Array): ContentTypes {
  const root = readFlatPart(bytes, CONTENT_TYPES_PART, NS.contentTypes, 'Types');
  if (!root) return malformed('Phần [Content_Types].xml không có phần tử Types');
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const el of root.children) {
    if (el.name === 'Default')
      defaults.set((el.attributes.get('Extension') ?? '').toLowerCase(), el.attributes.get('ContentType') ?? '');
    if (el.name === 'Override')
      overrides.set((el.attributes.get('PartName') ?? '').toLowerCase(), el.attributes.get('ContentType') ?? '');
  }
  return { defaults, overrides };
}

/**
 * A part whose root must be namespace:rootName, as the flat reading (flat-xml.ts) of its children
 * in that namespace with their unqualified attributes; through the DOM when the part is not flat.
 * Null when the root is another element.
 */
function readFlatPart(
  bytes: Uint8Array,
  partName: string,
  namespace: string,
  rootName: string,
): { children: FlatElement[] } | null {
  const text = decodeXmlPart(bytes, partName);
  const flat = parseFlatXml(text);
  if (flat) return flat.root === rootName && flat.namespace === namespace ? flat : null;
  const root = parseXmlText(text, partName).documentElement!;
  if (!isNamed(root, namespace, rootName)) return null;
  const children = childElements(root)
    .filter((el) => el.namespaceURI === namespace)
    .map((el) => {
      const attributes = new Map<string, string>();
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i)!;
        if (!a.namespaceURI) attributes.set(a.name, a.value);
      }
      return { name: el.localName!, attributes };
    });
  return { children };
}

/** The content type of a part (zip name), by Override first, then Default by extension. */
export function contentTypeOf(pkg: OpcPackage, part: string): string | null {
  const override = pkg.contentTypes.overrides.get(`/${part}`.toLowerCase());
  if (override !== undefined) return override;
  const dot = part.lastIndexOf('.');
  const slash = part.lastIndexOf('/');
  return dot > slash ? (pkg.contentTypes.defaults.get(part.slice(dot + 1).toLowerCase()) ?? null) : null;
}

export function findPart(pkg: OpcPackage, name: string): string | null {
  return pkg.byLowerName.get(name.toLowerCase()) ?? null;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package itself ("") → "_rels/.rels". */
export function relsPartOf(source: string): string {
  const slash = source.lastIndexOf('/');
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

/** Relationships of a source part ("" = the package), or [] when it has no relationships part. */
export function readRelationships(pkg: OpcPackage, source: string): Relationship[] {
  const relsName = findPart(pkg, relsPartOf(source));
  if (!relsName) return [];
  const root = readFlatPart(pkg.parts.get(relsName) as Uint8Array, relsName, NS.rels, 'Relationships');
  if (!root) return malformed(`Phần ${relsName} không phải phần Relationships`);
  return root.children
    .filter((el) => el.name === 'Relationship')
    .map(({ attributes: a }) => {
      const target = a.get('Target') ?? '';
      const external = a.get('TargetMode') === 'External';
      return {
        id: a.get('Id') ?? '',
        type: a.get('Type') ?? '',
        target,
        external,
        part: external ? null : resolveTarget(source, target, relsName),
      };
    });
}

/**
 * Resolves a relationship target against its source part (RFC 3986 with the part's folder as base),
 * percent-decoding the segments into a zip entry name. Targets may use "..", but never above the root.
 */
export function resolveTarget(source: string, target: string, relsName: string): string {
  const path = target.split(/[?#]/)[0];
  const base = path.startsWith('/') ? [] : source.split('/').slice(0, -1);
  const out = [...base];
  for (const raw of path.split('/')) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') {
      if (!out.length)
        malformed(`Quan hệ trong ${relsName} trỏ ra ngoài gói: "${target}" (target escapes the package)`);
      out.pop();
    } else out.push(decodeSegment(raw, relsName));
  }
  return out.join('/');
}

function decodeSegment(segment: string, relsName: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return malformed(`Đích quan hệ trong ${relsName} có mã % sai (bad percent-encoding)`);
  }
}

/** Part names in signature references are absolute ("/xl/workbook.xml"): the zip name drops the slash. */
export function partNameToZipName(partName: string): string | null {
  if (!partName.startsWith('/') || partName.startsWith('//')) return null;
  try {
    return partName
      .slice(1)
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    return null;
  }
}

export function isXmlPart(pkg: OpcPackage, part: string): boolean {
  if (/\.(xml|rels|vml)$/i.test(part)) return true;
  const type = contentTypeOf(pkg, part) ?? '';
  return /[+/]xml$/i.test(type.split(';')[0].trim());
}

/**
 * Whether a part needs the text check at all: in UTF-8 a declaration starts with the bytes "<!",
 * which most parts never contain; UTF-16 parts (BOM, or a zero byte after the first "<") always get it.
 * A native byte search instead of decoding every sheet keeps large batches fast.
 */
function mayDeclareDtd(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff || bytes[0] === 0xfe || bytes[1] === 0x00) return true;
  // "!" is rare in XML, "<" is everywhere: look for the rare byte.
  for (let i = bytes.indexOf(0x21, 1); i !== -1; i = bytes.indexOf(0x21, i + 1)) if (bytes[i - 1] === 0x3c) return true;
  return false;
}

/** Refuses the package when any XML part, parsed later or not, declares a DTD or entities. */
export function checkXmlPartsHaveNoDtd(pkg: OpcPackage): void {
  for (const [name, bytes] of pkg.parts) {
    if (!isXmlPart(pkg, name) || !mayDeclareDtd(bytes)) continue;
    let text: string;
    try {
      text = decodeXmlText(bytes);
    } catch {
      text = new TextDecoder('utf-8').decode(bytes); // lenient: only ASCII markup matters for this check
    }
    const dtd = hasDtd(text);
    if (dtd) malformed(`Phần ${name} chứa khai báo <!${dtd}>, không được phép trong gói (DTD/entity declaration)`);
  }
}

export interface SignatureParts {
  origin: string | null;
  /** The XML signature parts the origin's relationships reach, in relationship order. */
  signatures: string[];
  /** Parts that belong to the signatures themselves (origin, signatures, their relationships, certificates). */
  signatureRelated: Set<string>;
}

/** /_rels/.rels → digital-signature/origin → origin part → its _rels → digital-signature/signature parts. */
export function findSignatureParts(pkg: OpcPackage): SignatureParts {
  const none: SignatureParts = { origin: null, signatures: [], signatureRelated: new Set() };
  if (!findPart(pkg, relsPartOf(''))) malformed('Gói thiếu phần quan hệ gốc _rels/.rels (not an OPC package)');
  const origins = readRelationships(pkg, '').filter((r) => r.type === REL_TYPES.origin);
  if (origins.length > 1)
    malformed(`_rels/.rels có ${origins.length} quan hệ digital-signature/origin, OPC chỉ cho phép một`);
  if (!origins.length) return none;
  const origin = existingTarget(pkg, origins[0], '_rels/.rels');
  const related = new Set([origin]);
  const originRels = findPart(pkg, relsPartOf(origin));
  if (originRels) related.add(originRels);
  const signatures: string[] = [];
  for (const rel of readRelationships(pkg, origin)) {
    if (rel.type !== REL_TYPES.signature) continue;
    const part = existingTarget(pkg, rel, relsPartOf(origin));
    if (signatures.includes(part)) continue; // two relationships to one part are still one signature
    signatures.push(part);
    related.add(part);
    addSignatureExtras(pkg, part, related);
  }
  return { origin, signatures, signatureRelated: related };
}

function existingTarget(pkg: OpcPackage, rel: Relationship, relsName: string): string {
  if (rel.external || rel.part === null)
    malformed(`Quan hệ ${rel.id} trong ${relsName} trỏ ra ngoài gói (external signature target)`);
  const part = findPart(pkg, rel.part as string);
  if (!part) malformed(`Quan hệ ${rel.id} trong ${relsName} trỏ tới phần không tồn tại: ${rel.part}`);
  return part as string;
}

/** A signature part may have its own relationships, to certificate parts stored outside KeyInfo. */
function addSignatureExtras(pkg: OpcPackage, signature: string, related: Set<string>): void {
  const rels = findPart(pkg, relsPartOf(signature));
  if (!rels) return;
  related.add(rels);
  for (const rel of readRelationships(pkg, signature)) {
    const target = rel.type === REL_TYPES.certificate && rel.part ? findPart(pkg, rel.part) : null;
    if (target) related.add(target);
  }
}

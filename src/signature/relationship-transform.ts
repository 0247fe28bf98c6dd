/**
 * The OPC Relationships Transform (ECMA-376 Part 2, §13.2.4.24 in the 2006/2008 editions, §10.6 in
 * later ones), Algorithm "http://schemas.openxmlformats.org/package/2006/RelationshipTransform".
 * No JavaScript XML-DSig library implements it, so it is written here from the spec text:
 *
 *  Step 1  process markup-compatibility instructions, the Relationships namespace being the only one
 *          understood: ignorable content and the instructions themselves go away.
 *  Step 2  keep only the Relationships namespace declaration, unprefixed; sort Relationship elements
 *          by @Id (case-sensitive); keep those whose @Id matches a SourceId or whose @Type matches a
 *          SourceType of the transform.
 *  Step 3  drop everything between the tags and inside each Relationship, drop comments, and add
 *          TargetMode="Internal" where the attribute is missing (its schema default).
 *
 * The result is an XML document; the spec requires a canonicalization transform right after it.
 */
import { compareCodePoints, escapeAttr } from './c14n';
import type { FlatDocument } from './flat-xml';
import { childElements, isNamed, NS, parseXmlText, type XmlDocument, type XmlElement } from './xml';

export const RELATIONSHIP_TRANSFORM = 'http://schemas.openxmlformats.org/package/2006/RelationshipTransform';

export interface RelationshipSelection {
  sourceIds: string[];
  sourceTypes: string[];
}

/** Reads the mdssi:RelationshipReference / mdssi:RelationshipsGroupReference selectors of a Transform. */
export function readSelection(transform: XmlElement): RelationshipSelection {
  const sourceIds: string[] = [];
  const sourceTypes: string[] = [];
  for (const c of childElements(transform)) {
    if (isNamed(c, NS.mdssi, 'RelationshipReference')) sourceIds.push(c.getAttribute('SourceId') ?? '');
    else if (isNamed(c, NS.mdssi, 'RelationshipsGroupReference')) sourceTypes.push(c.getAttribute('SourceType') ?? '');
  }
  return { sourceIds, sourceTypes };
}

export interface Relationship {
  id: string;
  /** Its unqualified attributes, TargetMode included (added with its default when missing). */
  attributes: [string, string][];
}

/** Applies the transform to a parsed Relationships part; returns the transformed document. */
export function relationshipTransform(
  rels: XmlDocument,
  selection: RelationshipSelection,
  partName: string,
): XmlDocument {
  return parseXmlText(canonicalRelationships(relationshipsOf(rels, partName), selection), partName);
}

/**
 * The transform's output in canonical form: the selected relationships sorted by Id, each with its
 * attributes in canonical order, under the one namespace declaration. It contains no comment, no
 * prefix and no text, so every C14N method (the spec requires one right after the transform) gives
 * exactly this text.
 */
export function canonicalRelationships(relationships: Relationship[], selection: RelationshipSelection): string {
  const ids = new Set(selection.sourceIds);
  const types = new Set(selection.sourceTypes);
  const kept = relationships
    .filter((r) => ids.has(r.id) || types.has(valueOf(r, 'Type')))
    .sort((a, b) => compareCodePoints(a.id, b.id));
  return `<Relationships xmlns="${escapeAttr(NS.rels)}">${kept.map(renderRelationship).join('')}</Relationships>`;
}

/** The relationships of a parsed Relationships part, after markup compatibility. */
export function relationshipsOf(rels: XmlDocument, partName: string): Relationship[] {
  const root = rels.documentElement;
  if (!root || !isNamed(root, NS.rels, 'Relationships')) throw notRelationships(partName);
  return relationshipElements(root).map(toRelationship);
}

/** The same from the flat reading of a part (see flat-xml.ts), which has no markup compatibility to process. */
export function flatRelationshipsOf(rels: FlatDocument, partName: string): Relationship[] {
  if (rels.root !== 'Relationships' || rels.namespace !== NS.rels) throw notRelationships(partName);
  return rels.children.filter((c) => c.name === 'Relationship').map((c) => withTargetMode([...c.attributes]));
}

const notRelationships = (partName: string) =>
  new Error(`Phần ${partName} không phải phần Relationships (not a Relationships part)`);

/**
 * Relationship children of the root, after markup compatibility: with only the Relationships
 * namespace understood, an mc:AlternateContent block contributes its mc:Fallback content, and
 * anything in another namespace is ignorable content that is removed.
 */
function relationshipElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of childElements(root)) {
    if (isNamed(c, NS.rels, 'Relationship')) out.push(c);
    else if (isNamed(c, NS.mc, 'AlternateContent'))
      for (const fallback of childElements(c).filter((f) => isNamed(f, NS.mc, 'Fallback')))
        out.push(...relationshipElements(fallback));
  }
  return out;
}

/** Keeps the unqualified attributes (Id, Type, Target, TargetMode); qualified ones are foreign, hence ignorable. */
function toRelationship(el: XmlElement): Relationship {
  const attributes: [string, string][] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (!a.namespaceURI && a.name !== 'xmlns') attributes.push([a.name, a.value]);
  }
  return withTargetMode(attributes);
}

function withTargetMode(attributes: [string, string][]): Relationship {
  if (!attributes.some(([name]) => name === 'TargetMode')) attributes.push(['TargetMode', 'Internal']);
  return { id: attributes.find(([name]) => name === 'Id')?.[1] ?? '', attributes };
}

const valueOf = (r: Relationship, name: string) => r.attributes.find(([n]) => n === name)?.[1] ?? '';

/** Attributes in canonical order: all are unqualified, so by name ("lexicographic by code point"). */
function renderRelationship(r: Relationship): string {
  const sorted = [...r.attributes].sort(([a], [b]) => compareCodePoints(a, b));
  return `<Relationship${sorted.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}></Relationship>`;
}

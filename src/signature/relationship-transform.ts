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
import { escapeAttr } from './c14n';
import { childElements, isNamed, NS, parseXmlText } from './xml';
import type { XmlDocument, XmlElement } from './xml';

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

interface Relationship {
  id: string;
  attributes: [string, string][];
}

/** Applies the transform to a parsed Relationships part; returns the transformed document. */
export function relationshipTransform(rels: XmlDocument, selection: RelationshipSelection, partName: string): XmlDocument {
  const root = rels.documentElement;
  if (!root || !isNamed(root, NS.rels, 'Relationships')) throw new Error(`Phần ${partName} không phải phần Relationships (not a Relationships part)`);
  const ids = new Set(selection.sourceIds);
  const types = new Set(selection.sourceTypes);
  const kept = relationshipElements(root)
    .map(toRelationship)
    .filter((r) => ids.has(r.id) || types.has(valueOf(r, 'Type')))
    .sort((a, b) => compareIds(a.id, b.id));
  const body = kept.map(renderRelationship).join('');
  return parseXmlText(`<Relationships xmlns="${NS.rels}">${body}</Relationships>`, partName);
}

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
      for (const fallback of childElements(c).filter((f) => isNamed(f, NS.mc, 'Fallback'))) out.push(...relationshipElements(fallback));
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
  if (!attributes.some(([name]) => name === 'TargetMode')) attributes.push(['TargetMode', 'Internal']);
  return { id: el.getAttribute('Id') ?? '', attributes };
}

const valueOf = (r: Relationship, name: string) => r.attributes.find(([n]) => n === name)?.[1] ?? '';

function renderRelationship(r: Relationship): string {
  return `<Relationship${r.attributes.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}></Relationship>`;
}

/** "Lexicographical order, considering @Id values as case-sensitive Unicode strings": by code point. */
function compareIds(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

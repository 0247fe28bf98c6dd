/**
 * Canonical XML 1.0 (inclusive, W3C REC 2001-03-15) and Exclusive XML Canonicalization 1.0, over a
 * DOM tree (src/signature/xml.ts), for the two kinds of input XML-DSig needs here:
 *  - an element and all its descendants (a same-document "#id" reference, or SignedInfo), rendered
 *    as a document subset whose ancestors are outside the node-set;
 *  - a whole document (a package part after the RelationshipTransform, or a part with a c14n transform).
 * Written from the two W3C recommendations; DTD-related rules do not apply because DTDs are refused.
 */
import {
  CDATA_SECTION_NODE,
  COMMENT_NODE,
  ELEMENT_NODE,
  NS,
  PROCESSING_INSTRUCTION_NODE,
  TEXT_NODE,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
} from './xml';

export interface C14nMethod {
  exclusive: boolean;
  withComments: boolean;
  /** Exclusive c14n only: prefixes from InclusiveNamespaces/@PrefixList, treated the inclusive way ('' = #default). */
  inclusivePrefixes?: string[];
}

export const C14N_METHODS: Record<string, C14nMethod> = {
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': { exclusive: false, withComments: false },
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': { exclusive: false, withComments: true },
  'http://www.w3.org/2001/10/xml-exc-c14n#': { exclusive: true, withComments: false },
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': { exclusive: true, withComments: true },
};

type Namespaces = Map<string, string>;

/** Canonical form of el and its descendants, with el's ancestors outside the node-set. */
export function canonicalizeElement(el: XmlElement, method: C14nMethod): string {
  const inherited = inScopeNamespaces(el.parentNode);
  return renderElement(el, inherited, new Map(), method, true);
}

/** Canonical form of a whole document: the XML declaration and DTD are dropped, top-level PIs kept. */
export function canonicalizeDocument(doc: XmlDocument, method: C14nMethod): string {
  let out = '';
  let afterRoot = false;
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) {
      out += renderElement(n as XmlElement, new Map(), new Map(), method, false);
      afterRoot = true;
    } else if (
      (n.nodeType === PROCESSING_INSTRUCTION_NODE && !isXmlDeclaration(n)) ||
      (n.nodeType === COMMENT_NODE && method.withComments)
    ) {
      // Spec: a line feed separates top-level PIs and comments from the document element.
      out += afterRoot ? `\n${renderLeaf(n)}` : `${renderLeaf(n)}\n`;
    }
  }
  return out;
}

/** A DOM parser may keep the XML declaration as a processing instruction "xml" (xmldom does); C14N drops it. */
const isXmlDeclaration = (n: XmlNode) => (n as XmlNode & { target?: string }).target === 'xml';

/** The namespace bindings in scope at node (nearest declaration wins); xmlns="" maps '' to ''. */
function inScopeNamespaces(node: XmlNode | null): Namespaces {
  const chain: XmlElement[] = [];
  for (let n = node; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) chain.unshift(n as XmlElement);
  const scope: Namespaces = new Map();
  for (const e of chain) for (const [prefix, uri] of declarations(e)) scope.set(prefix, uri);
  return scope;
}

function declarations(el: XmlElement): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns') out.push(['', a.value]);
    else if (a.name.startsWith('xmlns:')) out.push([a.name.slice(6), a.value]);
  }
  return out;
}

function renderElement(
  el: XmlElement,
  parentScope: Namespaces,
  rendered: Namespaces,
  method: C14nMethod,
  apex: boolean,
): string {
  const scope = new Map(parentScope);
  for (const [prefix, uri] of declarations(el)) scope.set(prefix, uri);
  const namespaces = method.exclusive
    ? exclusiveNamespaces(el, scope, rendered, method)
    : inclusiveNamespaces(scope, rendered);
  const childRendered = new Map(rendered);
  for (const [prefix, uri] of namespaces) childRendered.set(prefix, uri);
  const attributes = ordinaryAttributes(el, !method.exclusive && apex);
  let out = `<${el.nodeName}`;
  for (const [prefix, uri] of namespaces)
    out += prefix === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${prefix}="${escapeAttr(uri)}"`;
  for (const a of attributes) out += ` ${a.name}="${escapeAttr(a.value)}"`;
  out += '>';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) out += renderElement(n as XmlElement, scope, childRendered, method, false);
    else if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += escapeText(n.nodeValue ?? '');
    else if (n.nodeType === PROCESSING_INSTRUCTION_NODE || (n.nodeType === COMMENT_NODE && method.withComments))
      out += renderLeaf(n);
  }
  return `${out}</${el.nodeName}>`;
}

/** Inclusive: every in-scope binding not already rendered identically by an output ancestor. */
function inclusiveNamespaces(scope: Namespaces, rendered: Namespaces): [string, string][] {
  const out: [string, string][] = [];
  for (const [prefix, uri] of scope) {
    if (prefix === 'xml') continue;
    if (prefix === '' && uri === '') {
      // xmlns="" is only output to undo a non-empty default namespace of an output ancestor.
      if ((rendered.get('') ?? '') !== '') out.push(['', '']);
    } else if (rendered.get(prefix) !== uri) out.push([prefix, uri]);
  }
  return out.sort(byPrefix);
}

/** Exclusive: only bindings visibly used by the element or its attributes, plus the PrefixList ones. */
function exclusiveNamespaces(
  el: XmlElement,
  scope: Namespaces,
  rendered: Namespaces,
  method: C14nMethod,
): [string, string][] {
  const used = new Set<string>([el.prefix ?? '']);
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.prefix && a.prefix !== 'xmlns' && a.prefix !== 'xml') used.add(a.prefix);
  }
  for (const p of method.inclusivePrefixes ?? []) if (scope.has(p)) used.add(p);
  const out: [string, string][] = [];
  for (const prefix of used) {
    const uri = scope.get(prefix) ?? '';
    if (uri === '' && prefix === '') {
      if ((rendered.get('') ?? '') !== '') out.push(['', '']);
    } else if (uri !== '' && rendered.get(prefix) !== uri) out.push([prefix, uri]);
  }
  return out.sort(byPrefix);
}

const byPrefix = (a: [string, string], b: [string, string]) => compareCodePoints(a[0], b[0]);

interface PlainAttribute {
  name: string;
  ns: string;
  local: string;
  value: string;
}

/**
 * The element's attributes other than namespace declarations, sorted by namespace URI then local
 * name. Inclusive c14n of a subset also gives the apex the xml:* attributes of its ancestors.
 */
function ordinaryAttributes(el: XmlElement, inheritXml: boolean): PlainAttribute[] {
  const out: PlainAttribute[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    out.push({ name: a.name, ns: a.namespaceURI ?? '', local: a.localName ?? a.name, value: a.value });
  }
  if (inheritXml)
    out.push(...inheritedXmlAttributes(el, new Set(out.filter((a) => a.ns === NS.xml).map((a) => a.local))));
  return out.sort((a, b) => compareCodePoints(a.ns, b.ns) || compareCodePoints(a.local, b.local));
}

function inheritedXmlAttributes(el: XmlElement, own: Set<string>): PlainAttribute[] {
  const found = new Map<string, PlainAttribute>();
  for (let n = el.parentNode; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
    const e = n as XmlElement;
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes.item(i)!;
      const local = a.localName ?? '';
      if (a.namespaceURI === NS.xml && !own.has(local) && !found.has(local))
        found.set(local, { name: a.name, ns: NS.xml, local, value: a.value });
    }
  }
  return [...found.values()];
}

function renderLeaf(n: XmlNode): string {
  if (n.nodeType === COMMENT_NODE) return `<!--${n.nodeValue ?? ''}-->`;
  const pi = n as XmlNode & { target: string; data: string };
  return pi.data ? `<?${pi.target} ${pi.data}?>` : `<?${pi.target}?>`;
}

export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' })[c] as string);
}

export function escapeAttr(s: string): string {
  return s.replace(
    /[&<"\t\n\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' })[c] as string,
  );
}

/** C14N orders by Unicode code point; JS string comparison is by UTF-16 unit, which differs only above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

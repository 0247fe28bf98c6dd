/**
 * Safe XML parsing into a small read-only DOM, for the signature parts and the few other parts that
 * need one. The parser is saxes (strict, conformant, namespace-aware; runs in Node and in the
 * browser), five times faster than a full DOM library on a signature part. DTDs are refused outright
 * before parsing: entity expansion (billion laughs) and external entities have no place in an OPC
 * package, and refusing them keeps canonicalization free of DTD-defaulted attributes.
 *
 * The nodes carry the DOM members the verifier and canonicalization use (nodeType, parentNode,
 * firstChild/nextSibling, names and namespaces, attributes.item(i), getAttribute, textContent),
 * so code written against the DOM reads them unchanged.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { decodeXmlText } from './bytes';
import { malformed, MalformedPackageError } from './errors';

export const NS = {
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  xml: 'http://www.w3.org/XML/1998/namespace',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  mdssi: 'http://schemas.openxmlformats.org/package/2006/digital-signature',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  officeDigsig: 'http://schemas.microsoft.com/office/2006/digsig',
} as const;

/** XAdES has had several namespace versions (1.1.1, 1.2.2, 1.3.2, 1.4.1); Office writes 1.3.2. */
export const isXadesNamespace = (ns: string | null): boolean => !!ns && ns.startsWith('http://uri.etsi.org/01903/');

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

export class XmlNode {
  parentNode: XmlElement | XmlDocument | null = null;
  nextSibling: XmlNode | null = null;
  constructor(
    readonly nodeType: number,
    /** Text, CDATA and comment content; null for elements and documents. */
    readonly nodeValue: string | null = null,
  ) {}
}

/** A node that holds children: an element or the document. */
class XmlParent extends XmlNode {
  firstChild: XmlNode | null = null;
  lastChild: XmlNode | null = null;
  append(child: XmlNode): void {
    child.parentNode = this as unknown as XmlElement | XmlDocument;
    if (this.lastChild) this.lastChild.nextSibling = child;
    else this.firstChild = child;
    this.lastChild = child;
  }
}

export class XmlProcessingInstruction extends XmlNode {
  constructor(
    readonly target: string,
    readonly data: string,
  ) {
    super(PROCESSING_INSTRUCTION_NODE);
  }
}

export interface XmlAttribute {
  /** Qualified name, e.g. "xmlns:ds" or "Id". */
  name: string;
  value: string;
  prefix: string | null;
  localName: string;
  namespaceURI: string | null;
}

export class XmlAttributes {
  constructor(private readonly list: XmlAttribute[]) {}
  get length(): number {
    return this.list.length;
  }
  item(i: number): XmlAttribute | null {
    return this.list[i] ?? null;
  }
}

export class XmlElement extends XmlParent {
  readonly attributes: XmlAttributes;
  constructor(
    /** Qualified name as written, e.g. "ds:Reference". */
    readonly nodeName: string,
    readonly localName: string,
    readonly prefix: string | null,
    readonly namespaceURI: string | null,
    private readonly attributeList: XmlAttribute[],
  ) {
    super(ELEMENT_NODE);
    this.attributes = new XmlAttributes(attributeList);
  }
  /** By qualified name, as the DOM's getAttribute. */
  getAttribute(name: string): string | null {
    return this.attributeList.find((a) => a.name === name)?.value ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributeList.some((a) => a.name === name);
  }
  /** The text of every text and CDATA node below, in document order. */
  get textContent(): string {
    let out = '';
    const walk = (el: XmlElement) => {
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += n.nodeValue;
        else if (n.nodeType === ELEMENT_NODE) walk(n as XmlElement);
      }
    };
    walk(this);
    return out;
  }
}

export class XmlDocument extends XmlParent {
  documentElement: XmlElement | null = null;
  constructor() {
    super(DOCUMENT_NODE);
  }
}

/** The text check runs on every XML part, parsed or not: a DOCTYPE anywhere makes the package malformed. */
export function hasDtd(text: string): string | null {
  const m = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  return m ? m[1].toUpperCase() : null;
}

/** A part's text (UTF-8, or UTF-16 with a byte order mark); anything else makes the package malformed. */
export function decodeXmlPart(bytes: Uint8Array, partName: string): string {
  try {
    return decodeXmlText(bytes);
  } catch {
    return malformed(`Phần ${partName} không phải văn bản UTF-8/UTF-16 hợp lệ (invalid encoding)`);
  }
}

export function parseXmlBytes(bytes: Uint8Array, partName: string): XmlDocument {
  return parseXmlText(decodeXmlPart(bytes, partName), partName);
}

/**
 * Office never nests elements deeply (a worksheet reaches about 6 levels, a signature about 10),
 * while each level costs the DOM, canonicalization and the namespace scopes: a hostile part nested
 * thousands deep is refused while it is parsed, before any of that work.
 */
export const MAX_XML_DEPTH = 256;

export function parseXmlText(text: string, partName: string): XmlDocument {
  const dtd = hasDtd(text);
  if (dtd)
    malformed(`Phần ${partName} chứa khai báo <!${dtd}>, không được phép trong gói đã ký (DTD/entity declaration)`);
  const doc = new XmlDocument();
  const open: (XmlElement | XmlDocument)[] = [doc];
  const current = () => open[open.length - 1];
  const parser = new SaxesParser({ xmlns: true, position: false });
  const addText = (type: number, value: string) => {
    // Text outside the root element is only white space, which the DOM does not keep either.
    if (open.length > 1) current().append(new XmlNode(type, value));
  };
  parser.on('opentag', (tag) => {
    if (open.length > MAX_XML_DEPTH)
      malformed(
        `Phần ${partName} lồng phần tử sâu hơn ${MAX_XML_DEPTH} cấp (XML nested deeper than ${MAX_XML_DEPTH} levels)`,
      );
    const { name, local, prefix, uri, attributes } = tag as SaxesTagNS;
    const list = Object.values(attributes).map((a) => ({
      name: a.name,
      value: a.value,
      prefix: a.prefix || null,
      localName: a.local,
      namespaceURI: a.uri || null,
    }));
    const el = new XmlElement(name, local, prefix || null, uri || null, list);
    current().append(el);
    if (open.length === 1) doc.documentElement = el;
    open.push(el);
  });
  parser.on('closetag', () => void open.pop());
  parser.on('text', (t) => addText(TEXT_NODE, t));
  parser.on('cdata', (t) => addText(CDATA_SECTION_NODE, t));
  parser.on('comment', (t) => current().append(new XmlNode(COMMENT_NODE, t)));
  parser.on('processinginstruction', (pi) => current().append(new XmlProcessingInstruction(pi.target, pi.body)));
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof MalformedPackageError) throw error;
    malformed(`Phần ${partName} không phải XML hợp lệ: ${String((error as Error).message).split('\n')[0]}`);
  }
  if (!doc.documentElement)
    return malformed(`Phần ${partName} không phải XML hợp lệ: không có phần tử gốc (no root element)`);
  return doc;
}

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as XmlElement);
  return out;
}

export function childrenNamed(el: XmlElement, ns: string | null, local: string): XmlElement[] {
  return childElements(el).filter((c) => isNamed(c, ns, local));
}

export function firstChildNamed(el: XmlElement, ns: string | null, local: string): XmlElement | null {
  return childrenNamed(el, ns, local)[0] ?? null;
}

export function isNamed(el: XmlElement, ns: string | null, local: string): boolean {
  return el.localName === local && (ns === null ? true : (el.namespaceURI ?? '') === ns);
}

/** Every element below (and including) el, in document order. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [el];
  while (stack.length) {
    const next = stack.pop() as XmlElement;
    out.push(next);
    stack.push(...childElements(next).reverse());
  }
  return out;
}

export function textOf(el: XmlElement | null): string {
  return el ? el.textContent : '';
}

export function attr(el: XmlElement, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

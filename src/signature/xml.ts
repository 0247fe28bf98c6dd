/**
 * Safe XML parsing with @xmldom/xmldom (runs in Node and in the browser). DTDs are refused outright
 * before parsing: entity expansion (billion laughs) and external entities have no place in an OPC
 * package, and refusing them keeps canonicalization free of DTD-defaulted attributes.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Document as XmlDocument, Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { decodeXmlText } from './bytes';
import { malformed } from './errors';

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

export type { XmlDocument, XmlElement, XmlNode };

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;

/** The text check runs on every XML part, parsed or not: a DOCTYPE anywhere makes the package malformed. */
export function hasDtd(text: string): string | null {
  const m = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  return m ? m[1].toUpperCase() : null;
}

export function parseXmlBytes(bytes: Uint8Array, partName: string): XmlDocument {
  let text: string;
  try {
    text = decodeXmlText(bytes);
  } catch {
    return malformed(`Phần ${partName} không phải văn bản UTF-8/UTF-16 hợp lệ (invalid encoding)`);
  }
  return parseXmlText(text, partName);
}

export function parseXmlText(text: string, partName: string): XmlDocument {
  const dtd = hasDtd(text);
  if (dtd) malformed(`Phần ${partName} chứa khai báo <!${dtd}>, không được phép trong gói đã ký (DTD/entity declaration)`);
  const fail = (message: string): never => malformed(`Phần ${partName} không phải XML hợp lệ: ${message.split('\n')[0]}`);
  let doc: XmlDocument | undefined;
  let first: string | null = null;
  try {
    doc = new DOMParser({
      // xmldom reports some problems (an undefined entity, a bad attribute) only as "error": they all count.
      onError: (level, message) => {
        if (level === 'warning') return;
        first ??= message;
        throw new Error(message);
      },
    }).parseFromString(text, 'application/xml');
  } catch (error) {
    fail(first ?? (error as Error).message);
  }
  if (!doc || !doc.documentElement) return fail('không có phần tử gốc (no root element)');
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
  return el?.textContent ?? '';
}

export function attr(el: XmlElement, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

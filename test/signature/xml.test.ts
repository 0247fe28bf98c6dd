/**
 * The verifier's XML reader (saxes into a small DOM, src/signature/xml.ts) against an independent
 * full DOM parser (@xmldom/xmldom, test-only): every digest depends on the tree it builds, so on
 * every XML part of the fixtures and of a generated submission, and on random documents, both trees
 * must canonicalize to the same bytes under every C14N method — and what one refuses, so must the other.
 */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { C14N_METHODS, canonicalizeDocument, canonicalizeElement } from '../../src/signature';
import { MalformedPackageError } from '../../src/signature/errors';
import { descendants, parseXmlText, type XmlDocument, type XmlElement } from '../../src/signature/xml';
import { sealedSubmission } from '../support/submissions';
import { SIGNATURE_FIXTURES } from '../support/fixtures';

const FIXTURES = SIGNATURE_FIXTURES;
const METHODS = Object.entries(C14N_METHODS);

/** xmldom's tree, typed as ours: canonicalization only uses members both have. */
function xmldomParse(text: string): XmlDocument {
  let failed = false;
  const doc = new DOMParser({
    onError: (level) => {
      if (level !== 'warning') failed = true;
    },
  }).parseFromString(text, 'application/xml');
  if (failed || !doc.documentElement) throw new Error('xmldom refused');
  return doc as unknown as XmlDocument;
}

function oursOrNull(text: string): XmlDocument | null {
  try {
    return parseXmlText(text, 'test.xml');
  } catch (error) {
    if (!(error instanceof MalformedPackageError)) throw error;
    return null;
  }
}

function xmldomOrNull(text: string): XmlDocument | null {
  try {
    return xmldomParse(text);
  } catch {
    return null;
  }
}

/** Every element's canonical form (as a same-document reference would see it) and the document's, per method. */
function canonicalForms(doc: XmlDocument): string[] {
  const out: string[] = [];
  for (const [, method] of METHODS) {
    out.push(canonicalizeDocument(doc, method));
    for (const el of descendants(doc.documentElement as XmlElement)) out.push(canonicalizeElement(el, method));
  }
  return out;
}

describe('real parts', () => {
  test('every XML part of the signature fixtures and of a generated signed submission canonicalizes as with xmldom', async () => {
    const { makeTestPki, signXlsx } = await import('../support/sign-opc');
    const { mkdtempSync } = await import('fs');
    const { tmpdir } = await import('os');
    const pki = await makeTestPki(mkdtempSync(path.join(tmpdir(), 'dti-xml-')));
    const signed = await signXlsx(await sealedSubmission(2, 'Xã số 2'), {
      privateKeyPem: pki.signerKeyPem,
      certificatePem: pki.signerPem,
    });
    const packages = readdirSync(FIXTURES)
      .filter((f) => /\.(xlsx|docx|pptx)$/.test(f))
      .map((f) => unzipSync(new Uint8Array(readFileSync(path.join(FIXTURES, f)))));
    packages.push(unzipSync(signed));
    let parts = 0;
    let signatures = 0;
    for (const files of packages) {
      for (const [name, bytes] of Object.entries(files)) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        const text = new TextDecoder().decode(bytes);
        if (/<!DOCTYPE/i.test(text)) continue;
        expect({ name, forms: canonicalForms(parseXmlText(text, name)) }).toEqual({
          name,
          forms: canonicalForms(xmldomParse(text)),
        });
        parts++;
        if (name.startsWith('_xmlsignatures/')) signatures++;
      }
    }
    expect(parts).toBeGreaterThan(100);
    expect(signatures).toBeGreaterThan(5);
  }, 60000);
});

describe('random documents', () => {
  const text = fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '\n',
        '\r\n',
        '\t',
        'ệ',
        '&amp;',
        '&lt;',
        '&#x41;',
        '&#10;',
        '>',
        ']]>',
        '&bogus;',
        '<',
        '&',
      ),
      { maxLength: 5 },
    )
    .map((p) => p.join(''));
  const attrValue = fc
    .array(fc.constantFrom('v', ' ', '\t', '\n', '\r', '&quot;', '&#9;', '&#xD;', 'Đ', '>', '<'), { maxLength: 4 })
    .map((p) => p.join(''));
  const name = fc.constantFrom('a', 'B', 'ds:Sig', 'x:y', 'mdssi:Value', 'q:z');
  const attrName = fc.constantFrom('Id', 'URI', 'x:y', 'xml:lang', 'ds:Algorithm', 'z', 'Id');
  const declaration = fc.constantFrom(
    ' xmlns="urn:default"',
    ' xmlns=""',
    ' xmlns:ds="http://www.w3.org/2000/09/xmldsig#"',
    ' xmlns:x="urn:x"',
    ' xmlns:q="urn:q"',
    ' xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature"',
  );
  const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
    element: fc
      .tuple(
        name,
        fc.array(declaration, { maxLength: 3 }),
        fc.array(fc.tuple(attrName, attrValue), { maxLength: 3 }),
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(
        ([n, decls, attrs, children]) =>
          `<${n}${decls.join('')}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}>${children.join('')}</${n}>`,
      ),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      tie('element'),
      fc.constantFrom('<!-- note -->', '<?pi data?>', '<![CDATA[a < b & c]]>', '<?target?>', '<!--x--y-->'),
    ),
  }));
  const document = fc
    .tuple(
      fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '<!-- top -->'),
      element,
      fc.constantFrom('', '\n', '<!-- after -->', '<?after x?>'),
    )
    .map((p) => p.join(''));

  /**
   * What XML 1.0 forbids but xmldom lets through: a bare "&" (§2.4), "<" in an attribute value
   * (§3.1), "]]>" in text (§2.4), "--" inside a comment (§2.5). Those the strict reader refuses.
   */
  const notWellFormed = (xml: string) => {
    const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    return (
      /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(outsideCdata) ||
      /="[^"]*</.test(xml) ||
      outsideCdata.includes(']]>') ||
      /<!--(?:(?!-->)[\s\S])*--(?!>)/.test(outsideCdata)
    );
  };

  test('whatever it accepts, xmldom accepts with the same canonical forms; it refuses what xmldom refuses and what XML forbids', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(document, (xml) => {
        const ours = oursOrNull(xml);
        const theirs = xmldomOrNull(xml);
        if (!ours) {
          refused++;
          expect({ xml, refusedForAReason: !theirs || notWellFormed(xml) }).toEqual({ xml, refusedForAReason: true });
          return;
        }
        accepted++;
        expect({ xml, xmldomAccepts: !!theirs }).toEqual({ xml, xmldomAccepts: true });
        expect(canonicalForms(ours)).toEqual(canonicalForms(theirs!));
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe('what it refuses, with the part named', () => {
  test.each([
    ['an unclosed element', '<a><b></a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['an unbound prefix', '<x:a/>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['two roots', '<a/><b/>'],
    ['no root', '<!-- only a comment -->'],
    ['an unescaped < in a value', '<a b="<"/>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['an ENTITY declaration', '<!ENTITY x "y"><a/>'],
    ['a control character', '<a>\u0001</a>'],
  ])('%s', (_, xml) => {
    expect(() => parseXmlText(xml, 'xl/part.xml')).toThrow(/xl\/part\.xml/);
  });
});

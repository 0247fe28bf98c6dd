/**
 * The flat-part fast path (src/signature/flat-xml.ts) must read exactly what a full XML parser
 * reads, or decline. Checked on every flat part of the fixtures and of a generated submission, on
 * the shapes it must decline, and by property against xmldom and the DOM RelationshipTransform.
 */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { C14N_METHODS, canonicalizeDocument, relationshipTransform } from '../../src/signature';
import { parseFlatXml } from '../../src/signature/flat-xml';
import { canonicalRelationships, flatRelationshipsOf } from '../../src/signature/relationship-transform';
import { childElements, parseXmlText } from '../../src/signature/xml';
import { sealedSubmission } from '../support/submissions';
import { SIGNATURE_FIXTURES } from '../support/fixtures';

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const FIXTURES = SIGNATURE_FIXTURES;
const INCLUSIVE = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'];
const EXCLUSIVE_COMMENTS = C14N_METHODS['http://www.w3.org/2001/10/xml-exc-c14n#WithComments'];

/** What xmldom reads: root name and namespace, each child's name and attributes in order. */
function domReading(text: string) {
  const root = parseXmlText(text, 'test.xml').documentElement!;
  return {
    root: root.localName,
    namespace: root.namespaceURI,
    children: childElements(root).map((el) => ({
      name: el.localName,
      attributes: new Map(
        Array.from({ length: el.attributes.length }, (_, i) => el.attributes.item(i)!).map((a) => [a.name, a.value]),
      ),
    })),
  };
}

const flatParts = (files: Record<string, Uint8Array>) =>
  Object.entries(files).filter(([name]) => name.endsWith('.rels') || name === '[Content_Types].xml');

describe('real parts', () => {
  test('every Relationships and content-types part of the fixtures and of a generated submission reads flat, as xmldom reads it', async () => {
    const packages = readdirSync(FIXTURES)
      .filter((f) => /\.(xlsx|docx|pptx)$/.test(f))
      .map((f) => unzipSync(new Uint8Array(readFileSync(path.join(FIXTURES, f)))));
    packages.push(unzipSync(await sealedSubmission(1, 'Xã số 1')));
    let read = 0;
    for (const files of packages) {
      for (const [name, bytes] of flatParts(files)) {
        const text = new TextDecoder().decode(bytes);
        const flat = parseFlatXml(text);
        expect({ name, flat: !!flat }).toEqual({ name, flat: true });
        expect(flat).toEqual(domReading(text));
        read++;
      }
    }
    expect(read).toBeGreaterThan(20);
  });
});

describe('what it declines (left to the full parser)', () => {
  const wrap = (inner: string, root = `<Relationships xmlns="${RELS}">`) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root}${inner}</Relationships>`;
  const plain = `<Relationship Id="rId1" Type="t" Target="a.xml"/>`;

  test('the plain shape is accepted, with entity references decoded', () => {
    expect(
      parseFlatXml(wrap(`<Relationship Id="rId1" Target="?a=1&amp;b=&quot;2&quot;"/>`))?.children[0].attributes.get(
        'Target',
      ),
    ).toBe('?a=1&b="2"');
    expect(parseFlatXml(wrap(plain))).not.toBeNull();
  });

  test.each([
    ['a comment', `<!-- x -->${plain}`],
    ['a processing instruction', `<?pi x?>${plain}`],
    ['text content', `text${plain}`],
    ['a CDATA section', `<![CDATA[x]]>${plain}`],
    ['a character reference', `<Relationship Id="rId1" Target="a&#10;b"/>`],
    ['a tab in a value (attribute-value normalization)', `<Relationship Id="rId1" Target="a\tb"/>`],
    ['a line feed in a value', `<Relationship Id="rId1" Target="a\nb"/>`],
    ['a control character', `<Relationship Id="rId1" Target="a\u0001b"/>`],
    ['an unknown entity', `<Relationship Id="rId1" Target="&nbsp;"/>`],
    ['a prefixed attribute', `<Relationship Id="rId1" x:y="1"/>`],
    ['a prefixed element', `<mc:AlternateContent/>`],
    ['a repeated attribute', `<Relationship Id="rId1" Id="rId2"/>`],
    ['xmlns on a child', `<Relationship xmlns="urn:other" Id="rId1"/>`],
    ['content inside a child', `<Relationship Id="rId1"> </Relationship>`],
    ['a nested element', `<Relationship Id="rId1"><x/></Relationship>`],
    ['an unclosed child', `<Relationship Id="rId1">`],
  ])('%s', (_, inner) => {
    expect(parseFlatXml(wrap(inner))).toBeNull();
  });

  test.each([
    ['a prefixed root', `<?xml version="1.0"?><r:Relationships xmlns:r="${RELS}"/>`],
    ['a root without its namespace', `<Relationships><Relationship Id="a"/></Relationships>`],
    ['a root with another attribute', `<Relationships xmlns="${RELS}" a="1"></Relationships>`],
    ['a mismatched end tag', `<Relationships xmlns="${RELS}"></Relationship>`],
    ['trailing content', `<Relationships xmlns="${RELS}"></Relationships><x/>`],
    ['a DOCTYPE', `<!DOCTYPE Relationships><Relationships xmlns="${RELS}"></Relationships>`],
    ['a non-XML space between elements', `<Relationships xmlns="${RELS}">\u00a0</Relationships>`],
  ])('%s', (_, text) => {
    expect(parseFlatXml(text)).toBeNull();
  });
});

describe('properties against xmldom', () => {
  // Values drawn from characters that matter: markup, quotes, entities, spaces, Vietnamese, controls.
  const valueChar = fc.constantFrom(
    'a',
    'Z',
    '9',
    ' ',
    '/',
    '?',
    '=',
    '"',
    "'",
    '<',
    '>',
    '&',
    '&amp;',
    '&lt;',
    '&quot;',
    '&#65;',
    '\t',
    '\n',
    'ệ',
    'Đ',
    '\u0001',
  );
  const value = fc.array(valueChar, { maxLength: 8 }).map((cs) => cs.join(''));
  const quoted = (v: string) => (v.includes('"') ? `'${v}'` : `"${v}"`);
  const relationship = fc.record({
    id: fc.constantFrom('rId1', 'rId2', 'rId10', 'RID2', 'a'),
    type: fc.constantFrom('urn:a', 'urn:b'),
    target: value,
    mode: fc.constantFrom(null, 'External', 'Internal'),
    self: fc.boolean(),
  });
  const document = fc
    .array(relationship, { maxLength: 5 })
    .map(
      (rs) =>
        `<Relationships xmlns="${RELS}">\n` +
        rs
          .map(
            (r) =>
              `  <Relationship Id="${r.id}" Type="${r.type}" Target=${quoted(r.target)}${r.mode ? ` TargetMode="${r.mode}"` : ''}${r.self ? '/>' : '></Relationship>'}`,
          )
          .join('\n') +
        '\n</Relationships>',
    );
  const wellFormed = (text: string) => {
    try {
      parseXmlText(text, 'test.xml');
      return true;
    } catch {
      return false;
    }
  };

  test('whatever it accepts, xmldom reads the same; it never accepts what xmldom refuses', () => {
    let accepted = 0;
    let declined = 0;
    fc.assert(
      fc.property(document, (text) => {
        const flat = parseFlatXml(text);
        if (!flat) return void declined++;
        accepted++;
        expect(wellFormed(text)).toBe(true);
        expect(flat).toEqual(domReading(text));
      }),
      { numRuns: 500 },
    );
    // Both sides of the rule were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(50);
  });

  test('the RelationshipTransform from the flat reading gives the bytes the DOM transform and C14N give', () => {
    const selection = fc.record({
      sourceIds: fc.subarray(['rId1', 'rId2', 'rId10', 'a']),
      sourceTypes: fc.subarray(['urn:a', 'urn:b']),
    });
    fc.assert(
      fc.property(document, selection, (text, sel) => {
        const flat = parseFlatXml(text);
        if (!flat || !wellFormed(text)) return;
        const viaDom = relationshipTransform(parseXmlText(text, 'x.rels'), sel, 'x.rels');
        const direct = canonicalRelationships(flatRelationshipsOf(flat, 'x.rels'), sel);
        expect(direct).toBe(canonicalizeDocument(viaDom, INCLUSIVE));
        expect(direct).toBe(canonicalizeDocument(viaDom, EXCLUSIVE_COMMENTS));
      }),
      { numRuns: 500 },
    );
  });
});

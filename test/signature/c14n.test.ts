/**
 * Canonical XML (inclusive and exclusive) and the OPC RelationshipTransform, on small hand-made
 * inputs whose expected outputs are derived by hand from the W3C recommendations and from the
 * ECMA-376 Part 2 transform steps (quoted in src/signature/relationship-transform.ts).
 */
import { createHash } from 'crypto';
import { unzipSync } from 'fflate';
import { readFileSync } from 'fs';
import path from 'path';
import {
  C14N_METHODS,
  canonicalizeDocument,
  canonicalizeElement,
  readSelection,
  relationshipTransform,
} from '../../src/signature';
import { descendants, parseXmlText } from '../../src/signature/xml';
import { SIGNATURE_FIXTURES } from '../support/fixtures';

const INCLUSIVE = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'];
const INCLUSIVE_COMMENTS = C14N_METHODS['http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'];
const EXCLUSIVE = C14N_METHODS['http://www.w3.org/2001/10/xml-exc-c14n#'];
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MDSSI = 'http://schemas.openxmlformats.org/package/2006/digital-signature';

const doc = (xml: string) => parseXmlText(xml, 'test.xml');
const c14nDoc = (xml: string, method = INCLUSIVE) => canonicalizeDocument(doc(xml), method);
const firstByName = (xml: string, name: string) =>
  descendants(doc(xml).documentElement!).find((e) => e.nodeName === name)!;

describe('Canonical XML 1.0 (inclusive)', () => {
  test('start and end tags: empty elements expanded, attributes and namespace declarations sorted, superfluous declarations dropped', () => {
    // After W3C C14N §3.3 (without its DTD, which this verifier refuses): namespace declarations come
    // first (default, then by prefix), attributes sort by namespace URI then local name, and a
    // declaration equal to the one in scope from the parent is not repeated.
    const input = `<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>`;
    const expected = `<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6 xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9 xmlns:a="http://www.ietf.org"></e9>
         </e8>
      </e7>
   </e6>
</doc>`;
    expect(c14nDoc(input)).toBe(expected);
  });

  test('character escaping in text and attributes; CDATA becomes escaped text; line ends normalized', () => {
    const input = `<doc attr="&#x9;a&#xA;b&#xD;c &quot;q&quot; &lt; &gt;">x&#xD;y > &amp; &lt;<![CDATA[<z> & w]]>\r\nend</doc>`;
    expect(c14nDoc(input)).toBe(
      `<doc attr="&#x9;a&#xA;b&#xD;c &quot;q&quot; &lt; >">x&#xD;y &gt; &amp; &lt;&lt;z&gt; &amp; w\nend</doc>`,
    );
  });

  test('XML declaration dropped; top-level PIs kept with line feeds; comments only #WithComments', () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>\n<?before data?>\n<!-- c1 -->\n<doc><!-- inner --><?inner x?><?empty?></doc>\n<!-- after -->\n`;
    expect(c14nDoc(input)).toBe(`<?before data?>\n<doc><?inner x?><?empty?></doc>`);
    expect(c14nDoc(input, INCLUSIVE_COMMENTS)).toBe(
      `<?before data?>\n<!-- c1 -->\n<doc><!-- inner --><?inner x?><?empty?></doc>\n<!-- after -->`,
    );
  });

  test('an element subset inherits the namespaces and xml:* attributes of its ancestors (how #id references are digested)', () => {
    const xml = `<root xmlns="urn:r" xmlns:p="urn:p" xmlns:unused="urn:u" xml:lang="vi"><p:child a="1"><g/></p:child></root>`;
    expect(canonicalizeElement(firstByName(xml, 'p:child'), INCLUSIVE)).toBe(
      `<p:child xmlns="urn:r" xmlns:p="urn:p" xmlns:unused="urn:u" a="1" xml:lang="vi"><g></g></p:child>`,
    );
  });

  test('the Signature default namespace appears on a canonicalized Object (what Office digests for #idPackageObject)', () => {
    const xml = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="s"><Object Id="o" xmlns:mdssi="${MDSSI}"><mdssi:X/></Object></Signature>`;
    expect(canonicalizeElement(firstByName(xml, 'Object'), INCLUSIVE)).toBe(
      `<Object xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:mdssi="${MDSSI}" Id="o"><mdssi:X></mdssi:X></Object>`,
    );
  });
});

describe('Exclusive XML Canonicalization 1.0', () => {
  const xml = `<root xmlns="urn:r" xmlns:p="urn:p" xmlns:unused="urn:u" xml:lang="vi"><p:child a="1" p:b="2"><g/></p:child></root>`;

  test('only visibly used namespaces are rendered, where first used; xml:* attributes are not inherited', () => {
    expect(canonicalizeElement(firstByName(xml, 'p:child'), EXCLUSIVE)).toBe(
      `<p:child xmlns:p="urn:p" a="1" p:b="2"><g xmlns="urn:r"></g></p:child>`,
    );
  });

  test('InclusiveNamespaces PrefixList prefixes are rendered the inclusive way', () => {
    const method = { ...EXCLUSIVE, inclusivePrefixes: ['', 'unused'] };
    expect(canonicalizeElement(firstByName(xml, 'p:child'), method)).toBe(
      `<p:child xmlns="urn:r" xmlns:p="urn:p" xmlns:unused="urn:u" a="1" p:b="2"><g></g></p:child>`,
    );
  });
});

describe('RelationshipTransform (ECMA-376 Part 2)', () => {
  const transformOf = (selectors: string) =>
    doc(`<Transform xmlns:mdssi="${MDSSI}">${selectors}</Transform>`).documentElement!;
  const run = (rels: string, selectors: string) =>
    canonicalizeDocument(relationshipTransform(doc(rels), readSelection(transformOf(selectors)), 'x.rels'), INCLUSIVE);

  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${RELS}">
  <!-- a comment -->
  <Relationship Id="rId3" Type="urn:type:b" Target="b.xml"/>
  <Relationship Id="rId10" Type="urn:type:a" Target="a.xml"/>
  <Relationship Id="rId2" Type="urn:type:a" Target="https://example.org/?a=1&amp;b=2" TargetMode="External"/>
</Relationships>`;

  test('keeps the selected Ids, sorted as strings ("rId10" < "rId2"), drops whitespace and comments, adds TargetMode="Internal"', () => {
    expect(
      run(rels, `<mdssi:RelationshipReference SourceId="rId2"/><mdssi:RelationshipReference SourceId="rId10"/>`),
    ).toBe(
      `<Relationships xmlns="${RELS}">` +
        `<Relationship Id="rId10" Target="a.xml" TargetMode="Internal" Type="urn:type:a"></Relationship>` +
        `<Relationship Id="rId2" Target="https://example.org/?a=1&amp;b=2" TargetMode="External" Type="urn:type:a"></Relationship>` +
        `</Relationships>`,
    );
  });

  test('RelationshipsGroupReference selects by Type, in union with SourceId selectors; matching is case-sensitive', () => {
    expect(
      run(
        rels,
        `<mdssi:RelationshipsGroupReference SourceType="urn:type:b"/><mdssi:RelationshipReference SourceId="RID10"/>`,
      ),
    ).toBe(
      `<Relationships xmlns="${RELS}"><Relationship Id="rId3" Target="b.xml" TargetMode="Internal" Type="urn:type:b"></Relationship></Relationships>`,
    );
  });

  test('no match leaves an empty Relationships element', () => {
    expect(run(rels, `<mdssi:RelationshipReference SourceId="rId99"/>`)).toBe(
      `<Relationships xmlns="${RELS}"></Relationships>`,
    );
  });

  test('removes the Relationships prefix, other namespace declarations, foreign content and Relationship contents', () => {
    const prefixed =
      `<r:Relationships xmlns:r="${RELS}" xmlns:x="urn:x" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x">` +
      `<x:Extra/><r:Relationship Id="rId1" Type="urn:t" Target="t.xml" x:note="ignorable">text<x:child/></r:Relationship></r:Relationships>`;
    expect(run(prefixed, `<mdssi:RelationshipReference SourceId="rId1"/>`)).toBe(
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Target="t.xml" TargetMode="Internal" Type="urn:t"></Relationship></Relationships>`,
    );
  });

  test('reproduces the digest Excel/POI signed for the fixture package relationships (rId1 only)', () => {
    const fixture = path.join(SIGNATURE_FIXTURES, 'hello-world-signed.xlsx');
    const relsBytes = unzipSync(new Uint8Array(readFileSync(fixture)))['_rels/.rels'];
    const out = canonicalizeDocument(
      relationshipTransform(
        parseXmlText(new TextDecoder().decode(relsBytes), '_rels/.rels'),
        { sourceIds: ['rId1'], sourceTypes: [] },
        '_rels/.rels',
      ),
      INCLUSIVE,
    );
    expect(createHash('sha1').update(out).digest('base64')).toBe('+nAd0bim5u961Z6hkrztwiSj8HA=');
  });
});

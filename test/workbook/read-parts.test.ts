/**
 * The batch's cell reader (src/workbook/read-parts.ts) on a hand-written sheet covering what SpreadsheetML
 * allows in a cell (ECMA-376 Part 1 §18.3.1.4 c, §18.18.11 cell types): each expectation follows from
 * the markup, not from the reader.
 */
import { readParts } from '../../src/workbook';

const enc = (s: string) => new TextEncoder().encode(s);
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ${NS}><cols><col min="1" max="3" width="9"/></cols><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="3"/><c r="D1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2"><v>12.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>
<row r="3"><c r="A3"><f>SUM(A2,1)</f><v>13.5</v></c><c r="B3" t="str"><f>"a&amp;b"</f><v>a&amp;b</v></c><c r="C3"><f t="shared" ref="C3:C4" si="0">A2*2</f><v>25</v></c></row>
<row r="4"><c r="C4"><f t="shared" si="0"/><v>26</v></c><c r="D4" t="inlineStr"><is><t>Xã </t><r><t>Phú Thượng</t></r></is></c><c r="E4"><v/></c></row>
<row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" t="str"><f>CHAR(65)</f><v>&#x41;&amp;lt;&#66;</v></c></row>
<row r="27"><c r="AB27" s="1"><f>_xlfn._xldudf_CDS_DTI_SCORE("x",A2)</f><v>7</v></c><c r="ZZ27" t="s"><v>0</v></c></row>
</sheetData></worksheet>`;

const shared = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="3" uniqueCount="3">
<si><t>Tiêu chí &lt;1&gt;</t></si>
<si><r><t>Chữ </t></r><r><rPr><b/></rPr><t xml:space="preserve">ký số</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
<si><t/></si>
<si><t>&amp;quot; &amp;amp; &quot;x&quot; &apos;</t></si></sst>`;

const workbook = `<workbook ${NS}><sheets><sheet name="Tự đánh giá" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const wb = readParts(
  new Map([
    ['xl/workbook.xml', enc(workbook)],
    ['xl/_rels/workbook.xml.rels', enc(rels)],
    ['xl/worksheets/sheet1.xml', enc(sheet)],
    ['xl/sharedStrings.xml', enc(shared)],
  ]),
);
const S = 'Tự đánh giá';

test('shared strings: entities decoded, rich-text runs joined, phonetic runs left out, an empty one is no value', () => {
  expect(wb.read(S, 'A1')).toBe('Tiêu chí <1>');
  expect(wb.read(S, 'B1')).toBe('Chữ ký số');
  expect(wb.read(S, 'D1')).toBeNull();
  expect(wb.read(S, 'ZZ27')).toBe('Tiêu chí <1>');
});

test('references: an escaped entity stays text ("&amp;quot;" is the six characters &quot;), character references resolve', () => {
  expect(wb.read(S, 'A5')).toBe('&quot; &amp; "x" \'');
  expect(wb.read(S, 'B5')).toBe('A&lt;B');
});

test('numbers, booleans, errors, inline strings; styled empty, empty-valued and absent cells are null', () => {
  expect(wb.read(S, 'A2')).toBe(12.5);
  expect(wb.read(S, 'B2')).toBe(true);
  expect(wb.read(S, 'C2')).toBe(false);
  expect(wb.read(S, 'D2')).toBe('#DIV/0!');
  expect(wb.read(S, 'D4')).toBe('Xã Phú Thượng');
  expect(wb.read(S, 'C1')).toBeNull();
  expect(wb.read(S, 'E4')).toBeNull();
  expect(wb.read(S, 'A9')).toBeNull();
  expect(wb.read('no such sheet', 'A1')).toBeNull();
});

test('formulas with their cached results; a shared formula copy counts as a formula; a plain value has none', () => {
  expect(wb.formula(S, 'A3')).toBe('SUM(A2,1)');
  expect(wb.cachedResult(S, 'A3')).toBe(13.5);
  expect(wb.formula(S, 'B3')).toBe('"a&b"');
  expect(wb.cachedResult(S, 'B3')).toBe('a&b');
  expect(wb.formula(S, 'C3')).toBe('A2*2');
  expect(wb.formula(S, 'C4')).toBe('(shared 0)');
  expect(wb.cachedResult(S, 'C4')).toBe(26);
  expect(wb.formula(S, 'AB27')).toBe('_xlfn._xldudf_CDS_DTI_SCORE("x",A2)');
  expect(wb.cachedResult(S, 'AB27')).toBe(7);
  expect(wb.formula(S, 'A2')).toBeUndefined();
  expect([wb.hasFormula(S, 'A2'), wb.hasFormula(S, 'C4'), wb.hasFormula(S, 'A3'), wb.hasFormula(S, 'A9')]).toEqual([
    false,
    true,
    true,
    false,
  ]);
  expect(wb.cachedResult(S, 'A2')).toBeNull();
});

test('addresses that are not A1 references find nothing', () => {
  for (const a of ['', 'A', '1', 'a1', 'A0', 'A1.5', '1A']) expect(wb.read(S, a)).toBeNull();
  expect(wb.sheetNames).toEqual([S]);
});

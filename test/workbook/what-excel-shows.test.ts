/**
 * The cell reader reads what Excel shows (issue 13, Why §1): hand-written SpreadsheetML where a
 * byte-pattern reader and a conforming XML reader disagree. Each expectation follows from the XML
 * and ECMA-376 Part 1 (§18.3.1.73 row, §18.3.1.4 c, §18.2.5 definedName, §18.8.30 numFmt), not
 * from the reader: a `<c>` inside a comment, a CDATA section or `extLst` is no cell; only the
 * children of `<sheetData>` are; the workbook and its parts are found through relationships.
 */
import { readParts } from '../../src/workbook';

const enc = (s: string) => new TextEncoder().encode(s);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS = `xmlns="${MAIN}" xmlns:r="${R}"`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const rels = (items: [id: string, type: string, target: string, external?: boolean][]) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
    .map(
      ([id, type, target, external]) =>
        `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('')}</Relationships>`;

/** A package of one workbook: sheets by name → sheet XML, plus optional shared strings, styles and names. */
function workbook(
  sheets: Record<string, string>,
  extra: {
    shared?: string;
    styles?: string;
    names?: string;
    sheetRels?: Record<string, string>;
    date1904?: boolean;
  } = {},
) {
  const names = Object.keys(sheets);
  const parts = new Map<string, Uint8Array>([
    ['_rels/.rels', enc(rels([['rId1', 'officeDocument', 'xl/workbook.xml']]))],
    [
      'xl/workbook.xml',
      enc(
        `<workbook ${NS}>${extra.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${names
          .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets>${extra.names ? `<definedNames>${extra.names}</definedNames>` : ''}</workbook>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      enc(
        rels([
          ...names.map(
            (_, i) => [`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`] as [string, string, string],
          ),
          ['rIdS', 'sharedStrings', 'sharedStrings.xml'],
          ['rIdT', 'styles', 'styles.xml'],
        ]),
      ),
    ],
  ]);
  names.forEach((n, i) => parts.set(`xl/worksheets/sheet${i + 1}.xml`, enc(sheets[n])));
  if (extra.shared) parts.set('xl/sharedStrings.xml', enc(extra.shared));
  if (extra.styles) parts.set('xl/styles.xml', enc(extra.styles));
  for (const [n, x] of Object.entries(extra.sheetRels ?? {})) parts.set(n, enc(x));
  return parts;
}

const sheet = (data: string, after = '') => `<worksheet ${NS}><sheetData>${data}</sheetData>${after}</worksheet>`;
const S = 'Tự đánh giá';

describe('only the children of <sheetData> are cells', () => {
  test('a copy of a cell inside a comment, a CDATA section or extLst is not a cell: the real one is read', () => {
    const wb = readParts(
      workbook({
        [S]: sheet(
          '<row r="24"><c r="F24"><v>0</v></c><!-- <c r="F24"><v>5</v></c> --></row>',
          `<extLst><ext uri="{x}"><c r="F24"><v>7</v></c><![CDATA[<c r="F24"><v>9</v></c>]]></ext></extLst>`,
        ),
      }),
    );
    expect(wb.read(S, 'F24')).toBe(0);
  });

  test('a cell outside <row>, a <row> outside <sheetData> and a foreign element that is named c are no cells', () => {
    const wb = readParts(
      workbook({
        [S]: `<worksheet ${NS} xmlns:x="urn:other"><sheetData><c r="A1"><v>1</v></c><row r="2"><x:c r="A2"><v>2</v></x:c><c r="B2"><v>3</v></c></row></sheetData><row r="3"><c r="A3"><v>4</v></c></row></worksheet>`,
      }),
    );
    expect([wb.read(S, 'A1'), wb.read(S, 'A2'), wb.read(S, 'B2'), wb.read(S, 'A3')]).toEqual([null, null, 3, null]);
  });

  test('a processing instruction or comment inside <v> is no part of the value; CDATA is text', () => {
    const wb = readParts(
      workbook({
        [S]: sheet(
          '<row r="1"><c r="A1"><v>1<!-- x -->2<?pi x?></v></c><c r="B1" t="str"><v><![CDATA[a<b]]></v></c></row>',
        ),
      }),
    );
    expect(wb.read(S, 'A1')).toBe(12);
    expect(wb.read(S, 'B1')).toBe('a<b');
  });

  test('SpreadsheetML under a prefix, or as a default namespace redeclared inside, is read the same', () => {
    const wb = readParts(
      workbook({
        [S]: `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      }),
    );
    expect(wb.read(S, 'A1')).toBe(5);
  });

  test("attribute values quoted with ' and holding > are read as a parser reads them", () => {
    const wb = readParts(workbook({ [S]: sheet(`<row r='1'><c r='C1' foo="a>b"><v>8</v></c></row>`) }));
    expect(wb.read(S, 'C1')).toBe(8);
  });

  test('cells without r take the next column, rows without r the next row (as Excel reads them)', () => {
    const wb = readParts(
      workbook({
        [S]: sheet('<row r="3"><c><v>1</v></c><c r="C3"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>'),
      }),
    );
    expect([wb.read(S, 'A3'), wb.read(S, 'C3'), wb.read(S, 'D3'), wb.read(S, 'A4')]).toEqual([1, 3, 4, 5]);
    expect(wb.lastRow(S)).toBe(4);
  });
});

describe('what Excel would not open is malformed, naming the cell', () => {
  const reading = (xml: string) => () => readParts(workbook({ [S]: xml })).read(S, 'A1');

  test('a second cell at the same address', () => {
    expect(reading(sheet('<row r="24"><c r="F24"><v>0</v></c><c r="F24"><v>5</v></c></row>'))).toThrow(
      /ô F24 xuất hiện hai lần \(duplicate cell reference F24\)/,
    );
    expect(
      reading(sheet('<row r="24"><c r="F24"><v>0</v></c></row><row r="24"><c r="F24"><v>5</v></c></row>')),
    ).toThrow(/F24/);
  });

  test('a cell that names another row than its own', () => {
    expect(reading(sheet('<row r="2"><c r="A7"><v>1</v></c></row>'))).toThrow(/ô A7 nằm trong hàng 2/);
  });

  test('markup that is not well-formed: a mismatched end tag, a repeated attribute, an unclosed element, a DTD', () => {
    expect(reading(sheet('<row r="1"><c r="A1"><v>1</c></v></row>'))).toThrow(/thẻ đóng không khớp/);
    expect(reading(sheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>'))).toThrow(/thuộc tính lặp lại/);
    expect(reading(`<worksheet ${NS}><sheetData><row r="1">`)).toThrow(/không được đóng/);
    expect(reading(`<!DOCTYPE worksheet [<!ENTITY x "1">]>${sheet('')}`)).toThrow(/DOCTYPE/);
    expect(reading(sheet('<row r="1"><c r="A1" t="str"><v>&nope;</v></c></row>'))).toThrow(/tham chiếu "&nope;"/);
  });

  test('nesting deeper than 256 levels is refused while scanning; 256 is read', () => {
    const nest = (n: number) => `<x:e xmlns:x="urn:x">${'<x:e>'.repeat(n - 1)}${'</x:e>'.repeat(n)}`;
    // worksheet is level 1, extLst 2, ext 3: the nest starts at level 4.
    const deep = (n: number) =>
      sheet('<row r="1"><c r="A1"><v>1</v></c></row>', `<extLst><ext uri="u">${nest(n)}</ext></extLst>`);
    expect(reading(deep(253))()).toBe(1);
    expect(reading(deep(254))).toThrow(/phần tử lồng sâu hơn 256 cấp \(nested deeper than 256 levels\)/);
  });

  test('a value Excel could not read: a shared string that does not exist, a number that is not one', () => {
    expect(reading(sheet('<row r="1"><c r="A1" t="s"><v>3</v></c></row>'))).toThrow(/chuỗi dùng chung 3 không tồn tại/);
    expect(reading(sheet('<row r="1"><c r="A1"><v>5 điểm</v></c></row>'))).toThrow(/ô A1 có số "5 điểm" không hợp lệ/);
  });
});

describe('the parts are found as Excel finds them', () => {
  test('the workbook through _rels/.rels, shared strings through the workbook relationships (a decoy part is ignored)', () => {
    const parts = workbook(
      { [S]: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
      { shared: `<sst xmlns="${MAIN}"><si><t>thật</t></si></sst>` },
    );
    // A second "shared strings" part under the usual name, which no relationship reaches.
    parts.set('xl/sharedStrings2.xml', parts.get('xl/sharedStrings.xml')!);
    parts.set('xl/sharedStrings.xml', enc(`<sst xmlns="${MAIN}"><si><t>mồi nhử</t></si></sst>`));
    parts.set(
      'xl/_rels/workbook.xml.rels',
      enc(
        rels([
          ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
          ['rIdS', 'sharedStrings', 'sharedStrings2.xml'],
        ]),
      ),
    );
    expect(readParts(parts).read(S, 'A1')).toBe('thật');
  });

  test('defined names as written, a sheet-scoped one with its sheet', () => {
    const wb = readParts(
      workbook(
        { [S]: sheet(''), Other: sheet('') },
        {
          names: `<definedName name="DTI_RUBRIC">&apos;${S}&apos;!$B$5</definedName><definedName name="_xlnm.Print_Area" localSheetId="1">Other!$A$1:$B$2</definedName>`,
        },
      ),
    );
    expect(wb.definedNames).toEqual([
      { name: 'DTI_RUBRIC', refersTo: `'${S}'!$B$5` },
      { name: '_xlnm.Print_Area', refersTo: 'Other!$A$1:$B$2', localSheet: 'Other' },
    ]);
  });

  test('a hyperlink target from the sheet relationships; an internal location', () => {
    const wb = readParts(
      workbook(
        {
          [S]: sheet(
            '<row r="12"><c r="L12" t="inlineStr"><is><t>Quyết định</t></is></c></row>',
            '<hyperlinks><hyperlink ref="L12" r:id="rId1"/><hyperlink ref="L13" location="Tổng hợp!A1"/></hyperlinks>',
          ),
        },
        {
          sheetRels: {
            'xl/worksheets/_rels/sheet1.xml.rels': rels([['rId1', 'hyperlink', 'https://hue.gov.vn/qd-12.pdf', true]]),
          },
        },
      ),
    );
    expect(wb.read(S, 'L12')).toBe('Quyết định');
    expect(wb.hyperlink(S, 'L12')).toBe('https://hue.gov.vn/qd-12.pdf');
    expect(wb.hyperlink(S, 'L13')).toBe('#Tổng hợp!A1');
    expect(wb.hyperlink(S, 'L14')).toBeUndefined();
  });
});

describe('values as Excel shows them', () => {
  const styles = `<styleSheet xmlns="${MAIN}"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0&quot;d&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>`;

  test('a number in a date format is an ISO date (serial 45731 = 2025-03-15); other formats stay numbers', () => {
    const wb = readParts(
      workbook(
        {
          [S]: sheet(
            '<row r="1"><c r="A1" s="1"><v>45731</v></c><c r="B1" s="2"><v>45731.75</v></c><c r="C1" s="3"><v>45731</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1"><v>45731</v></c></row>',
          ),
        },
        { styles },
      ),
    );
    expect([wb.read(S, 'A1'), wb.read(S, 'B1'), wb.read(S, 'C1'), wb.read(S, 'D1'), wb.read(S, 'E1')]).toEqual([
      '2025-03-15',
      '2025-03-15',
      45731,
      0.5,
      45731,
    ]);
  });

  test('the 1904 date system counts from 1904-01-01 (serial 0)', () => {
    const wb = readParts(
      workbook({ [S]: sheet('<row r="1"><c r="A1" s="1"><v>0</v></c></row>') }, { styles, date1904: true }),
    );
    expect(wb.read(S, 'A1')).toBe('1904-01-01');
  });

  test('hidden rows and columns are known', () => {
    const wb = readParts(
      workbook({
        [S]: `<worksheet ${NS}><cols><col min="3" max="4" hidden="1"/></cols><sheetData><row r="2" hidden="1"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row></sheetData></worksheet>`,
      }),
    );
    expect([
      wb.hidden(S, 'A2'),
      wb.hidden(S, 'A3'),
      wb.hidden(S, 'C3'),
      wb.hidden(S, 'D9'),
      wb.hidden(S, 'E3'),
    ]).toEqual([true, false, true, true, false]);
  });
});

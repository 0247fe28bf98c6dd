/**
 * The council shown what the workbook shows (issue 13, Why §1 and §10): a submitter who hides
 * other values where only a byte-pattern reader looks — a copy of an input cell inside an XML
 * comment, a CDATA section or `extLst`, or a second row carrying a criterion's id — and seals over
 * the hidden values. The council must read the values Excel and ExcelJS read, so the seal no
 * longer matches; a criterion on two rows is not ranked; a workbook Excel would not open is
 * malformed. Also the CSV a ranking writes, opened in a spreadsheet, runs no formula.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzipSync } from 'fflate';
import { assessSubmission, rankSubmissions } from '../../src/council';
import { csvField, rankingCsv } from '../../src/cli/ranking-file';
import { getRubric } from '../../src/rubrics';
import { locateTemplate } from '../../src/template';
import { readParts } from '../../src/workbook';
import { loadXlsx } from '../../src/xlsx';
import { addRow, injectAfterCell, injectBefore, MAIN_PART, setCell } from '../support/hostile';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';

const rubric = getRubric('hue-2263-2023');
let pki: TestPki;
let sealedHigh: Uint8Array;
/** I.4.1's input cell and the id cell of its row. */
let input: string;
let idCell: string;
const MAIN = 'Tự đánh giá';

const sign = (bytes: Uint8Array) =>
  signXlsx(
    bytes,
    { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem },
    new Date(Math.floor(Date.now() / 1000) * 1000),
  );
const anchors = () => [new TextEncoder().encode(pki.rootPem)];
const points = (r: Awaited<ReturnType<typeof assessSubmission>>, id: string) =>
  r.assessment?.criteria.find((c) => c.id === id)?.points;

beforeAll(async () => {
  pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-hostile-pki-')));
  // Sealed over I.4.1 = 5 articles (≥ 2: 10 points).
  sealedHigh = await sealedSubmission(3, 'Phường Hostile', false, { values: { 'I.4.1': 5 } });
  const wb = readParts(new Map(Object.entries(unzipSync(sealedHigh))));
  const located = locateTemplate(wb);
  if (!located.found) throw new Error('no template');
  const layout = located.info.layout as typeof located.info.layout & { valueColumn?: string };
  const row = layout.rows['I.4.1'];
  input = `${layout.valueColumn ?? layout.slotColumns[0]}${row}`;
  idCell = `${layout.idColumn}${row}`;
  expect(wb.read(MAIN, input)).toBe(5);
}, 120000);

describe('values only a byte scan would see are not what the council reads', () => {
  test.each([
    [
      'an XML comment after the cell',
      (b: Uint8Array) => injectAfterCell(b, input, `<!--<c r="${input}"><v>5</v></c>-->`),
    ],
    [
      'a CDATA section in extLst',
      (b: Uint8Array) =>
        injectBefore(
          b,
          MAIN_PART,
          '</worksheet>',
          `<extLst><ext uri="{hidden}"><![CDATA[<c r="${input}"><v>5</v></c>]]></ext></extLst>`,
        ),
    ],
    [
      'an element in extLst',
      (b: Uint8Array) =>
        injectBefore(
          b,
          MAIN_PART,
          '</worksheet>',
          `<extLst><ext uri="{hidden}"><row r="1"><c r="${input}"><v>5</v></c></row></ext></extLst>`,
        ),
    ],
  ])(
    'I.4.1 shown as 0, a copy holding 5 in %s: read as 0, so the seal over 5 does not match',
    async (_, hide) => {
      const shown0 = hide(setCell(sealedHigh, input, 0));
      const signed = await sign(shown0);
      // What Excel's other readers see: ExcelJS (and LibreOffice, in the differential test) read 0.
      expect((await loadXlsx(shown0)).read(MAIN, input)).toBe(0);
      const r = await assessSubmission('a.xlsx', signed, { trustAnchors: anchors() });
      expect(r.status).toBe('valid');
      expect(points(r, 'I.4.1')).toBe(0);
      expect(r.seal).toBe('broken');
      expect(rankSubmissions(rubric, [r])[0].rank).toBeNull();
    },
    60000,
  );

  test('a second row with the id I.4.1, hidden far below, holding 5: not ranked, both cells named', async () => {
    const attacked = addRow(
      setCell(sealedHigh, input, 0),
      900,
      { [idCell.replace(/\d+$/, '')]: 'I.4.1', [input.replace(/\d+$/, '')]: 5 },
      true,
    );
    const r = await assessSubmission('b.xlsx', await sign(attacked), { trustAnchors: anchors() });
    expect(r.status).toBe('valid');
    expect(points(r, 'I.4.1')).toBe(0); // the row the layout names, the one Excel shows
    expect(r.templateProblems).toEqual([
      expect.stringMatching(new RegExp(`I\\.4\\.1 có ở 2 dòng \\(${MAIN}!${idCell}, ${MAIN}!A900\\)`)),
    ]);
    const [row] = rankSubmissions(rubric, [r], 'total', true);
    expect(row.rank).toBeNull();
    expect(row.unranked.map((x) => x.vi).join(' ')).toMatch(/I\.4\.1 có ở 2 dòng/);
  }, 60000);

  test('two cells at the same address: malformed, naming the cell, nothing scored', async () => {
    const doubled = injectAfterCell(setCell(sealedHigh, input, 0), input, `<c r="${input}"><v>5</v></c>`);
    const r = await assessSubmission('c.xlsx', await sign(doubled), { trustAnchors: anchors() });
    expect(r.status).toBe('malformed');
    expect(r.reasons[0]).toMatch(new RegExp(`ô ${input} xuất hiện hai lần \\(duplicate cell reference ${input}\\)`));
    expect(r.assessment).toBeUndefined();
  }, 60000);

  test('the rubric shown in the sheet differing from _dti: listed and not ranked', async () => {
    const r = await assessSubmission('d.xlsx', setCell(sealedHigh, 'B3', 'hue-931-2024'));
    expect(r.templateProblems.join(' ')).toMatch(
      /Bộ tiêu chí trong trang tự đánh giá \(Tự đánh giá!B3: "hue-931-2024"\) khác với danh tính của mẫu trong trang _dti \("hue-2263-2023"\)/,
    );
    expect(rankSubmissions(rubric, [{ ...r, status: 'valid' }])[0].rank).toBeNull();
  }, 60000);
});

describe('the ranking CSV opened in a spreadsheet runs nothing', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+84 cmd', "'+84 cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['Xã\rPhú', '"Xã\rPhú"'],
    ['Xã A, Huế', '"Xã A, Huế"'],
    ['Phường Phú Hội', 'Phường Phú Hội'],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  test('numbers stay numbers, a negative one too', () => {
    expect([csvField(-2.5), csvField(0), csvField(null)]).toEqual(['-2.5', '0', '']);
  });

  test('a unit named =HYPERLINK(…) in the CSV', async () => {
    const r = await assessSubmission('e.xlsx', await sealedSubmission(4, '=HYPERLINK("http://evil","Xã A")'));
    const csv = rankingCsv(rubric, rankSubmissions(rubric, [{ ...r, status: 'valid' }]));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""Xã A"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  }, 60000);
});

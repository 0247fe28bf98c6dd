/**
 * The differential reader test (issue 13, Build 2): the same workbooks — every rubric's template,
 * blank and filled, and well-formed damaged and hostile variants — read by the project's cell
 * reader (src/workbook/read-parts.ts), by ExcelJS and by LibreOffice (converted to CSV in one
 * process), and every cell of every sheet LibreOffice exports must hold the same value in all
 * three. LibreOffice is the reference for what a spreadsheet shows; ExcelJS is a second,
 * independent parser.
 *
 * Where a file uses SpreadsheetML that ExcelJS does not read as the standard means it (elements
 * under a namespace prefix, cells without their optional `r`, CDATA in a value, a phonetic run or
 * an _xHHHH_ escape in an inline string), ExcelJS is left out of that file's comparison, and the
 * test says why.
 */
import { unzipSync } from 'fflate';
import { allRubrics, getRubric } from '../../src/rubrics';
import { buildTemplate, entriesFromValues, type Scalar } from '../../src/template';
import { readParts, type LoadedWorkbook } from '../../src/workbook';
import { loadXlsx, writeXlsx } from '../../src/xlsx';
import { injectAfterCell, injectBefore, MAIN_PART, rewritePart, setCell } from '../support/hostile';
import { libreOfficeCells } from '../support/libreoffice-csv';
import { sampleValues } from '../support/sample';
import { describeWith, LIBREOFFICE } from '../support/system';

interface Variant {
  name: string;
  bytes: Uint8Array;
  /** ExcelJS does not read this file's XML as XML means it (see the header). */
  withoutExcelJs?: string;
}

const columnName = (n: number): string =>
  (n > 26 ? columnName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * LibreOffice's CSV text for a cell against a reader's value. Numbers are compared as numbers
 * (LibreOffice writes 15 significant digits, and a percentage format as "45%"), booleans as
 * TRUE/FALSE, dates (ISO from the readers) as LibreOffice writes them (MM/DD/YYYY), a decimal comma
 * where the cell's format is Vietnamese.
 */
function same(lo: string, value: Scalar): boolean {
  if (value === null) return lo === '';
  if (typeof value === 'boolean') return lo === (value ? 'TRUE' : 'FALSE');
  if (typeof value === 'number') {
    // The report sheet's Vietnamese number format ([$-42A]) writes a decimal comma: 88,54.
    const text = /^-?\d+,\d+%?$/.test(lo) ? lo.replace(',', '.') : lo;
    const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
    return lo !== '' && Math.abs(n - value) <= 1e-9 * Math.max(1, Math.abs(value));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    // As stored (not as formatted), LibreOffice writes a date in its default locale's order, MM/DD/YYYY.
    return lo === `${m}/${d}/${y}`;
  }
  return lo === value;
}

async function variants(): Promise<Variant[]> {
  const out: Variant[] = [];
  for (const rubric of allRubrics())
    for (const unit of rubric.units.map((u) => u.id)) {
      const entries = entriesFromValues(rubric, unit, sampleValues(rubric, unit, 11));
      const spec = buildTemplate(rubric, { unit, unitName: 'Phường Thử', year: 2025, entries });
      out.push({ name: `t-${rubric.id}-${unit}`, bytes: await writeXlsx(spec) });
    }
  const rubric = getRubric('hue-2263-2023');
  const blank = buildTemplate(rubric, { unit: 'xa', unitName: '', year: 2025 });
  out.push({ name: 'blank', bytes: await writeXlsx(blank) });
  const base = out.find((v) => v.name === 't-hue-2263-2023-xa')!.bytes;
  const spec = buildTemplate(rubric, { unit: 'xa', year: 2025 });
  const row = spec.layout.rows['I.4.1'];
  const layout = spec.layout as typeof spec.layout & { valueColumn?: string };
  const input = `${layout.valueColumn ?? layout.slotColumns[0]}${row}`;
  const note = `${layout.note}${row}`;
  const hostile: [string, (b: Uint8Array) => Uint8Array, string?][] = [
    ['comment', (b) => injectAfterCell(b, input, `<!--<c r="${input}"><v>99</v></c>-->`)],
    [
      'cdata-extlst',
      (b) =>
        injectBefore(
          b,
          MAIN_PART,
          '</worksheet>',
          `<extLst><ext uri="{x}"><![CDATA[<c r="${input}"><v>99</v></c>]]><row r="1"><c r="A1"><v>99</v></c></row></ext></extLst>`,
        ),
    ],
    [
      'cdata-value',
      (b) => setCellRaw(b, input, `<c r="${input}"><v><![CDATA[3]]></v></c>`),
      'ExcelJS drops the text of a CDATA section',
    ],
    ['pi-value', (b) => setCellRaw(b, input, `<c r="${input}"><v>1<!-- x -->2<?pi x?></v></c>`)],
    [
      'rich-text',
      (b) =>
        setCellRaw(
          b,
          note,
          `<c r="${note}" t="inlineStr"><is><r><t>Ghi </t></r><r><rPr><b/></rPr><t xml:space="preserve">chú đậm</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></is></c>`,
        ),
      'ExcelJS loses the rest of the sheet after a phonetic run (rPh) in an inline string',
    ],
    [
      'runs',
      (b) =>
        setCellRaw(
          b,
          note,
          `<c r="${note}" t="inlineStr"><is><r><t>Ghi </t></r><r><rPr><b/></rPr><t xml:space="preserve">chú đậm</t></r></is></c>`,
        ),
    ],
    [
      'xstring',
      (b) => setCell(b, note, 'Tab_x0009_, A_x0042_C and _x005F_x0041_'),
      'ExcelJS does not decode _xHHHH_ escapes in an inline string',
    ],
    [
      'no-r',
      (b) =>
        rewritePart(b, MAIN_PART, (x) =>
          x.replace(
            /(<row r="1"[^>]*>)([\s\S]*?)(<\/row>)/,
            (_, open: string, cells: string, close: string) => open + cells.replace(/ r="[A-Z]+1"/g, '') + close,
          ),
        ),
      'ExcelJS fails on a cell without its optional r attribute (positions implied by order)',
    ],
    [
      'single-quotes',
      (b) =>
        rewritePart(b, MAIN_PART, (x) =>
          x.replace(/(<(?:c|row)\b[^>]*>)/g, (tag: string) => tag.replace(/="([^"']*)"/g, "='$1'")),
        ),
    ],
    [
      'prefixed',
      (b) =>
        rewritePart(b, MAIN_PART, (x) =>
          x
            .replace(
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
              '<s:worksheet xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            )
            .replace(/<(\/?)(?!s:)([a-zA-Z]+)(?=[\s>/])/g, (m, slash: string, name: string) =>
              name === 'worksheet' ? m : `<${slash}s:${name}`,
            )
            .replace('</worksheet>', '</s:worksheet>'),
        ),
      'ExcelJS matches element names as written, so SpreadsheetML under a prefix is empty to it',
    ],
  ];
  for (const [name, change, withoutExcelJs] of hostile)
    out.push({ name: `h-${name}`, bytes: change(base), withoutExcelJs });
  return out;
}

/** Replaces a cell's whole element. */
function setCellRaw(zip: Uint8Array, address: string, xml: string): Uint8Array {
  return rewritePart(zip, MAIN_PART, (x) =>
    x.replace(new RegExp(`<c r="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`), xml),
  );
}

describeWith([LIBREOFFICE])('the cell reader, ExcelJS and LibreOffice read the same cells', () => {
  let files: Variant[];
  let lo: Map<string, Map<string, string[][]>>;

  beforeAll(async () => {
    files = await variants();
    lo = libreOfficeCells(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
  }, 600000);

  test('every variant was converted, every sheet exported', () => {
    for (const f of files)
      expect([f.name, [...(lo.get(f.name)?.keys() ?? [])].length]).toEqual([f.name, expect.any(Number)]);
    expect(files.every((f) => (lo.get(f.name)?.size ?? 0) >= 3)).toBe(true);
  });

  test('every cell LibreOffice shows holds the same value for each reader', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const f of files) {
      const ours = readParts(new Map(Object.entries(unzipSync(f.bytes))));
      const excel: LoadedWorkbook | undefined = f.withoutExcelJs ? undefined : await loadXlsx(f.bytes);
      for (const [sheet, rows] of lo.get(f.name)!) {
        // Rows and columns past LibreOffice's used range are empty in it: the readers must agree there too.
        const height = rows.length + 2;
        const width = Math.max(...rows.map((r) => r.length)) + 2;
        for (let r = 1; r <= height; r++)
          for (let c = 1; c <= width; c++) {
            const address = `${columnName(c)}${r}`;
            const shown = rows[r - 1]?.[c - 1] ?? '';
            const mine = ours.read(sheet, address);
            // A formula stored without its result: LibreOffice computes it, the readers report no result.
            if (ours.hasFormula(sheet, address) && mine === null) continue;
            compared++;
            if (!same(shown, mine))
              mismatches.push(
                `${f.name} ${sheet}!${address}: LibreOffice ${JSON.stringify(shown)}, reader ${JSON.stringify(mine)}`,
              );
            if (excel) {
              const theirs = excel.read(sheet, address);
              if (!same(shown, theirs))
                mismatches.push(
                  `${f.name} ${sheet}!${address}: LibreOffice ${JSON.stringify(shown)}, ExcelJS ${JSON.stringify(theirs)}`,
                );
            }
          }
      }
    }
    expect(mismatches.slice(0, 40)).toEqual([]);
    // Every template's main sheet alone holds more than a thousand cells.
    expect(compared).toBeGreaterThan(files.length * 1000);
  });

  test('the hostile variants read what the sheet shows, not the hidden copies', () => {
    const shown = (name: string) => lo.get(name)!.get('Tự đánh giá')!;
    const base = shown('t-hue-2263-2023-xa');
    for (const name of ['h-comment', 'h-cdata-extlst']) expect(shown(name)).toEqual(base);
  });

  test('ExcelJS is left out only where the header says, and says why', () => {
    expect(files.filter((f) => f.withoutExcelJs).map((f) => f.name)).toEqual([
      'h-cdata-value',
      'h-rich-text',
      'h-xstring',
      'h-no-r',
      'h-prefixed',
    ]);
  });
});

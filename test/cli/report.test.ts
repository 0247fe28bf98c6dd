/**
 * `dti report FILE.xlsx --out report.pdf|report.xlsx` (issue 15, item 7): the report of a filled
 * template as values (LibreOffice cannot compute the add-in's functions), printed by LibreOffice:
 * A4, "Trang i/n" on every page, no text under 10 pt, the signature block on the last page, and
 * the points the officer entered.
 *
 * Font sizes are read from the PDF's page content: LibreOffice writes every piece of text with the
 * size it is drawn at in its `Tf` operator and positions it with `Td` only (no scaling `Tm`/`cm`
 * of text, which the test checks too), so the smallest `Tf` is the smallest text on the page. The
 * word boxes of pdftotext -bbox (their heights) would depend on each font's ascent and descent.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWorkbookParts } from '../../src/signature';
import { REPORT_SHEET } from '../../src/template';
import { readParts } from '../../src/workbook';
import { dti } from '../support/dti';
import { textSizes } from '../support/pdf';
import { hasProgram, LIBREOFFICE, PDFTOTEXT } from '../support/system';

const EXAMPLE = 'examples/hue-2263-2023-xa.json';
const files = { [EXAMPLE]: readFileSync(EXAMPLE) };

/** The example's template, filled with its entries. */
async function filledTemplate(): Promise<Uint8Array> {
  const made = await dti(
    ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', EXAMPLE, '--out', 't.xlsx'],
    files,
  );
  expect(made.code).toBe(0);
  return made.written['t.xlsx'];
}

describe('dti report', () => {
  let template: Uint8Array;
  beforeAll(async () => {
    template = await filledTemplate();
  }, 60000);

  test('needs a file and --out FILE.pdf or FILE.xlsx', async () => {
    expect((await dti(['report', 't.xlsx'], { 't.xlsx': template })).code).toBe(2);
    const wrong = await dti(['report', 't.xlsx', '--out', 'r.docx'], { 't.xlsx': template });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--out cần tệp .pdf hoặc .xlsx');
    const json = await dti(['report', EXAMPLE, '--out', 'r.xlsx'], files);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('không phải tệp Excel');
  });

  test('--out FILE.xlsx: the report alone, every cell a value, the entered points and the total', async () => {
    const r = await dti(['report', 't.xlsx', '--out', 'r.xlsx'], { 't.xlsx': template });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Đã ghi báo cáo r.xlsx: 79 tiêu chí');
    const wb = readParts(readWorkbookParts(r.written['r.xlsx']));
    expect(wb.sheetNames).toEqual([REPORT_SHEET]);
    const cells: string[] = [];
    for (let row = 1; row <= 140; row++)
      for (const col of 'ABCDEF') {
        expect([`${col}${row}`, wb.hasFormula(REPORT_SHEET, `${col}${row}`)]).toEqual([`${col}${row}`, false]);
        cells.push(String(wb.read(REPORT_SHEET, `${col}${row}`) ?? ''));
      }
    const at = (text: string) => cells.indexOf(text);
    // The example's total (dti score: 420,09 / 600), in the total row.
    const total = at('TỔNG ĐIỂM');
    expect(cells.slice(total, total + 5)).toEqual(['TỔNG ĐIỂM', '', '600', '420.09', String(420.09 / 600)]);
    expect(cells[at('PHƯỜNG PHÚ HỘI')]).toBe('PHƯỜNG PHÚ HỘI');
  });

  test('keeps what the officer typed in the template report sheet: the superior body', async () => {
    const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(template);
    // The report is the third sheet; its A1 (the superior body) holds a shared string: replace it with an inline one.
    const name = 'xl/worksheets/sheet3.xml';
    const xml = strFromU8(parts[name]);
    const edited = xml.replace(
      /<c r="A1"([^>]*?) t="s"><v>\d+<\/v><\/c>/,
      '<c r="A1"$1 t="inlineStr"><is><t>UBND THÀNH PHỐ HUẾ</t></is></c>',
    );
    expect(edited).not.toBe(xml);
    parts[name] = strToU8(edited);
    const r = await dti(['report', 't.xlsx', '--out', 'r.xlsx'], { 't.xlsx': zipSync(parts) });
    expect(r.code).toBe(0);
    expect(readParts(readWorkbookParts(r.written['r.xlsx'])).read(REPORT_SHEET, 'A1')).toBe('UBND THÀNH PHỐ HUẾ');
  });

  test('--out FILE.pdf without LibreOffice: exit 2, saying so and offering --out FILE.xlsx', async () => {
    const saved = process.env.DTI_SOFFICE;
    process.env.DTI_SOFFICE = join(tmpdir(), 'no-such-soffice');
    try {
      const r = await dti(['report', 't.xlsx', '--out', 'r.pdf'], { 't.xlsx': template });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Không tìm thấy LibreOffice');
      expect(r.stderr).toContain('--out bao-cao.xlsx');
      expect(r.written).toEqual({});
    } finally {
      if (saved === undefined) delete process.env.DTI_SOFFICE;
      else process.env.DTI_SOFFICE = saved;
    }
  });

  const withPrograms = hasProgram(LIBREOFFICE) && hasProgram(PDFTOTEXT);
  (withPrograms ? test : test.skip)(
    '--out FILE.pdf: A4 pages numbered "Trang i/n", nothing under 10 pt, the signatures on the last page',
    async () => {
      const r = await dti(['report', 't.xlsx', '--out', 'r.pdf'], { 't.xlsx': template });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const dir = mkdtempSync(join(tmpdir(), 'dti-report-test-'));
      const pdf = join(dir, 'r.pdf');
      writeFileSync(pdf, r.written['r.pdf']);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      expect(Math.abs(Number(w) - 595)).toBeLessThan(1.5);
      expect(Math.abs(Number(h) - 842)).toBeLessThan(1.5);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThan(1); // 79 criteria do not fit on one page
      const text = (page: number) =>
        execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
      for (let p = 1; p <= pages; p++) expect(text(p)).toContain(`Trang ${p}/${pages}`);
      expect(text(pages)).toContain('THỦ TRƯỞNG ĐƠN VỊ');
      expect(text(pages)).toContain('NGƯỜI LẬP BIỂU');
      expect(text(pages)).toContain('TỔNG ĐIỂM');
      for (let p = 1; p < pages; p++) expect(text(p)).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
      // The last criteria stay with the total.
      expect(text(pages)).toMatch(/VIII\.9\.1[\s\S]*VIII\.9\.2/);
      expect(text(1)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      // The example's total and max, with a decimal comma.
      expect(text(pages)).toContain('420,09');
      const sizes = textSizes(readFileSync(pdf));
      expect(sizes.length).toBeGreaterThan(100);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    },
    180000,
  );
});

describe('dti report of a level rubric that needs a page break', () => {
  const withPrograms = hasProgram(LIBREOFFICE) && hasProgram(PDFTOTEXT);
  (withPrograms ? test : test.skip)(
    'the last page holds the last two criteria, the unit level and the signatures',
    async () => {
      const made = await dti(['template', '--rubric', 'kontum-121-2025', '--unit', 'xa', '--out', 'k.xlsx']);
      const r = await dti(['report', 'k.xlsx', '--out', 'k.pdf'], { 'k.xlsx': made.written['k.xlsx'] });
      expect(r.code).toBe(0);
      const pdf = join(mkdtempSync(join(tmpdir(), 'dti-report-test-')), 'k.pdf');
      writeFileSync(pdf, r.written['k.pdf']);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-'], {
        encoding: 'utf8',
      });
      for (const text of [
        'III.8',
        'III.9',
        'MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA',
        'NGƯỜI LẬP BIỂU',
        'THỦ TRƯỞNG ĐƠN VỊ',
        `Trang ${pages}/${pages}`,
      ])
        expect([text, last.includes(text)]).toEqual([text, true]);
      const before = execFileSync('pdftotext', ['-f', String(pages - 1), '-l', String(pages - 1), pdf, '-'], {
        encoding: 'utf8',
      });
      expect(before).toContain('III.7');
      expect(before).not.toContain('III.8');
    },
    180000,
  );
});

/**
 * Generated .xlsx files opened by a real spreadsheet program (LibreOffice headless): they render
 * to A4 landscape pages, and their built-in formulas (subtotals, total, percent, levels), when
 * recalculated by LibreOffice, give the engine's numbers. LibreOffice cannot run the add-in's
 * functions, so for the recalculation the CDS.* cells carry their values, as Excel would have
 * computed them; everything else is recalculated by LibreOffice from scratch.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assess } from '../../src/engine';
import { sampleValues } from '../support/sample';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  entriesFromValues,
  MAIN_SHEET,
  parseAddress,
  SUMMARY_SHEET,
  type WorkbookSpec,
} from '../../src/template';
import { writeXlsx } from '../../src/xlsx';
import { convert, sheetCsv } from '../support/libreoffice';
import { describeWith, LIBREOFFICE, PDFTOTEXT } from '../support/system';

const maybe = describeWith([LIBREOFFICE, PDFTOTEXT]);

function filledSpec(rubricId: string, unit: string, seed: number, unitName: string) {
  const rubric = getRubric(rubricId);
  const values = sampleValues(rubric, unit as never, seed);
  const entries = entriesFromValues(rubric, unit as never, values);
  return { rubric, values, spec: buildTemplate(rubric, { unit, unitName, year: 2025, entries }) };
}

/** The add-in's cells become their values; built-in formulas lose their stored results, so only a recalculation can fill them. */
function forRecalculation(spec: WorkbookSpec): WorkbookSpec {
  return {
    ...spec,
    sheets: spec.sheets.map((s) => ({
      ...s,
      charts: [],
      cells: s.cells.map((c) => {
        if (c.formula === undefined) return c;
        if (/CDS\./.test(c.formula)) return { ...c, formula: undefined, value: c.result ?? null, result: undefined };
        return { ...c, result: undefined };
      }),
    })),
  };
}

/** A number from the CSV export; LibreOffice writes percentages as shown ("74.28%"). */
const num = (s: string | undefined) => (s?.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s));

maybe('LibreOffice opens the generated files', () => {
  test.each([
    ['hue-931-2024', 'so', 'Sở Y tế'],
    ['hue-931-2024', 'huyen', 'Huyện Phú Vang'],
    ['hue-931-2024', 'xa', 'Xã Phú Thượng'],
    ['hue-2263-2023', 'xa', 'Phường Phú Hội'],
    ['hanoi-5279-2025', 'so', 'Sở Du lịch'],
    ['hanoi-5279-2025', 'xa', 'Phường Ba Đình'],
  ])(
    '%s %s: recalculated subtotals, total and percent equal the engine',
    async (rubricId, unit, unitName) => {
      const { rubric, values, spec } = filledSpec(rubricId, unit, 9, unitName);
      const engine = assess(rubric, { unit, unitName, year: 2025, values });
      const dir = mkdtempSync(join(tmpdir(), 'dti-lo-'));
      const file = join(dir, 'recalc.xlsx');
      writeFileSync(file, await writeXlsx(forRecalculation(spec)));
      const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), MAIN_SHEET);
      const at = (address: string) => {
        const { col, row } = parseAddress(address);
        return rows[row]?.[col];
      };
      expect(num(at('E3'))).toBeCloseTo(engine.total!, 6); // total
      expect(num(at('E4'))).toBeCloseTo(engine.max!, 6); // max
      expect(num(at('E5'))).toBeCloseTo(engine.total! / engine.max!, 4); // percent, shown to 2 decimals of %
      for (const p of engine.pillars) {
        const row = spec.sheets[0].cells
          .find((c) => c.address.startsWith('A') && c.value === p.id && c.style === 'pillar')!
          .address.slice(1);
        expect([p.id, num(at(`${spec.layout.score}${row}`))]).toEqual([p.id, p.points]);
        expect([p.id, num(at(`${spec.layout.max}${row}`))]).toEqual([p.id, p.max]);
      }
      const summary = sheetCsv(convert(file, 'csv-all', { recalc: true }), SUMMARY_SHEET);
      const totalRow = summary.find((r) => r[1] === 'Tổng')!;
      expect(num(totalRow[2])).toBeCloseTo(engine.total!, 6);
    },
    120000,
  );

  test.each([
    ['xa', 'Xã Đắk Blà'],
    ['huyen', 'Huyện Đắk Hà'],
  ])(
    'Kon Tum %s: recalculated pillar and unit levels equal the engine',
    async (unit, unitName) => {
      const { rubric, values, spec } = filledSpec('kontum-121-2025', unit, 21, unitName);
      const engine = assess(rubric, { unit, values });
      const dir = mkdtempSync(join(tmpdir(), 'dti-lo-'));
      const file = join(dir, 'levels.xlsx');
      writeFileSync(file, await writeXlsx(forRecalculation(spec)));
      const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), SUMMARY_SHEET);
      for (const p of engine.pillars) expect([p.id, num(rows.find((r) => r[0] === p.id)![2])]).toEqual([p.id, p.level]);
      expect(num(rows.find((r) => r[1] === 'Mức độ của đơn vị')![2])).toBe(engine.level!.number);
    },
    120000,
  );

  test('the template prints on A4 landscape pages with the decision’s words', async () => {
    const { spec } = filledSpec('hue-2263-2023', 'xa', 2, 'Phường Phú Hội');
    const dir = mkdtempSync(join(tmpdir(), 'dti-lo-'));
    const file = join(dir, 'Mau-2263.xlsx');
    writeFileSync(file, await writeXlsx(spec));
    const out = convert(file, 'pdf');
    const pdf = join(
      out,
      readdirSync(out).find((f) => f.endsWith('.pdf'))!,
    );
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('BỘ CHỈ SỐ ĐÁNH GIÁ, XẾP HẠNG CHUYỂN ĐỔI SỐ');
    expect(text).toContain('TỔNG ĐIỂM');
    expect(text).toContain('Tỷ lệ điểm đạt theo trụ cột'); // the summary's chart title
    // Keep a page image as an artifact to look at.
    execFileSync('pdftoppm', [
      '-r',
      '70',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      join(__dirname, '..', '..', 'test-output', 'template-2263-page'),
    ]);
  }, 120000);
});

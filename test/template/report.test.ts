/**
 * The "Báo cáo tự đánh giá" sheet (issue 15, item 7): an administrative document's head (Nghị định
 * 30/2020/NĐ-CP), one table row per applicable criterion whose numbers are formulas over the
 * main sheet's cells of the same criterion, the total, the signature block, and the print setup
 * (A4 portrait, "Trang x/y", nothing under 10 pt), written by both writers.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'fs';
import { criteriaFor } from '../../src/engine';
import { writeWorkbookSpec } from '../../src/excel';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  entriesFromValues,
  MAIN_SHEET,
  REPORT_SHEET,
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
} from '../../src/template';
import { writeXlsx } from '../../src/xlsx';
import { FakeExcel } from '../support/fake-excel';

const M = `'${MAIN_SHEET}'!`;
const example = JSON.parse(readFileSync('examples/hue-2263-2023-xa.json', 'utf8'));

function hueSpec(): WorkbookSpec {
  const rubric = getRubric('hue-2263-2023');
  const entries = entriesFromValues(rubric, 'xa', example.values);
  const doc = (number: string) => ({ number, date: null, issuer: null, link: null, signed: null });
  entries['I.1.1'].evidence = [doc('15/QĐ-UBND'), doc('20/KH-UBND')];
  return buildTemplate(rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2024, entries });
}

const reportOf = (spec: WorkbookSpec): SheetSpec => spec.sheets.find((s) => s.name === REPORT_SHEET)!;
const cellsOf = (sheet: SheetSpec) => new Map<string, CellSpec>(sheet.cells.map((c) => [c.address, c]));
/** The report's table rows whose code (column A) is a criterion of the rubric, in order. */
const criterionRows = (sheet: SheetSpec, ids: string[]) =>
  sheet.cells.filter((c) => /^A\d+$/.test(c.address) && ids.includes(String(c.value)));
const rowOf = (c: CellSpec) => Number(c.address.slice(1));

describe('the report of a points rubric (Huế 2263, commune)', () => {
  const spec = hueSpec();
  const report = reportOf(spec);
  const cells = cellsOf(report);
  const main = cellsOf(spec.sheets[0]);
  const rubric = getRubric('hue-2263-2023');
  const ids = criteriaFor(rubric, 'xa').map((c) => c.id);

  test('is a sheet of the template, after the summary', () => {
    expect(spec.sheets.map((s) => s.name).indexOf(REPORT_SHEET)).toBe(2);
  });

  test('has the national title and motto top right, the unit top left and the year in the title', () => {
    expect(cells.get('C1')?.value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(cells.get('C2')?.value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(report.merges).toEqual(expect.arrayContaining(['A1:B1', 'C1:F1', 'A2:B2', 'C2:F2']));
    // The unit's name follows the main sheet's cell, in capitals.
    expect(cells.get('A2')?.formula).toContain(`UPPER(${M}$B$6)`);
    expect(cells.get('A2')?.result).toBe('PHƯỜNG PHÚ HỘI');
    // A commune before 01/7/2025 answers to its district, which the rubric does not name: the officer types it.
    expect(cells.get('A1')).toMatchObject({ locked: false, value: expect.stringMatching(/^UBND HUYỆN/) });
    expect(cells.get('C4')?.result).toBe('……, ngày …… tháng …… năm 2024');
    expect(cells.get('A6')?.result).toBe('BÁO CÁO\nTỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM 2024');
    expect(cells.get('A6')?.formula).toBe(
      `="BÁO CÁO"&CHAR(10)&"TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ NĂM "&${M}$B$7`,
    );
    expect(cells.get('A7')?.value).toContain(
      'Quyết định số 2263/QĐ-UBND ngày 27/09/2023 của Ủy ban nhân dân tỉnh Thừa Thiên Huế',
    );
  });

  test('has one row per applicable criterion, in the decision order, with its title', () => {
    const rows = criterionRows(report, ids);
    expect(rows.map((c) => c.value)).toEqual(ids);
    for (const c of rows)
      expect(cells.get(`B${rowOf(c)}`)?.value).toBe(rubric.criteria.find((x) => x.id === c.value)!.title);
  });

  test('takes the max and the points from the main sheet cells of the same criterion', () => {
    const at = (id: string) => rowOf(criterionRows(report, ids).find((c) => c.value === id)!);
    const { layout } = spec;
    // Decision 2263, Phụ lục: I.1.1 (Quyết định thành lập BCĐ CĐS) 10 points; I.2.2 (phiên họp Quý 1) 2 points.
    for (const [id, max] of [
      ['I.1.1', 10],
      ['I.2.2', 2],
      ['I.3.2', 4],
    ] as const) {
      const r = at(id);
      expect(cells.get(`D${r}`)).toMatchObject({ formula: `=${M}${layout.max}${layout.rows[id]}`, result: max });
      expect(cells.get(`E${r}`)?.formula).toBe(`=${M}${layout.score}${layout.rows[id]}`);
      expect(cells.get(`E${r}`)?.result).toBe(main.get(`${layout.score}${layout.rows[id]}`)?.result);
    }
    // The example's entries: I.1.1 by the head (10 of 10), I.2.2 not organised (0).
    expect(cells.get(`E${at('I.1.1')}`)?.result).toBe(10);
    expect(cells.get(`E${at('I.2.2')}`)?.result).toBe(0);
  });

  test('joins the evidence numbers of all the criterion rows on the main sheet', () => {
    const { layout } = spec;
    const rows = criterionRows(report, ids);
    const i11 = cells.get(`F${rowOf(rows.find((c) => c.value === 'I.1.1')!)}`)!;
    // Two documents entered, one a row, and the free row below them.
    expect(i11.result).toBe('15/QĐ-UBND; 20/KH-UBND');
    const numbersRead = (formula: string) => [
      ...new Set([...formula.matchAll(new RegExp(`!${layout.evidence.number}(\\d+)`, 'g'))].map((x) => Number(x[1]))),
    ];
    const i11Row = layout.rows['I.1.1'];
    expect(numbersRead(i11.formula!)).toEqual([i11Row, i11Row + 1, i11Row + 2]);
    // A criterion over several rows of the main sheet (one per input): every one of its rows is read, no other.
    const tall = ids.find((id) => layout.inputs[id].length > 2)!;
    const first = layout.rows[tall];
    const formula = cells.get(`F${rowOf(rows.find((c) => c.value === tall)!)}`)!.formula!;
    expect(numbersRead(formula)).toEqual(layout.inputs[tall].map((_, i) => first + i));
  });

  test('shows the pillars with their subtotal and the total 420,09 / 600', () => {
    const pillar = report.cells.find((c) => c.address.startsWith('A') && c.value === 'I')!;
    expect(cells.get(`B${rowOf(pillar)}`)?.value).toBe('Nhận thức số');
    // Pillar I of decision 2263 for communes: 90 points.
    expect(cells.get(`D${rowOf(pillar)}`)?.result).toBe(90);
    const total = report.cells.find((c) => c.value === 'TỔNG ĐIỂM')!;
    expect(cells.get(`D${rowOf(total)}`)?.result).toBe(600);
    expect(cells.get(`E${rowOf(total)}`)?.result).toBe(420.09);
    expect(cells.get(`F${rowOf(total)}`)?.numFmt).toBe('[$-42A]0.00%');
  });

  test('needs no page break where the signatures fall on the page of the total anyway', () => {
    expect(report.print!.breaks).toBeUndefined();
  });

  test('ends with the signature block under the total, and prints A4 portrait with "Trang x/y"', () => {
    const total = rowOf(report.cells.find((c) => c.value === 'TỔNG ĐIỂM')!);
    const signer = report.cells.find((c) => c.value === 'THỦ TRƯỞNG ĐƠN VỊ')!;
    expect(rowOf(signer)).toBe(total + 2);
    expect(report.cells.find((c) => c.value === 'NGƯỜI LẬP BIỂU')?.address).toBe(`A${total + 2}`);
    expect(report.cells.find((c) => c.value === '(Ký tên, đóng dấu)')).toBeDefined();
    expect(report.cells.find((c) => c.value === '(Ký, ghi rõ họ tên)')).toBeDefined();
    expect(report.print).toMatchObject({
      landscape: false,
      paper: 'A4',
      fitToWidth: true,
      footer: 'Trang &P/&N',
      titleRows: '9:9',
    });
    const lastRow = Number(report.print!.area!.split(':')[1].slice(1));
    expect(lastRow).toBeGreaterThan(rowOf(signer) + 2); // room to sign
  });

  test('uses no font under 10 pt', () => {
    const used = new Set(report.cells.map((c) => c.style).filter(Boolean));
    expect(Math.min(...[...used].map((s) => spec.styles[s!].fontSize ?? 10))).toBeGreaterThanOrEqual(10);
  });
});

describe('the report of a level rubric (Kon Tum 121, commune)', () => {
  const rubric = getRubric('kontum-121-2025');
  const spec = buildTemplate(rubric, { unit: 'xa', unitName: 'Xã Đắk Hà', year: 2025 });
  const report = reportOf(spec);
  const cells = cellsOf(report);
  const ids = criteriaFor(rubric, 'xa').map((c) => c.id);

  test('lists each criterion with its level from the main sheet, and the unit level', () => {
    const rows = criterionRows(report, ids);
    expect(rows.map((c) => c.value)).toEqual(ids.filter((id) => rows.some((c) => c.value === id)));
    expect(new Set(rows.map((c) => c.value))).toEqual(new Set(ids));
    expect(cells.get('E9')?.value).toBe('Mức đạt');
    const { layout } = spec;
    const first = rows[0];
    expect(cells.get(`E${rowOf(first)}`)?.formula).toBe(`=${M}${layout.score}${layout.rows[String(first.value)]}`);
    // Decision 121: I.1 is a share, in percent.
    expect(cells.get(`D${rowOf(rows.find((c) => c.value === 'I.1')!)}`)?.value).toBe('%');
    const total = report.cells.find((c) => c.value === 'MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA ĐƠN VỊ')!;
    // Nothing entered: level 0.
    expect(cells.get(`E${rowOf(total)}`)?.result).toBe(0);
    expect(cells.get('A6')?.result).toBe('BÁO CÁO\nTỰ ĐÁNH GIÁ, XÁC ĐỊNH MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM 2025');
  });

  test('starts a page two criteria above the total where the signatures would otherwise be cut off', () => {
    // Laid out at the set heights, this report's last page would begin inside the signature block
    // (LibreOffice's PDF of it: test/cli/report.test.ts); the break keeps III.8, III.9, the level
    // and the signatures together.
    const total = rowOf(report.cells.find((c) => c.value === 'MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA ĐƠN VỊ')!);
    expect(report.print!.breaks).toEqual([total - 2]);
    expect(cells.get(`A${total - 2}`)?.value).toBe('III.8');
  });
});

describe('both writers set up the printing', () => {
  const spec = hueSpec();

  test('Office.js: A4 portrait, fit to the width, margins in points and the "Trang &P/&N" footer', async () => {
    const fake = new FakeExcel();
    await writeWorkbookSpec(fake, spec, undefined, {
      isSetSupported: (name, version = '1.1') => name === 'ExcelApi' && Number(version.split('.')[1]) <= 9,
    });
    const sheet = fake.sheet(REPORT_SHEET);
    expect(sheet.pageLayout).toMatchObject({
      orientation: 'Portrait',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '9:9',
      centerFooter: 'Trang &P/&N',
      centerHorizontally: true,
    });
    // 3 cm left and 1.5 cm right (Nghị định 30: 30–35 mm and 15–20 mm): 85.04 and 42.52 points.
    expect(sheet.pageLayout.margins).toMatchObject({ leftMargin: 85.04, rightMargin: 42.52, topMargin: 56.69 });
    expect(sheet.pageLayout.breaks).toBeUndefined();
    expect(fake.cell(REPORT_SHEET, 'C2')?.font).toMatchObject({ bold: true, underline: 'Single', size: 13 });
  });

  test('Office.js and ExcelJS: the manual page break of a report that needs one', async () => {
    const rubric = getRubric('kontum-121-2025');
    const levels = buildTemplate(rubric, { unit: 'xa', year: 2025 });
    const row = reportOf(levels).print!.breaks![0];
    const fake = new FakeExcel();
    await writeWorkbookSpec(fake, levels, undefined, { isSetSupported: () => true });
    expect(fake.sheet(REPORT_SHEET).pageLayout.breaks).toEqual([row]);
    // The file stores a break after row - 1 (ExcelJS does not read breaks back: the sheet's XML is read).
    const xml = strFromU8(unzipSync(await writeXlsx(levels))['xl/worksheets/sheet3.xml']);
    expect(xml).toMatch(new RegExp(`<rowBreaks count="1" manualBreakCount="1"><brk id="${row - 1}"[^>]*man="1"`));
  });

  test('the fake refuses what Excel refuses: a footer over 255 characters, a negative margin', async () => {
    const long: WorkbookSpec = {
      ...spec,
      sheets: spec.sheets.map((s) =>
        s.name === REPORT_SHEET ? { ...s, print: { ...s.print!, footer: 'x'.repeat(256) } } : s,
      ),
    };
    const options = { isSetSupported: () => true };
    await expect(writeWorkbookSpec(new FakeExcel(), long, undefined, options)).rejects.toThrow(/centerFooter/);
    const negative: WorkbookSpec = {
      ...spec,
      sheets: spec.sheets.map((s) =>
        s.name === REPORT_SHEET ? { ...s, print: { ...s.print!, margins: { ...s.print!.margins!, left: -1 } } } : s,
      ),
    };
    await expect(writeWorkbookSpec(new FakeExcel(), negative, undefined, options)).rejects.toThrow(/leftMargin/);
  });

  test('ExcelJS: the footer in the centre section, margins in inches, portrait A4', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeXlsx(spec)) as never);
    const ws = wb.getWorksheet(REPORT_SHEET)!;
    expect(ws.headerFooter.oddFooter).toBe('&CTrang &P/&N');
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins!.left).toBeCloseTo(3 / 2.54, 3);
    // The report's numbers write with a decimal comma.
    const total = ws.getColumn('E').values.findIndex((v) => (v as { result?: unknown })?.result === 420.09);
    expect(total).toBeGreaterThan(0);
    expect(ws.getCell(`E${total}`).numFmt).toBe('[$-42A]General');
  });
});

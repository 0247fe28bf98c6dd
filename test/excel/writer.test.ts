/**
 * The Office.js writer against the strict fake: every feature of a spec lands where it should, in a
 * constant number of syncs; an existing copy of the sheets is replaced without being touched until
 * the new one is complete (built under temporary names, read back, swapped); a failed sync leaves
 * the workbook as it was. And the fake itself refuses what Excel refuses.
 */
import {
  checkExcelRequirements,
  REQUIRED_EXCEL_API,
  STEPS,
  TEMP_MARK,
  WorkbookWriteError,
  writeWorkbookSpec,
} from '../../src/excel';
import { columnWidthPoints, serialToIsoDate } from '../../src/excel/sheet-features';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  sheetSpec,
  type CellSpec,
  type SheetSpec,
  type StyleName,
  type StyleSpec,
  type ValidationSpec,
  type WorkbookSpec,
} from '../../src/template';
import { FakeExcel, FakeOfficeError, VALIDATION_LIMITS, WEB_PAYLOAD_LIMIT } from '../support/fake-excel';

// ------------------------------------------------------------------ a hand-made spec using every feature

const STYLE_NAMES: StyleName[] = [
  'title',
  'subtitle',
  'label',
  'headerValue',
  'tableHeader',
  'pillar',
  'group',
  'criterionId',
  'text',
  'guidance',
  'number',
  'input',
  'inputUnused',
  'formula',
  'check',
  'total',
  'totalLabel',
  'note',
];

const STYLES = {
  ...Object.fromEntries(STYLE_NAMES.map((n) => [n, {}])),
  title: { bold: true, fontSize: 14, fontColor: '#0F6CBD', hAlign: 'center', vAlign: 'center' },
  text: { fontSize: 10, wrap: true, vAlign: 'top', border: true },
  input: { fill: '#FFF9E5', border: true, italic: false },
  formula: { bold: true, hAlign: 'right', border: true },
} as Record<StyleName, StyleSpec>;

const MAIN = 'Tự đánh giá';
const SUMMARY = 'Tổng hợp';
const LISTS = 'Danh mục';
const META = '_dti';
/** The name a sheet is built under before it takes its own (src/excel/sheet-names.ts). */
const building = (name: string) => `${TEMP_MARK}${name}`;

const base = (name: string, visibility: SheetSpec['visibility'], cells: CellSpec[]): SheetSpec =>
  sheetSpec(name, visibility, cells);

const longTitle = 'Một tiêu đề gợi ý dài hơn ba mươi hai ký tự cho phép';

function smallSpec(): WorkbookSpec {
  const main: SheetSpec = {
    ...base(MAIN, 'visible', [
      { address: 'A1', value: 'BỘ CHỈ SỐ ĐÁNH GIÁ', style: 'title' },
      { address: 'A2', value: '7.1' }, // text that Excel would read as a number
      { address: 'A3', value: 'Bộ tiêu chí' },
      { address: 'B3', value: 42, numFmt: '0.00', locked: true },
      { address: 'B4', value: true },
      { address: 'B5', value: 'Người đứng đầu', style: 'input', locked: false },
      { address: 'B6', value: 45658, numFmt: 'dd/mm/yyyy', style: 'input', locked: false },
      { address: 'B7', value: '0012', numFmt: '@' },
      {
        address: 'C3',
        formula: '=CDS.DTI_SCORE("hue-2263-2023","xa","I.1.1",B5)',
        result: 2,
        numFmt: '0.##',
        style: 'formula',
      },
      { address: 'C4', value: null, style: 'formula' },
      ...['A', 'B', 'C'].flatMap((col) =>
        [8, 9, 10].map((row): CellSpec => ({ address: `${col}${row}`, value: `${col}${row}`, style: 'text' })),
      ),
    ]),
    merges: ['A1:D1'],
    columns: [
      { column: 'A', width: 9 },
      { column: 'B', width: 46 },
      { column: 'E', width: 10, hidden: true },
    ],
    rowHeights: [{ row: 1, height: 30 }],
    freeze: { rows: 7, columns: 2 },
    validations: [
      {
        range: 'B5',
        type: 'list',
        source: `='${LISTS}'!$A$1:$A$3`,
        allowBlank: true,
        prompt: { title: longTitle, message: 'Chọn một giá trị.' },
        error: { title: 'I.1.1', message: 'Chọn một giá trị trong danh sách.' },
      },
      {
        range: 'B8:B10',
        type: 'decimal',
        min: 0,
        max: 1,
        allowBlank: true,
        error: { title: 'Tỷ lệ', message: 'Tỷ lệ phải từ 0% đến 100%.' },
      },
      {
        range: 'C8',
        type: 'whole',
        min: 0,
        allowBlank: false,
        error: { title: 'Số lượng', message: 'Nhập số nguyên không âm.' },
      },
      {
        range: 'B6',
        type: 'date',
        min: 36526,
        allowBlank: true,
        error: { title: 'Ngày', message: 'Nhập ngày (dd/mm/yyyy).' },
      },
      {
        range: 'C9',
        type: 'textLength',
        max: 40,
        allowBlank: true,
        error: { title: 'Ghi chú', message: 'x'.repeat(300) },
      },
    ],
    conditionalFormats: [{ range: 'B5', formula: 'LEN($B5)=0', fill: '#FDE7E9', fontColor: '#A4262C' }],
    print: { landscape: true, paper: 'A4', fitToWidth: true, titleRows: '$7:$7', area: 'A1:E10' },
    tabColor: '#0F6CBD',
  };
  const summary: SheetSpec = {
    ...base(SUMMARY, 'visible', [
      { address: 'A1', value: 'Trụ cột' },
      { address: 'B1', value: 'Điểm' },
      { address: 'C1', value: 'Tối đa' },
      { address: 'A2', value: 'I' },
      { address: 'A3', value: 'II' },
      { address: 'B2', formula: `='${MAIN}'!C3`, result: 2 },
      { address: 'B3', value: 5 },
      { address: 'C2', value: 10 },
      { address: 'C3', value: 10 },
    ]),
    charts: [
      {
        type: 'barClustered',
        title: 'Điểm theo trụ cột',
        categories: 'A2:A3',
        series: [
          { name: 'Điểm', values: 'B2:B3' },
          { name: 'Tối đa', values: 'C2:C3' },
        ],
        from: 'E2',
        to: 'L20',
      },
    ],
    print: { landscape: false, paper: 'A4', fitToWidth: false },
    protect: false,
  };
  const lists = base(LISTS, 'hidden', [
    { address: 'A1', value: 'Người đứng đầu' },
    { address: 'A2', value: 'Cấp phó' },
    { address: 'A3', value: 'Không' },
  ]);
  const meta = base(META, 'veryHidden', [{ address: 'A1', value: 'dti-template' }]);
  return {
    meta: {
      rubric: 'hue-2263-2023',
      version: '1.0.0',
      unit: 'xa',
      unitName: 'Phường Phú Hội',
      year: 2025,
      templateVersion: 1,
    },
    layout: {} as WorkbookSpec['layout'], // the writer does not read the layout
    styles: STYLES,
    sheets: [main, summary, lists, meta],
    names: [
      { name: 'DTI_RUBRIC', refersTo: `'${MAIN}'!$B$3` },
      { name: 'DTI_TEMPLATE', refersTo: `='${META}'!$A$1` },
    ],
  };
}

/** isSetSupported of a host with ExcelApi 1.1 … 1.`maxMinor`. */
const supported =
  (maxMinor: number) =>
  (name: string, version = '1.1') =>
    name === 'ExcelApi' && Number(version.split('.')[1]) <= maxMinor;

// ------------------------------------------------------------------ (a) every feature, into a new workbook

describe('writeWorkbookSpec into a new workbook', () => {
  let fake: FakeExcel;
  let result: { syncs: number };
  const progress: [string, number][] = [];

  beforeAll(async () => {
    fake = new FakeExcel(['Sheet1']);
    result = await writeWorkbookSpec(fake, smallSpec(), (step, fraction) => progress.push([step, fraction]), {
      isSetSupported: supported(9),
    });
  });

  it('uses a few syncs, and counts them: inspect, contents, finish and read back, swap', () => {
    expect(result.syncs).toBe(4);
    expect(fake.syncs).toBe(result.syncs);
  });

  it('builds under temporary names, then gives each sheet its own name; nothing else is left', () => {
    expect(fake.batch(2).filter((l) => l.startsWith('worksheets.add'))).toEqual(
      [MAIN, SUMMARY, LISTS, META].map((n) => `worksheets.add(${JSON.stringify(building(n))})`),
    );
    expect(fake.batch(4)).toEqual(expect.arrayContaining([`${building(MAIN)}: name = ${JSON.stringify(MAIN)}`]));
    expect(fake.sheets.some((s) => s.name.startsWith('~dti'))).toBe(false);
    // Formulas written against the temporary names point at the final sheets after the renames.
    expect(fake.cell(SUMMARY, 'B2')?.formula).toBe(`='${MAIN}'!C3`);
    expect(fake.sheet(MAIN).validations.find((v) => v.range === 'B5')?.rule).toEqual({
      list: { inCellDropDown: true, source: `='${LISTS}'!$A$1:$A$3` },
    });
  });

  it('adds the sheets with their visibility and tab colour, and activates the first visible one', () => {
    expect(fake.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Sheet1', 'Visible'],
      [MAIN, 'Visible'],
      [SUMMARY, 'Visible'],
      [LISTS, 'Hidden'],
      [META, 'VeryHidden'],
    ]);
    expect(fake.sheet(MAIN).tabColor).toBe('#0F6CBD');
    expect(fake.activeSheet).toBe(MAIN);
  });

  it('writes values, text that looks like a number, booleans, formulas and number formats', () => {
    expect(fake.cell(MAIN, 'A1')?.value).toBe('BỘ CHỈ SỐ ĐÁNH GIÁ');
    expect(fake.cell(MAIN, 'A2')?.value).toBe('7.1');
    expect(fake.log.some((l) => l.includes(`"'7.1"`))).toBe(true);
    expect(fake.cell(MAIN, 'B3')).toMatchObject({ value: 42, numberFormat: '0.00' });
    expect(fake.cell(MAIN, 'B4')?.value).toBe(true);
    expect(fake.cell(MAIN, 'B6')).toMatchObject({ value: 45658, numberFormat: 'dd/mm/yyyy' });
    expect(fake.cell(MAIN, 'B7')).toMatchObject({ value: '0012', numberFormat: '@' });
    expect(fake.cell(MAIN, 'C3')).toMatchObject({
      formula: '=CDS.DTI_SCORE("hue-2263-2023","xa","I.1.1",B5)',
      numberFormat: '0.##',
    });
    expect(fake.cell(MAIN, 'C3')?.value).toBeUndefined();
    expect(fake.cell(MAIN, 'C4')?.value).toBeUndefined();
    expect(fake.cell(SUMMARY, 'B2')?.formula).toBe(`='${MAIN}'!C3`);
    expect(fake.cell(LISTS, 'A3')?.value).toBe('Không');
  });

  it('writes contents in blocks, not cell by cell', () => {
    const writes = fake.log.filter((l) => l.startsWith(`${MAIN}:`) && / (values|formulas|numberFormat) = /.test(l));
    expect(writes.length).toBeLessThanOrEqual(6);
  });

  it('applies styles and locking', () => {
    expect(fake.cell(MAIN, 'A1')).toMatchObject({
      font: { bold: true, size: 14, color: '#0F6CBD' },
      hAlign: 'Center',
      vAlign: 'Center',
      locked: true,
    });
    expect(fake.cell(MAIN, 'B5')).toMatchObject({ fill: '#FFF9E5', font: { italic: false }, locked: false });
    expect(fake.cell(MAIN, 'B6')?.locked).toBe(false);
    expect(fake.cell(MAIN, 'C3')).toMatchObject({ font: { bold: true }, hAlign: 'Right' });
    for (const a of ['A8', 'B9', 'C10', 'B5'])
      expect(fake.cell(MAIN, a)?.borders).toEqual({
        top: 'Continuous/Thin',
        bottom: 'Continuous/Thin',
        left: 'Continuous/Thin',
        right: 'Continuous/Thin',
      });
    expect(fake.cell(MAIN, 'B9')).toMatchObject({ wrap: true, vAlign: 'Top', font: { size: 10 } });
    // the 3×3 "text" block is one range
    expect(fake.log.filter((l) => l.includes('format.wrapText')).map((l) => l.split(': ')[1].split(' ')[0])).toEqual([
      'A8:C10',
    ]);
  });

  it('merges, sizes columns and rows, hides columns, freezes panes', () => {
    const s = fake.sheet(MAIN);
    expect(s.merges).toEqual(['A1:D1']);
    expect(columnWidthPoints(9)).toBe(51);
    expect(columnWidthPoints(8.43)).toBeCloseTo(48, 1);
    expect(s.columns.get('A')).toEqual({ width: 51 });
    expect(s.columns.get('B')).toEqual({ width: columnWidthPoints(46) });
    expect(s.columns.get('E')).toEqual({ width: columnWidthPoints(10), hidden: true });
    expect(s.rows.get(1)).toEqual({ height: 30 });
    expect(s.freeze).toEqual({ rows: 7, columns: 2 });
    expect(fake.log).toContain(`${building(MAIN)}: freezePanes.freezeAt("A1:B7")`);
  });

  it('adds each kind of data validation', () => {
    const v = new Map(fake.sheet(MAIN).validations.map((x) => [x.range, x]));
    expect(v.get('B5')).toEqual({
      range: 'B5',
      rule: { list: { inCellDropDown: true, source: `='${LISTS}'!$A$1:$A$3` } },
      ignoreBlanks: true,
      prompt: { showPrompt: true, title: `${longTitle.slice(0, 31)}…`, message: 'Chọn một giá trị.' },
      errorAlert: { showAlert: true, style: 'Stop', title: 'I.1.1', message: 'Chọn một giá trị trong danh sách.' },
    });
    expect(v.get('B5')!.prompt!.title).toHaveLength(32);
    expect(v.get('B8:B10')?.rule).toEqual({ decimal: { formula1: 0, formula2: 1, operator: 'Between' } });
    expect(v.get('C8')?.rule).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(v.get('C8')?.ignoreBlanks).toBe(false);
    expect(v.get('B6')?.rule).toEqual({ date: { formula1: '2000-01-01', operator: 'GreaterThanOrEqualTo' } });
    expect(v.get('C9')?.rule).toEqual({ textLength: { formula1: 40, operator: 'LessThanOrEqualTo' } });
    // Excel's limits (MS-XLSB DValStrings): a 300-character error message is clipped to 225.
    expect(v.get('C9')?.errorAlert?.message).toHaveLength(VALIDATION_LIMITS.errorMessage);
    expect(v.get('C9')?.errorAlert?.message.endsWith('…')).toBe(true);
    expect(v.get('B8:B10')?.prompt).toBeUndefined();
    expect(serialToIsoDate(45658)).toBe('2025-01-01');
  });

  it('adds conditional formats with an "=" formula', () => {
    expect(fake.sheet(MAIN).conditionalFormats).toEqual([
      { range: 'B5', type: 'Custom', formula: '=LEN($B5)=0', fill: '#FDE7E9', fontColor: '#A4262C' },
    ]);
  });

  it('adds the chart with its title, series and position', () => {
    expect(fake.sheet(SUMMARY).charts).toEqual([
      {
        name: 'Chart 1',
        type: 'BarClustered',
        source: 'B2:B3',
        seriesBy: 'Columns',
        title: 'Điểm theo trụ cột',
        from: 'E2',
        to: 'L20',
        series: [
          { name: 'Điểm', values: 'B2:B3', categories: 'A2:A3' },
          { name: 'Tối đa', values: 'C2:C3', categories: 'A2:A3' },
        ],
      },
    ]);
  });

  it('sets up printing where ExcelApi 1.9 is available', () => {
    expect(fake.sheet(MAIN).pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$7:$7',
      printArea: 'A1:E10',
    });
    expect(fake.sheet(SUMMARY).pageLayout).toEqual({ orientation: 'Portrait', paperSize: 'A4' });
  });

  it('protects the sheets that ask for it, last, without a password', () => {
    expect(fake.sheet(MAIN).protection).toEqual({
      protected: true,
      options: {
        allowFormatColumns: true,
        allowFormatRows: true,
        allowAutoFilter: true,
        allowInsertHyperlinks: true,
        selectionMode: 'Normal',
      },
    });
    expect(fake.sheet(META).protection.protected).toBe(true);
    expect(fake.sheet(SUMMARY).protection.protected).toBe(false);
    const finish = fake.batch(3).filter((l) => !l.includes('getUsedRangeOrNullObject')); // the read-back comes after
    const firstProtect = finish.findIndex((l) => l.includes('protection.protect'));
    expect(finish.slice(firstProtect).every((l) => l.includes('protection.protect'))).toBe(true);
  });

  it('adds the defined names', () => {
    expect([...fake.names]).toEqual([
      ['DTI_RUBRIC', `='${MAIN}'!$B$3`],
      ['DTI_TEMPLATE', `='${META}'!$A$1`],
    ]);
  });

  it('reports progress in Vietnamese, in order', () => {
    expect(progress.map((p) => p[0])).toEqual([
      STEPS.inspect,
      STEPS.prepare,
      STEPS.cells,
      STEPS.format,
      STEPS.verify,
      STEPS.swap,
      STEPS.done,
    ]);
    expect(progress.map((p) => p[1])).toEqual([...progress.map((p) => p[1])].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toEqual(['Hoàn tất', 1]);
  });

  it('never touches the Excel global', () => {
    expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  });
});

describe('print setup without ExcelApi 1.9', () => {
  it('is skipped without error when the host lacks it', async () => {
    const fake = new FakeExcel();
    const { syncs } = await writeWorkbookSpec(fake, smallSpec(), undefined, { isSetSupported: supported(8) });
    expect(syncs).toBe(4);
    expect(fake.sheet(MAIN).pageLayout).toEqual({});
    expect(fake.log.some((l) => l.includes('pageLayout'))).toBe(false);
    expect(fake.sheet(MAIN).protection.protected).toBe(true);
  });

  it('is skipped when there is no Office global and no isSetSupported option', async () => {
    const fake = new FakeExcel();
    await writeWorkbookSpec(fake, smallSpec());
    expect(fake.log.some((l) => l.includes('pageLayout'))).toBe(false);
  });
});

/** The fake's document as plain data, to compare two states. */
function snapshot(fake: FakeExcel): unknown {
  return JSON.parse(
    JSON.stringify({ sheets: fake.sheets, names: fake.names, active: fake.activeSheet }, (_, v: unknown) =>
      v instanceof Map ? Object.fromEntries(v) : v,
    ),
  );
}

// ------------------------------------------------------------------ (b) re-applying over an existing template

describe('re-applying a spec to a workbook that already has it', () => {
  it('builds a complete new copy before touching the old one, swaps, and gives the same workbook', async () => {
    const fake = new FakeExcel();
    await writeWorkbookSpec(fake, smallSpec(), undefined, { isSetSupported: supported(9) });
    const first = snapshot(fake);

    // What an officer might have done since: typed into the sheet, added a merge, a rule, a chart and a name.
    const main = fake.sheet(MAIN);
    main.cells.set('Z99', { value: 'rác', font: {}, borders: {}, locked: true });
    main.merges.push('F1:G1');
    main.validations.push({ range: 'Z1', rule: { wholeNumber: { formula1: 1, operator: 'EqualTo' } } });
    main.conditionalFormats.push({ range: 'Z2', type: 'Custom', formula: '=TRUE' });
    main.charts.push({ name: 'Mine', type: 'Pie', source: 'A1:A2', series: [] });
    main.columns.set('Z', { width: 99, hidden: true });
    main.visibility = 'Hidden';
    fake.names.set('USER_NAME', '=1');
    fake.activeSheet = SUMMARY;

    fake.log.length = 0;
    fake.syncs = 0;
    const { syncs } = await writeWorkbookSpec(fake, smallSpec(), undefined, { isSetSupported: supported(9) });
    expect(syncs).toBe(5); // + cleanup: the old copies deleted

    // Nothing is done to the old sheets before the swap (batch 4): no unprotect, no clear, no unfreeze.
    const before = [1, 2, 3].flatMap((n) => fake.batch(n));
    for (const name of [MAIN, SUMMARY, LISTS, META])
      expect([name, before.filter((l) => l.startsWith(`${name}:`))]).toEqual([name, []]);
    expect(fake.log.some((l) => /unprotect|unfreeze|clear\(/.test(l))).toBe(false);
    // At the swap the old ones step aside under backup names, which the cleanup deletes.
    expect(fake.batch(4)).toEqual(expect.arrayContaining([`${MAIN}: name = "~dti cũ~${MAIN}"`]));
    expect(fake.batch(5)).toEqual(expect.arrayContaining([`~dti cũ~${MAIN}: delete()`]));

    expect(fake.names.get('USER_NAME')).toBe('=1');
    fake.names.delete('USER_NAME');
    expect(snapshot(fake)).toEqual(first);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', MAIN, SUMMARY, LISTS, META]);
  });

  it("puts the new sheets where the old ones were, around the officer's own", async () => {
    const fake = new FakeExcel(['Sheet1']);
    await writeWorkbookSpec(fake, smallSpec());
    fake.workbook.worksheets.add('Của tôi');
    await fake.sync();
    await writeWorkbookSpec(fake, smallSpec());
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', MAIN, SUMMARY, LISTS, META, 'Của tôi']);
  });

  it('unhides a sheet that the spec shows, then hides the ones it hides', async () => {
    const fake = new FakeExcel(['Sheet1']);
    await writeWorkbookSpec(fake, smallSpec());
    fake.sheet(MAIN).visibility = 'VeryHidden';
    fake.sheet(LISTS).visibility = 'Visible';
    await writeWorkbookSpec(fake, smallSpec());
    expect(fake.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Sheet1', 'Visible'],
      [MAIN, 'Visible'],
      [SUMMARY, 'Visible'],
      [LISTS, 'Hidden'],
      [META, 'VeryHidden'],
    ]);
  });

  it('replaces a sheet the officer protected with a password without needing it (the old one is never unprotected)', async () => {
    const fake = new FakeExcel();
    await writeWorkbookSpec(fake, smallSpec());
    fake.sheet(MAIN).protection.password = 'bí mật';
    await writeWorkbookSpec(fake, smallSpec());
    expect(fake.sheet(MAIN).protection).toMatchObject({ protected: true });
    expect(fake.sheet(MAIN).protection.password).toBeUndefined();
  });
});

// ------------------------------------------------------------------ (c) syncs do not grow with the spec

function criteriaSpec(rows: number): WorkbookSpec {
  const spec = smallSpec();
  const main = spec.sheets[0];
  const cells: CellSpec[] = [];
  const validations: ValidationSpec[] = [];
  for (let i = 0; i < rows; i++) {
    const r = 12 + i;
    cells.push(
      { address: `A${r}`, value: `I.${i + 1}.1`, style: 'text' },
      { address: `B${r}`, value: `Tiêu chí ${i + 1}`, style: 'text' },
      { address: `F${r}`, value: null, style: 'input', locked: false },
      { address: `L${r}`, formula: `=CDS.DTI_SCORE($B$3,"xa",A${r},F${r})`, numFmt: '0.##', style: 'formula' },
    );
    validations.push({
      range: `F${r}`,
      type: 'decimal',
      min: 0,
      max: 1,
      allowBlank: true,
      error: { title: `I.${i + 1}.1`, message: 'Tỷ lệ phải từ 0% đến 100%.' },
    });
  }
  main.cells = [...main.cells, ...cells];
  main.validations = [...main.validations, ...validations];
  main.conditionalFormats = [{ range: `M12:M${11 + rows}`, formula: 'LEN($M12)>0', fill: '#FDE7E9' }];
  return spec;
}

describe('sync count against spec size', () => {
  it('is the same for 10 and 1000 criteria rows, new or re-applied', async () => {
    const counts: number[] = [];
    const ops: number[] = [];
    for (const n of [10, 1000]) {
      const fake = new FakeExcel();
      counts.push((await writeWorkbookSpec(fake, criteriaSpec(n))).syncs);
      ops.push(fake.log.length);
      counts.push((await writeWorkbookSpec(fake, criteriaSpec(n))).syncs);
      expect(fake.cell(MAIN, `L${11 + n}`)?.formula).toBe(`=CDS.DTI_SCORE($B$3,"xa",A${11 + n},F${11 + n})`);
      expect(fake.cell(MAIN, `F${11 + n}`)?.locked).toBe(false);
    }
    expect(counts).toEqual([4, 5, 4, 5]);
    expect(ops[1]).toBeGreaterThan(ops[0]); // the work grows, the round trips do not
  });
});

// ------------------------------------------------------------------ errors

describe('errors', () => {
  it('rejects an invalid spec before touching the workbook', async () => {
    const fake = new FakeExcel();
    const spec = smallSpec();
    spec.sheets[1].name = 'Tổng hợp: 2025';
    await expect(writeWorkbookSpec(fake, spec)).rejects.toThrow(/Mẫu biểu không hợp lệ/);
    expect(fake.syncs).toBe(0);
    expect(fake.log).toEqual([]);
  });

  it('wraps a failed sync with the step it was in, and leaves the workbook as it was', async () => {
    const fake = new FakeExcel();
    const before = snapshot(fake);
    const spec = smallSpec();
    spec.sheets[0].merges.push('B1:C2'); // overlaps A1:D1
    const error = await writeWorkbookSpec(fake, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookWriteError);
    expect((error as WorkbookWriteError).step).toBe(STEPS.protect);
    expect((error as WorkbookWriteError).message).toMatch(/^Không ghi được mẫu biểu.*chưa có gì bị thay đổi/);
    expect((error as WorkbookWriteError).cause).toBeInstanceOf(FakeOfficeError);
    expect(snapshot(fake)).toEqual(before);
  });

  it('refuses a workbook whose structure is protected, before changing anything', async () => {
    const fake = new FakeExcel();
    fake.structureProtected = true;
    await expect(writeWorkbookSpec(fake, smallSpec())).rejects.toThrow(/Bảo vệ sổ làm việc/);
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
});

// ------------------------------------------------------------------ the fake follows the proxy rules

describe('FakeExcel', () => {
  it('throws PropertyNotLoaded before load + sync, and shows state as of the last sync', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('B');
    expect(() => sheet.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    sheet.load('isNullObject');
    expect(() => sheet.isNullObject).toThrow(/call the load method/);
    await fake.sync();
    expect(sheet.isNullObject).toBe(true);
    fake.workbook.worksheets.add('B');
    expect(sheet.isNullObject).toBe(true); // not synced yet
    await fake.sync();
    expect(sheet.isNullObject).toBe(true); // a null object stays null
    expect(() => fake.workbook.names.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    expect(() => sheet.tabColor).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  it('queues writes until sync', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    sheet.getRange('A1:B1').values = [[1, 'x']];
    expect(fake.cell('A', 'A1')).toBeUndefined();
    await fake.sync();
    expect(fake.cell('A', 'B1')?.value).toBe('x');
    sheet.getRange('A1:B1').values = [[1]];
    await expect(fake.sync()).rejects.toThrow(/doesn't match the size/);
  });

  it('refuses what Excel refuses', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    sheet.protection.protect();
    await fake.sync();
    sheet.getRange('A1').values = [[1]];
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    sheet.protection.protect();
    await expect(fake.sync()).rejects.toThrow(/already protected/);
    fake.workbook.worksheets.add('a');
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'ItemAlreadyExists' }));
    sheet.visibility = 'Hidden';
    await expect(fake.sync()).rejects.toThrow(/at least one visible/);
    fake.workbook.names.add('X', '=1');
    fake.workbook.names.add('x', '=2');
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'ItemAlreadyExists' }));
    const missing = fake.workbook.worksheets.getItemOrNullObject('nope');
    missing.getRange('A1').values = [[1]];
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
  });

  // Each behaviour below is Excel's as its documentation or an office-js issue describes it (see the
  // fake's header comment for the sources); none could be tried against a real Excel here.
  it('a protected sheet takes values in its unlocked cells only, and refuses formats and objects', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    sheet.getRange('B2').format.protection.locked = false;
    sheet.protection.protect({ allowFormatColumns: true });
    await fake.sync();
    sheet.getRange('B2').values = [['mở']];
    await fake.sync();
    expect(fake.cell('A', 'B2')?.value).toBe('mở');
    sheet.getRange('B2:C2').values = [['mở', 'khóa']];
    await expect(fake.sync()).rejects.toThrow(/C2 is locked/);
    expect(fake.cell('A', 'B2')?.value).toBe('mở'); // a refused write changes nothing
    sheet.getRange('B2').format.fill.color = '#FF0000';
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    sheet.getRange('B2').format.protection.locked = true;
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    sheet.getRange('B2:C3').merge(false);
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    sheet.getRange('B:B').format.columnWidth = 80; // allowFormatColumns
    await fake.sync();
    expect(fake.sheet('A').columns.get('B')).toEqual({ width: 80 });
  });

  it('protect() on a protected sheet and unprotect() on an unprotected one throw AccessDenied (office-js #6784); a password is needed when set', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    sheet.protection.unprotect();
    await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    fake.sheet('A').protection = { protected: true, password: 'x' };
    sheet.protection.unprotect();
    await expect(fake.sync()).rejects.toThrow(/password/);
    sheet.protection.unprotect('x');
    await fake.sync();
    expect(fake.sheet('A').protection.protected).toBe(false);
  });

  it('unfreeze() throws on a hidden sheet (office-js #1463)', async () => {
    const fake = new FakeExcel(['A', 'B']);
    const b = fake.workbook.worksheets.getItemOrNullObject('B');
    b.freezePanes.freezeRows(2);
    b.visibility = 'Hidden';
    await fake.sync();
    b.freezePanes.unfreeze();
    await expect(fake.sync()).rejects.toThrow(/hidden/);
    expect(fake.sheet('B').freeze).toEqual({ rows: 2, columns: 0 });
  });

  it('data validation: titles over 32 characters, error messages over 225 and prompts over 255 are refused (MS-XLSB DValStrings)', async () => {
    const fake = new FakeExcel(['A']);
    const range = fake.workbook.worksheets.getItemOrNullObject('A').getRange('A1');
    const alert = (title: string, message: string) => ({ showAlert: true, style: 'Stop' as const, title, message });
    range.dataValidation.errorAlert = alert('t'.repeat(32), 'm'.repeat(225));
    range.dataValidation.prompt = { showPrompt: true, title: 'p', message: 'm'.repeat(255) };
    await fake.sync();
    range.dataValidation.errorAlert = alert('t'.repeat(33), 'm');
    await expect(fake.sync()).rejects.toThrow(/title over 32/);
    range.dataValidation.errorAlert = alert('t', 'm'.repeat(226));
    await expect(fake.sync()).rejects.toThrow(/message over 225/);
    range.dataValidation.prompt = { showPrompt: true, title: 'p', message: 'm'.repeat(256) };
    await expect(fake.sync()).rejects.toThrow(/message over 255/);
  });

  it('Excel on the web refuses a request over 5 MB, before running any of it; the desktop does not', async () => {
    const big = [[`'${'x'.repeat(WEB_PAYLOAD_LIMIT)}`]];
    for (const platform of ['web', 'desktop'] as const) {
      const fake = new FakeExcel(['A'], { platform });
      const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
      sheet.getRange('A1').values = [['nhỏ']];
      sheet.getRange('A2').values = big;
      if (platform === 'web') {
        await expect(fake.sync()).rejects.toThrow(expect.objectContaining({ code: 'RequestPayloadSizeLimitExceeded' }));
        expect(fake.cell('A', 'A1')).toBeUndefined();
      } else await fake.sync();
    }
  });

  it('a formula of an unregistered namespace shows #NAME?, and keeps it after registration until entered again (office-js #6611)', async () => {
    const fake = new FakeExcel(['A'], { registered: [] });
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    sheet.getRange('A1:B1').formulas = [['=CDS.DTI_MAX("r","xa","I.1")', '=STDEV.S(C1:C3)']];
    const read = sheet.getRange('A1:B1');
    read.load('values');
    await fake.sync();
    expect(read.values).toEqual([['#NAME?', '']]); // STDEV.S is Excel's own
    fake.register('CDS');
    const again = sheet.getRange('A1');
    again.load('values');
    await fake.sync();
    expect(again.values).toEqual([['#NAME?']]);
    sheet.getRange('A1').formulas = [['=CDS.DTI_MAX("r","xa","I.1")']];
    const entered = sheet.getRange('A1');
    entered.load('values');
    await fake.sync();
    expect(entered.values).toEqual([['']]);
  });

  it('a blank reaches a custom function as 0 on the desktop and null on the web (office-js #4702); a data type as its object', async () => {
    for (const [platform, blank] of [
      ['desktop', 0],
      ['web', null],
    ] as const) {
      const fake = new FakeExcel(['A'], { platform });
      const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
      sheet.getRange('A1:C1').values = [[0, 'Có', '']];
      await fake.sync();
      const arg = (a: string, allowCustomData = true) => fake.functionArgument('A', a, { allowCustomData });
      expect([arg('A1'), arg('$B$1'), arg('C1'), arg('D9')]).toEqual([0, 'Có', blank, blank]);
      fake.cell('A', 'A1')!.dataType = { type: 'Double', basicValue: 0, numberFormat: '0%' };
      expect(arg('A1')).toEqual({ type: 'Double', basicValue: 0, numberFormat: '0%' });
      expect(arg('A1', false)).toBe(0);
      sheet.getRange('A1').values = [[5]];
      await fake.sync();
      expect(arg('A1')).toBe(5); // entering a value replaces the data type
    }
  });
  it('a very hidden sheet cannot be deleted, nor the last visible one; a protected workbook structure refuses sheet changes', async () => {
    const fake = new FakeExcel(['A', 'B']);
    const a = fake.workbook.worksheets.getItemOrNullObject('A');
    const b = fake.workbook.worksheets.getItemOrNullObject('B');
    b.visibility = 'VeryHidden';
    await fake.sync();
    b.delete();
    await expect(fake.sync()).rejects.toThrow(/very hidden/);
    a.delete();
    await expect(fake.sync()).rejects.toThrow(/at least one visible/);
    fake.structureProtected = true;
    for (const change of [
      () => (b.visibility = 'Hidden'),
      () => (a.name = 'C'),
      () => fake.workbook.worksheets.add('D'),
    ]) {
      change();
      await expect(fake.sync()).rejects.toThrow(/structure is protected/);
    }
  });

  it('renaming a sheet moves every reference to it; deleting one turns them into #REF!', async () => {
    const fake = new FakeExcel(['Số liệu', 'B']);
    const data = fake.workbook.worksheets.getItemOrNullObject('Số liệu');
    const b = fake.workbook.worksheets.getItemOrNullObject('B');
    b.getRange('A1').formulas = [["='Số liệu'!A1+'số liệu'!B2"]];
    b.getRange('A2').dataValidation.rule = { list: { inCellDropDown: true, source: "='Số liệu'!$A$1:$A$3" } };
    fake.workbook.names.add('TONG', "='Số liệu'!$C$1");
    data.name = 'Data_2025';
    await fake.sync();
    expect(fake.cell('B', 'A1')?.formula).toBe('=Data_2025!A1+Data_2025!B2');
    expect(fake.sheet('B').validations[0].rule).toEqual({
      list: { inCellDropDown: true, source: '=Data_2025!$A$1:$A$3' },
    });
    expect(fake.names.get('TONG')).toBe('=Data_2025!$C$1');
    data.delete();
    await fake.sync();
    expect(fake.cell('B', 'A1')?.formula).toBe('=#REF!A1+#REF!B2');
    expect(fake.names.get('TONG')).toBe('=#REF!$C$1');
  });

  it('fails any operation on request, once, with what ran before it done (no rollback)', async () => {
    const fake = new FakeExcel(['A']);
    const sheet = fake.workbook.worksheets.getItemOrNullObject('A');
    fake.failAt(1);
    sheet.getRange('A1').values = [[1]];
    sheet.getRange('A2').values = [[2]];
    sheet.getRange('A3').values = [[3]];
    await expect(fake.sync()).rejects.toThrow(/injected/);
    expect([fake.cell('A', 'A1')?.value, fake.cell('A', 'A2'), fake.cell('A', 'A3')]).toEqual([
      1,
      undefined,
      undefined,
    ]);
    fake.failAt(0, true);
    sheet.getRange('A2').values = [[2]];
    await expect(fake.sync()).rejects.toThrow(/injected failure after/);
    expect(fake.cell('A', 'A2')?.value).toBe(2); // ran, but the reply was lost
  });
});

// ------------------------------------------------------------------ (d) requirements

describe('checkExcelRequirements', () => {
  const office = (maxMinor: number) => ({ context: { requirements: { isSetSupported: supported(maxMinor) } } });

  it('accepts ExcelApi 1.8 and above', () => {
    expect(REQUIRED_EXCEL_API).toBe('1.8');
    expect(checkExcelRequirements(office(8))).toEqual({ ok: true });
    expect(checkExcelRequirements(office(17))).toEqual({ ok: true });
  });

  it('explains, in Vietnamese and English, which set is missing and which Excel to use', () => {
    const r = checkExcelRequirements(office(7));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toBe('ExcelApi 1.8');
    expect(r.message).toBe(r.text.vi);
    expect(r.text.vi).toContain('quá cũ');
    expect(r.text.vi).toContain('ExcelApi 1.8');
    expect(r.text.vi).toContain('kiểm tra dữ liệu nhập');
    // Which Excel has ExcelApi 1.8 (the requirement-set table): retail 2016/2019 from Version 1808,
    // volume-licensed only from Office 2021 (volume-licensed 2019 stops at 1.7), Mac 16.17, the web.
    expect(r.text.vi).toMatch(
      /Microsoft 365.*1808.*Office 2021\/LTSC.*Mac 16\.17.*Excel trên web.*2019 cấp phép số lượng lớn.*1\.7/,
    );
    expect(r.text.en).toMatch(
      /too old.*ExcelApi 1\.8.*data validation.*Microsoft 365.*1808.*Office 2021\/LTSC.*Mac 16\.17.*Excel on the web.*Volume-licensed Office 2019.*1\.7/,
    );
  });

  it('names the lowest missing set', () => {
    const r = checkExcelRequirements(office(3));
    expect(!r.ok && r.missing).toBe('ExcelApi 1.4');
    expect(!r.ok && r.text.vi).toContain('tên định nghĩa');
  });

  it('fails safely without Office or when the host throws', () => {
    expect(checkExcelRequirements(undefined).ok).toBe(false);
    const throwing = {
      context: {
        requirements: {
          isSetSupported: (): boolean => {
            throw new Error('boom');
          },
        },
      },
    };
    expect(checkExcelRequirements(throwing)).toMatchObject({ ok: false, missing: 'ExcelApi 1.1' });
  });
});

// ------------------------------------------------------------------ the real template

describe('the hue-2263-2023 template from buildTemplate', () => {
  it('is written in at most 5 syncs, new or re-applied', async () => {
    const spec = buildTemplate(getRubric('hue-2263-2023'), { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 });
    const fake = new FakeExcel();
    const first = await writeWorkbookSpec(fake, spec, undefined, { isSetSupported: supported(9) });
    expect(first.syncs).toBeLessThanOrEqual(5);
    const again = await writeWorkbookSpec(fake, spec, undefined, { isSetSupported: supported(9) });
    expect(again.syncs).toBeLessThanOrEqual(5);

    const main = spec.sheets[0].name;
    const rubricCell = spec.sheets[0].cells.find((c) => c.value === 'hue-2263-2023')!;
    expect(fake.cell(main, rubricCell.address)?.value).toBe('hue-2263-2023');
    const nameCell = spec.sheets[0].cells.find((c) => c.value === 'Phường Phú Hội')!;
    expect(fake.cell(main, nameCell.address)).toMatchObject({ value: 'Phường Phú Hội', locked: false });
    const row = spec.layout.rows['I.1.1'];
    expect(fake.cell(main, `${spec.layout.idColumn}${row}`)?.value).toBe('I.1.1');
    expect(fake.cell(main, `${spec.layout.score}${row}`)?.formula).toMatch(/^=CDS\.DTI_SCORE\(/);
    for (const s of spec.sheets) {
      expect(fake.sheet(s.name).protection.protected).toBe(s.protect);
      expect(fake.sheet(s.name).validations).toHaveLength(s.validations.length);
      expect(fake.sheet(s.name).charts).toHaveLength(s.charts.length);
    }
    expect(fake.names.size).toBe(spec.names.length);
  });
});

/**
 * The pane's Office.js port (src/taskpane/office-port.ts) over the strict fake: `Excel.run` hands
 * each call a fresh batch on the fake and syncs what is left at the end, as Office.js does
 * (https://learn.microsoft.com/javascript/api/excel/excel#excel-excel-run-function(1)), and
 * `Office.context.requirements` answers as the host would. What the pane gets back is what the
 * panels show: questions before anything is overwritten, the seal, the functions' status.
 */
import { MAIN_SHEET, slotCells } from '../../src/template';
import { getRubric } from '../../src/rubrics';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import { FakeExcel, fakeExcelHost } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
const AT = '2025-11-20T08:00:00.000Z';
let fake: FakeExcel;
let supported: (name: string, version?: string) => boolean;
const g = globalThis as unknown as { Excel?: unknown; Office?: unknown; fetch: typeof fetch };
const realFetch = g.fetch;

const host = fakeExcelHost((n, v) => supported(n, v));
beforeEach(() => {
  fake = host.fake;
  supported = () => true;
});

afterEach(() => {
  g.fetch = realFetch;
});

const progress = () => undefined;

test('insert asks before renaming an officer’s own "Tổng hợp", then inserts; the template reads back', async () => {
  fake.sheets.push({ ...fake.sheet('Sheet1'), name: 'Tổng hợp', cells: new Map() });
  const port = new OfficeWorkbook();
  const asked = await port.insertTemplate(rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, progress);
  expect(asked).toMatchObject({ ok: false, kind: 'confirm-rename', sheets: ['Tổng hợp'] });
  expect(await port.readTemplate()).toBeUndefined();

  const done = await port.insertTemplate(rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, progress, {
    renameSheets: true,
  });
  expect(done).toMatchObject({ ok: true, updated: false, moved: [{ from: 'Tổng hợp', to: 'Tổng hợp (2)' }] });
  expect(done.ok && done.functions).toEqual({ ok: true });
  const filled = await port.readTemplate();
  expect(filled).toMatchObject({ unitName: 'Phường Phú Hội', info: { meta: { rubric: 'hue-2263-2023' } } });
});

test('an Excel without ExcelApi 1.8 is told so by the port, and the workbook is not touched', async () => {
  supported = (name, version) => name !== 'ExcelApi' || Number(version) < 1.8;
  const result = await new OfficeWorkbook().insertTemplate(rubric, { unit: 'xa' }, progress);
  expect(result).toMatchObject({ ok: false, kind: 'refused' });
  expect(!result.ok && result.message.vi).toMatch(/ExcelApi 1\.8/);
  expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
});

test('seal through the port: sealed, inputs locked; a second seal and an update of the sealed template ask or refuse', async () => {
  const port = new OfficeWorkbook();
  await port.insertTemplate(rubric, { unit: 'xa' }, progress);
  const layout = (await port.readTemplate())!.info.layout;
  const input = slotCells(layout, 'VI.4.1', layout.rows['VI.4.1'])[0];
  fake.cell(MAIN_SHEET, input)!.value = 45;
  const seal = await port.seal(AT);
  expect(seal).toMatchObject({ sealedAt: AT, rubric: 'hue-2263-2023' });
  expect((await port.readTemplate())?.seal).toEqual(seal);
  expect(fake.cell(MAIN_SHEET, input)?.locked).toBe(true);
  await expect(port.seal(AT)).rejects.toThrow(/đã được niêm phong/);
  expect(await port.insertTemplate(rubric, { unit: 'xa' }, progress)).toMatchObject({
    ok: false,
    kind: 'confirm-seal',
  });
});

test('selecting a cell activates its sheet and selects it', async () => {
  const port = new OfficeWorkbook();
  await port.insertTemplate(rubric, { unit: 'xa' }, progress);
  fake.activeSheet = 'Sheet1';
  await port.selectCell(MAIN_SHEET, 'B6');
  expect(fake.activeSheet).toBe(MAIN_SHEET);
  expect(fake.selection).toEqual({ sheet: MAIN_SHEET, address: 'B6' });
});

describe('whether the CDS functions can work here', () => {
  const served = (headers: Record<string, string>) => {
    g.fetch = (async () => ({
      ok: true,
      status: 200,
      headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
    })) as unknown as typeof fetch;
  };

  test('a host without the shared runtime (volume-licensed Excel 2019, iPad) is named, before any fetch', async () => {
    supported = (name) => name === 'ExcelApi';
    g.fetch = (() => {
      throw new Error('not fetched');
    }) as unknown as typeof fetch;
    const status = await new OfficeWorkbook().functionsStatus();
    expect(status).toMatchObject({ ok: false, reason: 'host' });
    expect(!status.ok && status.message.vi).toMatch(/SharedRuntime 1\.1, CustomFunctionsRuntime 1\.2/);
  });

  test('functions.json served as text without CORS is reported; JSON with CORS is fine', async () => {
    served({ 'content-type': 'text/plain' });
    const bad = await new OfficeWorkbook().functionsStatus();
    expect(bad).toMatchObject({ ok: false, reason: 'hosting' });
    expect(!bad.ok && bad.message.vi).toMatch(/application\/json.*Access-Control-Allow-Origin/);
    served({ 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' });
    expect(await new OfficeWorkbook().functionsStatus()).toEqual({ ok: true });
  });
});

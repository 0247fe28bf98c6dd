/**
 * Whether the CDS.* functions can work where the pane runs: the host's requirement sets (the
 * documented tables), how the host serves functions.json (what Excel on the web needs), and which
 * cell is read back after writing the template.
 */
import { checkFunctionsHosting, FUNCTION_SETS, functionsSupported, probeCell, type FetchedLike } from '../../src/excel';
import { getRubric } from '../../src/rubrics';
import { buildTemplate } from '../../src/template';

const only = (sets: Record<string, string>) => (name: string, version?: string) =>
  name in sets && Number(version) <= Number(sets[name]);

describe('the host', () => {
  test('needs SharedRuntime 1.1 and CustomFunctionsRuntime 1.2 (the functions return CustomFunctions.Error)', () => {
    expect(FUNCTION_SETS).toEqual([
      { name: 'SharedRuntime', version: '1.1' },
      { name: 'CustomFunctionsRuntime', version: '1.2' },
    ]);
    expect(
      functionsSupported({ isSetSupported: only({ SharedRuntime: '1.2', CustomFunctionsRuntime: '1.4' }) }),
    ).toEqual({
      ok: true,
    });
  });

  test('volume-licensed Excel 2019 (neither set): says what is missing, where they exist, and what still works', () => {
    const r = functionsSupported({ isSetSupported: only({ ExcelApi: '1.7' }) });
    expect(r).toMatchObject({ ok: false, reason: 'host' });
    if (r.ok) return;
    expect(r.message.vi).toMatch(/thiếu SharedRuntime 1\.1, CustomFunctionsRuntime 1\.2/);
    expect(r.message.vi).toMatch(/2002.*16\.35.*Office 2021\/LTSC.*2311.*Excel trên web/);
    expect(r.message.vi).toMatch(/cấp phép số lượng lớn.*iPad.*Office Online Server/);
    expect(r.message.vi).toMatch(/thẻ Điểm vẫn tính đủ điểm.*#NAME\?/);
    expect(r.message.en).toMatch(/SharedRuntime 1\.1, CustomFunctionsRuntime 1\.2 missing.*Score tab still computes/);
  });

  test('retail Office before Version 2311 (shared runtime, no custom functions runtime) names only that set', () => {
    const r = functionsSupported({ isSetSupported: only({ SharedRuntime: '1.1' }) });
    expect(!r.ok && r.message.vi).toMatch(/thiếu CustomFunctionsRuntime 1\.2\./);
  });

  test('a host whose isSetSupported throws counts as missing both', () => {
    const r = functionsSupported({
      isSetSupported: () => {
        throw new Error('no Office');
      },
    });
    expect(r).toMatchObject({ ok: false, reason: 'host' });
  });
});

describe('how functions.json is served', () => {
  const response = (status: number, headers: Record<string, string>): FetchedLike => ({
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (n) => headers[n.toLowerCase()] ?? null },
  });
  const served = (status: number, headers: Record<string, string>) => async () => response(status, headers);

  test('JSON with a CORS header is right', async () => {
    const r = await checkFunctionsHosting(
      served(200, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }),
    );
    expect(r).toEqual({ ok: true });
  });

  test('without CORS, or as text, Excel on the web cannot load the functions: the message names each problem and deploy/', async () => {
    const r = await checkFunctionsHosting(served(200, { 'content-type': 'text/plain' }));
    expect(r).toMatchObject({ ok: false, reason: 'hosting' });
    if (r.ok) return;
    expect(r.message.vi).toMatch(/"text\/plain" thay vì application\/json; thiếu tiêu đề Access-Control-Allow-Origin/);
    expect(r.message.vi).toMatch(/Excel trên web.*#NAME\?.*deploy\//);
    expect(r.message.en).toMatch(/instead of application\/json; no Access-Control-Allow-Origin.*deploy\//);
  });

  test('a missing file or a network error is said as it is', async () => {
    expect(await checkFunctionsHosting(served(404, {}))).toMatchObject({
      ok: false,
      message: { vi: expect.stringMatching(/trả về mã 404/) },
    });
    const failing = async (): Promise<FetchedLike> => {
      throw new Error('Failed to fetch');
    };
    expect(await checkFunctionsHosting(failing)).toMatchObject({
      ok: false,
      message: { en: expect.stringMatching(/cannot be fetched \(Failed to fetch\)/) },
    });
  });
});

test('the cell read back after writing is the first CDS. formula of the main sheet', () => {
  const spec = buildTemplate(getRubric('hue-2263-2023'), { unit: 'xa' });
  const probe = probeCell(spec)!;
  expect(probe.sheet).toBe(spec.sheets[0].name);
  expect(probe.formula).toMatch(/^=CDS\./);
  const first = spec.sheets[0].cells.find((c) => c.formula?.includes('CDS.'));
  expect(probe.address).toBe(first?.address);
});

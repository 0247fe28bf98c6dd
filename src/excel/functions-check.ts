/**
 * Whether the `CDS.*` functions can work where the pane runs, and what to tell the officer when
 * they cannot. Three ways they fail, each with its own message:
 *
 *  - the host: custom functions in a shared runtime need SharedRuntime 1.1 and, since the
 *    functions return `CustomFunctions.Error`, CustomFunctionsRuntime 1.2. Volume-licensed Excel
 *    2016/2019, Excel on iPad and Office Online Server have neither; retail Office 2016/2019 has them
 *    only from Version 2311. (Requirement-set tables:
 *    https://learn.microsoft.com/javascript/api/requirement-sets/common/shared-runtime-requirement-sets,
 *    https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets.)
 *    The manifest asks for them only for the functions and the ribbon button (VersionOverrides), so
 *    the pane still opens there from Home › Add-ins and says so;
 *  - the hosting: Excel on the web fetches functions.json from another origin, so the host must send
 *    CORS headers and a JSON type (office-js-docs "Deploy custom functions for Excel",
 *    https://learn.microsoft.com/office/dev/add-ins/publish/publish-add-in-vs-code#deploy-custom-functions-for-excel;
 *    Excel-Custom-Functions #212, office-js #3970). The pane fetches the file itself and looks;
 *  - registration: formulas written before Excel registered the functions stay #NAME? until they
 *    are entered again (office-js #6611, #6355). After writing the template the add-in reads one
 *    `CDS.` cell back; while it shows #NAME? it waits and tries the formula again, and once it
 *    computes, enters every `CDS.` formula again (the add-in may unprotect its own sheets for that).
 *    When it never computes: Office's cache of function files (up to 24 hours), a blocked
 *    functions.json, or two copies of the add-in sharing the namespace CDS (Excel-Custom-Functions
 *    #104; https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-troubleshooting).
 */
import { t, type Text } from '../base';
import type { CellSpec, SheetsSpec } from '../template';
import { writeContents } from './cells';
import type { ExcelWriterContext } from './office-like';
import { PROTECTION, supports, type WriteOptions } from './writer';

export type FunctionsStatus =
  { ok: true } | { ok: false; reason: 'host' | 'hosting' | 'not-registered'; message: Text };

/** What the functions need of the host (see the header comment). */
export const FUNCTION_SETS = [
  { name: 'SharedRuntime', version: '1.1' },
  { name: 'CustomFunctionsRuntime', version: '1.2' },
] as const;

const IN_PANE = t(
  ' Mẫu biểu vẫn chèn được và thẻ Điểm vẫn tính đủ điểm trong khung này; chỉ các ô công thức trong bảng tính hiện #NAME?.',
  ' The template can still be inserted and the Score tab still computes every point here; only the formula cells in the sheet show #NAME?.',
);

/** The host's requirement sets. */
export function functionsSupported(options: WriteOptions): FunctionsStatus {
  const missing = FUNCTION_SETS.filter((s) => !supports(options, s.name, s.version));
  if (missing.length === 0) return { ok: true };
  const sets = missing.map((s) => `${s.name} ${s.version}`).join(', ');
  return {
    ok: false,
    reason: 'host',
    message: t(
      `Các hàm CDS.* (cột Điểm, Kiểm tra, Mức đạt) không chạy được trong Excel này: thiếu ${sets}. Chúng cần Microsoft 365 trên Windows (phiên bản 2002 trở lên) hoặc Mac (16.35 trở lên), Office 2021/LTSC, Office 2016/2019 bán lẻ đã cập nhật lên phiên bản 2311, hoặc Excel trên web; Excel 2016/2019 cấp phép số lượng lớn, Excel trên iPad và Office Online Server không có.${IN_PANE.vi}`,
      `The CDS.* functions (the Score, Check and Level columns) cannot run in this Excel: ${sets} missing. They need Microsoft 365 on Windows (Version 2002 or later) or Mac (16.35 or later), Office 2021/LTSC, retail Office 2016/2019 updated to Version 2311, or Excel on the web; volume-licensed Excel 2016/2019, Excel on iPad and Office Online Server do not have them.${IN_PANE.en}`,
    ),
  };
}

/** The part of a fetch Response looked at. */
export interface FetchedLike {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
}

/** functions.json as the host serves it: found, JSON, with CORS headers (Excel on the web needs all three). */
export async function checkFunctionsHosting(
  fetchLike: (url: string) => Promise<FetchedLike>,
  url = 'functions.json',
): Promise<FunctionsStatus> {
  let response: FetchedLike;
  try {
    response = await fetchLike(url);
  } catch (e) {
    return hosting(`không tải được (${(e as Error).message})`, `cannot be fetched (${(e as Error).message})`);
  }
  if (!response.ok) return hosting(`trả về mã ${response.status}`, `answers ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  const cors = response.headers.get('access-control-allow-origin');
  const problems: [string, string][] = [];
  if (!/\bjson\b/i.test(type))
    problems.push([
      `kiểu "${type || 'không có'}" thay vì application/json`,
      `type "${type || 'none'}" instead of application/json`,
    ]);
  if (!cors)
    problems.push(['thiếu tiêu đề Access-Control-Allow-Origin (CORS)', 'no Access-Control-Allow-Origin (CORS) header']);
  if (problems.length === 0) return { ok: true };
  return hosting(problems.map((p) => p[0]).join('; '), problems.map((p) => p[1]).join('; '));
}

function hosting(vi: string, en: string): FunctionsStatus {
  return {
    ok: false,
    reason: 'hosting',
    message: t(
      `Máy chủ phục vụ functions.json không đúng cách: ${vi}. Excel trên web sẽ không nạp được các hàm CDS.* và các ô công thức sẽ hiện #NAME?. Hãy báo bộ phận CNTT áp dụng cấu hình có sẵn trong thư mục deploy/ (README › Triển khai cho cán bộ).${IN_PANE.vi}`,
      `The host serves functions.json wrongly: ${en}. Excel on the web will not load the CDS.* functions and the formula cells will show #NAME?. Ask IT to apply the ready configuration in deploy/ (README › Deploying to officers).${IN_PANE.en}`,
    ),
  };
}

export function notRegistered(seconds: number): FunctionsStatus {
  return {
    ok: false,
    reason: 'not-registered',
    message: t(
      `Sau ${seconds} giây Excel vẫn chưa nạp được các hàm CDS.*, nên các ô công thức đang hiện #NAME?. Nguyên nhân thường gặp: máy chủ chặn functions.json (CORS), Office còn giữ bản cũ của các hàm trong bộ nhớ đệm (tới 24 giờ), hoặc máy có hai bản phần bổ trợ cùng dùng tên CDS (bản thử và bản chính thức). Khi đã khắc phục, bấm "Cập nhật mẫu biểu" để nhập lại công thức; số liệu được giữ nguyên.${IN_PANE.vi}`,
      `After ${seconds} seconds Excel has still not loaded the CDS.* functions, so the formula cells show #NAME?. Usual causes: the host blocks functions.json (CORS), Office still caches an old copy of the functions (up to 24 hours), or two copies of the add-in share the name CDS (a test and a production copy). Once fixed, choose "Update template" to enter the formulas again; entries are kept.${IN_PANE.en}`,
    ),
  };
}

const isFunctionFormula = (c: CellSpec) => c.formula !== undefined && /\bCDS\./i.test(c.formula);

/** The first `CDS.` formula cell of the spec: the one read back after writing. */
export function probeCell(spec: SheetsSpec): { sheet: string; address: string; formula: string } | undefined {
  for (const s of spec.sheets) {
    const c = s.cells.find(isFunctionFormula);
    if (c) return { sheet: s.name, address: c.address, formula: c.formula! };
  }
  return undefined;
}

/** Seconds waited between tries: about 15 s in all, the time Excel takes to register on a slow start. */
export const REGISTRATION_WAITS = [1000, 2000, 4000, 8000];

export interface ReentryOptions {
  wait?: (ms: number) => Promise<void>;
  waits?: number[];
}

/**
 * After the probe read #NAME?: tries the probe formula again until it computes, then enters every
 * `CDS.` formula of the spec again. Each try is one sync (unprotect, enter, protect, read back).
 */
export async function reenterFunctionFormulas(
  context: ExcelWriterContext,
  spec: SheetsSpec,
  options: ReentryOptions = {},
): Promise<{ status: FunctionsStatus; syncs: number }> {
  const probe = probeCell(spec);
  if (!probe) return { status: { ok: true }, syncs: 0 };
  const wait = options.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const waits = options.waits ?? REGISTRATION_WAITS;
  const protectedSheet = (name: string) => spec.sheets.find((s) => s.name === name)?.protect ?? false;
  const sheet = (name: string) => context.workbook.worksheets.getItemOrNullObject(name);
  let syncs = 0;
  const unprotected = new Set<string>();
  /** Enter formulas on a sheet the add-in protected itself: unprotect, write, protect again. */
  const enter = (name: string, cells: { address: string; formula: string }[]) => {
    const ws = sheet(name);
    if (protectedSheet(name)) ws.protection.unprotect();
    writeContents(ws, cells);
    if (protectedSheet(name)) ws.protection.protect(PROTECTION);
  };
  try {
    let resolved = false;
    for (const ms of waits) {
      await wait(ms);
      enter(probe.sheet, [probe]);
      const range = sheet(probe.sheet).getRange(probe.address);
      range.load('values');
      syncs++;
      await context.sync();
      if (range.values?.[0]?.[0] !== '#NAME?') {
        resolved = true;
        break;
      }
    }
    const seconds = Math.round(waits.reduce((a, b) => a + b, 0) / 1000);
    if (!resolved) return { status: notRegistered(seconds), syncs };
    for (const s of spec.sheets) {
      const cells = s.cells.filter(isFunctionFormula).map((c) => ({ address: c.address, formula: c.formula! }));
      if (cells.length > 0) enter(s.name, cells);
    }
    syncs++;
    await context.sync();
    return { status: { ok: true }, syncs };
  } catch {
    // A try failed halfway: make sure the add-in's sheets are protected again, then say the functions are not in.
    try {
      context.workbook.worksheets.load('items/name,items/protection/protected');
      syncs++;
      await context.sync();
      for (const ws of context.workbook.worksheets.items)
        if (protectedSheet(ws.name) && !ws.protection.protected) {
          ws.protection.protect(PROTECTION);
          unprotected.add(ws.name);
        }
      if (unprotected.size > 0) {
        syncs++;
        await context.sync();
      }
    } catch {
      // Nothing more to do from here; the sheet stays as it is.
    }
    return { status: notRegistered(0), syncs };
  }
}

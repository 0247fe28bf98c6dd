/**
 * Applies a WorkbookSpec to the workbook open in Excel through Office.js, in a small constant number
 * of `context.sync()` round trips whatever the spec's size:
 *
 *   1. load: which spec sheets already exist, and the workbook's defined names;
 *   2. load (only when some sheets exist): their protection state and charts;
 *   3. prepare sheets (unprotect, clear, add) and write every cell's contents and number format;
 *   4. formats, merges, sizes, freeze panes, validation, conditional formats, charts, print setup,
 *      visibility, defined names and, last, sheet protection.
 *
 * So a new template takes 3 syncs and re-applying it over an existing one 4.
 *
 * The writer needs ExcelApi 1.8 (see `requirements.ts`); page layout (ExcelApi 1.9) is applied only
 * when the host supports it and skipped silently otherwise. It never reads the `Excel` global at
 * runtime: Office.js accepts the string forms of its enums ('VeryHidden', 'BarClustered', …).
 *
 * Conditional-format formulas get a leading "=", defined-name references too. Cells: ./cells.ts;
 * formats and locking: ./formats.ts; sizes, freeze panes, print, validation, charts: ./sheet-features.ts.
 */
import { DtiError, t, type Text } from '../base';
import type { SheetSpec, WorkbookSpec } from '../template';
import { parseCell } from './addresses';
import { writeContents } from './cells';
import { writeFormats } from './formats';
import type { ExcelWriterContext, WorksheetLike } from './office-like';
import { writeChart, writeFreeze, writePrint, writeSizes, writeValidation } from './sheet-features';

export type ProgressCallback = (step: string, fraction: number) => void;

export interface WriteOptions {
  /** `Office.context.requirements.isSetSupported`; by default the Office global's, when present. */
  isSetSupported?: (name: string, version?: string) => boolean;
}

export const STEPS = {
  inspect: 'Đang kiểm tra sổ làm việc',
  prepare: 'Đang chuẩn bị trang tính',
  cells: 'Đang ghi ô',
  format: 'Đang định dạng',
  protect: 'Đang bảo vệ trang tính',
  done: 'Hoàn tất',
} as const;

/** A sync failed; `step` says which phase, `cause` is the Office.js error. */
export class WorkbookWriteError extends DtiError {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
    hint: Text = t('', ''),
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      'workbook-write',
      t(
        `Không ghi được mẫu biểu vào sổ làm việc (bước: ${step}): ${why}${hint.vi}`,
        `Could not write the template into the workbook (step: ${step}): ${why}${hint.en}`,
      ),
      { cause },
    );
    this.name = 'WorkbookWriteError';
  }
}

interface SheetPlan {
  spec: SheetSpec;
  proxy: WorksheetLike;
  existed: boolean;
  wasProtected: boolean;
}

export async function writeWorkbookSpec(
  context: ExcelWriterContext,
  spec: WorkbookSpec,
  onProgress?: ProgressCallback,
  options: WriteOptions = {},
): Promise<{ syncs: number }> {
  checkSpec(spec);
  const progress = onProgress ?? (() => undefined);
  const printSupported = (options.isSetSupported ?? officeIsSetSupported)('ExcelApi', '1.9');
  const { worksheets, names } = context.workbook;
  let syncs = 0;
  const sync = async (step: string, hint: Text = t('', '')): Promise<void> => {
    syncs++;
    try {
      await context.sync();
    } catch (e) {
      throw new WorkbookWriteError(step, e, hint);
    }
  };

  // 1. Which sheets exist; the defined names.
  progress(STEPS.inspect, 0);
  const plans: SheetPlan[] = spec.sheets.map((s) => {
    const proxy = worksheets.getItemOrNullObject(s.name);
    proxy.load('isNullObject');
    return { spec: s, proxy, existed: false, wasProtected: false };
  });
  names.load('items/name');
  await sync(STEPS.inspect);
  for (const p of plans) p.existed = !p.proxy.isNullObject;
  const existingNames = new Map(names.items.map((n) => [n.name.toLowerCase(), n]));

  // 2. Existing sheets: protection and charts (to unprotect and delete them before rewriting).
  const existing = plans.filter((p) => p.existed);
  if (existing.length > 0) {
    for (const p of existing) {
      p.proxy.protection.load('protected');
      p.proxy.charts.load('items/name');
    }
    await sync(STEPS.inspect);
    for (const p of existing) p.wasProtected = p.proxy.protection.protected;
  }

  // 3. Prepare the sheets, then write contents.
  progress(STEPS.prepare, 0.15);
  for (const p of plans) {
    if (p.existed) clearSheet(p);
    else p.proxy = worksheets.add(p.spec.name);
    if (p.spec.visibility === 'visible') p.proxy.visibility = 'Visible';
    if (p.spec.tabColor || p.existed) p.proxy.tabColor = p.spec.tabColor ?? '';
  }
  progress(STEPS.cells, 0.3);
  for (const p of plans) writeContents(p.proxy, p.spec.cells);
  const protectedBefore = plans.some((p) => p.wasProtected);
  await sync(
    STEPS.cells,
    protectedBefore
      ? t(
          ' — Nếu trang tính đang được bảo vệ bằng mật khẩu, hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.',
          ' — If the sheet is protected with a password, unprotect it (Review › Unprotect Sheet) and try again.',
        )
      : undefined,
  );

  // 4. Formats and everything else; protection last.
  progress(STEPS.format, 0.6);
  for (const p of plans) {
    const sheet = p.proxy;
    writeFormats(sheet, p.spec.cells, spec.styles);
    for (const m of p.spec.merges) sheet.getRange(m).merge(false);
    writeSizes(sheet, p.spec);
    writeFreeze(sheet, p.spec.freeze);
    for (const v of p.spec.validations) writeValidation(sheet.getRange(v.range), v);
    for (const cf of p.spec.conditionalFormats) {
      const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
      format.custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
      if (cf.fill) format.custom.format.fill.color = cf.fill;
      if (cf.fontColor) format.custom.format.font.color = cf.fontColor;
    }
    for (const c of p.spec.charts) writeChart(sheet, c);
    if (p.spec.print && printSupported) writePrint(sheet.pageLayout, p.spec.print);
  }
  progress(STEPS.protect, 0.85);
  const firstVisible = plans.find((p) => p.spec.visibility === 'visible');
  firstVisible?.proxy.activate();
  for (const p of plans) {
    if (p.spec.visibility !== 'visible') p.proxy.visibility = p.spec.visibility === 'hidden' ? 'Hidden' : 'VeryHidden';
  }
  for (const n of spec.names) {
    existingNames.get(n.name.toLowerCase())?.delete();
    names.add(n.name, n.refersTo.startsWith('=') ? n.refersTo : `=${n.refersTo}`);
  }
  for (const p of plans) {
    if (p.spec.protect) p.proxy.protection.protect(PROTECTION);
  }
  await sync(STEPS.protect);
  progress(STEPS.done, 1);
  return { syncs };
}

/** What officers may still do on a protected template sheet (no password: they can unprotect). */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowInsertHyperlinks: true,
  selectionMode: 'Normal',
};

function officeIsSetSupported(name: string, version?: string): boolean {
  const office = (
    globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v?: string): boolean } } } }
  ).Office;
  try {
    return office?.context?.requirements?.isSetSupported(name, version) ?? false;
  } catch {
    return false;
  }
}

/** Empties a reused sheet of everything a template puts there. */
function clearSheet(p: SheetPlan): void {
  const sheet = p.proxy;
  if (p.wasProtected) sheet.protection.unprotect();
  for (const chart of sheet.charts.items) chart.delete();
  sheet.freezePanes.unfreeze();
  const all = sheet.getRange();
  all.unmerge();
  all.dataValidation.clear();
  all.conditionalFormats.clearAll();
  all.clear('All');
  all.columnHidden = false;
  all.rowHidden = false;
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
}

/** Problems Excel would only report halfway through writing are caught before the first sync. */
function checkSpec(spec: WorkbookSpec): void {
  const fail = (what: string): never => {
    throw new DtiError('internal', t(`Mẫu biểu không hợp lệ: ${what}`, `invalid template spec: ${what}`));
  };
  const seen = new Set<string>();
  for (const s of spec.sheets) {
    if (!s.name || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || /^'|'$/.test(s.name))
      fail(`sheet name "${s.name}"`);
    if (seen.has(s.name.toLowerCase())) fail(`duplicate sheet "${s.name}"`);
    seen.add(s.name.toLowerCase());
    for (const c of s.cells) parseCell(c.address);
    for (const v of s.validations)
      if (v.type === 'list' && !v.source) fail(`list validation without a source at ${s.name}!${v.range}`);
    for (const c of s.charts) if (c.series.length === 0) fail(`chart "${c.title}" without series`);
  }
}

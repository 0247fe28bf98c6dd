/**
 * Building sheets from a WorkbookSpec through Office.js, always as new sheets (never by clearing
 * old ones): the operations are only queued here, and `replace.ts` decides when to sync, under
 * which names the sheets are built and how they take the place of the old ones.
 *
 *  - contents: the sheets added and every cell's contents and number format (./cells.ts);
 *  - finish: formats and locking (./formats.ts), merges, sizes, freeze panes, validation,
 *    conditional formats, charts, print setup (./sheet-features.ts), visibility and, last, protection;
 *  - verify: the written values read back and compared with the spec.
 *
 * The writer needs ExcelApi 1.8 (see `requirements.ts`); page layout (ExcelApi 1.9) is applied only
 * when the host supports it and skipped silently otherwise. It never reads the `Excel` global at
 * runtime: Office.js accepts the string forms of its enums ('VeryHidden', 'BarClustered', …).
 * Conditional-format formulas get a leading "=".
 */
import { DtiError, t, type Text } from '../base';
import type { SheetSpec, SheetsSpec } from '../template';
import { parseCell } from './addresses';
import { writeContents } from './cells';
import { writeFormats } from './formats';
import type { ExcelWriterContext, UsedRangeLike, WorksheetLike } from './office-like';
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
  verify: 'Đang đọc lại để kiểm tra',
  swap: 'Đang thay mẫu cũ bằng mẫu mới',
  cleanup: 'Đang dọn bản cũ',
  functions: 'Đang chờ Excel nạp các hàm CDS',
  rollback: 'Đang trả sổ làm việc về như cũ',
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

/** What officers may still do on a protected template sheet (no password: they can unprotect). */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowInsertHyperlinks: true,
  selectionMode: 'Normal',
};

/** `isSetSupported` from the options, else the Office global's; false when neither answers. */
export function supports(options: WriteOptions, name: string, version: string): boolean {
  const office = (
    globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v?: string): boolean } } } }
  ).Office;
  try {
    const answer = options.isSetSupported
      ? options.isSetSupported(name, version)
      : office?.context?.requirements?.isSetSupported(name, version);
    return answer === true;
  } catch {
    return false;
  }
}

/** A sheet of the spec and the name it is built under. */
export interface Building {
  spec: SheetSpec;
  name: string;
  proxy?: WorksheetLike;
}

/** Queues: each sheet added under its building name, with its contents (unless they go in bands, ./bands.ts). */
export function queueContents(context: ExcelWriterContext, sheets: Building[], withCells = true): void {
  for (const b of sheets) {
    b.proxy = context.workbook.worksheets.add(b.name);
    if (b.spec.tabColor) b.proxy.tabColor = b.spec.tabColor;
  }
  if (withCells) for (const b of sheets) writeContents(b.proxy!, b.spec.cells);
}

/**
 * Queues everything else, then visibility and, last, protection; `banded`: the cells' formats, row
 * heights and validations went with the bands already.
 */
export function queueFinish(
  sheets: Building[],
  styles: SheetsSpec['styles'],
  print: boolean,
  protect = true,
  banded = false,
): void {
  for (const b of sheets) {
    const sheet = b.proxy!;
    const s = b.spec;
    if (!banded) writeFormats(sheet, s.cells, styles);
    for (const m of s.merges) sheet.getRange(m).merge(false);
    writeSizes(sheet, s, !banded);
    writeFreeze(sheet, s.freeze);
    if (!banded) for (const v of s.validations) writeValidation(sheet.getRange(v.range), v);
    for (const cf of s.conditionalFormats) {
      const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
      format.custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
      if (cf.fill) format.custom.format.fill.color = cf.fill;
      if (cf.fontColor) format.custom.format.font.color = cf.fontColor;
    }
    for (const c of s.charts) writeChart(sheet, c);
    if (s.print && print) writePrint(sheet, s.print);
  }
  for (const b of sheets) {
    if (b.spec.visibility !== 'visible') b.proxy!.visibility = b.spec.visibility === 'hidden' ? 'Hidden' : 'VeryHidden';
  }
  if (protect) for (const b of sheets) if (b.spec.protect) b.proxy!.protection.protect(PROTECTION);
}

/**
 * Queues a read of every built sheet's values; the returned function lists the cells whose value
 * is not what the spec wrote (formulas are not compared: their results are Excel's).
 */
export function queueVerify(context: ExcelWriterContext, sheets: Building[]): () => string[] {
  const reads = sheets.map((b) => {
    const range = context.workbook.worksheets.getItemOrNullObject(b.name).getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    return { b, range };
  });
  return () => {
    const wrong: string[] = [];
    for (const { b, range } of reads) {
      for (const c of b.spec.cells) {
        if (c.formula !== undefined || c.value === undefined || c.value === null || c.value === '') continue;
        const got = readCell(range, c.address);
        if (got !== c.value) wrong.push(`${b.spec.name}!${c.address}`);
      }
    }
    return wrong;
  };
}

function readCell(range: UsedRangeLike, address: string): unknown {
  if (range.isNullObject) return undefined;
  const { row, col } = parseCell(address);
  return range.values[row - 1 - range.rowIndex]?.[col - 1 - range.columnIndex];
}

/** Problems Excel would only report halfway through writing are caught before the first sync. */
export function checkSpec(spec: SheetsSpec): void {
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

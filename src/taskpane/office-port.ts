/**
 * The port over Office.js, for the pane running inside Excel. Each call is one `Excel.run` with a
 * fixed, small number of syncs.
 */
import { insertTemplate } from '../excel/insert';
import { readOpenTemplate } from '../excel/open-template';
import type { Rubric } from '../rubrics/schema';
import { MAIN_SHEET, META_SHEET } from '../template/build';
import type { FilledTemplate } from '../template/entries';
import type { InsertRequest } from '../template/plan';
import { SEAL_ROWS, type Seal } from '../template/seal';
import type { InsertOutcome, WorkbookPort } from './port';

export class OfficeWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;

  readTemplate(): Promise<FilledTemplate | undefined> {
    return Excel.run((context) => readOpenTemplate(context));
  }

  insertTemplate(rubric: Rubric, request: InsertRequest, onProgress: (step: string, fraction: number) => void): Promise<InsertOutcome> {
    return Excel.run(async (context) => {
      const result = await insertTemplate(context, rubric, request, onProgress);
      return result.ok ? { ok: true, updated: result.updated, report: result.report } : result;
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  async onChange(handler: () => void): Promise<() => void> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(MAIN_SHEET);
      await context.sync();
      if (ws.isNullObject) return () => undefined;
      const registration = ws.onChanged.add(async () => handler());
      await context.sync();
      return () => {
        void Excel.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      };
    });
  }

  async seal(seal: Seal): Promise<void> {
    const filled = await this.readTemplate();
    if (!filled) throw new Error('Chưa có mẫu');
    const { layout } = filled.info;
    await Excel.run(async (context) => {
      const names = context.workbook.names;
      names.load('items/name');
      await context.sync();
      const meta = context.workbook.worksheets.getItem(META_SHEET);
      meta.protection.unprotect();
      const rows = Object.entries(SEAL_ROWS).sort((a, b) => a[1] - b[1]);
      const first = rows[0][1];
      meta.getRange(`A${first}:B${rows[rows.length - 1][1]}`).values = rows.map(([key]) => [`seal.${key}`, String((seal as unknown as Record<string, unknown>)[key] ?? '')]);
      meta.protection.protect();
      names.items.find((n) => n.name === 'DTI_SEAL')?.delete();
      names.add('DTI_SEAL', `='${META_SHEET}'!$B$${SEAL_ROWS.digest}`);
      // Lock every input: after sealing, any edit would change what was sealed and signed.
      const main = context.workbook.worksheets.getItem(MAIN_SHEET);
      main.protection.unprotect();
      main.getRange(`${layout.slotColumns[0]}${layout.firstRow}:${layout.note}${layout.lastRow}`).format.protection.locked = true;
      main.getRange('B6:B7').format.protection.locked = true;
      main.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
      await context.sync();
    });
  }

  isSealed(): Promise<boolean> {
    return Excel.run(async (context) => {
      const meta = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
      meta.load('isNullObject');
      await context.sync();
      if (meta.isNullObject) return false;
      const cell = meta.getRange(`B${SEAL_ROWS.algorithm}`);
      cell.load('values');
      await context.sync();
      return cell.values[0][0] === 'SHA-256';
    });
  }
}

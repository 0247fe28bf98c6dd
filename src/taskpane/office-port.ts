/**
 * The port over Office.js, for the pane running inside Excel: each call one `Excel.run` over the
 * tested Office.js code in src/excel (a fixed, small number of syncs each).
 */
import { DtiError, t } from '../base';
import { insertTemplate, readOpenTemplate, selectCell, writeSeal } from '../excel';
import type { Rubric } from '../rubrics';
import { MAIN_SHEET, sealWrite, type FilledTemplate, type InsertRequest, type Seal } from '../template';
import type { InsertOutcome, WorkbookPort } from './port';

export class OfficeWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;

  readTemplate(): Promise<FilledTemplate | undefined> {
    return Excel.run((context) => readOpenTemplate(context));
  }

  insertTemplate(
    rubric: Rubric,
    request: InsertRequest,
    onProgress: (step: string, fraction: number) => void,
  ): Promise<InsertOutcome> {
    return Excel.run(async (context) => {
      const result = await insertTemplate(context, rubric, request, onProgress);
      return result.ok ? { ok: true, updated: result.updated, report: result.report } : result;
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return Excel.run((context) => selectCell(context, sheet, address));
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
    if (!filled) throw new DtiError('no-template', t('Sổ làm việc chưa có mẫu biểu', 'The workbook has no template'));
    await Excel.run((context) => writeSeal(context, sealWrite(seal, filled.info.layout)));
  }
}

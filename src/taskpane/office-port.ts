/**
 * The port over Office.js, for the pane running inside Excel: each call one `Excel.run` over the
 * tested Office.js code in src/excel (a fixed, small number of syncs each).
 */
import {
  checkFunctionsHosting,
  functionsSupported,
  insertTemplate,
  loadColumns,
  loadSheets,
  readOpenTemplate,
  sealWorkbook,
  selectCell,
  writeCouncilWorkbook,
  writeRanges,
  type CouncilWriteOutcome,
} from '../excel';
import type { AppraisalEdit, CouncilAppraisal } from '../council';
import type { Text } from '../base';
import { editsToWrites, readAppraisalWith, type CellLoader } from './council/workbook-appraisal';
import type { Rubric } from '../rubrics';
import { MAIN_SHEET, type FilledTemplate, type InsertRequest, type Seal, type SheetsSpec } from '../template';
import type { AppraisalWriteOutcome, FunctionsStatus, InsertChoices, InsertOutcome, WorkbookPort } from './port';
import { browserSettings } from './settings';

const cellLoader = (context: Excel.RequestContext): CellLoader => ({
  whole: (sheets) => loadSheets(context, sheets),
  columns: (sheet, columns, first, last) => loadColumns(context, sheet, columns, first, last),
});

const isSetSupported = (name: string, version?: string) => Office.context.requirements.isSetSupported(name, version);

export class OfficeWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;

  readTemplate(): Promise<FilledTemplate | undefined> {
    return Excel.run((context) => readOpenTemplate(context));
  }

  insertTemplate(
    rubric: Rubric,
    request: InsertRequest,
    onProgress: (step: string, fraction: number) => void,
    choices: InsertChoices = {},
  ): Promise<InsertOutcome> {
    return Excel.run(async (context) => {
      const result = await insertTemplate(context, rubric, request, onProgress, { ...choices, isSetSupported });
      if (!result.ok) return result;
      const { updated, report, sealVoided, moved, functions } = result;
      return { ok: true, updated, report, sealVoided, moved, functions };
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return Excel.run((context) => selectCell(context, sheet, address));
  }

  onChange(handler: () => void): Promise<() => void> {
    return this.onMainSheet((ws) => ws.onChanged.add(async () => handler()));
  }

  /** Worksheet.onSelectionChanged (ExcelApi 1.7): its `address` is on the sheet, without the sheet's name. */
  onSelect(handler: (address: string) => void): Promise<() => void> {
    return this.onMainSheet((ws) => ws.onSelectionChanged.add(async (e) => handler(e.address)));
  }

  /** One event of the main sheet, registered in one run; the returned function removes it. */
  private onMainSheet(add: (ws: Excel.Worksheet) => OfficeExtension.EventHandlerResult<unknown>) {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(MAIN_SHEET);
      await context.sync();
      if (ws.isNullObject) return () => undefined;
      const registration = add(ws);
      await context.sync();
      return () => {
        void Excel.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      };
    });
  }

  async seal(sealedAt: string): Promise<Seal> {
    return (await Excel.run((context) => sealWorkbook(context, sealedAt))).seal;
  }

  /** The host's requirement sets, then how functions.json is served (same origin: every header is readable). */
  async functionsStatus(): Promise<FunctionsStatus> {
    const host = functionsSupported({ isSetSupported });
    if (!host.ok) return host;
    return checkFunctionsHosting((url) => fetch(url, { cache: 'no-store' }));
  }

  writeCouncilWorkbook(spec: SheetsSpec, choices: { renameSheets?: boolean } = {}): Promise<CouncilWriteOutcome> {
    return Excel.run((context) => writeCouncilWorkbook(context, spec, { ...choices, isSetSupported }));
  }

  /** Two syncs: the identity, then the five columns of the appraised cells. */
  readCouncilAppraisal(): Promise<CouncilAppraisal | { error: Text }> {
    return Excel.run((context) => readAppraisalWith(cellLoader(context)));
  }

  /** Three syncs whatever the number of edits: the rows found as the reader finds them, then every row written. */
  writeAppraisal(edits: AppraisalEdit[]): Promise<AppraisalWriteOutcome> {
    return Excel.run(async (context) => {
      const writes = editsToWrites(await readAppraisalWith(cellLoader(context)), edits);
      if ('ok' in writes) return writes;
      await writeRanges(context, writes.sheet, writes.ranges);
      return { ok: true, written: edits.length };
    });
  }

  /**
   * Roaming settings follow the user to every Office they sign in to, where the host has them;
   * elsewhere (Excel hosts give roaming settings to Outlook only) the add-in's own browser storage.
   */
  async readSetting(key: string): Promise<string | undefined> {
    const roaming = Office.context.roamingSettings;
    if (!roaming) return browserSettings.read(key);
    const value: unknown = roaming.get(key);
    return typeof value === 'string' ? value : undefined;
  }

  writeSetting(key: string, value: string | undefined): Promise<void> {
    const roaming = Office.context.roamingSettings;
    if (!roaming) return browserSettings.write(key, value);
    if (value === undefined) roaming.remove(key);
    else roaming.set(key, value);
    return new Promise((resolve, reject) =>
      roaming.saveAsync((r) => (String(r.status) === 'failed' ? reject(r.error) : resolve())),
    );
  }
}

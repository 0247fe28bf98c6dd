/**
 * The task pane talks to a workbook only through this port: Office.js in Excel, an in-memory
 * workbook in tests and in the browser demo. Everything else in the pane is plain React + engine.
 */
import type { Text } from '../base';
import type { AppraisalEdit, CouncilAppraisal } from '../council';
import type { CouncilWriteOutcome, FunctionsStatus } from '../excel';
import type { Rubric } from '../rubrics';
import type { CarryReport, FilledTemplate, InsertRequest, Seal, SheetsSpec } from '../template';

export type { CouncilWriteOutcome, FunctionsStatus };

/** What the officer agreed to after being asked (see InsertOutcome's confirm kinds). */
export interface InsertChoices {
  /** Updating a sealed template voids its seal. */
  voidSeal?: boolean;
  /** The officer's own sheets named like template sheets are renamed (and kept). */
  renameSheets?: boolean;
}

export type InsertOutcome =
  | {
      ok: true;
      updated: boolean;
      report: CarryReport;
      sealVoided?: boolean;
      moved?: { from: string; to: string }[];
      functions?: FunctionsStatus;
    }
  /** Nothing was changed; the message says why (and, after a failure, what happened). */
  | { ok: false; kind?: 'refused' | 'failed'; message: Text }
  /** Nothing was changed yet: ask the officer, then insert again with the choice. */
  | { ok: false; kind: 'confirm-seal'; message: Text }
  | { ok: false; kind: 'confirm-rename'; sheets: string[]; message: Text };

export type AppraisalWriteOutcome = { ok: true; written: number } | { ok: false; message: Text };

export interface WorkbookPort {
  readonly kind: 'excel' | 'demo';
  /** The template in the workbook, what has been entered in it and its seal; undefined when there is none. */
  readTemplate(): Promise<FilledTemplate | undefined>;
  insertTemplate(
    rubric: Rubric,
    request: InsertRequest,
    onProgress: (step: string, fraction: number) => void,
    choices?: InsertChoices,
  ): Promise<InsertOutcome>;
  /** Selects a cell so the officer can fix it. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Calls back when the officer edits the template; returns the unsubscribe function. */
  onChange(handler: () => void): Promise<() => void>;
  /** Calls back with the address (e.g. "G24" or "G24:H25") when the selection on the main sheet changes. */
  onSelect(handler: (address: string) => void): Promise<() => void>;
  /**
   * Seals the inputs as they are at this moment (read, sealed and locked in one go): the seal's
   * rows in the very hidden sheet, a defined name, every input locked (`sealWrite`). Throws (a
   * DtiError saying what happened) with nothing changed when it cannot.
   */
  seal(sealedAt: string): Promise<Seal>;
  /** Whether the CDS.* functions can work here, and why not. */
  functionsStatus(): Promise<FunctionsStatus>;
  /**
   * The appraisal council's workbook (src/council/appraisal.ts) written as new sheets; sheets of
   * the same names are only renamed aside (kept) when `renameSheets` says the council agreed.
   */
  writeCouncilWorkbook(spec: SheetsSpec, choices?: { renameSheets?: boolean }): Promise<CouncilWriteOutcome>;
  /**
   * The appraised cells of the council's workbook in the open workbook (the council may have edited
   * them in Excel), read as `dti rank --appraisal` reads the file; or why there is none.
   */
  readCouncilAppraisal(): Promise<CouncilAppraisal | { error: Text }>;
  /** The pane's appraisal edits written into the council's workbook, all in one batch. */
  writeAppraisal(edits: AppraisalEdit[]): Promise<AppraisalWriteOutcome>;
  /** A setting of this user, remembered between sessions (Office roaming settings; the browser's storage in demo mode). */
  readSetting(key: string): Promise<string | undefined>;
  writeSetting(key: string, value: string | undefined): Promise<void>;
}

/**
 * The task pane talks to a workbook only through this port: Office.js in Excel, an in-memory
 * workbook in tests and in the browser demo. Everything else in the pane is plain React + engine.
 */
import type { Text } from '../base';
import type { Rubric } from '../rubrics';
import type { CarryReport, FilledTemplate, InsertRequest, Seal } from '../template';

export type InsertOutcome = { ok: true; updated: boolean; report: CarryReport } | { ok: false; message: Text };

export interface WorkbookPort {
  readonly kind: 'excel' | 'demo';
  /** The template in the workbook, what has been entered in it and its seal; undefined when there is none. */
  readTemplate(): Promise<FilledTemplate | undefined>;
  insertTemplate(
    rubric: Rubric,
    request: InsertRequest,
    onProgress: (step: string, fraction: number) => void,
  ): Promise<InsertOutcome>;
  /** Selects a cell so the officer can fix it. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Calls back when the officer edits the template; returns the unsubscribe function. */
  onChange(handler: () => void): Promise<() => void>;
  /** Writes the seal into the very hidden sheet and a defined name, then locks every input (`sealWrite`). */
  seal(seal: Seal): Promise<void>;
}

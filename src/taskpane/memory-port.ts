/**
 * An in-memory workbook behind the port: the pane's tests and the browser demo ("Chế độ trình
 * diễn") use it. It applies template specs the way the Office.js writer does, as far as the pane
 * can see: cell values (formulas show their computed results), locked/unlocked, the seal.
 */
import type { Rubric } from '../rubrics/schema';
import { MAIN_SHEET, META_SHEET } from '../template/build';
import { readEntries, readTemplateInfo, type FilledTemplate } from '../template/entries';
import { planInsert, type InsertRequest } from '../template/plan';
import { SEAL_ROWS, type Seal } from '../template/seal';
import type { Scalar, WorkbookSpec } from '../template/spec';
import type { InsertOutcome, WorkbookPort } from './port';

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'demo' as const;
  readonly sheets = new Map<string, Map<string, Scalar>>();
  readonly unlocked = new Map<string, Set<string>>();
  readonly names = new Map<string, string>();
  spec: WorkbookSpec | undefined;
  selected: { sheet: string; address: string } | undefined;
  sealed = false;
  private listeners = new Set<() => void>();

  get(sheet: string, address: string): Scalar {
    return this.sheets.get(sheet)?.get(address) ?? null;
  }

  /** What the officer types; refused in locked cells as Excel refuses it in a protected sheet. */
  set(sheet: string, address: string, value: Scalar): void {
    if (!this.unlocked.get(sheet)?.has(address)) throw new Error(`Ô ${address} bị khóa`);
    this.sheets.get(sheet)!.set(address, value === '' ? null : value);
    for (const l of this.listeners) l();
  }

  isUnlocked(sheet: string, address: string): boolean {
    return this.unlocked.get(sheet)?.has(address) ?? false;
  }

  async readTemplate(): Promise<FilledTemplate | undefined> {
    const read = (s: string, a: string) => this.get(s, a);
    const info = readTemplateInfo(read);
    return info ? readEntries(read, info) : undefined;
  }

  async insertTemplate(rubric: Rubric, request: InsertRequest, onProgress: (step: string, fraction: number) => void): Promise<InsertOutcome> {
    onProgress('Đang đọc mẫu hiện có', 0);
    const plan = planInsert(await this.readTemplate(), rubric, request);
    if (!plan.ok) return plan;
    onProgress('Đang ghi ô', 0.5);
    this.apply(plan.spec);
    onProgress('Xong', 1);
    for (const l of this.listeners) l();
    return { ok: true, updated: plan.updated, report: plan.report };
  }

  private apply(spec: WorkbookSpec): void {
    this.spec = spec;
    this.sealed = false;
    for (const sheet of spec.sheets) {
      const cells = new Map<string, Scalar>();
      const unlocked = new Set<string>();
      for (const c of sheet.cells) {
        cells.set(c.address, c.formula !== undefined ? (c.result ?? null) : (c.value ?? null));
        if (c.locked === false) unlocked.add(c.address);
      }
      this.sheets.set(sheet.name, cells);
      this.unlocked.set(sheet.name, unlocked);
    }
    for (const n of spec.names) this.names.set(n.name, n.refersTo);
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.selected = { sheet, address };
    for (const l of this.selectListeners) l(sheet, address);
  }

  readonly selectListeners = new Set<(sheet: string, address: string) => void>();

  async onChange(handler: () => void): Promise<() => void> {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  async seal(seal: Seal): Promise<void> {
    const meta = this.sheets.get(META_SHEET);
    if (!meta) throw new Error('Chưa có mẫu');
    for (const [key, row] of Object.entries(SEAL_ROWS)) {
      meta.set(`A${row}`, `seal.${key}`);
      meta.set(`B${row}`, (seal as unknown as Record<string, Scalar>)[key] ?? null);
    }
    this.names.set('DTI_SEAL', `'${META_SHEET}'!$B$${SEAL_ROWS.digest}`);
    this.unlocked.set(MAIN_SHEET, new Set()); // every input locked
    this.sealed = true;
    for (const l of this.listeners) l();
  }

  async isSealed(): Promise<boolean> {
    return this.sealed;
  }
}

/**
 * An in-memory workbook behind the port: the pane's tests and the browser demo ("Chế độ trình
 * diễn") use it. It applies template specs the way the Office.js writer does, as far as the pane
 * can see: cell values (formulas show their computed results), locked/unlocked, the seal; and it
 * asks what the Office.js port asks (updating a sealed template voids the seal) and seals the
 * inputs as they are at that moment.
 */
import { DtiError, t, type Text } from '../base';
import type { AppraisalEdit, AppraisalSource, CouncilAppraisal } from '../council';
import { councilConflicts, inputCells, OFFICER_TEMPLATE_HERE, renameQuestion, sealVoidsQuestion } from '../excel';
import type { Rubric } from '../rubrics';
import {
  cellsOf,
  computeSeal,
  MAIN_SHEET,
  META_SHEET,
  parseAddress,
  planInsert,
  readEntries,
  readTemplateInfo,
  SEAL_NAME,
  sealWrite,
  type FilledTemplate,
  type InsertRequest,
  type Scalar,
  type Seal,
  type SheetsSpec,
  type WorkbookSpec,
} from '../template';
import { editsToWrites, readAppraisalWith, type CellLoader } from './council/workbook-appraisal';
import type {
  AppraisalWriteOutcome,
  CouncilWriteOutcome,
  FunctionsStatus,
  InsertChoices,
  InsertOutcome,
  WorkbookPort,
} from './port';
import { browserSettings } from './settings';

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'demo' as const;
  readonly sheets = new Map<string, Map<string, Scalar>>();
  readonly unlocked = new Map<string, Set<string>>();
  readonly names = new Map<string, string>();
  spec: WorkbookSpec | undefined;
  selected: { sheet: string; address: string } | undefined;
  private listeners = new Set<() => void>();

  get(sheet: string, address: string): Scalar {
    return this.sheets.get(sheet)?.get(address) ?? null;
  }

  /** What the officer types; refused in locked cells as Excel refuses it in a protected sheet. */
  set(sheet: string, address: string, value: Scalar): void {
    if (!this.unlocked.get(sheet)?.has(address))
      throw new DtiError('cell-locked', t(`Ô ${address} bị khóa`, `Cell ${address} is locked`));
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

  async insertTemplate(
    rubric: Rubric,
    request: InsertRequest,
    onProgress: (step: string, fraction: number) => void,
    choices: InsertChoices = {},
  ): Promise<InsertOutcome> {
    onProgress('Đang đọc mẫu hiện có', 0);
    const existing = await this.readTemplate();
    const plan = planInsert(existing, rubric, request);
    if (!plan.ok) return { ok: false, kind: 'refused', message: plan.message };
    if (existing?.seal && !choices.voidSeal)
      return { ok: false, kind: 'confirm-seal', message: sealVoidsQuestion(existing.seal.sealedAt) };
    onProgress('Đang ghi ô', 0.5);
    this.apply(plan.spec);
    onProgress('Xong', 1);
    for (const l of this.listeners) l();
    return { ok: true, updated: plan.updated, report: plan.report, sealVoided: existing?.seal !== undefined };
  }

  private apply(spec: WorkbookSpec): void {
    this.spec = spec;
    this.names.delete(SEAL_NAME);
    this.applySheets(spec);
  }

  private applySheets(spec: SheetsSpec): void {
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
    this.noteSelection(sheet, address);
    for (const l of this.selectListeners) l(sheet, address);
  }

  readonly selectListeners = new Set<(sheet: string, address: string) => void>();

  /** The officer moved to a cell (the demo grid's focus): the pane follows, the grid does not move. */
  noteSelection(sheet: string, address: string): void {
    this.selected = { sheet, address };
    if (sheet === MAIN_SHEET) for (const l of this.selectionWatchers) l(address);
  }

  private readonly selectionWatchers = new Set<(address: string) => void>();

  async onSelect(handler: (address: string) => void): Promise<() => void> {
    this.selectionWatchers.add(handler);
    return () => this.selectionWatchers.delete(handler);
  }

  async onChange(handler: () => void): Promise<() => void> {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  /**
   * The same writes the Office.js port makes (`sealWrite`, `inputCells`): the seal's rows, the defined name, the
   * inputs locked, for the inputs as they are now. Given a seal computed earlier, it seals only if
   * that is still the seal of what is there (same time, same digest).
   */
  async seal(at: string | Seal): Promise<Seal> {
    const filled = await this.readTemplate();
    if (!filled) throw new DtiError('no-template', t('Sổ làm việc chưa có mẫu biểu', 'The workbook has no template'));
    const seal = await computeSeal(filled, typeof at === 'string' ? at : at.sealedAt);
    if (typeof at !== 'string' && at.digest !== seal.digest)
      throw new DtiError(
        'workbook-write',
        t(
          'Số liệu đã thay đổi từ lúc tính mã niêm phong; chưa niêm phong.',
          'The entries changed since the seal was computed; nothing was sealed.',
        ),
      );
    const write = sealWrite(seal, filled.info.layout);
    const meta = this.sheets.get(write.sheet)!;
    const top = parseAddress(write.range.split(':')[0]).row + 1;
    write.rows.forEach(([key, value], i) => {
      meta.set(`A${top + i}`, key);
      meta.set(`B${top + i}`, value);
    });
    this.names.set(write.name.name, write.name.refersTo.replace(/^=/, ''));
    const unlocked = this.unlocked.get(write.lock.sheet);
    for (const range of inputCells(filled.info.layout)) for (const address of cellsOf(range)) unlocked?.delete(address);
    for (const l of this.listeners) l();
    return seal;
  }

  /** In memory the scores come from the engine itself: nothing to register. */
  async functionsStatus(): Promise<FunctionsStatus> {
    return { ok: true };
  }

  /** The council's sheets, in the order written (the demo shows them read-only). */
  councilSheets: string[] = [];

  /** As the Office.js port decides: an officer template refused, same-named sheets renamed aside only when agreed. */
  async writeCouncilWorkbook(spec: SheetsSpec, choices: { renameSheets?: boolean } = {}): Promise<CouncilWriteOutcome> {
    const conflicts = councilConflicts([...this.sheets.keys()], spec, this.get(META_SHEET, 'A1'));
    if (conflicts.officer) return { ok: false, kind: 'refused', message: OFFICER_TEMPLATE_HERE };
    if (conflicts.sheets.length && !choices.renameSheets)
      return { ok: false, kind: 'confirm-rename', sheets: conflicts.sheets, message: renameQuestion(conflicts.sheets) };
    const moved = conflicts.sheets.map((from) => {
      let n = 2;
      while (this.sheets.has(`${from} (${n})`)) n++;
      const to = `${from} (${n})`;
      this.sheets.set(to, this.sheets.get(from)!);
      this.unlocked.set(to, this.unlocked.get(from) ?? new Set());
      return { from, to };
    });
    this.applySheets(spec);
    // Added to what is shown: the published ranking joins the council's sheets.
    const shown = spec.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name);
    this.councilSheets = [...new Set([...this.councilSheets, ...shown])];
    for (const l of this.listeners) l();
    return { ok: true, syncs: 0, moved };
  }

  /** Cells as the Office.js port loads them (every sheet's name; the sheets asked for). */
  private readonly cells: CellLoader = {
    whole: async (sheets): Promise<AppraisalSource> => ({
      sheetNames: [...this.sheets.keys()],
      read: (sheet, address) => (sheets.includes(sheet) ? this.get(sheet, address) : null),
      lastRow: (sheet) =>
        Math.max(0, ...[...(this.sheets.get(sheet)?.keys() ?? [])].map((a) => parseAddress(a).row + 1)),
    }),
    columns: async (sheet) => (address) => this.get(sheet, address),
  };

  readCouncilAppraisal(): Promise<CouncilAppraisal | { error: Text }> {
    return readAppraisalWith(this.cells);
  }

  /** As the Office.js port writes them; a locked cell refuses the write (as Excel's protected sheet does), before any is written. */
  async writeAppraisal(edits: AppraisalEdit[]): Promise<AppraisalWriteOutcome> {
    const writes = editsToWrites(await readAppraisalWith(this.cells), edits);
    if ('ok' in writes) return writes;
    const cells = writes.ranges.flatMap((r) =>
      cellsOf(r.address).map((address, i) => ({ address, value: r.values.flat()[i] })),
    );
    const locked = cells.find((c) => !this.isUnlocked(writes.sheet, c.address));
    if (locked) return { ok: false, message: t(`Ô ${locked.address} bị khóa`, `Cell ${locked.address} is locked`) };
    for (const c of cells) this.sheets.get(writes.sheet)!.set(c.address, c.value === '' ? null : c.value);
    this.version++;
    for (const l of this.listeners) l();
    return { ok: true, written: edits.length };
  }

  /** Counts the council's writes, so the demo's sheet view shows them. */
  version = 0;

  readSetting(key: string): Promise<string | undefined> {
    return browserSettings.read(key);
  }

  writeSetting(key: string, value: string | undefined): Promise<void> {
    return browserSettings.write(key, value);
  }
}

/**
 * Replacing a workbook's sheets by the sheets of a WorkbookSpec so that a failure at any point
 * loses nothing. A sync has no rollback (Office.js undoes nothing that ran before the failing
 * operation), so nothing old is touched until everything new is complete and read back:
 *
 *   1. inspect: the sheets (names, visibility, protection), workbook protection, defined names;
 *   2. contents: the new sheets added under temporary names and filled (formulas point at the
 *      other new sheets' temporary names); formulas of the officer's other sheets read, to keep
 *      the ones that point into a replaced sheet pointing at its successor;
 *   3. finish: formats, validation, charts, print, visibility, protection; every value read back;
 *   4. swap: a caller's guard read first (the old entries, unchanged since step 1?), then each old
 *      sheet renamed to its backup name, each new one to its final name (Excel moves the references
 *      with them), defined names replaced, the officer's references re-pointed, the first visible
 *      sheet activated, and a probe cell read;
 *   5. cleanup (only where old sheets existed): the backups deleted, the new sheets moved to the
 *      old ones' places.
 *
 * A failure in 2–4 puts everything back (./recovery.ts: temporary sheets deleted, backups renamed
 * back) and the old sheets are as they were; a failure in 5 leaves hidden backups that the next
 * inspection deletes. So a new workbook takes 4 syncs, a replacement 5, plus 2 to put things back
 * after a failure; a spec too large for one request of Excel on the web (a council's workbook of
 * hundreds of units) writes its rows in bands (./bands.ts), one more sync for each band after the first.
 */
import { DtiError, t, type Text } from '../base';
import type { SheetsSpec } from '../template';
import type { ExcelWriterContext, NamedItemLike, WorksheetLike } from './office-like';
import { contentBands, queueBand } from './bands';
import { recoveryOps, type RecoveryMode, type PresentSheet } from './recovery';
import { backupNameFor, freeNameFor, refersToSheet, reservedKind, retargetSpec, tempNameFor } from './sheet-names';
import {
  checkSpec,
  queueContents,
  queueFinish,
  queueVerify,
  STEPS,
  supports,
  WorkbookWriteError,
  type Building,
  type ProgressCallback,
  type WriteOptions,
} from './writer';

export interface SheetState extends PresentSheet {
  protected: boolean;
}

export interface WorkbookState {
  sheets: SheetState[];
  /** The sheet the officer was on. */
  active: string;
  structureProtected: boolean;
  names: { name: string; formula: string; item: NamedItemLike }[];
}

/** Queues the loads of what a replacement needs to know; the function reads them after the sync. */
export function queueInspect(context: ExcelWriterContext): () => WorkbookState {
  const { worksheets, names, protection } = context.workbook;
  worksheets.load('items/name,items/visibility,items/protection/protected');
  names.load('items/name,items/formula');
  protection.load('protected');
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  return () => ({
    active: active.name,
    sheets: worksheets.items.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      protected: s.protection.protected,
    })),
    structureProtected: protection.protected,
    names: names.items.map((n) => ({ name: n.name, formula: String(n.formula), item: n })),
  });
}

export interface ReplaceOptions extends WriteOptions {
  onProgress?: ProgressCallback;
  /** What step 1 found, when the caller ran it (with reads of its own in the same batch). */
  state?: WorkbookState;
  /** Sheets with a spec sheet's name that are the officer's own: moved to a free name and kept. */
  moveAside?: string[];
  /** Defined names to delete besides the spec's own (e.g. a seal the replacement voids). */
  dropNames?: string[];
  /** Queued first in the swap batch; false after the sync → the swap is undone and `message` returned. */
  guard?: { queue: () => () => boolean; message: Text };
  /** A cell to read once the new sheets carry their final names (e.g. one `CDS.` formula). */
  probe?: { sheet: string; address: string };
}

export type ReplaceResult =
  | {
      ok: true;
      syncs: number;
      /** The probe cell's value, when one was asked for. */
      probe?: unknown;
      /** The officer's sheets that were moved aside: their name → the new one. */
      moved: { from: string; to: string }[];
      /** Set when the backups could not be deleted (hidden; the next run deletes them). */
      leftovers: boolean;
    }
  | { ok: false; syncs: number; message: Text };

const lower = (s: string) => s.toLowerCase();

const NOTHING_CHANGED = t(
  ' Sổ làm việc vẫn như trước: chưa có gì bị thay đổi.',
  ' The workbook is as it was: nothing was changed.',
);

/** Cells read back with another value than the one written: the write did not land as asked. */
function readBack(wrong: string[]): void {
  if (wrong.length > 0)
    throw new WorkbookWriteError(
      STEPS.verify,
      new Error(`đọc lại không khớp / read back differs: ${wrong.slice(0, 5).join(', ')}`),
    );
}

export async function replaceSheets(
  context: ExcelWriterContext,
  spec: SheetsSpec,
  options: ReplaceOptions = {},
): Promise<ReplaceResult> {
  checkSpec(spec);
  const progress = options.onProgress ?? (() => undefined);
  let syncs = 0;
  const sync = async (step: string, hint?: Text): Promise<void> => {
    syncs++;
    try {
      await context.sync();
    } catch (e) {
      throw new WorkbookWriteError(step, e, hint);
    }
  };

  // 1. Inspect.
  progress(STEPS.inspect, 0);
  let state = options.state;
  if (!state) {
    let read = queueInspect(context);
    await sync(STEPS.inspect);
    state = read();
    if (
      queueRecoverInterrupted(
        context,
        state,
        spec.sheets.map((s) => s.name),
      )
    ) {
      read = queueInspect(context);
      await sync(STEPS.rollback);
      state = read();
    }
  }
  if (state.sheets.some((s) => reservedKind(s.name)))
    throw new WorkbookWriteError(STEPS.inspect, new Error('sheets of an interrupted run are still there'));
  if (state.structureProtected)
    return {
      ok: false,
      syncs,
      message: t(
        'Cấu trúc sổ làm việc đang được bảo vệ (Xem lại › Bảo vệ sổ làm việc), nên không thêm được trang tính. Hãy bỏ bảo vệ rồi thử lại.' +
          NOTHING_CHANGED.vi,
        'The workbook structure is protected (Review › Protect Workbook), so no sheet can be added. Unprotect it and try again.' +
          NOTHING_CHANGED.en,
      ),
    };

  // The plan: who is replaced, moved aside, built under which name.
  const present = new Map(state.sheets.map((s) => [lower(s.name), s]));
  const taken = new Set(present.keys());
  const aside = new Set((options.moveAside ?? []).map(lower));
  const old = spec.sheets
    .map((s) => present.get(lower(s.name)))
    .filter((s): s is SheetState => !!s && !aside.has(lower(s.name)));
  const backup = new Map(old.map((s) => [s.name, backupNameFor(s.name, taken)]));
  const moved = new Map(
    [...aside]
      .filter((n) => present.has(n))
      .map((n) => [present.get(n)!.name, freeNameFor(present.get(n)!.name, taken)]),
  );
  const temp = new Map(spec.sheets.map((s) => [s.name, tempNameFor(s.name, taken)]));
  const built = retargetSpec(spec, temp);
  const building: Building[] = built.sheets.map((s) => ({ spec: s, name: s.name }));
  const finals = spec.sheets.map((s) => s.name);
  const print = supports(options, 'ExcelApi', '1.9');
  const multiArea = print; // getRanges is ExcelApi 1.9 too
  const specNames = spec.sheets.map((s) => s.name);
  const oldNames = old.map((s) => s.name);
  const userSheets = state.sheets.filter(
    (s) => !reservedKind(s.name) && !spec.sheets.some((x) => lower(x.name) === lower(s.name)),
  );
  const droppable = new Set([...spec.names.map((n) => n.name), ...(options.dropNames ?? [])].map(lower));
  const userNames = state.names.filter(
    (n) => !droppable.has(lower(n.name)) && oldNames.some((o) => refersToSheet(n.formula, o)),
  );
  let userRefs: { sheet: string; address: string; formula: string }[] = [];

  const undo = async (mode: RecoveryMode): Promise<boolean> => {
    try {
      progress(STEPS.rollback, 1);
      const read = queueInspect(context);
      await sync(STEPS.rollback);
      const now = read();
      const ops = recoveryOps(now.sheets, specNames, mode);
      queueRecovery(context, ops, () => {
        if (mode.kind === 'swap') reattach(context, now, userRefs, userNames, state!, droppable);
      });
      // Back on the sheet the officer was on (the new one that was active is gone).
      const wasOn = state!.sheets.find((s) => s.name === state!.active);
      if (wasOn?.visibility === 'Visible') context.workbook.worksheets.getItemOrNullObject(wasOn.name).activate();
      await sync(STEPS.rollback);
      return true;
    } catch {
      return false;
    }
  };
  const failed = async (e: unknown, mode: RecoveryMode): Promise<never> => {
    const restored = await undo(mode);
    const error = e instanceof WorkbookWriteError ? e : new WorkbookWriteError(STEPS.swap, e);
    throw new WorkbookWriteError(
      error.step,
      error.cause,
      restored
        ? NOTHING_CHANGED
        : t(
            ` Chưa trả lại được như cũ: các trang tính cũ vẫn còn nguyên, có thể mang tên bắt đầu bằng "${'~dti cũ~'}". Mở lại phần bổ trợ và bấm lại: nó sẽ tự sắp xếp lại.`,
            ` It could not be put back yet: the old sheets are intact, possibly under names starting with "~dti cũ~". Open the add-in again and retry: it puts them back first.`,
          ),
    );
  };

  // 2. Contents, under temporary names; the officer's formulas that point into a replaced sheet.
  progress(STEPS.prepare, 0.15);
  const userReads: { sheet: string; range: ReturnType<WorksheetLike['getUsedRangeOrNullObject']> }[] = [];
  try {
    progress(STEPS.cells, 0.3);
    // A spec too large for one request goes in bands of rows, each read back as it is written.
    const bands = contentBands(building, multiArea);
    queueContents(context, building, !bands);
    const firstBand = bands ? queueBand(bands[0], spec.styles, multiArea) : () => [];
    if (oldNames.length > 0)
      for (const s of userSheets) {
        const range = context.workbook.worksheets.getItemOrNullObject(s.name).getUsedRangeOrNullObject(true);
        range.load('formulas,rowIndex,columnIndex');
        userReads.push({ sheet: s.name, range });
      }
    await sync(STEPS.cells);
    userRefs = userReads.flatMap(({ sheet, range }) => formulasReferring(sheet, range, oldNames));
    const blocked = [...new Set(userRefs.map((r) => r.sheet))].filter((s) => present.get(lower(s))?.protected);
    if (blocked.length > 0) {
      await undo({ kind: 'build' });
      return {
        ok: false,
        syncs,
        message: t(
          `Trang tính ${blocked.join(', ')} có công thức tham chiếu mẫu biểu và đang được bảo vệ, nên không giữ được các tham chiếu đó khi thay mẫu. Hãy bỏ bảo vệ trang tính này rồi thử lại.${NOTHING_CHANGED.vi}`,
          `Sheet ${blocked.join(', ')} has formulas that refer to the template and is protected, so those references could not be kept when the template is replaced. Unprotect it and try again.${NOTHING_CHANGED.en}`,
        ),
      };
    }

    if (bands) {
      // The last band takes the finish with it: what is left of it is small (merges, widths, charts, protection).
      readBack(firstBand());
      for (let i = 1; i < bands.length; i++) {
        progress(STEPS.cells, 0.3 + (0.25 * i) / bands.length);
        const band = queueBand(bands[i], spec.styles, multiArea);
        if (i === bands.length - 1) queueFinish(building, spec.styles, print, true, true);
        await sync(i === bands.length - 1 ? STEPS.protect : STEPS.cells);
        readBack(band());
      }
    } else {
      // 3. Everything else, protection last; every value read back.
      progress(STEPS.format, 0.55);
      queueFinish(building, spec.styles, print);
      const verify = queueVerify(context, building);
      await sync(STEPS.protect);
      progress(STEPS.verify, 0.75);
      readBack(verify());
    }
  } catch (e) {
    return failed(e, { kind: 'build' });
  }

  // 4. Swap.
  progress(STEPS.swap, 0.85);
  let probe: unknown;
  try {
    const unchanged = options.guard?.queue();
    for (const s of old) context.workbook.worksheets.getItemOrNullObject(s.name).name = backup.get(s.name)!;
    for (const [from, to] of moved) context.workbook.worksheets.getItemOrNullObject(from).name = to;
    building.forEach((b, i) => (b.proxy!.name = finals[i]));
    for (const n of state.names) if (droppable.has(lower(n.name))) n.item.delete();
    for (const n of spec.names)
      context.workbook.names.add(n.name, n.refersTo.startsWith('=') ? n.refersTo : `=${n.refersTo}`);
    for (const r of userRefs)
      context.workbook.worksheets.getItemOrNullObject(r.sheet).getRange(r.address).formulas = [[r.formula]];
    for (const n of userNames) n.item.formula = n.formula;
    building.find((b) => b.spec.visibility === 'visible')?.proxy!.activate();
    const probeRange = options.probe
      ? context.workbook.worksheets.getItemOrNullObject(options.probe.sheet).getRange(options.probe.address)
      : undefined;
    probeRange?.load('values');
    await sync(STEPS.swap);
    if (unchanged && !unchanged()) {
      const restored = await undo({ kind: 'swap', temp, moved });
      return {
        ok: false,
        syncs,
        message: restored
          ? { vi: options.guard!.message.vi + NOTHING_CHANGED.vi, en: options.guard!.message.en + NOTHING_CHANGED.en }
          : options.guard!.message,
      };
    }
    probe = probeRange?.values?.[0]?.[0];
  } catch (e) {
    return failed(e, { kind: 'swap', temp, moved });
  }

  // 5. Cleanup: the backups go, the new sheets take the old ones' places.
  let leftovers = false;
  if (old.length > 0) {
    progress(STEPS.cleanup, 0.95);
    try {
      for (const s of old) deleteSheet(context, { name: backup.get(s.name)!, visibility: s.visibility });
      restorePositions(context, state.sheets, oldNames);
      await sync(STEPS.cleanup);
    } catch {
      // Once more, from what is there now (the failed batch may have deleted some already).
      try {
        const read = queueInspect(context);
        await sync(STEPS.cleanup);
        for (const s of read().sheets) if (reservedKind(s.name)?.kind === 'backup') deleteSheet(context, s);
        await sync(STEPS.cleanup);
      } catch {
        leftovers = true;
      }
    }
  }
  progress(STEPS.done, 1);
  return { ok: true, syncs, probe, moved: [...moved].map(([from, to]) => ({ from, to })), leftovers };
}

/**
 * Queues what puts right the sheets of an earlier run that was interrupted (./recovery.ts, from
 * the names alone), when there are any; the caller syncs and inspects again. False: nothing to do.
 */
export function queueRecoverInterrupted(
  context: ExcelWriterContext,
  state: WorkbookState,
  specNames: string[],
): boolean {
  if (!state.sheets.some((s) => reservedKind(s.name))) return false;
  queueRecovery(context, recoveryOps(state.sheets, specNames, { kind: 'auto' }));
  return true;
}

/**
 * A WorkbookSpec written into the open workbook, its sheets replacing any of the same names (the
 * caller has decided they may go): the steps above. Throws WorkbookWriteError when a sync fails
 * (after putting the workbook back), DtiError when the workbook refuses (structure protected).
 */
export async function writeWorkbookSpec(
  context: ExcelWriterContext,
  spec: SheetsSpec,
  onProgress?: ProgressCallback,
  options: WriteOptions = {},
): Promise<{ syncs: number }> {
  const r = await replaceSheets(context, spec, { ...options, onProgress });
  if (!r.ok) throw new DtiError('workbook-write', r.message);
  return { syncs: r.syncs };
}

/** Queues the deletion of a sheet; a very hidden one is made hidden first (Office.js cannot delete it otherwise). */
function deleteSheet(context: ExcelWriterContext, s: PresentSheet): void {
  const sheet = context.workbook.worksheets.getItemOrNullObject(s.name);
  if (s.visibility === 'VeryHidden') sheet.visibility = 'Hidden';
  sheet.delete();
}

/** Renames, then `between` (writes that must see the restored names), then deletions. */
function queueRecovery(context: ExcelWriterContext, ops: ReturnType<typeof recoveryOps>, between?: () => void): void {
  for (const [from, to] of ops.renames) context.workbook.worksheets.getItemOrNullObject(from).name = to;
  between?.();
  for (const d of ops.deletes) deleteSheet(context, d);
}

/**
 * While putting things back: the officer's formulas and names that were re-pointed at the new
 * sheets are given their old text again (they follow the old sheets back to their names), and
 * the replaced defined names are restored as they were.
 */
function reattach(
  context: ExcelWriterContext,
  now: WorkbookState,
  userRefs: { sheet: string; address: string; formula: string }[],
  userNames: WorkbookState['names'],
  before: WorkbookState,
  droppable: Set<string>,
): void {
  for (const r of userRefs)
    context.workbook.worksheets.getItemOrNullObject(r.sheet).getRange(r.address).formulas = [[r.formula]];
  for (const n of userNames) {
    const current = now.names.find((x) => lower(x.name) === lower(n.name));
    if (current) current.item.formula = n.formula;
  }
  for (const n of now.names) if (droppable.has(lower(n.name))) n.item.delete();
  for (const n of before.names) if (droppable.has(lower(n.name))) context.workbook.names.add(n.name, n.formula);
}

/** The formulas of `range` (a used range of `sheet`) that refer to any of `sheets`. */
function formulasReferring(
  sheet: string,
  range: ReturnType<WorksheetLike['getUsedRangeOrNullObject']>,
  sheets: string[],
): { sheet: string; address: string; formula: string }[] {
  if (range.isNullObject) return [];
  const out: { sheet: string; address: string; formula: string }[] = [];
  range.formulas.forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f === 'string' && f.startsWith('=') && sheets.some((s) => refersToSheet(f, s)))
        out.push({ sheet, address: `${columnLetter(range.columnIndex + j)}${range.rowIndex + i + 1}`, formula: f });
    }),
  );
  return out;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The new sheets moved to where the sheets they replace were (positions as found in step 1). */
function restorePositions(context: ExcelWriterContext, before: SheetState[], replaced: string[]): void {
  const places = replaced
    .map((name) => ({ name, at: before.findIndex((b) => lower(b.name) === lower(name)) }))
    .sort((a, b) => a.at - b.at);
  for (const p of places) context.workbook.worksheets.getItemOrNullObject(p.name).position = p.at;
}

/**
 * Putting a workbook right after a replacement that did not finish, from what its sheets are
 * called now. Used twice: right after a failed sync (the run knows how far it got), and when the
 * add-in next inspects a workbook where even that failed (Excel closed halfway): then only the
 * reserved names (./sheet-names.ts) tell what happened.
 *
 * A replacement renames every old sheet to its backup name before any new sheet takes a final
 * name, so the names alone tell the phase: while every new sheet still has its temporary name,
 * nothing was swapped in (the old sheets come back from their backups); once one has taken its
 * final name, the final names that have no temporary sheet any more are new ones (taken away
 * again) and the backups come back. A swap that completed but whose backups were not yet deleted
 * (no temporary sheet left, every backup's final name present) is finished instead: the backups go.
 */
import { reservedKind, tempNameFor } from './sheet-names';

export interface PresentSheet {
  name: string;
  visibility: string;
}

export interface RecoveryOps {
  /** In order: new sheets moved away, user sheets moved back, backups back to their names. */
  renames: [from: string, to: string][];
  /** Sheets to delete (a very hidden one is made hidden first: Office.js cannot delete it). */
  deletes: PresentSheet[];
  /** Whether the old sheets came back (false: nothing to do, or the swap was completed forward). */
  restored: boolean;
}

export type RecoveryMode =
  /** Failed before the swap: only the temporary sheets exist, the old ones are untouched. */
  | { kind: 'build' }
  /** Failed during the swap: `temp` is final → temporary name, `moved` user sheet → where it was moved. */
  | { kind: 'swap'; temp: Map<string, string>; moved: Map<string, string> }
  /** Found at inspection: only the names tell. */
  | { kind: 'auto' };

export function recoveryOps(present: PresentSheet[], specNames: string[], mode: RecoveryMode): RecoveryOps {
  const lower = (s: string) => s.toLowerCase();
  const byName = new Map(present.map((s) => [lower(s.name), s]));
  const has = (name: string) => byName.has(lower(name));
  const reserved = present
    .map((s) => ({ sheet: s, r: reservedKind(s.name) }))
    .filter((x): x is { sheet: PresentSheet; r: NonNullable<ReturnType<typeof reservedKind>> } => !!x.r);
  const temps = reserved.filter((x) => x.r.kind === 'temp').map((x) => x.sheet);
  const backups = new Map(
    reserved.filter((x) => x.r.kind === 'backup').map((x) => [lower(x.r.of), x.sheet] as [string, PresentSheet]),
  );
  const ops: RecoveryOps = { renames: [], deletes: [], restored: false };
  const taken = new Set(present.map((s) => lower(s.name)));

  if (mode.kind === 'build') {
    ops.deletes.push(...temps);
    return ops;
  }

  let swapStarted: boolean;
  if (mode.kind === 'swap') swapStarted = true;
  else {
    if (temps.length === 0 && [...backups.keys()].every((n) => has(n))) {
      ops.deletes.push(...backups.values()); // a completed swap whose backups were left behind
      return ops;
    }
    const tempOf = new Set(temps.map((t) => lower(reservedKind(t.name)!.of)));
    swapStarted = !specNames.every((n) => tempOf.has(lower(n)));
    if (backups.size === 0) {
      ops.deletes.push(...temps); // nothing old was moved: the temporary sheets just go
      return ops;
    }
  }

  const isNew = (n: string): boolean => {
    if (!swapStarted || !has(n)) return false;
    if (mode.kind === 'swap') return !has(mode.temp.get(n) ?? '');
    return !temps.some((t) => lower(reservedKind(t.name)!.of) === lower(n));
  };
  for (const n of specNames) {
    if (!isNew(n)) continue;
    const away = tempNameFor(n, taken);
    ops.renames.push([byName.get(lower(n))!.name, away]);
    ops.deletes.push({ name: away, visibility: byName.get(lower(n))!.visibility });
    byName.delete(lower(n));
  }
  if (mode.kind === 'swap')
    for (const [original, movedTo] of mode.moved)
      if (byName.has(lower(movedTo)) && !byName.has(lower(original))) ops.renames.push([movedTo, original]);
  for (const [n, backup] of backups) {
    if (byName.has(n)) continue; // its name is taken by a sheet that stays
    ops.renames.push([backup.name, specNames.find((s) => lower(s) === n) ?? reservedKind(backup.name)!.of]);
    ops.restored = true;
  }
  ops.deletes.push(...temps);
  return ops;
}

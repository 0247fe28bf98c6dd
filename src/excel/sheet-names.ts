/**
 * The names the add-in gives sheets while it replaces them, and the references it moves with them.
 *
 * New sheets are built under a temporary name and the old ones keep a backup name until the new
 * ones are in place; both start with a marker an officer would not type ("~dti"), so the sheets of
 * a run that was interrupted (Excel closed halfway) are recognised and put right the next time.
 *
 * Excel rewrites references when a sheet is renamed, so formulas in the new sheets are written
 * pointing at the temporary names: renaming those to the final names makes them point at the
 * final sheets, whatever the old sheets are called by then.
 */
import type { SheetsSpec } from '../template';

export const TEMP_MARK = '~dti mới~';
export const BACKUP_MARK = '~dti cũ~';
const MAX_SHEET_NAME = 31;

/** A reserved name for `name`, unique among `taken` (case-insensitive), at most 31 characters. */
function reserved(mark: string, name: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const prefix = i === 1 ? mark : `${mark.slice(0, -1)}${i}~`;
    const candidate = `${prefix}${name}`.slice(0, MAX_SHEET_NAME);
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

export const tempNameFor = (name: string, taken: Set<string>) => reserved(TEMP_MARK, name, taken);
export const backupNameFor = (name: string, taken: Set<string>) => reserved(BACKUP_MARK, name, taken);

/** The sheet a reserved name stands for, and which kind it is; undefined for any other name. */
export function reservedKind(name: string): { kind: 'temp' | 'backup'; of: string } | undefined {
  const m = /^~dti (mới|cũ)\d*~(.*)$/.exec(name);
  if (!m) return undefined;
  return { kind: m[1] === 'mới' ? 'temp' : 'backup', of: m[2] };
}

/** A free name for a user's sheet that has to make room: "Tổng hợp (2)", "Tổng hợp (3)", … */
export function freeNameFor(name: string, taken: Set<string>): string {
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${name.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Whether `formula` refers to sheet `sheet` ('Tự đánh giá'!A1 or _dti!B1, any case). */
export function refersToSheet(formula: string, sheet: string): boolean {
  return retarget(formula, sheet, '\u0000') !== formula;
}

/** `text` with every reference to sheet `from` pointing at `to` instead. */
export function retarget(text: string, from: string, to: string): string {
  const target = to === '\u0000' ? to : `${PLAIN.test(to) ? to : quote(to)}`;
  let out = text.replace(new RegExp(`${escapeRe(quote(from))}!`, 'gi'), () => `${target}!`);
  if (PLAIN.test(from))
    out = out.replace(
      new RegExp(`(^|[^A-Za-z0-9_.'!\\]])${escapeRe(from)}!`, 'gi'),
      (_, before) => `${before}${target}!`,
    );
  return out;
}

/**
 * The spec with every cross-sheet reference (formulas, validation lists, conditional formats) and
 * every sheet name moved by `names` (final name → name to build under). Defined names are left
 * alone: they are written once the sheets carry their final names.
 */
export function retargetSpec<T extends SheetsSpec>(spec: T, names: Map<string, string>): T {
  const fix = (text: string) => {
    let out = text;
    for (const [from, to] of names) out = retarget(out, from, to);
    return out;
  };
  return {
    ...spec,
    sheets: spec.sheets.map((s) => ({
      ...s,
      name: names.get(s.name) ?? s.name,
      cells: s.cells.map((c) => (c.formula !== undefined ? { ...c, formula: fix(c.formula) } : c)),
      validations: s.validations.map((v) => (v.source !== undefined ? { ...v, source: fix(v.source) } : v)),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, formula: fix(cf.formula) })),
    })),
  };
}

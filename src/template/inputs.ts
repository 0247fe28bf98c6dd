/**
 * The template's input cells, typed to what each slot of the input model takes: the form an entry
 * shows in its cell, the cell's number format, and the data validation that accepts at the cell
 * what the engine accepts for that slot (and refuses the rest) with a Vietnamese message within
 * Excel's limits (title 32 characters, message 225, cut at whole words). Dropdown items live on a
 * hidden list sheet (`ListSheet`).
 */
import { describeSlot, toIsoDate, type Slot } from '../engine';
import type { Criterion } from '../rubrics';
import { columnLetter } from './address';
import { LISTS_SHEET, quoteSheet } from './layout';
import { sheetSpec, type CellSpec, type Scalar, type SheetSpec, type ValidationSpec } from './spec';

export const YES = 'Có';
export const NO = 'Không';
export const NOT_APPLICABLE = 'Không áp dụng';

/** Excel's limits on a data validation's title and message. */
export const TITLE_MAX = 32;
export const MESSAGE_MAX = 225;

/** Text cut to `max` characters at a whole word (with "…" when cut). */
export function fitWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:·–-]+$/, '')}…`;
}

/**
 * An entry in the form its input cell shows: Có/Không for yes/no, the option's label for a choice
 * (the dropdown lists labels), an Excel date serial for a date, a share as a number (0.62, shown
 * as 62%). The engine reads all of these.
 */
export function displayValue(slot: Slot, value: Scalar): Scalar {
  if (value === null) return null;
  if (slot.kind === 'yes-no' && typeof value === 'boolean') return value ? YES : NO;
  if (slot.kind === 'choice' && typeof value === 'string')
    return slot.choices?.find((o) => o.id === value)?.label.vi ?? value;
  // Only a date that exists: "2024-02-30" stays text (and invalid), never becomes 1 March.
  if (
    slot.kind === 'date' &&
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    toIsoDate(value) === value
  )
    return Math.round((Date.parse(`${value}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000);
  if (slot.kind === 'share' && typeof value === 'string' && /%\s*$/.test(value)) {
    const n = Number(value.replace('%', '').replace(',', '.').trim());
    if (Number.isFinite(n)) return n / 100;
  }
  return value;
}

/** Formats that never show "85." for 85: General for points, whole numbers with separators for counts. */
export function slotFormat(slot: Slot): string | undefined {
  switch (slot.kind) {
    case 'share':
      return '0.0%';
    case 'date':
      return 'dd/mm/yyyy';
    case 'count':
    case 'number':
      return '#,##0';
    case 'points':
      return 'General';
    default:
      return undefined;
  }
}

const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A number cell's test as a validation formula. Guarded by IF: Excel's AND does not short-circuit,
 * so INT("Không áp dụng") would make the whole formula #VALUE! and refuse the words beside it.
 */
export function numberTest(address: string, ...conditions: string[]): string {
  return `IF(ISNUMBER(${address}),AND(${conditions.map((c) => c.replaceAll('$', address)).join(',')}),FALSE)`;
}

/** The words a count slot also accepts ("Không có sự cố xảy ra"), as formula alternatives. */
function countWords(slot: Slot, cell: string): string[] {
  return slot.words && 'counts' in slot.words ? slot.words.counts.map((w) => `${cell}=${quoted(w.text.vi)}`) : [];
}

/** Data validation for one input cell: what the engine accepts there, and a message saying it. */
export function slotValidation(
  slot: Slot,
  c: Criterion,
  address: string,
  lists: ListSheet,
  max?: number,
): ValidationSpec | undefined {
  const na = c.allowNotApplicable !== undefined;
  const forms = describeSlot(slot, max).vi + (na ? `; hoặc "${NOT_APPLICABLE}"` : '');
  const prompt = {
    title: fitWords(`${c.id} · ${slot.label.vi}`, TITLE_MAX),
    message: fitWords(`${slot.label.vi}. Nhập: ${forms}.`, MESSAGE_MAX),
  };
  const error = { title: fitWords(`${c.id}: chưa đúng`, TITLE_MAX), message: fitWords(`Cần ${forms}.`, MESSAGE_MAX) };
  const base = { range: address, allowBlank: true, prompt, error };
  const orNa = na ? [`${address}=${quoted(NOT_APPLICABLE)}`] : [];
  const custom = (test: string, extra: string[] = []): ValidationSpec => ({
    ...base,
    type: 'custom',
    formula: [test, ...extra, ...orNa].length > 1 ? `=OR(${[test, ...extra, ...orNa].join(',')})` : `=${test}`,
  });
  switch (slot.kind) {
    case 'yes-no':
      return { ...base, type: 'list', source: lists.ref(na ? [YES, NO, NOT_APPLICABLE] : [YES, NO]) };
    case 'choice':
      return {
        ...base,
        type: 'list',
        source: lists.ref([...slot.choices!.map((o) => o.label.vi), ...(na ? [NOT_APPLICABLE] : [])]),
      };
    case 'share':
      return custom(numberTest(address, '$>=0', '$<=1'));
    case 'count':
      return custom(numberTest(address, '$>=0', 'INT($)=$'), countWords(slot, address));
    case 'points':
      return custom(numberTest(address, '$>=0', ...(max !== undefined ? [`$<=${max}`] : [])));
    case 'number':
      return custom(numberTest(address, '$>=0'));
    case 'date':
      // "Không": the act was not done (a deadline rule's "chưa thực hiện").
      return custom(numberTest(address, '$>=36526'), [`${address}=${quoted(NO)}`]);
    case 'levels':
      return { ...base, type: 'textLength', min: 0, max: 2000 };
    case 'text':
      return undefined;
  }
}

/**
 * Dropdown lists live on a hidden sheet: labels contain commas and can be long, which an inline
 * list cannot hold. Each distinct list is written once.
 */
export class ListSheet {
  private readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();

  /** A reference to the list's cells, used as the validation source. */
  ref(items: string[]): string {
    const key = JSON.stringify(items);
    let ref = this.byKey.get(key);
    if (!ref) {
      const c = columnLetter(this.columns.length);
      this.columns.push(items);
      ref = `=${quoteSheet(LISTS_SHEET)}!$${c}$1:$${c}$${items.length}`;
      this.byKey.set(key, ref);
    }
    return ref;
  }

  sheet(): SheetSpec {
    const cells: CellSpec[] = this.columns.flatMap((items, ci) =>
      items.map((v, ri) => ({ address: `${columnLetter(ci)}${ri + 1}`, value: v })),
    );
    return sheetSpec(LISTS_SHEET, 'hidden', cells, {
      columns: this.columns.map((_, i) => ({ column: columnLetter(i), width: 40 })),
    });
  }
}

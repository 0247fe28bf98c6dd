/**
 * The template's input cells, typed to what each slot takes: the form an entry shows in its cell,
 * the cell's number format, and the data validation that refuses a wrong value at the cell with a
 * Vietnamese message. Dropdown items live on a hidden list sheet (`ListSheet`).
 */
import type { Slot } from '../engine';
import type { Criterion } from '../rubrics';
import { columnLetter } from './address';
import { LISTS_SHEET, quoteSheet } from './layout';
import { sheetSpec, type CellSpec, type Scalar, type SheetSpec, type ValidationSpec } from './spec';

export const YES = 'Có';
export const NO = 'Không';
export const NOT_APPLICABLE = 'Không áp dụng';

/**
 * An entry in the form its input cell shows: Có/Không for yes/no, the option's label for a choice
 * (the dropdown lists labels), an Excel date serial for a date. The engine reads all of these.
 */
export function displayValue(slot: Slot, value: Scalar): Scalar {
  if (value === null) return null;
  if (slot.kind === 'yes-no' && typeof value === 'boolean') return value ? YES : NO;
  if (slot.kind === 'choice' && typeof value === 'string')
    return slot.choices?.find((o) => o.id === value)?.label.vi ?? value;
  if (slot.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return Math.round((Date.parse(`${value}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000);
  return value;
}

export function slotFormat(slot: Slot, c: Criterion): string | undefined {
  if (slot.kind === 'ratio-or-numerator') return '0.00%';
  if (slot.kind === 'date') return 'dd/mm/yyyy';
  if (slot.kind === 'count') return '0';
  if (slot.kind === 'points') return '0.##';
  return c.allowNotApplicable ? '@' : undefined;
}

/** Data validation for one input cell: it refuses bad values at the cell, with a Vietnamese message. */
export function slotValidation(
  slot: Slot,
  c: Criterion,
  address: string,
  lists: ListSheet,
): ValidationSpec | undefined {
  const prompt = { title: `${c.id}: ${slot.label.vi}`.slice(0, 32), message: `${slot.label.vi}`.slice(0, 255) };
  const na = c.allowNotApplicable !== undefined;
  const base = { range: address, allowBlank: true, prompt };
  switch (slot.kind) {
    case 'yes-no':
      return {
        ...base,
        type: 'list',
        source: lists.ref(na ? [YES, NO, NOT_APPLICABLE] : [YES, NO]),
        error: { title: c.id, message: 'Chọn Có hoặc Không.' },
      };
    case 'choice':
      return {
        ...base,
        type: 'list',
        source: lists.ref(slot.choices!.map((o) => o.label.vi)),
        error: { title: c.id, message: 'Chọn một giá trị trong danh sách.' },
      };
    case 'ratio-or-numerator':
      // "Không áp dụng" is text: where the decision allows it, the cell takes it and DTI_CHECK checks the rest.
      return na
        ? {
            ...base,
            type: 'textLength',
            min: 0,
            max: 40,
            error: { title: c.id, message: 'Nhập tỷ lệ (%) hoặc "Không áp dụng".' },
          }
        : { ...base, type: 'decimal', min: 0, max: 1, error: { title: c.id, message: 'Tỷ lệ phải từ 0% đến 100%.' } };
    case 'count':
      return na
        ? {
            ...base,
            type: 'textLength',
            min: 0,
            max: 40,
            error: { title: c.id, message: 'Nhập số lượng hoặc "Không áp dụng".' },
          }
        : { ...base, type: 'whole', min: 0, max: 1e9, error: { title: c.id, message: 'Nhập số nguyên không âm.' } };
    case 'points':
      return {
        ...base,
        type: 'decimal',
        min: 0,
        max: typeof c.max === 'number' ? c.max : 1000,
        error: { title: c.id, message: `Điểm tự chấm từ 0 đến ${typeof c.max === 'number' ? c.max : 'điểm tối đa'}.` },
      };
    case 'number':
      return { ...base, type: 'decimal', min: 0, max: 1e15, error: { title: c.id, message: 'Nhập số không âm.' } };
    case 'date':
      return {
        ...base,
        type: 'date',
        min: 36526,
        error: { title: c.id, message: 'Nhập ngày (dd/mm/yyyy), hoặc để trống nếu chưa thực hiện.' },
      };
    case 'levels':
      return {
        ...base,
        type: 'textLength',
        min: 0,
        max: 2000,
        prompt: {
          title: `${c.id}: mức độ các xã`,
          message: 'Nhập mức độ (0–5) của từng xã, cách nhau bởi dấu phẩy, ví dụ: 2, 3, 3, 4',
        },
        error: { title: c.id, message: 'Danh sách quá dài.' },
      };
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

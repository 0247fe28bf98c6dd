/**
 * What an officer entered for a criterion, as plain text for the council to read beside the
 * points: each filled input with its label ("Tử số: 350; Mẫu số: 500"), a share as a percentage,
 * a date as dd/mm/yyyy, Có/Không as written. A single input is shown without its label.
 */
import { inputSlots, type Slot } from '../engine';
import type { Criterion, Rubric } from '../rubrics';
import type { Scalar } from '../template';

/**
 * Made once: `toLocaleString` builds a formatter on every call, which was a third of a
 * submission's re-scoring (79 criteria a file, a thousand files a batch). Same output by definition.
 */
const VI_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function shown(slot: Slot, v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') {
    const n = slot.kind === 'share' && v <= 1 ? v * 100 : v;
    const text = VI_NUMBER.format(n);
    return slot.kind === 'share' && v <= 1 ? `${text}%` : text;
  }
  const s = String(v).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : s;
}

export function entryText(rubric: Rubric, criterion: Criterion, cells: readonly Scalar[]): string {
  const slots = inputSlots(rubric, criterion);
  const filled = slots
    .map((slot, i) => ({ slot, v: cells[i] ?? null }))
    .filter(({ v }) => v !== null && String(v).trim() !== '');
  if (filled.length === 1 && slots.length === 1) return shown(filled[0].slot, filled[0].v);
  return filled.map(({ slot, v }) => `${slot.label.vi}: ${shown(slot, v)}`).join('; ');
}

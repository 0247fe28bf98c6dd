/**
 * What a criterion expects to be entered, in plain words an officer reads (no formats, no ids):
 * each slot's accepted forms, and the criterion's whole expectation, from the input model. Every
 * "cần …" message, `dti criteria` and the template's input messages use these words.
 */
import { t, type Text } from '../base';
import type { Criterion, Rubric } from '../rubrics';
import { inputSlots, type Slot } from './slots';

const or = (parts: Text[]): Text => t(parts.map((p) => p.vi).join(' hoặc '), parts.map((p) => p.en).join(' or '));

/** A slot's accepted forms, in words. */
export function describeSlot(slot: Slot, max?: number): Text {
  switch (slot.kind) {
    case 'yes-no': {
      const words = slot.words && 'yes' in slot.words ? slot.words : undefined;
      const own = [...(words?.yes ?? []), ...(words?.no ?? [])].filter((w) => w.vi.length <= 60);
      return own.length
        ? t(
            `Có hoặc Không (hoặc: ${own.map((w) => `“${w.vi}”`).join(', ')})`,
            `Có or Không (yes/no; or: ${own.map((w) => `“${w.en ?? w.vi}”`).join(', ')})`,
          )
        : t('Có hoặc Không', 'Có or Không (yes/no)');
    }
    case 'choice':
      return t(
        `một trong: ${slot.choices!.map((c) => c.label.vi).join(' / ')}`,
        `one of: ${slot.choices!.map((c) => c.label.en ?? c.label.vi).join(' / ')}`,
      );
    case 'share':
      return t('tỷ lệ phần trăm, ví dụ 62%', 'a percentage, e.g. 62%');
    case 'count': {
      const words = slot.words && 'counts' in slot.words ? slot.words.counts : [];
      const count = t('số lượng (số nguyên, ví dụ 12)', 'a count (a whole number, e.g. 12)');
      return words.length
        ? or([
            count,
            t(
              words.map((w) => `“${w.text.vi}”`).join(', '),
              words.map((w) => `“${w.text.en ?? w.text.vi}”`).join(', '),
            ),
          ])
        : count;
    }
    case 'points':
      return max === undefined
        ? t('số điểm, từ 0 đến điểm tối đa', 'points, from 0 to the max')
        : t(`số điểm từ 0 đến ${max}`, `points from 0 to ${max}`);
    case 'number':
      return t('một số (ví dụ 1.200.000)', 'a number (e.g. 1,200,000)');
    case 'date':
      return t('ngày, ví dụ 15/04/2025', 'a date, e.g. 15/04/2025');
    case 'text':
      return t('nội dung', 'text');
    case 'levels':
      return t('mức độ (0 đến 5) của từng xã, ví dụ: 2, 3, 3, 4', 'each commune’s level (0 to 5), e.g. 2, 3, 3, 4');
  }
}

const isRatioTrio = (slots: Slot[]) =>
  slots.length === 3 &&
  slots
    .map((s) => s.key)
    .sort()
    .join() === 'denominator,numerator,share';

/** What a criterion expects, in words: used in every "cần …" message and in `dti criteria`. */
export function expected(
  rubric: Rubric,
  criterion: Criterion,
  options?: Readonly<Record<string, string>>,
  max?: number,
): Text {
  const slots = inputSlots(rubric, criterion, options);
  if (isRatioTrio(slots))
    return t(
      'tử số và mẫu số (số nguyên), hoặc tỷ lệ phần trăm (ví dụ 62%)',
      'the numerator and denominator (whole numbers), or a percentage (e.g. 62%)',
    );
  if (slots.length === 1) return describeSlot(slots[0], max);
  return t(
    slots.map((s) => `${s.label.vi}: ${describeSlot(s, max).vi}`).join('; '),
    slots.map((s) => `${s.label.en}: ${describeSlot(s, max).en}`).join('; '),
  );
}

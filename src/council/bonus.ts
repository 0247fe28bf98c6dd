/**
 * The council's bonus points ("điểm khuyến khích"), where the decision provides them (Hà Nội
 * 5279, Điều 2.3.b): an amount per unit, with a reason, outside the max. The cap is the decision's
 * number or, where it names none, the rubric option the council picks it from. The workbook
 * validates the cell to 0..cap and the reader refuses what the validation would refuse.
 */
import { t, type Text } from '../base';
import { isBlank, toNumber } from '../engine';
import type { Rubric } from '../rubrics';
import type { Scalar, ValidationSpec } from '../template';

/** The most bonus points one unit may get, or null when the rubric foresees none. */
export function councilBonusCap(rubric: Rubric, options?: Readonly<Record<string, string>>): number | null {
  const bonus = rubric.councilBonus;
  if (!bonus) return null;
  if (bonus.cap !== undefined) return bonus.cap;
  const option = rubric.options.find((o) => o.id === bonus.capOption)!;
  const chosen = options?.[option.id];
  return Number(option.choices.some((c) => c.id === chosen) ? chosen : option.default);
}

export function bonusValidation(rubric: Rubric, address: string, cap: number): ValidationSpec {
  const article = rubric.councilBonus?.source.article ?? '';
  return {
    range: address,
    type: 'decimal',
    min: 0,
    max: cap,
    allowBlank: true,
    prompt: {
      title: 'Điểm khuyến khích',
      message: `Cho sáng kiến, phương thức mới đạt hiệu quả (${article}): từ 0 đến ${cap} điểm, ngoài điểm tối đa. Ghi lý do ở cột bên cạnh.`,
    },
    error: { title: 'Điểm khuyến khích', message: `Nhập số điểm từ 0 đến ${cap}.` },
  };
}

/** A bonus cell as points, or why not (blank is 0, as the sheet's formulas count it). */
export function bonusPoints(v: Scalar, cap: number, unitName: string): number | Text {
  // Read as the appraised points are (the engine's number reader: "2,5", "2.5", 2.5).
  const n = isBlank(v) ? 0 : typeof v === 'boolean' ? undefined : toNumber(v);
  if (n !== undefined && n >= 0 && n <= cap) return n;
  return t(
    `${unitName}: điểm khuyến khích "${String(v)}" không phải số điểm từ 0 đến ${cap}`,
    `${unitName}: bonus points "${String(v)}" is not a number of points from 0 to ${cap}`,
  );
}

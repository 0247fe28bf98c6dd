/**
 * The validation on every input cell, evaluated as Excel would (fast-formula-parser, test-only):
 * it accepts at the cell what the engine reads for that slot and refuses the rest, and "Không áp
 * dụng" only where the decision allows it. Prompts fit Excel's limits.
 */
import FormulaParser from 'fast-formula-parser';
import { criteriaFor, inputSlots, type SlotKind } from '../../src/engine';
import { allRubrics, getRubric } from '../../src/rubrics';
import { buildTemplate, fitWords, MAIN_SHEET, NOT_APPLICABLE, type Scalar } from '../../src/template';

/** What a slot of each kind must accept and refuse at the cell (numbers as Excel stores them). */
const FORMS: Partial<Record<SlotKind, { accept: Scalar[]; refuse: Scalar[] }>> = {
  share: { accept: [0, 0.62, 1], refuse: [1.2, -0.1, 'nhiều'] },
  count: { accept: [0, 7, 1250], refuse: [2.5, -1, 'vài'] },
  number: { accept: [0, 150000000, 2.5], refuse: [-3, 'nhiều'] },
  // Dates are serials; "Không" says the act was not done. A serial before 2000 is a number typed by mistake.
  date: { accept: [45672, 'Không'], refuse: [12, 'sớm'] },
};

/**
 * Evaluates a validation formula with the cell holding `value`. Excel refuses an entry when the
 * formula gives FALSE or an error (AND does not short-circuit: INT("text") is #VALUE!).
 */
let cellValue: Scalar = null;
const parser = new FormulaParser({ onCell: () => cellValue });
function passes(formula: string, value: Scalar): boolean {
  cellValue = value;
  try {
    return parser.parse(formula.replace(/^=/, ''), { sheet: MAIN_SHEET, row: 1, col: 1 }) === true;
  } catch {
    return false;
  }
}

const units = allRubrics().flatMap((r) => r.units.map((u) => [r.id, u.id] as const));

describe.each(units)('input validations of %s %s', (rubricId, unit) => {
  const rubric = getRubric(rubricId);
  const spec = buildTemplate(rubric, { unit, year: 2025 });
  const main = spec.sheets[0];
  const column = spec.layout.valueColumn!;

  test('each slot cell accepts the forms the engine reads and refuses the others; "Không áp dụng" only where allowed', () => {
    let checked = 0;
    for (const c of criteriaFor(rubric, unit)) {
      inputSlots(rubric, c).forEach((slot, i) => {
        const address = `${column}${spec.layout.rows[c.id] + i}`;
        const v = main.validations.find((x) => x.range === address);
        const forms = FORMS[slot.kind];
        if (!forms || v?.type !== 'custom') return;
        for (const value of forms.accept)
          expect([c.id, slot.key, value, passes(v.formula!, value)]).toEqual([c.id, slot.key, value, true]);
        for (const value of forms.refuse)
          expect([c.id, slot.key, value, passes(v.formula!, value)]).toEqual([c.id, slot.key, value, false]);
        const naAllowed = c.allowNotApplicable !== undefined;
        expect([c.id, slot.key, v.formula, passes(v.formula!, NOT_APPLICABLE)]).toEqual([
          c.id,
          slot.key,
          v.formula,
          naAllowed,
        ]);
        if (slot.words && 'counts' in slot.words)
          for (const w of slot.words.counts)
            expect([c.id, w.text.vi, passes(v.formula!, w.text.vi)]).toEqual([c.id, w.text.vi, true]);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('a points slot refuses more than the criterion’s maximum', () => {
    for (const c of criteriaFor(rubric, unit)) {
      inputSlots(rubric, c).forEach((slot, i) => {
        if (slot.kind !== 'points' || typeof c.max !== 'number') return;
        const v = main.validations.find((x) => x.range === `${column}${spec.layout.rows[c.id] + i}`)!;
        expect([c.id, passes(v.formula!, c.max), passes(v.formula!, c.max + 0.5)]).toEqual([c.id, true, false]);
      });
    }
  });

  test('every prompt and error fits Excel’s limits (title 32, message 225 characters)', () => {
    for (const v of main.validations) {
      for (const box of [v.prompt, v.error].filter((b) => b !== undefined)) {
        expect([v.range, box.title.length <= 32]).toEqual([v.range, true]);
        expect([v.range, box.message.length <= 225]).toEqual([v.range, true]);
      }
    }
  });
});

test('long texts are cut at a whole word and marked', () => {
  const text = 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết';
  const cut = fitWords(text, 32);
  expect(cut.length).toBeLessThanOrEqual(32);
  expect(cut.endsWith('…')).toBe(true);
  expect(text.startsWith(cut.slice(0, -1))).toBe(true);
  expect(text[cut.length - 1]).toBe(' ');
  expect(fitWords('ngắn', 32)).toBe('ngắn');
});

/**
 * The formulas the templates put in cells, evaluated by a real formula engine (fast-formula-parser,
 * MIT, test-only) with the shipped functions registered under both names Excel uses: as typed
 * (CDS.DTI_SCORE) and as saved in a file (_xldudf_CDS_DTI_SCORE), in any case. Results must equal
 * the engine's, cell by cell and in the SUM total.
 */
import FormulaParser from 'fast-formula-parser';
import { assess, cellsFromValue, criteriaFor, inputSlots } from '../../src/engine';
import { sampleValues } from '../support/sample';
import { FUNCTION_IDS, functionIdOf, savedName, toTypedForm, typedName } from '../../src/functions';
import { getRubric } from '../../src/rubrics';
import { call, loadFunctionsBundle } from '../support/functions-bundle';

const fns = loadFunctionsBundle();
const ARITY: Record<string, number> = {
  DTI_SCORE: 8,
  DTI_CHECK: 8,
  DTI_LEVEL: 4,
  DTI_MAX: 9,
  DTI_LEVEL_NAME: 2,
  DTI_SHORTFALL: 6,
};

type Sheet = unknown[][]; // [row][col], 0-based

function evaluate(sheet: Sheet, formula: string): unknown {
  const bridge =
    (id: string) =>
    (...args: { value: unknown; omitted?: boolean }[]) =>
      call(
        fns,
        id,
        args.map((a) => (a.omitted ? null : a.value)),
        ARITY[id],
      );
  const functions: Record<string, (...a: never[]) => unknown> = {};
  for (const id of FUNCTION_IDS) {
    functions[typedName(id)] = bridge(id);
    functions[savedName(id).toUpperCase()] = bridge(id);
  }
  const parser = new FormulaParser({
    functions,
    onCell: ({ row, col }: { row: number; col: number }) => sheet[row - 1]?.[col - 1] ?? null,
    onRange: (ref: { from: { row: number; col: number }; to: { row: number; col: number } }) => {
      const out: unknown[][] = [];
      for (let r = ref.from.row; r <= ref.to.row; r++) {
        const row: unknown[] = [];
        for (let c = ref.from.col; c <= ref.to.col; c++) row.push(sheet[r - 1]?.[c - 1] ?? null);
        out.push(row);
      }
      return out;
    },
  });
  return parser.parse(formula, { sheet: 'Sheet1', row: 1, col: 1 });
}

describe('function names in both forms', () => {
  test('the saved form maps back to the typed form, whatever the case', () => {
    expect(savedName('DTI_SCORE')).toBe('_xldudf_CDS_DTI_SCORE');
    expect(functionIdOf('_XLDUDF_cds_dti_score')).toBe('DTI_SCORE');
    expect(functionIdOf('cds.dti_level')).toBe('DTI_LEVEL');
    expect(functionIdOf('SUM')).toBeUndefined();
    expect(toTypedForm('=ROUND(_xldudf_CDS_DTI_SCORE($B$2,$B$3,"I.1",D5),2)+_xldudf_cds_dti_max(A1,B1,"I.1")')).toBe(
      '=ROUND(CDS.DTI_SCORE($B$2,$B$3,"I.1",D5),2)+CDS.DTI_MAX(A1,B1,"I.1")',
    );
  });
});

describe.each([
  ['hue-2263-2023', 'xa', undefined],
  ['hue-931-2024', 'huyen', undefined],
  ['hanoi-5279-2025', 'so', 'Sở Du lịch'],
  ['hanoi-5279-2025', 'xa', undefined],
] as const)('score formulas in a %s %s sheet', (rubricId, unit, unitName) => {
  const rubric = getRubric(rubricId);
  const criteria = criteriaFor(rubric, unit);
  const values = sampleValues(rubric, unit, 11);
  // Row 1: rubric | unit | unit name. Row 3 on: id | value cells (B–F) | score (G).
  const sheet: Sheet = [[rubricId, unit, unitName ?? null], []];
  for (const c of criteria) {
    const cells = cellsFromValue(rubric, c, values[c.id]);
    const row: unknown[] = [c.id, ...cells];
    if (c.onlyFor) row[1 + inputSlots(rubric, c).length] = unitName ?? null;
    sheet.push(row);
  }
  const engine = assess(rubric, { unit, unitName, values });
  const forms = [
    (r: number) => `CDS.DTI_SCORE($A$1,$B$1,A${r},B${r},C${r},D${r},E${r},F${r})`,
    (r: number) => `_xldudf_CDS_DTI_SCORE($A$1,$B$1,A${r},B${r},C${r},D${r},E${r},F${r})`,
    (r: number) => `_XLDUDF_cds_dti_score($A$1,$B$1,A${r},B${r},C${r},D${r},E${r},F${r})`,
  ];

  test.each(forms.map((f, i) => [['typed', 'saved', 'saved, mixed case'][i], f] as const))(
    '%s form: every cell and the SUM total equal the engine',
    (_name, form) => {
      criteria.forEach((c, i) => {
        const r = i + 3;
        const got = evaluate(sheet, form(r));
        const want = engine.criteria.find((x) => x.id === c.id)!;
        expect([c.id, got]).toEqual([c.id, want.points]);
        sheet[r - 1][6] = got;
      });
      const last = criteria.length + 2;
      expect(evaluate(sheet, `ROUND(SUM(G3:G${last}),2)`)).toBe(engine.total);
    },
  );
});

test('the unit level formula over two ranges equals the engine (Kon Tum district)', () => {
  const rubric = getRubric('kontum-121-2025');
  const criteria = criteriaFor(rubric, 'huyen');
  for (const seed of [3, 5, 8]) {
    const values = sampleValues(rubric, 'huyen', seed);
    const sheet: Sheet = [['kontum-121-2025', 'huyen'], []];
    for (const c of criteria) sheet.push([c.id, ...cellsFromValue(rubric, c, values[c.id])]);
    const last = criteria.length + 2;
    const want = assess(rubric, { unit: 'huyen', values }).level!.number;
    expect(evaluate(sheet, `CDS.DTI_LEVEL($A$1,$B$1,A3:A${last},B3:C${last})`)).toBe(want);
    expect(evaluate(sheet, `_xldudf_CDS_DTI_LEVEL($A$1,$B$1,A3:A${last},B3:C${last})`)).toBe(want);
    expect(evaluate(sheet, `_xldudf_CDS_DTI_LEVEL_NAME($A$1,${want})`)).toBe(
      want === 0 ? 'Chưa đạt mức 1' : rubric.levels![want - 1].name.vi,
    );
  }
});

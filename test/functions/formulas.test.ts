/**
 * The formulas the templates put in cells, evaluated by a real formula engine (fast-formula-parser,
 * MIT, test-only) with the shipped functions registered under both names Excel uses: as typed
 * (CDS.DTI_SCORE) and as saved in a file (_xldudf_CDS_DTI_SCORE), in any case.
 *
 * Every rubric's main sheet — untouched, partly filled, fully filled — is computed twice: with a
 * blank reaching a custom function as nothing, and as 0, as some Excel desktop builds pass it
 * (office-js issues #4702, #5262, #1951). Both must give the engine's numbers: a blank is never
 * points, never a level, never ✓.
 */
import FormulaParser from 'fast-formula-parser';
import { assess, criteriaFor, OK_MARK } from '../../src/engine';
import { FUNCTION_IDS, functionIdOf, savedName, toSavedForm, toTypedForm, typedName } from '../../src/functions';
import { allRubrics, getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  cellsOf,
  checkTemplate,
  entriesFromValues,
  headerCells,
  MAIN_SHEET,
  readEntries,
  SIGNED_REQUIRED,
  toAssessmentInput,
  type Scalar,
  type WorkbookSpec,
} from '../../src/template';
import { call, loadFunctionsBundle } from '../support/functions-bundle';
import { sampleValues } from '../support/sample';

const fns = loadFunctionsBundle();
const ARITY: Record<string, number> = {
  DTI_SCORE: 11,
  DTI_CHECK: 11,
  DTI_LEVEL: 7,
  DTI_MAX: 11,
  DTI_LEVEL_NAME: 2,
  DTI_SHORTFALL: 8,
};

type BlankMode = 'null' | 'zero';

/** Computes every formula of a sheet on demand, from its values; blanks reach the add-in's functions as `mode` says. */
function sheetEvaluator(
  cells: Map<string, { value?: Scalar; formula?: string }>,
  mode: BlankMode,
  form: (f: string) => string,
) {
  const memo = new Map<string, unknown>();
  const bridge =
    (id: string) =>
    (...args: { value: unknown; omitted?: boolean }[]) =>
      call(
        fns,
        id,
        args.map((a) =>
          a.omitted || a.value === null || a.value === undefined ? (mode === 'zero' ? 0 : null) : a.value,
        ),
        ARITY[id],
      );
  const functions: Record<string, (...a: never[]) => unknown> = {};
  for (const id of FUNCTION_IDS) {
    functions[typedName(id)] = bridge(id);
    functions[savedName(id).toUpperCase()] = bridge(id);
  }
  // fast-formula-parser lacks MIN; Excel's MIN takes the numbers of its arguments and ranges, 0 when there are none.
  functions.MIN = (...args: { value: unknown }[]) => {
    const numbers = args.flatMap((a) => [a.value].flat(2)).filter((v): v is number => typeof v === 'number');
    return numbers.length ? Math.min(...numbers) : 0;
  };
  const address = (row: number, col: number) => `${String.fromCharCode(64 + col)}${row}`;
  const value = (a: string): unknown => {
    const c = cells.get(a);
    if (!c) return null;
    if (c.formula === undefined) return c.value ?? null;
    if (!memo.has(a)) {
      // The parser is not re-entrant: compute what the formula refers to first, so its callbacks only read.
      for (const ref of c.formula.replace(/"[^"]*"/g, '').match(/\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?/g) ?? []) {
        for (const inRange of cellsOf(ref.replace(/\$/g, ''))) value(inRange);
      }
      memo.set(a, parser.parse(form(c.formula).replace(/^=/, ''), { sheet: MAIN_SHEET, row: 1, col: 1 }));
    }
    return memo.get(a);
  };
  const parser: FormulaParser = new FormulaParser({
    functions,
    onCell: ({ row, col }) => value(address(row, col)),
    onRange: (ref) => {
      const out: unknown[][] = [];
      for (let r = ref.from.row; r <= ref.to.row; r++) {
        const line: unknown[] = [];
        for (let c = ref.from.col; c <= ref.to.col; c++) line.push(value(address(r, c)));
        out.push(line);
      }
      return out;
    },
  });
  return value;
}

function mainCells(spec: WorkbookSpec) {
  return new Map(spec.sheets[0].cells.map((c) => [c.address, c]));
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

const cases = allRubrics().flatMap((r) =>
  r.units.map(
    (u) =>
      [
        r.id,
        u.id,
        r.units.find((x) => x.id === u.id)?.names
          ? r.lists[r.units.find((x) => x.id === u.id)!.names!].names[0].name
          : 'Phường Thử',
      ] as const,
  ),
);
const FILLS = ['untouched', 'partly filled', 'fully filled'] as const;
const FORMS: [string, (f: string) => string][] = [
  ['typed', (f) => f],
  ['saved', toSavedForm],
  ['saved, mixed case', (f) => toSavedForm(f).replace(/_xldudf_CDS_DTI_/g, '_XLDUDF_cds_dti_')],
];

describe.each(cases)('the %s %s template computed by a formula engine', (rubricId, unit, unitName) => {
  const rubric = getRubric(rubricId);
  const criteria = criteriaFor(rubric, unit);
  const all = sampleValues(rubric, unit, 11);
  const valuesFor = (fill: (typeof FILLS)[number]) =>
    fill === 'untouched'
      ? {}
      : fill === 'fully filled'
        ? all
        : Object.fromEntries(criteria.filter((_, i) => i % 2 === 0).map((c) => [c.id, all[c.id]]));
  const general = Object.fromEntries(
    rubric.general.filter((g) => g.kind !== 'text').map((g, i) => [g.id, 100 + 37 * i]),
  );

  test.each(FILLS.flatMap((fill) => (['null', 'zero'] as BlankMode[]).map((mode) => [fill, mode] as const)))(
    '%s, blanks reaching the functions as %s: every result, max and the total equal the engine',
    (fill, mode) => {
      const spec = buildTemplate(rubric, {
        unit,
        unitName,
        year: 2025,
        entries: entriesFromValues(rubric, unit, valuesFor(fill)),
        general,
      });
      // What the engine reads from the same cells (as `dti score FILE.xlsx` would).
      const read = (sheet: string, a: string) =>
        sheet === MAIN_SHEET
          ? (mainCells(spec).get(a)?.value ?? null)
          : (spec.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.address === a)?.value ?? null);
      const filled = readEntries(read, { meta: spec.meta, layout: spec.layout });
      const engine = assess(rubric, toAssessmentInput(rubric, filled));
      // The pane's check on the same entries: the sheet's check cell must give the same verdict.
      const paneSaysSigned = new Set(
        checkTemplate(rubric, filled)
          .filter((p) => p.message.vi === SIGNED_REQUIRED.vi)
          .map((p) => p.criterion),
      );
      const [formName, form] = FORMS[FILLS.indexOf(fill)];
      const value = sheetEvaluator(mainCells(spec), mode, form);
      const { layout } = spec;
      for (const c of criteria) {
        const row = layout.rows[c.id];
        const want = engine.criteria.find((x) => x.id === c.id)!;
        const result = value(`${layout.score}${row}`);
        if (rubric.kind === 'levels') expect([formName, c.id, result]).toEqual([formName, c.id, want.level]);
        else {
          expect([formName, c.id, result]).toEqual([
            formName,
            c.id,
            c.effect === 'penalty' ? -want.points! : want.points,
          ]);
          if (c.effect === 'score') expect([c.id, value(`${layout.max}${row}`)]).toEqual([c.id, want.max]);
        }
        const check = value(`${layout.check}${row}`);
        if (want.status === 'missing') expect([c.id, check]).toEqual([c.id, expect.stringMatching(/^Chưa nhập/)]);
        if (paneSaysSigned.has(c.id)) expect([c.id, check]).toEqual([c.id, SIGNED_REQUIRED.vi]);
        else if (want.status === 'ok' && !engine.problems.some((p) => p.criterion === c.id))
          expect([c.id, check]).toEqual([c.id, OK_MARK]);
      }
      const total = value(headerCells(layout).total);
      expect(total).toBe(rubric.kind === 'levels' ? engine.level!.number : engine.total);
      if (fill === 'untouched') {
        expect(total).toBe(0);
        for (const c of criteria)
          expect([c.id, value(`${layout.check}${layout.rows[c.id]}`)]).not.toEqual([c.id, OK_MARK]);
      }
    },
  );
});

test('without the blank guard, a build that passes blanks as 0 would score an untouched criterion (why the guard exists)', () => {
  // 931 II.2 gives full points for 0 of 0 (no provincial directive to follow up): blanks passed as 0 would read so.
  const rubric = getRubric('hue-931-2024');
  const spec = buildTemplate(rubric, { unit: 'xa', year: 2025 });
  const row = spec.layout.rows['II.2'];
  const formula = spec.sheets[0].cells.find((c) => c.address === `${spec.layout.score}${row}`)!.formula!;
  expect(formula).toContain(`IF(ISBLANK(${spec.layout.valueColumn}${row}),"",${spec.layout.valueColumn}${row})`);
  const unguarded = formula.replace(/IF\(ISBLANK\(([A-Z]+\d+)\),"",\1\)/g, '$1');
  const cells = mainCells(spec);
  cells.set('Z1', { address: 'Z1', formula: unguarded });
  const zero = sheetEvaluator(cells, 'zero', (f) => f);
  const guarded = sheetEvaluator(mainCells(spec), 'zero', (f) => f);
  expect(zero('Z1')).toBeGreaterThan(0); // the silent points the guard prevents
  expect(guarded(`${spec.layout.score}${row}`)).toBe(0);
});

test('the sheet’s check cell asks for the signed file exactly when the pane does (931 I.1: a decision "có ký số")', () => {
  // I.1 (5 points, "Quyết định bằng file điện tử có ký số"): yes without "Có" in the signed column → asked.
  const rubric = getRubric('hue-931-2024');
  // Each document's signed column, first document first: one signed file is what the decision asks.
  const build = (signed: readonly Scalar[], value: Scalar) =>
    buildTemplate(rubric, {
      unit: 'xa',
      year: 2025,
      entries: {
        'I.1': {
          slots: [value],
          evidence: signed.map((s, i) => ({ number: `${12 + i}/QĐ`, date: null, issuer: null, link: null, signed: s })),
          note: null,
        },
      },
    });
  for (const [signed, value, asked] of [
    [[null], true, true],
    [['Không'], true, true],
    [['Có'], true, false],
    [[null], false, false], // "Không": nothing claimed, nothing to sign
    [['Không', 'Có'], true, false], // the second document is the signed file
    [['Không', 'Không'], true, true],
    [[null, null, 'Có'], true, false], // a third document: the criterion's rows grew to hold it
  ] as const) {
    const spec = build(signed, value);
    const row = spec.layout.rows['I.1'];
    const sheet = sheetEvaluator(mainCells(spec), 'null', (f) => f);
    const check = sheet(`${spec.layout.check}${row}`);
    expect([signed, value, check === SIGNED_REQUIRED.vi]).toEqual([signed, value, asked]);
    // The result stored for Excel to show before it recalculates says the same.
    const stored = spec.sheets[0].cells.find((c) => c.address === `${spec.layout.check}${row}`)!.result;
    expect([signed, value, stored === SIGNED_REQUIRED.vi]).toEqual([signed, value, asked]);
  }
});

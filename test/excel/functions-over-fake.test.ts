/**
 * The shipped CDS.* functions computing the template the Office.js writer put into the strict
 * fake, with every cell reaching them as Excel passes it (FakeExcel.functionArgument): a blank as
 * 0 on Excel desktop and as null on Excel on the web (office-js #4702, #1951, #5262), a cell
 * holding a data type as its object, because functions.json allows custom data
 * (allowCustomDataForDataTypeAny). Whatever the platform, the score and check columns say what
 * the engine says about the entries read back from the same workbook.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { assess, criteriaFor, OK_MARK } from '../../src/engine';
import { insertTemplate, readOpenTemplate } from '../../src/excel';
import { getRubric, type Rubric } from '../../src/rubrics';
import { entriesFromValues, MAIN_SHEET, slotCells, toAssessmentInput, type TemplateLayout } from '../../src/template';
import { FakeExcel } from '../support/fake-excel';
import { call, loadFunctionsBundle } from '../support/functions-bundle';
import { sampleValues } from '../support/sample';

const web = join(__dirname, '..', '..', 'test-output', 'web');
const metadata = JSON.parse(readFileSync(join(web, 'functions.json'), 'utf8')) as {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; parameters: unknown[] }[];
};
const fns = loadFunctionsBundle();
const arity = Object.fromEntries(metadata.functions.map((f) => [f.id, f.parameters.length]));
const allowCustomData = metadata.allowCustomDataForDataTypeAny === true;

/** Top-level arguments of a call's argument list, split at commas outside strings and parentheses. */
function splitArgs(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

const REF = /^\$?[A-Z]+\$?\d+$/;

/**
 * Computes one template formula `=CDS.F(arg, …)` the way Excel would call the add-in: each
 * argument a string or number literal, a reference to one cell of the main sheet, or the
 * template's blank guard IF(ISBLANK(X),"",X). Anything else fails the test (extend it here).
 */
function compute(fake: FakeExcel, formula: string, unguard = false): unknown {
  const m = /^=CDS\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a CDS call: ${formula}`);
  const cellBlank = (ref: string) => {
    const c = fake.cell(MAIN_SHEET, ref.replace(/\$/g, ''));
    return !c || (c.value === undefined && c.formula === undefined);
  };
  const arg = (text: string): unknown => {
    const a = text.trim();
    if (/^"([^"]|"")*"$/.test(a)) return a.slice(1, -1).replace(/""/g, '"');
    if (/^-?\d+(\.\d+)?$/.test(a)) return Number(a);
    if (REF.test(a)) return fake.functionArgument(MAIN_SHEET, a, { allowCustomData });
    const guard = /^IF\(ISBLANK\((\$?[A-Z]+\$?\d+)\),"",(\$?[A-Z]+\$?\d+)\)$/.exec(a);
    if (guard && guard[1] === guard[2])
      return !unguard && cellBlank(guard[1]) ? '' : fake.functionArgument(MAIN_SHEET, guard[1], { allowCustomData });
    throw new Error(`argument not understood: ${a} in ${formula}`);
  };
  return call(fns, m[1], splitArgs(m[2]).map(arg), arity[m[1]]);
}

/**
 * The CDS call of a check cell. Where the decision asks for a signed file, the template puts it
 * behind plain Excel logic (`=IF(AND(…signed…),"…",CDS.DTI_CHECK(…))`), which the formula-engine
 * test evaluates (test/functions/formulas.test.ts); here it is the functions' own answer.
 */
function functionsCall(formula: string): string {
  const inner = /^=IF\(.*,(CDS\.DTI_CHECK\(.*\))\)$/.exec(formula);
  return inner ? `=${inner[1]}` : formula;
}

/** The template inserted through Office.js on `platform`, then every other criterion typed in as Excel stores it. */
async function filled(rubric: Rubric, platform: 'desktop' | 'web', seed = 5) {
  const fake = new FakeExcel(['Sheet1'], { platform });
  const r = await insertTemplate(fake, rubric, { unit: 'xa', unitName: 'Phường Thử', year: 2025 }, undefined, {
    isSetSupported: () => true,
  });
  expect(r.ok).toBe(true);
  const layout = (await readOpenTemplate(fake))!.info.layout;
  const criteria = criteriaFor(rubric, 'xa');
  const all = sampleValues(rubric, 'xa', seed);
  const some = Object.fromEntries(criteria.filter((_, i) => i % 2 === 0).map((c) => [c.id, all[c.id]]));
  for (const [id, entry] of Object.entries(entriesFromValues(rubric, 'xa', some)))
    slotCells(layout, id, layout.rows[id]).forEach((address, i) => {
      const v = entry.slots[i];
      if (v === null || v === undefined || v === '') return;
      const cell = fake.cell(MAIN_SHEET, address)!;
      expect([address, cell.locked]).toEqual([address, false]); // an input the officer can type into
      cell.value = v;
    });
  return { fake, layout };
}

function compareWithEngine(rubric: Rubric, fake: FakeExcel, layout: TemplateLayout, engineFrom: FakeExcel) {
  return readOpenTemplate(engineFrom).then((read) => {
    const engine = assess(rubric, toAssessmentInput(rubric, read!));
    const formula = (address: string) => fake.cell(MAIN_SHEET, address)?.formula;
    let scored = 0;
    for (const c of criteriaFor(rubric, 'xa')) {
      const row = layout.rows[c.id];
      const want = engine.criteria.find((x) => x.id === c.id)!;
      const score = compute(fake, formula(`${layout.score}${row}`)!);
      expect([c.id, score]).toEqual([c.id, c.effect === 'penalty' ? -want.points! : want.points]);
      if (want.points) scored++;
      const check = compute(fake, functionsCall(formula(`${layout.check}${row}`)!));
      if (want.status === 'missing') expect([c.id, check]).toEqual([c.id, expect.stringMatching(/^Chưa nhập/)]);
      else if (want.status === 'ok' && !engine.problems.some((p) => p.criterion === c.id))
        expect([c.id, check]).toEqual([c.id, OK_MARK]);
    }
    return scored;
  });
}

describe.each(['hue-2263-2023', 'hue-931-2024'])('the %s template in the fake, computed by functions.js', (id) => {
  const rubric = getRubric(id);

  test.each(['desktop', 'web'] as const)(
    'on Excel %s (blanks as 0 / null): every score and check equals the engine on the entries read back',
    async (platform) => {
      const { fake, layout } = await filled(rubric, platform);
      const scored = await compareWithEngine(rubric, fake, layout, fake);
      expect(scored).toBeGreaterThan(3); // entered criteria score, untouched ones do not
    },
  );

  test('a cell holding a data type (a formatted number) scores as the number it shows', async () => {
    const { fake, layout } = await filled(rubric, 'desktop');
    expect(allowCustomData).toBe(true); // the shipped metadata: data types reach `any` parameters as objects
    const inputs = new Set(Object.entries(layout.rows).flatMap(([id, row]) => slotCells(layout, id, row)));
    const numbers = [...fake.sheet(MAIN_SHEET).cells].filter(([a, c]) => inputs.has(a) && typeof c.value === 'number');
    expect(numbers.length).toBeGreaterThan(0);
    for (const [, c] of numbers) c.dataType = { type: 'Double', basicValue: c.value as number, numberFormat: '0.00' };
    await compareWithEngine(rubric, fake, layout, fake);
  });
});

test('without the blank guard, the desktop would score an untouched criterion and the web would not (why the guard exists)', async () => {
  // 931 II.2 gives full points for 0 of 0 (no provincial directive to follow up).
  const rubric = getRubric('hue-931-2024');
  const points: Record<string, unknown> = {};
  for (const platform of ['desktop', 'web'] as const) {
    const fake = new FakeExcel(['Sheet1'], { platform });
    await insertTemplate(fake, rubric, { unit: 'xa', year: 2025 }, undefined, { isSetSupported: () => true });
    const layout = (await readOpenTemplate(fake))!.info.layout;
    const formula = fake.cell(MAIN_SHEET, `${layout.score}${layout.rows['II.2']}`)!.formula!;
    expect(compute(fake, formula)).toBe(0);
    points[platform] = compute(fake, formula, true);
  }
  expect(points.desktop).toBeGreaterThan(0);
  expect(points.web).toBe(0);
});

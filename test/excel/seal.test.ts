/**
 * Submit through Office.js (against the strict fake): the seal computed from the inputs as they
 * are when it locks them, written where the signature covers it, every input locked under
 * protection, in two syncs; the values kept as the text they are; a failure at any operation, or
 * an edit between the read and the lock, leaves no seal and the inputs as they were. And selecting
 * a cell for the officer.
 */
import fc from 'fast-check';
import { inputCells, insertTemplate, readOpenTemplate, sealWorkbook, selectCell } from '../../src/excel';
import { getRubric, parseRubric, type Rubric, type RubricInput } from '../../src/rubrics';
import {
  computeSeal,
  headerCells,
  MAIN_SHEET,
  META_SHEET,
  SEAL_ROWS,
  slotCells,
  type TemplateLayout,
} from '../../src/template';
import { FakeExcel } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
const AT = '2025-11-20T08:00:00.000Z';

/** A criterion's i-th input cell (`slotCells`: down the value column, or across in a version 1 layout). */
const inputCell = (l: TemplateLayout, id: string, i = 0): string => slotCells(l, id, l.rows[id])[i];

/** A small rubric (pillar I of 2263) for the runs that fail on purpose, many times over. */
const small = (() => {
  const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
  data.pillars = data.pillars.filter((p) => p.id === 'I');
  data.criteria = data.criteria.filter((c) => c.pillar === 'I');
  data.units[0].expect = { max: 90 };
  return parseRubric(data);
})();

async function inserted(r: Rubric = rubric) {
  const fake = new FakeExcel(['Sheet1']);
  await insertTemplate(fake, r, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, undefined, {
    isSetSupported: () => true,
  });
  const filled = (await readOpenTemplate(fake))!;
  const layout = filled.info.layout;
  if (r === rubric) {
    fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))!.value = 45;
    fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 1))!.value = 60;
  } else fake.cell(MAIN_SHEET, inputCell(layout, 'I.4.1', 0))!.value = 3;
  return { fake, layout };
}

/** The fake's document as plain data; a cell with nothing in it and Excel's default lock is no cell. */
function snapshot(fake: FakeExcel): unknown {
  const pristine = JSON.stringify({ font: {}, borders: {}, locked: true });
  return JSON.parse(
    JSON.stringify({ sheets: fake.sheets, names: fake.names, active: fake.activeSheet }, (_, v: unknown) =>
      v instanceof Map ? Object.fromEntries([...v].filter(([, c]) => JSON.stringify(c) !== pristine)) : v,
    ),
  );
}

/** The cells the officer can edit. */
const lockedCells = (fake: FakeExcel) => [...fake.sheet(MAIN_SHEET).cells].filter(([, c]) => !c.locked).map(([a]) => a);

describe('sealing the open workbook', () => {
  test('seals the inputs as they are, where the signature covers it, names it, locks every input, in two syncs', async () => {
    const { fake, layout } = await inserted();
    const before = fake.syncs;
    const { seal, syncs } = await sealWorkbook(fake, AT);
    expect(syncs).toBe(2);
    expect(fake.syncs - before).toBe(2);
    // Computed from exactly the inputs there (what the council will recompute).
    const now = (await readOpenTemplate(fake))!;
    expect(seal).toEqual(await computeSeal({ ...now, seal: undefined }, AT));
    expect(now.seal).toEqual(seal);

    expect(fake.cell(META_SHEET, `A${SEAL_ROWS.digest}`)?.value).toBe('seal.digest');
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.digest}`)?.value).toBe(seal.digest);
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.year}`)?.value).toBe(2025);
    expect(fake.names.get('DTI_SEAL')).toBe(`='${META_SHEET}'!$B$${SEAL_ROWS.digest}`);
    expect(fake.sheet(META_SHEET).protection.protected).toBe(true);
    expect(fake.sheet(MAIN_SHEET).protection.protected).toBe(true);
    // Every cell the template had unlocked for the officer is locked now.
    for (const range of inputCells(layout))
      for (const a of range.includes(':') ? expand(range) : [range])
        expect([a, fake.cell(MAIN_SHEET, a)?.locked]).toEqual([a, true]);
    const header = headerCells(layout);
    expect(fake.cell(MAIN_SHEET, header.unitName)?.locked).toBe(true);
    expect(fake.cell(MAIN_SHEET, header.year)?.locked).toBe(true);
  });

  test('values that look like numbers or dates stay the text they are (the writer’s text guard)', async () => {
    const { fake } = await inserted();
    fake.cell(MAIN_SHEET, 'B6')!.value = '2025'; // a unit name of digits
    const { seal } = await sealWorkbook(fake, AT);
    const written = fake.log.filter((l) => l.includes(`A${SEAL_ROWS.algorithm}:B${SEAL_ROWS.year} values`));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain(`["seal.sealedAt","'${AT}"]`);
    expect(written[0]).toContain(`["seal.unitName","'2025"]`);
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.sealedAt}`)?.value).toBe(AT);
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.unitName}`)?.value).toBe('2025');
    expect((await readOpenTemplate(fake))?.seal).toEqual(seal);
  });

  test('works whatever the protection state: an officer who unprotected the sheet meets no AccessDenied (office-js #6784)', async () => {
    const { fake } = await inserted();
    fake.sheet(MAIN_SHEET).protection = { protected: false };
    fake.sheet(META_SHEET).protection = { protected: false };
    await sealWorkbook(fake, AT);
    expect(fake.sheet(MAIN_SHEET).protection.protected).toBe(true);
    expect(fake.log.some((l) => l.includes('unprotect'))).toBe(false);
  });

  test('an edit between the read and the lock seals nothing and leaves the workbook as it was', async () => {
    const { fake, layout } = await inserted();
    const start = fake.syncs;
    fake.beforeSync = (n) => {
      if (n === start + 2) fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))!.value = 50; // a co-author types
    };
    const before = { ...(snapshot(fake) as object) };
    const error = await sealWorkbook(fake, AT).catch((e: Error) => e);
    fake.beforeSync = undefined;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/vừa thay đổi trong lúc niêm phong.*vẫn như trước/);
    const after = (await readOpenTemplate(fake))!;
    expect(after.seal).toBeUndefined();
    expect(after.entries['VI.4.1'].slots[0]).toBe(50);
    expect(fake.names.has('DTI_SEAL')).toBe(false);
    // Apart from the co-author's 50, exactly as before: locks, protection, the seal rows.
    fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))!.value = 45;
    expect(snapshot(fake)).toEqual(before);
  });

  test('a sealed template is not sealed again', async () => {
    const { fake } = await inserted();
    await sealWorkbook(fake, AT);
    await expect(sealWorkbook(fake, '2025-12-01T00:00:00.000Z')).rejects.toThrow(/đã được niêm phong/);
  });

  test('a failure at any operation leaves either the complete seal, or no seal and the inputs as they were', async () => {
    const probe = await inserted(small);
    const from = probe.fake.opsRun;
    await sealWorkbook(probe.fake, AT);
    const total = probe.fake.opsRun - from;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: total - 1 }), fc.boolean(), async (point, afterRun) => {
        const { fake } = await inserted(small);
        const before = snapshot(fake);
        const entries = (await readOpenTemplate(fake))!.entries;
        const locks = lockedCells(fake);
        fake.failAt(point, afterRun);
        const outcome = await sealWorkbook(fake, AT).then(
          (r) => r.seal,
          (e: Error) => e,
        );
        const after = (await readOpenTemplate(fake))!;
        expect(after.entries).toEqual(entries);
        if (outcome instanceof Error) {
          expect(outcome.message).toMatch(/^Không niêm phong được: .*(Chưa có gì thay đổi|chưa có niêm phong)/);
          expect(after.seal).toBeUndefined();
          expect(lockedCells(fake)).toEqual(locks);
          expect(snapshot(fake)).toEqual(before);
        } else {
          expect(after.seal).toEqual(outcome);
          expect(fake.sheet(MAIN_SHEET).protection.protected).toBe(true);
        }
      }),
      {
        numRuns: 100,
        examples: [
          [0, false],
          [total - 1, true],
        ],
      },
    );
  }, 120000);

  test('selecting a cell activates its sheet and selects it, on a protected sheet too', async () => {
    const { fake, layout } = await inserted();
    const address = `${layout.evidence.signed}${layout.rows['I.1.1']}`;
    await selectCell(fake, MAIN_SHEET, address);
    expect(fake.activeSheet).toBe(MAIN_SHEET);
    expect(fake.selection).toEqual({ sheet: MAIN_SHEET, address });
  });
});

function expand(range: string): string[] {
  const [a, b] = range.split(':');
  const col = (s: string) => [...s.replace(/\d+/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = (s: string) => Number(s.replace(/[A-Z]+/, ''));
  const name = (n: number): string =>
    n <= 0 ? '' : name(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
  const out: string[] = [];
  for (let r = row(a); r <= row(b); r++) for (let c = col(a); c <= col(b); c++) out.push(`${name(c)}${r}`);
  return out;
}

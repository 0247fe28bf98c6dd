/**
 * Sealing the open workbook through Office.js (against the typed fake): the seal's rows in the very
 * hidden sheet, the defined name, every input locked under protection, in two syncs; the values
 * kept as the text they are. And selecting a cell for the officer.
 */
import { insertTemplate, readOpenTemplate, selectCell, writeSeal } from '../../src/excel';
import { getRubric } from '../../src/rubrics';
import { computeSeal, headerCells, MAIN_SHEET, META_SHEET, SEAL_ROWS, sealWrite, type Seal } from '../../src/template';
import { FakeExcel } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');

async function inserted() {
  const fake = new FakeExcel(['Sheet1']);
  await insertTemplate(fake, rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, undefined, {
    isSetSupported: () => true,
  });
  const filled = (await readOpenTemplate(fake))!;
  return { fake, filled, layout: filled.info.layout };
}

describe('sealing the open workbook', () => {
  test('writes the seal where the signature covers it, names it, locks every input, in two syncs; the pane reads it back', async () => {
    const { fake, filled, layout } = await inserted();
    const seal = await computeSeal(filled, '2025-11-20T08:00:00.000Z');
    const before = fake.syncs;
    await writeSeal(fake, sealWrite(seal, layout));
    expect(fake.syncs - before).toBe(2);

    expect(fake.cell(META_SHEET, `A${SEAL_ROWS.digest}`)?.value).toBe('seal.digest');
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.digest}`)?.value).toBe(seal.digest);
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.year}`)?.value).toBe(2025);
    expect(fake.names.get('DTI_SEAL')).toBe(`='${META_SHEET}'!$B$${SEAL_ROWS.digest}`);
    expect(fake.sheet(META_SHEET).protection.protected).toBe(true);
    expect(fake.sheet(MAIN_SHEET).protection.protected).toBe(true);
    // Every cell the template had unlocked for the officer is locked now.
    const row = layout.rows['VI.4.1'];
    for (const col of [
      ...layout.slotColumns,
      layout.evidence.number,
      layout.evidence.date,
      layout.evidence.link,
      layout.evidence.signed,
      layout.note,
    ])
      expect([col, fake.cell(MAIN_SHEET, `${col}${row}`)?.locked]).toEqual([col, true]);
    const header = headerCells(layout);
    expect(fake.cell(MAIN_SHEET, header.unitName)?.locked).toBe(true);
    expect(fake.cell(MAIN_SHEET, header.year)?.locked).toBe(true);

    expect((await readOpenTemplate(fake))?.seal).toEqual(seal);
  });

  test('values that look like numbers or dates stay the text they are (the writer’s text guard)', async () => {
    const { fake, filled, layout } = await inserted();
    // A digest of digits only would be read by Excel as a number in scientific notation; a time as a date.
    const seal: Seal = { ...(await computeSeal(filled, '2025-11-20T08:00:00.000Z')), digest: '1e5', unitName: '2025' };
    await writeSeal(fake, sealWrite(seal, layout));
    const written = fake.log.filter((l) => l.includes(`A${SEAL_ROWS.algorithm}:B${SEAL_ROWS.year} values`));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain(`["seal.digest","'1e5"]`);
    expect(written[0]).toContain(`["seal.sealedAt","'2025-11-20T08:00:00.000Z"]`);
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.digest}`)?.value).toBe('1e5');
    expect(fake.cell(META_SHEET, `B${SEAL_ROWS.unitName}`)?.value).toBe('2025');
  });

  test('selecting a cell activates its sheet and selects it, on a protected sheet too', async () => {
    const { fake, layout } = await inserted();
    const address = `${layout.evidence.signed}${layout.rows['I.1.1']}`;
    await selectCell(fake, MAIN_SHEET, address);
    expect(fake.activeSheet).toBe(MAIN_SHEET);
    expect(fake.selection).toEqual({ sheet: MAIN_SHEET, address });
  });
});

/**
 * Inserting and updating the template in the open workbook (Office.js, against the strict fake):
 * entries survive re-insertion and upgrades; another rubric's template, an officer's own sheet
 * with a template sheet's name and a sealed template are never overwritten without asking; a
 * failure at any operation of any sync leaves entries and seal as they were; formulas written
 * before the CDS functions registered are entered again; the number of syncs stays constant.
 */
import fc from 'fast-check';
import { insertTemplate, readOpenTemplate, sealWorkbook, type InsertResult } from '../../src/excel';
import { allRubrics, getRubric, parseRubric, type Rubric, type RubricInput } from '../../src/rubrics';
import {
  buildTemplate,
  MAIN_SHEET,
  META_SHEET,
  REPORT_SHEET,
  slotCells,
  type TemplateLayout,
} from '../../src/template';
import { FakeExcel, newSheet } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
const layout = buildTemplate(rubric, { unit: 'xa' }).layout;
const yes = { isSetSupported: () => true };

/** A criterion's i-th input cell (`slotCells`: down the value column, or across in a version 1 layout). */
const inputCell = (l: TemplateLayout, id: string, i = 0): string => slotCells(l, id, l.rows[id])[i];
const at = (id: string, col: string) => `${col}${layout.rows[id]}`;

/** What an officer types into the inserted template (as Excel stores it; the sheet's protection allows it there). */
function type(fake: FakeExcel, address: string, value: string | number) {
  const cell = fake.cell(MAIN_SHEET, address);
  if (!cell) throw new Error(`no cell ${address}`);
  if (cell.locked) throw new Error(`${address} is locked: not an input`);
  cell.value = value;
}

/** The fake's document as plain data, to compare two states. */
function snapshot(fake: FakeExcel): unknown {
  return JSON.parse(
    JSON.stringify({ sheets: fake.sheets, names: fake.names, active: fake.activeSheet }, (_, v: unknown) =>
      v instanceof Map ? Object.fromEntries(v) : v,
    ),
  );
}

async function inserted(r: Rubric = rubric, fake = new FakeExcel(['Sheet1'])) {
  const result = await insertTemplate(fake, r, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, undefined, yes);
  expect(result.ok).toBe(true);
  return fake;
}

describe('insert or update the template in the open workbook', () => {
  test('a new workbook gets the template in four syncs', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const result = await insertTemplate(
      fake,
      rubric,
      { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 },
      undefined,
      yes,
    );
    expect(result).toMatchObject({ ok: true, updated: false, syncs: 4, sealVoided: false, functions: { ok: true } });
    expect(fake.syncs).toBe(4);
    expect(fake.cell(MAIN_SHEET, 'B3')?.value).toBe('hue-2263-2023');
    expect(fake.cell(MAIN_SHEET, 'B6')?.value).toBe('Phường Phú Hội');
    expect(fake.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      MAIN_SHEET,
      'Tổng hợp',
      REPORT_SHEET,
      'Danh mục',
      META_SHEET,
    ]);
  });

  test('inserting again keeps every entry, evidence and note, and the unit name, in five syncs', async () => {
    const fake = await inserted();
    type(fake, inputCell(layout, 'I.1.1'), 'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo');
    type(fake, inputCell(layout, 'VI.4.1', 0), 45);
    type(fake, inputCell(layout, 'VI.4.1', 1), 60);
    type(fake, at('I.1.1', layout.evidence.number), '12/QĐ-UBND');
    type(fake, at('I.1.1', layout.note), 'ký số ngày 20/01');
    const before = fake.syncs;

    const again = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(again).toMatchObject({ ok: true, updated: true, report: { lost: [] } });
    expect(fake.syncs - before).toBe(5);
    expect(fake.cell(MAIN_SHEET, inputCell(layout, 'I.1.1'))?.value).toBe(
      'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo',
    );
    expect(fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))?.value).toBe(45);
    expect(fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 1))?.value).toBe(60);
    expect(fake.cell(MAIN_SHEET, at('I.1.1', layout.evidence.number))?.value).toBe('12/QĐ-UBND');
    expect(fake.cell(MAIN_SHEET, at('I.1.1', layout.note))?.value).toBe('ký số ngày 20/01');
    expect(fake.cell(MAIN_SHEET, 'B6')?.value).toBe('Phường Phú Hội');
    const filled = await readOpenTemplate(fake);
    expect(filled?.entries['VI.4.1'].slots.slice(0, 2)).toEqual([45, 60]);
    expect(fake.sheets.some((s) => s.name.startsWith('~dti'))).toBe(false);
  });

  test('several documents per criterion survive re-insertion and an upgrade, each on its row, with a free row below', async () => {
    const fake = await inserted();
    const r = layout.rows['I.1.1'];
    const ev = { ...layout.evidence, issuer: layout.evidence.issuer! };
    expect(layout.evidenceRows?.['I.1.1']).toBe(2); // the decision asks for evidence: room for two documents
    type(fake, `${ev.number}${r}`, '12/QĐ-UBND');
    type(fake, `${ev.issuer}${r}`, 'UBND phường Phú Hội');
    type(fake, `${ev.signed}${r}`, 'Có');
    type(fake, `${ev.number}${r + 1}`, '15/KH-UBND');
    type(fake, `${ev.link}${r + 1}`, 'ke-hoach-15.pdf');
    const documents = [
      { number: '12/QĐ-UBND', date: null, issuer: 'UBND phường Phú Hội', link: null, signed: 'Có' },
      { number: '15/KH-UBND', date: null, issuer: null, link: 'ke-hoach-15.pdf', signed: null },
    ];
    const shown = async () => {
      const filled = (await readOpenTemplate(fake))!;
      return {
        documents: filled.entries['I.1.1'].evidence.map(({ row: _row, ...d }) => d),
        rows: filled.info.layout.evidenceRows?.['I.1.1'],
      };
    };

    expect(await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes)).toMatchObject({ report: { lost: [] } });
    expect(await shown()).toEqual({ documents, rows: 3 }); // two documents and a free row

    const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
    data.version = '1.1.0';
    const upgraded = await insertTemplate(fake, parseRubric(data), { unit: 'xa' }, undefined, yes);
    expect(upgraded).toMatchObject({ ok: true, report: { lost: [] } });
    expect(await shown()).toEqual({ documents, rows: 3 });
    expect(fake.cell(MAIN_SHEET, 'B4')?.value).toBe('1.1.0');
  });

  test('a template of another rubric is never overwritten', async () => {
    const fake = await inserted();
    type(
      fake,
      inputCell(layout, 'I.1.1'),
      'Người đứng đầu (Chủ tịch UBND cấp xã/ Bí thư Đảng ủy cấp xã) làm Trưởng Ban chỉ đạo',
    );
    const before = fake.syncs;
    const other = await insertTemplate(fake, getRubric('kontum-121-2025'), { unit: 'xa' }, undefined, yes);
    expect(other).toMatchObject({ ok: false, kind: 'refused' });
    expect(!other.ok && other.message.vi).toMatch(/đã có mẫu hue-2263-2023 \(xa\).*sổ làm việc mới/);
    expect(fake.syncs - before).toBe(1); // only the read
    expect(fake.cell(MAIN_SHEET, 'B3')?.value).toBe('hue-2263-2023');
  });

  test('an Excel older than ExcelApi 1.8 gets a clear message and nothing is touched', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const old = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, {
      isSetSupported: (_n, v) => Number(v) <= 1.7,
    });
    expect(old.ok).toBe(false);
    expect(!old.ok && old.message.vi).toMatch(/thiếu bộ API ExcelApi 1\.8/);
    expect(fake.syncs).toBe(0);
  });

  test('moving to a newer version of the rubric reports what cannot move and keeps it in the note', async () => {
    const fake = await inserted();
    type(fake, inputCell(layout, 'I.5.1'), 'Có');
    type(fake, inputCell(layout, 'I.4.1'), 2);
    const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
    data.version = '1.1.0';
    data.criteria = data.criteria.filter((c) => c.id !== 'I.4.1');
    data.criteria.find((c) => c.id === 'I.5.1')!.rule = { kind: 'count-target', target: 4, partial: 'proportional' };
    data.pillars.find((p) => p.id === 'I')!.expect = { xa: { max: 80 } };
    data.units[0].expect = { max: 590 };
    const next = parseRubric(data);

    const result = await insertTemplate(fake, next, { unit: 'xa' }, undefined, yes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.lost).toEqual([
      expect.objectContaining({ criterion: 'I.4.1', value: 2, reason: 'tiêu chí không còn trong bộ tiêu chí mới' }),
      expect.objectContaining({ criterion: 'I.5.1', value: 'Có', reason: expect.stringMatching(/Ghi chú/) }),
    ]);
    const newLayout = buildTemplate(next, { unit: 'xa' }).layout;
    expect(fake.cell(MAIN_SHEET, `${newLayout.note}${newLayout.rows['I.5.1']}`)?.value).toBe('[Giá trị cũ: Có]');
    expect(fake.cell(MAIN_SHEET, 'B4')?.value).toBe('1.1.0');
  });
});

describe('what is never overwritten without asking', () => {
  test("an officer's own sheet named like a template sheet survives insert: asked first, then only renamed", async () => {
    const fake = new FakeExcel(['Tổng hợp', 'Sheet2']);
    const mine = fake.sheet('Tổng hợp');
    mine.cells.set('A1', { value: 'Báo cáo của tôi', font: {}, borders: {}, locked: true });
    fake.sheet('Sheet2').cells.set('A1', { formula: "='Tổng hợp'!A1", font: {}, borders: {}, locked: true });
    const before = snapshot(fake);

    const asked = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(asked).toMatchObject({ ok: false, kind: 'confirm-rename', sheets: ['Tổng hợp'] });
    expect(!asked.ok && asked.message.vi).toMatch(/trang tính của bạn tên "Tổng hợp".*không ghi đè/);
    expect(snapshot(fake)).toEqual(before); // only read

    const done = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { ...yes, renameSheets: true });
    expect(done).toMatchObject({ ok: true, moved: [{ from: 'Tổng hợp', to: 'Tổng hợp (2)' }] });
    expect(fake.sheet('Tổng hợp (2)')).toBe(mine); // the same sheet, untouched but for its name
    expect(fake.cell('Tổng hợp (2)', 'A1')?.value).toBe('Báo cáo của tôi');
    expect(fake.cell('Sheet2', 'A1')?.formula).toBe("='Tổng hợp (2)'!A1"); // its formulas follow it
    expect(fake.cell('Tổng hợp', 'A1')?.value).not.toBe('Báo cáo của tôi'); // the template's own sheet
  });

  test('updating a sealed workbook asks first and says the seal is voided; agreed, entries are kept and the seal removed', async () => {
    const fake = await inserted();
    type(fake, inputCell(layout, 'VI.4.1', 0), 45);
    await sealWorkbook(fake, '2025-11-20T08:00:00.000Z');
    const sealed = snapshot(fake);

    const asked = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(asked).toMatchObject({ ok: false, kind: 'confirm-seal' });
    // The time as an officer reads it, in the computer's time zone: 20/11/2025 hh:mm.
    expect(!asked.ok && asked.message.vi).toMatch(/đã được niêm phong lúc \d\d\/11\/2025 \d\d:00\..*hủy niêm phong/);
    expect(!asked.ok && asked.message.en).toMatch(/voids the seal/);
    expect(snapshot(fake)).toEqual(sealed);

    const done = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { ...yes, voidSeal: true });
    expect(done).toMatchObject({ ok: true, updated: true, sealVoided: true });
    const filled = await readOpenTemplate(fake);
    expect(filled?.seal).toBeUndefined();
    expect(filled?.entries['VI.4.1'].slots[0]).toBe(45);
    expect(fake.names.has('DTI_SEAL')).toBe(false);
    expect(fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))?.locked).toBe(false);
  });

  test('entries typed while the update runs are not lost: the swap is undone', async () => {
    const fake = await inserted();
    type(fake, inputCell(layout, 'VI.4.1', 0), 45);
    const start = fake.syncs;
    // Before the swap batch (the 4th sync of the update), an officer types into the old sheet.
    fake.beforeSync = (n) => {
      if (n === start + 4) fake.cell(MAIN_SHEET, inputCell(layout, 'VI.4.1', 0))!.value = 50;
    };
    const result = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    fake.beforeSync = undefined;
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message.vi).toMatch(/vừa thay đổi trong lúc cập nhật.*chưa có gì bị thay đổi/);
    expect((await readOpenTemplate(fake))?.entries['VI.4.1'].slots[0]).toBe(50);
    expect(fake.sheets.some((s) => s.name.startsWith('~dti'))).toBe(false);
  });

  test("formulas in the officer's own sheets that point into the template still work after an update", async () => {
    const fake = await inserted();
    fake.workbook.worksheets.add('Báo cáo');
    const report = fake.workbook.worksheets.getItemOrNullObject('Báo cáo');
    report.getRange('A1').formulas = [[`='${MAIN_SHEET}'!B6`]];
    fake.workbook.names.add('TEN_DON_VI', `='${MAIN_SHEET}'!$B$6`);
    await fake.sync();
    await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(fake.cell('Báo cáo', 'A1')?.formula).toBe(`='${MAIN_SHEET}'!B6`);
    expect(fake.names.get('TEN_DON_VI')).toBe(`='${MAIN_SHEET}'!$B$6`);
  });

  test('a protected workbook structure is refused with what to do, and nothing is changed', async () => {
    const fake = await inserted();
    fake.structureProtected = true;
    const before = snapshot(fake);
    const result = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(result).toMatchObject({ ok: false, kind: 'refused' });
    expect(!result.ok && result.message.vi).toMatch(/Bảo vệ sổ làm việc.*bỏ bảo vệ/);
    expect(snapshot(fake)).toEqual(before);
  });

  test('the sheets of a run interrupted halfway (Excel closed) are put back first, and nothing is lost', async () => {
    const fake = await inserted();
    type(fake, inputCell(layout, 'VI.4.1', 0), 45);
    // As a swap leaves them when Excel dies after the old sheets stepped aside and one new sheet took its name.
    for (const name of [MAIN_SHEET, 'Tổng hợp', REPORT_SHEET, 'Danh mục', META_SHEET])
      fake.sheet(name).name = `~dti cũ~${name}`;
    fake.activeSheet = 'Sheet1';
    for (const name of [
      `~dti mới~${MAIN_SHEET}`,
      'Tổng hợp',
      `~dti mới~${REPORT_SHEET}`,
      '~dti mới~Danh mục',
      '~dti mới~_dti',
    ]) {
      const s = newSheet(name);
      if (name.endsWith('_dti')) s.visibility = 'VeryHidden';
      fake.sheets.push(s);
    }
    const result = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, yes);
    expect(result).toMatchObject({ ok: true, updated: true });
    expect((await readOpenTemplate(fake))?.entries['VI.4.1'].slots[0]).toBe(45);
    expect(fake.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      MAIN_SHEET,
      'Tổng hợp',
      REPORT_SHEET,
      'Danh mục',
      META_SHEET,
    ]);
  });
});

describe('a failure at any operation of any sync loses no entry and no seal', () => {
  /** A small rubric (pillar I of 2263) so that a hundred failing runs take seconds. */
  const small = (() => {
    const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
    data.pillars = data.pillars.filter((p) => p.id === 'I');
    data.criteria = data.criteria.filter((c) => c.pillar === 'I');
    data.units[0].expect = { max: 90 };
    return parseRubric(data);
  })();
  const smallLayout = buildTemplate(small, { unit: 'xa' }).layout;

  async function filledWorkbook(sealed: boolean) {
    const fake = await inserted(small);
    type(fake, inputCell(smallLayout, 'I.4.1'), 3);
    type(fake, at('I.1.1', smallLayout.evidence.number), '12/QĐ-UBND');
    if (sealed) await sealWorkbook(fake, '2025-11-20T08:00:00.000Z');
    return fake;
  }

  /** How many operations an update runs when nothing fails. */
  async function operations(sealed: boolean): Promise<number> {
    const fake = await filledWorkbook(sealed);
    const from = fake.opsRun;
    const r = await insertTemplate(fake, small, { unit: 'xa' }, undefined, { ...yes, voidSeal: true });
    expect(r.ok).toBe(true);
    return fake.opsRun - from;
  }

  async function updateFailingAt(sealed: boolean, at: number, afterRun: boolean) {
    const fake = await filledWorkbook(sealed);
    const before = snapshot(fake);
    const entries = (await readOpenTemplate(fake))!;
    fake.failAt(at, afterRun);
    let result: InsertResult | undefined;
    let thrown: unknown;
    try {
      result = await insertTemplate(fake, small, { unit: 'xa' }, undefined, { ...yes, voidSeal: true });
    } catch (e) {
      thrown = e;
    }
    const after = (await readOpenTemplate(fake))!;
    return { fake, before, entries, result, thrown, after };
  }

  for (const sealed of [false, true]) {
    test(`${sealed ? 'a sealed' : 'an'} update: either done with every entry, or the workbook exactly as it was`, async () => {
      const total = await operations(sealed);
      expect(total).toBeGreaterThan(100);
      // Every sync's first and last operation, and random ones between; before or after it runs.
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: total - 1 }), fc.boolean(), async (point, afterRun) => {
          const { fake, before, entries, result, thrown, after } = await updateFailingAt(sealed, point, afterRun);
          expect(thrown).toBeUndefined(); // failures are reported, not thrown
          expect(after.entries).toEqual(entries.entries);
          expect(after.unitName).toBe(entries.unitName);
          expect(fake.sheets.some((s) => s.name.startsWith('~dti'))).toBe(false);
          if (result?.ok) {
            expect(after.seal).toBeUndefined(); // voided, as agreed
          } else {
            expect(result?.kind).toBe('failed');
            expect(result && !result.ok && result.message.vi).toMatch(/chưa có gì bị thay đổi/);
            expect(snapshot(fake)).toEqual(before);
            expect(after.seal).toEqual(entries.seal);
          }
        }),
        {
          numRuns: 100,
          examples: [
            [0, false],
            [total - 1, false],
            [total - 1, true],
          ],
        },
      );
    }, 180000);
  }

  test('a first insert that fails anywhere leaves no sheet behind', async () => {
    const probe = new FakeExcel(['Sheet1']);
    await insertTemplate(probe, small, { unit: 'xa' }, undefined, yes);
    const total = probe.opsRun;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: total - 1 }), fc.boolean(), async (point, afterRun) => {
        const fake = new FakeExcel(['Sheet1']);
        const before = snapshot(fake);
        fake.failAt(point, afterRun);
        const result = await insertTemplate(fake, small, { unit: 'xa' }, undefined, yes);
        if (!result.ok) expect(snapshot(fake)).toEqual(before);
        else expect((await readOpenTemplate(fake))?.info.meta.rubric).toBe(small.id);
      }),
      { numRuns: 100 },
    );
  }, 120000);
});

describe('formulas written before the CDS functions registered (#NAME?)', () => {
  test('are entered again once Excel has registered the functions; the sheets end protected', async () => {
    const fake = new FakeExcel(['Sheet1'], { registered: [] });
    const waits: number[] = [];
    const result = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, {
      ...yes,
      wait: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) fake.register('CDS'); // Excel finishes loading functions.json meanwhile
      },
    });
    expect(result).toMatchObject({ ok: true, functions: { ok: true } });
    expect(waits).toEqual([1000, 2000]);
    const stuck = fake.sheets.flatMap((s) =>
      [...s.cells].filter(([, c]) => c.nameError).map(([a]) => `${s.name}!${a}`),
    );
    expect(stuck).toEqual([]);
    for (const name of [MAIN_SHEET, META_SHEET]) expect(fake.sheet(name).protection.protected).toBe(true);
    expect(result.ok && result.syncs).toBe(4 + 2 + 1); // two tries, then every formula again
  });

  test('that never register: the pane is told why, entries and protection are intact', async () => {
    const fake = new FakeExcel(['Sheet1'], { registered: [] });
    const result = await insertTemplate(fake, rubric, { unit: 'xa', unitName: 'Xã A' }, undefined, {
      ...yes,
      wait: async () => undefined,
    });
    expect(result).toMatchObject({ ok: true, functions: { ok: false, reason: 'not-registered' } });
    const message = result.ok && !result.functions.ok ? result.functions.message : undefined;
    expect(message?.vi).toMatch(/#NAME\?.*functions\.json.*24 giờ.*CDS.*Cập nhật mẫu biểu/);
    expect(message?.en).toMatch(/#NAME\?.*functions\.json.*24 hours.*CDS.*Update template/);
    expect((await readOpenTemplate(fake))?.unitName).toBe('Xã A');
    expect(fake.sheet(MAIN_SHEET).protection.protected).toBe(true);
  });
});

describe('on Excel on the web', () => {
  test('every template, new or updated, stays far below the 5 MB request and response limits', async () => {
    for (const r of allRubrics())
      for (const u of r.units) {
        const fake = new FakeExcel(['Sheet1'], { platform: 'web' });
        for (let i = 0; i < 2; i++) {
          const result = await insertTemplate(fake, r, { unit: u.id }, undefined, yes);
          expect([r.id, u.id, result.ok]).toEqual([r.id, u.id, true]);
        }
        expect(fake.largest.request).toBeLessThan(1024 * 1024);
        expect(fake.largest.response).toBeLessThan(1024 * 1024);
      }
  }, 60000);
});

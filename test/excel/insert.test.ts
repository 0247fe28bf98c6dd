/**
 * Inserting and updating the template in the open workbook (Office.js, against the typed fake):
 * entries survive re-insertion and upgrades, another rubric's template is never overwritten, and
 * the number of syncs stays small and constant.
 */
import { insertTemplate, readOpenTemplate } from '../../src/excel';
import { getRubric, parseRubric, type RubricInput } from '../../src/rubrics';
import { buildTemplate, MAIN_SHEET } from '../../src/template';
import { FakeExcel } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
const layout = buildTemplate(rubric, { unit: 'xa' }).layout;
const at = (id: string, col: string) => `${col}${layout.rows[id]}`;

/** What an officer types into the inserted template. */
function type(fake: FakeExcel, address: string, value: string | number) {
  const cell = fake.cell(MAIN_SHEET, address);
  if (!cell) throw new Error(`no cell ${address}`);
  cell.value = value;
}

describe('insert or update the template in the open workbook', () => {
  test('a new workbook gets the template in a handful of syncs', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const result = await insertTemplate(
      fake,
      rubric,
      { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 },
      undefined,
      { isSetSupported: () => true },
    );
    expect(result).toMatchObject({ ok: true, updated: false });
    expect(result.ok && result.syncs).toBeLessThanOrEqual(5);
    expect(fake.syncs).toBe(result.ok ? result.syncs : -1);
    expect(fake.cell(MAIN_SHEET, 'B3')?.value).toBe('hue-2263-2023');
    expect(fake.cell(MAIN_SHEET, 'B6')?.value).toBe('Phường Phú Hội');
  });

  test('inserting again keeps every entry, evidence and note, and the unit name', async () => {
    const fake = new FakeExcel(['Sheet1']);
    await insertTemplate(fake, rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, undefined, {
      isSetSupported: () => true,
    });
    const [v1, v2] = layout.slotColumns;
    type(fake, at('I.1.1', v1), 'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo');
    type(fake, at('VI.4.1', v1), 45);
    type(fake, at('VI.4.1', v2), 60);
    type(fake, at('I.1.1', layout.evidence.number), '12/QĐ-UBND');
    type(fake, at('I.1.1', layout.note), 'ký số ngày 20/01');
    const before = fake.syncs;

    const again = await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { isSetSupported: () => true });
    expect(again).toMatchObject({ ok: true, updated: true, report: { lost: [] } });
    expect(fake.syncs - before).toBeLessThanOrEqual(5);
    expect(fake.cell(MAIN_SHEET, at('I.1.1', v1))?.value).toBe('Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo');
    expect(fake.cell(MAIN_SHEET, at('VI.4.1', v1))?.value).toBe(45);
    expect(fake.cell(MAIN_SHEET, at('VI.4.1', v2))?.value).toBe(60);
    expect(fake.cell(MAIN_SHEET, at('I.1.1', layout.evidence.number))?.value).toBe('12/QĐ-UBND');
    expect(fake.cell(MAIN_SHEET, at('I.1.1', layout.note))?.value).toBe('ký số ngày 20/01');
    expect(fake.cell(MAIN_SHEET, 'B6')?.value).toBe('Phường Phú Hội');
    // Read back from the workbook, the entries are what the officer typed.
    const filled = await readOpenTemplate(fake);
    expect(filled?.entries['VI.4.1'].slots).toEqual([45, 60]);
  });

  test('a template of another rubric is never overwritten', async () => {
    const fake = new FakeExcel(['Sheet1']);
    await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { isSetSupported: () => true });
    type(
      fake,
      at('I.1.1', layout.slotColumns[0]),
      'Người đứng đầu (Chủ tịch UBND cấp xã/ Bí thư Đảng ủy cấp xã) làm Trưởng Ban chỉ đạo',
    );
    const before = fake.syncs;
    const other = await insertTemplate(fake, getRubric('kontum-121-2025'), { unit: 'xa' }, undefined, {
      isSetSupported: () => true,
    });
    expect(other.ok).toBe(false);
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
    const fake = new FakeExcel(['Sheet1']);
    await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { isSetSupported: () => true });
    type(fake, at('I.5.1', layout.slotColumns[0]), 'Có');
    type(fake, at('I.4.1', layout.slotColumns[0]), 2);
    const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
    data.version = '1.1.0';
    data.criteria = data.criteria.filter((c) => c.id !== 'I.4.1');
    data.criteria.find((c) => c.id === 'I.5.1')!.rule = { kind: 'count-target', target: 4, partial: 'proportional' };
    data.pillars.find((p) => p.id === 'I')!.expect = { xa: { max: 80 } };
    data.units[0].expect = { max: 590 };
    const next = parseRubric(data);

    const result = await insertTemplate(fake, next, { unit: 'xa' }, undefined, { isSetSupported: () => true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.lost).toEqual([
      { criterion: 'I.4.1', what: 'Giá trị 1', value: 2, reason: 'tiêu chí không còn trong bộ tiêu chí mới' },
      { criterion: 'I.5.1', what: 'Giá trị', value: 'Có', reason: expect.stringMatching(/Ghi chú/) },
    ]);
    const newLayout = buildTemplate(next, { unit: 'xa' }).layout;
    expect(fake.cell(MAIN_SHEET, `${newLayout.note}${newLayout.rows['I.5.1']}`)?.value).toBe('[Giá trị cũ: Có]');
    expect(fake.cell(MAIN_SHEET, 'B4')?.value).toBe('1.1.0');
  });
});

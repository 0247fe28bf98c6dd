/**
 * Importing the council's round-1 feedback into the open workbook through Office.js (against the
 * strict fake): a sealed workbook is only re-opened when the officer agrees; every entry stays as
 * submitted; the remarked criteria gain the council's remark and an explanation cell the officer
 * can type in; the round and the submission answered are recorded; and the seal's canonical form
 * of every untouched criterion is the same as before, so only the explanations and the round
 * answered are new in what the response's seal covers.
 */
import { insertTemplate, readOpenTemplate, sealWorkbook } from '../../src/excel';
import { getRubric } from '../../src/rubrics';
import {
  canonicalInputs,
  evidenceCells,
  MAIN_SHEET,
  slotCells,
  type FilledTemplate,
  type TemplateLayout,
} from '../../src/template';
import { FakeExcel } from '../support/fake-excel';

const rubric = getRubric('hue-2263-2023');
const options = { isSetSupported: () => true };
const ANSWERS = 'ab'.repeat(32);
const response = {
  round: 1,
  answers: ANSWERS,
  remarks: { 'II.1.1': 'Điểm tự chấm 5, điểm thẩm định vòng 1: 0. Lý do: Tài liệu không ký số.' },
};

async function sealedWorkbook() {
  const fake = new FakeExcel(['Sheet1']);
  await insertTemplate(fake, rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }, undefined, options);
  const layout = (await readOpenTemplate(fake))!.info.layout;
  const put = (address: string, value: string | number) => (fake.cell(MAIN_SHEET, address)!.value = value);
  const input = (id: string, i = 0) => slotCells(layout, id, layout.rows[id])[i];
  put(input('II.1.1'), 'Có');
  put(input('VI.4.1', 0), 45);
  put(input('VI.4.1', 1), 60);
  const doc = evidenceCells(layout, 'II.1.1', layout.rows['II.1.1'])[0];
  put(doc.number, '12/KH-UBND');
  put(doc.link, 'ke-hoach.pdf');
  put(doc.signed, 'Không');
  put(`${layout.note}${layout.rows['VI.4.1']}`, 'theo báo cáo quý 3');
  await sealWorkbook(fake, '2025-11-20T08:00:00.000Z');
  return { fake, before: (await readOpenTemplate(fake))! };
}

/** An entry as the officer sees it: the sheet row of each document left out (it may move). */
const plain = (f: FilledTemplate) =>
  Object.fromEntries(
    Object.entries(f.entries).map(([id, e]) => [
      id,
      { slots: e.slots, note: e.note, evidence: e.evidence.map(({ row: _row, ...d }) => d) },
    ]),
  );

const canonical = (f: FilledTemplate) => JSON.parse(canonicalInputs(f)) as Record<string, unknown>;

describe('importing the council’s feedback into the open workbook', () => {
  test('a sealed workbook is re-opened only when the officer agrees: asked first, nothing changed', async () => {
    const { fake, before } = await sealedWorkbook();
    const r = await insertTemplate(fake, rubric, { unit: 'xa', response }, undefined, options);
    expect(r).toMatchObject({ ok: false, kind: 'confirm-seal' });
    expect(await readOpenTemplate(fake)).toEqual(before);
  });

  test('every entry kept, the remark and an open explanation cell beside the remarked criterion only, the round recorded', async () => {
    const { fake, before } = await sealedWorkbook();
    const r = await insertTemplate(fake, rubric, { unit: 'xa', response }, undefined, { ...options, voidSeal: true });
    expect(r).toMatchObject({ ok: true, updated: true, sealVoided: true });
    const after = (await readOpenTemplate(fake))!;
    expect(plain(after)).toEqual(plain(before));
    expect([after.unitName, after.year, after.seal]).toEqual([before.unitName, before.year, undefined]);
    const layout: TemplateLayout = after.info.layout;
    expect(layout.response).toEqual({
      round: 1,
      answers: ANSWERS,
      remark: layout.response!.remark,
      explanation: layout.response!.explanation,
      criteria: ['II.1.1'],
    });
    // The two columns come after the note (the 15th column of a points rubric's table: Mã, Tiêu chí,
    // Điểm tối đa, Hướng dẫn, Hạn, Nội dung cần nhập, Số liệu, five evidence columns, Điểm, Kiểm tra,
    // Ghi chú): no column of the submitted design moved.
    expect([layout.note, layout.response!.remark, layout.response!.explanation]).toEqual(['O', 'P', 'Q']);
    expect([before.info.layout.note, before.info.layout.score, before.info.layout.evidence]).toEqual([
      layout.note,
      layout.score,
      layout.evidence,
    ]);
    const row = layout.rows['II.1.1'];
    expect(fake.cell(MAIN_SHEET, `P${row}`)?.value).toBe(response.remarks['II.1.1']);
    expect(fake.cell(MAIN_SHEET, `Q${row}`)?.locked).toBe(false);
    expect(fake.cell(MAIN_SHEET, `P${row}`)?.locked ?? true).toBe(true);
    // A criterion the council did not remark on has neither.
    const other = layout.rows['VI.4.1'];
    expect([
      fake.cell(MAIN_SHEET, `P${other}`)?.value ?? null,
      fake.cell(MAIN_SHEET, `Q${other}`)?.locked ?? true,
    ]).toEqual([null, true]);
    expect(after.entries['II.1.1'].explanation).toBeNull();
    expect(after.entries['VI.4.1']).not.toHaveProperty('explanation');
  });

  test('explained and sealed again: untouched criteria seal as before; the explanation and the round are what is new', async () => {
    const { fake, before } = await sealedWorkbook();
    await insertTemplate(fake, rubric, { unit: 'xa', response }, undefined, { ...options, voidSeal: true });
    const layout = (await readOpenTemplate(fake))!.info.layout;
    const cell = `${layout.response!.explanation}${layout.rows['II.1.1']}`;
    fake.cell(MAIN_SHEET, cell)!.value = 'Bổ sung bản có ký số';
    const { seal } = await sealWorkbook(fake, '2025-12-05T08:00:00.000Z');
    const after = (await readOpenTemplate(fake))!;
    expect(after.seal).toEqual(seal);
    const [old, now] = [canonical(before), canonical(after)];
    const oldEntries = old.entries as Record<string, Record<string, unknown>>;
    const nowEntries = now.entries as Record<string, Record<string, unknown>>;
    for (const id of Object.keys(oldEntries).filter((x) => x !== 'II.1.1'))
      expect([id, nowEntries[id]]).toEqual([id, oldEntries[id]]);
    expect(nowEntries['II.1.1']).toEqual({ ...oldEntries['II.1.1'], explanation: 'Bổ sung bản có ký số' });
    expect(now.response).toEqual({ answers: ANSWERS, round: 1 });
    const { response: _r, entries: _e, ...rest } = now;
    const { entries: _o, ...oldRest } = old;
    expect(rest).toEqual(oldRest);
    // Imported again (an update of the response), the explanation stays.
    await insertTemplate(fake, rubric, { unit: 'xa' }, undefined, { ...options, voidSeal: true });
    const again = (await readOpenTemplate(fake))!;
    expect(again.info.layout.response?.criteria).toEqual(['II.1.1']);
    expect(again.entries['II.1.1'].explanation).toBe('Bổ sung bản có ký số');
    expect(again.remarks).toEqual(response.remarks);
  });
});

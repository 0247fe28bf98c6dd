/**
 * The level a Kon Tum unit registered (121/QĐ-UBND, II.3: registered by 20 January, self-assessed
 * against) in the officer's template: an input in the header with the deadline beside it, read
 * back, carried through re-insertion and `dti template --from`, scored into what is missing for it
 * (the Tổng hợp sheet and `dti score`), and absent from older templates and other decisions.
 *
 * By hand from Phụ lục 01: every criterion at its top value reaches level 5; I.1 (50/60/70/100/100%)
 * at 55% holds the commune at level 1, so for a registered level 2 it needs 60%, 5 points short.
 */
import { assessSubmission } from '../../src/council';
import { assess, criteriaFor } from '../../src/engine';
import { writeWorkbookSpec } from '../../src/excel';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  entriesFromValues,
  META_SHEET,
  planInsert,
  readEntries,
  readTemplateInfo,
  SUMMARY_SHEET,
  toAssessmentInput,
  type WorkbookSpec,
} from '../../src/template';
import { loadXlsx, writeXlsx } from '../../src/xlsx';
import { dti } from '../support/dti';
import { FakeExcel } from '../support/fake-excel';

const kontum = getRubric('kontum-121-2025');
const top = (changed: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(
    criteriaFor(kontum, 'xa').map((c) => {
      const m = (c.rule as { measure: string }).measure;
      return [c.id, m === 'ratio' ? 1 : m === 'yes' ? true : m === 'count' ? 5 : { numerator: 5, denominator: 5 }];
    }),
  ),
  ...changed,
});

const commune = (registeredLevel?: number) =>
  buildTemplate(kontum, {
    unit: 'xa',
    unitName: 'Xã Đăk Hà',
    year: 2025,
    entries: entriesFromValues(kontum, 'xa', top({ 'I.1': 0.55 })),
    ...(registeredLevel !== undefined ? { registeredLevel } : {}),
  });

const cell = (spec: WorkbookSpec, sheet: string, address: string) =>
  spec.sheets.find((s) => s.name === sheet)!.cells.find((c) => c.address === address);

async function readBack(bytes: Uint8Array) {
  const wb = await loadXlsx(bytes);
  return readEntries(wb.read, readTemplateInfo(wb.read)!);
}

describe('the registered level in the officer’s template (Kon Tum)', () => {
  test('the header: "Mức đăng ký" an unlocked input validated 1..5, the 20/01 deadline beside it, a defined name', () => {
    const spec = commune(2);
    const main = spec.sheets[0];
    expect(cell(spec, main.name, 'A8')!.value).toBe('Mức đăng ký');
    expect([cell(spec, main.name, 'B8')!.value, cell(spec, main.name, 'B8')!.locked]).toEqual([2, false]);
    expect(cell(spec, main.name, 'C8')!.value).toContain('trước ngày 20/01');
    const v = main.validations.find((x) => x.range === 'B8')!;
    expect([v.type, v.min, v.max]).toEqual(['whole', 1, 5]);
    expect(spec.names.find((n) => n.name === 'DTI_REGISTERED')!.refersTo).toBe("'Tự đánh giá'!$B$8");
    expect(spec.layout.header!.registered).toBe('B8');
  });

  test('other decisions have no registration: no cell, no name', () => {
    for (const id of ['hue-2263-2023', 'hanoi-5279-2025']) {
      const spec = buildTemplate(getRubric(id), { unit: 'xa', registeredLevel: 3 });
      expect(cell(spec, spec.sheets[0].name, 'A8')?.value).not.toBe('Mức đăng ký');
      expect(spec.names.some((n) => n.name === 'DTI_REGISTERED')).toBe(false);
      expect(spec.layout.header!.registered).toBeUndefined();
    }
  });

  test('read back and scored: registered 2 with I.1 at 55% is told exactly I.1, 60% needed, 5 points short', async () => {
    const filled = await readBack(await writeXlsx(commune(2)));
    expect(filled.registered).toBe(2);
    const a = assess(kontum, toAssessmentInput(kontum, filled));
    expect(a.registered!.shortfalls.map((s) => [s.criterion, s.required, s.shortfall])).toEqual([
      ['I.1', 'tỷ lệ ≥ 60%', 'hiện 55%, thiếu 5 điểm phần trăm'],
    ]);
  });

  test('Tổng hợp: "Còn thiếu để đạt mức đăng ký: mức 2", I.1’s row says what it needs, the others ✓', () => {
    const spec = commune(2);
    const summary = spec.sheets.find((s) => s.name === SUMMARY_SHEET)!;
    const heading = summary.cells.find((c) => String(c.result ?? '').startsWith('Còn thiếu để đạt mức đăng ký'))!;
    expect(heading.result).toBe('Còn thiếu để đạt mức đăng ký: mức 2');
    expect(heading.formula).toContain("'Tự đánh giá'!$B$8");
    const row = Number(heading.address.slice(1)) + 1;
    const shortfalls = summary.cells.filter((c) => c.address.startsWith('D') && Number(c.address.slice(1)) > row);
    expect(shortfalls).toHaveLength(criteriaFor(kontum, 'xa').length);
    expect(shortfalls[0].result).toBe('cần tỷ lệ ≥ 60%; hiện 55%, thiếu 5 điểm phần trăm');
    expect(shortfalls[0].formula).toMatch(/^=CDS\.DTI_SHORTFALL\(.*,N\('Tự đánh giá'!\$B\$8\),/);
    expect(shortfalls.slice(1).every((c) => c.result === '✓')).toBe(true);
    // Not registered: the heading asks for it.
    const blank = commune().sheets.find((s) => s.name === SUMMARY_SHEET)!;
    expect(blank.cells.some((c) => c.result === 'Chưa nhập mức đăng ký (ô Mức đăng ký, trang Tự đánh giá)')).toBe(true);
  });

  test('re-insertion keeps the registered level and every entry; dti template --from and dti score too', async () => {
    const bytes = await writeXlsx(commune(3));
    const existing = await readBack(bytes);
    const plan = planInsert(existing, kontum, { unit: 'xa' });
    if (!plan.ok) throw new Error(plan.message.en);
    const again = await readBack(await writeXlsx(plan.spec));
    expect(again.registered).toBe(3);
    expect(again.entries).toEqual(existing.entries);

    const made = await dti(
      ['template', '--rubric', 'kontum-121-2025', '--unit', 'xa', '--from', 'old.xlsx', '--out', 'new.xlsx'],
      { 'old.xlsx': bytes },
    );
    expect(made.stderr).toBe('');
    const fromCli = await readBack(made.written['new.xlsx']);
    expect([fromCli.registered, fromCli.entries]).toEqual([3, existing.entries]);
    const scored = JSON.parse(
      (await dti(['score', 'new.xlsx', '--json'], { 'new.xlsx': made.written['new.xlsx'] })).stdout,
    );
    expect([scored.registered.number, scored.registered.reached]).toEqual([3, false]);
    // In words: registered 3 (Cơ bản) needs I.1 at 70%, not the next level's 60%.
    const text = (await dti(['score', 'new.xlsx'], { 'new.xlsx': made.written['new.xlsx'] })).stdout;
    expect(text).toContain('Còn thiếu để đạt mức đăng ký 3 (Cơ bản):');
    expect(text).toMatch(/• I\.1 .*: cần tỷ lệ ≥ 70%; hiện 55%, thiếu 15 điểm phần trăm/);
  });

  test('an older template (no registered cell in its layout) still reads, with no registered level', async () => {
    const spec = commune(2);
    const meta = spec.sheets.find((s) => s.name === META_SHEET)!.cells.find((c) => c.address === 'B1')!;
    const stored = JSON.parse(String(meta.value));
    delete stored.layout.header.registered;
    meta.value = JSON.stringify(stored);
    spec.names = spec.names.filter((n) => n.name !== 'DTI_REGISTERED');
    const bytes = await writeXlsx(spec);
    const filled = await readBack(bytes);
    expect(filled.registered).toBeUndefined();
    expect(Object.keys(filled.entries)).toHaveLength(criteriaFor(kontum, 'xa').length);
    const r = await assessSubmission('old.xlsx', bytes, { expect: { rubric: kontum.id, unit: 'xa' } });
    expect([r.assessment!.level!.number, r.assessment!.registered]).toEqual([1, undefined]);
  });

  test('the council reads the registration from the submission', async () => {
    const r = await assessSubmission('a.xlsx', await writeXlsx(commune(2)), {
      expect: { rubric: kontum.id, unit: 'xa' },
    });
    expect([r.assessment!.registered!.number, r.assessment!.registered!.reached]).toEqual([2, false]);
  });

  test('the Office.js writer (on the fake) writes the same input, validation and name', async () => {
    const spec = commune(2);
    const fake = new FakeExcel(['Sheet1']);
    await writeWorkbookSpec(fake, spec, undefined, { isSetSupported: () => true });
    const main = spec.sheets[0].name;
    expect(fake.cell(main, 'B8')?.value).toBe(2);
    expect(fake.sheet(main).validations.some((v) => v.range === 'B8')).toBe(true);
    expect(fake.names.get('DTI_REGISTERED')).toBe("='Tự đánh giá'!$B$8");
  });
});

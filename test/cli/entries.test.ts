/**
 * Entries as officers make them, through `dti`: one test for each failure the entries issue found,
 * each expectation worked out from the decision's text.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { criteriaFor } from '../../src/engine';
import { buildTemplate, slotCells } from '../../src/template';
import { allRubrics, getRubric, type UnitId } from '../../src/rubrics';
import { dti } from '../support/dti';

interface Scored {
  total: number | null;
  max: number | null;
  level: { number: number } | null;
  criteria: {
    id: string;
    points: number | null;
    max: number | null;
    status: string;
    level?: number;
    message: string;
  }[];
  problems: { criterion?: string; severity: string; message: string }[];
}

async function score(file: object): Promise<{ code: number; result: Scored; stdout: string }> {
  const json = await dti(['score', 'a.json', '--json'], { 'a.json': JSON.stringify(file) });
  const text = await dti(['score', 'a.json'], { 'a.json': JSON.stringify(file) });
  expect(json.stderr).toBe('');
  return { code: json.code, result: JSON.parse(json.stdout) as Scored, stdout: text.stdout };
}

const criterion = (r: Scored, id: string) => r.criteria.find((c) => c.id === id)!;
const problemsOf = (r: Scored, id: string) => r.problems.filter((p) => p.criterion === id).map((p) => p.message);

const hue2263 = (values: object) => ({ rubric: 'hue-2263-2023', unit: 'xa', year: 2025, values });
const hue931 = (values: object) => ({ rubric: 'hue-931-2024', unit: 'huyen', year: 2024, values });
const kontum = (values: object) => ({
  rubric: 'kontum-121-2025',
  unit: 'xa',
  unitName: 'Xã Đắk Blà',
  year: 2025,
  values,
});
const hanoi = (unitName: string, values: object) => ({
  rubric: 'hanoi-5279-2025',
  unit: 'so',
  unitName,
  year: 2025,
  values,
});

test('a share is taken wherever numerator/denominator is (2263 III.1.1, 3 points × 67,5 % = 2,03)', async () => {
  for (const value of [0.675, '67,5%', '67.5 %', { numerator: 675, denominator: 1000 }]) {
    const { code, result } = await score(hue2263({ 'III.1.1': value }));
    expect(code).toBe(0);
    expect(criterion(result, 'III.1.1')).toMatchObject({ status: 'ok', points: 2.03, max: 3 });
  }
});

test('2263 V.3.1 counts incidents: none is the full 5 points, one is 0; "true" is refused', async () => {
  expect(criterion((await score(hue2263({ 'V.3.1': 0 }))).result, 'V.3.1')).toMatchObject({ points: 5, max: 5 });
  expect(criterion((await score(hue2263({ 'V.3.1': 1 }))).result, 'V.3.1')).toMatchObject({ points: 0, status: 'ok' });
  const refused = await score(hue2263({ 'V.3.1': true }));
  expect(refused.code).toBe(1);
  expect(criterion(refused.result, 'V.3.1').status).toBe('invalid');
  expect(refused.stdout).toMatch(/V\.3\.1: .*"true" không cho biết số lượng; cần /);
});

test('Kon Tum commune II.4 takes a plain count of businesses: 1 → level 3, 2 → 4, 3 → 5', async () => {
  // Phụ lục: "Có 1 doanh nghiệp, hợp tác xã" (mức 3), "Có 2" (mức 4), "Có 3 … trở lên hoặc 100 %" (mức 5).
  for (const [count, level] of [
    [1, 3],
    [2, 4],
    [3, 5],
  ]) {
    const { code, result } = await score(kontum({ 'II.4': count }));
    expect(code).toBe(0);
    expect(criterion(result, 'II.4')).toMatchObject({ status: 'ok', level });
  }
});

test('"Không áp dụng", "KAD", "na", "n/a": the rubric’s reason where allowed (Kon Tum II.3 "nếu có"), a clear refusal elsewhere, never an internal error', async () => {
  for (const na of ['Không áp dụng', 'KAD', 'na', 'n/a']) {
    const { code, result, stdout } = await score(kontum({ 'II.3': na, 'I.4': na }));
    expect(code).toBe(1); // I.4 refused
    expect(criterion(result, 'II.3').status).toBe('not-applicable');
    expect(criterion(result, 'I.4')).toMatchObject({ status: 'invalid', level: 0 });
    expect(stdout).toMatch(/I\.4: "Không áp dụng" không được phép cho tiêu chí này.*; cần Có hoặc Không/);
    expect(stdout).not.toMatch(/Lỗi nội bộ|is not a function/);
    // What the next level needs never reads "Không áp dụng" for a refused entry.
    expect(stdout).not.toMatch(/• I\.4 .*cần Không áp dụng/);
  }
});

test('the README’s example "Người đứng đầu" is an option’s leading words (2263 I.1.1: the head chairs → 10 points); option ids are listed by dti criteria', async () => {
  const { result } = await score(hue2263({ 'I.1.1': 'Người đứng đầu' }));
  expect(criterion(result, 'I.1.1')).toMatchObject({ status: 'ok', points: 10 });
  const ambiguous = await score(hue2263({ 'I.1.1': 'C' })); // "Cấp phó …" is the only label on C, but one letter says nothing
  expect(criterion(ambiguous.result, 'I.1.1').status).toBe('invalid');
  const listed = await dti(['criteria', 'hue-2263-2023', 'xa']);
  expect(listed.stdout).toMatch(/I\.1\.1[\s\S]*mã: head \/ deputy \/ none/);
});

describe('Hà Nội departments by their official names (Phụ lục I, mục I; 7.1 only for the listed ones)', () => {
  test.each(['Sở Khoa học và Công nghệ thành phố Hà Nội', 'Sở KH&CN', 'sở khoa học và công nghệ TP. Hà Nội'])(
    '"%s" is the Sở Khoa học và Công nghệ: 7.1 applies, out of 350',
    async (name) => {
      const { code, result } = await score(hanoi(name, { '7.1': 10 }));
      expect(code).toBe(0);
      expect(criterion(result, '7.1')).toMatchObject({ status: 'ok', points: 10, max: 20 });
      expect(result.max).toBe(350);
    },
  );

  test('a name on no list is a problem that says what it changes', async () => {
    const { result } = await score(hanoi('Sở Vui Chơi', {}));
    expect(result.max).toBe(330);
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(
      /"Sở Vui Chơi" không có trong .*7\.1 không được tính, điểm tối đa 330 thay vì 350/,
    );
  });
});

describe('an entry that looks like another unit is scored as entered, with a warning beside it', () => {
  test('Hà Nội 7.1 = 0,35 of 20: "if this is 35 %, that is 7/20 points"', async () => {
    const { result } = await score(hanoi('Sở Y tế', { '7.1': 0.35 }));
    expect(criterion(result, '7.1').points).toBe(0.35);
    expect(problemsOf(result, '7.1').join()).toMatch(
      /0,35 điểm rất nhỏ: nếu đây là tỷ lệ 35% thì tương ứng 7\/20 điểm/,
    );
  });

  test('Hà Nội 9.2 = 0,9 of 50: 90 % would be 45 points', async () => {
    const { result } = await score(hanoi('Sở Y tế', { '9.2': 0.9 }));
    expect(problemsOf(result, '9.2').join()).toMatch(/tỷ lệ 90% thì tương ứng 45\/50 điểm/);
  });

  test('931 VI.7 = 0,05 of 10: 5 % would be 0,5 points', async () => {
    const { result } = await score(hue931({ 'VI.7': 0.05 }));
    expect(problemsOf(result, 'VI.7').join()).toMatch(/tỷ lệ 5% thì tương ứng 0,5\/10 điểm/);
  });
});

test('a numerator above its denominator counts as 100 %, with a warning (931 II.2, 10 points)', async () => {
  const { code, result } = await score(hue931({ 'II.2': { numerator: 12, denominator: 10 } }));
  expect(code).toBe(0);
  expect(criterion(result, 'II.2')).toMatchObject({ status: 'ok', points: 10 });
  expect(problemsOf(result, 'II.2').join()).toMatch(/tử số 12 lớn hơn mẫu số 10: tính là 100%/);
});

test('without a year, a criterion scored by its deadline is a problem, not a guess (931 II.1: by 31/01 → 10, after → 5)', async () => {
  const { year: _, ...noYear } = hue931({ 'II.1': '28/12/2023' });
  const missing = await score(noYear);
  expect(missing.code).toBe(1);
  expect(criterion(missing.result, 'II.1')).toMatchObject({ status: 'invalid', points: 0 });
  expect(missing.result.problems.map((p) => p.message).join('\n')).toMatch(/Chưa có năm đánh giá.*\(II\.1\)/);
  // For 2024, a plan of 28/12/2023 is issued before 31/01/2024.
  expect(criterion((await score(hue931({ 'II.1': '28/12/2023' }))).result, 'II.1').points).toBe(10);
});

test('"general" in the file is the denominator of the ratios that take it (2263 III.2.1: households)', async () => {
  const { result } = await score({ ...hue2263({ 'III.2.1': { numerator: 300 } }), general: { households: 400 } });
  // 300 of 400 households × 10 points (2263 III.2.1: tỉ lệ hộ gia đình có điện thoại thông minh).
  expect(criterion(result, 'III.2.1')).toMatchObject({ status: 'ok', points: 7.5, max: 10 });
  const unknown = await score({ ...hue2263({}), general: { housholds: 400 } });
  expect(unknown.result.problems.map((p) => p.message).join('\n')).toMatch(/Không có mục thông tin chung "housholds"/);
});

describe('templates as they leave the tool', () => {
  async function template(rubric: string, unit: string) {
    const made = await dti(['template', '--rubric', rubric, '--unit', unit, '--year', '2025', '--out', 't.xlsx']);
    expect(made.code).toBe(0);
    return made.written['t.xlsx'];
  }

  test('an untouched Kon Tum template shows no level beside "Chưa nhập", and scores as not entered', async () => {
    const bytes = await template('kontum-121-2025', 'xa');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const spec = buildTemplate(getRubric('kontum-121-2025'), { unit: 'xa', unitName: '', year: 2025 });
    const sheet = wb.getWorksheet(spec.layout.sheet)!;
    const cached = (address: string) => {
      // The value a formula cell shows until Excel recalculates (none written reads as blank).
      const v = sheet.getCell(address).value as { formula?: string; result?: unknown } | null;
      return v && typeof v === 'object' && 'formula' in v ? v.result : v;
    };
    for (const [id, row] of Object.entries(spec.layout.rows)) {
      // Level 0 ("not reached") or nothing; the issue saw 3/2/1 here.
      expect([id, [0, '', undefined].includes(cached(`${spec.layout.score}${row}`) as never)]).toEqual([id, true]);
      expect([id, String(cached(`${spec.layout.check}${row}`))]).toEqual([id, expect.stringMatching(/^Chưa nhập/)]);
    }
    const scored = await dti(['score', 't.xlsx', '--json'], { 't.xlsx': bytes });
    const result = JSON.parse(scored.stdout) as Scored;
    expect(result.criteria.every((c) => c.status === 'missing' && c.level === 0)).toBe(true);
    expect(result.level?.number).toBe(0);
  });

  test('every input cell of a 2263 template is read back where it was typed (one row per input)', async () => {
    const bytes = await template('hue-2263-2023', 'xa');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const spec = buildTemplate(getRubric('hue-2263-2023'), { unit: 'xa', unitName: '', year: 2025 });
    const sheet = wb.getWorksheet(spec.layout.sheet)!;
    const [numerator, denominator] = slotCells(spec.layout, 'III.1.1', spec.layout.rows['III.1.1']);
    sheet.getCell(numerator).value = 45;
    sheet.getCell(denominator).value = 60;
    sheet.getCell(slotCells(spec.layout, 'V.3.1', spec.layout.rows['V.3.1'])[0]).value = 0;
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = JSON.parse((await dti(['score', 'f.xlsx', '--json'], { 'f.xlsx': filled })).stdout) as Scored;
    // 45 of 60 staff × 3 points = 2,25; no incident = 5 points.
    expect(criterion(result, 'III.1.1')).toMatchObject({ status: 'ok', points: 2.25 });
    expect(criterion(result, 'V.3.1')).toMatchObject({ status: 'ok', points: 5 });
  });
});

describe('any entry, whatever its shape', () => {
  // Ids, not rubric objects: a counterexample stays short enough to read.
  const units = allRubrics().flatMap((r) => r.units.map((u) => `${r.id} ${u.id}`));
  const parse = (pick: string) => ({ rubric: getRubric(pick.split(' ')[0]), unit: pick.split(' ')[1] as UnitId });
  const blanks = [null, '', '   ', [], {}, [null], { numerator: null, denominator: '' }] as const;

  test('dti score exits 0 or 1 with a result for any JSON value in any criterion, never 2 or an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...units),
        fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }),
        async (pick, picks) => {
          const { rubric, unit } = parse(pick);
          const criteria = criteriaFor(rubric, unit);
          const values = Object.fromEntries(picks.map(([i, v]) => [criteria[i % criteria.length].id, v]));
          const file = JSON.stringify({ rubric: rubric.id, unit, year: 2025, values });
          const { code, stdout, stderr } = await dti(['score', 'a.json', '--json'], { 'a.json': file });
          expect(stderr).toBe('');
          expect([0, 1]).toContain(code);
          // Every criterion has its line; every criterion the file names is among them.
          const result = JSON.parse(stdout) as Scored;
          expect(result.criteria.map((c) => c.id).sort()).toEqual(criteria.map((c) => c.id).sort());
          for (const c of result.criteria) expect(typeof c.message).toBe('string');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a blank never scores above 0, never reaches a level, never passes the check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...units), fc.constantFrom(...blanks), async (pick, blank) => {
        const { rubric, unit } = parse(pick);
        const values = Object.fromEntries(criteriaFor(rubric, unit).map((c) => [c.id, blank]));
        const { stdout } = await dti(['score', 'a.json', '--json'], {
          'a.json': JSON.stringify({ rubric: rubric.id, unit, year: 2025, values }),
        });
        const result = JSON.parse(stdout) as Scored;
        for (const c of result.criteria) {
          // Not entered, or not applicable by the unit (Hà Nội 7.1 without a listed name): never read.
          expect([c.id, ['missing', 'not-applicable'].includes(c.status)]).toEqual([c.id, true]);
          expect([c.id, c.points ?? 0]).toEqual([c.id, 0]);
          if (c.status === 'missing') expect([c.id, c.level ?? 0]).toEqual([c.id, 0]);
        }
        expect(result.total ?? 0).toBe(0);
        if (result.level) expect(result.level.number).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

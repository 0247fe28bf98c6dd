/**
 * Dates in a filled template, through `dti score FILE.xlsx` (issue 13, Build 6): a bare small
 * number is not a date — in a deadline rule's input (1 would be the serial of 31/12/1899, "full
 * points") or as an evidence date — and a document dated outside the assessment year and the year
 * before is flagged. hue-931-2024 II.1: the year's plan, 10 points when issued by 31 January,
 * 5 when later in the year.
 */
import { getRubric } from '../../src/rubrics';
import { buildTemplate } from '../../src/template';
import { dti } from '../support/dti';
import { setCell } from '../support/hostile';

const layout = buildTemplate(getRubric('hue-931-2024'), { unit: 'xa', year: 2024 }).layout;
const row = layout.rows['II.1'];
const planCell = `${layout.valueColumn}${row}`;
const evidenceDate = `${layout.evidence.date}${row}`;

interface Scored {
  criteria: { id: string; points: number | null; status: string }[];
  problems: { severity: string; message: string }[];
}

async function template(): Promise<Uint8Array> {
  const json = { rubric: 'hue-931-2024', unit: 'xa', unitName: 'Xã A', year: 2024, values: { 'II.1': '2024-01-20' } };
  const made = await dti(
    ['template', '--rubric', 'hue-931-2024', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'],
    {
      'a.json': JSON.stringify(json),
    },
  );
  return made.written['a.xlsx'];
}

async function score(bytes: Uint8Array, lang = 'vi') {
  const r = await dti(['score', 'a.xlsx', '--json', '--lang', lang], { 'a.xlsx': bytes });
  return { code: r.code, result: JSON.parse(r.stdout) as Scored };
}

const ii1 = (s: Scored) => s.criteria.find((c) => c.id === 'II.1')!;

test('the plan dated 20/01/2024 in a 2024 assessment: 10 points (the reference case)', async () => {
  const { code, result } = await score(await template());
  expect(ii1(result)).toMatchObject({ points: 10, status: 'ok' });
  expect(code).toBe(0);
});

test('a plan "dated" 1 (a bare number in the date cell) is no date: invalid, no points', async () => {
  const { code, result } = await score(setCell(await template(), planCell, 1));
  expect(ii1(result)).toMatchObject({ points: 0, status: 'invalid' });
  expect(code).toBe(1);
});

test('a plan dated 01/05/2019 in a 2024 assessment: invalid, no points', async () => {
  const { result } = await score(setCell(await template(), planCell, 43586));
  expect(ii1(result)).toMatchObject({ points: 0, status: 'invalid' });
});

test('an evidence date of 1 is an error naming the cell; one of 2019 a warning; one of 01/03/2024 nothing', async () => {
  const base = await template();
  const small = await score(setCell(base, evidenceDate, 1));
  expect(small.code).toBe(1);
  expect(small.result.problems).toContainEqual({
    severity: 'error',
    code: 'invalid-value',
    message: `Mẫu: II.1: Ngày văn bản (Tự đánh giá!${evidenceDate}) là 31/12/1899, trước năm 2000: ô chứa một con số, không phải ngày (nhập dd/mm/yyyy)`,
  });
  const old = await score(setCell(base, evidenceDate, 43586), 'en');
  expect(old.result.problems).toContainEqual({
    severity: 'warning',
    code: 'value-warning',
    message: `Template: II.1: Document dated 01/05/2019 (Tự đánh giá!${evidenceDate}), outside the assessment year 2024 and the year before`,
  });
  const fine = await score(setCell(base, evidenceDate, 45352));
  expect(fine.result.problems.filter((p) => p.message.includes(evidenceDate))).toEqual([]);
});

/**
 * The council tab's split and merge (src/taskpane/council/agency-files.ts) on the in-memory port:
 * the council's saved workbook split into one download per agency (written without ExcelJS), the
 * returned files told apart from the council's own by their identity, merged and written into the
 * open workbook; the wrong picks said.
 */
import ExcelJS from 'exceljs';
import {
  AGENCY_DONE,
  AGENCY_SHEET,
  appraisalWorkbook,
  assessSubmission,
  rankSubmissions,
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  type SubmissionResult,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { mergeFiles, splitFile } from '../../src/taskpane/council/agency-files';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { writeXlsx } from '../../src/xlsx';
import { CA, KHCN, rowsByUnit, SO_SHARES, YT } from '../support/agencies';
import { sealedSubmission } from '../support/submissions';

const hanoi = getRubric('hanoi-5279-2025');
const form = { rubric: hanoi.id, unit: 'so' as const };
let council: Uint8Array;
let results: SubmissionResult[];

beforeAll(async () => {
  results = await Promise.all(
    ['Sở Y tế', 'Sở Tư pháp'].map(async (u, i) => {
      const r = await assessSubmission(`${u}.xlsx`, await sealedSubmission(i + 1, u, false, { form }), {
        expect: form,
      });
      return { ...r, status: 'valid' } as SubmissionResult;
    }),
  );
  council = await writeXlsx(appraisalWorkbook(hanoi, 'so', rankSubmissions(hanoi, results)).spec);
}, 60000);

test('split: one download per agency, each holding exactly its indicators', async () => {
  const r = await splitFile({ name: 'td.xlsx', bytes: council });
  if (!r.ok) throw new Error(JSON.stringify(r));
  expect(Object.fromEntries(r.downloads.map((d) => [d.agency, d.criteria]))).toEqual(SO_SHARES);
  for (const d of r.downloads) for (const ids of rowsByUnit(d.bytes).values()) expect(ids).toEqual(SO_SHARES[d.agency]);
  expect(r.downloads.find((d) => d.agency === YT)!.name).toBe('so-y-te.xlsx');
}, 60000);

test('merge: the council workbook found among the picks, the merged sheets written into the open workbook', async () => {
  const r = await splitFile({ name: 'td.xlsx', bytes: council });
  if (!r.ok) throw new Error('split');
  const of = (agency: string) => r.downloads.find((d) => d.agency === agency)!.bytes;
  // Sở KH&CN cuts Sở Tư pháp's 9.1 to 0 and marks its share finished; Công an sends its share back untouched.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(of(KHCN) as unknown as ExcelJS.Buffer);
  wb.getWorksheet(APPRAISAL_SHEET)!.eachRow((row) => {
    if (row.getCell(COL.unit).value === 'Sở Tư pháp' && row.getCell(COL.criterion).value === '9.1')
      row.getCell(COL.appraised).value = 0;
  });
  wb.getWorksheet(AGENCY_SHEET)!.getCell('B6').value = AGENCY_DONE;
  const khcn = new Uint8Array(await wb.xlsx.writeBuffer());
  const outcome = await mergeFiles([
    { name: 'ca.xlsx', bytes: of(CA) },
    { name: 'td.xlsx', bytes: council },
    { name: 'khcn.xlsx', bytes: khcn },
  ]);
  if (!outcome.ok) throw new Error(outcome.message.en);
  expect(outcome.merged.map((m) => [m.agency, m.done, m.appraised > 0])).toEqual([
    [CA, false, false],
    [KHCN, true, true],
  ]);
  // Only Sở KH&CN appraised (finished): every other agency's indicator is appraised by nobody,
  // 5.5 (Công an's and Sở KH&CN's) included in neither list.
  const unappraised = outcome.unappraised.map((u) => u.criterion);
  expect(unappraised.filter((id) => SO_SHARES[KHCN].includes(id))).toEqual([]);
  expect(unappraised).toEqual(expect.arrayContaining(['4.2', '8.1', '6.1', '8.3']));
  const port = new MemoryWorkbook();
  expect((await port.writeCouncilWorkbook(outcome.spec)).ok).toBe(true);
  const sheet = port.sheets.get(APPRAISAL_SHEET)!;
  const row = [...sheet.keys()].find(
    (a) =>
      a.startsWith(COL.criterion) && sheet.get(a) === '9.1' && sheet.get(`${COL.unit}${a.slice(1)}`) === 'Sở Tư pháp',
  )!;
  expect(sheet.get(`${COL.appraised}${row.slice(1)}`)).toBe(0);
  expect(sheet.get(`${COL.rescored}${row.slice(1)}`)).not.toBe(0);
}, 60000);

test('wrong picks are said: no council workbook, two of them, a file that is not one', async () => {
  const r = await splitFile({ name: 'td.xlsx', bytes: council });
  if (!r.ok) throw new Error('split');
  const share = { name: 'ca.xlsx', bytes: r.downloads[0].bytes };
  const none = await mergeFiles([share]);
  expect(none.ok ? '' : none.message.vi).toMatch(/Chọn cả bảng thẩm định của Hội đồng/);
  const two = await mergeFiles([share, { name: 'a.xlsx', bytes: council }, { name: 'b.xlsx', bytes: council }]);
  expect(two.ok ? '' : two.message.vi).toMatch(/không phải 2: a\.xlsx, b\.xlsx/);
  const submission = await sealedSubmission(1, 'Sở Y tế', false, { form });
  const notOne = await splitFile({ name: 'so-y-te-nop.xlsx', bytes: submission });
  expect(notOne.ok ? '' : notOne.kind === 'refused' && notOne.message.vi).toBe(
    'so-y-te-nop.xlsx: không phải bảng thẩm định của Hội đồng',
  );
}, 60000);

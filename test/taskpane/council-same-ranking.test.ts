/**
 * The pane and `dti rank --appraisal` give the same ranking from the same council workbook: the
 * pane's whole path (rankCouncil → its council workbook written into the memory workbook → the
 * council's edits typed into the sheet → "Đọc lại sổ thẩm định" → the ranking on it) against the
 * CLI's (`dti appraise` → the same edits made with ExcelJS, as in Excel → `dti rank --appraisal`),
 * on the signed sample submissions. The leader's I.6.1 ("Có", 10 of 10) is cut to 0 and its I.7.1
 * ("Có", 10 of 10) to "2,5" typed as text: 17.5 points less, below the tied pair.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  assessSubmissionFile,
  type CouncilAppraisal,
} from '../../src/council';
import { councilSpec, rankCouncil, rankOnAppraisal } from '../../src/taskpane/council/session';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { dti } from '../support/dti';

const sample = (f: string) => join(__dirname, '..', '..', 'examples', 'council', f);
const FILES = ['phuong-phu-hoi.xlsx', 'xa-phu-mau.xlsx', 'phuong-an-cuu.xlsx', 'phuong-thuan-hoa.xlsx'].map(sample);
const CA = sample('demo-ca.pem');
const OPTS = ['--rubric', 'hue-2263-2023', '--unit', 'xa', '--trust', CA];
const EDITS: [unit: string, criterion: string, value: string | number, reason: string][] = [
  ['Phường Phú Hội', 'I.6.1', 0, 'Thiếu tài liệu kiểm chứng'],
  ['Phường Phú Hội', 'I.7.1', '2,5', 'Tài liệu không ký số'],
];

test('the same edits give the same ranking in the pane and in dti rank --appraisal', async () => {
  // The CLI: appraise, edit as in Excel, rank on the appraisal.
  const out = join(tmpdir(), 'same-ranking-council.xlsx');
  const appraised = await dti(['appraise', ...FILES, ...OPTS, '--out', out]);
  expect(appraised.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(appraised.written[out] as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
  const rowOf = (unit: string, criterion: string) => {
    let found = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(COL.unit).value === unit && row.getCell(COL.criterion).value === criterion) found = r;
    });
    expect(found).toBeGreaterThan(0);
    return found;
  };
  for (const [unit, criterion, value, reason] of EDITS) {
    const r = rowOf(unit, criterion);
    ws.getCell(`${COL.appraised}${r}`).value = value;
    ws.getCell(`${COL.reason}${r}`).value = reason;
  }
  const edited = new Uint8Array(await wb.xlsx.writeBuffer());
  const ranked = await dti(
    ['rank', ...FILES, ...OPTS, '--appraisal', 'council.xlsx', '--out', join(tmpdir(), 'r.xlsx'), '--json'],
    {
      'council.xlsx': edited,
    },
  );
  expect(ranked.code).toBe(0);
  const cli = (JSON.parse(ranked.stdout) as { rank: number | null; unitName: string; total: number }[]).map((r) => [
    r.unitName,
    r.rank,
    r.total,
  ]);

  // The pane: the same files checked with the same root, its workbook written, the same cells typed in.
  const results = await Promise.all(
    FILES.map(async (f) =>
      assessSubmissionFile(f, new Uint8Array(readFileSync(f)), { trustAnchors: [readFileSync(CA)], lang: 'vi' }),
    ),
  );
  const ranking = rankCouncil(results, 'hue-2263-2023', 'xa', true, '', 'vi');
  const memory = new MemoryWorkbook();
  expect((await memory.writeCouncilWorkbook(councilSpec(ranking).spec)).ok).toBe(true);
  // Both workbooks put the units on the same rows (the same design), so the council edits the same cells.
  for (const [unit, criterion, value, reason] of EDITS) {
    const r = rowOf(unit, criterion);
    expect(memory.get(APPRAISAL_SHEET, `${COL.criterion}${r}`)).toBe(criterion);
    memory.set(APPRAISAL_SHEET, `${COL.appraised}${r}`, value);
    memory.set(APPRAISAL_SHEET, `${COL.reason}${r}`, reason);
  }
  const read = (await memory.readCouncilAppraisal()) as CouncilAppraisal;
  const pane = rankOnAppraisal(ranking, read.cells, true).rows.map((r) => [
    r.submission.unitName,
    r.rank,
    r.submission.assessment!.total,
  ]);

  expect(pane).toEqual(cli);
  // By hand: the leader loses 10 + 7.5 points and falls to 3, behind the pair now tied at 1.
  const before = results.find((r) => r.unitName === 'Phường Phú Hội')!.assessment!.total!;
  expect(cli.map((r) => [r[0], r[1]])).toEqual([
    ['Phường An Cựu', 1],
    ['Xã Phú Mậu', 1],
    ['Phường Phú Hội', 3],
    ['Phường Thuận Hòa', 4],
  ]);
  expect(cli[2][2]).toBeCloseTo(before - 17.5, 2);
}, 120000);

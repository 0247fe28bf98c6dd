/**
 * `dti appraise --split-by agency` and `dti appraise --merge` on signed Hà Nội city-department
 * submissions (a throw-away test CA): the council's workbook split among the agencies of Phụ lục
 * III, three of their workbooks edited in Excel's file format (ExcelJS) as the agencies edit them,
 * merged back with one conflict and one criterion nobody appraised, and ranked with
 * `dti rank --appraisal` — the ranking worked out by hand from the cuts.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import {
  AGENCY_DONE,
  AGENCY_SHEET,
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  ASSIGNMENT_SHEET,
  appraisalWorkbook,
  assessSubmission,
  rankSubmissions,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { writeXlsx } from '../../src/xlsx';
import { CA, KHCN, readWorkbook, rowsByUnit, SO_SHARES, YT } from '../support/agencies';
import { dti } from '../support/dti';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';

interface RankRow {
  rank: number | null;
  unitName: string;
  total: number | null;
}

/** An agency's workbook edited as in Excel: appraised cells by unit and criterion, and its "finished" mark. */
async function edited(bytes: Uint8Array, cells: [unit: string, criterion: string, value: number][], done: boolean) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
  for (const [unit, criterion, value] of cells) {
    let found = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(COL.unit).value === unit && row.getCell(COL.criterion).value === criterion) {
        ws.getCell(`${COL.appraised}${r}`).value = value;
        ws.getCell(`${COL.reason}${r}`).value = 'Thiếu tài liệu kiểm chứng';
        found++;
      }
    });
    expect([unit, criterion, found]).toEqual([unit, criterion, 1]);
  }
  if (done) wb.getWorksheet(AGENCY_SHEET)!.getCell('B6').value = AGENCY_DONE;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('dti appraise --split-by agency, then --merge, then dti rank --appraisal (Hà Nội, city departments)', () => {
  let pki: TestPki;
  let dir: string;
  let council: Uint8Array;
  let shares: Record<string, Uint8Array>;
  let split: Awaited<ReturnType<typeof dti>>;
  const units = ['Sở Y tế', 'Sở Tư pháp', 'Sở Du lịch'];
  const options = () => ['--rubric', 'hanoi-5279-2025', '--unit', 'so', '--trust', join(pki.dir, 'root.pem')];
  const rank = async (files: Record<string, Uint8Array>, appraisal?: string) => {
    const r = await dti(
      ['rank', dir, ...options(), ...(appraisal ? ['--appraisal', appraisal] : []), '--out', '/v/xh.xlsx', '--json'],
      files,
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    return (JSON.parse(r.stdout) as RankRow[]).map((x) => [x.unitName, x.rank, x.total] as const);
  };

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-agencies-'));
    const signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    const form = { rubric: 'hanoi-5279-2025', unit: 'so' as const };
    for (const [i, u] of units.entries())
      writeFileSync(
        join(dir, `${i}.xlsx`),
        await signXlsx(await sealedSubmission(i + 1, u, false, { form }), signer, at),
      );
    const appraised = await dti(['appraise', dir, ...options(), '--out', '/v/td.xlsx']);
    expect([appraised.code, appraised.stderr]).toEqual([0, '']);
    council = appraised.written['/v/td.xlsx'];
    split = await dti(['appraise', '--split-by', 'agency', '/v/td.xlsx', '--out', '/v/co-quan', '--json'], {
      '/v/td.xlsx': council,
    });
    shares = Object.fromEntries(
      Object.entries(split.written).map(([path, bytes]) => [path.replace('/v/co-quan/', ''), bytes]),
    );
  }, 180000);

  test('split: one file per agency, each holding exactly its indicators for every department', () => {
    expect([split.code, split.stderr]).toEqual([0, '']);
    const j = JSON.parse(split.stdout) as {
      workbooks: { agency: string; file: string; criteria: string[] }[];
      council: string[];
    };
    expect(Object.fromEntries(j.workbooks.map((w) => [w.agency, w.criteria]))).toEqual(SO_SHARES);
    expect(j.council).toEqual([]);
    expect(Object.keys(shares).sort()).toEqual(
      [
        'cong-an-thanh-pho.xlsx',
        'so-khoa-hoc-va-cong-nghe.xlsx',
        'so-tai-chinh.xlsx',
        'so-van-hoa-va-the-thao.xlsx',
        'so-y-te.xlsx',
        'trung-tam-phuc-vu-hanh-chinh-cong.xlsx',
        'van-phong-ubnd-thanh-pho.xlsx',
      ].sort(),
    );
    for (const w of j.workbooks) {
      const byUnit = rowsByUnit(split.written[w.file]);
      expect([w.agency, [...byUnit.keys()].sort()]).toEqual([w.agency, [...units].sort()]);
      for (const ids of byUnit.values()) expect([w.agency, ids]).toEqual([w.agency, SO_SHARES[w.agency]]);
    }
  });

  test('merge: one conflict, one criterion nobody appraised, both reported (exit 1); the ranking follows the cuts', async () => {
    const before = await rank({});
    const [leader, second] = before;
    // Sở KH&CN cuts the leader's 9.1 and 9.2 (50 points each, "Mức độ hoàn thành …") to 0, and
    // changes the second's 5.5, which Công an (finished, 5.5 left as re-scored) shares: a conflict.
    // Sở Y tế sends nothing back: its 8.3 is appraised by nobody. Every returned share is finished.
    const rescored = await readPoints(council);
    const points = (unit: string, id: string) => rescored.get(`${unit}|${id}`)!;
    const cut = points(leader[0], '9.1') + points(leader[0], '9.2');
    const conflictValue = points(second[0], '5.5') > 0 ? 0 : 5;
    const files: Record<string, Uint8Array> = { '/v/td.xlsx': council };
    for (const [name, bytes] of Object.entries(shares)) {
      if (name === 'so-y-te.xlsx') continue;
      const cells: [string, string, number][] =
        name === 'so-khoa-hoc-va-cong-nghe.xlsx'
          ? [
              [leader[0], '9.1', 0],
              [leader[0], '9.2', 0],
              [second[0], '5.5', conflictValue],
            ]
          : [];
      files[`/v/back/${name}`] = await edited(bytes, cells, true);
    }
    const agencyFiles = Object.keys(files).filter((f) => f.startsWith('/v/back/'));
    const merged = await dti(
      ['appraise', '--merge', '/v/td.xlsx', ...agencyFiles, '--out', '/v/gop.xlsx', '--json'],
      files,
    );
    expect([merged.code, merged.stderr]).toEqual([1, '']);
    const j = JSON.parse(merged.stdout) as {
      conflicts: { unitName: string; criterion: string; votes: { agency: string; value: number }[] }[];
      unappraised: { criterion: string; agencies: string[]; units: string[] }[];
      missingAgencies: string[];
    };
    expect(j.conflicts.map((c) => [c.unitName, c.criterion, c.votes.map((v) => [v.agency, v.value]).sort()])).toEqual([
      [
        second[0],
        '5.5',
        [
          [CA, points(second[0], '5.5')],
          [KHCN, conflictValue],
        ].sort(),
      ],
    ]);
    expect(j.unappraised.map((u) => [u.criterion, u.agencies, [...u.units].sort()])).toEqual([
      ['8.3', [YT], [...units].sort()],
    ]);
    expect(j.missingAgencies).toEqual([YT]);

    // The text report names both agencies of the conflict and the criterion nobody appraised.
    const text = await dti(['appraise', '--merge', '/v/td.xlsx', ...agencyFiles, '--out', '/v/gop2.xlsx'], files);
    expect(text.code).toBe(1);
    const line = text.stdout.split('\n').find((l) => l.startsWith(`  ${second[0]} · 5.5: `))!;
    expect(line).toContain(CA);
    expect(line).toContain(KHCN);
    expect(text.stdout).toContain(`8.3 (${YT}): 3 đơn vị`);

    // By hand: the leader loses both 50-point indicators; the conflict and the unappraised
    // criterion keep the re-score; the others keep their totals. Ranks: descending, ties share.
    const expected = before.map(
      ([u, , total]) => [u, u === leader[0] ? Math.round((total! - cut) * 100) / 100 : total] as const,
    );
    const order = [...expected].sort((a, b) => b[1]! - a[1]!);
    const rankOf = (total: number) => order.filter((x) => x[1]! > total).length + 1;
    const after = await rank({ '/v/gop.xlsx': merged.written['/v/gop.xlsx'] }, '/v/gop.xlsx');
    expect([...after].sort()).toEqual(expected.map(([u, total]) => [u, rankOf(total!), total] as const).sort());
    // The two indicators weigh more than the leader's lead over the third: it falls to the last place.
    expect(after.find(([u]) => u === leader[0])![1]).toBe(units.length);
  }, 180000);

  test('merge refuses a share of another council workbook, naming the file (exit 2), and merges nothing', async () => {
    const other = await dti([
      'appraise',
      join(dir, '0.xlsx'),
      join(dir, '1.xlsx'),
      ...options(),
      '--out',
      '/v/td2.xlsx',
    ]);
    const otherSplit = await dti(['appraise', '--split-by', 'agency', '/v/td2.xlsx', '--out', '/v/khac'], {
      '/v/td2.xlsx': other.written['/v/td2.xlsx'],
    });
    expect(otherSplit.code).toBe(0);
    const r = await dti(
      ['appraise', '--merge', '/v/td.xlsx', '/v/mine/so-y-te.xlsx', '/v/khac/so-y-te.xlsx', '--out', '/v/gop.xlsx'],
      {
        '/v/td.xlsx': council,
        '/v/mine/so-y-te.xlsx': shares['so-y-te.xlsx'],
        '/v/khac/so-y-te.xlsx': otherSplit.written['/v/khac/so-y-te.xlsx'],
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('so-y-te.xlsx: được tách từ một bảng thẩm định khác');
    expect(r.written).toEqual({});
  }, 120000);

  test('a rubric that names no agency (Huế 2263): the assignment sheet written to fill in (exit 1), then asked for again while blank', async () => {
    const hue = getRubric('hue-2263-2023');
    const s = await assessSubmission('a.xlsx', await sealedSubmission(1, 'Xã Phú Mậu'));
    const td = await writeXlsx(appraisalWorkbook(hue, 'xa', rankSubmissions(hue, [{ ...s, status: 'valid' }])).spec);
    const r = await dti(['appraise', '--split-by', 'agency', '/v/td-hue.xlsx', '--out', '/v/hue'], {
      '/v/td-hue.xlsx': td,
    });
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toContain('không ghi cơ quan thẩm định cho 79 tiêu chí');
    const withSheet = r.written['/v/hue/td-hue.xlsx'];
    expect(readWorkbook(withSheet).sheetNames).toContain(ASSIGNMENT_SHEET);
    const again = await dti(['appraise', '--split-by', 'agency', '/v/hue/td-hue.xlsx', '--out', '/v/hue2'], {
      '/v/hue/td-hue.xlsx': withSheet,
    });
    expect([again.code, again.written]).toEqual([1, {}]);
    expect(again.stdout).toContain('chưa giao tiêu chí nào cho cơ quan nào');
  }, 60000);

  test('usage: --split-by takes only "agency"; split and merge are not combined', async () => {
    expect((await dti(['appraise', '--split-by', 'unit', '/v/td.xlsx', '--out', '/v/x'])).code).toBe(2);
    expect((await dti(['appraise', '--merge', '/v/td.xlsx', '--out', '/v/x.xlsx'])).code).toBe(2);
    expect((await dti(['help', 'appraise'])).stdout).toContain('--split-by agency');
  });
});

/** The council workbook's re-scored points by "unit|criterion" (its "Thẩm định" sheet). */
async function readPoints(bytes: Uint8Array): Promise<Map<string, number>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out = new Map<string, number>();
  wb.getWorksheet(APPRAISAL_SHEET)!.eachRow((row) => {
    const v = row.getCell(COL.rescored).value;
    if (typeof row.getCell(COL.key).value === 'number' && typeof v === 'number')
      out.set(`${row.getCell(COL.unit).value}|${row.getCell(COL.criterion).value}`, v);
  });
  return out;
}

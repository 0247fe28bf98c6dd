/**
 * `dti appraise` and `dti rank --appraisal` on signed submissions (a throw-away test CA): the
 * council's workbook is written, edited as the council edits it (ExcelJS), and ranked again; the
 * workbook's own formulas, recalculated by LibreOffice, give the same ranks and totals as the CLI.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { APPRAISAL_COLUMNS as COL, APPRAISAL_SHEET, RANKING_SHEET } from '../../src/council';
import { dti } from '../support/dti';
import { convert, sheetCsv } from '../support/libreoffice';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';
import { LIBREOFFICE } from '../support/system';

interface RankRow {
  rank: number | null;
  file: string | null;
  unitName: string;
  total: number | null;
  status: string;
  reason: string | null;
  changes?: { criterion: string; rescored: number; appraised: number; reason: string }[];
}

describe('dti appraise, then dti rank --appraisal', () => {
  let pki: TestPki;
  let dir: string;
  let out: string;
  let council: Uint8Array;
  let appraised: Awaited<ReturnType<typeof dti>>;
  const names = 'Phường An Cựu\nPhường Vĩnh Ninh\nPhường Phú Hội\nXã Phú Mậu\n';
  const expectedFile = '/virtual/danh-sach.txt';
  const options = () => ['--rubric', 'hue-2263-2023', '--unit', 'xa', '--trust', join(pki.dir, 'root.pem')];
  const rankWith = async (workbook: Uint8Array) => {
    const r = await dti(
      [
        'rank',
        dir,
        ...options(),
        '--expected',
        expectedFile,
        '--appraisal',
        '/virtual/td.xlsx',
        '--out',
        join(out, 'xh.xlsx'),
        '--json',
      ],
      { '/virtual/td.xlsx': workbook, [expectedFile]: names },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as RankRow[];
  };

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-appraise-'));
    out = mkdtempSync(join(tmpdir(), 'dti-council-'));
    const signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    // The test CA's certificates start today: sign shortly after, to the second.
    const at = (s: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + s * 1000);
    const put = async (file: string, seed: number, unit: string, s: number) =>
      writeFileSync(join(dir, file), await signXlsx(await sealedSubmission(seed, unit), signer, at(s)));
    await put('a-an-cuu.xlsx', 1, 'Phường An Cựu', 60);
    await put('b-vinh-ninh.xlsx', 2, 'Phường Vĩnh Ninh', 60);
    // The same entries as An Cựu: the same total, a shared rank.
    await put('c-phu-hoi.xlsx', 1, 'Phường Phú Hội', 60);
    // An Cựu again, signed earlier: the newer one counts.
    await put('d-an-cuu-cu.xlsx', 3, 'Phường An Cựu', 30);
    appraised = await dti(
      ['appraise', dir, ...options(), '--expected', expectedFile, '--out', join(out, 'td.xlsx'), '--json'],
      { [expectedFile]: names },
    );
    council = appraised.written[join(out, 'td.xlsx')];
  }, 120000);

  test('appraise: the workbook written; the three units to appraise, the older duplicate and the unit not submitted listed', async () => {
    const r = appraised;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(council).toBeDefined();
    const j = JSON.parse(r.stdout) as {
      appraised: { unitName: string; digest: string }[];
      unranked: { file: string; reason: string }[];
      missing: string[];
      duplicates: { unit: string; counted: string; others: string[] }[];
    };
    expect(j.appraised.map((s) => s.unitName).sort()).toEqual(['Phường An Cựu', 'Phường Phú Hội', 'Phường Vĩnh Ninh']);
    expect(j.appraised.every((s) => /^[0-9a-f]{64}$/.test(s.digest))).toBe(true);
    expect(j.unranked.map((u) => u.file)).toEqual([join(dir, 'd-an-cuu-cu.xlsx')]);
    expect(j.unranked[0].reason).toBe('Nộp trùng: bản được tính là a-an-cuu.xlsx');
    expect(j.missing).toEqual(['Xã Phú Mậu']);
    expect(j.duplicates).toEqual([
      { unit: 'Phường An Cựu', counted: join(dir, 'a-an-cuu.xlsx'), others: [join(dir, 'd-an-cuu-cu.xlsx')] },
    ]);
  }, 60000);

  test('rank --appraisal unedited: the same ranking as dti rank, An Cựu and Phú Hội sharing a rank', async () => {
    const plain = await dti(
      ['rank', dir, ...options(), '--expected', expectedFile, '--out', join(out, 'plain.xlsx'), '--json'],
      { [expectedFile]: names },
    );
    const before = (JSON.parse(plain.stdout) as RankRow[]).map((x) => [x.unitName, x.rank, x.total]);
    // The unit not submitted is listed too, without a rank.
    expect(before.at(-1)).toEqual(['Xã Phú Mậu', null, undefined]);
    const after = await rankWith(council);
    expect(after.map((x) => [x.unitName, x.rank, x.total])).toEqual(before);
    const rankOf = (u: string) => after.find((x) => x.unitName === u && x.rank !== null)!.rank;
    expect(rankOf('Phường An Cựu')).toBe(rankOf('Phường Phú Hội'));
    expect(after.every((x) => (x.changes ?? []).length === 0)).toBe(true);
  }, 60000);

  describe('after the council cuts the leader by 10 points (criteria with the most points first)', () => {
    let edited: Uint8Array;
    let before: RankRow[];
    let cuts: { criterion: string; from: number; to: number }[];

    beforeAll(async () => {
      before = await rankWith(council);
      const leader = before[0].unitName;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(council as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
      const rows: { r: number; id: string; points: number }[] = [];
      ws.eachRow((row, r) => {
        const points = row.getCell(COL.appraised).value;
        if (
          row.getCell(COL.unit).value === leader &&
          typeof points === 'number' &&
          points > 0 &&
          row.getCell(COL.criterion).value
        )
          rows.push({ r, id: String(row.getCell(COL.criterion).value), points });
      });
      rows.sort((a, b) => b.points - a.points);
      cuts = [];
      let left = 10;
      for (const x of rows) {
        if (left <= 0) break;
        const off = Math.min(x.points, left);
        cuts.push({ criterion: x.id, from: x.points, to: Math.round((x.points - off) * 100) / 100 });
        ws.getCell(`${COL.appraised}${x.r}`).value = Math.round((x.points - off) * 100) / 100;
        ws.getCell(`${COL.reason}${x.r}`).value = 'Thiếu tài liệu kiểm chứng';
        left = Math.round((left - off) * 100) / 100;
      }
      edited = new Uint8Array(await wb.xlsx.writeBuffer());
    }, 60000);

    test('the leader loses exactly 10 points and the ranks follow; the changed criteria are reported with the reason', async () => {
      const after = await rankWith(edited);
      const ranked = (rows: RankRow[]) => rows.filter((x) => x.rank !== null);
      const leader = before[0];
      const now = after.find((x) => x.unitName === leader.unitName && x.rank !== null)!;
      expect(now.total).toBeCloseTo(leader.total! - 10, 2);
      // By hand: every other unit keeps its total; the leader's rank is one plus the units now above it.
      for (const x of ranked(before).filter((y) => y.unitName !== leader.unitName))
        expect(after.find((y) => y.unitName === x.unitName && y.rank !== null)!.total).toBe(x.total);
      const above = ranked(before).filter((x) => x.unitName !== leader.unitName && x.total! > leader.total! - 10);
      expect(now.rank).toBe(above.length + 1);
      // The leader was tied with Phú Hội (the same entries): 10 points less puts it below.
      expect(leader.unitName).toBe('Phường An Cựu');
      expect(after.find((x) => x.unitName === 'Phường Phú Hội')!.rank).toBe(1);
      expect(now.rank).toBeGreaterThan(1);
      expect(now.changes!.map((c) => [c.criterion, c.rescored, c.appraised, c.reason])).toEqual(
        cuts.map((c) => [c.criterion, c.from, c.to, 'Thiếu tài liệu kiểm chứng']),
      );
    }, 60000);

    (LIBREOFFICE.available() ? test : test.skip)(
      'LibreOffice opens the workbook, before and after the edit, and its formulas give the CLI’s totals and ranks, the tie included',
      async () => {
        for (const [name, bytes] of [
          ['unedited.xlsx', council],
          ['edited.xlsx', edited],
        ] as const) {
          const cli = (await rankWith(bytes)).filter((x) => x.rank !== null).map((x) => [x.unitName, x.rank, x.total]);
          const file = join(out, name);
          writeFileSync(file, bytes);
          const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
          const col = (header: string) => rows[2].indexOf(header);
          const sheet = rows
            .slice(3)
            .filter((r) => r[col('Hạng')] !== '')
            .map((r) => [r[col('Đơn vị')], Number(r[col('Hạng')]), Number(r[col('Điểm thẩm định')])]);
          expect([name, [...sheet].sort()]).toEqual([name, [...cli].sort()]);
          // Unedited, An Cựu and Phú Hội (the same entries) share rank 1 and the next is 3.
          if (name === 'unedited.xlsx') expect(sheet.map((r) => r[1]).sort()).toEqual([1, 1, 3]);
        }
      },
      180000,
    );
  });

  test('--appraisal refuses a workbook that is not the council’s, or one of another rubric', async () => {
    const template = await sealedSubmission(1, 'Phường An Cựu');
    const r = await dti(['rank', dir, ...options(), '--appraisal', '/virtual/x.xlsx', '--out', join(out, 'x.xlsx')], {
      '/virtual/x.xlsx': template,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không phải bảng thẩm định của Hội đồng');
    const wrong = await dti(
      [
        'rank',
        dir,
        '--rubric',
        'hanoi-5279-2025',
        '--unit',
        'xa',
        '--appraisal',
        '/virtual/td.xlsx',
        '--out',
        join(out, 'y.xlsx'),
      ],
      { '/virtual/td.xlsx': council },
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('bảng thẩm định theo hue-2263-2023 (xa), không phải hanoi-5279-2025 (xa)');
  }, 60000);

  test('--expected official: the decision’s own list where it has one, else a message', async () => {
    const r = await dti(['appraise', dir, ...options(), '--expected', 'official', '--out', join(out, 'z.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không có danh sách đơn vị xa');
  });

  test('help in both languages', async () => {
    expect((await dti(['appraise', '--help'])).stdout).toContain('--appraisal');
    expect((await dti(['help', 'appraise'])).stdout).toMatch(/Thẩm định/);
    expect((await dti(['help', 'appraise', '--lang', 'en'])).stdout).toMatch(/appraisal workbook/);
    expect((await dti(['appraise'])).code).toBe(2);
  });
});

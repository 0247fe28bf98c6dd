/**
 * Bonus points through the CLI (Hà Nội 5279, communes): `dti appraise` writes the "Điểm khuyến
 * khích" column, the council types a bonus that ties two units, `dti rank --appraisal` reports it
 * apart and ranks the tie as the tie rule says; LibreOffice's recalculation gives the CLI's ranks.
 * By hand (Phụ lục IV, 300 points): every indicator full 300, 2.1 at 5 of 10: 295, 6.1 at 0: 290.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { BONUS_COLUMNS as BONUS, RANKING_SHEET } from '../../src/council';
import { criteriaFor } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { dti } from '../support/dti';
import { convert, sheetCsv } from '../support/libreoffice';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedTemplate } from '../support/submissions';
import { LIBREOFFICE } from '../support/system';

const hanoi = getRubric('hanoi-5279-2025');
const full = () =>
  Object.fromEntries(criteriaFor(hanoi, 'xa').map((c) => [c.id, c.rule.kind === 'ratio' ? 1 : (c.max as number)]));

interface RankRow {
  rank: number | null;
  unitName: string;
  total: number | null;
  max: number | null;
  percent: number | null;
  bonus: { points: number; reason: string } | null;
  reason: string | null;
}

describe('bonus points: dti appraise, the council types them, dti rank --appraisal', () => {
  let pki: TestPki;
  let dir: string;
  let out: string;
  let edited: Uint8Array;
  const options = () => ['--rubric', 'hanoi-5279-2025', '--unit', 'xa', '--trust', join(pki.dir, 'root.pem')];
  const rank = (workbook: Uint8Array, json = true) =>
    dti(
      [
        'rank',
        dir,
        ...options(),
        '--appraisal',
        '/virtual/td.xlsx',
        '--out',
        join(out, 'xh.xlsx'),
        ...(json ? ['--json'] : []),
      ],
      { '/virtual/td.xlsx': workbook },
    );

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-bonus-'));
    out = mkdtempSync(join(tmpdir(), 'dti-bonus-out-'));
    const signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    const put = async (file: string, unit: string, changed: Record<string, number>) =>
      writeFileSync(
        join(dir, file),
        await signXlsx(await sealedTemplate(hanoi, 'xa', unit, { ...full(), ...changed }), signer, at),
      );
    await put('a.xlsx', 'Xã Kim Anh', {});
    await put('b.xlsx', 'Phường Ba Đình', { '2.1': 5 });
    await put('c.xlsx', 'Xã Sóc Sơn', { '6.1': 0 });
    const appraised = await dti(['appraise', dir, ...options(), '--out', join(out, 'td.xlsx')]);
    expect(appraised.stderr).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(appraised.written[join(out, 'td.xlsx')] as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(RANKING_SHEET)!;
    const bonus: Record<string, [number, string]> = {
      'Xã Kim Anh': [2, 'Sáng kiến trợ lý ảo'],
      'Phường Ba Đình': [7, 'Mô hình chợ 4.0'],
    };
    ws.eachRow((row, r) => {
      const b = bonus[String(row.getCell('B').value)];
      if (!b) return;
      ws.getCell(`${BONUS.points}${r}`).value = b[0];
      ws.getCell(`${BONUS.reason}${r}`).value = b[1];
    });
    edited = new Uint8Array(await wb.xlsx.writeBuffer());
  }, 120000);

  test('the JSON: 302, 302 and 290 of a max of 300, the bonus apart, ranks 1, 1, 3', async () => {
    const r = await rank(edited);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as RankRow[];
    expect(rows.map((x) => [x.unitName, x.rank, x.total, x.max, x.bonus?.points ?? null])).toEqual([
      ['Phường Ba Đình', 1, 302, 300, 7],
      ['Xã Kim Anh', 1, 302, 300, 2],
      ['Xã Sóc Sơn', 3, 290, 300, 0],
    ]);
    expect(rows[0].bonus!.reason).toBe('Mô hình chợ 4.0');
    expect(rows[1].percent).toBe(100.67);
  }, 60000);

  test('the text lists the bonus with its reason; the ranking file has it in its own column', async () => {
    const r = await rank(edited, false);
    expect(r.stdout).toContain('Điểm khuyến khích (ngoài điểm tối đa, đã cộng vào tổng):');
    expect(r.stdout).toContain('Phường Ba Đình: +7 (Mô hình chợ 4.0)');
    expect(r.stdout).toContain('Xã Kim Anh: +2 (Sáng kiến trợ lý ảo)');
    expect(r.stdout).not.toMatch(/Xã Sóc Sơn: \+/);
    const csv = new TextDecoder().decode(r.written[join(out, 'xh.csv')]);
    const [head, ...lines] = csv.replace('\uFEFF', '').trim().split('\n');
    const at = head.split(',').indexOf('Trong đó điểm khuyến khích');
    expect(at).toBeGreaterThan(0);
    expect(lines.map((l) => l.split(',')[at])).toEqual(['7', '2', '0']);
  }, 60000);

  test('a bonus above the cap: the unit is not ranked, the reason names it, what was typed and 0 to 10', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(edited as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(RANKING_SHEET)!;
    ws.eachRow((row, r) => {
      if (row.getCell('B').value === 'Xã Sóc Sơn') ws.getCell(`${BONUS.points}${r}`).value = 12.5;
    });
    const rows = JSON.parse((await rank(new Uint8Array(await wb.xlsx.writeBuffer()))).stdout) as RankRow[];
    const soc = rows.find((x) => x.unitName === 'Xã Sóc Sơn')!;
    expect(soc.rank).toBeNull();
    expect(soc.reason).toContain('Xã Sóc Sơn: điểm khuyến khích "12.5" không phải số điểm từ 0 đến 10');
  }, 60000);

  (LIBREOFFICE.available() ? test : test.skip)(
    'LibreOffice recalculates the edited workbook to the CLI’s ranks and totals',
    async () => {
      const cli = (JSON.parse((await rank(edited)).stdout) as RankRow[]).map((x) => [x.unitName, x.rank, x.total]);
      const file = join(out, 'edited.xlsx');
      writeFileSync(file, edited);
      const rows = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
      const col = (h: string) => rows[2].indexOf(h);
      const sheet = rows
        .slice(3)
        .filter((r) => r[col('Hạng')] !== '')
        .map((r) => [r[col('Đơn vị')], Number(r[col('Hạng')]), Number(r[col('Tổng điểm xếp hạng')])]);
      expect(sheet.sort()).toEqual(cli.sort());
    },
    120000,
  );
});

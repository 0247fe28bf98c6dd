/**
 * The published ranking (issue 16 item 6, issue 17 item 8), duplicates found without --expected
 * (issue 16 item 3) and the council's deadline (issue 17 item 7), on submissions signed at chosen
 * times by a throw-away test CA, appraised with `dti appraise` and edited as a council edits it:
 * every appraised cell cleared (a blank counts as 0) and a few set, so that each unit's appraised
 * total, percent and rank can be worked out by hand.
 *
 * The deadline is 30/11/2025, the whole day, Vietnam time (UTC+7): 23:59 that day (16:59 UTC) is
 * in time, 00:00 on 01/12 (17:00 UTC on 30/11) is late.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { APPRAISAL_COLUMNS as COL, APPRAISAL_SHEET } from '../../src/council';
import { dti } from '../support/dti';
import { pageText, pdfPages, textSizes } from '../support/pdf';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';
import { hasProgram, LIBREOFFICE, PDFTOTEXT } from '../support/system';

interface RankRow {
  rank: number | null;
  file: string | null;
  unitName: string;
  total: number | null;
  reason: string | null;
  problems: string[];
}

const DEADLINE = '30/11/2025';
const utc = (iso: string) => new Date(iso);

describe('dti publish, duplicates and the deadline', () => {
  let pki: TestPki;
  let dir: string;
  let out: string;
  let council: Uint8Array;
  let edited: Uint8Array;
  const trust = () => ['--trust', join(pki.dir, 'root.pem')];
  const options = () => ['--rubric', 'hue-2263-2023', '--unit', 'xa', ...trust()];
  const rank = async (...extra: string[]) => {
    const r = await dti(['rank', dir, ...options(), '--out', join(out, 'xh.xlsx'), '--json', ...extra]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    return JSON.parse(r.stdout) as RankRow[];
  };
  const publish = (outFile: string, ...extra: string[]) =>
    dti(
      [
        'publish',
        dir,
        ...trust(),
        '--appraisal',
        '/virtual/td.xlsx',
        '--deadline',
        DEADLINE,
        '--out',
        outFile,
        ...extra,
      ],
      { '/virtual/td.xlsx': edited },
    );

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')), { notBefore: utc('2025-01-01T00:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'dti-publish-'));
    out = mkdtempSync(join(tmpdir(), 'dti-publish-out-'));
    const signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    const tsa = { privateKeyPem: pki.tsaKeyPem, certificatePem: pki.tsaPem };
    const put = async (file: string, seed: number, unit: string, at?: string, stampedAt?: string) => {
      const sealed = await sealedSubmission(seed, unit);
      const timestamp = stampedAt ? { tsa, genTime: utc(stampedAt) } : undefined;
      writeFileSync(join(dir, file), at ? await signXlsx(sealed, signer, utc(at), { timestamp }) : sealed);
    };
    await put('a-an-cuu.xlsx', 1, 'Phường An Cựu', '2025-11-30T10:00:00Z');
    // The same unit, its name typed otherwise, signed a day earlier: the newer one counts, no list needed.
    await put('a-an-cuu-cu.xlsx', 3, '  phuong AN   cuu ', '2025-11-29T10:00:00Z');
    await put('b-vinh-ninh.xlsx', 2, 'Phường Vĩnh Ninh', '2025-11-30T16:59:00Z'); // 23:59 in Vietnam: in time
    await put('c-phu-hoi.xlsx', 1, 'Phường Phú Hội', '2025-11-30T01:00:00Z');
    await put('d-phu-mau.xlsx', 4, 'Xã Phú Mậu', '2025-11-30T17:00:00Z'); // 00:00 on 01/12 in Vietnam: late
    await put('e-thuy-bieu.xlsx', 5, 'Phường Thủy Biều'); // unsigned
    // Claims 10:00 on 30/11, but a trusted timestamp attests 09:00 on 01/12: late by the attested time.
    await put('f-kim-long.xlsx', 6, 'Phường Kim Long', '2025-11-30T03:00:00Z', '2025-12-01T02:00:00Z');

    const appraised = await dti(['appraise', dir, ...options(), '--deadline', DEADLINE, '--out', join(out, 'td.xlsx')]);
    expect([appraised.code, appraised.stderr]).toEqual([0, '']);
    council = appraised.written[join(out, 'td.xlsx')];
    // The council's appraisal: every cell cleared, then An Cựu and Phú Hội 4 points, Vĩnh Ninh 4 + 2.5.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(council as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
    const set: Record<string, number[]> = { 'Phường An Cựu': [4], 'Phường Phú Hội': [4], 'Phường Vĩnh Ninh': [4, 2.5] };
    ws.eachRow((row, r) => {
      const unit = String(row.getCell(COL.unit).value ?? '');
      const max = row.getCell(COL.max).value;
      if (r < 4 || !row.getCell(COL.criterion).value || !(unit in set)) return;
      const next = typeof max === 'number' && max >= 5 ? set[unit].shift() : undefined;
      ws.getCell(`${COL.appraised}${r}`).value = next ?? null;
    });
    edited = new Uint8Array(await wb.xlsx.writeBuffer());
  }, 180000);

  test('a unit that submitted twice, without --expected: the newer signed file counts, the other is "Nộp trùng"', async () => {
    const rows = await rank();
    const old = rows.find((r) => r.file === join(dir, 'a-an-cuu-cu.xlsx'))!;
    expect(old.rank).toBeNull();
    expect(old.reason).toBe('Nộp trùng: bản được tính là a-an-cuu.xlsx');
    expect(rows.find((r) => r.file === join(dir, 'a-an-cuu.xlsx'))!.rank).not.toBeNull();
    const text = await dti(['rank', dir, ...options(), '--out', join(out, 'xh2.xlsx')]);
    expect(text.stdout).toContain('Nộp trùng (1):\n  Phường An Cựu: tính a-an-cuu.xlsx; không tính a-an-cuu-cu.xlsx');
  }, 60000);

  test('--deadline: late by the signing time (the attested one first) not ranked; unsigned cannot be checked', async () => {
    const rows = await rank('--deadline', DEADLINE);
    const of = (file: string) => rows.find((r) => r.file === join(dir, file))!;
    expect(of('d-phu-mau.xlsx')).toMatchObject({
      rank: null,
      reason: 'Nộp muộn: ký lúc 01/12/2025 00:00 (người ký tự khai) sau hạn hết ngày 30/11/2025',
    });
    expect(of('f-kim-long.xlsx')).toMatchObject({
      rank: null,
      reason: 'Nộp muộn: ký lúc 01/12/2025 09:00 (dấu thời gian) sau hạn hết ngày 30/11/2025',
    });
    expect(of('e-thuy-bieu.xlsx').reason).toBe(
      'Chưa ký số; Không có thời điểm ký số: không đối chiếu được với hạn nộp',
    );
    expect(of('b-vinh-ninh.xlsx').rank).not.toBeNull(); // 23:59 on the day
    // A time of day: 23:58 makes Vĩnh Ninh (23:59) late too.
    const minute = await rank('--deadline', '30/11/2025 23:58');
    expect(minute.find((r) => r.file === join(dir, 'b-vinh-ninh.xlsx'))!.reason).toBe(
      'Nộp muộn: ký lúc 30/11/2025 23:59 (người ký tự khai) sau hạn 23:58 ngày 30/11/2025',
    );
  }, 60000);

  test('--accept-late: the late submissions ranked, marked late', async () => {
    const rows = await rank('--deadline', DEADLINE, '--accept-late');
    const late = rows.find((r) => r.file === join(dir, 'd-phu-mau.xlsx'))!;
    expect(late.rank).not.toBeNull();
    expect(late.problems).toContain('Nộp muộn: ký lúc 01/12/2025 00:00 (người ký tự khai) sau hạn hết ngày 30/11/2025');
    const text = await dti([
      'rank',
      dir,
      ...options(),
      '--deadline',
      DEADLINE,
      '--accept-late',
      '--out',
      join(out, 'xh3.xlsx'),
    ]);
    expect(text.stdout).toContain('Nộp muộn, vẫn xếp hạng (--accept-late) (2):');
  }, 60000);

  test('--deadline refuses what is not a date', async () => {
    for (const wrong of ['31/11/2025', '2025-11-30', '30/11/2025 24:00']) {
      const r = await dti(['rank', dir, ...options(), '--deadline', wrong, '--out', join(out, 'x.xlsx')]);
      expect([wrong, r.code]).toEqual([wrong, 2]);
      expect(r.stderr).toContain('cần dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm');
    }
  });

  test('--out FILE.csv: UTF-8 with a BOM, one row per unit, the ranks and points worked out by hand', async () => {
    const r = await publish(join(out, 'kq.csv'));
    expect([r.code, r.stderr]).toEqual([0, '']);
    const bytes = r.written[join(out, 'kq.csv')];
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    const rows = lines.map((l) => l.split(','));
    expect(rows[0]).toEqual(['Hạng', 'Đơn vị', 'Điểm thẩm định', 'Điểm tối đa', 'Tỷ lệ (%)', 'Ghi chú']);
    // By hand: Vĩnh Ninh 4 + 2.5 = 6.5 of 600 (1.08 %); An Cựu and Phú Hội 4 (0.67 %) share rank 2, by name.
    expect(rows.slice(1, 4)).toEqual([
      ['1', 'Phường Vĩnh Ninh', '6.5', '600', '1.08', ''],
      ['2', 'Phường An Cựu', '4', '600', '0.67', ''],
      ['2', 'Phường Phú Hội', '4', '600', '0.67', ''],
    ]);
    // Not ranked, with the reason; the older file of An Cựu is no unit of its own: not listed.
    expect(rows.slice(4).map((x) => [x[0], x[1]])).toEqual([
      ['', 'Xã Phú Mậu'],
      ['', 'Phường Thủy Biều'],
      ['', 'Phường Kim Long'],
    ]);
    expect(lines[4]).toContain('Nộp muộn: ký lúc 01/12/2025 00:00');
    expect(lines.join('\n')).not.toContain('a-an-cuu-cu');
  }, 60000);

  test('--out FILE.xlsx: the sheet alone, as values; the rubric and unit taken from the council workbook', async () => {
    const r = await publish(join(out, 'kq.xlsx'), '--place', 'Huế', '--date', '15/12/2025', '--round', '2');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('3 đơn vị được xếp hạng, 3 không xếp hạng');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.written[join(out, 'kq.xlsx')] as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kết quả xếp hạng']);
    const ws = wb.worksheets[0];
    expect(ws.getCell('C1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('A2').value).toBe('HỘI ĐỒNG THẨM ĐỊNH');
    expect(ws.getCell('C4').value).toBe('Huế, ngày 15 tháng 12 năm 2025');
    expect(ws.getCell('A6').value).toBe(
      'KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHUYỂN ĐỔI SỐ\nCÁC XÃ, PHƯỜNG, THỊ TRẤN NĂM 2025',
    );
    expect(ws.getCell('A8').value).toBe('Kết quả thẩm định vòng 2');
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9 });
  }, 60000);

  test('refuses an --out it cannot write, a wrong --date or --round, and a file that is not the council’s', async () => {
    expect((await publish(join(out, 'kq.docx'))).stderr).toContain('--out cần tệp .pdf, .xlsx hoặc .csv');
    expect((await publish(join(out, 'kq.csv'), '--date', '31/02/2025')).stderr).toContain('--date cần dạng dd/mm/yyyy');
    expect((await publish(join(out, 'kq.csv'), '--round', '3')).code).toBe(2);
    const notCouncil = await dti(['publish', dir, '--appraisal', '/v/x.xlsx', '--out', join(out, 'k.csv')], {
      '/v/x.xlsx': await sealedSubmission(1, 'Phường An Cựu'),
    });
    expect(notCouncil.code).toBe(2);
    expect(notCouncil.stderr).toContain('không phải bảng thẩm định của Hội đồng');
  }, 60000);

  test('--out FILE.pdf without LibreOffice: exit 2, offering the .xlsx', async () => {
    const saved = process.env.DTI_SOFFICE;
    process.env.DTI_SOFFICE = join(tmpdir(), 'no-such-soffice');
    try {
      const r = await publish(join(out, 'kq.pdf'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Không tìm thấy LibreOffice');
      expect(r.stderr).toContain('--out ket-qua.xlsx');
    } finally {
      if (saved === undefined) delete process.env.DTI_SOFFICE;
      else process.env.DTI_SOFFICE = saved;
    }
  }, 60000);

  const withPrograms = hasProgram(LIBREOFFICE) && hasProgram(PDFTOTEXT);
  (withPrograms ? test : test.skip)(
    '--out FILE.pdf: A4, "Trang 1/1", nothing under 11 pt, the head, the table and the signature block',
    async () => {
      const r = await publish(join(out, 'kq.pdf'), '--place', 'Huế', '--date', '15/12/2025', '--round', 'final');
      expect([r.code, r.stderr]).toEqual([0, '']);
      const pdf = join(out, 'kq.pdf');
      writeFileSync(pdf, r.written[pdf]);
      const { width, height, pages } = pdfPages(pdf);
      expect([Math.round(width), Math.round(height), pages]).toEqual([595, 842, 1]);
      const text = pageText(pdf, 1);
      for (const s of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'HỘI ĐỒNG THẨM ĐỊNH',
        'Huế, ngày 15 tháng 12 năm 2025',
        'KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ CHUYỂN ĐỔI SỐ',
        'Quyết định số 2263/QĐ-UBND ngày 27/09/2023',
        'Kết quả chính thức',
        'Trang 1/1',
        'TM. HỘI ĐỒNG THẨM ĐỊNH',
        'CHỦ TỊCH',
        'Đơn vị không được xếp hạng',
        'Chưa ký số',
      ])
        expect([s, text.includes(s)]).toEqual([s, true]);
      // The points as Vietnamese documents write them, with a decimal comma.
      expect(text).toMatch(/Phường Vĩnh Ninh[\s\S]*6,5/);
      expect(text).toContain('1,08');
      const sizes = textSizes(readFileSync(pdf));
      expect(sizes.length).toBeGreaterThan(20);
      // LibreOffice writes 11 pt as 10.998.
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.99);
    },
    180000,
  );

  test('help names the command and its options', async () => {
    const h = await dti(['help', 'publish']);
    for (const flag of ['--appraisal', '--council', '--place', '--date', '--round', '--deadline', '--accept-late'])
      expect([flag, h.stdout.includes(flag)]).toEqual([flag, true]);
    expect((await dti(['help', 'rank'])).stdout).toContain('hết ngày (23:59)');
    expect((await dti(['publish'])).code).toBe(2);
  });
});

/**
 * `dti verify` and `dti rank` end to end, through the built binary, on workbooks made from the
 * templates, sealed like the pane seals them, and signed like Excel signs them (a throw-away test CA made in JavaScript).
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { sealedSubmission } from '../support/submissions';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { rewriteEntry } from '../support/zip-tools';

const dti = (args: string[]) => spawnSync('node', ['bin/dti.js', ...args], { encoding: 'utf8' });

describe('dti verify and dti rank on signed submissions', () => {
  let pki: TestPki;
  let dir: string;
  let outDir: string;
  let signedAt: Date;
  const signer = () => ({ privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem });
  const root = () => join(pki.dir, 'root.pem');

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-submissions-'));
    outDir = mkdtempSync(join(tmpdir(), 'dti-ranking-'));
    // The test CA's certificates start today: sign a minute from now, to the second.
    signedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    writeFileSync(
      join(dir, 'a-an-cuu.xlsx'),
      await signXlsx(await sealedSubmission(1, 'Phường An Cựu'), signer(), signedAt),
    );
    writeFileSync(
      join(dir, 'b-vinh-ninh.xlsx'),
      await signXlsx(await sealedSubmission(2, 'Phường Vĩnh Ninh'), signer(), signedAt),
    );
    // Sealed, then edited, then signed: the signature holds, the seal does not.
    writeFileSync(
      join(dir, 'c-phu-hoi.xlsx'),
      await signXlsx(await sealedSubmission(3, 'Phường Phú Hội', true), signer(), signedAt),
    );
    // Signed, then a cell changed: the signature breaks.
    const signed = await signXlsx(await sealedSubmission(4, 'Phường Thuận Hòa'), signer(), signedAt);
    writeFileSync(
      join(dir, 'd-thuan-hoa.xlsx'),
      rewriteEntry(signed, 'xl/worksheets/sheet1.xml', (x) => x.replace(/(<c r="B7"[^>]*><v>)2025</, '$12024<')),
    );
  }, 120000);

  test('verify --json: status, signer, signing time and reasons per file; non-zero exit when any is not valid', () => {
    const r = dti([
      'verify',
      join(dir, 'a-an-cuu.xlsx'),
      join(dir, 'c-phu-hoi.xlsx'),
      join(dir, 'd-thuan-hoa.xlsx'),
      '--trust',
      root(),
      '--json',
    ]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      file: string;
      status: string;
      signer: string;
      signedAt: string;
      reasons: string[];
    }[];
    expect(out.map((x) => x.status)).toEqual(['valid', 'valid', 'invalid']);
    expect(out[0].signer).toContain('Nguyễn Văn An');
    expect(out[0].signedAt).toBe(signedAt.toISOString());
    expect(out[0].reasons.join(' ')).toMatch(/niêm phong khớp/);
    expect(out[1].reasons.join(' ')).toMatch(/niêm phong KHÔNG khớp/);
    expect(out[2].reasons.join(' ')).toMatch(/sheet1\.xml/);
  }, 60000);

  test('verify without --trust: valid-untrusted, exit 0 when every file verifies', () => {
    const r = dti(['verify', join(dir, 'a-an-cuu.xlsx'), join(dir, 'b-vinh-ninh.xlsx'), '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { status: string }[]).map((x) => x.status)).toEqual([
      'valid-untrusted',
      'valid-untrusted',
    ]);
  }, 60000);

  test('rank a folder: re-scored, ranked, flagged; a workbook and a CSV are written', async () => {
    // Beside the submissions, not among them: --out inside their folder is refused (see below).
    const out = join(outDir, 'xep-hang.xlsx');
    const r = dti([
      'rank',
      dir,
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--out',
      out,
      '--trust',
      root(),
      '--json',
    ]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      rank: number | null;
      unitName: string;
      total: number;
      status: string;
      seal: string;
    }[];
    // The two validly signed and sealed ones are ranked by total; the one edited after sealing
    // (its signature valid, its seal broken) and the tampered one are listed after, unranked.
    expect(rows.map((x) => [x.status, x.seal])).toEqual([
      ['valid', 'valid'],
      ['valid', 'valid'],
      ['valid', 'broken'],
      ['invalid', 'broken'],
    ]);
    expect(rows.map((x) => x.rank === null)).toEqual([false, false, true, true]);
    const ranked = rows.slice(0, 2);
    expect(ranked.map((x) => x.total)).toEqual([...ranked.map((x) => x.total)].sort((a, b) => b - a));
    expect(ranked[0].rank).toBe(1);
    expect(rows[2].unitName).toBe('Phường Phú Hội');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Xếp hạng')!;
    expect(ws.getRow(3).getCell(1).value).toBe('Hạng');
    expect(ws.getRow(4).getCell(1).value).toBe(1);
    expect(readFileSync(out.replace(/\.xlsx$/, '.csv'), 'utf8')).toContain('Phường An Cựu');
    expect(execFileSync('node', ['bin/dti.js', 'rank', '--help'], { encoding: 'utf8' })).toContain('dti rank');
  }, 120000);

  test('rank: why a file has no rank, in the terminal and in --json; numbers and words follow --lang', () => {
    const rank = (...extra: string[]) =>
      dti([
        'rank',
        dir,
        '--rubric',
        'hue-2263-2023',
        '--unit',
        'xa',
        '--out',
        join(outDir, 'xh.xlsx'),
        '--trust',
        root(),
        ...extra,
      ]);
    const vi = rank();
    expect(vi.status).toBe(0);
    expect(vi.stdout).toMatch(/ — {2}Phường Thuận Hòa .* Không hợp lệ +Chữ ký số không hợp lệ/);
    expect(vi.stdout).toMatch(/d-thuan-hoa\.xlsx: Chữ ký số không hợp lệ(\n +• .*)*\n +• .*sheet1\.xml/);
    expect(vi.stdout).toMatch(/c-phu-hoi\.xlsx: Mã niêm phong không khớp với số liệu/);
    expect(vi.stdout).toContain('Xếp hạng 2/4 bài nộp.');
    const totals = (text: string) =>
      text
        .split('\n')
        .slice(2, 6)
        .map((l) => l.slice(43, 51).trim());
    expect(totals(vi.stdout).every((x) => /^\d+(,\d+)?$/.test(x))).toBe(true);

    const en = rank('--lang', 'en');
    expect(en.stdout).toMatch(/^ Rank +Unit +Total +Signature +Note/);
    expect(en.stdout).toMatch(/Phường Thuận Hòa .* Invalid +Invalid digital signature/);
    expect(en.stdout).toContain('The seal does not match the entries');
    expect(en.stdout).toMatch(/Ranked 2 of 4 submissions\. Wrote /);
    expect(totals(en.stdout).every((x) => /^\d+(\.\d+)?$/.test(x))).toBe(true);
    expect(
      en.stdout
        .split('\n')
        .filter((l) => !/^\s+• /.test(l))
        .join('\n'),
    ).not.toMatch(/Hạng|Chữ ký|Hợp lệ|Không hợp lệ|niêm phong|Đã ghi/);

    const rows = JSON.parse(rank('--json', '--lang', 'en').stdout) as {
      rank: number | null;
      unitName: string;
      reason: string | null;
      reasons: string[];
    }[];
    expect(rows.find((r) => r.unitName === 'Phường Thuận Hòa')).toMatchObject({
      rank: null,
      reason: 'Invalid digital signature',
    });
    expect(rows.find((r) => r.unitName === 'Phường Phú Hội')).toMatchObject({
      rank: null,
      reason: 'The seal does not match the entries: they were edited after sealing',
    });
    expect(rows.filter((r) => r.rank !== null).map((r) => r.reason)).toEqual([null, null]);
  }, 120000);

  test('verify --lang en: statuses, the seal sentences and the summary in English', () => {
    const r = dti([
      'verify',
      join(dir, 'a-an-cuu.xlsx'),
      join(dir, 'c-phu-hoi.xlsx'),
      join(dir, 'd-thuan-hoa.xlsx'),
      '--trust',
      root(),
      '--lang',
      'en',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^File +Status +Signer +Signed at/);
    expect(r.stdout).toMatch(/a-an-cuu\.xlsx +Valid +/);
    expect(r.stdout).toMatch(/d-thuan-hoa\.xlsx +Invalid +/);
    expect(r.stdout).toContain('• The seal matches the entries');
    expect(r.stdout).toContain('• The seal does NOT match: the entries were edited after sealing (seal mismatch)');
    expect(r.stdout).toContain('Accepted: 1 of 3 files.');
  }, 60000);
});

/**
 * `dti verify` and `dti rank` end to end, through the built binary, on workbooks made from the
 * templates, sealed like the pane seals them, and signed like Excel signs them (test CA from OpenSSL).
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { sealedSubmission } from './submissions';
import { makeTestPki, signXlsx, type TestPki } from './signature/sign-opc';
import { rewriteEntry } from './signature/zip-tools';

const dti = (args: string[]) => spawnSync('node', ['bin/dti.js', ...args], { encoding: 'utf8' });

describe('dti verify and dti rank on signed submissions', () => {
  let pki: TestPki;
  let dir: string;
  let signedAt: Date;
  const signer = () => ({ privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem });
  const root = () => join(pki.dir, 'root.pem');

  beforeAll(async () => {
    pki = makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-submissions-'));
    mkdirSync(dir, { recursive: true });
    // The test CA's certificates start today: sign a minute from now, to the second.
    signedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    writeFileSync(join(dir, 'a-an-cuu.xlsx'), await signXlsx(await sealedSubmission(1, 'Phường An Cựu'), signer(), signedAt));
    writeFileSync(join(dir, 'b-vinh-ninh.xlsx'), await signXlsx(await sealedSubmission(2, 'Phường Vĩnh Ninh'), signer(), signedAt));
    // Sealed, then edited, then signed: the signature holds, the seal does not.
    writeFileSync(join(dir, 'c-phu-hoi.xlsx'), await signXlsx(await sealedSubmission(3, 'Phường Phú Hội', true), signer(), signedAt));
    // Signed, then a cell changed: the signature breaks.
    const signed = await signXlsx(await sealedSubmission(4, 'Phường Thuận Hòa'), signer(), signedAt);
    writeFileSync(join(dir, 'd-thuan-hoa.xlsx'), rewriteEntry(signed, 'xl/worksheets/sheet1.xml', (x) => x.replace(/(<c r="B7"[^>]*><v>)2025</, '$12024<')));
  }, 120000);

  test('verify --json: status, signer, signing time and reasons per file; non-zero exit when any is not valid', () => {
    const r = dti(['verify', join(dir, 'a-an-cuu.xlsx'), join(dir, 'c-phu-hoi.xlsx'), join(dir, 'd-thuan-hoa.xlsx'), '--trust', root(), '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; status: string; signer: string; signedAt: string; reasons: string[] }[];
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
    expect((JSON.parse(r.stdout) as { status: string }[]).map((x) => x.status)).toEqual(['valid-untrusted', 'valid-untrusted']);
  }, 60000);

  test('rank a folder: re-scored, ranked, flagged; a workbook and a CSV are written', async () => {
    const out = join(dir, 'out', 'xep-hang.xlsx');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const r = dti(['rank', dir, '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', out, '--trust', root(), '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { rank: number | null; unitName: string; total: number; status: string; seal: string }[];
    // The tampered file is listed, unranked; the three validly signed ones are ranked by total.
    expect(rows.map((x) => x.status)).toEqual(['valid', 'valid', 'valid', 'invalid']);
    expect(rows[3].rank).toBeNull();
    const ranked = rows.slice(0, 3);
    expect(ranked.map((x) => x.total)).toEqual([...ranked.map((x) => x.total)].sort((a, b) => b - a));
    expect(ranked[0].rank).toBe(1);
    expect(rows.find((x) => x.unitName === 'Phường Phú Hội')?.seal).toBe('broken');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Xếp hạng')!;
    expect(ws.getRow(3).getCell(1).value).toBe('Hạng');
    expect(ws.getRow(4).getCell(1).value).toBe(1);
    expect(readFileSync(out.replace(/\.xlsx$/, '.csv'), 'utf8')).toContain('Phường An Cựu');
    expect(execFileSync('node', ['bin/dti.js', 'rank', '--help'], { encoding: 'utf8' })).toContain('dti rank');
  }, 120000);
});

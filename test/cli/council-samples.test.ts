/**
 * The committed council samples (examples/council, made by `npm run samples:council`) do what
 * their README says: its two commands are read from the README and run through the built binary,
 * then again with --json to check each file's outcome.
 */
import { spawnSync } from 'child_process';
import { X509Certificate } from 'crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const DIR = join('examples', 'council');
const README = readFileSync(join(DIR, 'README.md'), 'utf8');
const dti = (args: string[]) => spawnSync('node', ['bin/dti.js', ...args], { encoding: 'utf8' });

/** The README's `npx dti …` lines (the Vietnamese section's, which the English one repeats), as argument lists. */
function readmeCommands(): string[][] {
  const lines = README.split('\n').filter((l) => l.startsWith('npx dti '));
  const first = lines.slice(0, lines.length / 2);
  expect(lines.slice(lines.length / 2)).toEqual(first);
  // No quoting in these commands; the shell would expand the glob to the sorted .xlsx files.
  return first.map((l) =>
    l
      .slice('npx dti '.length)
      .split(/\s+/)
      .flatMap((arg) => (arg === `${DIR}/*.xlsx` ? samples.map((f) => join(DIR, f)) : [arg])),
  );
}

const samples = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
  : [];
const VALID = ['phuong-an-cuu.xlsx', 'phuong-phu-hoi.xlsx', 'phuong-thuan-hoa.xlsx', 'xa-phu-mau.xlsx'];
const SEAL_BROKEN = 'phuong-vinh-ninh.xlsx';
const UNSIGNED = 'xa-huong-phong.xlsx';

describe('examples/council: signed sample submissions', () => {
  let out: string;
  let verifyCommand: string[];
  let rankCommand: string[];

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'dti-samples-'));
    const commands = readmeCommands();
    expect(commands.map((c) => c[0])).toEqual(['verify', 'rank']);
    [verifyCommand, rankCommand] = commands;
    // The ranking goes to a temporary folder, not into the repository.
    const at = rankCommand.indexOf('--out');
    rankCommand[at + 1] = join(out, rankCommand[at + 1]);
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('the samples are there, small, and the demo CA is a certificate only, marked as a test CA, valid 2025–2035', () => {
    expect(samples).toEqual([...VALID, SEAL_BROKEN, UNSIGNED].sort()); // else: npm run samples:council
    for (const f of samples) expect([f, statSync(join(DIR, f)).size < 100 * 1024]).toEqual([f, true]);
    const pem = readFileSync(join(DIR, 'demo-ca.pem'), 'utf8');
    expect(pem).not.toMatch(/PRIVATE KEY/);
    for (const f of readdirSync(DIR))
      expect([f, readFileSync(join(DIR, f)).includes('PRIVATE KEY')]).toEqual([f, false]);
    const ca = new X509Certificate(pem);
    expect(ca.subject).toContain('CN=CDS DTI — CA THỬ NGHIỆM (không dùng thật)');
    expect(ca.ca).toBe(true);
    expect(new Date(ca.validFrom).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(new Date(ca.validTo).getUTCFullYear()).toBe(2035);
  });

  test('the README’s dti verify: every file reported; exit 1, as two files fail', () => {
    const r = dti(verifyCommand);
    expect(r.status).toBe(1);
    for (const f of samples) expect(r.stdout).toContain(f);
  }, 60000);

  test('dti verify --json: the four sealed and signed ones valid with the demo CA, the edited one a seal mismatch, the unsigned one unsigned', () => {
    const r = dti([...verifyCommand, '--json']);
    const rows = JSON.parse(r.stdout) as {
      file: string;
      status: string;
      signer: string | null;
      signedAt: string | null;
      reasons: string[];
    }[];
    const by = Object.fromEntries(rows.map((x) => [x.file.split(/[\\/]/).pop()!, x]));
    expect(Object.keys(by).sort()).toEqual(samples);
    for (const f of VALID) {
      expect([f, by[f].status]).toEqual([f, 'valid']);
      expect(by[f].reasons.join('\n')).toMatch(/niêm phong khớp/);
      expect(by[f].signer).toMatch(/\(thử nghiệm\)/);
      expect(by[f].signedAt).toMatch(/^2025-11-20T/);
    }
    // Sealed, edited, then signed: the signature holds, the seal does not.
    expect(by[SEAL_BROKEN].status).toBe('valid');
    expect(by[SEAL_BROKEN].reasons.join('\n')).toMatch(/niêm phong KHÔNG khớp.*\(seal mismatch\)/);
    expect(by[UNSIGNED].status).toBe('unsigned');
    expect(by[UNSIGNED].signer).toBeNull();
  }, 60000);

  test('the README’s dti rank: exit 0, the ranking workbook and CSV written to --out', () => {
    const r = dti(rankCommand);
    expect(r.status).toBe(0);
    const xlsx = rankCommand[rankCommand.indexOf('--out') + 1];
    expect(existsSync(xlsx)).toBe(true);
    expect(readFileSync(xlsx.replace(/\.xlsx$/, '.csv'), 'utf8')).toContain('Phường Phú Hội');
  }, 60000);

  test('dti rank --json: 1, 2, 2, 4 — the tied pair shares rank 2 and rank 3 is skipped; the seal-broken and the unsigned ones are not ranked', () => {
    const r = dti([...rankCommand, '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      rank: number | null;
      unitName: string | null;
      total: number | null;
      status: string;
      seal: string;
      problems: string[];
      reason: string | null;
    }[];
    expect(rows.map((x) => [x.rank, x.unitName])).toEqual([
      [1, 'Phường Phú Hội'],
      [2, 'Phường An Cựu'],
      [2, 'Xã Phú Mậu'],
      [4, 'Phường Thuận Hòa'],
      [null, 'Phường Vĩnh Ninh'],
      [null, 'Xã Hương Phong'],
    ]);
    // Ranked by the re-scored total, the tie to the hundredth of a point.
    expect(rows[1].total).toBe(rows[2].total);
    expect(rows[0].total!).toBeGreaterThan(rows[1].total!);
    expect(rows[3].total!).toBeLessThan(rows[2].total!);
    expect(rows.slice(0, 4).map((x) => [x.status, x.seal, x.problems, x.reason])).toEqual(
      Array(4).fill(['valid', 'valid', [], null]),
    );
    expect(rows[4]).toMatchObject({ status: 'valid', seal: 'broken' });
    expect(rows[4].reason).toMatch(/niêm phong không khớp/i);
    expect(rows[5].status).toBe('unsigned');
    expect(rows[5].reason).toMatch(/Chưa ký số/);
  }, 60000);
});

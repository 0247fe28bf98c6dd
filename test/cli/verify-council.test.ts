/**
 * `dti verify` on the council's own workbook (issue 16, item 5): written by `dti appraise` from
 * signed submissions, signed with the test CA, it is reported as the council's workbook with the
 * submissions it appraised, matched by SHA-256 (computed here with Node's crypto) with the files
 * given; a digest changed after signing breaks the signature and leaves the identity uncovered; an
 * unsigned one is reported unsigned with its identity. And the attested signing time (a verified
 * timestamp) shown in place of the signer's claim, in `dti verify` and the council's ranking.
 */
import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { councilWorkbookOf, RANKING_SHEET } from '../../src/council';
import { readWorkbookParts } from '../../src/signature';
import { readParts } from '../../src/workbook';
import { dti } from '../support/dti';
import { makeTestPki, signXlsx, type SigningKey, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';
import { addEntry, removeEntry, rewriteEntry } from '../support/zip-tools';

interface VerifyRow {
  file: string;
  status: string;
  signedAt: string | null;
  attestedAt: string | null;
  attestedBy: string | null;
  reasons: string[];
  kind?: string;
  council?: {
    rubric: string;
    version: string;
    unit: string;
    identityCovered: boolean;
    identityUncovered: string[];
    submissions: { file: string; unitName: string; digest: string; given: string | null }[];
    notInWorkbook: string[];
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const TSA = 'CN=Dịch vụ cấp dấu thời gian thử nghiệm, O=CDS DTI Thử nghiệm, C=VN';
/** dd/mm/yyyy hh:mm in Vietnam (UTC+7), worked out here from the date itself. */
const vietnam = (d: Date) => {
  const v = new Date(d.getTime() + 7 * 3600000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}`;
};

let pki: TestPki;
let signer: SigningKey;
let root: string;
/** The submissions appraised (a, b) and one that was not (c). */
let appraisedDir: string;
let allDir: string;
let out: string;
const bytes: Record<string, Uint8Array> = {};
let unsignedCouncil: Uint8Array;
let signedCouncil: string;
/** Seconds after the test CA's certificates begin (they start when the suite does), to the second. */
const start = Math.floor(Date.now() / 1000) * 1000;
const at = (s: number) => new Date(start + s * 1000);
const verifyJson = async (args: string[]) => {
  const r = await dti(['verify', ...args, '--trust', root, '--json']);
  expect(r.stderr).toBe('');
  return { code: r.code, rows: JSON.parse(r.stdout) as VerifyRow[] };
};

beforeAll(async () => {
  pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
  signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
  root = join(pki.dir, 'root.pem');
  appraisedDir = mkdtempSync(join(tmpdir(), 'dti-csign-'));
  allDir = mkdtempSync(join(tmpdir(), 'dti-csign-all-'));
  out = mkdtempSync(join(tmpdir(), 'dti-csign-out-'));
  const put = async (file: string, seed: number, unit: string) => {
    bytes[file] = await signXlsx(await sealedSubmission(seed, unit), signer, at(60));
    writeFileSync(join(allDir, file), bytes[file]);
    if (file !== 'c.xlsx') writeFileSync(join(appraisedDir, file), bytes[file]);
  };
  await put('a.xlsx', 1, 'Phường An Cựu');
  await put('b.xlsx', 2, 'Phường Vĩnh Ninh');
  await put('c.xlsx', 3, 'Phường Phú Hội');
  const appraised = await dti([
    'appraise',
    appraisedDir,
    '--rubric',
    'hue-2263-2023',
    '--unit',
    'xa',
    '--trust',
    root,
    '--out',
    join(out, 'td.xlsx'),
  ]);
  expect(appraised.code).toBe(0);
  unsignedCouncil = appraised.written[join(out, 'td.xlsx')];
  writeFileSync(join(out, 'td.xlsx'), unsignedCouncil);
  signedCouncil = join(out, 'td-signed.xlsx');
  writeFileSync(signedCouncil, await signXlsx(unsignedCouncil, signer, at(90)));
}, 120000);

describe('a signed council workbook', () => {
  test('valid, the council’s workbook of hue-2263-2023 1.0.0 for communes, its two submissions matched with a and b; c not in it', async () => {
    const files = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((f) => join(allDir, f));
    const { code, rows } = await verifyJson([signedCouncil, ...files]);
    expect(code).toBe(0);
    const council = rows.find((r) => r.file === signedCouncil)!;
    expect(council.status).toBe('valid');
    expect(council.kind).toBe('appraisal');
    const c = council.council!;
    expect([c.rubric, c.version, c.unit, c.identityCovered]).toEqual(['hue-2263-2023', '1.0.0', 'xa', true]);
    expect(c.submissions.map((s) => [s.digest, s.unitName, s.given]).sort()).toEqual(
      [
        [sha256(bytes['a.xlsx']), 'Phường An Cựu', files[0]],
        [sha256(bytes['b.xlsx']), 'Phường Vĩnh Ninh', files[1]],
      ].sort(),
    );
    expect(c.notInWorkbook).toEqual([files[2]]);
    // The submissions themselves are no council workbooks.
    expect(rows.filter((r) => r.kind)).toHaveLength(1);
  }, 60000);

  test('the same in the terminal: what the workbook is, each submission with its short digest, and the file not in it', async () => {
    const r = await dti(['verify', signedCouncil, join(allDir, 'a.xlsx'), join(allDir, 'c.xlsx'), '--trust', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Sổ thẩm định của hội đồng: hue-2263-2023, phiên bản 1.0.0, Xã, phường, thị trấn — 2 bài nộp được thẩm định',
    );
    expect(r.stdout).toContain('nằm trong phần được chữ ký số bao phủ');
    const line = (digest: string) => r.stdout.split('\n').find((l) => l.includes(digest.slice(0, 12)))!;
    expect(line(sha256(bytes['a.xlsx']))).toMatch(/a\.xlsx +[0-9a-f]{12} +Phường An Cựu +khớp a\.xlsx/);
    expect(line(sha256(bytes['b.xlsx']))).toMatch(/b\.xlsx +[0-9a-f]{12} +Phường Vĩnh Ninh +không có tệp nào khớp/);
    expect(r.stdout).toMatch(/Tệp đã cho không có trong sổ \(chưa được thẩm định, hoặc đã bị sửa\): c\.xlsx$/m);
  }, 60000);

  test('--submissions DIR: the files are matched, not verified', async () => {
    const { code, rows } = await verifyJson([signedCouncil, '--submissions', allDir]);
    expect(code).toBe(0);
    expect(rows.map((r) => r.file)).toEqual([signedCouncil]);
    const c = rows[0].council!;
    expect(c.submissions.every((s) => s.given !== null)).toBe(true);
    expect(c.notInWorkbook).toEqual([join(allDir, 'c.xlsx')]);
  }, 60000);

  test('one digest in its identity replaced after signing (c’s for a’s) → invalid, the identity not covered', async () => {
    const signed = new Uint8Array(readFileSync(signedCouncil));
    const [from, to] = [sha256(bytes['a.xlsx']), sha256(bytes['c.xlsx'])];
    const holder = Object.entries(unzipSync(signed)).find(([, v]) => new TextDecoder().decode(v).includes(from))![0];
    const tampered = join(out, 'td-tampered.xlsx');
    writeFileSync(
      tampered,
      rewriteEntry(signed, holder, (s) => s.split(from).join(to)),
    );
    const { code, rows } = await verifyJson([tampered, join(allDir, 'c.xlsx')]);
    expect(code).toBe(1);
    expect(rows[0].status).toBe('invalid');
    expect(rows[0].reasons.join('\n')).toContain(`Phần ${holder} đã bị sửa sau khi ký`);
    expect(rows[0].council!.identityCovered).toBe(false);
    expect(rows[0].council!.identityUncovered).toContain(holder);
    // What the changed identity claims is shown, but as not covered: c now "matches".
    expect(rows[0].council!.submissions.find((s) => s.digest === to)!.given).toBe(join(allDir, 'c.xlsx'));
    const text = await dti(['verify', tampered, '--trust', root]);
    expect(text.stdout).toContain('KHÔNG được chữ ký số hợp lệ nào bao phủ: có thể đã bị sửa sau khi ký');
  }, 60000);

  test('its `_dti` sheet left out of the signature and put back after → partly signed, the identity not covered, not accepted', async () => {
    const sheet = 'xl/worksheets/sheet4.xml';
    const identity = unzipSync(unsignedCouncil)[sheet];
    const signed = await signXlsx(removeEntry(unsignedCouncil, sheet), signer, at(90));
    const file = join(out, 'td-identity-unsigned.xlsx');
    writeFileSync(file, addEntry(signed, sheet, identity));
    const { code, rows } = await verifyJson([file]);
    expect(code).toBe(1);
    expect(rows[0].status).toBe('partial');
    expect(rows[0].council).toMatchObject({ identityCovered: false, identityUncovered: [sheet] });
    const text = await dti(['verify', file, '--trust', root]);
    expect(text.stdout).toContain('KHÔNG được chữ ký số hợp lệ nào bao phủ: có thể đã bị sửa sau khi ký');
  }, 60000);
});

test('an unsigned council workbook → unsigned, with its identity, not covered', async () => {
  const { code, rows } = await verifyJson([join(out, 'td.xlsx')]);
  expect(code).toBe(1);
  expect(rows[0].status).toBe('unsigned');
  expect(rows[0].kind).toBe('appraisal');
  expect(rows[0].council!.identityCovered).toBe(false);
  expect(rows[0].council!.submissions.map((s) => s.digest).sort()).toEqual(
    [sha256(bytes['a.xlsx']), sha256(bytes['b.xlsx'])].sort(),
  );
  expect(rows[0].council!.notInWorkbook).toEqual([]);
  const text = await dti(['verify', join(out, 'td.xlsx'), '--trust', root]);
  expect(text.stdout).toContain('Sổ thẩm định của hội đồng: hue-2263-2023');
  expect(text.stdout).toContain('Sổ chưa ký số: không có gì bảo đảm thông tin nhận dạng của sổ');
}, 60000);

test('the identity’s parts: the `_dti` sheet (the fourth), the workbook, its relationships and strings — never docProps', () => {
  const wb = readParts(readWorkbookParts(unsignedCouncil));
  const left = (uncovered: string[]) => councilWorkbookOf(wb, uncovered)!.identityUncovered;
  expect(left(['docProps/core.xml', 'docProps/app.xml', 'xl/worksheets/sheet1.xml'])).toEqual([]);
  expect(left(['xl/worksheets/sheet4.xml', 'docProps/core.xml'])).toEqual(['xl/worksheets/sheet4.xml']);
  expect(left(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']).sort()).toEqual([
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/workbook.xml',
  ]);
});

describe('the attested signing time', () => {
  let stamped: string;
  let genTime: Date;
  let claimed: Date;

  beforeAll(async () => {
    claimed = at(120);
    genTime = at(150);
    const tsa = { privateKeyPem: pki.tsaKeyPem, certificatePem: pki.tsaPem };
    const folder = join(out, 'stamped');
    mkdirSync(folder);
    stamped = join(folder, 'a-stamped.xlsx');
    writeFileSync(
      stamped,
      await signXlsx(await sealedSubmission(1, 'Phường An Cựu'), signer, claimed, { timestamp: { tsa, genTime } }),
    );
    writeFileSync(join(folder, 'b.xlsx'), bytes['b.xlsx']);
  }, 60000);

  test('dti verify --json: the timestamp’s time and authority beside the claim; none for a file without one', async () => {
    const { rows } = await verifyJson([stamped, join(allDir, 'b.xlsx')]);
    expect(rows[0]).toMatchObject({
      status: 'valid',
      signedAt: claimed.toISOString(),
      attestedAt: genTime.toISOString(),
      attestedBy: TSA,
    });
    expect(rows[1]).toMatchObject({ signedAt: at(60).toISOString(), attestedAt: null, attestedBy: null });
  }, 60000);

  test('dti verify: the attested time marked as the timestamp’s, the other as the signer’s claim', async () => {
    const r = await dti(['verify', stamped, join(allDir, 'b.xlsx'), '--trust', root]);
    const row = (file: string) => r.stdout.split('\n').find((l) => l.startsWith(file))!;
    expect(row('a-stamped.xlsx')).toContain(`${vietnam(genTime)} (dấu thời gian)`);
    expect(row('b.xlsx')).toContain(`${vietnam(at(60))} (người ký tự khai)`);
  }, 60000);

  test('the council’s ranking (dti appraise, and the dti rank CSV) shows the same', async () => {
    const folder = join(out, 'stamped');
    const options = ['--rubric', 'hue-2263-2023', '--unit', 'xa', '--trust', root];
    const appraised = await dti(['appraise', folder, ...options, '--out', join(out, 'td-stamped.xlsx')]);
    expect(appraised.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(appraised.written[join(out, 'td-stamped.xlsx')] as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(RANKING_SHEET)!;
    const timeOf = (file: string) => {
      for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(`C${r}`).value === file) return ws.getCell(`F${r}`).value;
      return undefined;
    };
    expect(timeOf('a-stamped.xlsx')).toBe(`${vietnam(genTime)} (dấu thời gian)`);
    expect(timeOf('b.xlsx')).toBe(`${vietnam(at(60))} (người ký tự khai)`);
    const ranked = await dti(['rank', folder, ...options, '--out', join(out, 'xh.xlsx')]);
    const csv = new TextDecoder().decode(ranked.written[join(out, 'xh.csv')]);
    expect(csv).toContain(`${genTime.toISOString()} (dấu thời gian)`);
    expect(csv).toContain(`${at(60).toISOString()} (người ký tự khai)`);
  }, 60000);
});

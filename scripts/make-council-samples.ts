/**
 * Sample submissions for the council's `dti verify` and `dti rank` (examples/council/): TEST
 * MATERIAL, signed by a demo CA made on the spot, never real submissions.
 *
 *   npm run samples:council
 *
 * Each run makes a new demo CA (its key is created in a temporary folder and deleted at the end,
 * so it never enters the repository) and regenerates every file: examples/council/demo-ca.pem and
 * six hue-2263-2023 commune submissions (unit xa), sealed as the task pane's Submit step seals
 * them and signed as Excel signs them (test/support/sign-opc.ts, test/support/submissions.ts):
 *
 *   phuong-phu-hoi.xlsx    signed and sealed, the highest total
 *   xa-phu-mau.xlsx        signed and sealed
 *   phuong-an-cuu.xlsx     signed and sealed, other entries but the same total as Xã Phú Mậu (a tie)
 *   phuong-vinh-ninh.xlsx  sealed, then an entry raised, then signed: the signature holds, the seal does not
 *   phuong-thuan-hoa.xlsx  signed and sealed, below the tie (rank 4: the rank after a tie is skipped)
 *   xa-huong-phong.xlsx    sealed but not signed
 *
 * The entries, names, validity dates and signing times are fixed; the keys, and so the certificate
 * and signature bytes, are new each run. Certificates are valid 2025-01-01 → 2035-12-31 and the
 * files are signed on 2025-11-20, so the samples keep verifying for years.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { assessSubmission } from '../src/council';
import { issueTestSigner, makeTestPki, signXlsx, type TestName } from '../test/support/sign-opc';
import { sealedSubmission, type SubmissionChanges } from '../test/support/submissions';

const OUT = join(__dirname, '..', 'examples', 'council');
const VALID_FROM = new Date('2025-01-01T00:00:00Z');
const VALID_UNTIL = new Date('2035-12-31T23:59:59Z');
const CA_NAME: TestName = [
  ['C', 'VN'],
  ['O', 'CDS DTI — tài liệu thử nghiệm'],
  ['CN', 'CDS DTI — CA THỬ NGHIỆM (không dùng thật)'],
];

interface Sample {
  file: string;
  unitName: string;
  /** sampleValues seed: the entries. */
  seed: number;
  changes?: SubmissionChanges;
  /** The signer's name (CN); the organisation is the commune's People's Committee. No signer: unsigned. */
  signer?: string;
  signedAt?: string;
}

const SAMPLES: Sample[] = [
  {
    file: 'phuong-phu-hoi.xlsx',
    unitName: 'Phường Phú Hội',
    seed: 9,
    signer: 'Trần Văn Hùng (thử nghiệm)',
    signedAt: '2025-11-20T09:00:00Z',
  },
  {
    file: 'xa-phu-mau.xlsx',
    unitName: 'Xã Phú Mậu',
    seed: 4,
    signer: 'Lê Thị Hoa (thử nghiệm)',
    signedAt: '2025-11-20T09:30:00Z',
  },
  // Seed 29 totals 432.57; with VI.5.1 at 41/44 (instead of 18/44) it totals 435.18, as Xã Phú Mậu does.
  {
    file: 'phuong-an-cuu.xlsx',
    unitName: 'Phường An Cựu',
    seed: 29,
    changes: { values: { 'VI.5.1': { numerator: 41, denominator: 44 } } },
    signer: 'Nguyễn Văn Bình (thử nghiệm)',
    signedAt: '2025-11-20T10:00:00Z',
  },
  // Sealed with III.5.1 at 6/10, then raised to 8/10 before signing.
  {
    file: 'phuong-vinh-ninh.xlsx',
    unitName: 'Phường Vĩnh Ninh',
    seed: 3,
    changes: { editedAfterSeal: { 'III.5.1': { numerator: 8, denominator: 10 } } },
    signer: 'Phan Thị Mai (thử nghiệm)',
    signedAt: '2025-11-20T10:30:00Z',
  },
  {
    file: 'phuong-thuan-hoa.xlsx',
    unitName: 'Phường Thuận Hòa',
    seed: 12,
    signer: 'Võ Văn Tâm (thử nghiệm)',
    signedAt: '2025-11-20T11:00:00Z',
  },
  { file: 'xa-huong-phong.xlsx', unitName: 'Xã Hương Phong', seed: 5 },
];

async function main(): Promise<void> {
  const pkiDir = mkdtempSync(join(tmpdir(), 'dti-demo-ca-'));
  try {
    const pki = await makeTestPki(pkiDir, { rootName: CA_NAME, notBefore: VALID_FROM, notAfter: VALID_UNTIL });
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT)) if (/\.(xlsx|pem)$/i.test(f)) rmSync(join(OUT, f));
    writeFileSync(join(OUT, 'demo-ca.pem'), pki.rootPem);

    const anchors = [new TextEncoder().encode(pki.rootPem)];
    const summary: string[][] = [];
    for (const [i, s] of SAMPLES.entries()) {
      let bytes = await sealedSubmission(s.seed, s.unitName, false, s.changes);
      if (s.signer) {
        const name: TestName = [
          ['C', 'VN'],
          ['ST', 'Thành phố Huế'],
          ['O', `UBND ${s.unitName}`],
          ['CN', s.signer],
        ];
        const key = await issueTestSigner(pki, name, (0x3001 + i).toString(16), VALID_FROM, VALID_UNTIL);
        bytes = await signXlsx(bytes, key, new Date(s.signedAt!));
      }
      writeFileSync(join(OUT, s.file), bytes);
      const r = await assessSubmission(s.file, bytes, {
        trustAnchors: anchors,
        expect: { rubric: 'hue-2263-2023', unit: 'xa' },
      });
      summary.push([
        s.file,
        s.unitName,
        r.status,
        r.seal,
        String(r.assessment?.total ?? ''),
        `${(bytes.length / 1024).toFixed(0)} KB`,
      ]);
    }
    const totals = summary.slice(1, 3).map((row) => row[4]);
    if (totals[0] !== totals[1])
      throw new Error(`Xã Phú Mậu and Phường An Cựu should tie, but total ${totals[0]} and ${totals[1]}`);
    console.log(
      `Wrote ${relative(process.cwd(), OUT)}/ (demo CA valid ${VALID_FROM.toISOString().slice(0, 10)} → ${VALID_UNTIL.toISOString().slice(0, 10)}):`,
    );
    for (const row of [['file', 'unit', 'signature', 'seal', 'total', 'size'], ...summary])
      console.log(
        `  ${row[0].padEnd(24)}${row[1].padEnd(20)}${row[2].padEnd(12)}${row[3].padEnd(8)}${row[4].padEnd(9)}${row[5]}`,
      );
    if (!existsSync(join(OUT, 'README.md'))) console.warn('examples/council/README.md is missing');
  } finally {
    rmSync(pkiDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

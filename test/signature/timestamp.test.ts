/**
 * XAdES-T signature timestamps (issue 13, item 4): an RFC 3161 token over the SignatureValue,
 * made by a test TSA (test/support/sign-opc.ts, checked by `openssl ts -verify` in
 * openssl.test.ts), lets the signer's certificate be checked at the token's genTime instead of
 * now; a token that fails any check makes the signature invalid, one from a TSA no anchor vouches
 * for is not used and keeps the signature from `valid`. The real 2012 Belgian token in
 * signed.docx: fixtures.test.ts.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { verifyPackage, type VerifyResult } from '../../src/signature';
import { dti } from '../support/dti';
import { signatureFixture } from '../support/fixtures';
import { makeTestPki, type SigningKey, signXlsx, type TestPki } from '../support/sign-opc';
import { rewriteEntry, text } from '../support/zip-tools';

const SIG = '_xmlsignatures/sig1.xml';
const DAY = 86_400_000;
const enc = (s: string) => new TextEncoder().encode(s);
const unsigned = signatureFixture('hello-world-unsigned.xlsx');
const all = (r: VerifyResult) => r.reasons.join('\n');

let dir: string;
let pki: TestPki;
let anchors: Uint8Array[];
let expired: SigningKey;
let signer: SigningKey;
let tsa: SigningKey;
const TSA = 'CN=Dịch vụ cấp dấu thời gian thử nghiệm, O=CDS DTI Thử nghiệm, C=VN';
const EXPIRED = 'CN=Phạm Văn Dũng (hết hạn), O=Sở Thông tin và Truyền thông, C=VN';

/** Inside the expired signer's validity (2020-01-01 → 2021-01-01), and a minute later. */
const CLAIMED = new Date('2020-06-01T10:00:00Z');
const STAMPED = new Date('2020-06-01T10:01:00Z');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dti-tsa-'));
  // Roots, signers and TSAs valid since 2019, so a 2020 genTime lies inside the whole chain.
  pki = await makeTestPki(dir, {
    notBefore: new Date('2019-01-01T00:00:00Z'),
    notAfter: new Date(Date.now() + 3650 * DAY),
  });
  anchors = [enc(pki.rootPem)];
  expired = { privateKeyPem: pki.expiredKeyPem, certificatePem: pki.expiredPem };
  signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
  tsa = { privateKeyPem: pki.tsaKeyPem, certificatePem: pki.tsaPem };
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stamped = (
  key: SigningKey,
  signedAt: Date,
  timestamp: NonNullable<Parameters<typeof signXlsx>[3]>['timestamp'],
) => signXlsx(unsigned, key, signedAt, { timestamp });
const verify = (bytes: Uint8Array, trust = anchors) => verifyPackage(bytes, { trustAnchors: trust });

describe('a verified timestamp: the certificates are checked at its time', () => {
  test('expired signer, SigningTime back-dated into its validity, stamped a minute later by a trusted TSA → valid, time attested', async () => {
    const r = await verify(await stamped(expired, CLAIMED, { tsa, genTime: STAMPED }));
    expect(r.status).toBe('valid');
    expect(r.signatures[0]).toMatchObject({ valid: true, trusted: true, signer: EXPIRED });
    expect(r.signedAt).toBe('2020-06-01T10:00:00.000Z'); // the claim, still shown as what the signer wrote
    // What the council relies on: the timestamp's time and its authority, beside the claim.
    expect([r.attestedAt, r.attestedBy]).toEqual(['2020-06-01T10:01:00.000Z', TSA]);
    expect(r.signatures[0]).toMatchObject({ attestedAt: '2020-06-01T10:01:00.000Z', attestedBy: TSA });
    expect(r.reasons).toContain(
      `Thời điểm ký được chứng thực bởi dấu thời gian của ${TSA} lúc 2020-06-01T10:01:00.000Z: chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm đó (time attested by a timestamp)`,
    );
    expect(all(r)).not.toMatch(/do người ký tự khai|thời điểm xác minh|hết hạn/);
  });

  test('the same, stamped after the certificate expired (2021-06-01) → invalid, expired at the timestamp’s time', async () => {
    const genTime = new Date('2021-06-01T00:00:00Z');
    const r = await verify(await stamped(expired, CLAIMED, { tsa, genTime }));
    expect(r.status).toBe('invalid');
    expect(r.reasons).toContain(
      `Chứng thư ký ${EXPIRED} đã hết hạn tại thời điểm của dấu thời gian 2021-06-01T00:00:00.000Z (hết hạn 2021-01-01T00:00:00.000Z) (certificate expired)`,
    );
  });

  test('SigningTime later than the genTime → invalid; up to 5 minutes later is clock skew → valid', async () => {
    const genTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const hourLater = new Date(genTime.getTime() + 3_600_000);
    const late = await verify(await stamped(signer, hourLater, { tsa, genTime }));
    expect(late.status).toBe('invalid');
    expect(all(late)).toMatch(
      `Thời điểm ký ${hourLater.toISOString()} do người ký tự khai lại sau thời điểm của dấu thời gian ${genTime.toISOString()}`,
    );
    const skewed = await verify(await stamped(signer, new Date(genTime.getTime() + 4 * 60_000), { tsa, genTime }));
    expect(skewed.status).toBe('valid');
  });
});

describe('a timestamp that fails a check → invalid, naming what failed', () => {
  test('a token over another SignatureValue (lifted from another signature) → hash mismatch', async () => {
    const r = await verify(await stamped(expired, CLAIMED, { tsa, genTime: STAMPED, signatureValue: 'AAAA' }));
    expect(r.status).toBe('invalid');
    expect(r.reasons).toContain(
      'Dấu thời gian không được cấp cho chữ ký này: giá trị băm trong dấu thời gian khác với giá trị chữ ký (timestamp hash mismatch)',
    );
    // Not used: the signer is checked now, and has expired.
    expect(all(r)).toMatch(/Chứng thư ký .* đã hết hạn tại thời điểm xác minh/);
  });

  test('a token signed with a document-signing certificate (no timeStamping purpose) → not a TSA certificate, even for a fresh signer', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const r = await verify(await stamped(signer, now, { tsa: signer, genTime: now }));
    expect(r.status).toBe('invalid');
    expect(all(r)).toMatch(
      /Chứng thư CN=Nguyễn Văn An, .* ký dấu thời gian nhưng không phải chứng thư của đơn vị cấp dấu thời gian .*\(not a TSA certificate\)/,
    );
  });

  test('a genTime before the TSA certificate existed, or in the future → invalid', async () => {
    const early = await verify(await stamped(signer, new Date(), { tsa, genTime: new Date('2018-06-01T00:00:00Z') }));
    expect(early.status).toBe('invalid');
    expect(early.reasons).toContain(
      `Chứng thư của đơn vị cấp dấu thời gian ${TSA} chưa có hiệu lực tại thời điểm của dấu thời gian 2018-06-01T00:00:00.000Z (hiệu lực từ 2019-01-01T00:00:00.000Z) (certificate not yet valid)`,
    );
    const future = await verify(await stamped(signer, new Date(), { tsa, genTime: new Date(Date.now() + DAY) }));
    expect(future.status).toBe('invalid');
    expect(all(future)).toMatch(/\(timestamp in the future\)/);
  });

  test('a corrupted token (bits flipped in its bytes) never throws: invalid or untrusted, or — for a flip outside what the TSA signs — the same attested time', async () => {
    const good = await stamped(expired, CLAIMED, { tsa, genTime: STAMPED });
    const token = Buffer.from(/EncapsulatedTimeStamp>([^<]+)</.exec(text(good, SIG))![1], 'base64');
    const attested = `dấu thời gian của ${TSA} lúc 2020-06-01T10:01:00.000Z`;
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(token);
        flipped[at] ^= 1 << bit;
        const bytes = rewriteEntry(good, SIG, (x) => x.replace(token.toString('base64'), flipped.toString('base64')));
        const r = await verify(bytes);
        const reasons = all(r);
        if (r.status === 'valid') expect(reasons).toContain(attested);
        else {
          expect(r.status).toBe('invalid'); // back-dated and expired: nothing but a good token can help it
          expect(reasons).toMatch(/dấu thời gian/i);
          expect(reasons).not.toContain(attested);
        }
      }),
      { numRuns: 60, seed: 3161 },
    );
  }, 120_000);
});

describe('a timestamp from a TSA no given anchor vouches for: not used, and the signature is not `valid`', () => {
  const otherTsa = () => ({ privateKeyPem: pki.otherTsaKeyPem, certificatePem: pki.otherTsaPem });

  test('a fresh signer stamped by another root’s TSA → valid-untrusted, naming the TSA; with that root also given → valid', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const bytes = await stamped(signer, now, { tsa: otherTsa(), genTime: now });
    const r = await verify(bytes);
    expect(r.status).toBe('valid-untrusted');
    expect(r.signatures[0]).toMatchObject({ valid: true, trusted: false });
    expect(all(r)).toMatch(
      /Đơn vị cấp dấu thời gian CN=Dấu thời gian của CA khác, .* chưa được xác lập tin cậy .*Không tìm thấy chứng thư cấp trên CN=Another Test Root CA.* \(untrusted TSA\)/,
    );
    expect(all(r)).toMatch(/do người ký tự khai/);
    // Not used, so not reported as attested.
    expect([r.attestedAt, r.attestedBy]).toEqual([null, null]);
    const both = await verify(bytes, [...anchors, enc(pki.otherRootPem)]);
    expect(both.status).toBe('valid');
    expect([both.attestedAt, both.attestedBy]).toEqual([
      now.toISOString(),
      'CN=Dấu thời gian của CA khác, O=CDS DTI Thử nghiệm, C=VN',
    ]);
    expect(all(both)).toMatch(/Thời điểm ký được chứng thực bởi dấu thời gian của CN=Dấu thời gian của CA khác/);
  });

  test('the expired, back-dated signer stamped by an untrusted TSA → invalid: checked now', async () => {
    const r = await verify(await stamped(expired, CLAIMED, { tsa: otherTsa(), genTime: STAMPED }));
    expect(r.status).toBe('invalid');
    expect(all(r)).toMatch(/\(untrusted TSA\)/);
    expect(all(r)).toMatch(/Chứng thư ký .* đã hết hạn tại thời điểm xác minh/);
  });

  test('no anchor given at all: a good token is not used either', async () => {
    const r = await verify(await stamped(expired, CLAIMED, { tsa, genTime: STAMPED }), []);
    expect(r.status).toBe('invalid');
    expect(all(r)).toMatch(/Chưa có chứng thư gốc tin cậy nào được cung cấp nên .* dấu thời gian không được dùng/);
  });
});

test('`dti verify` says who attested the time', async () => {
  writeFileSync(path.join(dir, 'stamped.xlsx'), await stamped(expired, CLAIMED, { tsa, genTime: STAMPED }));
  const r = await dti(
    ['verify', path.join(dir, 'stamped.xlsx'), '--trust', path.join(dir, 'root.pem')],
    {},
    {
      readFile: (p) => new Uint8Array(readFileSync(p)),
    },
  );
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain(
    `  • Thời điểm ký được chứng thực bởi dấu thời gian của ${TSA} lúc 2020-06-01T10:01:00.000Z`,
  );
});

/**
 * Workbooks signed at test time by the Excel-like test signer (test/support/sign-opc.ts) with a
 * throw-away test CA made in JavaScript, and tampered variants of them: each must get the expected
 * status and a reason naming the problem. Also trust (given anchors only), validity at signing time, and
 * detached CMS (.p7s) signatures. Everything runs twice: with the browser-safe defaults (WebCrypto,
 * fflate, as in the task pane) and with the Node primitives the council's workers lend (node-host.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { nodeHost } from '../../src/platform/node';
import { useHost, verifyPackage, type VerifyResult } from '../../src/signature';
import { getRubric } from '../../src/rubrics';
import { buildTemplate } from '../../src/template';
import { writeXlsx } from '../../src/xlsx';
import { makeTestPki, signCmsDetached, type SigningKey, signXlsx, type TestPki } from '../support/sign-opc';
import { addEntry, removeEntry, rewriteEntry, text } from '../support/zip-tools';
import { SIGNATURE_FIXTURES } from '../support/fixtures';

const FIXTURES = SIGNATURE_FIXTURES;
const unsigned = new Uint8Array(readFileSync(path.join(FIXTURES, 'hello-world-unsigned.xlsx')));
const SIG = '_xmlsignatures/sig1.xml';
const enc = (s: string) => new TextEncoder().encode(s);

let dir: string;
let pki: TestPki;
let signer: SigningKey;
let good: Uint8Array;
let anchors: Uint8Array[];
/** Signing happens now, within the fresh certificates' validity; SigningTime keeps whole seconds. */
let SIGNED_AT: Date;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dti-sign-'));
  pki = await makeTestPki(dir);
  SIGNED_AT = new Date(Math.floor(Date.now() / 1000) * 1000);
  signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
  good = await signXlsx(unsigned, signer, SIGNED_AT);
  anchors = [enc(pki.rootPem)];
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verify = (bytes: Uint8Array, trust = anchors) => verifyPackage(bytes, { trustAnchors: trust });
const all = (r: VerifyResult) => r.reasons.join('\n');

async function expectInvalid(bytes: Uint8Array, reason: RegExp): Promise<VerifyResult> {
  const r = await verify(bytes);
  expect(r.status).toBe('invalid');
  expect(r.signatures.some((s) => !s.valid)).toBe(true);
  expect(all(r)).toMatch(reason);
  return r;
}

/** Adds unsigned markup to the signature part (outside SignedInfo, so SignatureValue still verifies). */
const injectIntoSignature = (bytes: Uint8Array, markup: string) =>
  rewriteEntry(bytes, SIG, (x) => x.replace('</Signature>', `${markup}</Signature>`));

describe.each([
  ['the browser-safe defaults', {}],
  ["the council workers' Node primitives", nodeHost],
])('with %s', (_, host) => {
  beforeAll(() => useHost(host));
  afterAll(() => useHost({}));

  describe('a workbook signed like Excel, and trust', () => {
    test('test CA given as trust anchor → valid', async () => {
      const r = await verify(good);
      expect(r.status).toBe('valid');
      expect(r.signer).toBe('CN=Nguyễn Văn An, O=Sở Thông tin và Truyền thông, ST=Thừa Thiên Huế, C=VN');
      expect(r.signedAt).toBe(SIGNED_AT.toISOString());
      expect(r.signatures).toEqual([
        expect.objectContaining({
          id: SIG,
          valid: true,
          algorithm: 'RSA-SHA256',
          sha1: false,
          trusted: true,
          signedAt: SIGNED_AT.toISOString(),
        }),
      ]);
      expect(r.uncoveredParts.sort()).toEqual(['docProps/app.xml', 'docProps/core.xml', 'docProps/thumbnail.wmf']);
      expect(all(r)).toMatch(/bình thường với Excel: docProps\//);
    });

    test('no anchor → valid-untrusted, saying no anchor was given', async () => {
      const r = await verify(good, []);
      expect(r.status).toBe('valid-untrusted');
      expect(r.signatures[0]).toMatchObject({ valid: true, trusted: false });
      expect(all(r)).toMatch(/Chưa có chứng thư gốc tin cậy nào được cung cấp \(--trust\)/);
    });

    test('another CA as anchor → valid-untrusted, saying the chain does not reach it', async () => {
      const r = await verify(good, [enc(pki.otherRootPem)]);
      expect(r.status).toBe('valid-untrusted');
      expect(all(r)).toMatch(
        /Không tìm thấy chứng thư cấp trên CN=CDS DTI Test Root CA.*chain does not reach a trust anchor/,
      );
    });

    test('a root certificate shipped inside the file is never trusted by itself', async () => {
      const withRoot = await signXlsx(unsigned, { ...signer, chainPem: [pki.rootPem] }, SIGNED_AT);
      expect((await verify(withRoot, [])).status).toBe('valid-untrusted');
      const other = await verify(withRoot, [enc(pki.otherRootPem)]);
      expect(other.status).toBe('valid-untrusted');
      expect(all(other)).toMatch(/dừng ở chứng thư gốc CN=CDS DTI Test Root CA.*root not trusted/);
      expect((await verify(withRoot)).status).toBe('valid');
    });

    test('the anchor as DER works like PEM; an unreadable anchor is reported', async () => {
      const der = Buffer.from(pki.rootPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      expect((await verify(good, [new Uint8Array(der)])).status).toBe('valid');
      const r = await verify(good, [enc('not a certificate'), enc(pki.rootPem)]);
      expect(r.status).toBe('valid');
      expect(all(r)).toMatch(/Chứng thư tin cậy thứ 1 \(--trust\) không đọc được/);
    });

    test('signer certificate expired, signed now → invalid: validity is checked at the verification time', async () => {
      const r = await expectInvalid(
        await signXlsx(unsigned, { privateKeyPem: pki.expiredKeyPem, certificatePem: pki.expiredPem }, SIGNED_AT),
        /đã hết hạn tại thời điểm xác minh .*\(hết hạn 2021-01-01T00:00:00\.000Z\) \(certificate expired\)/,
      );
      expect(r.signatures[0].signer).toMatch(/Phạm Văn Dũng/);
    });

    test('an expired certificate with the signing time back-dated into its validity → invalid (the time is only a claim)', async () => {
      // The expired test signer is valid 2020-01-01 → 2021-01-01; the signer claims 2020-06-01.
      const backDated = new Date('2020-06-01T08:00:00Z');
      const r = await expectInvalid(
        await signXlsx(unsigned, { privateKeyPem: pki.expiredKeyPem, certificatePem: pki.expiredPem }, backDated),
        /đã hết hạn tại thời điểm xác minh/,
      );
      expect(r.signatures[0].signedAt).toBe(backDated.toISOString());
      expect(all(r)).toMatch(
        /Thời điểm ký 2020-06-01T08:00:00\.000Z do người ký tự khai \(không có dấu thời gian tin cậy\)/,
      );
    });

    test('a signing time before the certificate existed → invalid: the claim cannot be true', async () => {
      await expectInvalid(
        await signXlsx(unsigned, signer, new Date('2001-01-01T00:00:00Z')),
        /Thời điểm ký 2001-01-01T00:00:00\.000Z trước khi chứng thư ký .* có hiệu lực .*\(signing time before the certificate\)/,
      );
    });

    test('a signing time in the future → invalid; a few minutes ahead (clocks differ) is still now', async () => {
      const future = new Date(Date.now() + 3 * 86400000);
      const r = await expectInvalid(
        await signXlsx(unsigned, signer, future),
        /Thời điểm ký .* ở tương lai so với thời điểm xác minh .*\(signing time in the future\)/,
      );
      expect(r.signatures[0].signedAt).toBe(new Date(Math.floor(future.getTime() / 1000) * 1000).toISOString());
      const ahead = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 60000);
      expect((await verify(await signXlsx(unsigned, signer, ahead))).status).toBe('valid');
    });

    test("a valid signature says its signing time is the signer's claim and when the certificate was checked", async () => {
      const r = await verify(good);
      expect(r.signatures[0].reasons).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Thời điểm ký ${SIGNED_AT.toISOString().replace(/\./g, '\\.')} do người ký tự khai \\(không có dấu thời gian tin cậy\\): chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm xác minh \\d{4}-`,
          ),
        ),
      );
    });

    test('a signer certificate signed with SHA-1 → valid with a weak-hash note', async () => {
      const r = await verify(
        await signXlsx(unsigned, { privateKeyPem: pki.sha1SignerKeyPem, certificatePem: pki.sha1SignerPem }, SIGNED_AT),
      );
      expect(r.status).toBe('valid');
      expect(r.signatures[0].sha1).toBe(true);
      expect(all(r)).toMatch(/được ký bằng RSA-SHA1: SHA-1 là thuật toán băm yếu/);
    });

    test('an RSA-SHA1 signature with SHA-1 digests → valid, flagged as weak', async () => {
      const r = await verify(await signXlsx(unsigned, signer, SIGNED_AT, { hash: 'sha1' }));
      expect(r.status).toBe('valid');
      expect(r.signatures[0]).toMatchObject({ algorithm: 'RSA-SHA1', sha1: true });
      expect(all(r)).toMatch(/SHA-1, thuật toán băm yếu/);
    });

    test('an RSASSA-PSS signature (sha256-rsa-MGF1, RFC 6931) → valid; a PSS signature under the PKCS#1 method → invalid', async () => {
      const pss = await signXlsx(unsigned, signer, SIGNED_AT, { pss: true });
      const r = await verify(pss);
      expect(r.status).toBe('valid');
      expect(r.signatures[0]).toMatchObject({ valid: true, algorithm: 'RSA-PSS-SHA256' });
      // The same signature value presented as RSA-SHA256 (PKCS#1 v1.5) must not verify.
      const relabelled = rewriteEntry(pss, SIG, (x) =>
        x.replace(
          'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
          'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        ),
      );
      await expectInvalid(relabelled, /SignatureValue không khớp/);
    });

    test('XAdES SigningCertificateV2 with IssuerSerialV2 → valid; naming another certificate → invalid', async () => {
      const v2 = await verify(await signXlsx(unsigned, signer, SIGNED_AT, { xadesV2: true }));
      expect(v2.status).toBe('valid');
      expect(all(v2)).not.toMatch(/SigningCertificate/);
      const other = await signXlsx(unsigned, signer, SIGNED_AT, {
        xadesV2: true,
        signingCertificatePem: pki.sha1SignerPem,
      });
      await expectInvalid(other, /không khớp chứng thư ghi trong SigningCertificate.*certificate binding mismatch/);
    });

    test('RSA-SHA512 and ECDSA P-256 signatures → valid', async () => {
      const sha512 = await verify(await signXlsx(unsigned, signer, SIGNED_AT, { hash: 'sha512' }));
      expect(sha512.signatures[0]).toMatchObject({ valid: true, algorithm: 'RSA-SHA512' });
      const ec = await verify(
        await signXlsx(unsigned, { privateKeyPem: pki.ecSignerKeyPem, certificatePem: pki.ecSignerPem }, SIGNED_AT),
      );
      expect(ec.status).toBe('valid');
      expect(ec.signatures[0].algorithm).toBe('ECDSA-SHA256');
    });

    test('two signatures on one workbook → both reported; tampering breaks both', async () => {
      const twice = await signXlsx(
        good,
        { privateKeyPem: pki.ecSignerKeyPem, certificatePem: pki.ecSignerPem },
        SIGNED_AT,
      );
      const r = await verify(twice);
      expect(r.status).toBe('valid');
      expect(r.signatures.map((s) => [s.id, s.valid])).toEqual([
        ['_xmlsignatures/sig1.xml', true],
        ['_xmlsignatures/sig2.xml', true],
      ]);
      const bad = await verify(
        rewriteEntry(twice, 'xl/worksheets/sheet1.xml', (x) => x.replace('<v>0</v>', '<v>1</v>')),
      );
      expect(bad.signatures.map((s) => s.valid)).toEqual([false, false]);
    });

    test('a DTI template written by this project, signed → valid, scoring data read from the verified parts', async () => {
      const workbook = await writeXlsx(
        buildTemplate(getRubric('hue-2263-2023'), { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025 }),
      );
      const r = await verify(await signXlsx(workbook, signer, SIGNED_AT));
      expect(r.status).toBe('valid');
      expect(r.uncoveredParts.every((p) => p.startsWith('docProps/'))).toBe(true);
      expect(new TextDecoder().decode(r.parts.get('xl/workbook.xml'))).toMatch(/DTI_RUBRIC/);
    });
  });

  describe('tampered workbooks', () => {
    test('a changed cell value in sheet1.xml → invalid, naming the part', async () => {
      const sheet = text(good, 'xl/worksheets/sheet1.xml');
      expect(sheet).toMatch(/<v>0<\/v>/); // the shared-string index of the first cell
      const r = await expectInvalid(
        rewriteEntry(good, 'xl/worksheets/sheet1.xml', (x) => x.replace('<v>0</v>', '<v>1</v>')),
        /^Phần xl\/worksheets\/sheet1\.xml đã bị sửa sau khi ký \(digest không khớp\)$/m,
      );
      // The one failure, and the note every signature without a timestamp carries.
      expect(r.signatures[0].reasons).toEqual([
        'Phần xl/worksheets/sheet1.xml đã bị sửa sau khi ký (digest không khớp)',
        expect.stringMatching(/^Thời điểm ký .* do người ký tự khai .*\(claimed signing time\)$/),
      ]);
    });

    test('a changed digest in SignedInfo → invalid: SignatureValue and the object digest both fail', async () => {
      const tampered = rewriteEntry(good, SIG, (x) =>
        x.replace(/(URI="#idPackageObject">.*?<DigestValue>)(.)/, (_, a, c) => a + (c === 'A' ? 'B' : 'A')),
      );
      const r = await expectInvalid(tampered, /SignatureValue không khớp/);
      expect(all(r)).toMatch(/Đối tượng #idPackageObject đã bị sửa sau khi ký/);
    });

    test('a changed digest in the Manifest → invalid: the package Object no longer matches its signed digest', async () => {
      const tampered = rewriteEntry(good, SIG, (x) =>
        x.replace(/(styles\.xml\?ContentType=[^"]*">.*?<DigestValue>)(.)/, (_, a, c) => a + (c === 'A' ? 'B' : 'A')),
      );
      const r = await expectInvalid(tampered, /Đối tượng #idPackageObject đã bị sửa sau khi ký \(digest không khớp\)/);
      // A Manifest that is not itself verified is never used to judge the parts.
      expect(all(r)).not.toMatch(/Phần xl\/styles\.xml/);
    });

    test('a changed SignatureValue → invalid', async () => {
      const tampered = rewriteEntry(good, SIG, (x) =>
        x.replace(/<SignatureValue>(.)/, (_, c) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`),
      );
      await expectInvalid(tampered, /SignatureValue không khớp.*signature value invalid/);
    });

    test('a removed part → invalid, naming it', async () => {
      await expectInvalid(removeEntry(good, 'xl/styles.xml'), /Phần xl\/styles\.xml được ký nhưng không còn trong gói/);
    });

    test('an added part → partial, listing it as uncovered', async () => {
      const r = await verify(addEntry(good, 'xl/media/image9.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
      expect(r.status).toBe('partial');
      expect(r.signatures[0]).toMatchObject({ valid: true, trusted: true });
      expect(r.uncoveredParts).toContain('xl/media/image9.png');
      expect(all(r)).toMatch(/không được chữ ký hợp lệ nào bao phủ.*xl\/media\/image9\.png/);
    });

    test('a changed content type in [Content_Types].xml → invalid', async () => {
      const tampered = rewriteEntry(good, '[Content_Types].xml', (x) =>
        x.replace(/(PartName="\/xl\/styles\.xml" ContentType=")[^"]+/, '$1application/xml'),
      );
      await expectInvalid(
        tampered,
        /Kiểu nội dung của phần xl\/styles\.xml đã đổi sau khi ký.*nay là "application\/xml"/,
      );
    });

    test('swapped certificate: re-signed with another key, XAdES still naming the original signer → invalid', async () => {
      const other = { privateKeyPem: pki.sha1SignerKeyPem, certificatePem: pki.sha1SignerPem };
      await expectInvalid(
        await signXlsx(unsigned, other, SIGNED_AT, { signingCertificatePem: pki.signerPem }),
        /không khớp chứng thư ghi trong SigningCertificate của XAdES.*certificate binding mismatch/,
      );
    });

    test('swapped certificate in KeyInfo of an existing signature → invalid (SignatureValue no longer verifies)', async () => {
      const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
      await expectInvalid(
        rewriteEntry(good, SIG, (x) => x.replace(body(pki.signerPem), body(pki.sha1SignerPem))),
        /SignatureValue không khớp/,
      );
    });

    test('a duplicated Id (a second element Id="idPackageObject") → invalid', async () => {
      await expectInvalid(
        injectIntoSignature(good, '<Object Id="idPackageObject"><Manifest></Manifest></Object>'),
        /Id trùng lặp trong phần chữ ký: "idPackageObject".*duplicate Id/,
      );
    });

    test('two package Objects (a second Manifest under another Id) → invalid', async () => {
      const extra =
        '<Object Id="idPackageObject2"><Manifest><Reference URI="/xl/media/evil.png?ContentType=image/png"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod><DigestValue>AAAA</DigestValue></Reference></Manifest></Object>';
      await expectInvalid(
        injectIntoSignature(good, extra),
        /đúng một Object của gói \(idPackageObject\) chứa Manifest, nhưng có 2/,
      );
    });

    test('References outside SignedInfo do not count: a stray Reference covering an added part leaves it uncovered', async () => {
      const withPart = addEntry(good, 'xl/evil.xml', '<evil/>');
      const stray =
        '<Object Id="stray"><Reference URI="/xl/evil.xml?ContentType=application/xml"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod><DigestValue>AAAA</DigestValue></Reference></Object>';
      const r = await verify(injectIntoSignature(withPart, stray));
      expect(r.status).toBe('partial');
      expect(r.uncoveredParts).toContain('xl/evil.xml');
    });

    test('a reference to a non-existent Id → invalid', async () => {
      await expectInvalid(
        await signXlsx(unsigned, signer, SIGNED_AT, { extraSignedInfoReferences: [{ uri: '#doesNotExist' }] }),
        /Tham chiếu #doesNotExist không trỏ tới phần tử nào/,
      );
    });

    test('a reference that resolves to something other than a signed object → invalid', async () => {
      await expectInvalid(
        await signXlsx(unsigned, signer, SIGNED_AT, { extraSignedInfoReferences: [{ uri: '#idSignatureTime' }] }),
        /Tham chiếu #idSignatureTime trỏ tới phần tử <SignatureProperty> không phải đối tượng được ký/,
      );
    });

    test('an unknown Transform → invalid, naming the algorithm', async () => {
      const xslt = 'http://www.w3.org/TR/1999/REC-xslt-19991116';
      await expectInvalid(
        await signXlsx(unsigned, signer, SIGNED_AT, { extraTransform: { part: 'xl/workbook.xml', algorithm: xslt } }),
        new RegExp(`xl/workbook\\.xml dùng Transform không được hỗ trợ: ${xslt.replace(/\./g, '\\.')}`),
      );
    });

    test('an unknown CanonicalizationMethod → invalid, naming the algorithm', async () => {
      const tampered = rewriteEntry(good, SIG, (x) =>
        x.replace(
          '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315">',
          '<CanonicalizationMethod Algorithm="http://example.org/my-c14n">',
        ),
      );
      await expectInvalid(tampered, /CanonicalizationMethod không được hỗ trợ: http:\/\/example\.org\/my-c14n/);
    });

    test('HMAC "signatures" are refused', async () => {
      const tampered = rewriteEntry(good, SIG, (x) =>
        x.replace(
          /<SignatureMethod Algorithm="[^"]+">/,
          '<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">',
        ),
      );
      await expectInvalid(
        tampered,
        /SignatureMethod không được hỗ trợ: http:\/\/www\.w3\.org\/2000\/09\/xmldsig#hmac-sha1/,
      );
    });

    test('signature parts are found through relationships, not by name: without the origin relationship the package is unsigned', async () => {
      const r = await verify(
        rewriteEntry(good, '_rels/.rels', (x) => x.replace(/<Relationship [^>]*digital-signature\/origin[^>]*\/>/, '')),
      );
      expect(r.status).toBe('unsigned');
      expect(r.uncoveredParts).toContain(SIG);
    });

    test('an origin relationship to a missing part → malformed', async () => {
      const r = await verify(removeEntry(good, '_xmlsignatures/origin.sigs'));
      expect(r.status).toBe('malformed');
      expect(r.reasons[0]).toMatch(/trỏ tới phần không tồn tại: _xmlsignatures\/origin\.sigs/);
    });

    test('a DOCTYPE in a part of a signed workbook → malformed', async () => {
      const r = await verify(rewriteEntry(good, 'xl/workbook.xml', (x) => x.replace('?>', '?><!DOCTYPE workbook>')));
      expect(r.status).toBe('malformed');
      expect(r.reasons[0]).toMatch(/xl\/workbook\.xml chứa khai báo <!DOCTYPE>/);
    });
  });

  describe('detached CMS signature (.p7s)', () => {
    const p7sFor = (bytes: Uint8Array, key = signer) => signCmsDetached(bytes, key, path.join(dir, 'cms'));

    test('an unsigned workbook with a valid .p7s → valid, the CMS signer covering every part', async () => {
      const p7s = await p7sFor(unsigned);
      const r = await verifyPackage(unsigned, { trustAnchors: anchors, p7s });
      expect(r.status).toBe('valid');
      expect(r.signatures).toEqual([
        expect.objectContaining({ id: 'p7s#1', valid: true, trusted: true, algorithm: 'RSA-SHA256' }),
      ]);
      expect(r.signer).toMatch(/Nguyễn Văn An/);
      expect(r.signedAt).not.toBeNull();
      expect(r.uncoveredParts).toEqual([]);
    });

    test('a signed workbook with a .p7s → both signatures reported', async () => {
      const r = await verifyPackage(good, { trustAnchors: anchors, p7s: await p7sFor(good) });
      expect(r.status).toBe('valid');
      expect(r.signatures.map((s) => [s.id, s.valid])).toEqual([
        [SIG, true],
        ['p7s#1', true],
      ]);
    });

    test('PEM-encoded .p7s is accepted; without anchors → valid-untrusted', async () => {
      const der = await p7sFor(unsigned);
      const pem = `-----BEGIN CMS-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`;
      const r = await verifyPackage(unsigned, { p7s: enc(pem) });
      expect(r.status).toBe('valid-untrusted');
    });

    test('the file changed after the .p7s was made → invalid (messageDigest)', async () => {
      const p7s = await p7sFor(unsigned);
      const changed = rewriteEntry(unsigned, 'xl/worksheets/sheet1.xml', (x) => x.replace('<v>0</v>', '<v>1</v>'));
      const r = await verifyPackage(changed, { trustAnchors: anchors, p7s });
      expect(r.status).toBe('invalid');
      expect(all(r)).toMatch(/messageDigest trong \.p7s không khớp/);
    });

    test('a .p7s from an expired certificate → invalid; a damaged .p7s → malformed', async () => {
      const expired = await verifyPackage(unsigned, {
        trustAnchors: anchors,
        p7s: await p7sFor(unsigned, { privateKeyPem: pki.expiredKeyPem, certificatePem: pki.expiredPem }),
      });
      expect(expired.status).toBe('invalid');
      expect(all(expired)).toMatch(/đã hết hạn/);
    });

    test('a damaged .p7s beside an unsigned workbook: a signature that fails (invalid), saying the .p7s is broken', async () => {
      const broken = await verifyPackage(unsigned, { p7s: new Uint8Array([0x30, 0x03, 0x02, 0x01]) });
      expect(broken.status).toBe('invalid');
      expect(broken.signatures).toEqual([expect.objectContaining({ id: 'p7s', valid: false })]);
      expect(all(broken)).toMatch(
        /Tệp chữ ký \.p7s kèm theo bị hỏng, không dùng được: Tệp \.p7s không phải chữ ký CMS SignedData hợp lệ/,
      );
      expect(broken.parts.size).toBeGreaterThan(0); // the workbook itself is readable
    });

    test("a damaged .p7s beside a validly signed workbook: the XML signature's verdict stands, the .p7s is reported broken", async () => {
      const r = await verifyPackage(good, { trustAnchors: anchors, p7s: enc('not a signature at all') });
      expect(r.status).toBe('valid');
      expect(r.signatures.map((s) => [s.id, s.valid])).toEqual([[SIG, true]]);
      expect(all(r)).toMatch(
        /Tệp chữ ký \.p7s kèm theo bị hỏng, không dùng được: .*; chữ ký số trong tệp được xét riêng/,
      );
    });

    test('a .p7s whose signingTime is in the future → invalid', async () => {
      const p7s = await signCmsDetached(unsigned, signer, undefined, new Date(Date.now() + 3 * 86400000));
      const r = await verifyPackage(unsigned, { trustAnchors: anchors, p7s });
      expect(r.status).toBe('invalid');
      expect(all(r)).toMatch(/ở tương lai so với thời điểm xác minh/);
    });
  });
});

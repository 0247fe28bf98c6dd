/**
 * Known-good signed packages from Apache POI's test data (test/fixtures/signatures, Apache-2.0):
 * signatures made by Microsoft Office 2010, by POI and by the Belgian eID signing service, verified by the browser-safe verifier.
 */
import { unzipSync } from 'fflate';
import { readFileSync } from 'fs';
import path from 'path';
import { verifyPackage } from '../../src/signature';
import { compareIssuerName } from '../../src/signature/xades';
import { rewriteEntry } from '../support/zip-tools';
import { SIGNATURE_FIXTURES } from '../support/fixtures';
import { whileValid } from '../support/fixture-times';

const FIXTURES = SIGNATURE_FIXTURES;
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const DOC_PROPS_ONLY = /^docProps\//;

describe('Apache POI signature fixtures', () => {
  test('hello-world-signed.xlsx: valid RSA-SHA1 signature without XAdES → valid-untrusted, with a SHA-1 note', async () => {
    const r = await verifyPackage(fixture('hello-world-signed.xlsx'), { now: whileValid('hello-world-signed.xlsx') });
    expect(r.status).toBe('valid-untrusted');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({
      id: '_xmlsignatures/sig1.xml',
      valid: true,
      algorithm: 'RSA-SHA1',
      sha1: true,
      trusted: false,
    });
    expect(r.signer).toContain('CN=Bart Hanssens (Signature)');
    expect(r.signedAt).toBe('2009-08-28T08:21:49.000Z'); // mdssi:SignatureTime (no XAdES here)
    expect(r.reasons.join('\n')).toMatch(/SHA-1.*yếu/);
    expect(r.reasons.join('\n')).toMatch(/--trust/);
    expect(r.uncoveredParts.every((p) => DOC_PROPS_ONLY.test(p))).toBe(true);
    expect(r.uncoveredParts).toEqual(
      expect.arrayContaining(['docProps/core.xml', 'docProps/app.xml', 'docProps/thumbnail.wmf']),
    );
  });

  test('ms-office-2010-signed.xlsx: Office 2010 with XAdES SignedProperties → valid-untrusted, time from XAdES SigningTime', async () => {
    const r = await verifyPackage(fixture('ms-office-2010-signed.xlsx'), {
      now: whileValid('ms-office-2010-signed.xlsx'),
    });
    expect(r.status).toBe('valid-untrusted');
    expect(r.signatures[0]).toMatchObject({ valid: true, algorithm: 'RSA-SHA1', trusted: false });
    expect(r.signer).toContain('CN=Frank Cornelis (Signature)');
    expect(r.signedAt).toBe('2010-09-28T08:56:41.000Z');
    expect(r.uncoveredParts.sort()).toEqual(['docProps/app.xml', 'docProps/core.xml']);
  });

  test('hello-world-unsigned.xlsx → unsigned, every part uncovered', async () => {
    const bytes = fixture('hello-world-unsigned.xlsx');
    const r = await verifyPackage(bytes);
    expect(r.status).toBe('unsigned');
    expect(r.signatures).toEqual([]);
    expect(r.signer).toBeNull();
    expect(r.uncoveredParts.length).toBe(Object.keys(unzipSync(bytes)).length);
  });

  test('ms-office-2010-signed.docx → valid-untrusted', async () => {
    const r = await verifyPackage(fixture('ms-office-2010-signed.docx'), {
      now: whileValid('ms-office-2010-signed.docx'),
    });
    expect(r.status).toBe('valid-untrusted');
    expect(r.signatures.map((s) => s.valid)).toEqual([true]);
    expect(r.signedAt).toBe('2010-09-27T14:52:14.000Z');
  });

  test('hello-world-signed-twice.docx: both signatures valid, reported separately', async () => {
    const r = await verifyPackage(fixture('hello-world-signed-twice.docx'), {
      now: whileValid('hello-world-signed-twice.docx'),
    });
    expect(r.status).toBe('valid-untrusted');
    expect(r.signatures.map((s) => [s.id, s.valid])).toEqual([
      ['_xmlsignatures/sig2.xml', true],
      ['_xmlsignatures/sig1.xml', true],
    ]);
    expect(r.reasons.some((x) => x.startsWith('Chữ ký _xmlsignatures/sig1.xml: '))).toBe(true);
  });

  test('signed.docx: the RSA-SHA512 signature is valid; its unsigned customXml parts make the package partial', async () => {
    const r = await verifyPackage(fixture('signed.docx'), { now: whileValid('signed.docx') });
    expect(r.signatures[0]).toMatchObject({ valid: true, algorithm: 'RSA-SHA512', sha1: false });
    expect(r.signer).toContain('CN=Christoffe De Tiège (Signature)');
    // The signing service left customXml/* out of its Manifest: only docProps may be unsigned.
    expect(r.status).toBe('partial');
    expect(r.uncoveredParts).toEqual(expect.arrayContaining(['customXml/item1.xml', 'customXml/itemProps1.xml']));
    expect(r.reasons.join('\n')).toMatch(/customXml\/item1\.xml/);
  });

  test('signed.docx: the chain is built through the KeyInfo intermediates to a given anchor, never to a root from the file', async () => {
    const bytes = fixture('signed.docx');
    const sig = new TextDecoder().decode(
      Object.entries(unzipSync(bytes)).find(([n]) => n.startsWith('_xmlsignatures/sig-'))![1],
    );
    const certs = [...sig.matchAll(/<X509Certificate>([^<]+)</g)].map(
      (m) => new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64')),
    );
    const belgiumRoot = certs[2];

    const anchored = await verifyPackage(bytes, { trustAnchors: [belgiumRoot], now: whileValid('signed.docx') });
    expect(anchored.signatures[0]).toMatchObject({ valid: true, trusted: true });

    const other = await verifyPackage(bytes, {
      trustAnchors: [fixtureCertificate('ms-office-2010-signed.xlsx')],
      now: whileValid('signed.docx'),
    });
    expect(other.signatures[0].trusted).toBe(false);
    expect(other.reasons.join('\n')).toMatch(/dừng ở chứng thư gốc CN=Belgium Root CA2/);
  });

  test('a cell changed in a workbook Office signed → invalid, naming the part', async () => {
    const tampered = rewriteEntry(fixture('ms-office-2010-signed.xlsx'), 'xl/sharedStrings.xml', (x) =>
      x.replace(/<t>([^<]*)<\/t>/, '<t>$1!</t>'),
    );
    const r = await verifyPackage(tampered, { now: whileValid('ms-office-2010-signed.xlsx') });
    expect(r.status).toBe('invalid');
    expect(r.reasons).toContain('Phần xl/sharedStrings.xml đã bị sửa sau khi ký (digest không khớp)');
  });

  test('the returned parts are the verified bytes', async () => {
    const bytes = fixture('ms-office-2010-signed.xlsx');
    const r = await verifyPackage(bytes, { now: whileValid('ms-office-2010-signed.xlsx') });
    const files = unzipSync(bytes);
    expect([...r.parts.keys()].sort()).toEqual(Object.keys(files).sort());
    expect(r.parts.get('xl/worksheets/sheet1.xml')).toEqual(files['xl/worksheets/sheet1.xml']);
  });
});

describe('the same fixtures verified today: the certificates are checked now, unless a verified timestamp says when', () => {
  test.each(['hello-world-signed.xlsx', 'ms-office-2010-signed.xlsx', 'hello-world-signed-twice.docx'])(
    '%s: its certificates expired in 2011–2012 → invalid, the signing time reported as the signer’s claim',
    async (name) => {
      const r = await verifyPackage(fixture(name));
      expect(r.status).toBe('invalid');
      expect(r.signatures.every((s) => !s.valid)).toBe(true);
      expect(r.reasons.join('\n')).toMatch(/đã hết hạn tại thời điểm xác minh 20\d\d-.*\(certificate expired\)/);
      expect(r.reasons.join('\n')).toMatch(/Thời điểm ký 20(09|10)-.* do người ký tự khai/);
      expect(r.signedAt).not.toBeNull(); // still shown, as a claim
    },
  );

  test('signed.docx carries an RFC 3161 timestamp (XAdES SignatureTimeStamp) from a TSA no given anchor vouches for: not used, so it does not rescue the expired certificate', async () => {
    const r = await verifyPackage(fixture('signed.docx'));
    expect(r.signatures[0].valid).toBe(false);
    expect(r.reasons.join('\n')).toMatch(
      /Chưa có chứng thư gốc tin cậy nào được cung cấp nên chưa xác lập được tin cậy với đơn vị cấp dấu thời gian CN=Time Stamping Authority, .* \(untrusted TSA\)/,
    );
    expect(r.reasons.join('\n')).toMatch(/đã hết hạn tại thời điểm xác minh/);
    // Verified while the certificate was valid, it is the valid (partial) signature the tests above know.
    const then = await verifyPackage(fixture('signed.docx'), { now: whileValid('signed.docx') });
    expect(then.signatures[0].valid).toBe(true);
    expect(then.reasons.join('\n')).toMatch(/do người ký tự khai/);
  });

  test('signed.docx verified today with Belgium Root CA2 as anchor: the Belgian TSA’s 2012 token (BER, exclusive C14N, SHA-1) verifies, so the certificate that expired in 2015 is checked at its time', async () => {
    // genTime as `openssl ts -reply -token_in -text` prints it: "Time stamp: Dec 13 14:54:11 2012 GMT".
    const r = await verifyPackage(fixture('signed.docx'), { trustAnchors: [belgiumRoot()] });
    expect(r.signatures[0]).toMatchObject({ valid: true, trusted: true });
    expect(r.reasons).toContain(
      'Thời điểm ký được chứng thực bởi dấu thời gian của CN=Time Stamping Authority, C=BE, SERIALNUMBER=2012, O=Belgium Federal Government lúc 2012-12-13T14:54:11.000Z: chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm đó (time attested by a timestamp)',
    );
    expect(r.reasons).toContain('Dấu thời gian dùng SHA-1, thuật toán băm yếu (weak hash)');
    expect(r.reasons.join('\n')).not.toMatch(/hết hạn|do người ký tự khai/);
  });
});

/** Belgium Root CA2, from signed.docx's KeyInfo. */
function belgiumRoot(): Uint8Array {
  const sig = new TextDecoder().decode(
    Object.entries(unzipSync(fixture('signed.docx'))).find(([n]) => n.startsWith('_xmlsignatures/sig-'))![1],
  );
  return [...sig.matchAll(/<X509Certificate>([^<]+)</g)].map(
    (m) => new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64')),
  )[2];
}

/** The (untrusted, unrelated) signer certificate of another fixture, as a stand-in for "another CA". */
function fixtureCertificate(name: string): Uint8Array {
  const sig = new TextDecoder().decode(unzipSync(fixture(name))['_xmlsignatures/sig1.xml']);
  return new Uint8Array(Buffer.from(/<X509Certificate>([^<]+)</.exec(sig)![1].replace(/\s+/g, ''), 'base64'));
}

describe('XAdES IssuerSerial issuer names (as different producers write them)', () => {
  const citizenCa = [
    { oid: '2.5.4.6', value: 'BE' },
    { oid: '2.5.4.3', value: 'Citizen CA' },
    { oid: '2.5.4.5', value: '200612' },
  ];

  test('order, spacing, case and attribute aliases do not matter', () => {
    expect(compareIssuerName('C=BE, CN=Citizen CA, SERIALNUMBER=200612', citizenCa)).toBe('match'); // Office/Java order
    expect(compareIssuerName('SERIALNUMBER=200612,CN=citizen  ca,C=BE', citizenCa)).toBe('match'); // RFC 4514 order
    expect(compareIssuerName('OID.2.5.4.5=200612, CN=Citizen CA, C=BE', citizenCa)).toBe('match');
  });

  test('a different issuer is a mismatch; hex-encoded values cannot be judged', () => {
    expect(compareIssuerName('C=BE, CN=Other CA, SERIALNUMBER=200612', citizenCa)).toBe('mismatch');
    expect(compareIssuerName('C=BE, CN=Citizen CA', citizenCa)).toBe('mismatch');
    expect(compareIssuerName('C=BE, CN=#0c0a436974697a656e204341, SERIALNUMBER=200612', citizenCa)).toBe('unknown');
  });
});

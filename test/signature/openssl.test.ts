/**
 * The one place the signature tests still use the OpenSSL program: an independent implementation
 * checks the pure-JavaScript test PKI and CMS signer (test/support/sign-opc.ts), and the verifier
 * is given a .p7s and an RFC 3161 timestamp token that OpenSSL made. Without `openssl` on PATH the suite is skipped with one line;
 * under CI (CI set) a missing OpenSSL fails the run instead.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { verifyPackage } from '../../src/signature';
import {
  makeTestPki,
  signCmsDetached,
  type SigningKey,
  signXlsx,
  type TestPki,
  timestampToken,
} from '../support/sign-opc';
import { rewriteEntry, text } from '../support/zip-tools';
import { signatureFixture } from '../support/fixtures';
import { describeWith, OPENSSL } from '../support/system';

const maybe = describeWith([OPENSSL]);

maybe('the JavaScript test PKI and CMS signer, checked by OpenSSL', () => {
  let dir: string;
  let pki: TestPki;
  let signer: SigningKey;
  const unsigned = signatureFixture('hello-world-unsigned.xlsx');
  const enc = (s: string) => new TextEncoder().encode(s);

  /** Runs openssl in dir; status and output, never throwing (a rejection is an answer too). */
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const file = (name: string, bytes: Uint8Array | string) => (writeFileSync(path.join(dir, name), bytes), name);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dti-openssl-'));
    pki = await makeTestPki(dir);
    signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    file('unsigned.xlsx', unsigned);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('openssl verify accepts every signer certificate on the root, and rejects the expired one as expired', () => {
    for (const cert of ['signer.pem', 'sha1signer.pem', 'ecsigner.pem'])
      expect([cert, openssl('verify', '-CAfile', 'root.pem', cert)]).toEqual([
        cert,
        { status: 0, out: `${cert}: OK\n` },
      ]);
    const expired = openssl('verify', '-CAfile', 'root.pem', 'expired.pem');
    expect(expired.status).not.toBe(0);
    expect(expired.out).toMatch(/certificate has expired/);
    expect(openssl('verify', '-CAfile', 'other.pem', 'signer.pem').status).not.toBe(0);
  });

  test('names are UTF-8 as written (C as PrintableString); the root is a CA, the signers sign documents', () => {
    expect(
      openssl('x509', '-in', 'signer.pem', '-noout', '-subject', '-issuer', '-nameopt', 'utf8,sep_comma_plus').out,
    ).toBe(
      'subject=C=VN,ST=Thừa Thiên Huế,O=Sở Thông tin và Truyền thông,CN=Nguyễn Văn An\nissuer=C=VN,O=CDS DTI Thử nghiệm,CN=CDS DTI Test Root CA\n',
    );
    const types = openssl('asn1parse', '-in', 'signer.pem').out;
    expect(types).toMatch(/PRINTABLESTRING +:VN/);
    expect(types).toMatch(/UTF8STRING +:Nguyễn Văn An/);
    const root = openssl('x509', '-in', 'root.pem', '-noout', '-ext', 'basicConstraints,keyUsage').out;
    expect(root).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(root).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    const leaf = openssl('x509', '-in', 'sha1signer.pem', '-noout', '-text').out;
    expect(leaf).toMatch(/Signature Algorithm: sha1WithRSAEncryption/);
    expect(leaf).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(openssl('x509', '-in', 'expired.pem', '-noout', '-dates').out).toBe(
      'notBefore=Jan  1 00:00:00 2020 GMT\nnotAfter=Jan  1 00:00:00 2021 GMT\n',
    );
  });

  test('the private keys are PKCS#8 that OpenSSL reads, each matching its certificate', () => {
    for (const name of ['root', 'signer', 'sha1signer', 'ecsigner', 'expired']) {
      expect(readFileSync(path.join(dir, `${name}.key`), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const fromKey = openssl('pkey', '-in', `${name}.key`, '-pubout');
      expect(fromKey.status).toBe(0);
      expect([name, fromKey.out]).toEqual([name, openssl('x509', '-in', `${name}.pem`, '-noout', '-pubkey').out]);
    }
  });

  test('openssl cms -verify accepts the JavaScript .p7s (RSA and ECDSA) and rejects it for changed content', async () => {
    file('signer.p7s', await signCmsDetached(unsigned, signer));
    file(
      'ec.p7s',
      await signCmsDetached(unsigned, { privateKeyPem: pki.ecSignerKeyPem, certificatePem: pki.ecSignerPem }),
    );
    for (const p7s of ['signer.p7s', 'ec.p7s']) {
      const r = openssl(
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        p7s,
        '-content',
        'unsigned.xlsx',
        '-CAfile',
        'root.pem',
        '-out',
        os.devNull,
      );
      expect([p7s, r.status, r.out]).toEqual([p7s, 0, 'CMS Verification successful\n']);
    }
    file('changed.xlsx', Buffer.concat([unsigned, Buffer.from([0])]));
    expect(
      openssl(
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'signer.p7s',
        '-content',
        'changed.xlsx',
        '-CAfile',
        'root.pem',
        '-out',
        os.devNull,
      ).status,
    ).not.toBe(0);
  });

  test('the JavaScript .p7s is byte for byte what `openssl cms -sign -binary -nosmimecap` makes at the same signing time', async () => {
    expect(
      openssl(
        'cms',
        '-sign',
        '-binary',
        '-nosmimecap',
        '-outform',
        'DER',
        '-in',
        'unsigned.xlsx',
        '-signer',
        'signer.pem',
        '-inkey',
        'signer.key',
        '-out',
        'openssl.p7s',
      ).status,
    ).toBe(0);
    // The last UTCTime is signingTime (the first two are the certificate's validity).
    const time = [
      ...openssl('asn1parse', '-inform', 'DER', '-in', 'openssl.p7s').out.matchAll(
        /UTCTIME +:(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z/g,
      ),
    ].pop()!;
    const signedAt = new Date(`20${time[1]}-${time[2]}-${time[3]}T${time[4]}:${time[5]}:${time[6]}Z`);
    const ours = await signCmsDetached(unsigned, signer, undefined, signedAt);
    expect(Buffer.from(ours).toString('hex')).toBe(readFileSync(path.join(dir, 'openssl.p7s')).toString('hex'));
  });

  test('the verifier accepts a .p7s made by `openssl cms -sign` (default attributes, S/MIME capabilities included)', async () => {
    expect(
      openssl(
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-in',
        'unsigned.xlsx',
        '-signer',
        'signer.pem',
        '-inkey',
        'signer.key',
        '-out',
        'default.p7s',
      ).status,
    ).toBe(0);
    const p7s = new Uint8Array(readFileSync(path.join(dir, 'default.p7s')));
    const r = await verifyPackage(unsigned, { trustAnchors: [enc(pki.rootPem)], p7s });
    expect(r.status).toBe('valid');
    expect(r.signatures).toEqual([
      expect.objectContaining({ id: 'p7s#1', valid: true, trusted: true, algorithm: 'RSA-SHA256' }),
    ]);
    expect(r.signer).toMatch(/Nguyễn Văn An/);
    const other = await verifyPackage(unsigned, { trustAnchors: [enc(pki.otherRootPem)], p7s });
    expect(other.status).toBe('valid-untrusted');
  });
  test('openssl ts -verify accepts the JavaScript TSA token over its data, and rejects it for other data, another root, or a document-signing key', () => {
    const tsa = { privateKeyPem: pki.tsaKeyPem, certificatePem: pki.tsaPem };
    const genTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    file('stamped.bin', 'the SignatureValue element, canonicalized');
    file('token.der', timestampToken(enc('the SignatureValue element, canonicalized'), tsa, genTime));
    file('other.bin', 'another SignatureValue');
    file('signer-token.der', timestampToken(enc('the SignatureValue element, canonicalized'), signer, genTime));
    const tsVerify = (data: string, token: string, ca = 'root.pem') =>
      openssl('ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', ca);
    expect(tsVerify('stamped.bin', 'token.der')).toMatchObject({
      status: 0,
      out: expect.stringContaining('Verification: OK'),
    });
    expect(tsVerify('other.bin', 'token.der').out).toMatch(/message imprint mismatch/);
    expect(tsVerify('stamped.bin', 'token.der', 'other.pem').status).not.toBe(0);
    expect(tsVerify('stamped.bin', 'signer-token.der').status).not.toBe(0);
    const info = openssl('ts', '-reply', '-in', 'token.der', '-token_in', '-text').out;
    expect(info).toMatch(/Hash Algorithm: sha256/);
    expect(new Date(/Time stamp: (.+ GMT)/.exec(info)![1]).toISOString()).toBe(genTime.toISOString());
  });

  test('the verifier accepts a SignatureTimeStamp whose token `openssl ts -reply` made, at the time OpenSSL wrote', async () => {
    const signed = await signXlsx(unsigned, signer);
    const sig = '_xmlsignatures/sig1.xml';
    const value = /<SignatureValue>([^<]+)</.exec(text(signed, sig))![1];
    // XAdES 1.3.2 §7.3 with the default inclusive C14N: the element with the namespace it inherits.
    file('sigvalue.xml', `<SignatureValue xmlns="http://www.w3.org/2000/09/xmldsig#">${value}</SignatureValue>`);
    file(
      'tsa.cnf',
      [
        '[ tsa ]',
        'default_tsa = test_tsa',
        '[ test_tsa ]',
        `serial = ${path.join(dir, 'tsaserial')}`,
        'signer_digest = sha256',
        'default_policy = 1.3.6.1.4.1.32473.1',
        'digests = sha256',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
    file('tsaserial', '01\n');
    expect(openssl('ts', '-query', '-data', 'sigvalue.xml', '-sha256', '-cert', '-out', 'req.tsq').status).toBe(0);
    const reply = openssl(
      'ts',
      '-reply',
      '-config',
      'tsa.cnf',
      '-queryfile',
      'req.tsq',
      '-signer',
      'tsa.pem',
      '-inkey',
      'tsa.key',
      '-token_out',
      '-out',
      'openssl-token.der',
    );
    expect(reply).toMatchObject({ status: 0 });
    const token = readFileSync(path.join(dir, 'openssl-token.der')).toString('base64');
    const stamp = `<xd:UnsignedProperties><xd:UnsignedSignatureProperties><xd:SignatureTimeStamp Id="idSignatureTimeStamp"><xd:EncapsulatedTimeStamp>${token}</xd:EncapsulatedTimeStamp></xd:SignatureTimeStamp></xd:UnsignedSignatureProperties></xd:UnsignedProperties>`;
    const stamped = rewriteEntry(signed, sig, (x) =>
      x.replace('</xd:QualifyingProperties>', `${stamp}</xd:QualifyingProperties>`),
    );
    const when = /Time stamp: (.+ GMT)/.exec(
      openssl('ts', '-reply', '-in', 'openssl-token.der', '-token_in', '-text').out,
    )![1];
    const r = await verifyPackage(stamped, { trustAnchors: [enc(pki.rootPem)] });
    expect(r.status).toBe('valid');
    expect(r.reasons).toContain(
      `Thời điểm ký được chứng thực bởi dấu thời gian của CN=Dịch vụ cấp dấu thời gian thử nghiệm, O=CDS DTI Thử nghiệm, C=VN lúc ${new Date(when).toISOString()}: chứng thư và chuỗi chứng thư được kiểm tra tại thời điểm đó (time attested by a timestamp)`,
    );
  });
});

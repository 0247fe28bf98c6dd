/**
 * The one place the signature tests still use the OpenSSL program: an independent implementation
 * checks the pure-JavaScript test PKI and CMS signer (test/support/sign-opc.ts), and the verifier
 * is given a .p7s that OpenSSL made. Without `openssl` on PATH the suite is skipped with one line;
 * under CI (CI set) a missing OpenSSL fails the run instead.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { verifyPackage } from '../../src/signature';
import { makeTestPki, signCmsDetached, type SigningKey, type TestPki } from '../support/sign-opc';
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
});

/**
 * TEST-ONLY signer: signs an .xlsx package the way Excel does (ECMA-376 Part 2 + XAdES), so tests
 * can make valid signed workbooks and tampered variants with keys from a throw-away test CA. Pure
 * JavaScript (WebCrypto keys, @peculiar/x509 certificates, DER written here): nothing but `npm ci`
 * is needed. test/signature/openssl.test.ts checks its certificates, CMS and timestamp tokens against OpenSSL.
 *
 * It deliberately shares no code with src/signature: every signed XML fragment is written directly
 * in its canonical form (attributes in c14n order, explicit end tags, the namespaces inherited from
 * <Signature> added on the apex), and the RelationshipTransform output is built here by hand, so a
 * canonicalization bug in the verifier cannot be hidden by the same bug in the signer.
 *
 * Exported for reuse (e.g. a benchmark of 1,000 signed workbooks):
 *   await makeTestPki(dir, options?)          → PEM keys (PKCS#8) and certificates, also written into dir
 *   await issueTestSigner(pki, name, serial, notBefore, notAfter) → one more signer from the root
 *   await signXlsx(bytes, key, signedAt?, options?) → the signed package
 *   await signCmsDetached(bytes, key, dir?, signedAt?) → FILE.p7s bytes (as `openssl cms -sign -binary -outform DER`)
 *   timestampToken(data, tsa, genTime) → an RFC 3161 TimeStampToken over data (as `openssl ts -reply` makes it);
 *     signXlsx's `timestamp` option puts one over the SignatureValue into XAdES SignatureTimeStamp (XAdES-T)
 */
import 'reflect-metadata'; // @peculiar/x509 (through tsyringe) needs the Reflect metadata API, loaded before it
import { constants, createHash, createPrivateKey, sign as nodeSign, webcrypto, X509Certificate } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const MDSSI = 'http://schemas.openxmlformats.org/package/2006/digital-signature';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const REL_TRANSFORM = 'http://schemas.openxmlformats.org/package/2006/RelationshipTransform';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
const ORIGIN_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin';
const SIGNATURE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature';
const ORIGIN_TYPE = 'application/vnd.openxmlformats-package.digital-signature-origin';
const SIGNATURE_TYPE = 'application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml';

type Hash = 'sha1' | 'sha256' | 'sha512';
const DIGEST_URI: Record<Hash, string> = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
};
const RSA_URI: Record<Hash, string> = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
};
const ECDSA_URI: Record<Hash, string> = {
  sha1: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  sha512: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
};

export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
  chainPem?: string[];
}

/** Test hooks, all optional; the defaults sign exactly like Excel (RSA-SHA256 with XAdES). */
export interface SignOptions {
  hash?: Hash;
  /** The certificate XAdES SigningCertificate names (default: the signing certificate). */
  signingCertificatePem?: string;
  /** Extra SignedInfo references, signed like the others (the digest is whatever is given). */
  extraSignedInfoReferences?: { uri: string; type?: string; digestValue?: string }[];
  /** An extra Transform (placed first) on the reference of one part. */
  extraTransform?: { part: string; algorithm: string };
  /** SignatureComments text in SignatureInfoV1. */
  comments?: string;
  /** RSASSA-PSS (RFC 6931 sha256-rsa-MGF1, salt = hash length) instead of PKCS#1 v1.5. */
  pss?: boolean;
  /** XAdES 1.4.1 SigningCertificateV2 with IssuerSerialV2 (RFC 5035 DER), as some signing tools write. */
  xadesV2?: boolean;
  /** Adds an XAdES SignatureTimeStamp (XAdES-T) made by this TSA key at genTime. */
  timestamp?: {
    tsa: SigningKey;
    genTime: Date;
    /** The SignatureValue text the token's imprint covers (default: this signature's; another one makes a mismatch). */
    signatureValue?: string;
  };
}

const PSS_URI: Record<Hash, string> = {
  sha1: 'http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1',
  sha256: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  sha512: 'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1',
};
const HASH_BYTES: Record<Hash, number> = { sha1: 20, sha256: 32, sha512: 64 };

// ---------------------------------------------------------------------------------------------
// Test PKI (pure JavaScript: WebCrypto keys, @peculiar/x509 certificates)

export interface TestPki {
  rootPem: string;
  rootKeyPem: string;
  signerPem: string;
  signerKeyPem: string;
  expiredPem: string;
  expiredKeyPem: string;
  otherRootPem: string;
  /** A signer certificate the root signed with sha1WithRSAEncryption. */
  sha1SignerPem: string;
  sha1SignerKeyPem: string;
  /** An ECDSA P-256 signer certificate from the same root. */
  ecSignerPem: string;
  ecSignerKeyPem: string;
  /** A timestamp authority from the root (critical extendedKeyUsage timeStamping, RFC 3161 §2.3). */
  tsaPem: string;
  tsaKeyPem: string;
  /** The same kind of TSA, issued by the other root. */
  otherTsaPem: string;
  otherTsaKeyPem: string;
  dir: string;
}

/** A distinguished name, most general first, e.g. [['C', 'VN'], ['O', 'Sở …'], ['CN', 'Nguyễn Văn An']]. */
export type TestName = [attribute: string, value: string][];

export interface TestPkiOptions {
  /** The root CA's name (default C=VN, O=CDS DTI Thử nghiệm, CN=CDS DTI Test Root CA). */
  rootName?: TestName;
  /** The RSA signer's name (default C=VN, ST=Thừa Thiên Huế, O=Sở Thông tin và Truyền thông, CN=Nguyễn Văn An). */
  signerName?: TestName;
  /** Validity of the roots and signers (default: from now, 3,650 days for roots and 825 for signers). The expired signer keeps 2020–2021. */
  notBefore?: Date;
  notAfter?: Date;
}

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

const RSA_KEY: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const EC_KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const DAY = 86_400_000;

interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const generateKeys = (algorithm: RsaHashedKeyGenParams | EcKeyGenParams) =>
  subtle.generateKey(algorithm, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/** C as PrintableString, every other attribute as UTF8String (what `openssl req -utf8` writes). */
const x509Name = (name: TestName) =>
  new x509.Name(
    name.map(([type, value]) => ({ [type]: [type === 'C' ? { printableString: value } : { utf8String: value }] })),
  );

/** A positive serial of 8 random bytes (as hex), like the random serials OpenSSL gives roots. */
const randomSerial = () =>
  `${(0x10 + Math.floor(Math.random() * 0x70)).toString(16)}${Buffer.from(webcrypto.getRandomValues(new Uint8Array(7))).toString('hex')}`;

async function makeRoot(name: TestName, notBefore: Date, notAfter: Date): Promise<Issued> {
  const keys = await generateKeys(RSA_KEY);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: x509Name(name),
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/**
 * A document-signing certificate from ca (keyUsage digitalSignature + nonRepudiation, as the signing
 * CAs issue them), or a timestamp authority's (digitalSignature, critical extendedKeyUsage timeStamping).
 */
async function issue(
  ca: { cert: x509.X509Certificate; privateKey: CryptoKey },
  name: TestName,
  algorithm: RsaHashedKeyGenParams | EcKeyGenParams,
  serialNumber: string,
  notBefore: Date,
  notAfter: Date,
  hash: 'SHA-256' | 'SHA-1' = 'SHA-256',
  purpose: 'documents' | 'timestamps' = 'documents',
): Promise<Issued> {
  const keys = await generateKeys(algorithm);
  // WebCrypto binds an RSA key to one hash: a SHA-1 certificate signature needs the CA key imported for SHA-1.
  const signingKey =
    hash === 'SHA-256'
      ? ca.privateKey
      : await subtle.importKey(
          'pkcs8',
          await subtle.exportKey('pkcs8', ca.privateKey),
          { name: 'RSASSA-PKCS1-v1_5', hash },
          false,
          ['sign'],
        );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: x509Name(name),
    issuer: ca.cert.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...(purpose === 'documents'
        ? [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)]
        : [
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([TIME_STAMPING], true),
          ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.AuthorityKeyIdentifierExtension(ca.cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId),
    ],
  });
  return { cert, keys };
}

/** PKCS#8 PEM ("PRIVATE KEY"), which Node's createPrivateKey and OpenSSL read. */
const privateKeyPem = async (key: CryptoKey) =>
  `${x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY')}\n`;
const certificatePem = (cert: x509.X509Certificate) => `${cert.toString('pem')}\n`;

export const DEFAULT_ROOT_NAME: TestName = [
  ['C', 'VN'],
  ['O', 'CDS DTI Thử nghiệm'],
  ['CN', 'CDS DTI Test Root CA'],
];
export const DEFAULT_SIGNER_NAME: TestName = [
  ['C', 'VN'],
  ['ST', 'Thừa Thiên Huế'],
  ['O', 'Sở Thông tin và Truyền thông'],
  ['CN', 'Nguyễn Văn An'],
];

/**
 * A throw-away PKI: root CA, another root, RSA signer (SHA-256), a signer the root certified with
 * SHA-1, an ECDSA P-256 signer, a signer whose certificate expired (2020-01-01 → 2021-01-01), and
 * two timestamp authorities (tsa from the root, otherTsa from the other root) valid as long as the roots.
 * The PEM files are also written into dir (root.pem, root.key, signer.pem, …) for `dti --trust`.
 */
export async function makeTestPki(dir: string, options: TestPkiOptions = {}): Promise<TestPki> {
  mkdirSync(dir, { recursive: true });
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notBefore = options.notBefore ?? now;
  const rootUntil = options.notAfter ?? new Date(notBefore.getTime() + 3650 * DAY);
  const signerUntil = options.notAfter ?? new Date(notBefore.getTime() + 825 * DAY);
  const [root, other] = await Promise.all([
    makeRoot(options.rootName ?? DEFAULT_ROOT_NAME, notBefore, rootUntil),
    makeRoot(
      [
        ['C', 'VN'],
        ['O', 'Another Test CA'],
        ['CN', 'Another Test Root CA'],
      ],
      notBefore,
      rootUntil,
    ),
  ]);
  const sts = 'Sở Thông tin và Truyền thông';
  const ca = { cert: root.cert, privateKey: root.keys.privateKey };
  const tsaName = (cn: string): TestName => [
    ['C', 'VN'],
    ['O', 'CDS DTI Thử nghiệm'],
    ['CN', cn],
  ];
  const [signer, sha1signer, ecsigner, expired, tsa, otherTsa] = await Promise.all([
    issue(ca, options.signerName ?? DEFAULT_SIGNER_NAME, RSA_KEY, '1001', notBefore, signerUntil),
    issue(
      ca,
      [
        ['C', 'VN'],
        ['O', sts],
        ['CN', 'Trần Thị Bình (SHA-1)'],
      ],
      RSA_KEY,
      '1002',
      notBefore,
      signerUntil,
      'SHA-1',
    ),
    issue(
      ca,
      [
        ['C', 'VN'],
        ['O', sts],
        ['CN', 'Lê Văn Cường (ECDSA)'],
      ],
      EC_KEY,
      '1003',
      notBefore,
      signerUntil,
    ),
    issue(
      ca,
      [
        ['C', 'VN'],
        ['O', sts],
        ['CN', 'Phạm Văn Dũng (hết hạn)'],
      ],
      RSA_KEY,
      '2001',
      new Date('2020-01-01T00:00:00Z'),
      new Date('2021-01-01T00:00:00Z'),
    ),
    issue(
      ca,
      tsaName('Dịch vụ cấp dấu thời gian thử nghiệm'),
      RSA_KEY,
      '3001',
      notBefore,
      rootUntil,
      'SHA-256',
      'timestamps',
    ),
    issue(
      { cert: other.cert, privateKey: other.keys.privateKey },
      tsaName('Dấu thời gian của CA khác'),
      RSA_KEY,
      '3002',
      notBefore,
      rootUntil,
      'SHA-256',
      'timestamps',
    ),
  ]);
  const files: Record<string, Issued> = { root, other, signer, sha1signer, ecsigner, expired, tsa, otherTsa };
  const pem: Record<string, { cert: string; key: string }> = {};
  for (const [name, { cert, keys }] of Object.entries(files)) {
    pem[name] = { cert: certificatePem(cert), key: await privateKeyPem(keys.privateKey) };
    writeFileSync(path.join(dir, `${name}.pem`), pem[name].cert);
    writeFileSync(path.join(dir, `${name}.key`), pem[name].key, { mode: 0o600 });
  }
  return {
    rootPem: pem.root.cert,
    rootKeyPem: pem.root.key,
    signerPem: pem.signer.cert,
    signerKeyPem: pem.signer.key,
    expiredPem: pem.expired.cert,
    expiredKeyPem: pem.expired.key,
    otherRootPem: pem.other.cert,
    sha1SignerPem: pem.sha1signer.cert,
    sha1SignerKeyPem: pem.sha1signer.key,
    ecSignerPem: pem.ecsigner.cert,
    ecSignerKeyPem: pem.ecsigner.key,
    tsaPem: pem.tsa.cert,
    tsaKeyPem: pem.tsa.key,
    otherTsaPem: pem.otherTsa.cert,
    otherTsaKeyPem: pem.otherTsa.key,
    dir,
  };
}

/** One more RSA document signer from the PKI's root (e.g. one per unit), valid from notBefore to notAfter. */
export async function issueTestSigner(
  pki: TestPki,
  name: TestName,
  serialNumber: string,
  notBefore: Date,
  notAfter: Date,
): Promise<SigningKey> {
  const privateKey = await subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pki.rootKeyPem),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true,
    ['sign'],
  );
  const { cert, keys } = await issue(
    { cert: new x509.X509Certificate(pki.rootPem), privateKey },
    name,
    RSA_KEY,
    serialNumber,
    notBefore,
    notAfter,
  );
  return { privateKeyPem: await privateKeyPem(keys.privateKey), certificatePem: certificatePem(cert) };
}

// ---------------------------------------------------------------------------------------------
// Detached CMS (RFC 5652 SignedData), DER, as `openssl cms -sign -binary -outform DER` makes it

const CMS_OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

/** Primitive values are encoded by asn1js; structures are assembled from their DER with derTlv. */
const der = (node: { toBER(sizeOnly?: boolean): ArrayBuffer }) => Buffer.from(node.toBER(false));
const oid = (value: string) => der(new asn1js.ObjectIdentifier({ value }));
const sequence = (...items: Buffer[]) => derTlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => derTlv(0x31, Buffer.concat(items));
const algorithm = (value: string, nullParams = false) =>
  sequence(oid(value), ...(nullParams ? [der(new asn1js.Null())] : []));
const attribute = (type: string, value: Buffer) => sequence(oid(type), set(value));
/** UTCTime through 2049, GeneralizedTime after (RFC 5652 §11.3). */
const cmsTime = (d: Date) =>
  der(d.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: d }) : new asn1js.GeneralizedTime({ valueDate: d }));

/**
 * A detached CMS signature over the exact bytes, shaped as `openssl cms -sign -binary -outform DER`
 * makes it: SHA-256, signed attributes contentType, signingTime and messageDigest, the signer's
 * certificate included, the signer named by issuer and serial number. dir is no longer used (the
 * OpenSSL version wrote its temporary files there); it is kept so callers need not change.
 */
export async function signCmsDetached(
  bytes: Uint8Array,
  key: SigningKey,
  dir?: string,
  signedAt: Date = new Date(),
): Promise<Uint8Array> {
  void dir;
  const certDer = new X509Certificate(key.certificatePem).raw;

  // DER sorts a SET OF by the encodings; the signature covers the attributes as a SET (tag 0x31),
  // the SignerInfo carries them as [0] IMPLICIT (RFC 5652 §5.4).
  const attributes = Buffer.concat(
    [
      attribute(CMS_OID.contentType, oid(CMS_OID.data)),
      attribute(CMS_OID.signingTime, cmsTime(new Date(Math.floor(signedAt.getTime() / 1000) * 1000))),
      attribute(CMS_OID.messageDigest, der(new asn1js.OctetString({ valueHex: hashOf('sha256', bytes) }))),
    ].sort(Buffer.compare),
  );
  const privateKey = createPrivateKey(key.privateKeyPem);
  const ec = privateKey.asymmetricKeyType === 'ec';
  const signature = nodeSign('sha256', derTlv(0x31, attributes), privateKey);

  const signerInfo = sequence(
    der(new asn1js.Integer({ value: 1 })),
    issuerAndSerialNumber(certDer),
    algorithm(CMS_OID.sha256),
    derTlv(0xa0, attributes),
    ec ? algorithm(CMS_OID.ecdsaWithSha256) : algorithm(CMS_OID.rsaEncryption, true),
    der(new asn1js.OctetString({ valueHex: signature })),
  );
  const signedData = sequence(
    der(new asn1js.Integer({ value: 1 })),
    set(algorithm(CMS_OID.sha256)),
    sequence(oid(CMS_OID.data)), // detached: no eContent
    derTlv(0xa0, certDer), // certificates [0] IMPLICIT SET OF Certificate
    set(signerInfo),
  );
  return new Uint8Array(sequence(oid(CMS_OID.signedData), derTlv(0xa0, signedData)));
}

/** The certificate's issuer Name and serial INTEGER, as they are encoded in it. */
function issuerAndSerialNumber(certDer: Buffer): Buffer {
  const [certificate] = derChildren(certDer, 0, certDer.length);
  const [tbs] = derChildren(certDer, certificate.content, certificate.end);
  const fields = derChildren(certDer, tbs.content, tbs.end);
  const [serial, , issuer] = fields[0].tag === 0xa0 ? fields.slice(1) : fields;
  return sequence(certDer.subarray(issuer.start, issuer.end), certDer.subarray(serial.start, serial.end));
}

// ---------------------------------------------------------------------------------------------
// RFC 3161 timestamp tokens, as `openssl ts -reply` makes them

const TSP_OID = {
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** A policy arc under the private-enterprise example, for tests only. */
  policy: '1.3.6.1.4.1.32473.1',
};

/** GeneralizedTime without fractions, as DER wants it (YYYYMMDDHHMMSSZ). */
const generalizedTime = (d: Date) =>
  derTlv(
    0x18,
    Buffer.from(
      d
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:T]/g, ''),
      'latin1',
    ),
  );

/**
 * A TimeStampToken (RFC 3161 §2.4.2): CMS SignedData with a TSTInfo as eContent (messageImprint =
 * SHA-256 of data, genTime, a random serial), signed by the TSA with the signed attributes
 * contentType, messageDigest and signingCertificateV2 (ESSCertIDv2, SHA-256 of the TSA certificate).
 */
export function timestampToken(data: Uint8Array | string, tsa: SigningKey, genTime: Date): Uint8Array {
  const certDer = new X509Certificate(tsa.certificatePem).raw;
  const tstInfo = sequence(
    der(new asn1js.Integer({ value: 1 })),
    oid(TSP_OID.policy),
    sequence(algorithm(CMS_OID.sha256), der(new asn1js.OctetString({ valueHex: hashOf('sha256', data) }))),
    derTlv(0x02, Buffer.from([0x01, ...webcrypto.getRandomValues(new Uint8Array(8))])), // serialNumber
    generalizedTime(genTime),
  );
  const essCertIdV2 = sequence(der(new asn1js.OctetString({ valueHex: hashOf('sha256', certDer) }))); // hashAlgorithm: default SHA-256
  const attributes = Buffer.concat(
    [
      attribute(CMS_OID.contentType, oid(TSP_OID.tstInfo)),
      attribute(CMS_OID.messageDigest, der(new asn1js.OctetString({ valueHex: hashOf('sha256', tstInfo) }))),
      attribute(TSP_OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
    ].sort(Buffer.compare),
  );
  const signature = nodeSign('sha256', derTlv(0x31, attributes), createPrivateKey(tsa.privateKeyPem));
  const signerInfo = sequence(
    der(new asn1js.Integer({ value: 1 })),
    issuerAndSerialNumber(certDer),
    algorithm(CMS_OID.sha256),
    derTlv(0xa0, attributes),
    algorithm(CMS_OID.rsaEncryption, true),
    der(new asn1js.OctetString({ valueHex: signature })),
  );
  const signedData = sequence(
    der(new asn1js.Integer({ value: 3 })), // version 3: the eContentType is not id-data (RFC 5652 §5.1)
    set(algorithm(CMS_OID.sha256)),
    sequence(oid(TSP_OID.tstInfo), derTlv(0xa0, der(new asn1js.OctetString({ valueHex: tstInfo })))),
    derTlv(0xa0, certDer),
    set(signerInfo),
  );
  return new Uint8Array(sequence(oid(CMS_OID.signedData), derTlv(0xa0, signedData)));
}

/**
 * The unsigned XAdES properties holding a SignatureTimeStamp over the SignatureValue element. No
 * CanonicalizationMethod, so the default applies (inclusive C14N 1.0): the element inherits only the
 * default dsig namespace from <Signature>.
 */
function unsignedTimestamp(signatureValue: string, options: NonNullable<SignOptions['timestamp']>): string {
  const canonical = asApex(el('SignatureValue', [], signatureValue), `xmlns="${DSIG}"`);
  const token = timestampToken(canonical, options.tsa, options.genTime);
  return el(
    'xd:UnsignedProperties',
    [],
    el(
      'xd:UnsignedSignatureProperties',
      [],
      el('xd:SignatureTimeStamp', [['Id', 'idSignatureTimeStamp']], el('xd:EncapsulatedTimeStamp', [], b64(token))),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Canonical-form XML writing

const escText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');

/** An element in canonical form: attributes must already be in c14n order (namespaces first). */
function el(name: string, attrs: [string, string][], content = ''): string {
  return `<${name}${attrs.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('')}>${content}</${name}>`;
}

/** The canonical form of an element whose start tag is `<name ...`, adding the namespace declarations it inherits. */
function asApex(xml: string, inherited: string): string {
  return xml.replace(/^<([^\s>]+)/, `<$1 ${inherited}`);
}

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');
const hashOf = (hash: Hash, data: Uint8Array | string) => createHash(hash).update(data).digest();
const pemBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// Package

interface Pkg {
  files: Record<string, Uint8Array>;
  /** Read once the signature's own entries are added (content types do not change while signing). */
  types?: { defaults: Map<string, string>; overrides: Map<string, string> };
}

const xmlParser = () => new DOMParser();

function contentTypes(pkg: Pkg): { defaults: Map<string, string>; overrides: Map<string, string> } {
  const doc = xmlParser().parseFromString(strFromU8(pkg.files['[Content_Types].xml']), 'application/xml');
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const e of Array.from(doc.getElementsByTagName('Default')))
    defaults.set(e.getAttribute('Extension')!.toLowerCase(), e.getAttribute('ContentType')!);
  for (const e of Array.from(doc.getElementsByTagName('Override')))
    overrides.set(e.getAttribute('PartName')!.toLowerCase(), e.getAttribute('ContentType')!);
  return { defaults, overrides };
}

function contentTypeOf(pkg: Pkg, part: string): string {
  const ct = (pkg.types ??= contentTypes(pkg));
  return (
    ct.overrides.get(`/${part}`.toLowerCase()) ??
    ct.defaults.get(part.split('.').pop()!.toLowerCase()) ??
    'application/octet-stream'
  );
}

/** Adds what a signature needs before signing: the origin relationship, origin part, content types. */
function addSignatureInfrastructure(pkg: Pkg): string {
  const existing = Object.keys(pkg.files).filter((n) => /^_xmlsignatures\/sig\d+\.xml$/.test(n)).length;
  const sigName = `_xmlsignatures/sig${existing + 1}.xml`;
  let ct = strFromU8(pkg.files['[Content_Types].xml']);
  if (!/Extension="sigs"/i.test(ct))
    ct = ct.replace('</Types>', `<Default Extension="sigs" ContentType="${ORIGIN_TYPE}"/></Types>`);
  ct = ct.replace('</Types>', `<Override PartName="/${sigName}" ContentType="${SIGNATURE_TYPE}"/></Types>`);
  pkg.files['[Content_Types].xml'] = strToU8(ct);
  let rels = strFromU8(pkg.files['_rels/.rels']);
  if (!rels.includes(ORIGIN_REL)) {
    const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="rId${Math.max(0, ...ids) + 1}" Type="${ORIGIN_REL}" Target="_xmlsignatures/origin.sigs"/></Relationships>`,
    );
    pkg.files['_rels/.rels'] = strToU8(rels);
  }
  pkg.files['_xmlsignatures/origin.sigs'] ??= new Uint8Array(0);
  const originRels = pkg.files['_xmlsignatures/_rels/origin.sigs.rels']
    ? strFromU8(pkg.files['_xmlsignatures/_rels/origin.sigs.rels'])
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;
  pkg.files['_xmlsignatures/_rels/origin.sigs.rels'] = strToU8(
    originRels.replace(
      '</Relationships>',
      `<Relationship Id="rId${existing + 1}" Type="${SIGNATURE_REL}" Target="sig${existing + 1}.xml"/></Relationships>`,
    ),
  );
  return sigName;
}

/** Parts Excel signs: everything but docProps and the signature parts; [Content_Types].xml via ContentType. */
function partsToSign(pkg: Pkg): string[] {
  return Object.keys(pkg.files)
    .filter(
      (n) =>
        !n.endsWith('/') && n !== '[Content_Types].xml' && !/^docProps\//i.test(n) && !/^_xmlsignatures\//i.test(n),
    )
    .sort();
}

interface Rel {
  attrs: [string, string][];
  id: string;
  type: string;
  target: string;
}

function readRels(bytes: Uint8Array): Rel[] {
  const doc = xmlParser().parseFromString(strFromU8(bytes), 'application/xml');
  return Array.from(doc.getElementsByTagName('Relationship')).map((e) => {
    const attrs = Array.from({ length: e.attributes.length }, (_, i) => e.attributes.item(i)!)
      .filter((a) => !a.name.startsWith('xmlns'))
      .map((a) => [a.name, a.value] as [string, string]);
    return { attrs, id: e.getAttribute('Id')!, type: e.getAttribute('Type')!, target: e.getAttribute('Target')! };
  });
}

/** Excel leaves the docProps relationships and the signature origin out of the signed relationships. */
const signedRelationship = (r: Rel) =>
  r.type !== ORIGIN_REL &&
  !/^\/?docProps\//i.test(r.target) &&
  !/metadata\/(core-properties|thumbnail)|extended-properties|custom-properties/.test(r.type);

/** The RelationshipTransform + C14N output, written out by hand for the selected relationships. */
function transformedRels(rels: Rel[], ids: string[]): string {
  const kept = rels.filter((r) => ids.includes(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const body = kept
    .map((r) => {
      const attrs = r.attrs.some(([k]) => k === 'TargetMode')
        ? r.attrs
        : [...r.attrs, ['TargetMode', 'Internal'] as [string, string]];
      return el(
        'Relationship',
        [...attrs].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    })
    .join('');
  return el('Relationships', [['xmlns', RELS_NS]], body);
}

function manifestReference(pkg: Pkg, part: string, hash: Hash, options: SignOptions): string | null {
  const type = contentTypeOf(pkg, part);
  const uri = `/${part}?ContentType=${type}`;
  const extra =
    options.extraTransform?.part === part ? el('Transform', [['Algorithm', options.extraTransform.algorithm]]) : '';
  const digestParts = (data: string | Uint8Array, transforms: string) =>
    el(
      'Reference',
      [['URI', uri]],
      transforms +
        el('DigestMethod', [['Algorithm', DIGEST_URI[hash]]]) +
        el('DigestValue', [], b64(hashOf(hash, data))),
    );
  if (type !== RELS_TYPE) return digestParts(pkg.files[part], extra ? el('Transforms', [], extra) : '');
  const rels = readRels(pkg.files[part]);
  const ids = rels.filter(signedRelationship).map((r) => r.id);
  if (!ids.length) return null;
  const selectors = ids.map((id) => el('mdssi:RelationshipReference', [['SourceId', id]])).join('');
  const transforms =
    extra + el('Transform', [['Algorithm', REL_TRANSFORM]], selectors) + el('Transform', [['Algorithm', C14N]]);
  return digestParts(transformedRels(rels, ids), el('Transforms', [], transforms));
}

function packageObject(pkg: Pkg, hash: Hash, signedAt: Date, options: SignOptions): string {
  const refs = partsToSign(pkg)
    .map((p) => manifestReference(pkg, p, hash, options))
    .filter(Boolean)
    .join('');
  const time = el(
    'mdssi:SignatureTime',
    [],
    el('mdssi:Format', [], 'YYYY-MM-DDThh:mm:ssTZD') + el('mdssi:Value', [], isoSeconds(signedAt)),
  );
  const properties = el(
    'SignatureProperties',
    [],
    el(
      'SignatureProperty',
      [
        ['Id', 'idSignatureTime'],
        ['Target', '#idPackageSignature'],
      ],
      time,
    ),
  );
  return el(
    'Object',
    [
      ['xmlns:mdssi', MDSSI],
      ['Id', 'idPackageObject'],
    ],
    el('Manifest', [], refs) + properties,
  );
}

function officeObject(hash: Hash, comments: string): string {
  const fields: [string, string][] = [
    ['SetupID', ''],
    ['SignatureText', ''],
    ['SignatureImage', ''],
    ['SignatureComments', comments],
    ['WindowsVersion', '10.0'],
    ['OfficeVersion', '16.0'],
    ['ApplicationVersion', '16.0'],
    ['Monitors', '1'],
    ['HorizontalResolution', '1920'],
    ['VerticalResolution', '1080'],
    ['ColorDepth', '32'],
    ['SignatureProviderId', '{00000000-0000-0000-0000-000000000000}'],
    ['SignatureProviderUrl', ''],
    ['SignatureProviderDetails', '9'],
    ['ManifestHashAlgorithm', DIGEST_URI[hash]],
    ['SignatureType', '1'],
  ];
  const info = el(
    'SignatureInfoV1',
    [['xmlns', 'http://schemas.microsoft.com/office/2006/digsig']],
    fields.map(([k, v]) => el(k, [], escText(v))).join(''),
  );
  return el(
    'Object',
    [['Id', 'idOfficeObject']],
    el(
      'SignatureProperties',
      [],
      el(
        'SignatureProperty',
        [
          ['Id', 'idOfficeV1Details'],
          ['Target', '#idPackageSignature'],
        ],
        info,
      ),
    ),
  );
}

// Minimal DER, for IssuerSerialV2: read the certificate's issuer and serial, write the structure.
function derChildren(
  der: Buffer,
  start: number,
  end: number,
): { tag: number; start: number; end: number; content: number }[] {
  const out = [];
  for (let at = start; at < end;) {
    let length = der[at + 1];
    let content = at + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + der[at + 2 + i];
      content += n;
    }
    out.push({ tag: der[at], start: at, end: content + length, content });
    at = content + length;
  }
  return out;
}

function derTlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}

/** base64 DER of IssuerSerial (RFC 5035): SEQUENCE { GeneralNames { [4] issuer Name }, serial INTEGER }. */
function issuerSerialV2(cert: X509Certificate): string {
  const der = cert.raw;
  const [certificate] = derChildren(der, 0, der.length);
  const [tbs] = derChildren(der, certificate.content, certificate.end);
  const fields = derChildren(der, tbs.content, tbs.end);
  const [serial, , issuer] = fields[0].tag === 0xa0 ? fields.slice(1) : fields;
  const generalNames = derTlv(0x30, derTlv(0xa4, der.subarray(issuer.start, issuer.end)));
  return derTlv(0x30, Buffer.concat([generalNames, der.subarray(serial.start, serial.end)])).toString('base64');
}

function signedProperties(hash: Hash, signedAt: Date, certificatePem: string, v2 = false): string {
  const cert = new X509Certificate(certificatePem);
  const issuer = cert.issuer.split('\n').reverse().join(', ');
  const serial = BigInt(`0x${cert.serialNumber}`).toString(10);
  const certDigest = el(
    'xd:CertDigest',
    [],
    el('DigestMethod', [['Algorithm', DIGEST_URI[hash]]]) + el('DigestValue', [], b64(hashOf(hash, cert.raw))),
  );
  const certRef = v2
    ? el('xd:Cert', [], certDigest + el('xd:IssuerSerialV2', [], issuerSerialV2(cert)))
    : el(
        'xd:Cert',
        [],
        certDigest +
          el('xd:IssuerSerial', [], el('X509IssuerName', [], escText(issuer)) + el('X509SerialNumber', [], serial)),
      );
  const props =
    el('xd:SigningTime', [], isoSeconds(signedAt)) +
    el(v2 ? 'xd:SigningCertificateV2' : 'xd:SigningCertificate', [], certRef) +
    el('xd:SignaturePolicyIdentifier', [], el('xd:SignaturePolicyImplied', []));
  return el('xd:SignedProperties', [['Id', 'idSignedProperties']], el('xd:SignedSignatureProperties', [], props));
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function signedInfoReference(
  uri: string,
  type: string,
  hash: Hash,
  digestValue: string,
  c14nTransform = false,
): string {
  const transforms = c14nTransform ? el('Transforms', [], el('Transform', [['Algorithm', C14N]])) : '';
  return el(
    'Reference',
    [
      ['Type', type],
      ['URI', uri],
    ],
    transforms + el('DigestMethod', [['Algorithm', DIGEST_URI[hash]]]) + el('DigestValue', [], digestValue),
  );
}

/**
 * Signs an .xlsx (or any OPC package) like Excel: origin.sigs + sigN.xml with the idPackageObject
 * Manifest (every part except docProps and the signature parts; RelationshipTransform for .rels),
 * the idOfficeObject SignatureInfoV1, XAdES SignedProperties (SigningTime, SigningCertificate) and
 * RSA-SHA256 (ECDSA-SHA256 for an EC key). Signing an already signed package adds a signature.
 */
export async function signXlsx(
  bytes: Uint8Array,
  key: SigningKey,
  signedAt: Date = new Date(),
  options: SignOptions = {},
): Promise<Uint8Array> {
  const hash = options.hash ?? 'sha256';
  const pkg: Pkg = { files: unzipSync(bytes) };
  const sigName = addSignatureInfrastructure(pkg);
  const dsigNs = `xmlns="${DSIG}"`;

  const pkgObject = packageObject(pkg, hash, signedAt, options);
  const offObject = officeObject(hash, options.comments ?? 'Ký duyệt bản tự đánh giá DTI');
  const props = signedProperties(hash, signedAt, options.signingCertificatePem ?? key.certificatePem, options.xadesV2);
  const xadesObject = (unsigned: string) =>
    el(
      'Object',
      [],
      el(
        'xd:QualifyingProperties',
        [
          ['xmlns:xd', XADES],
          ['Target', '#idPackageSignature'],
        ],
        props + unsigned,
      ),
    );

  // Canonical forms of the referenced elements: each inherits the dsig default namespace, and
  // SignedProperties also the xd prefix declared on QualifyingProperties.
  const digestOf = (canonical: string) => b64(hashOf(hash, canonical));
  const references = [
    signedInfoReference('#idPackageObject', `${DSIG}Object`, hash, digestOf(asApex(pkgObject, dsigNs))),
    signedInfoReference('#idOfficeObject', `${DSIG}Object`, hash, digestOf(asApex(offObject, dsigNs))),
    signedInfoReference(
      '#idSignedProperties',
      'http://uri.etsi.org/01903#SignedProperties',
      hash,
      digestOf(asApex(props, `${dsigNs} xmlns:xd="${XADES}"`)),
      true,
    ),
    ...(options.extraSignedInfoReferences ?? []).map((r) =>
      signedInfoReference(r.uri, r.type ?? `${DSIG}Object`, hash, r.digestValue ?? b64(hashOf(hash, 'nothing'))),
    ),
  ].join('');

  const privateKey = createPrivateKey(key.privateKeyPem);
  const ec = privateKey.asymmetricKeyType === 'ec';
  const method = (ec ? ECDSA_URI : options.pss ? PSS_URI : RSA_URI)[hash];
  const signedInfo = el(
    'SignedInfo',
    [],
    el('CanonicalizationMethod', [['Algorithm', C14N]]) + el('SignatureMethod', [['Algorithm', method]]) + references,
  );
  const signingKey = ec
    ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const }
    : options.pss
      ? { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] }
      : privateKey;
  const signature = nodeSign(hash, Buffer.from(asApex(signedInfo, dsigNs), 'utf8'), signingKey);

  const certs = [key.certificatePem, ...(key.chainPem ?? [])]
    .map((p) => el('X509Certificate', [], pemBody(p)))
    .join('');
  const keyInfo = el('KeyInfo', [], el('X509Data', [], certs));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${el(
    'Signature',
    [
      ['xmlns', DSIG],
      ['Id', 'idPackageSignature'],
    ],
    signedInfo +
      el('SignatureValue', [], b64(signature)) +
      keyInfo +
      pkgObject +
      offObject +
      xadesObject(
        options.timestamp
          ? unsignedTimestamp(options.timestamp.signatureValue ?? b64(signature), options.timestamp)
          : '',
      ),
  )}`;
  pkg.files[sigName] = strToU8(xml);
  return zipSync(pkg.files, { level: 6 });
}

/**
 * The parts of an X.509 certificate (RFC 5280) the verifier needs: the signed TBS bytes, names as
 * DER (for chain matching) and as text (for people), validity, the public key as SPKI (for
 * WebCrypto import), and the CA / key-usage extensions.
 */
import {
  type Der,
  expect,
  isContext,
  isUniversal,
  parseDer,
  readBitString,
  readOid,
  readString,
  readTime,
  readUnsigned,
  TAG,
  unsignedToDecimal,
} from './asn1';
import { BoundedMemo, byteString } from '../platform';

export interface NameAttribute {
  oid: string;
  value: string;
}

export interface Certificate {
  der: Uint8Array;
  tbs: Uint8Array;
  serial: Uint8Array;
  serialDecimal: string;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  issuer: string;
  subject: string;
  issuerAttributes: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  /** basicConstraints cA; null when the extension is absent. */
  isCa: boolean | null;
  /** keyUsage bits (bit 0 = digitalSignature is the MSB of the first octet); null when absent. */
  keyUsage: Set<KeyUsage> | null;
  subjectKeyId: Uint8Array | null;
  /** extendedKeyUsage purposes (OIDs) and whether the extension is critical; null when absent. */
  extendedKeyUsage: { purposes: string[]; critical: boolean } | null;
}

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';
const KEY_USAGE_BITS: KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface AlgorithmIdentifier {
  oid: string;
  params: Der | undefined;
}

export type KeyAlgorithm =
  { kind: 'RSA' } | { kind: 'EC'; curve: 'P-256' | 'P-384' | 'P-521' } | { kind: 'unsupported'; oid: string };

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

const parsed = new BoundedMemo<string, Certificate | Error>(256);

/**
 * The certificate in der, parsed once per batch: the same object for the same bytes, frozen, so the
 * chain checks can remember what they verified about it (see chain.ts).
 */
export function parseCertificate(der: Uint8Array): Certificate {
  const result = parsed.get(byteString(der), () => {
    try {
      return Object.freeze(parseCertificateUncached(der));
    } catch (error) {
      return error as Error;
    }
  });
  if (result instanceof Error) throw result;
  return result;
}

function parseCertificateUncached(der: Uint8Array): Certificate {
  const root = parseDer(der);
  const [tbsNode, sigAlgNode, sigNode] = expect(root, TAG.SEQUENCE, 'Certificate').children;
  const tbs = expect(tbsNode, TAG.SEQUENCE, 'tbsCertificate');
  // version [0] is optional (v1 certificates omit it), so fields are located relative to it.
  const fields = isContext(tbs.children[0], 0) ? tbs.children.slice(1) : tbs.children;
  const [serialNode, , issuerNode, validityNode, subjectNode, spkiNode] = fields;
  const [notBefore, notAfter] = expect(validityNode, TAG.SEQUENCE, 'validity').children.map(readTime);
  const extensions = readExtensions(fields.find((f) => isContext(f, 3)));
  const serial = readUnsigned(serialNode);
  return {
    der,
    tbs: tbs.raw,
    serial,
    serialDecimal: unsignedToDecimal(serial),
    issuerDer: expect(issuerNode, TAG.SEQUENCE, 'issuer').raw,
    subjectDer: expect(subjectNode, TAG.SEQUENCE, 'subject').raw,
    issuer: formatName(readName(issuerNode)),
    subject: formatName(readName(subjectNode)),
    issuerAttributes: readName(issuerNode).flat(),
    notBefore,
    notAfter,
    spki: expect(spkiNode, TAG.SEQUENCE, 'subjectPublicKeyInfo').raw,
    keyAlgorithm: readKeyAlgorithm(spkiNode),
    signatureAlgorithm: readAlgorithmIdentifier(sigAlgNode),
    signature: readBitString(sigNode),
    isCa: extensions.isCa,
    keyUsage: extensions.keyUsage,
    subjectKeyId: extensions.subjectKeyId,
    extendedKeyUsage: extensions.extendedKeyUsage,
  };
}

export function readAlgorithmIdentifier(d: Der): AlgorithmIdentifier {
  const [oidNode, params] = expect(d, TAG.SEQUENCE, 'AlgorithmIdentifier').children;
  return { oid: readOid(oidNode), params };
}

function readKeyAlgorithm(spki: Der): KeyAlgorithm {
  const alg = readAlgorithmIdentifier(spki.children[0]);
  if (alg.oid === '1.2.840.113549.1.1.1') return { kind: 'RSA' };
  if (alg.oid === '1.2.840.10045.2.1' && alg.params && isUniversal(alg.params, TAG.OID)) {
    const curve = CURVES[readOid(alg.params)];
    if (curve) return { kind: 'EC', curve };
  }
  return { kind: 'unsupported', oid: alg.oid };
}

interface Extensions {
  isCa: boolean | null;
  keyUsage: Set<KeyUsage> | null;
  subjectKeyId: Uint8Array | null;
  extendedKeyUsage: Certificate['extendedKeyUsage'];
}

function readExtensions(wrapper: Der | undefined): Extensions {
  const result: Extensions = { isCa: null, keyUsage: null, subjectKeyId: null, extendedKeyUsage: null };
  const list = wrapper?.children[0];
  for (const ext of list?.children ?? []) {
    const oid = readOid(ext.children[0]);
    const value = parseDer(expect(ext.children[ext.children.length - 1], TAG.OCTET_STRING, 'extnValue').content);
    if (oid === '2.5.29.19')
      result.isCa = isUniversal(value.children[0], TAG.BOOLEAN) && value.children[0].content[0] !== 0;
    if (oid === '2.5.29.15') result.keyUsage = readKeyUsage(value);
    if (oid === '2.5.29.14') result.subjectKeyId = expect(value, TAG.OCTET_STRING, 'subjectKeyIdentifier').content;
    if (oid === '2.5.29.37') {
      const critical = isUniversal(ext.children[1], TAG.BOOLEAN) && ext.children[1].content[0] !== 0;
      result.extendedKeyUsage = {
        purposes: expect(value, TAG.SEQUENCE, 'extKeyUsage').children.map(readOid),
        critical,
      };
    }
  }
  return result;
}

function readKeyUsage(bits: Der): Set<KeyUsage> {
  const c = expect(bits, TAG.BIT_STRING, 'keyUsage').content;
  const out = new Set<KeyUsage>();
  KEY_USAGE_BITS.forEach((name, i) => {
    const octet = c[1 + (i >> 3)] ?? 0;
    if (octet & (0x80 >> (i & 7))) out.add(name);
  });
  return out;
}

/** A Name as its RDNs (each a set of attributes), in encoded order (most general first). */
export function readName(d: Der): NameAttribute[][] {
  return expect(d, TAG.SEQUENCE, 'Name').children.map((rdn) =>
    rdn.children.map((atv) => ({ oid: readOid(atv.children[0]), value: readString(atv.children[1]) })),
  );
}

export const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'INITIALS',
  '2.5.4.97': 'ORGANIZATIONIDENTIFIER',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** RFC 4514 order (most specific first), e.g. "CN=Nguyễn Văn An, O=Sở TT&TT, C=VN". */
export function formatName(rdns: NameAttribute[][]): string {
  return [...rdns]
    .reverse()
    .map((rdn) => rdn.map((a) => `${ATTRIBUTE_NAMES[a.oid] ?? a.oid}=${escapeDnValue(a.value)}`).join('+'))
    .join(', ');
}

function escapeDnValue(v: string): string {
  return v
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

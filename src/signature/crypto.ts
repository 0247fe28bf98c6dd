/**
 * Signature and digest checks through WebCrypto (globalThis.crypto.subtle), available in browsers
 * and in Node ≥ 19, so the same code verifies in the task pane and in the CLI.
 */
import { expect, invalidData, isContext, isUniversal, parseDer, readOid, readUnsigned, TAG } from './asn1';
import { BoundedMemo, byteString, type HashName, hostPrimitives, type SignatureScheme, subtle } from '../platform';
import { toArrayBuffer } from './bytes';
import type { AlgorithmIdentifier, KeyAlgorithm } from './x509';

export type { HashName, SignatureScheme } from '../platform';
export { digest, MissingWebCryptoError } from '../platform';

export const HASH_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const SIGNATURE_OIDS: Record<string, SignatureScheme> = {
  '1.2.840.113549.1.1.5': { kind: 'RSA-PKCS1', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { kind: 'RSA-PKCS1', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { kind: 'RSA-PKCS1', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { kind: 'RSA-PKCS1', hash: 'SHA-512' },
  '1.2.840.10045.4.1': { kind: 'ECDSA', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { kind: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { kind: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { kind: 'ECDSA', hash: 'SHA-512' },
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';

/**
 * The scheme of an X.509/CMS AlgorithmIdentifier. CMS may name plain rsaEncryption, in which case
 * the hash comes from the SignerInfo digestAlgorithm. Returns null for anything unsupported.
 */
export function schemeFromAlgorithm(alg: AlgorithmIdentifier, digestHash?: HashName): SignatureScheme | null {
  if (SIGNATURE_OIDS[alg.oid]) return SIGNATURE_OIDS[alg.oid];
  if (alg.oid === RSA_ENCRYPTION && digestHash) return { kind: 'RSA-PKCS1', hash: digestHash };
  if (alg.oid === RSASSA_PSS) return pssScheme(alg);
  return null;
}

/** RSASSA-PSS-params (RFC 4055): defaults SHA-1 / MGF1-SHA-1 / salt 20; WebCrypto needs MGF1 with the same hash. */
function pssScheme(alg: AlgorithmIdentifier): SignatureScheme | null {
  let hash: HashName | undefined = 'SHA-1';
  let mgfHash: HashName | undefined = 'SHA-1';
  let saltLength = 20;
  for (const field of alg.params?.children ?? []) {
    if (isContext(field, 0)) hash = HASH_OIDS[readOid(field.children[0].children[0])];
    if (isContext(field, 1)) mgfHash = HASH_OIDS[readOid(field.children[0].children[1].children[0])];
    if (isContext(field, 2))
      saltLength = Number(
        `0x${[...readUnsigned(field.children[0])].map((b) => b.toString(16).padStart(2, '0')).join('') || '0'}`,
      );
  }
  return hash && hash === mgfHash ? { kind: 'RSA-PSS', hash, saltLength } : null;
}

export const schemeName = (s: SignatureScheme) =>
  `${s.kind === 'ECDSA' ? 'ECDSA' : s.kind === 'RSA-PSS' ? 'RSA-PSS' : 'RSA'}-${s.hash.replace('-', '')}`;

/**
 * Verifies signature over data with the key in spki. ECDSA signatures arrive as raw r||s in
 * XML-DSig and as a DER SEQUENCE in X.509/CMS (signatureFormat), WebCrypto wants raw.
 */
export async function verifySignature(
  spki: Uint8Array,
  key: KeyAlgorithm,
  scheme: SignatureScheme,
  signature: Uint8Array,
  data: Uint8Array,
  signatureFormat: 'raw' | 'der',
): Promise<boolean> {
  const params = importParams(key, scheme);
  if (!params) return false;
  const host = hostPrimitives();
  const crypto = host.verify ? null : subtle();
  try {
    const sig = key.kind === 'EC' && signatureFormat === 'der' ? ecdsaDerToRaw(signature, key.curve) : signature;
    if (host.verify) return host.verify(scheme, spki, sig, data);
    const publicKey = await importCached(crypto!, spki, params.importAlg);
    return await crypto!.verify(params.verifyAlg, publicKey, toArrayBuffer(sig), toArrayBuffer(data));
  } catch {
    // A key WebCrypto refuses or a signature it cannot parse is simply not a valid signature.
    return false;
  }
}

/** Imported public keys, reused: the same signer and CA keys recur across a batch. */
const keyCache = new BoundedMemo<string, Promise<CryptoKey>>(256);

function importCached(
  crypto: SubtleCrypto,
  spki: Uint8Array,
  alg: RsaHashedImportParams | EcKeyImportParams,
): Promise<CryptoKey> {
  const id = `${JSON.stringify(alg)}:${byteString(spki)}`;
  return keyCache.get(id, () => {
    const key = crypto.importKey('spki', toArrayBuffer(spki), alg, false, ['verify']);
    key.catch(() => keyCache.delete(id));
    return key;
  });
}

function importParams(
  key: KeyAlgorithm,
  scheme: SignatureScheme,
): { importAlg: RsaHashedImportParams | EcKeyImportParams; verifyAlg: AlgorithmIdentifierLike } | null {
  if (key.kind === 'RSA' && scheme.kind === 'RSA-PKCS1')
    return { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' } };
  if (key.kind === 'RSA' && scheme.kind === 'RSA-PSS')
    return {
      importAlg: { name: 'RSA-PSS', hash: scheme.hash },
      verifyAlg: { name: 'RSA-PSS', saltLength: scheme.saltLength },
    };
  if (key.kind === 'EC' && scheme.kind === 'ECDSA')
    return { importAlg: { name: 'ECDSA', namedCurve: key.curve }, verifyAlg: { name: 'ECDSA', hash: scheme.hash } };
  return null;
}

type AlgorithmIdentifierLike = { name: string; saltLength?: number; hash?: HashName };

const CURVE_BYTES = { 'P-256': 32, 'P-384': 48, 'P-521': 66 } as const;

function ecdsaDerToRaw(der: Uint8Array, curve: keyof typeof CURVE_BYTES): Uint8Array {
  const seq = expect(parseDer(der), TAG.SEQUENCE, 'ECDSA-Sig-Value');
  const size = CURVE_BYTES[curve];
  const out = new Uint8Array(size * 2);
  seq.children.slice(0, 2).forEach((n, i) => {
    if (!isUniversal(n, TAG.INTEGER)) throw invalidData('ECDSA-Sig-Value sai', 'malformed ECDSA-Sig-Value');
    const v = readUnsigned(n);
    if (v.length > size) throw invalidData('ECDSA-Sig-Value quá dài', 'ECDSA-Sig-Value too long');
    out.set(v, i * size + size - v.length);
  });
  return out;
}

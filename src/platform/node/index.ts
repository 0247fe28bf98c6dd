/** Node's zlib and crypto lent to the browser-safe verifier and seal check (see platform/host.ts). */
import { constants, createHash, createPublicKey, type KeyObject, verify as nodeVerify } from 'crypto';
import * as zlib from 'zlib';
import type { HostPrimitives, SignatureScheme } from '../host';
import { BoundedMemo, byteString } from '../memo';

const nodeHash = (hash: string) => hash.replace('-', '').toLowerCase();

/** The signer and CA keys recur across a batch. */
const keys = new BoundedMemo<string, KeyObject>(256);

function verify(scheme: SignatureScheme, spki: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  const key = keys.get(byteString(spki), () =>
    createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
  );
  if (scheme.kind === 'ECDSA')
    return (
      key.asymmetricKeyType === 'ec' &&
      nodeVerify(nodeHash(scheme.hash), data, { key, dsaEncoding: 'ieee-p1363' }, signature)
    );
  if (key.asymmetricKeyType !== 'rsa') return false;
  // The salt length exactly as the parameters say, as WebCrypto checks it (Node would otherwise accept any).
  if (scheme.kind === 'RSA-PSS')
    return nodeVerify(
      nodeHash(scheme.hash),
      data,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength },
      signature,
    );
  return nodeVerify(nodeHash(scheme.hash), data, key, signature);
}

export const nodeHost: HostPrimitives = {
  digest: (hash, data) => new Uint8Array(createHash(nodeHash(hash)).update(data).digest()),
  verify,
  // Stopped one byte past the declared size, so a lying entry fails instead of filling memory.
  inflateRaw: (compressed, declaredSize) => zlib.inflateRawSync(compressed, { maxOutputLength: declaredSize + 1 }),
  // zlib.crc32 arrived in Node 20.15; older Nodes keep the JavaScript one.
  ...('crc32' in zlib
    ? { crc32: (data: Uint8Array) => (zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data) }
    : {}),
};
export { xlsxToPdf, type PdfResult } from './office';

/**
 * Primitives a host may lend to the browser-safe core. In the council's workers Node's zlib and
 * crypto are several times faster than fflate, a JavaScript CRC-32 and WebCrypto (which in Node
 * costs ~0.13 ms a call whatever the size, and leaves the thread idle while a pool thread works).
 * Results are identical by definition; without a host the defaults run anywhere (task pane, tests).
 */
import { DtiError, t } from '../base';
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export type SignatureScheme =
  | { kind: 'RSA-PKCS1'; hash: HashName }
  | { kind: 'RSA-PSS'; hash: HashName; saltLength: number }
  | { kind: 'ECDSA'; hash: HashName };

export interface HostPrimitives {
  digest?: (hash: HashName, data: Uint8Array) => Uint8Array;
  /** Raw deflate, given the exact size the zip entry declares: it must fail rather than return more. */
  inflateRaw?: (compressed: Uint8Array, declaredSize: number) => Uint8Array;
  crc32?: (data: Uint8Array) => number;
  /**
   * A signature check over data with the key in spki (DER SubjectPublicKeyInfo); ECDSA signatures
   * come as raw r||s, as WebCrypto takes them. False (or a throw) means not valid.
   */
  verify?: (scheme: SignatureScheme, spki: Uint8Array, signature: Uint8Array, data: Uint8Array) => boolean;
}

/** Thrown when the runtime lacks WebCrypto: a problem of the environment, not of the file. */
export class MissingWebCryptoError extends DtiError {
  constructor() {
    super(
      'missing-webcrypto',
      t(
        'WebCrypto (globalThis.crypto.subtle) không có trong môi trường này; cần Node ≥ 19 hoặc trình duyệt hiện đại (HTTPS)',
        'WebCrypto (globalThis.crypto.subtle) is missing here; Node ≥ 19 or a modern browser (HTTPS) is needed',
      ),
    );
    this.name = 'MissingWebCryptoError';
  }
}

export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new MissingWebCryptoError();
  return s;
}

let host: HostPrimitives = {};

/** Installs the host's primitives for this thread ({} restores the defaults). */
export function useHost(primitives: HostPrimitives): void {
  host = { ...primitives };
}

export function hostPrimitives(): Readonly<HostPrimitives> {
  return host;
}

/** A digest with the host's hash when there is one, WebCrypto otherwise. */
export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  if (host.digest) return host.digest(hash, data);
  const copy = new Uint8Array(data.length); // WebCrypto wants a buffer without offsets
  copy.set(data);
  return new Uint8Array(await subtle().digest(hash, copy.buffer));
}

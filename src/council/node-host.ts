/** Node's zlib and crypto lent to the browser-safe verifier and seal check (see platform/host.ts). */
import { createHash } from 'crypto';
import * as zlib from 'zlib';
import type { HostPrimitives } from '../platform/host';

export const nodeHost: HostPrimitives = {
  digest: (hash, data) => new Uint8Array(createHash(hash.replace('-', '').toLowerCase()).update(data).digest()),
  // Stopped one byte past the declared size, so a lying entry fails instead of filling memory.
  inflateRaw: (compressed, declaredSize) => zlib.inflateRawSync(compressed, { maxOutputLength: declaredSize + 1 }),
  // zlib.crc32 arrived in Node 20.15; older Nodes keep the JavaScript one.
  ...('crc32' in zlib ? { crc32: (data: Uint8Array) => (zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data) } : {}),
};

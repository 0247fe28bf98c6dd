/**
 * Byte helpers over plain Uint8Array. The verifier must run in a browser (the task pane) as well as
 * in Node, so nothing here touches Buffer or Node modules.
 */
import { DtiError, t } from '../base';

const invalidBase64 = () => new DtiError('invalid-data', t('base64 không hợp lệ (invalid base64)', 'invalid base64'));

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: a signature or relationships part that is not valid UTF-8 is malformed. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Decodes an XML part honouring a UTF-16 byte order mark (XML allows UTF-8 and UTF-16). */
export function decodeXmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  return decodeUtf8(bytes);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
const EQUALS = 0x3d;

/**
 * Base64 as XML-DSig writes it: whitespace and line breaks may appear anywhere (the fixtures wrap
 * at 76 columns and indent). Anything else that is not base64 is an error, not silently skipped,
 * and so is anything after the padding.
 */
export function fromBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.ceil((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let at = 0;
  let chars = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const value = c < 128 ? B64_INDEX[c] : -1;
    if (value < 0) {
      if (c === EQUALS && padding < 2) padding++;
      else if (!/\s/.test(text[i])) throw invalidBase64();
      continue;
    }
    if (padding) throw invalidBase64();
    chars++;
    acc = ((acc << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  if ((chars + padding) % 4 === 1) throw invalidBase64();
  return out.subarray(0, at);
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Reads a PEM block (or several) into DER; bytes that are not PEM are returned as DER unchanged. */
export function pemOrDer(input: Uint8Array, label = '[A-Z0-9 #]+'): Uint8Array[] {
  // DER starts with a SEQUENCE tag (0x30); PEM may have explanatory text before its first block.
  if (input[0] === 0x30) return [input];
  const text = new TextDecoder('utf-8').decode(input);
  if (!text.includes('-----BEGIN')) return [input];
  const re = new RegExp(`-----BEGIN (${label})-----([\\s\\S]*?)-----END \\1-----`, 'g');
  return [...text.matchAll(re)].map((m) => fromBase64(m[2]));
}

/** A fresh ArrayBuffer holding exactly these bytes (WebCrypto wants a BufferSource without offsets). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * DER reading for certificates and CMS. asn1js does the tag/length parsing; this module turns its
 * blocks into a small tree that keeps the exact encoded bytes of every element, because signatures
 * are computed over encodings (tbsCertificate, signed attributes), never over re-encoded values.
 */
import { fromBER } from 'asn1js';
import { DtiError, t } from '../base';

/** Bytes that do not decode as DER: the message says where (the callers turn it into a reason). */
export const invalidData = (vi: string, en: string) => new DtiError('invalid-data', t(vi, en));

export interface Der {
  cls: number; // 1 universal, 2 application, 3 context-specific, 4 private (asn1js numbering)
  tag: number;
  constructed: boolean;
  /** The whole element: identifier, length and content octets. */
  raw: Uint8Array;
  content: Uint8Array;
  children: Der[];
}

export const UNIVERSAL = 1;
export const CONTEXT = 3;

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  NUMERIC_STRING: 18,
  PRINTABLE_STRING: 19,
  TELETEX_STRING: 20,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  VISIBLE_STRING: 26,
  UNIVERSAL_STRING: 28,
  BMP_STRING: 30,
} as const;

interface AsnBlock {
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean };
  lenBlock: { length: number; isIndefiniteForm: boolean };
  valueBeforeDecodeView: Uint8Array;
  valueBlock: { value?: unknown };
  error?: string;
}

/** Parses exactly one DER element filling all of bytes; throws on trailing data or indefinite lengths. */
export function parseDer(bytes: Uint8Array): Der {
  return parseEncoded(bytes, false);
}

/**
 * Like parseDer, but accepts the indefinite lengths of BER, which timestamp authorities use for the
 * outer layers of their tokens (e.g. the Belgian TSA in test/fixtures/signatures/signed.docx). Only
 * for containers whose signed parts are checked over their own exact bytes: an indefinite-length
 * element has no content octets here, only children.
 */
export function parseBer(bytes: Uint8Array): Der {
  return parseEncoded(bytes, true);
}

function parseEncoded(bytes: Uint8Array, indefinite: boolean): Der {
  const copy = new Uint8Array(bytes); // asn1js keeps views on the buffer it is given
  const parsed = fromBER(copy);
  if (parsed.offset === -1)
    throw invalidData(
      `DER không hợp lệ (${(parsed.result as unknown as AsnBlock).error ?? 'bad encoding'})`,
      `invalid DER (${(parsed.result as unknown as AsnBlock).error ?? 'bad encoding'})`,
    );
  if (parsed.offset !== copy.length)
    throw invalidData('DER có dữ liệu thừa phía sau (trailing data)', 'DER with trailing data');
  return toDer(parsed.result as unknown as AsnBlock, indefinite);
}

function toDer(block: AsnBlock, indefinite: boolean): Der {
  if (block.lenBlock.isIndefiniteForm && !indefinite)
    throw invalidData(
      'DER không được dùng độ dài không xác định (indefinite length)',
      'DER must not use an indefinite length',
    );
  const raw = block.valueBeforeDecodeView;
  const content = raw.subarray(raw.length - block.lenBlock.length);
  const constructed = block.idBlock.isConstructed;
  const value = block.valueBlock.value;
  const children =
    constructed && Array.isArray(value)
      ? (value as AsnBlock[])
          .filter((b) => !(block.lenBlock.isIndefiniteForm && isEndOfContents(b)))
          .map((b) => toDer(b, indefinite))
      : [];
  return { cls: block.idBlock.tagClass, tag: block.idBlock.tagNumber, constructed, raw, content, children };
}

/** The end-of-contents marker closing an indefinite length is framing, not an element. */
const isEndOfContents = (b: AsnBlock) => b.idBlock.tagClass === UNIVERSAL && b.idBlock.tagNumber === 0;

export const isUniversal = (d: Der | undefined, tag: number): boolean => !!d && d.cls === UNIVERSAL && d.tag === tag;
export const isContext = (d: Der | undefined, tag: number): boolean => !!d && d.cls === CONTEXT && d.tag === tag;

export function expect(d: Der | undefined, tag: number, what: string): Der {
  if (!d || !isUniversal(d, tag))
    throw invalidData(
      `Cấu trúc ASN.1 sai ở ${what} (unexpected ASN.1 structure)`,
      `unexpected ASN.1 structure at ${what}`,
    );
  return d;
}

export function readOid(d: Der): string {
  const bytes = expect(d, TAG.OID, 'OID').content;
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** An INTEGER's magnitude as unsigned big-endian bytes (serial numbers, RSA components). */
export function readUnsigned(d: Der): Uint8Array {
  const c = expect(d, TAG.INTEGER, 'INTEGER').content;
  let start = 0;
  while (start < c.length - 1 && c[start] === 0) start++;
  return c.subarray(start);
}

export function unsignedToDecimal(bytes: Uint8Array): string {
  let n = BigInt(0);
  for (const b of bytes) n = (n << BigInt(8)) | BigInt(b);
  return n.toString(10);
}

export function readBitString(d: Der): Uint8Array {
  const c = expect(d, TAG.BIT_STRING, 'BIT STRING').content;
  return c.subarray(1); // first octet: number of unused bits, 0 for keys and signatures
}

export function readTime(d: Der): Date {
  const s = asciiOf(d.content);
  const utc = d.tag === TAG.UTC_TIME;
  const m = (
    utc
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?Z$/
  ).exec(s);
  if (!m || !(d.tag === TAG.UTC_TIME || d.tag === TAG.GENERALIZED_TIME))
    throw invalidData(`Thời gian ASN.1 không hợp lệ: ${s}`, `invalid ASN.1 time: ${s}`);
  // RFC 5280: two-digit years 50–99 are 19xx, 00–49 are 20xx.
  const year = utc ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
  const ms = !utc && m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
}

/** The text of a directory string of any of the ASN.1 string types X.509 names use. */
export function readString(d: Der): string {
  switch (d.tag) {
    case TAG.UTF8_STRING:
      return new TextDecoder('utf-8').decode(d.content);
    case TAG.BMP_STRING:
      return new TextDecoder('utf-16be').decode(d.content);
    case TAG.UNIVERSAL_STRING:
      return utf32be(d.content);
    default:
      return latin1Of(d.content); // Printable, IA5, Teletex (as Latin-1), Visible, Numeric
  }
}

function utf32be(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 3 < b.length; i += 4)
    s += String.fromCodePoint(((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
  return s;
}

const asciiOf = (b: Uint8Array) => latin1Of(b);

function latin1Of(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

/**
 * A defensive zip reader for OPC packages. The central directory is the authority (as in OPC), each
 * entry's local header must agree with it, and every limit is enforced before and while inflating,
 * so a hostile file cannot exhaust memory or smuggle a second reading of a part.
 */
import { Inflate, inflateSync } from 'fflate';
import { byteString, hostPrimitives, MAX_PACKAGE_BYTES } from '../platform';
import { malformed } from './errors';

export interface ZipLimits {
  /** The package file itself (checked before anything is read from it). */
  maxPackageBytes: number;
  maxEntries: number;
  maxTotalInflated: number;
  maxEntryInflated: number;
}

/** Bounded for a hostile file, generous for a real one (README › Hội đồng thẩm định states these limits). */
export const DEFAULT_LIMITS: ZipLimits = {
  maxPackageBytes: MAX_PACKAGE_BYTES,
  maxEntries: 10_000,
  maxTotalInflated: 200 * 1024 * 1024,
  maxEntryInflated: 50 * 1024 * 1024,
};

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the next entry (or the central directory) starts: this entry's data must end before it. */
  bound: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032×, so one push stays small. */
const INFLATE_CHUNK = 4096;
/** Deflate's largest expansion (258 bytes from about 2 bits): what an entry's compressed bytes can grow to at most. */
const DEFLATE_MAX_RATIO = 1032;
/**
 * An entry whose compressed bytes cannot inflate past this is inflated in one call — twice as fast
 * as pushing chunks (the browser has no native inflater here), its memory bounded all the same.
 */
const ONE_SHOT_BOUND = 64 * 1024 * 1024;

/**
 * Reads every file entry (directories are skipped) into a map keyed by the entry name. Entries
 * `skip` names are checked like the others (name, declared size, overlap) but not inflated: a
 * reader that only needs the workbook's XML never pays for its media.
 */
export function readZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_LIMITS,
  skip?: (name: string) => boolean,
): Map<string, Uint8Array> {
  if (bytes.length > limits.maxPackageBytes)
    malformed(
      `Tệp ${bytes.length} byte, vượt giới hạn ${limits.maxPackageBytes} byte (file larger than ${limits.maxPackageBytes} bytes)`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { entries: directory, offset } = readCentralDirectory(bytes, view, limits);
  checkNames(directory);
  checkDeclaredSizes(directory, limits);
  checkNoOverlap(directory, offset);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of directory) {
    if (entry.name.endsWith('/') || skip?.(entry.name)) continue;
    const data = readEntry(bytes, view, entry);
    total += data.length;
    if (total > limits.maxTotalInflated)
      malformed(`Tổng dung lượng giải nén vượt giới hạn ${limits.maxTotalInflated} byte (zip bomb?)`);
    out.set(entry.name, data);
  }
  return out;
}

function readCentralDirectory(
  bytes: Uint8Array,
  view: DataView,
  limits: ZipLimits,
): { entries: CentralEntry[]; offset: number } {
  const eocd = findEndOfCentralDirectory(bytes, view);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    ({ count, size, offset } = readZip64End(view, eocd));
  if (count > limits.maxEntries)
    malformed(`Gói có ${count} mục, vượt giới hạn ${limits.maxEntries} (too many zip entries)`);
  if (offset + size > eocd) malformed('Thư mục trung tâm của zip nằm ngoài tệp (truncated zip)');
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || view.getUint32(at, true) !== SIG_CENTRAL)
      malformed('Thư mục trung tâm của zip bị hỏng (bad central directory)');
    const entry = readCentralEntry(bytes, view, at);
    entries.push(entry.entry);
    at = entry.next;
  }
  return { entries, offset };
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    // The comment length must reach exactly to the end of the file, so a stray signature inside
    // the comment or trailing garbage cannot be mistaken for the real record.
    if (view.getUint32(at, true) === SIG_EOCD && at + 22 + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  return malformed('Không phải tệp zip hợp lệ: không tìm thấy thư mục trung tâm (no end of central directory)');
}

function readZip64End(view: DataView, eocd: number): { count: number; size: number; offset: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== SIG_EOCD64_LOCATOR)
    malformed('Bản ghi ZIP64 bị thiếu (missing ZIP64 locator)');
  const at = safeNumber(view.getBigUint64(locator + 8, true));
  if (at + 56 > view.byteLength || view.getUint32(at, true) !== SIG_EOCD64)
    malformed('Bản ghi ZIP64 bị hỏng (bad ZIP64 end record)');
  return {
    count: safeNumber(view.getBigUint64(at + 32, true)),
    size: safeNumber(view.getBigUint64(at + 40, true)),
    offset: safeNumber(view.getBigUint64(at + 48, true)),
  };
}

function safeNumber(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? malformed('Kích thước ZIP64 quá lớn (ZIP64 size too large)') : Number(n);
}

function readCentralEntry(bytes: Uint8Array, view: DataView, at: number): { entry: CentralEntry; next: number } {
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  const next = at + 46 + nameLength + extraLength + commentLength;
  if (next > bytes.length) malformed('Thư mục trung tâm của zip bị cắt cụt (truncated central directory)');
  const flags = view.getUint16(at + 8, true);
  const entry: CentralEntry = {
    name: decodeName(bytes.subarray(at + 46, at + 46 + nameLength), flags),
    flags,
    method: view.getUint16(at + 10, true),
    crc: view.getUint32(at + 16, true),
    compressedSize: view.getUint32(at + 20, true),
    size: view.getUint32(at + 24, true),
    localOffset: view.getUint32(at + 42, true),
    bound: 0,
  };
  applyZip64Extra(entry, view, at + 46 + nameLength, extraLength);
  return { entry, next };
}

/** ZIP64 extended information (header id 1) replaces the 32-bit fields that hold 0xFFFFFFFF, in order. */
function applyZip64Extra(entry: CentralEntry, view: DataView, start: number, length: number): void {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let p = at + 4;
      const take = () =>
        p + 8 <= at + 4 + size
          ? safeNumber(view.getBigUint64((p += 8) - 8, true))
          : malformed('Trường ZIP64 bị hỏng (bad ZIP64 extra field)');
      if (entry.size === 0xffffffff) entry.size = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localOffset === 0xffffffff) entry.localOffset = take();
    }
    at += 4 + size;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(raw: Uint8Array, flags: number): string {
  // Bit 11 says UTF-8; without it the name is CP437, which for the ASCII names OPC uses is identical.
  const ascii = raw.every((b) => b < 0x80);
  if (ascii || (flags & 0x800) === 0) return byteString(raw);
  try {
    return strictUtf8.decode(raw);
  } catch {
    return malformed('Tên mục trong zip không phải UTF-8 hợp lệ (invalid entry name encoding)');
  }
}

/** Rejects names that could escape a target folder or be read two ways (OPC part names are case-insensitive). */
function checkNames(entries: CentralEntry[]): void {
  const seen = new Map<string, string>();
  for (const { name } of entries) {
    const problem = unsafeName(name);
    if (problem) malformed(`Tên mục "${name}" không an toàn: ${problem}`);
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined)
      malformed(`Mục "${name}" trùng tên với "${earlier}" (duplicate zip entry, case-insensitive)`);
    seen.set(key, name);
  }
}

export function unsafeName(name: string): string | null {
  if (name === '') return 'tên rỗng (empty name)';
  if (name.includes('\\')) return 'có dấu gạch chéo ngược (backslash)';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'là đường dẫn tuyệt đối (absolute path)';
  if (name.includes('\0')) return 'có ký tự NUL';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'có đoạn ".." hoặc "." (path traversal)';
  if (segments.some((s) => s === '')) return 'có đoạn rỗng (empty path segment)';
  return null;
}

function checkDeclaredSizes(entries: CentralEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) malformed(`Mục "${e.name}" được mã hóa (encrypted zip entry)`);
    if (e.method !== 0 && e.method !== 8)
      malformed(`Mục "${e.name}" dùng phương thức nén ${e.method} không được hỗ trợ (unsupported compression)`);
    if (e.size > limits.maxEntryInflated)
      malformed(
        `Mục "${e.name}" khai báo ${e.size} byte khi giải nén, vượt giới hạn ${limits.maxEntryInflated} (zip bomb?)`,
      );
    total += e.size;
  }
  if (total > limits.maxTotalInflated)
    malformed(`Tổng dung lượng giải nén khai báo ${total} byte, vượt giới hạn ${limits.maxTotalInflated} (zip bomb?)`);
}

/** Overlapping entries are how "quoted overlap" zip bombs and two-readings tricks work; OPC never needs them. */
function checkNoOverlap(entries: CentralEntry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    const next = sorted[i + 1];
    e.bound = next ? next.localOffset : directoryOffset;
    if (e.localOffset + 30 + e.compressedSize > e.bound) {
      if (next) malformed(`Mục "${e.name}" chồng lên mục "${next.name}" (overlapping zip entries)`);
      malformed(`Dữ liệu của mục "${e.name}" bị cắt cụt (truncated zip entry)`);
    }
  }
}

function readEntry(bytes: Uint8Array, view: DataView, e: CentralEntry): Uint8Array {
  const at = e.localOffset;
  if (view.getUint32(at, true) !== SIG_LOCAL) malformed(`Thiếu phần đầu cục bộ của mục "${e.name}" (bad local header)`);
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  const localName = decodeName(bytes.subarray(at + 30, at + 30 + nameLength), view.getUint16(at + 6, true));
  if (localName !== e.name)
    malformed(`Tên mục "${e.name}" trong thư mục trung tâm khác với phần đầu cục bộ "${localName}"`);
  const start = at + 30 + nameLength + extraLength;
  if (start + e.compressedSize > e.bound) malformed(`Dữ liệu của mục "${e.name}" bị cắt cụt (truncated zip entry)`);
  const compressed = bytes.subarray(start, start + e.compressedSize);
  const host = hostPrimitives();
  const data =
    e.method === 0
      ? stored(e, compressed)
      : host.inflateRaw
        ? inflateWith(host.inflateRaw, e, compressed)
        : inflateCapped(e, compressed);
  if ((host.crc32 ?? crc32)(data) !== e.crc)
    malformed(`Mục "${e.name}" sai CRC-32, dữ liệu bị hỏng hoặc bị sửa (CRC mismatch)`);
  return data;
}

function stored(e: CentralEntry, data: Uint8Array): Uint8Array {
  if (data.length !== e.size) malformed(`Mục "${e.name}" có kích thước không khớp khai báo (size mismatch)`);
  return data;
}

/** The host's inflater, held to the same rules as ours: never more than the declared size, exactly that size. */
function inflateWith(
  inflateRaw: (compressed: Uint8Array, declaredSize: number) => Uint8Array,
  e: CentralEntry,
  compressed: Uint8Array,
): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateRaw(compressed, e.size);
  } catch (error) {
    malformed(
      `Không giải nén được mục "${e.name}" trong giới hạn ${e.size} byte đã khai báo: ${(error as Error).message} (corrupt deflate data or zip bomb?)`,
    );
  }
  if (out!.length !== e.size)
    malformed(`Mục "${e.name}" giải nén ra ${out!.length} byte, khác ${e.size} byte đã khai báo (size mismatch)`);
  return out!;
}

/**
 * Inflates in small pushes and stops as soon as the output passes the declared size (which is
 * itself capped), so a zip bomb that lies about its size costs at most one push of memory. An
 * entry too small to grow past ONE_SHOT_BOUND whatever it holds is inflated in one call instead.
 */
function inflateCapped(e: CentralEntry, compressed: Uint8Array): Uint8Array {
  if (compressed.length * DEFLATE_MAX_RATIO <= ONE_SHOT_BOUND) return inflateOnce(e, compressed);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > e.size) malformed(`Mục "${e.name}" giải nén ra nhiều hơn ${e.size} byte đã khai báo (zip bomb?)`);
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < compressed.length || at === 0; at += INFLATE_CHUNK) {
      const end = Math.min(at + INFLATE_CHUNK, compressed.length);
      inflater.push(compressed.subarray(at, end), end >= compressed.length);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'MalformedPackageError') throw error;
    malformed(`Không giải nén được mục "${e.name}": ${(error as Error).message} (truncated or corrupt deflate data)`);
  }
  if (total !== e.size)
    malformed(`Mục "${e.name}" giải nén ra ${total} byte, khác ${e.size} byte đã khai báo (size mismatch)`);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * One call into a buffer one byte longer than declared: fflate stops (or grows it) where the buffer
 * ends, so a byte past the declared size shows an entry that holds more than it says — refused, or
 * its first bytes would be read as the part while Excel reads it all.
 */
function inflateOnce(e: CentralEntry, compressed: Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(compressed, { out: new Uint8Array(e.size + 1) });
  } catch (error) {
    malformed(`Không giải nén được mục "${e.name}": ${(error as Error).message} (truncated or corrupt deflate data)`);
  }
  if (out!.length > e.size) malformed(`Mục "${e.name}" giải nén ra nhiều hơn ${e.size} byte đã khai báo (zip bomb?)`);
  if (out!.length !== e.size)
    malformed(`Mục "${e.name}" giải nén ra ${out!.length} byte, khác ${e.size} byte đã khai báo (size mismatch)`);
  return out!;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

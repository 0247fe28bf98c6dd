/**
 * The CLI's reach into the world: standard output and error, reading inputs, writing outputs.
 * A file that cannot be read or written becomes a message naming the path and why, never an
 * errno code or a stack trace.
 */
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'fs';
import { dirname, resolve } from 'path';
import { DtiError, t, type Text } from '../base';
import { MAX_PACKAGE_BYTES } from '../platform';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => Uint8Array;
  writeFile: (path: string, bytes: Uint8Array) => void;
  /** Creates a folder (and its parents) to write into; absent where writes are not to disk. */
  makeDir?: (path: string) => void;
  /** Throws what writing `path` would throw, to fail before a long run rather than after it. */
  checkWritable?: (path: string) => void;
  /** Whether a progress bar may be drawn on standard error (a terminal). */
  interactive?: boolean;
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

/** The largest input read: a submission or a self-assessment (README › Hội đồng thẩm định). */
export const MAX_INPUT_BYTES = MAX_PACKAGE_BYTES;

/**
 * A regular file's bytes, refused before anything is read when it is not one (a FIFO or a device
 * such as /dev/zero would block or never end; a folder is not a file) or when it is larger than
 * maxBytes. Opened without blocking and checked on the open descriptor, so what is checked is
 * what is read; a file that grows while being read is refused too.
 */
export function readRegularFile(path: string, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw errno('EISDIR');
    if (!stat.isFile()) throw errno('ENOTREG');
    if (stat.size > maxBytes) throw Object.assign(errno('EFBIG'), { size: stat.size, max: maxBytes });
    const out = new Uint8Array(stat.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, at);
      if (n === 0) break;
      at += n;
    }
    if (at < out.length) return out.subarray(0, at);
    if (readSync(fd, new Uint8Array(1), 0, 1, at) > 0) throw Object.assign(errno('EFBIG'), { max: maxBytes });
    return out;
  } finally {
    closeSync(fd);
  }
}

export const nodeIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readFile: (p) => readRegularFile(p),
  writeFile: (p, bytes) => writeFileSync(p, bytes),
  makeDir: (p) => void mkdirSync(p, { recursive: true }),
  checkWritable: (p) => {
    const existing = statSync(p, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw errno('EISDIR');
    if (existing) return accessSync(p, constants.W_OK);
    const folder = statSync(dirname(resolve(p))); // ENOENT: no such folder
    if (!folder.isDirectory()) throw errno('ENOTDIR');
    accessSync(dirname(resolve(p)), constants.W_OK);
  },
  interactive: Boolean(process.stderr.isTTY),
};

let pipeWatched = false;

/**
 * `dti rank … | head -1`: when whoever reads the output goes away, stop quietly, as Unix tools
 * do, instead of an EPIPE stack trace. The exit code is the one already decided, if any.
 */
export function quietOnBrokenPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
}

/** An .xlsx (zip) file starts with "PK". */
export const isZip = (bytes: Uint8Array) => bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? '';

/** Why a file could not be read or written, in words. */
export function reason(e: unknown, path: string, writing: boolean): Text {
  switch (codeOf(e)) {
    case 'ENOENT':
      return writing
        ? t(`thư mục ${dirname(path)} không tồn tại`, `no such folder ${dirname(path)}`)
        : t('không tìm thấy tệp', 'file not found');
    case 'EISDIR':
      return t('đây là một thư mục, không phải tệp', 'it is a folder, not a file');
    case 'ENOTREG':
      return t(
        'không phải tệp thông thường (ống dẫn, thiết bị hay socket): không đọc',
        'not a regular file (a pipe, a device or a socket): not read',
      );
    case 'EFBIG': {
      const max = `${Math.round(((e as { max?: number }).max ?? MAX_INPUT_BYTES) / 1048576)} MB`;
      return t(`tệp lớn hơn giới hạn ${max}: không đọc`, `the file is larger than the ${max} limit: not read`);
    }
    case 'ENOTDIR':
      return t('một phần của đường dẫn không phải thư mục', 'part of the path is not a folder');
    case 'EACCES':
    case 'EPERM':
      return writing ? t('không có quyền ghi', 'permission denied') : t('không có quyền đọc', 'permission denied');
    case 'EBUSY':
      return t(
        'tệp đang được mở trong chương trình khác (đóng Excel rồi chạy lại)',
        'the file is open in another program (close Excel and run again)',
      );
    case 'EROFS':
      return t('ổ đĩa chỉ cho phép đọc', 'read-only file system');
    case 'ENOSPC':
      return t('ổ đĩa đã đầy', 'no space left on the disk');
    default: {
      const m = (e as Error)?.message ?? String(e);
      return t(m, m);
    }
  }
}

export function readInput(path: string, io: Io): Uint8Array {
  try {
    return io.readFile(path);
  } catch (e) {
    const why = reason(e, path, false);
    throw new DtiError('file', t(`${path}: ${why.vi}`, `${path}: ${why.en}`));
  }
}

export function cannotWrite(path: string, e: unknown): DtiError {
  const why = reason(e, path, true);
  return new DtiError('write', t(`Không ghi được tệp ${path}: ${why.vi}`, `Cannot write ${path}: ${why.en}`));
}

/** Fails now, with the reason, when `path` could not be written later. */
export function checkWritable(path: string, io: Io): void {
  try {
    io.checkWritable?.(path);
  } catch (e) {
    throw cannotWrite(path, e);
  }
}

export function writeOutput(path: string, bytes: Uint8Array, io: Io): void {
  try {
    io.writeFile(path, bytes);
  } catch (e) {
    throw cannotWrite(path, e);
  }
}

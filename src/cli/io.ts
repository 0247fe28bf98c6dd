/**
 * The CLI's reach into the world: standard output and error, reading inputs, writing outputs.
 * A file that cannot be read or written becomes a message naming the path and why, never an
 * errno code or a stack trace.
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { DtiError, t, type Text } from '../base';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => Uint8Array;
  writeFile: (path: string, bytes: Uint8Array) => void;
  /** Throws what writing `path` would throw, to fail before a long run rather than after it. */
  checkWritable?: (path: string) => void;
  /** Whether a progress bar may be drawn on standard error (a terminal). */
  interactive?: boolean;
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

export const nodeIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readFile: (p) => new Uint8Array(readFileSync(p)),
  writeFile: (p, bytes) => writeFileSync(p, bytes),
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

/** An .xlsx (zip) file starts with "PK". */
export const isZip = (bytes: Uint8Array) => bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? '';

/** Why a file could not be read or written, in words. */
function reason(e: unknown, path: string, writing: boolean): Text {
  switch (codeOf(e)) {
    case 'ENOENT':
      return writing
        ? t(`thư mục ${dirname(path)} không tồn tại`, `no such folder ${dirname(path)}`)
        : t('không tìm thấy tệp', 'file not found');
    case 'EISDIR':
      return t('đây là một thư mục, không phải tệp', 'it is a folder, not a file');
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

/** What `dti verify` and `dti rank` share: the submissions named, the council's root certificates, progress. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { extname, join } from 'path';
import { DtiError, t, type Text } from '../base';
import type { SubmissionResult } from '../council';
import type { Io } from './io';

const isWorkbook = (file: string) => extname(file).toLowerCase() === '.xlsx';

function unreadable(path: string, e: unknown): DtiError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: Text =
    code === 'ENOENT'
      ? t('không tìm thấy tệp hoặc thư mục', 'no such file or folder')
      : code === 'EACCES' || code === 'EPERM'
        ? t('không có quyền đọc', 'permission denied')
        : t(String((e as Error)?.message ?? e), String((e as Error)?.message ?? e));
  return new DtiError('file', t(`${path}: ${why.vi}`, `${path}: ${why.en}`));
}

/**
 * The files given, each folder expanded to the .xlsx files inside it (sorted). Refused, with a
 * message, when a path does not exist or when there is no .xlsx file at all to work on.
 */
export function submissionFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let folder: boolean;
    try {
      folder = statSync(p).isDirectory();
    } catch (e) {
      throw unreadable(p, e);
    }
    if (!folder) {
      out.push(p);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(p);
    } catch (e) {
      throw unreadable(p, e);
    }
    out.push(
      ...names
        .filter(isWorkbook)
        .sort()
        .map((f) => join(p, f)),
    );
  }
  if (!out.some(isWorkbook)) {
    const given = paths.join(', ');
    throw new DtiError(
      'no-files',
      t(`Không có tệp .xlsx nào để xử lý trong: ${given}`, `No .xlsx file to work on in: ${given}`),
    );
  }
  return out;
}

export function trustAnchors(paths: string[]): Uint8Array[] {
  return paths.map((p) => {
    try {
      return new Uint8Array(readFileSync(p));
    } catch {
      throw new DtiError(
        'trust',
        t(`--trust ${p}: không đọc được chứng thư số`, `--trust ${p}: cannot read the certificate`),
      );
    }
  });
}

/** A progress bar on standard error, only on a terminal and never with --json. */
export function progressBar(io: Io, json: boolean) {
  if (!io.interactive || json) return undefined;
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
    );
  };
}

/** A file is accepted when every signature verifies (and chains to a given root when roots were given) and its seal, if any, matches. */
export const accepted = (s: SubmissionResult, trusted: boolean) =>
  (s.status === 'valid' || (!trusted && s.status === 'valid-untrusted')) && s.seal !== 'broken';

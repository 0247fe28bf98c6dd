/** What `dti verify` and `dti rank` share: the submissions named, the council's root certificates, progress. */
import { readdirSync, realpathSync, statSync } from 'fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'path';
import { describeFile } from '../workbook';
import { DtiError, t, type Text } from '../base';
import type { SubmissionResult } from '../council';
import { readRegularFile, reason, type Io } from './io';
import { UsageError } from './args';

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
    // Files given by name that are something else (an .ods, a CSV, an empty file): say what they are.
    const kinds = out.map((f) => {
      try {
        return `${basename(f)}: ${describeFile(readRegularFile(f), f).text.vi}`;
      } catch {
        return null;
      }
    });
    const kindsEn = out.map((f) => {
      try {
        return `${basename(f)}: ${describeFile(readRegularFile(f), f).text.en}`;
      } catch {
        return null;
      }
    });
    const what = (list: (string | null)[]) => (list.some(Boolean) ? ` (${list.filter(Boolean).join('; ')})` : '');
    throw new DtiError(
      'no-files',
      t(
        `Không có tệp .xlsx nào để xử lý trong: ${given}${what(kinds)}`,
        `No .xlsx file to work on in: ${given}${what(kindsEn)}`,
      ),
    );
  }
  return out;
}

export function trustAnchors(paths: string[]): Uint8Array[] {
  return paths.map((p) => {
    try {
      return readRegularFile(p, 1024 * 1024);
    } catch (e) {
      const why = reason(e, p, false);
      throw new DtiError(
        'trust',
        t(
          `--trust ${p}: không đọc được chứng thư số (${why.vi})`,
          `--trust ${p}: cannot read the certificate (${why.en})`,
        ),
      );
    }
  });
}

/** A path with its folders' links resolved (the file itself need not exist yet). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), resolve(path).slice(dirname(resolve(path)).length + 1));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * The ranking is written beside the submissions, never over one: an --out (or the CSV beside it)
 * that names an input file, or lies inside a folder of submissions, is refused before anything runs.
 */
export function checkOutputOutsideInputs(outputs: string[], inputs: string[]): void {
  for (const output of outputs) {
    const out = real(output);
    for (const input of inputs) {
      const given = real(input);
      const folder = statSync(given, { throwIfNoEntry: false })?.isDirectory() ?? false;
      const rel = relative(given, out);
      const inside = folder && rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
      if (out === given || inside)
        throw new UsageError(
          t(
            folder
              ? `--out ${output} nằm trong thư mục bài nộp ${input}: chọn nơi ghi khác, để kết quả không lẫn vào bài nộp`
              : `--out ${output} là một tệp bài nộp: chọn tên khác, để không ghi đè bài nộp`,
            folder
              ? `--out ${output} lies inside the submissions folder ${input}: choose another place, so results never mix with submissions`
              : `--out ${output} is one of the submissions: choose another name, so no submission is overwritten`,
          ),
        );
    }
  }
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

/**
 * A file is accepted when every signature verifies (and chains to a given root when roots were
 * given), its seal, if any, matches, its layout is not ambiguous (a criterion on two rows, …), and,
 * for a council's workbook, the signature covers its identity.
 */
export const accepted = (s: SubmissionResult, trusted: boolean) =>
  (s.status === 'valid' || (!trusted && s.status === 'valid-untrusted')) &&
  s.seal !== 'broken' &&
  !s.templateProblems?.length &&
  !s.council?.identityUncovered.length;

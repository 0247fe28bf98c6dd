/**
 * The one error family: every error the project raises is a `DtiError` with a code (what kind of
 * failure, for the code that catches it) and a bilingual `Text` (what the person reading it is
 * told). Expected failures of an entry are values, not errors (the engine's outcomes); errors are
 * for what cannot go on: an unknown rubric, a file that cannot be used, a broken package.
 */
import { say, type Lang, type Text } from './text';

export type ErrorCode =
  // Rubric data and lookups (the Excel functions show these as #N/A).
  | 'unknown-rubric'
  | 'unknown-unit'
  | 'unknown-criterion'
  | 'invalid-rubric'
  // An entry of the wrong kind where a number is wanted (the Excel functions show #VALUE!).
  | 'invalid-value'
  // Files and the command line.
  | 'usage'
  | 'file'
  | 'json'
  | 'file-shape'
  | 'xlsx'
  | 'not-template'
  | 'not-built'
  | 'no-files'
  | 'trust'
  | 'write'
  // A program a command needs is not there or failed (LibreOffice, to print a PDF).
  | 'no-program'
  // Signed packages (src/signature): the package as a whole, or one signature.
  | 'malformed-package'
  | 'signature-problem'
  // The host: WebCrypto missing, a workbook write that failed in Excel.
  | 'missing-webcrypto'
  | 'workbook-write'
  | 'no-template'
  | 'cell-locked'
  // Bytes that do not decode (base64, DER) and addresses that are not A1 addresses.
  | 'invalid-data'
  | 'invalid-address'
  // What the code itself produced wrongly (a template spec, a rule left unresolved): a bug, said plainly.
  | 'internal';

export class DtiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    options?: { cause?: unknown },
  ) {
    super(text.vi, options); // Vietnamese first: what an officer sees when the message is shown as is
    this.name = 'DtiError';
  }

  messageIn(lang: Lang): string {
    return say(this.text, lang);
  }
}

/** Lookups that fail because a rubric, unit type or criterion does not exist. */
export const isLookupError = (e: unknown): e is DtiError =>
  e instanceof DtiError && (e.code === 'unknown-rubric' || e.code === 'unknown-unit' || e.code === 'unknown-criterion');

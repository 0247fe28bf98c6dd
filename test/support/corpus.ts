/**
 * The hostile corpus's table (test/fixtures/hostile/cases.json, written by
 * scripts/make-hostile-corpus.ts): what `dti` must answer for each damaged or hostile input.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

export const CORPUS = join(__dirname, '..', 'fixtures', 'hostile');

export interface HostileCase {
  file: string;
  /** What the file is, in a few words. */
  about: string;
  command: 'verify' | 'score' | 'template' | 'rank';
  /** `dti verify --json`'s status for the file. */
  status?: 'valid' | 'valid-untrusted' | 'partial' | 'invalid' | 'unsigned' | 'malformed';
  exit: number;
  /** A fragment the output (standard output and error) must hold. */
  message: string;
  /** A fragment it must not hold. */
  absent?: string;
  /** A fragment the ranking CSV must hold (rank). */
  csv?: string;
  /** No output line longer than this (an echoed value is cut). */
  maxLine?: number;
  /** Milliseconds the whole command may take, process start included. */
  maxMs?: number;
  /** Not a file of the repository: made by the test. */
  make?: 'fifo' | 'dev-zero' | 'folder';
}

export const hostileCases = (): HostileCase[] => JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8'));

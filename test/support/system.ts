/**
 * System programs some suites need (LibreOffice, Chromium, OpenSSL, nginx). Where one is missing its suite
 * is skipped with one line saying what to install; under CI (CI=true) a missing program fails the
 * run instead, so CI can never pass without them. `.ci/run` installs them all.
 */
import { existsSync } from 'fs';
import { spawnSync } from 'child_process';

export interface SystemProgram {
  /** What it is, for the message. */
  name: string;
  /** The Debian install line (README › Development lists the macOS/Windows equivalents). */
  install: string;
  available: () => boolean;
}

const runs = (command: string, args: string[]) => () => {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 60000 }).status === 0;
  } catch {
    return false;
  }
};

export const LIBREOFFICE: SystemProgram = {
  name: 'LibreOffice',
  install: 'apt-get install libreoffice-calc-nogui',
  available: runs('soffice', ['--version']),
};
export const PDFTOTEXT: SystemProgram = {
  name: 'pdftotext',
  install: 'apt-get install poppler-utils',
  available: runs('pdftotext', ['-v']),
};
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM: SystemProgram = {
  name: 'Chromium',
  install: 'apt-get install chromium',
  available: () => existsSync(CHROMIUM_PATH),
};
export const OPENSSL: SystemProgram = {
  name: 'OpenSSL',
  install: 'apt-get install openssl',
  available: runs('openssl', ['version']),
};

export const NGINX: SystemProgram = {
  name: 'nginx',
  install: 'apt-get install nginx-light',
  available: runs('nginx', ['-v']),
};

/** Whether a program one test of a suite needs is there (the rest of the suite runs without it); a failure under CI. */
export function hasProgram(program: SystemProgram): boolean {
  if (program.available()) return true;
  const line = `${program.name} not found — ${program.install}`;
  if (process.env.CI) throw new Error(`CI needs ${line} (.ci/run installs it)`);
  process.stderr.write(`skipped: ${line}\n`);
  return false;
}

/** `describe` when every program is there; otherwise `describe.skip` and one line on stderr (or a failure under CI). */
export function describeWith(programs: SystemProgram[]): jest.Describe {
  const missing = programs.filter((p) => !p.available());
  if (missing.length === 0) return describe;
  const line = missing.map((p) => `${p.name} not found — ${p.install}`).join('; ');
  if (process.env.CI) throw new Error(`CI needs ${line} (.ci/run installs it)`);
  process.stderr.write(`skipped: ${line}\n`);
  return describe.skip;
}

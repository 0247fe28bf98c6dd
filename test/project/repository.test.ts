/**
 * The repository stands alone: no test, script or build step reads outside it. Checked two ways:
 * no file names a path to a folder beside the checkout, and the suites that read test material run
 * in a copy of the tree placed in an empty temporary folder (as a contributor's fresh clone is).
 */
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';

const root = join(__dirname, '..', '..');
const IGNORED = new Set(['node_modules', 'dist', 'test-output', '.git', 'coverage']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (IGNORED.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Spelled in pieces so this file does not match itself.
const SHARED = 'shared';
const OUTSIDE = [
  new RegExp(`\\.\\./${SHARED}\\b`),
  new RegExp(`'\\.\\.',\\s*'\\.\\.',\\s*'${SHARED}'`),
  new RegExp(`'${SHARED}',\\s*'fixtures'`),
  new RegExp(`${SHARED}/fixtures`),
];
const CODE = /\.(ts|tsx|js|json|sh)$|^run$/;

describe('the repository stands alone', () => {
  test('no code, test, script or config names a folder beside the checkout', () => {
    const offenders = files(root)
      .filter((f) => CODE.test(f.split('/').pop()!) && !f.endsWith('package-lock.json'))
      .filter((f) => OUTSIDE.some((re) => re.test(readFileSync(f, 'utf8'))))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  test('the suites that read test material pass in a copy of the tree with nothing beside it', () => {
    const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (listed.status !== 0) {
      process.stderr.write('skipped: not a git checkout, so the tree to copy is unknown\n');
      return;
    }
    const copy = join(mkdtempSync(join(tmpdir(), 'dti-alone-')), 'repo');
    for (const file of listed.stdout.split('\0').filter((f) => f && existsSync(join(root, f)))) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const suites = ['signature/fixtures', 'signature/zip', 'signature/c14n', 'signature/flat-xml', 'signature/browser'];
    // The copy's own jest, without the global setup (the web build is not what is checked here).
    const config = JSON.stringify({
      rootDir: copy,
      roots: ['<rootDir>/test'],
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
    });
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        config,
        '--ci',
        ...suites.map((s) => `test/${s}.test.ts`),
      ],
      { cwd: copy, encoding: 'utf8' },
    );
    expect([run.status, run.status === 0 ? '' : run.stderr.slice(-3000)]).toEqual([0, '']);
    expect(run.stderr).toMatch(new RegExp(`Test Suites: ${suites.length} passed`));
    execFileSync('rm', ['-rf', dirname(copy)]);
  }, 120000);
});

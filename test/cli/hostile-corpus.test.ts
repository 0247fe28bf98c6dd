/**
 * The hostile corpus (test/fixtures/hostile, scripts/make-hostile-corpus.ts) through the built
 * `dti`: every case of its table gets the status, exit code and message the table says, within its
 * time bound, and no output line carries a control character, a bidirectional override or (where
 * the table bounds it) an echo longer than the bound. Cases that cannot be files in a repository
 * (a FIFO, a link to /dev/zero, a folder named .xlsx) are made in a temporary folder first.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CORPUS, hostileCases, type HostileCase } from '../support/corpus';

const root = join(__dirname, '..', '..');
const cases = hostileCases();
const work = mkdtempSync(join(tmpdir(), 'dti-hostile-'));
const ca = join(CORPUS, 'corpus-ca.pem');

/** Where a case's input is: the corpus file, or the FIFO, link or folder made for it. */
function inputOf(c: HostileCase): string {
  if (!c.make) return join(CORPUS, c.file);
  const path = join(work, c.file);
  if (existsSync(path)) return path;
  if (c.make === 'fifo') spawnSync('mkfifo', [path]);
  else if (c.make === 'dev-zero') symlinkSync('/dev/zero', path);
  else mkdirSync(path);
  return path;
}

function argsOf(c: HostileCase, input: string, out: string): string[] {
  switch (c.command) {
    case 'verify':
      return ['verify', input, '--trust', ca, '--json'];
    case 'score':
      return ['score', input];
    case 'template':
      return ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', input, '--out', join(out, 'moi.xlsx')];
    case 'rank':
      return [
        'rank',
        input,
        '--rubric',
        'hue-2263-2023',
        '--unit',
        'xa',
        '--out',
        join(out, 'xep-hang.xlsx'),
        '--trust',
        ca,
      ];
  }
}

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('the corpus has a case for each failure the issue reproduced', () => {
  const about = cases.map((c) => c.about).join('\n');
  for (const topic of [
    /comment/,
    /extLst/,
    /hidden row/,
    /back-dated/,
    /2099/,
    /renamed/,
    /inserted/,
    /nested/,
    /60 MB/,
    /media/,
    /\.xls|97–2003/,
    /CSV/,
    /empty/,
    /100,000 deep/,
    /__proto__/,
    /trimmed/,
    /FIFO/,
    /dev\/zero/,
    /\.p7s/,
    /HYPERLINK/,
    /escape/,
  ])
    expect(about).toMatch(topic);
});

describe.each(cases.map((c) => [`${c.command} ${c.file}: ${c.about}`, c] as const))('%s', (_, c) => {
  test(`exit ${c.exit}${c.status ? `, ${c.status}` : ''}, "${c.message.slice(0, 40)}", within ${c.maxMs} ms`, () => {
    const input = inputOf(c);
    const out = mkdtempSync(join(work, 'out-'));
    const started = Date.now();
    const r = spawnSync('node', [join(root, 'bin', 'dti.js'), ...argsOf(c, input, out)], {
      encoding: 'utf8',
      timeout: (c.maxMs ?? 8000) + 5000,
    });
    const elapsed = Date.now() - started;
    const output = `${r.stdout}\n${r.stderr}`;
    expect({ exit: r.status, signal: r.signal }).toEqual({ exit: c.exit, signal: null });
    expect(output).toContain(c.message);
    if (c.absent) expect(output).not.toContain(c.absent);
    expect(output).not.toMatch(/Lỗi nội bộ|Internal error|EPIPE|at .*\.js:\d+/);
    expect(output.split('\n').filter((l) => UNSAFE.test(l))).toEqual([]);
    if (c.maxLine) expect(Math.max(...output.split('\n').map((l) => l.length))).toBeLessThanOrEqual(c.maxLine);
    if (c.csv) expect(readFileSync(join(out, 'xep-hang.csv'), 'utf8')).toContain(c.csv);
    expect(elapsed).toBeLessThanOrEqual(c.maxMs ?? 8000);
    if (c.status) expect((JSON.parse(r.stdout) as { status: string }[])[0].status).toBe(c.status);
  }, 40000);
});

// The FIFO and the link go with the temporary folder.
afterAll(() => spawnSync('rm', ['-rf', work]));

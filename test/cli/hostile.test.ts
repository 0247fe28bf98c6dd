/**
 * `dti` against hostile and clumsy use (issue 13, Why §8–§10) where the corpus table cannot say it
 * all: a batch holding a FIFO and a link to /dev/zero ends at once, `| head -1` ends quietly, an
 * --out among the submissions is refused before anything runs, what reaches the terminal carries
 * no escape sequence while --json keeps the name whole, and echoed values stay short.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/main';
import { CORPUS } from '../support/corpus';

const root = join(__dirname, '..', '..');
const dti = (args: string[], options: { cwd?: string } = {}) =>
  spawnSync('node', [join(root, 'bin', 'dti.js'), ...args], { encoding: 'utf8', timeout: 60000, ...options });
const ca = join(CORPUS, 'corpus-ca.pem');

/** `run` in memory, reading the named files from disk as the real CLI does (safe read included). */
async function inProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => new Uint8Array(readFileSync(p)),
    writeFile: () => undefined,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('a batch with files that never end', () => {
  test('rank a folder holding a FIFO, a link to /dev/zero and a folder named .xlsx among good files: done at once, each reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-fifo-'));
    for (const name of ['a.xlsx', 'b.xlsx']) copyFileSync(join(CORPUS, 'good.xlsx'), join(dir, name));
    spawnSync('mkfifo', [join(dir, 'c-fifo.xlsx')]);
    symlinkSync('/dev/zero', join(dir, 'd-zero.xlsx'));
    mkdirSync(join(dir, 'e-folder.xlsx'));
    const outDir = mkdtempSync(join(tmpdir(), 'dti-fifo-out-'));
    const started = Date.now();
    const r = dti([
      'rank',
      dir,
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--out',
      join(outDir, 'x.xlsx'),
      '--trust',
      ca,
      '--json',
    ]);
    expect(Date.now() - started).toBeLessThan(15000); // the worker time-out is 20 s
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { file: string; rank: number | null; reason: string | null }[];
    const reason = (f: string) => rows.find((x) => x.file.endsWith(f))?.reason ?? '';
    // The two good files are one unit's submission twice: one is ranked, the other listed as such.
    expect(rows.filter((x) => x.rank !== null)).toHaveLength(1);
    expect(
      [reason('a.xlsx'), reason('b.xlsx')].filter((x) => /^Nộp trùng: bản được tính là [ab]\.xlsx/.test(x)),
    ).toHaveLength(1);
    expect(reason('c-fifo.xlsx')).toMatch(/không phải tệp thông thường \(ống dẫn, thiết bị hay socket\)/);
    expect(reason('d-zero.xlsx')).toMatch(/không phải tệp thông thường/);
    expect(reason('e-folder.xlsx')).toMatch(/đây là một thư mục/);
  }, 60000);

  test('--trust naming a FIFO is refused at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-fifo-'));
    spawnSync('mkfifo', [join(dir, 'ca.pem')]);
    const r = dti(['verify', join(CORPUS, 'good.xlsx'), '--trust', join(dir, 'ca.pem')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--trust .*ca\.pem: không đọc được chứng thư số \(không phải tệp thông thường/);
  }, 30000);
});

describe('output', () => {
  test('| head -1 ends quietly: no EPIPE stack trace', () => {
    const r = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(join(root, 'bin', 'dti.js'))} score examples/*.json --json | head -c 20`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stdout.length).toBe(20);
    expect(r.stderr).toBe('');
  }, 30000);

  test('a unit name with escape sequences (ESC written _x001B_ as Excel does): stripped in the terminal, whole and escaped in --json', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'dti-esc-'));
    const args = [
      'rank',
      join(CORPUS, 'escape-name.xlsx'),
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--out',
      join(outDir, 'x.xlsx'),
    ];
    const text = dti(args);
    expect(text.stdout).toContain('Xã [2J[31mĐỏ0mBidi');
    expect(text.stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    const json = dti([...args, '--json']);
    expect(json.stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    expect(json.stdout).toContain('\\u001b[2J');
    expect(json.stdout).toContain('\\u009b0m');
    expect((JSON.parse(json.stdout) as { unitName: string }[])[0].unitName).toBe(
      'Xã \u001b[2J\u001b[31mĐỏ\u009b0m\u202eBidi',
    );
  }, 60000);

  test('echoed values are cut to 80 characters, in every message', async () => {
    const r = await inProcess(['score', join(CORPUS, 'long-value.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`"${'x'.repeat(80)}…"`);
    expect(r.stdout).not.toContain('x'.repeat(81));
    const usage = await inProcess(['score', `--${'y'.repeat(5000)}`]);
    expect(usage.code).toBe(2);
    expect(usage.stderr.length).toBeLessThan(300);
    expect(usage.stderr).toContain('…');
  });
});

describe('the ranking is never written among the submissions', () => {
  const args = (input: string, out: string) => [
    'rank',
    input,
    '--rubric',
    'hue-2263-2023',
    '--unit',
    'xa',
    '--out',
    out,
  ];

  test('--out inside the folder of submissions, or naming a submission: exit 2, nothing read or written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-out-'));
    copyFileSync(join(CORPUS, 'good.xlsx'), join(dir, 'a.xlsx'));
    const before = readFileSync(join(dir, 'a.xlsx'));
    const inside = dti(args(dir, join(dir, 'xep-hang.xlsx')));
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/--out .*xep-hang\.xlsx nằm trong thư mục bài nộp/);
    mkdirSync(join(dir, 'ket-qua'));
    expect(dti(args(dir, join(dir, 'ket-qua', 'x.xlsx'))).status).toBe(2);
    const over = dti(args(join(dir, 'a.xlsx'), join(dir, 'a.xlsx')));
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/--out .*a\.xlsx là một tệp bài nộp/);
    expect(readFileSync(join(dir, 'a.xlsx'))).toEqual(before);
    expect(existsSync(join(dir, 'xep-hang.xlsx'))).toBe(false);
    const link = mkdtempSync(join(tmpdir(), 'dti-out-link-'));
    symlinkSync(dir, join(link, 'nop'));
    expect(dti(args(dir, join(link, 'nop', 'x.xlsx'))).status).toBe(2); // the same folder by another path
  }, 60000);
});

describe('self-assessment files', () => {
  test('__proto__ and constructor are unknown criteria (exit 1), not values that vanish', async () => {
    const r = await inProcess(['score', join(CORPUS, 'proto.json'), '--json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { criterion?: string; code: string }[] }).problems;
    expect(problems.filter((p) => p.code === 'unknown-criterion').map((p) => p.criterion)).toEqual([
      '__proto__',
      'constructor',
    ]);
  });

  test('ids equal once trimmed: exit 2, naming both', async () => {
    const r = await inProcess(['score', join(CORPUS, 'trimmed.json'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('values: "I.1.1", " I.1.1 " are the same id "I.1.1" once spaces are trimmed; keep one');
  });

  test('100,000-deep arrays: a message, not an internal error', async () => {
    const r = await inProcess(['score', join(CORPUS, 'deep.json'), '--lang', 'en']);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining('nested deeper than 32 levels, not a self-assessment'),
    ]);
  });

  test.each([
    ['old.xls', 'an Excel 97–2003 file (.xls)'],
    ['sheet.csv', 'a CSV file'],
    ['sheet.ods', 'an OpenDocument file (.ods/.odt)'],
    ['empty.xlsx', 'the file is empty (0 bytes)'],
  ])('%s: says what it is', async (file, what) => {
    const r = await inProcess(['score', join(CORPUS, file), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(what);
    expect(r.stderr).not.toMatch(/not valid JSON/);
  });
});

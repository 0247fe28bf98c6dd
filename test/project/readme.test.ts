/**
 * Every `dti` command in the README works as written: each line of its bash blocks that calls
 * `dti` runs, in order, in an empty folder holding only a link to the repository's examples, with
 * `dti` standing for the built binary (what `npm link` puts on the PATH). Exit 0 or 1 (an entered
 * value invalid, a file not valid) are answers; 2 (the command or a file unusable) or an internal
 * error means the README is wrong.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');

function readmeCommands(): string[] {
  const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```bash\n([\s\S]*?)```/g)].map(
    (m) => m[1],
  );
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => /^dti\s/.test(line));
}

describe('the README', () => {
  const commands = readmeCommands();

  test('shows the dti commands (help, rubrics, criteria, score, template, verify, rank, appraise, publish)', () => {
    const used = new Set(commands.map((c) => c.split(/\s+/)[1]));
    expect([...used].sort()).toEqual([
      'appraise',
      'criteria',
      'help',
      'publish',
      'rank',
      'rubrics',
      'score',
      'template',
      'verify',
    ]);
  });

  test('every dti command in it works as written, in order, from a fresh folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-readme-'));
    symlinkSync(join(root, 'examples'), join(dir, 'examples'), 'dir');
    try {
      const failures: string[] = [];
      for (const command of commands) {
        const r = spawnSync(
          'bash',
          ['-c', `dti() { node ${JSON.stringify(join(root, 'bin', 'dti.js'))} "$@"; }\n${command}`],
          { cwd: dir, encoding: 'utf8' },
        );
        if (r.status !== 0 && r.status !== 1)
          failures.push(`${command}\n  → exit ${r.status}: ${r.stderr.trim().slice(0, 300)}`);
        else if (/Lỗi nội bộ|Internal error/.test(r.stderr))
          failures.push(`${command}\n  → ${r.stderr.trim().slice(0, 300)}`);
      }
      expect(failures).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});

/** The `dti` command: output shapes, exit codes and the messages bad input gets. */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/main';
import { dti } from '../support/dti';
import { signatureFixture } from '../support/fixtures';

const file = (o: unknown) => JSON.stringify(o);

describe('dti rubrics', () => {
  test('--json lists every rubric and unit with its scored criteria and max (null for level rubrics)', async () => {
    const { code, stdout } = await dti(['rubrics', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { rubric: string; unit: string; criteria: number; max: number | null }[];
    const get = (rubric: string, unit: string) => rows.find((r) => r.rubric === rubric && r.unit === unit);
    expect(Object.keys(rows[0]).sort()).toEqual(['criteria', 'max', 'rubric', 'unit']);
    // Declared in the decisions: Hà Nội "TỔNG (34 chỉ số) 350" and "(47 chỉ số) 300"; 2263 "600";
    // Kon Tum "38 tiêu chí thành phần" and "33 tiêu chí thành phần".
    expect(get('hanoi-5279-2025', 'so')).toEqual({ rubric: 'hanoi-5279-2025', unit: 'so', criteria: 34, max: 350 });
    expect(get('hanoi-5279-2025', 'xa')).toEqual({ rubric: 'hanoi-5279-2025', unit: 'xa', criteria: 47, max: 300 });
    expect(get('hue-2263-2023', 'xa')?.max).toBe(600);
    expect(get('kontum-121-2025', 'xa')).toEqual({ rubric: 'kontum-121-2025', unit: 'xa', criteria: 38, max: null });
    expect(get('kontum-121-2025', 'huyen')).toEqual({
      rubric: 'kontum-121-2025',
      unit: 'huyen',
      criteria: 33,
      max: null,
    });
    expect(
      rows
        .filter((r) => r.rubric === 'hue-931-2024')
        .map((r) => r.unit)
        .sort(),
    ).toEqual(['huyen', 'so', 'xa']);
    expect(rows).toHaveLength(8);
  });

  test('without --json prints a Vietnamese table', async () => {
    const { stdout } = await dti(['rubrics']);
    expect(stdout).toContain('Bộ tiêu chí');
    expect(stdout).toContain('5279/QĐ-UBND');
  });
});

describe('dti score', () => {
  const hanoi = { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 0.9, '1.1': 5 } };

  test('--json prints the result shape with pillars, criteria and problems', async () => {
    const { code, stdout } = await dti(['score', 'a.json', '--json'], { 'a.json': file(hanoi) });
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ rubric: 'hanoi-5279-2025', unit: 'xa', total: 23, max: 300, level: null });
    expect(r.percent).toBeCloseTo((23 / 300) * 100, 2);
    expect(r.pillars).toHaveLength(8);
    expect(r.criteria.find((c: { id: string }) => c.id === '6.4')).toMatchObject({
      id: '6.4',
      points: 18,
      max: 20,
      status: 'ok',
    });
    // The 45 indicators not entered are reported, never silently zero.
    expect(r.problems.filter((p: { code: string }) => p.code === 'missing-value')).toHaveLength(45);
  });

  test('a readable Vietnamese table without --json', async () => {
    const { code, stdout } = await dti(['score', 'a.json'], { 'a.json': file(hanoi) });
    expect(code).toBe(0);
    expect(stdout).toContain('Tổng điểm: 23 / 300');
    expect(stdout).toContain('chưa nhập');
  });

  const bad: [string, unknown, number, RegExp][] = [
    ['unknown rubric', { rubric: 'hue-1-2020', unit: 'xa', values: {} }, 2, /Không có bộ tiêu chí "hue-1-2020"/],
    ['unknown unit', { rubric: 'hanoi-5279-2025', unit: 'huyen', values: {} }, 2, /không có loại đơn vị "huyen"/],
    [
      'unknown criterion',
      { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '9.9': 1 } },
      1,
      /9\.9: Không có tiêu chí "9\.9"/,
    ],
    [
      'a value of the wrong kind',
      { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 'nhiều' } },
      1,
      /6\.4: "nhiều" không phải tỷ lệ; cần tử số và mẫu số \(số nguyên\), hoặc tỷ lệ phần trăm/,
    ],
    [
      'a share above 100 %',
      { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 90 } },
      1,
      /6\.4: tỷ lệ 90 lớn hơn 100%: có phải 90%\? Nhập 90% hoặc 0,9/,
    ],
    [
      'a negative count',
      { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': { numerator: -3, denominator: 10 } } },
      1,
      /6\.4: .*tử số: số lượng -3 là số âm/,
    ],
    ['a file without values', { rubric: 'hanoi-5279-2025', unit: 'xa' }, 2, /cần \{"rubric": ID/],
  ];
  test.each(bad)('%s → a clear message and a non-zero exit', async (_name, content, exitCode, message) => {
    const { code, stdout, stderr } = await dti(['score', 'f.json'], { 'f.json': file(content) });
    expect(code).toBe(exitCode);
    expect(stdout + stderr).toMatch(message);
    expect(stdout + stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('malformed JSON and a missing file name the file', async () => {
    const broken = await dti(['score', 'x.json'], { 'x.json': '{"rubric": ' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/x\.json: không phải JSON hợp lệ/);
    const missing = await dti(['score', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: không tìm thấy tệp/);
  });

  test('English messages with --lang en', async () => {
    const { stdout } = await dti(['score', 'f.json', '--lang', 'en'], {
      'f.json': file({ rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 90 } }),
    });
    expect(stdout).toMatch(/6\.4: share 90 is above 100%: did you mean 90%\? Enter 90% or 0\.9/);
  });

  test('usage errors', async () => {
    expect((await dti(['frobnicate'])).code).toBe(2);
    expect((await dti(['score'])).stderr).toMatch(/Cách dùng/);
    expect((await dti(['rubrics', '--bogus'])).stderr).toMatch(/Không có tùy chọn "--bogus"/);
    expect((await dti(['--help'])).code).toBe(0);
  });
});

describe('the installed binary', () => {
  test('bin/dti.js runs the built CLI: exit codes and output through a real process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, file({ rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 0.9 } }));
    const out = execFileSync('node', ['bin/dti.js', 'score', good, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).total).toBe(18);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{oops');
    const r = spawnSync('node', ['bin/dti.js', 'score', bad], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('không phải JSON hợp lệ');
  });
});

describe('dti template and scoring a filled workbook', () => {
  test('writes a template, fills it from a self-assessment, and scores the .xlsx like the .json', async () => {
    const json = JSON.stringify({
      rubric: 'hue-2263-2023',
      unit: 'xa',
      unitName: 'Phường Phú Hội',
      year: 2025,
      values: {
        'I.1.1': 'deputy',
        'I.2.2': { organised: true, chairedByHead: true },
        'VI.4.1': { numerator: 45, denominator: 60 },
      },
    });
    const made = await dti(
      ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'],
      { 'a.json': json },
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Đã tạo a\.xlsx: 79 tiêu chí/);
    const fromXlsx = await dti(['score', 'a.xlsx', '--json'], { 'a.xlsx': made.written['a.xlsx'] });
    const fromJson = await dti(['score', 'a.json', '--json'], { 'a.json': json });
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromJson.stdout));
    // 5 (deputy, 50% of 10) + 2 (organised + chaired) + 7.5 (45/60 of 10)
    expect(JSON.parse(fromXlsx.stdout).total).toBe(14.5);
  });

  test('--from an older template keeps its entries', async () => {
    const first = await dti([
      'template',
      '--rubric',
      'kontum-121-2025',
      '--unit',
      'xa',
      '--unit-name',
      'Xã Đắk Blà',
      '--year',
      '2025',
      '--out',
      'k.xlsx',
    ]);
    const again = await dti(
      ['template', '--rubric', 'kontum-121-2025', '--unit', 'xa', '--from', 'k.xlsx', '--out', 'k2.xlsx', '--json'],
      { 'k.xlsx': first.written['k.xlsx'] },
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ out: 'k2.xlsx', criteria: 38, lost: [] });
    const scored = JSON.parse(
      (await dti(['score', 'k2.xlsx', '--json'], { 'k2.xlsx': again.written['k2.xlsx'] })).stdout,
    );
    expect(scored.unitName).toBe('Xã Đắk Blà');
  });

  test('bad template requests and non-template workbooks get clear messages', async () => {
    expect((await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa'])).stderr).toMatch(
      /Cách dùng: dti template/,
    );
    expect((await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'so', '--out', 'x.xlsx'])).stderr).toMatch(
      /không có loại đơn vị "so"/,
    );
    expect(
      (await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--year', '99', '--out', 'x.xlsx'])).stderr,
    ).toMatch(/--year cần năm từ 2000 đến 2100/);
    const notTemplate = await dti(['score', 'p.xlsx'], { 'p.xlsx': signatureFixture('hello-world-unsigned.xlsx') });
    expect(notTemplate.code).toBe(2);
    expect(notTemplate.stderr).toMatch(/p\.xlsx: không phải mẫu tự đánh giá DTI/);
  });
});

/** `run` with the repository's real files to read and every write kept in memory. */
const dtiHere = (args: string[], io: Partial<Parameters<typeof run>[1]> = {}) =>
  dti(args, {}, { readFile: (p) => new Uint8Array(readFileSync(p)), ...io });

/** The words of an example command line, as a shell splits them ("…" kept together). */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

const COMMAND_NAMES = ['rubrics', 'criteria', 'score', 'template', 'verify', 'rank'];

describe('dti help', () => {
  test('dti help is the global help, listing every command; exit 0', async () => {
    const help = await dti(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await dti(['--help'])).stdout);
    for (const c of COMMAND_NAMES) expect(help.stdout).toContain(`dti ${c}`);
    expect(help.stdout).toContain('dti help LỆNH');
  });

  test.each(COMMAND_NAMES)(
    'dti help %s, the same as its --help: its synopsis, what it does, its options and examples',
    async (command) => {
      const help = await dti(['help', command]);
      expect(help.code).toBe(0);
      expect((await dti([command, '--help'])).stdout).toBe(help.stdout);
      expect(help.stdout).toMatch(new RegExp(`^Cách dùng: dti ${command}\\b`));
      expect(help.stdout).toMatch(/\nTùy chọn:\n {2}--/);
      expect(help.stdout).toMatch(new RegExp(`\\nVí dụ:\\n {2}dti ${command}\\b`));
      expect(help.stdout).toContain('Mã thoát:');
      // Its own usage, not the global help.
      for (const other of COMMAND_NAMES.filter((c) => c !== command))
        expect(help.stdout).not.toMatch(new RegExp(`^ {2}dti ${other}\\b`, 'm'));
      const english = await dti(['help', command, '--lang', 'en']);
      expect(english.stdout).toMatch(
        new RegExp(`^Usage: dti ${command}\\b[^]*\\nOptions:[^]*\\nExamples:[^]*\\nExit codes:`),
      );
      expect(english.stdout).not.toMatch(/Cách dùng|Tùy chọn|Ví dụ|TỆP|LOẠI/);
    },
  );

  test('the rank synopsis has every option, --json included', async () => {
    const synopsis = (await dti(['help', 'rank'])).stdout.split('\n')[0];
    for (const flag of ['--rubric', '--unit', '--out', '--trust', '--by total|percent', '[--json]'])
      expect(synopsis).toContain(flag);
    expect((await dti(['rank'])).stderr).toMatch(/Cách dùng: dti rank .*\[--json\]/);
  });

  test('an unknown topic: a message and exit 2', async () => {
    const r = await dti(['help', 'foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không có lệnh "foo" \(xem dti help\)/);
    expect((await dti(['help', 'foo', '--lang', 'en'])).stderr).toMatch(/Unknown command "foo"/);
    expect((await dti(['foo', '--help'])).code).toBe(2);
  });

  test('every example in the help works from the repository root', async () => {
    const examples: string[] = [];
    for (const c of COMMAND_NAMES) {
      const help = (await dti(['help', c])).stdout;
      examples.push(
        ...help
          .split('Ví dụ:\n')[1]
          .split('\n\n')[0]
          .split('\n')
          .map((l) => l.trim()),
      );
    }
    expect(examples.length).toBeGreaterThanOrEqual(COMMAND_NAMES.length);
    const broken: { example: string; code: number; stderr: string }[] = [];
    for (const example of examples) {
      const [dtiWord, ...args] = words(example);
      expect(dtiWord).toBe('dti');
      const r = await dtiHere(args);
      // 1 is a result too (verify: some file is not validly signed); 2 means the example is broken.
      if (r.code > 1 || r.stderr) broken.push({ example, code: r.code, stderr: r.stderr });
    }
    expect(broken).toEqual([]);
  }, 120000);

  test('the installed binary: dti help rank prints the rank usage, exit 0', () => {
    const r = spawnSync('node', ['bin/dti.js', 'help', 'rank'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Cách dùng: dti rank .*\[--json\]/);
  });
});

describe('files that cannot be written or read', () => {
  test('--out in a folder that does not exist: the path and why, exit 2, through the binary', () => {
    const r = spawnSync(
      'node',
      ['bin/dti.js', 'template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', '/nonexistent/dir/x.xlsx'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      '✗ Không ghi được tệp /nonexistent/dir/x.xlsx: thư mục /nonexistent/dir không tồn tại',
    );
    const en = spawnSync(
      'node',
      [
        'bin/dti.js',
        'template',
        '--rubric',
        'hue-2263-2023',
        '--unit',
        'xa',
        '--out',
        '/nonexistent/dir/x.xlsx',
        '--lang',
        'en',
      ],
      { encoding: 'utf8' },
    );
    expect(en.stderr.trim()).toBe('✗ Cannot write /nonexistent/dir/x.xlsx: no such folder /nonexistent/dir');
  });

  test('--out naming a folder, and a file without permission', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-out-'));
    const folder = spawnSync(
      'node',
      ['bin/dti.js', 'template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', dir],
      { encoding: 'utf8' },
    );
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain(`Không ghi được tệp ${dir}: đây là một thư mục, không phải tệp`);
    const refused = await dtiHere(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', 'ro/x.xlsx'], {
      writeFile: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('✗ Không ghi được tệp ro/x.xlsx: không có quyền ghi');
  });

  test('dti rank: an unwritable --out is refused before any file is read; a missing folder of submissions too', () => {
    const r = spawnSync(
      'node',
      [
        'bin/dti.js',
        'rank',
        'test/fixtures/signatures',
        '--rubric',
        'hue-2263-2023',
        '--unit',
        'xa',
        '--out',
        '/nonexistent/dir/x.xlsx',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      '✗ Không ghi được tệp /nonexistent/dir/x.xlsx: thư mục /nonexistent/dir không tồn tại',
    );
    const missing = spawnSync(
      'node',
      [
        'bin/dti.js',
        'rank',
        '/nonexistent/nop',
        '--rubric',
        'hue-2263-2023',
        '--unit',
        'xa',
        '--out',
        join(tmpdir(), 'x.xlsx'),
        '--lang',
        'en',
      ],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('✗ /nonexistent/nop: no such file or folder');
    for (const out of [r, missing]) expect(out.stderr).not.toMatch(/Lỗi nội bộ|Internal error|ENOENT|\n\s+at /);
  });

  test('dti score on a folder says so', async () => {
    const r = spawnSync('node', ['bin/dti.js', 'score', 'examples'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('✗ examples: đây là một thư mục, không phải tệp');
  });
});

describe('dti verify and dti rank without a signing CA', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dti-nop-'));
    mkdirSync(join(dir, 'nop'));
    mkdirSync(join(dir, 'empty'));
    // A filled template nobody signed (total 420.09), another rubric's template, a broken file.
    const made = await dtiHere([
      'template',
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--from',
      'examples/hue-2263-2023-xa.json',
      '--out',
      'a.xlsx',
    ]);
    writeFileSync(join(dir, 'nop', 'a-phu-hoi.xlsx'), made.written['a.xlsx']);
    const other = await dtiHere([
      'template',
      '--rubric',
      'hue-931-2024',
      '--unit',
      'xa',
      '--from',
      'examples/hue-931-2024-xa.json',
      '--out',
      'b.xlsx',
    ]);
    writeFileSync(join(dir, 'nop', 'b-931.xlsx'), other.written['b.xlsx']);
    writeFileSync(join(dir, 'nop', 'c-hong.xlsx'), new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    writeFileSync(join(dir, 'nop', 'ghi-chu.txt'), 'not a submission');
  }, 60000);
  const rank = (...extra: string[]) =>
    dtiHere([
      'rank',
      join(dir, 'nop'),
      '--rubric',
      'hue-2263-2023',
      '--unit',
      'xa',
      '--out',
      'xep-hang.xlsx',
      ...extra,
    ]);

  test('a submission without a rank shows why, in the terminal and in --json', async () => {
    const text = await rank();
    expect(text.code).toBe(0);
    const line = (file: string) => text.stdout.split('\n').find((l) => l.includes(file)) ?? '';
    expect(text.stdout).toMatch(/Phường Phú Hội +420,09 +Chưa ký +Chưa ký số/);
    expect(text.stdout).toContain('Không xếp hạng (3):');
    expect(line('a-phu-hoi.xlsx:')).toContain('Chưa ký số');
    expect(line('b-931.xlsx:')).toContain('Mẫu hue-931-2024 (xa), không phải hue-2263-2023 (xa)');
    expect(line('c-hong.xlsx:')).toContain('Tệp lỗi, không đọc được');
    expect(text.stdout).toContain('Xếp hạng 0/3 bài nộp. Đã ghi xep-hang.xlsx và xep-hang.csv.');

    const rows = JSON.parse((await rank('--json')).stdout) as {
      rank: number | null;
      file: string;
      status: string;
      reason: string | null;
      reasons: string[];
      problems: string[];
    }[];
    const row = (name: string) => rows.find((r) => r.file.endsWith(name))!;
    expect(row('a-phu-hoi.xlsx')).toMatchObject({ rank: null, status: 'unsigned', problems: [], reason: 'Chưa ký số' });
    expect(row('a-phu-hoi.xlsx').reasons.join(' ')).toMatch(/không có chữ ký số/);
    expect(row('b-931.xlsx').reason).toBe('Chưa ký số; Mẫu hue-931-2024 (xa), không phải hue-2263-2023 (xa)');
    expect(row('c-hong.xlsx')).toMatchObject({ status: 'malformed', reason: 'Tệp lỗi, không đọc được' });
  }, 60000);

  test('numbers print the same way in every command of a language: 420,09 in Vietnamese, 420.09 in English', async () => {
    const total = (stdout: string) =>
      stdout
        .split('\n')
        .find((l) => l.includes('Phường Phú Hội'))!
        .slice(43, 51)
        .trim();
    expect((await dtiHere(['score', 'examples/hue-2263-2023-xa.json'])).stdout).toContain('Tổng điểm: 420,09 / 600');
    expect(total((await rank()).stdout)).toBe('420,09');
    expect((await dtiHere(['score', 'examples/hue-2263-2023-xa.json', '--lang', 'en'])).stdout).toContain(
      'Total: 420.09 / 600',
    );
    expect(total((await rank('--lang', 'en')).stdout)).toBe('420.09');
  }, 60000);

  test('--lang en: headers, statuses, reasons and the final line in English; numbers with a decimal point', async () => {
    const en = await rank('--lang', 'en');
    expect(en.stdout).toMatch(/^ Rank +Unit +Total +Signature +Note/);
    expect(en.stdout).toMatch(/Phường Phú Hội +420\.09 +Unsigned +Not digitally signed/);
    expect(en.stdout).toContain('A hue-931-2024 (xa) template, not hue-2263-2023 (xa)');
    expect(en.stdout).toContain('Not ranked (3):');
    expect(en.stdout).toContain('Ranked 0 of 3 submissions. Wrote xep-hang.xlsx and xep-hang.csv.');
    // Only the verifier's own reasons (bulleted) stay Vietnamese, with their English gloss.
    const cliWritten = en.stdout.split('\n').filter((l) => !/^\s+• /.test(l));
    expect(cliWritten.join('\n')).not.toMatch(/Hạng|Đơn vị|Chữ ký|Ghi chú|Chưa ký|Tệp lỗi|Mẫu |Đã ghi|Đồng hạng/);
    expect(Buffer.from(en.written['xep-hang.csv']).toString('utf8')).toMatch(/^\uFEFFRank,Unit,File,Total,Max,Percent/);
    const json = JSON.parse((await rank('--lang', 'en', '--json')).stdout) as { file: string; reason: string }[];
    expect(json.find((r) => r.file.endsWith('a-phu-hoi.xlsx'))?.reason).toBe('Not digitally signed');
  }, 60000);

  test('dti verify --lang en: the table, statuses and the summary in English', async () => {
    const en = await dtiHere([
      'verify',
      'test/fixtures/signatures/hello-world-signed.xlsx',
      join(dir, 'nop', 'a-phu-hoi.xlsx'),
      '--lang',
      'en',
    ]);
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/^File +Status +Signer +Signed at/);
    // Office's 2009 signature: its certificate expired in 2011 and nothing but the signer vouches
    // for the signing time, so it is checked now (issue 13): invalid.
    expect(en.stdout).toMatch(/hello-world-signed\.xlsx +Invalid +/);
    expect(en.stdout).toMatch(/a-phu-hoi\.xlsx +Unsigned/);
    expect(en.stdout).toContain('Accepted: 0 of 2 files');
    const cliWritten = en.stdout.split('\n').filter((l) => !/^\s+• /.test(l));
    expect(cliWritten.join('\n')).not.toMatch(/Tệp|Trạng thái|Người ký|hợp lệ|Chưa ký|Đạt/);
    const vi = await dtiHere(['verify', 'test/fixtures/signatures/hello-world-signed.xlsx']);
    expect(vi.stdout).toMatch(/^Tệp +Trạng thái +Người ký +Thời điểm ký/);
    expect(vi.stdout).toMatch(/hello-world-signed\.xlsx +Không hợp lệ +/);
    expect(vi.stdout).toContain('Đạt: 0/1 tệp');
  }, 60000);

  test('an empty folder, or no .xlsx file among the paths: a message and exit 2', async () => {
    for (const [args, path] of [
      [
        ['rank', join(dir, 'empty'), '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', 'x.xlsx'],
        join(dir, 'empty'),
      ],
      [['rank', 'examples', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--out', 'x.xlsx'], 'examples'],
      [['verify', join(dir, 'empty')], join(dir, 'empty')],
      // A file named on the command line is said what it is ("not a submission": plain text).
      [
        ['verify', join(dir, 'nop', 'ghi-chu.txt')],
        `${join(dir, 'nop', 'ghi-chu.txt')} (ghi-chu.txt: tệp văn bản, không phải JSON)`,
      ],
    ] as [string[], string][]) {
      const r = await dtiHere(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`✗ Không có tệp .xlsx nào để xử lý trong: ${path}`);
      expect(r.written).toEqual({});
    }
    expect((await dtiHere(['verify', join(dir, 'empty'), '--lang', 'en'])).stderr).toBe(
      `✗ No .xlsx file to work on in: ${join(dir, 'empty')}`,
    );
  });
});

describe('start-up', () => {
  /** The modules a run of the built binary loaded. */
  const loaded = (args: string[]) => {
    const script = `process.argv = [process.argv[0], 'dti', ...${JSON.stringify(args)}]; require('./bin/dti.js'); process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));`;
    const r = spawnSync('node', ['-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return JSON.parse(r.stderr) as string[];
  };

  test('scoring a .json file and listing the rubrics load neither ExcelJS, zod nor the worker pool', () => {
    for (const args of [['score', 'examples/hue-2263-2023-xa.json'], ['rubrics']]) {
      const modules = loaded(args);
      expect(modules.filter((m) => /node_modules[\\/](exceljs|zod|fflate|saxes)[\\/]/.test(m))).toEqual([]);
      expect(modules.map((m) => m.replace(process.cwd(), '.'))).toEqual(['./bin/dti.js', './dist/cli/main.js']);
    }
  });

  test('the built CLI carries rubrics validated at build time, not the schema', () => {
    const main = readFileSync('dist/cli/main.js', 'utf8');
    expect(main).not.toMatch(/safeParse|RubricSchema/);
    expect(main).toContain('hue-2263-2023');
  });

  test('a rubric that fails the schema fails the CLI build', async () => {
    // The CLI's own webpack configuration, on an entry that imports a broken rubric.
    const dir = join(process.cwd(), 'test-output', 'broken-rubric');
    mkdirSync(join(dir, 'src', 'rubrics'), { recursive: true });
    const rubric = JSON.parse(readFileSync('src/rubrics/hue-2263-2023.json', 'utf8'));
    rubric.criteria[0].max = 'mười'; // a mistyped point
    writeFileSync(join(dir, 'src', 'rubrics', 'broken.json'), JSON.stringify(rubric));
    writeFileSync(join(dir, 'entry.js'), "module.exports = require('./src/rubrics/broken.json');");
    const [cli] = require('../../webpack.cli.config.js');
    const webpack = require('webpack');
    const config = {
      ...cli,
      entry: { broken: join(dir, 'entry.js') },
      output: { ...cli.output, path: join(dir, 'out'), clean: false },
    };
    const stats = await new Promise<{ hasErrors(): boolean; toString(o: unknown): string }>((resolve, reject) =>
      webpack(config, (e: Error, s: never) => (e ? reject(e) : resolve(s))),
    );
    expect(stats.hasErrors()).toBe(true);
    expect(stats.toString({ all: false, errors: true })).toMatch(/Bộ tiêu chí hue-2263-2023 không hợp lệ/);
  }, 60000);
});

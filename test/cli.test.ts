/** The `dti` command: output shapes, exit codes and the messages bad input gets. */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../src/cli/main';
import { signatureFixture } from './support/fixtures';

async function dti(args: string[], files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, Uint8Array> = {};
  const code = await run(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (p in files) return typeof files[p] === 'string' ? new TextEncoder().encode(files[p] as string) : (files[p] as Uint8Array);
      const e = new Error('ENOENT') as NodeJS.ErrnoException;
      e.code = 'ENOENT';
      throw e;
    },
    writeFile: (p, bytes) => {
      written[p] = bytes;
    },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), written };
}

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
    expect(get('kontum-121-2025', 'huyen')).toEqual({ rubric: 'kontum-121-2025', unit: 'huyen', criteria: 33, max: null });
    expect(rows.filter((r) => r.rubric === 'hue-931-2024').map((r) => r.unit).sort()).toEqual(['huyen', 'so', 'xa']);
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
    expect(r.criteria.find((c: { id: string }) => c.id === '6.4')).toMatchObject({ id: '6.4', points: 18, max: 20, status: 'ok' });
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
    ['unknown criterion', { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '9.9': 1 } }, 1, /9\.9: Không có tiêu chí "9\.9"/],
    ['a value of the wrong kind', { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 'nhiều' } }, 1, /6\.4: Giá trị không hợp lệ: "nhiều" không phải tỷ lệ; cần tỷ lệ 0–1/],
    ['a ratio outside 0–1', { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 90 } }, 1, /6\.4: .*ngoài 0–1/],
    ['a negative count', { rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': { numerator: -3, denominator: 10 } } }, 1, /6\.4: .*tử số: số lượng -3 là số âm/],
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
    const { stdout } = await dti(['score', 'f.json', '--lang', 'en'], { 'f.json': file({ rubric: 'hanoi-5279-2025', unit: 'xa', values: { '6.4': 90 } }) });
    expect(stdout).toMatch(/6\.4: Invalid value: ratio 90 is outside 0–1/);
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
    const json = JSON.stringify({ rubric: 'hue-2263-2023', unit: 'xa', unitName: 'Phường Phú Hội', year: 2025, values: { 'I.1.1': 'deputy', 'I.2.2': { organised: true, chairedByHead: true }, 'VI.4.1': { numerator: 45, denominator: 60 } } });
    const made = await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'], { 'a.json': json });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Đã tạo a\.xlsx: 79 tiêu chí/);
    const fromXlsx = await dti(['score', 'a.xlsx', '--json'], { 'a.xlsx': made.written['a.xlsx'] });
    const fromJson = await dti(['score', 'a.json', '--json'], { 'a.json': json });
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromJson.stdout));
    // 5 (deputy, 50% of 10) + 2 (organised + chaired) + 7.5 (45/60 of 10)
    expect(JSON.parse(fromXlsx.stdout).total).toBe(14.5);
  });

  test('--from an older template keeps its entries', async () => {
    const first = await dti(['template', '--rubric', 'kontum-121-2025', '--unit', 'xa', '--unit-name', 'Xã Đắk Blà', '--year', '2025', '--out', 'k.xlsx']);
    const again = await dti(['template', '--rubric', 'kontum-121-2025', '--unit', 'xa', '--from', 'k.xlsx', '--out', 'k2.xlsx', '--json'], { 'k.xlsx': first.written['k.xlsx'] });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ out: 'k2.xlsx', criteria: 38, lost: [] });
    const scored = JSON.parse((await dti(['score', 'k2.xlsx', '--json'], { 'k2.xlsx': again.written['k2.xlsx'] })).stdout);
    expect(scored.unitName).toBe('Xã Đắk Blà');
  });

  test('bad template requests and non-template workbooks get clear messages', async () => {
    expect((await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa'])).stderr).toMatch(/Cách dùng: dti template/);
    expect((await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'so', '--out', 'x.xlsx'])).stderr).toMatch(/không có loại đơn vị "so"/);
    expect((await dti(['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--year', '99', '--out', 'x.xlsx'])).stderr).toMatch(/--year cần năm từ 2000 đến 2100/);
    const notTemplate = await dti(['score', 'p.xlsx'], { 'p.xlsx': signatureFixture('hello-world-unsigned.xlsx') });
    expect(notTemplate.code).toBe(2);
    expect(notTemplate.stderr).toMatch(/p\.xlsx: không phải mẫu tự đánh giá DTI/);
  });
});

/**
 * `dti score FILE --previous OLD` and `dti template --previous OLD`: last year's file scored under
 * the rubric it names, the comparison printed and in --json's `previous`; an unreadable OLD is
 * exit 2 naming it. Huế 931/2024 for a commune: I.1 is 5 points for a steering committee, I.2 10
 * for two meetings and 5 for one.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { dti } from '../support/dti';

const file = (year: number, values: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ rubric: 'hue-931-2024', unit: 'xa', unitName: 'Xã Phú Thượng', year, values, ...extra });

const lastYear = file(2024, { 'I.1': false, 'I.2': 1 });
const thisYear = file(2025, { 'I.1': true, 'I.2': 2 });
const hue2263 = readFileSync(join(__dirname, '..', '..', 'examples', 'hue-2263-2023-xa.json'), 'utf8');

describe('dti score --previous', () => {
  test('--json: a previous object with both years per criterion and pillar, and the change', async () => {
    const { code, stdout } = await dti(['score', 'now.json', '--previous', 'old.json', '--json'], {
      'now.json': thisYear,
      'old.json': lastYear,
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.total).toBe(15); // this year's result, as without --previous
    const { previous } = out;
    expect(previous).toMatchObject({ rubric: 'hue-931-2024', year: 2024, added: [], removed: [], warnings: [] });
    const i1 = previous.criteria.find((c: { id: string }) => c.id === 'I.1');
    expect(i1).toMatchObject({ previous: { value: 0, max: 5 }, current: { value: 5, max: 5 }, change: 5 });
    const i2 = previous.criteria.find((c: { id: string }) => c.id === 'I.2');
    expect(i2).toMatchObject({ previous: { value: 5 }, current: { value: 10 }, change: 5 });
    expect(previous.pillars.find((p: { id: string }) => p.id === 'I')).toMatchObject({ change: 10 });
    expect(previous.total).toMatchObject({ previous: { value: 5 }, current: { value: 15 }, change: 10 });
  });

  test('the text output adds the comparison tables after the score', async () => {
    const { stdout } = await dti(['score', 'now.json', '--previous', 'old.json'], {
      'now.json': thisYear,
      'old.json': lastYear,
    });
    const at = stdout.indexOf('So sánh với năm 2024');
    expect(at).toBeGreaterThan(stdout.indexOf('Tổng điểm'));
    const pillarI = stdout
      .slice(at)
      .split('\n')
      .find((l) => /^I\s+Nhận thức số/.test(l))!;
    expect(pillarI).toMatch(/5\/170\s+15\/170\s+\+10/);
    expect(stdout).toMatch(/Tiêu chí mới, không có năm trước \(0\): —/);
  });

  test('across decisions (2263 → 931): every criterion unmatched, listed; last year scored under 2263', async () => {
    const { code, stdout } = await dti(['score', 'now.json', '--previous', 'old.json', '--json', '--lang', 'en'], {
      'now.json': thisYear,
      'old.json': hue2263,
    });
    expect(code).toBe(0);
    const { previous } = JSON.parse(stdout);
    expect(previous.rubric).toBe('hue-2263-2023');
    expect(previous.added).toHaveLength(50);
    expect(previous.removed).toHaveLength(79);
    // 2263's own total for the example, as `dti score` gives it alone.
    const alone = JSON.parse((await dti(['score', 'old.json', '--json'], { 'old.json': hue2263 })).stdout);
    expect(previous.total.previous.value).toBe(alone.total);
    const removed = previous.criteria.find((c: { id: string }) => c.id === 'I.1.1');
    expect(removed.remarks).toEqual([{ kind: 'removed', message: 'No longer in this year’s set' }]);
    expect(previous.warnings).toEqual(['Last year\'s file is for "Phường Phú Hội", not "Xã Phú Thượng"']);
  });

  test('a filled workbook as last year: read through the template, scored as its .json', async () => {
    const made = await dti(
      ['template', '--rubric', 'hue-931-2024', '--unit', 'xa', '--from', 'old.json', '--out', 'old.xlsx'],
      {
        'old.json': lastYear,
      },
    );
    const { code, stdout } = await dti(['score', 'now.json', '--previous', 'old.xlsx', '--json'], {
      'now.json': thisYear,
      'old.xlsx': made.written['old.xlsx'],
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).previous.total).toMatchObject({ previous: { value: 5 }, change: 10 });
  });

  test('another unit type last year: a warning, still compared, exit 0', async () => {
    const department = JSON.stringify({ rubric: 'hue-931-2024', unit: 'so', year: 2024, values: { 'I.1': true } });
    const { code, stdout } = await dti(['score', 'now.json', '--previous', 'old.json'], {
      'now.json': thisYear,
      'old.json': department,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('! Tệp năm trước là của loại đơn vị "so", năm nay là "xa"');
  });

  test('an unreadable or missing last-year file: exit 2 naming it, nothing scored', async () => {
    const broken = await dti(['score', 'now.json', '--previous', 'old.json'], {
      'now.json': thisYear,
      'old.json': '{"rubric": ',
    });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^✗ Tệp năm trước old\.json: /);
    expect(broken.stdout).toBe('');
    const missing = await dti(['score', 'now.json', '--previous', 'gone.xlsx', '--lang', 'en'], {
      'now.json': thisYear,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^✗ Last year's file gone\.xlsx: /);
    const notWorkbook = await dti(['score', 'now.json', '--previous', 'x.xlsx'], {
      'now.json': thisYear,
      'x.xlsx': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]),
    });
    expect(notWorkbook.code).toBe(2);
    expect(notWorkbook.stderr).toContain('x.xlsx');
  });

  test('--previous with several files is a usage error', async () => {
    const r = await dti(['score', 'a.json', 'b.json', '--previous', 'old.json'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--previous');
  });
});

describe('dti template --previous', () => {
  test('the summary sheet of the written template holds the comparison; an unreadable OLD is exit 2', async () => {
    const made = await dti(
      [
        'template',
        '--rubric',
        'hue-931-2024',
        '--unit',
        'xa',
        '--from',
        'now.json',
        '--previous',
        'old.json',
        '--out',
        't.xlsx',
        '--json',
      ],
      { 'now.json': thisYear, 'old.json': lastYear },
    );
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).previous).toEqual({ file: 'old.json', year: 2024 });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(made.written['t.xlsx']) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect([6, 7, 8].map((c) => summary.getRow(4).getCell(c).value)).toEqual(['Năm trước', 'Năm nay', 'Thay đổi']);
    // Pillar I (row 5): 5 last year, this year's 15 from the live cell, +10.
    expect(summary.getCell('F5').value).toBe(5);
    expect(summary.getCell('G5').value).toMatchObject({ formula: 'C5', result: 15 });
    expect(summary.getCell('H5').value).toMatchObject({ result: 10 });

    const bad = await dti(
      ['template', '--rubric', 'hue-931-2024', '--unit', 'xa', '--previous', 'old.json', '--out', 't.xlsx'],
      { 'old.json': 'not json' },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('old.json');
  });
});

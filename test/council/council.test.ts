/**
 * The council's re-scoring and ranking (signatures are covered by the signature tests): scores come
 * from the inputs, numbers stored in the file are only compared, ties share a rank.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assess } from '../../src/engine';
import { sampleValues } from '../support/sample';
import { assessFiles } from '../../src/cli/batch/pool';
import { assessSubmission, rankSubmissions, type SubmissionResult } from '../../src/council';
import { rankingCsv } from '../../src/cli/ranking-file';
import { getRubric } from '../../src/rubrics';
import { buildTemplate, entriesFromValues } from '../../src/template';
import { writeXlsx } from '../../src/xlsx';
import { signatureFixture } from '../support/fixtures';

const rubric = getRubric('hue-2263-2023');

async function submission(seed: number, unitName: string) {
  const values = sampleValues(rubric, 'xa', seed);
  const entries = entriesFromValues(rubric, 'xa', values);
  const spec = buildTemplate(rubric, { unit: 'xa', unitName, year: 2025, entries });
  return { values, spec, bytes: await writeXlsx(spec) };
}

/** Rewrites one stored formula result in the main sheet, as an edit outside the add-in would. */
function tamperStoredResult(bytes: Uint8Array, address: string, value: number): Uint8Array {
  const files = unzipSync(bytes);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const edited = sheet.replace(
    new RegExp(`(<c r="${address}"[^>]*>(?:<f>[^<]*</f>))<v>[^<]*</v>`),
    `$1<v>${value}</v>`,
  );
  expect(edited).not.toBe(sheet);
  files['xl/worksheets/sheet1.xml'] = strToU8(edited);
  return zipSync(files);
}

describe('re-scoring a submission', () => {
  test('scores from the inputs and agrees with the stored numbers of an untouched file', async () => {
    const { values, bytes } = await submission(3, 'Phường An Cựu');
    const r = await assessSubmission('a.xlsx', bytes);
    expect(r.status).toBe('unsigned');
    const direct = assess(rubric, { unit: 'xa', unitName: 'Phường An Cựu', year: 2025, values });
    expect(r.assessment?.total).toBe(direct.total);
    // Every criterion's score travels with the result, and the entry as text; its other texts do not (dti score gives them).
    expect(r.assessment?.criteria.map(({ entry: _, ...c }) => c)).toEqual(
      direct.criteria.map(({ id, pillar, points, max, status, effect }) => ({
        id,
        pillar,
        points,
        max,
        status,
        effect,
      })),
    );
    expect(r.differences).toEqual([]);
    expect(r.seal).toBe('absent');
  });

  test('a stored number edited in the file is flagged; the score still comes from the inputs', async () => {
    const { spec, bytes } = await submission(4, 'Phường Vĩnh Ninh');
    const cell = `${spec.layout.score}${spec.layout.rows['I.4.1']}`;
    const r = await assessSubmission('b.xlsx', tamperStoredResult(bytes, cell, 99));
    expect(r.differences).toEqual([expect.objectContaining({ criterion: 'I.4.1', cell, stored: 99 })]);
    const honest = await assessSubmission('b0.xlsx', bytes);
    expect(r.assessment?.total).toBe(honest.assessment?.total);
  });

  test('a workbook that is not a DTI template says so', async () => {
    const r = await assessSubmission('x.xlsx', signatureFixture('hello-world-unsigned.xlsx'));
    expect(r.problems).toEqual(['Không phải mẫu tự đánh giá DTI (thiếu trang _dti)']);
  });

  test('worker pool: files are read in workers under a time limit; a file that cannot be read does not stop the batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-pool-'));
    const good = join(dir, 'good.xlsx');
    writeFileSync(good, (await submission(5, 'Xã Phú Thượng')).bytes);
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    const results = await assessFiles(
      [good, broken, join(dir, 'missing.xlsx')],
      {},
      { concurrency: 2, timeoutMs: 20000 },
    );
    expect(results.map((r) => r.status)).toEqual(['unsigned', 'malformed', 'malformed']);
    expect(results[0].assessment?.total).toBeGreaterThan(0);
    expect(results[2].reasons.join(' ')).toMatch(/ENOENT|không/);
  }, 60000);

  test('worker pool: a file over the time limit is reported, its worker replaced, and the files the worker held are still done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dti-pool-'));
    const paths = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const p = join(dir, `xa-${i}.xlsx`);
        writeFileSync(p, (await submission(i, `Xã ${i}`)).bytes);
        return p;
      }),
    );
    // 1 ms is less than any file takes (a new worker alone needs more), so every file times out
    // once it is the one its worker is on: none may be lost, repeated or reported out of order.
    let progress = 0;
    const results = await assessFiles(
      paths,
      {},
      { concurrency: 2, timeoutMs: 1, onProgress: (done) => (progress = done) },
    );
    expect(results.map((r) => r.file)).toEqual(paths);
    expect(
      results.every((r) => r.status === 'malformed' && /Quá thời gian xử lý \(1 ms\).*timeout/.test(r.reasons[0])),
    ).toBe(true);
    expect(progress).toBe(5);
    // With a sane limit the same files all score.
    const fine = await assessFiles(paths, {}, { concurrency: 2 });
    expect(fine.map((r) => r.unitName)).toEqual(['Xã 1', 'Xã 2', 'Xã 3', 'Xã 4', 'Xã 5']);
  }, 60000);
});

describe('ranking', () => {
  const result = (unitName: string, total: number, status: SubmissionResult['status'] = 'valid'): SubmissionResult => ({
    file: `${unitName}.xlsx`,
    status,
    signer: null,
    signedAt: null,
    reasons: [],
    unitName,
    assessment: {
      total,
      max: 600,
      percent: (total / 600) * 100,
      level: null,
      nextLevel: null,
      pillars: [],
      criteria: [],
      problems: [],
      rubric: rubric.id,
      version: '1.0.0',
      unit: 'xa',
    },
    differences: [],
    seal: 'valid',
    problems: [],
    templateProblems: [],
  });

  test('by total; equal totals share a rank and the next rank is skipped (1, 2, 2, 4); tied units by name', () => {
    const rows = rankSubmissions(rubric, [
      result('Xã C', 410),
      result('Xã B', 420.5),
      result('Xã A', 410),
      result('Xã D', 398.25),
      result('Xã E', 500, 'invalid'),
    ]);
    expect(rows.map((r) => [r.rank, r.submission.unitName])).toEqual([
      [1, 'Xã B'],
      [2, 'Xã A'],
      [2, 'Xã C'],
      [4, 'Xã D'],
      [null, 'Xã E'], // not validly signed: listed, not ranked
    ]);
  });

  test('a seal that does not match is not ranked, whatever the signature: listed with the reason', () => {
    const edited = { ...result('Xã A', 500), seal: 'broken' as const };
    const rows = rankSubmissions(rubric, [edited, result('Xã B', 300)]);
    expect(rows.map((r) => [r.rank, r.submission.unitName])).toEqual([
      [1, 'Xã B'],
      [null, 'Xã A'],
    ]);
    expect(rows[1].unranked.map((x) => x.vi)).toEqual([
      'Mã niêm phong không khớp với số liệu: số liệu đã bị sửa sau khi niêm phong',
    ]);
  });

  test('with --trust, only trusted signatures rank', () => {
    const rows = rankSubmissions(rubric, [result('Xã A', 400, 'valid-untrusted'), result('Xã B', 300)], 'total', true);
    expect(rows.map((r) => [r.rank, r.submission.unitName])).toEqual([
      [1, 'Xã B'],
      [null, 'Xã A'],
    ]);
  });

  test('the CSV carries rank, unit, totals, signature status and problems', () => {
    const csv = rankingCsv(rubric, rankSubmissions(rubric, [result('Xã A, Huế', 410), result('Xã B', 420)]));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^Hạng,Đơn vị,Tệp,Tổng điểm,Tối đa,Tỷ lệ \(%\)/);
    expect(lines[1]).toMatch(/^1,Xã B,Xã B\.xlsx,420,600,70,/);
    expect(lines[2]).toMatch(/^2,"Xã A, Huế",/);
  });
});

describe('the fast reader used for batches reads what ExcelJS reads', () => {
  test.each([
    ['hue-931-2024', 'huyen'],
    ['kontum-121-2025', 'huyen'],
    ['hanoi-5279-2025', 'so'],
  ] as const)('%s %s', async (rubricId, unit) => {
    const { readParts } = await import('../../src/workbook/read-parts');
    const { loadXlsx } = await import('../../src/xlsx/read');
    const { readEntries, readTemplateInfo, toAssessmentInput } = await import('../../src/template/entries');
    const r = getRubric(rubricId);
    const values = sampleValues(r, unit, 8);
    const spec = buildTemplate(r, {
      unit,
      unitName: 'Sở Du lịch',
      year: 2025,
      entries: entriesFromValues(r, unit, values),
    });
    const bytes = await writeXlsx(spec);
    const slow = await loadXlsx(bytes);
    const fast = readParts(new Map(Object.entries(unzipSync(bytes))));
    const inputOf = (wb: typeof slow) => toAssessmentInput(r, readEntries(wb.read, readTemplateInfo(wb.read)!));
    expect(assess(r, inputOf(fast))).toEqual(assess(r, inputOf(slow)));
    for (const row of Object.values(spec.layout.rows)) {
      const address = `${spec.layout.score}${row}`;
      expect([
        address,
        fast.cachedResult(spec.layout.sheet, address),
        fast.formula(spec.layout.sheet, address),
      ]).toEqual([address, slow.cachedResult(spec.layout.sheet, address), slow.formula(spec.layout.sheet, address)]);
    }
    expect(fast.read('_dti', 'B1')).toBe(slow.read('_dti', 'B1'));
  });
});

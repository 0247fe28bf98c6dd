/**
 * The two appraisal rounds of Hà Nội 5279/QĐ-UBND Điều 5 (2: the council appraises, round 1;
 * 3: on its result the units add explanations and evidence; 4: the council appraises again, round
 * 2), end to end with files alone on signed submissions (a throw-away test CA): submissions →
 * `dti appraise` → three criteria cut with reasons in the council's workbook (edited with ExcelJS,
 * as a council edits it) → `dti feedback` → each unit's `dti template --from … --feedback …`,
 * explanations and one added document typed in, sealed and signed again (one response also changes
 * an entered value) → `dti appraise --round 2 --previous …` → round-2 points edited → `dti rank`.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  FEEDBACK_SHEET,
  RANKING_SHEET,
  ROUND2_COLUMNS as R2,
  readFeedbackFile,
  type Feedback,
} from '../../src/council';
import {
  computeSeal,
  META_SHEET,
  readEntries,
  readTemplateInfo,
  SEAL_ROWS,
  YES,
  type TemplateInfo,
} from '../../src/template';
import { loadXlsx } from '../../src/xlsx';
import { dti } from '../support/dti';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedSubmission } from '../support/submissions';
import { convert, sheetCsv } from '../support/libreoffice';
import { LIBREOFFICE } from '../support/system';

const RUBRIC = ['--rubric', 'hue-2263-2023', '--unit', 'xa'];

/**
 * Every unit enters the same sample entries, with three plans and platforms marked done and the
 * website's digital-transformation section not (2263/QĐ-UBND Phụ lục 3: II.1.1 five-year plan
 * 5 points, II.2.1 annual plan 10 points, III.6.3 digital workplace 10 points, I.5.1 website
 * section 4 points), so every unit re-scores to the same total T and only the rounds tell them apart.
 */
const COMMON = { 'II.1.1': true, 'II.2.1': true, 'III.6.3': true, 'I.5.1': false };

const UNITS = {
  A: 'Phường An Cựu',
  B: 'Phường Vĩnh Ninh',
  C: 'Phường Phú Hội',
  D: 'Xã Phú Mậu',
  E: 'Phường Thuận Hóa',
} as const;

interface RankRow {
  rank: number | null;
  unitName: string;
  total: number | null;
  problems: string[];
  changes?: { criterion: string; rescored: number; appraised: number }[];
}

async function editWorkbook(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The rows of "Thẩm định" by unit and criterion. */
function appraisalRows(ws: ExcelJS.Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, r) => {
    const id = row.getCell(COL.criterion).value;
    if (id) rows.set(`${row.getCell(COL.unit).value}|${id}`, r);
  });
  return rows;
}

/** Sealed as the pane's Submit step seals: the seal of the entries as read back, in `_dti`. */
async function seal(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await loadXlsx(bytes);
  const s = await computeSeal(readEntries(wb.read, readTemplateInfo(wb.read)!), '2025-12-05T08:00:00.000Z');
  return editWorkbook(bytes, (x) => {
    const meta = x.getWorksheet(META_SHEET)!;
    for (const [key, row] of Object.entries(SEAL_ROWS)) {
      meta.getCell(`A${row}`).value = `seal.${key}`;
      meta.getCell(`B${row}`).value = (s as unknown as Record<string, string | number>)[key];
    }
  });
}

describe('two appraisal rounds with the units’ explanations between (5279/QĐ-UBND Điều 5)', () => {
  let pki: TestPki;
  let round1Dir: string;
  let round2Dir: string;
  const out = '/virtual/out';
  const submissions: Record<string, Uint8Array> = {};
  let council1: Uint8Array;
  let feedback: Record<string, { json: Feedback; xlsx: Uint8Array }>;
  let responses: Record<string, Uint8Array>;
  let council2: Uint8Array;
  let round2Json: {
    responses: { file: string; kind: string; explained: string[]; changed: { criterion: string }[] }[];
  };
  const signer = () => ({ privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem });
  // The test CA's certificates start today: sign shortly after, to the second.
  const at = (s: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + s * 1000);

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    round1Dir = mkdtempSync(join(tmpdir(), 'dti-round1-'));
    round2Dir = mkdtempSync(join(tmpdir(), 'dti-round2-'));
    const trust = ['--trust', join(pki.dir, 'root.pem')];
    for (const [k, name] of Object.entries(UNITS).filter(([k]) => k !== 'E')) {
      submissions[k] = await signXlsx(await sealedSubmission(1, name, false, { values: COMMON }), signer(), at(60));
      writeFileSync(join(round1Dir, `${k}.xlsx`), submissions[k]);
    }
    // Round 1: the workbook, then three criteria cut with reasons, as a council edits it.
    const r1 = await dti(['appraise', round1Dir, ...RUBRIC, ...trust, '--out', `${out}/td1.xlsx`]);
    expect([r1.code, r1.stderr]).toEqual([0, '']);
    council1 = await editWorkbook(r1.written[`${out}/td1.xlsx`], (wb) => {
      const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
      const rows = appraisalRows(ws);
      const cut = (unit: string, id: string, points: number, reason: string, note?: string) => {
        const r = rows.get(`${unit}|${id}`)!;
        ws.getCell(`${COL.appraised}${r}`).value = points;
        ws.getCell(`${COL.reason}${r}`).value = reason;
        if (note) ws.getCell(`${COL.note}${r}`).value = note;
      };
      cut(UNITS.A, 'II.1.1', 0, 'Tài liệu không ký số');
      cut(UNITS.B, 'III.6.3', 0, 'Thiếu tài liệu kiểm chứng');
      cut(UNITS.C, 'II.2.1', 5, 'Khác', 'Kế hoạch ban hành sau hạn 31/10');
    });
    const fb = await dti(['feedback', '/virtual/td1.xlsx', '--out', `${out}/y-kien`, '--json'], {
      '/virtual/td1.xlsx': council1,
    });
    expect([fb.code, fb.stderr]).toEqual([0, '']);
    const files = JSON.parse(fb.stdout) as { unitName: string; files: string[] }[];
    feedback = Object.fromEntries(
      Object.entries(UNITS)
        .filter(([k]) => k !== 'E')
        .map(([k, name]) => {
          const f = files.find((x) => x.unitName === name)!;
          const json = JSON.parse(new TextDecoder().decode(fb.written[f.files[1]])) as Feedback;
          return [k, { json, xlsx: fb.written[f.files[0]] }];
        }),
    );

    // Each unit imports its feedback into its own workbook, explains, re-seals and signs.
    const respond = async (
      k: string,
      from: Uint8Array,
      fbFile: Uint8Array,
      fill: (ws: ExcelJS.Worksheet, info: TemplateInfo) => void,
    ) => {
      const t = await dti(
        [
          'template',
          ...RUBRIC,
          '--from',
          '/virtual/sub.xlsx',
          '--feedback',
          '/virtual/fb.xlsx',
          '--out',
          '/virtual/r.xlsx',
        ],
        { '/virtual/sub.xlsx': from, '/virtual/fb.xlsx': fbFile },
      );
      expect([t.code, t.stderr]).toEqual([0, '']);
      const imported = t.written['/virtual/r.xlsx'];
      const info = readTemplateInfo((await loadXlsx(imported)).read)!;
      const filled = await editWorkbook(imported, (wb) => fill(wb.getWorksheet(info.layout.sheet)!, info));
      return signXlsx(await seal(filled), signer(), at(120));
    };
    const explain = (id: string, text: string) => (ws: ExcelJS.Worksheet, info: TemplateInfo) => {
      ws.getCell(`${info.layout.response!.explanation}${info.layout.rows[id]}`).value = text;
    };
    responses = {
      // A explains and adds the signed plan as a document on the criterion's first document row.
      A: await respond('A', submissions.A, feedback.A.xlsx, (ws, info) => {
        explain('II.1.1', 'Bổ sung bản Kế hoạch có ký số')(ws, info);
        const { evidence: ev, rows } = info.layout;
        const r = rows['II.1.1'];
        ws.getCell(`${ev.number}${r}`).value = '125/KH-UBND';
        ws.getCell(`${ev.date}${r}`).value = new Date(Date.UTC(2025, 2, 14));
        ws.getCell(`${ev.issuer!}${r}`).value = 'UBND phường An Cựu';
        ws.getCell(`${ev.link}${r}`).value = 'ke-hoach-5-nam-ky-so.pdf';
        ws.getCell(`${ev.signed}${r}`).value = YES;
      }),
      // B explains and also turns the website section (I.5.1, not questioned) to "Có".
      // B imports the JSON form of its feedback; the others the workbook.
      B: await respond('B', submissions.B, new TextEncoder().encode(JSON.stringify(feedback.B.json)), (ws, info) => {
        explain('III.6.3', 'Nền tảng đã dùng từ tháng 6')(ws, info);
        ws.getCell(`${info.layout.valueColumn}${info.layout.rows['I.5.1']}`).value = YES;
      }),
      C: await respond('C', submissions.C, feedback.C.xlsx, explain('II.2.1', 'Kế hoạch ban hành ngày 30/10')),
      // E answers feedback naming a submission the council never appraised.
      E: await respond(
        'E',
        await signXlsx(await sealedSubmission(1, UNITS.E, false, { values: COMMON }), signer(), at(60)),
        new TextEncoder().encode(
          JSON.stringify({
            ...feedback.A.json,
            unitName: UNITS.E,
            submission: { file: 'x.xlsx', sha256: 'ab'.repeat(32) },
          }),
        ),
        explain('II.1.1', 'Giải trình'),
      ),
    };
    for (const [k, bytes] of Object.entries(responses)) writeFileSync(join(round2Dir, `${k}-giai-trinh.xlsx`), bytes);
    // D had nothing to answer: its round-1 submission goes into round 2 as it was.
    writeFileSync(join(round2Dir, 'D.xlsx'), submissions.D);
    const r2 = await dti(
      [
        'appraise',
        round2Dir,
        ...RUBRIC,
        ...trust,
        '--round',
        '2',
        '--previous',
        '/virtual/td1.xlsx',
        '--out',
        `${out}/td2.xlsx`,
        '--json',
      ],
      { '/virtual/td1.xlsx': council1 },
    );
    expect([r2.code, r2.stderr]).toEqual([0, '']);
    council2 = r2.written[`${out}/td2.xlsx`];
    round2Json = JSON.parse(r2.stdout);
  }, 240000);

  test('feedback: one file pair per unit, naming the submission by its SHA-256, with exactly the criteria cut', async () => {
    const { createHash } = await import('crypto');
    const remarked = (k: string) =>
      feedback[k].json.criteria.map((c) => [c.id, c.selfAssessed, c.appraised, c.reason, c.note]);
    expect(remarked('A')).toEqual([['II.1.1', 5, 0, 'Tài liệu không ký số', '']]);
    expect(remarked('B')).toEqual([['III.6.3', 10, 0, 'Thiếu tài liệu kiểm chứng', '']]);
    expect(remarked('C')).toEqual([['II.2.1', 10, 5, 'Khác', 'Kế hoạch ban hành sau hạn 31/10']]);
    expect(remarked('D')).toEqual([]);
    for (const k of ['A', 'B', 'C', 'D']) {
      expect(feedback[k].json.submission.sha256).toBe(createHash('sha256').update(submissions[k]).digest('hex'));
      // The workbook carries the same feedback, and shows it on its readable sheet.
      expect(readFeedbackFile(feedback[k].xlsx)).toEqual(feedback[k].json);
    }
    const wb = await loadXlsx(feedback.C.xlsx);
    expect(wb.sheetNames[0]).toBe(FEEDBACK_SHEET);
    expect([wb.read(FEEDBACK_SHEET, 'C4'), wb.read(FEEDBACK_SHEET, 'A10'), wb.read(FEEDBACK_SHEET, 'D10')]).toEqual([
      UNITS.C,
      'II.2.1',
      5,
    ]);
  });

  test('a response keeps every entry as submitted, records the round it answers, and its seal covers the explanation', async () => {
    const before = await loadXlsx(submissions.A);
    const after = await loadXlsx(responses.A);
    const [old, now] = [before, after].map((wb) => readEntries(wb.read, readTemplateInfo(wb.read)!));
    expect(now.info.layout.response).toMatchObject({
      round: 1,
      answers: feedback.A.json.submission.sha256,
      criteria: ['II.1.1'],
    });
    for (const [id, e] of Object.entries(old.entries)) {
      expect([id, now.entries[id].slots]).toEqual([id, e.slots]);
      if (id !== 'II.1.1') expect([id, now.entries[id].evidence.length]).toEqual([id, e.evidence.length]);
    }
    expect(now.entries['II.1.1'].explanation).toBe('Bổ sung bản Kế hoạch có ký số');
    expect(now.entries['II.1.1'].evidence.map((d) => d.number)).toEqual(['125/KH-UBND']);
    // The explanation is sealed: changed after sealing, the seal no longer matches.
    const v = await dti(['verify', join(round2Dir, 'A-giai-trinh.xlsx'), '--trust', join(pki.dir, 'root.pem')]);
    expect(v.stdout).toContain('Giải trình sau thẩm định vòng 1: 1 tiêu chí có giải trình');
    expect(v.stdout).toContain('Mã niêm phong khớp');
    const tampered = await editWorkbook(responses.A, (wb) => {
      const ws = wb.getWorksheet(now.info.layout.sheet)!;
      ws.getCell(`${now.info.layout.response!.explanation}${now.info.layout.rows['II.1.1']}`).value = 'sửa sau khi ký';
    });
    const file = join(mkdtempSync(join(tmpdir(), 'dti-tampered-')), 'a.xlsx');
    writeFileSync(file, tampered);
    const w = await dti(['verify', file]);
    expect(w.stdout).toContain('KHÔNG khớp');
  });

  test('round 2: explanations shown, round 1 preset, the changed value and the response answering nothing flagged', async () => {
    const byKind = Object.fromEntries(round2Json.responses.map((r) => [r.file.split('/').pop()!, r]));
    expect(byKind['A-giai-trinh.xlsx']).toMatchObject({ kind: 'response', explained: ['II.1.1'], changed: [] });
    expect(byKind['B-giai-trinh.xlsx'].changed.map((c) => c.criterion)).toEqual(['I.5.1']);
    expect(byKind['D.xlsx'].kind).toBe('unchanged');
    expect(byKind['E-giai-trinh.xlsx'].kind).toBe('unmatched');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(council2 as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
    const rows = appraisalRows(ws);
    const cell = (unit: string, id: string, col: string) => ws.getCell(`${col}${rows.get(`${unit}|${id}`)}`).value;
    // C: self-assessed 10, round 1 cut to 5, the explanation, round 2 preset to 5.
    expect([COL.selfAssessed, R2.round1, R2.explanation, COL.appraised].map((c) => cell(UNITS.C, 'II.2.1', c))).toEqual(
      [10, 5, 'Kế hoạch ban hành ngày 30/10', 5],
    );
    expect(ws.getCell(`${COL.appraised}3`).value).toBe('Điểm thẩm định vòng 2');
    // B's I.5.1: entered "Có" now, 4 points by its re-score, still 0 (round 1's) until the council decides.
    expect([cell(UNITS.B, 'I.5.1', COL.rescored), cell(UNITS.B, 'I.5.1', COL.appraised)]).toEqual([4, 0]);
    expect(String(cell(UNITS.B, 'I.5.1', R2.changed))).toMatch(
      /^Thay đổi số liệu ngoài giải trình: "Không" → "Có" \(tiêu chí Hội đồng không có ý kiến\)$/,
    );
    expect(cell(UNITS.B, 'III.6.3', R2.changed)).toBe('');
    const ranking = wb.getWorksheet(RANKING_SHEET)!;
    const problems = (unit: string) => {
      let found = '';
      ranking.eachRow((row) => {
        if (row.getCell('B').value === unit) found = String(row.getCell('M').value ?? '');
      });
      return found;
    };
    expect(problems(UNITS.B)).toContain('Thay đổi số liệu ngoài giải trình: I.5.1');
    expect(problems(UNITS.E)).toContain('Không trả lời bài nộp nào đã thẩm định ở vòng 1');
    expect(problems(UNITS.A)).toBe('');
  });

  test('the final ranking uses round 2 and equals the one worked out by hand', async () => {
    // Round 2, as a council decides: A's signed plan accepted (II.1.1 back to 5), C's plan worth 8 of 10.
    const edited = await editWorkbook(council2, (wb) => {
      const ws = wb.getWorksheet(APPRAISAL_SHEET)!;
      const rows = appraisalRows(ws);
      ws.getCell(`${COL.appraised}${rows.get(`${UNITS.A}|II.1.1`)}`).value = 5;
      ws.getCell(`${COL.appraised}${rows.get(`${UNITS.C}|II.2.1`)}`).value = 8;
    });
    const r = await dti(
      [
        'rank',
        round2Dir,
        ...RUBRIC,
        '--trust',
        join(pki.dir, 'root.pem'),
        '--appraisal',
        '/virtual/td2.xlsx',
        '--out',
        `${out}/xh.xlsx`,
        '--json',
      ],
      { '/virtual/td2.xlsx': edited },
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = JSON.parse(r.stdout) as RankRow[];
    const T = rows.find((x) => x.unitName === UNITS.D)!.total!;
    /*
     * By hand, with T the common re-score (every unit entered the same):
     *   round 1: A T−5 (II.1.1 5→0), B T−10 (III.6.3 10→0), C T−5 (II.2.1 10→5), D T.
     *   round 2: A T−5+5 = T; B T−10 (explanation not accepted; its new I.5.1 "Có" stays at
     *   round 1's 0, so the change gains nothing); C T−5+3 = T−2; D T (nothing to answer);
     *   E T (answers no round-1 submission: its re-score, flagged).
     *   Ranks (equal totals share a rank, the next skips; tied units by name):
     *   An Cựu 1, Thuận Hóa 1, Phú Mậu 1, Phú Hội 4, Vĩnh Ninh 5.
     */
    expect(rows.map((x) => [x.unitName, x.rank, x.total])).toEqual([
      [UNITS.A, 1, T],
      [UNITS.E, 1, T],
      [UNITS.D, 1, T],
      [UNITS.C, 4, Math.round((T - 2) * 100) / 100],
      [UNITS.B, 5, Math.round((T - 10) * 100) / 100],
    ]);
    // Against the responses' own re-score, round 2 changed B's I.5.1 (4 → 0) and III.6.3 (10 → 0), C's II.2.1 (10 → 8).
    const changes = (u: string) =>
      rows.find((x) => x.unitName === u)!.changes!.map((c) => [c.criterion, c.rescored, c.appraised]);
    expect(changes(UNITS.A)).toEqual([]);
    expect(changes(UNITS.B)).toEqual([
      ['I.5.1', 4, 0],
      ['III.6.3', 10, 0],
    ]);
    expect(changes(UNITS.C)).toEqual([['II.2.1', 10, 8]]);
    if (!LIBREOFFICE.available()) return;
    // The round-2 workbook's own formulas, recalculated by LibreOffice, give the same ranks and totals.
    const file = join(round2Dir, '..', `${round2Dir.split('/').pop()}-td2.xlsx`);
    writeFileSync(file, edited);
    const sheet = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
    const col = (header: string) => sheet[2].indexOf(header);
    const shown = sheet
      .slice(3)
      .filter((x) => x[col('Hạng')] !== '')
      .map((x) => [x[col('Đơn vị')], Number(x[col('Hạng')]), Number(x[col('Điểm thẩm định')])]);
    expect(shown.sort()).toEqual(rows.map((x) => [x.unitName, x.rank, x.total]).sort());
  }, 180000);
});

describe('the rounds’ commands refuse what they cannot use', () => {
  test('--round 2 needs --previous, and the other way round; --round takes 1 or 2', async () => {
    for (const extra of [
      ['--round', '2'],
      ['--previous', '/virtual/td1.xlsx'],
      ['--round', '3'],
    ]) {
      const r = await dti(['appraise', '/virtual/x', ...RUBRIC, ...extra, '--out', '/virtual/td.xlsx']);
      expect([r.code, r.stderr.startsWith('✗ --')]).toEqual([2, true]);
    }
  });

  test('a file that is not the council’s workbook: feedback and --previous say so, exit 2', async () => {
    const template = await sealedSubmission(1, UNITS.A);
    const f = await dti(['feedback', '/virtual/t.xlsx', '--out', '/virtual/out'], { '/virtual/t.xlsx': template });
    expect([f.code, f.stderr]).toEqual([
      2,
      '✗ /virtual/t.xlsx: không phải bảng thẩm định của Hội đồng (tạo bằng dti appraise)',
    ]);
    const p = await dti(
      [
        'appraise',
        '/virtual/x',
        ...RUBRIC,
        '--round',
        '2',
        '--previous',
        '/virtual/t.xlsx',
        '--out',
        '/virtual/td.xlsx',
      ],
      { '/virtual/t.xlsx': template },
    );
    expect([p.code, p.stderr]).toEqual([
      2,
      '✗ --previous /virtual/t.xlsx: không phải bảng thẩm định của Hội đồng (tạo bằng dti appraise)',
    ]);
  });

  test('feedback on another unit type is not imported', async () => {
    const feedback = {
      format: 'dti-feedback',
      version: 1,
      round: 1,
      rubric: 'hue-2263-2023',
      rubricVersion: '1.0.0',
      unit: 'huyen',
      unitName: 'Huyện A',
      submission: { file: 'a.xlsx', sha256: 'ab'.repeat(32) },
      criteria: [],
    };
    const r = await dti(['template', ...RUBRIC, '--feedback', '/virtual/f.json', '--out', '/virtual/r.xlsx'], {
      '/virtual/f.json': JSON.stringify(feedback),
    });
    expect([r.code, r.stderr]).toEqual([
      2,
      '✗ /virtual/f.json: ý kiến thẩm định theo hue-2263-2023 (huyen), không phải hue-2263-2023 (xa)',
    ]);
  });
});

/**
 * Several documents per criterion (tài liệu kiểm chứng): one a row under the criterion, checked
 * against what the decision asks, kept in the seal, in the pane's JSON export and in what
 * `dti score --json` reports, and carried by `dti template --from` from JSON and from a workbook.
 */
import fc from 'fast-check';
import { getRubric } from '../../src/rubrics';
import {
  buildTemplate,
  canonicalInputs,
  checkTemplate,
  MAIN_SHEET,
  toAssessmentInput,
  type EvidenceEntry,
  type FilledTemplate,
} from '../../src/template';
import { dti } from '../support/dti';
import { insertedMemoryWorkbook } from '../support/memory-template';

const rubric = getRubric('hue-2263-2023');

async function workbook() {
  const { wb, layout } = await insertedMemoryWorkbook(rubric);
  const ev = { ...layout.evidence, issuer: layout.evidence.issuer! };
  /** The cell of a field of the criterion's n-th document row. */
  const doc = (id: string, n: number, field: keyof typeof ev) => `${ev[field]}${layout.rows[id] + n}`;
  return { wb, layout, doc };
}

/** I.1.1 of 2263 (10 points for "Người đứng đầu … làm Trưởng Ban chỉ đạo"; the decision asks for a signed file). */
const HEAD = 'Người đứng đầu (Chủ tịch UBND cấp xã/ Bí thư Đảng ủy cấp xã) làm Trưởng Ban chỉ đạo';

describe('several documents per criterion', () => {
  test('the signed file may be any of the documents; each date is checked on its own row', async () => {
    const { wb, layout, doc } = await workbook();
    const value = `${layout.valueColumn}${layout.rows['I.1.1']}`;
    wb.set(MAIN_SHEET, value, HEAD);
    wb.set(MAIN_SHEET, doc('I.1.1', 0, 'number'), '12/QĐ-UBND');
    wb.set(MAIN_SHEET, doc('I.1.1', 0, 'signed'), 'Không');
    const problemsOf = async () =>
      checkTemplate(rubric, (await wb.readTemplate())!).filter((p) => p.criterion === 'I.1.1');
    // One unsigned document: the signed file is still missing.
    expect((await problemsOf()).map((p) => p.severity)).toEqual(['error']);

    wb.set(MAIN_SHEET, doc('I.1.1', 1, 'number'), '12/QĐ-UBND (bản ký số)');
    wb.set(MAIN_SHEET, doc('I.1.1', 1, 'signed'), 'Có');
    expect(await problemsOf()).toEqual([]);

    // The second document dated 2019 in a 2025 assessment: a warning on that document's date cell, naming it.
    wb.set(MAIN_SHEET, doc('I.1.1', 1, 'date'), '15/03/2019');
    expect(await problemsOf()).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cell: { sheet: MAIN_SHEET, address: doc('I.1.1', 1, 'date') },
        message: expect.objectContaining({ vi: expect.stringMatching(/^Tài liệu 2: Văn bản ngày 15\/03\/2019/) }),
      }),
    ]);
  });

  test('the JSON export holds every document in sheet order, without sheet rows, blank rows left out', async () => {
    const { wb, doc } = await workbook();
    wb.set(MAIN_SHEET, doc('I.1.1', 1, 'number'), '15/KH-UBND');
    wb.set(MAIN_SHEET, doc('I.1.1', 1, 'issuer'), 'UBND phường');
    const input = toAssessmentInput(rubric, (await wb.readTemplate())!);
    expect(input.evidence).toEqual({
      'I.1.1': [{ number: '15/KH-UBND', date: null, issuer: 'UBND phường', link: null, signed: null }],
    });
    expect(JSON.stringify(input)).not.toMatch(/"row"/);
  });

  test('JSON → template → dti score --json reports the same documents; dates become dates', async () => {
    const documents = [
      { number: '12/QĐ-UBND', date: '15/03/2025', issuer: 'UBND xã A', link: 'qd-12.pdf', signed: 'Có' },
      { number: '20/KH-UBND', date: '2025-04-01', issuer: null, link: null, signed: null },
    ];
    const file = JSON.stringify({
      rubric: 'hue-2263-2023',
      unit: 'xa',
      unitName: 'Xã A',
      year: 2025,
      values: { 'I.1.1': HEAD },
      evidence: { 'I.1.1': documents },
    });
    const scored = await dti(['score', 'a.json', '--json'], { 'a.json': file });
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout).evidence).toEqual({ 'I.1.1': documents });

    const made = await dti(
      ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'],
      {
        'a.json': file,
      },
    );
    expect(made.code).toBe(0);
    const back = await dti(['score', 'a.xlsx', '--json'], { 'a.xlsx': made.written['a.xlsx'] });
    expect(JSON.parse(back.stdout).evidence).toEqual({
      'I.1.1': [
        { ...documents[0], date: '2025-03-15' },
        { ...documents[1], date: '2025-04-01' },
      ],
    });
    // Two documents under a criterion that asks for a signed file, one signed: 10 points, no problem.
    expect(JSON.parse(back.stdout).criteria.find((c: { id: string }) => c.id === 'I.1.1').points).toBe(10);
  });

  test('a document the file cannot carry is said: an unknown field stops `score`, is reported lost by `template --from`', async () => {
    const file = JSON.stringify({
      rubric: 'hue-2263-2023',
      unit: 'xa',
      values: {},
      evidence: { 'I.1.1': [{ number: '1/QĐ', signer: 'Nguyễn Văn A' }], 'X.9': { number: '2/QĐ' } },
    });
    const scored = await dti(['score', 'a.json'], { 'a.json': file });
    expect(scored.code).toBe(2);
    expect(scored.stderr).toMatch(/evidence: "I\.1\.1" tài liệu 1: không có trường "signer"/);

    const made = await dti(
      ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'],
      {
        'a.json': JSON.stringify({ ...JSON.parse(file), evidence: { 'X.9': { number: '2/QĐ' } } }),
      },
    );
    expect(made.code).toBe(1);
    expect(made.stdout + made.stderr).toMatch(/X\.9 — Tài liệu kiểm chứng/);
  });

  test('the seal covers every field of every document: any change gives another digest', () => {
    const base: FilledTemplate = {
      info: {
        meta: { rubric: 'r', version: '1.0.0', unit: 'xa', unitName: '', year: 2025, templateVersion: 2 },
        layout: {
          sheet: MAIN_SHEET,
          idColumn: 'A',
          firstRow: 5,
          lastRow: 9,
          slotColumns: [],
          evidence: { number: 'M', date: 'N', issuer: 'O', link: 'P', signed: 'Q' },
          evidenceRows: { 'I.1': 3 },
          note: 'U',
          score: 'R',
          max: 'D',
          check: 'S',
          rows: { 'I.1': 5 },
          inputs: { 'I.1': ['yes-no'] },
        },
      },
      unitName: 'Xã A',
      year: 2025,
      entries: { 'I.1': { slots: ['Có'], evidence: [], note: null } },
      moved: [],
      general: {},
    };
    const docArb = fc.record({
      number: fc.option(fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== '')),
      date: fc.option(fc.integer({ min: 40000, max: 47000 })),
      issuer: fc.option(fc.constantFrom('UBND xã A', 'Sở TT&TT')),
      link: fc.option(fc.constantFrom('a.pdf', 'https://x.vn/b.pdf')),
      signed: fc.option(fc.constantFrom('Có', 'Không')),
    });
    const withDocs = (docs: EvidenceEntry[]): FilledTemplate => ({
      ...base,
      entries: { 'I.1': { ...base.entries['I.1'], evidence: docs } },
    });
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat(), (docs, which, field) => {
        const i = which % docs.length;
        const key = (['number', 'date', 'issuer', 'link', 'signed'] as const)[field % 5];
        const changed: EvidenceEntry[] = docs.map((d) => ({ ...d }));
        const date = docs[i].date;
        changed[i][key] = key === 'date' ? (typeof date === 'number' ? date + 1 : 45000) : 'khác';
        if (changed[i][key] === docs[i][key]) return;
        expect(canonicalInputs(withDocs(changed))).not.toBe(canonicalInputs(withDocs(docs)));
      }),
    );
    // Documents in another order are another submission too.
    const two = [
      { number: '1', date: null, issuer: null, link: null, signed: null },
      { number: '2', date: null, issuer: null, link: null, signed: null },
    ];
    expect(canonicalInputs(withDocs([two[1], two[0]]))).not.toBe(canonicalInputs(withDocs(two)));
  });

  test('the default room: two document rows where the decision asks for evidence, and a criterion grows to hold more', () => {
    const { layout } = buildTemplate(rubric, { unit: 'xa' });
    // 2263 I.1.1 takes one input and asks for evidence: two rows.
    expect(layout.evidenceRows?.['I.1.1']).toBe(2);
    // III.1.1 takes three inputs (two counts, or the share): its three rows hold documents too.
    expect(layout.inputs['III.1.1']).toEqual(['count', 'count', 'share']);
    expect(layout.evidenceRows?.['III.1.1']).toBe(3);
    // Three documents entered: four rows, the last one free; the next criterion starts below them.
    const doc = (n: number) => ({ number: `${n}/QĐ`, date: null, issuer: null, link: null, signed: null });
    const grown = buildTemplate(rubric, {
      unit: 'xa',
      entries: { 'I.1.1': { slots: [HEAD], evidence: [doc(1), doc(2), doc(3)], note: null } },
    }).layout;
    expect(grown.evidenceRows?.['I.1.1']).toBe(4);
    expect(grown.rows['I.1.2'] - grown.rows['I.1.1']).toBe(layout.rows['I.1.2'] - layout.rows['I.1.1'] + 2);
  });
});

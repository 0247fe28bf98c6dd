/** The pane's Check and Submit logic, on the in-memory workbook the demo and tests use. */
import { getRubric } from '../../src/rubrics';
import {
  canonicalInputs,
  checkSeal,
  checkTemplate,
  computeSeal,
  criterionAt,
  MAIN_SHEET,
  META_SHEET,
  readSeal,
  sealBlockers,
  slotCells,
  type FilledTemplate,
} from '../../src/template';
import fc from 'fast-check';
import { insertedMemoryWorkbook } from '../support/memory-template';

const rubric = getRubric('hue-2263-2023');

async function workbook() {
  const { wb, layout } = await insertedMemoryWorkbook(rubric);
  const cell = (id: string, col: string) => `${col}${layout.rows[id]}`;
  /** The cell of the criterion's n-th input (one row per input). */
  const input = (id: string, n: number) => slotCells(layout, id, layout.rows[id])[n];
  return { wb, layout, cell, input };
}

describe('check', () => {
  test('a value that needs a signed file without "Có" is an error on the signed cell; a document after the deadline is a warning', async () => {
    const { wb, layout, cell, input } = await workbook();
    wb.set(
      MAIN_SHEET,
      input('I.1.1', 0),
      'Người đứng đầu (Chủ tịch UBND cấp xã/ Bí thư Đảng ủy cấp xã) làm Trưởng Ban chỉ đạo',
    );
    // I.2.2 (Quý 1, deadline 31.3): a document dated 15/04/2025.
    wb.set(MAIN_SHEET, input('I.2.2', 0), 'Có');
    wb.set(MAIN_SHEET, input('I.2.2', 1), 'Có');
    wb.set(MAIN_SHEET, cell('I.2.2', layout.evidence.number), 'GM-01');
    wb.set(MAIN_SHEET, cell('I.2.2', layout.evidence.date), 45762); // 15/04/2025
    wb.set(MAIN_SHEET, input('I.4.1', 0), -1);
    const problems = checkTemplate(rubric, (await wb.readTemplate())!);
    const of = (id: string) => problems.filter((p) => p.criterion === id);
    expect(of('I.1.1').map((p) => [p.severity, p.cell.address])).toEqual([
      ['error', cell('I.1.1', layout.evidence.signed)],
      ['warning', cell('I.1.1', layout.evidence.number)],
    ]);
    expect(of('I.2.2')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.objectContaining({ vi: 'Văn bản ngày 15/04/2025 sau hạn hoàn thành 31/03/2025' }),
      }),
    ]);
    expect(of('I.4.1')[0]).toMatchObject({
      severity: 'error',
      message: { vi: expect.stringMatching(/số lượng -1 là số âm/) },
    });
    expect(of('I.2.1')[0]).toMatchObject({ severity: 'warning', message: { vi: expect.stringMatching(/^Chưa nhập/) } });
    // Errors come first.
    const firstWarning = problems.findIndex((p) => p.severity === 'warning');
    expect(problems.slice(firstWarning).every((p) => p.severity === 'warning')).toBe(true);
  });
});

describe('what holds back sealing', () => {
  test('an untouched template: every applicable criterion is not entered; 0, Không or Không áp dụng entered deliberately clears one', async () => {
    const { wb, input } = await workbook();
    const filled = (await wb.readTemplate())!;
    const applicable = Object.keys(wb.spec!.layout.rows);
    expect(sealBlockers(rubric, filled, checkTemplate(rubric, filled)).notEntered).toEqual(applicable);
    wb.set(MAIN_SHEET, input('I.4.1', 0), 0); // no article: 0 points, but entered
    wb.set(MAIN_SHEET, input('II.1.1', 0), 'Không');
    wb.set(MAIN_SHEET, input('I.2.1', 0), 'Không áp dụng'); // allowed: no leader on the district committee
    const after = (await wb.readTemplate())!;
    const left = sealBlockers(rubric, after, checkTemplate(rubric, after)).notEntered;
    expect(left).toEqual(applicable.filter((id) => !['I.4.1', 'II.1.1', 'I.2.1'].includes(id)));
  });

  test('2263 I.8.2 asks for a signed directive although its figures come from the system: without "Có" it is an error', async () => {
    const { wb, cell, layout, input } = await workbook();
    wb.set(MAIN_SHEET, input('I.8.2', 0), 40);
    wb.set(MAIN_SHEET, input('I.8.2', 1), 50);
    const problems = checkTemplate(rubric, (await wb.readTemplate())!).filter((p) => p.criterion === 'I.8.2');
    expect(problems.map((p) => [p.severity, p.cell.address])).toContainEqual([
      'error',
      cell('I.8.2', layout.evidence.signed),
    ]);
    wb.set(MAIN_SHEET, cell('I.8.2', layout.evidence.signed), 'Có');
    const after = checkTemplate(rubric, (await wb.readTemplate())!).filter((p) => p.criterion === 'I.8.2');
    expect(after.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('seal', () => {
  test('the seal is a SHA-256 over the canonical inputs and time; it is written where the signature covers it and inputs are locked', async () => {
    const { wb, input } = await workbook();
    wb.set(MAIN_SHEET, input('VI.4.1', 0), 45);
    wb.set(MAIN_SHEET, input('VI.4.1', 1), 60);
    const filled = (await wb.readTemplate())!;
    const seal = await computeSeal(filled, '2025-11-20T08:00:00.000Z');
    expect(seal.digest).toMatch(/^[0-9a-f]{64}$/);
    // Independently: SHA-256 of the canonical text and the time, as documented.
    const { createHash } = await import('crypto');
    expect(seal.digest).toBe(
      createHash('sha256')
        .update(`${canonicalInputs(filled)}\n2025-11-20T08:00:00.000Z`)
        .digest('hex'),
    );
    await wb.seal(seal);
    expect(readSeal((s, a) => wb.get(s, a), META_SHEET)).toEqual(seal);
    expect(wb.names.get('DTI_SEAL')).toBe(`'${META_SHEET}'!$B$8`);
    expect(() => wb.set(MAIN_SHEET, input('VI.4.1', 0), 50)).toThrow(/bị khóa/);
    expect(await checkSeal((await wb.readTemplate())!, seal)).toMatchObject({ ok: true });
  });

  test('any change to an input, evidence or note breaks the seal; a date typed as a serial or as text seals the same', async () => {
    const { wb, layout, cell } = await workbook();
    wb.set(MAIN_SHEET, cell('I.2.2', layout.evidence.date), 45762);
    const seal = await computeSeal((await wb.readTemplate())!, '2025-11-20T08:00:00.000Z');
    wb.set(MAIN_SHEET, cell('I.2.2', layout.evidence.date), '15/04/2025');
    expect((await checkSeal((await wb.readTemplate())!, seal)).ok).toBe(true);
    wb.set(MAIN_SHEET, cell('I.2.2', layout.note), 'sửa sau khi niêm phong');
    expect((await checkSeal((await wb.readTemplate())!, seal)).ok).toBe(false);
  });
});

describe('the canonical text the seal hashes (its format is fixed: seals already written must still verify)', () => {
  test('keys sorted at every level, criteria by id as text, dates as ISO, numbers at 12 significant digits, text trimmed, blanks null', () => {
    const filled = {
      info: {
        meta: { rubric: 'r', version: '1.0.0', unit: 'xa' },
        layout: { rows: { 'I.2': 5, 'I.10': 6 }, inputs: { 'I.2': ['number', 'date'], 'I.10': ['text'] } },
      },
      unitName: 'Xã A',
      year: 2025,
      entries: {
        'I.2': {
          slots: [12.300000000000001, 45762],
          evidence: [{ number: ' GM-01 ', date: '15/04/2025', issuer: null, link: null, signed: 'Có' }],
          note: '  ',
        },
      },
      moved: [],
    } as unknown as FilledTemplate;
    expect(canonicalInputs(filled)).toBe(
      '{"entries":{' +
        '"I.10":{"evidence":null,"note":null,"slots":[null]},' +
        '"I.2":{"evidence":{"date":"2025-04-15","link":null,"number":"GM-01","signed":"Có"},"note":null,"slots":[12.3,"2025-04-15"]}' +
        '},"rubric":"r","unit":"xa","unitName":"Xã A","version":"1.0.0","year":2025}',
    );
  });
});

/** The definition, generically: JSON with every object's keys sorted (Array.prototype.sort order). */
function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

test('the canonical text is the sorted-key JSON of the canonical values, for any entries', () => {
  const scalar = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 1, max: 60000 }),
    fc.boolean(),
    fc.constantFrom(' Có ', '15/04/2025', '2025-02-30', '"quoted"', 'Đạt\n'),
  );
  const id = fc.constantFrom('I.1', 'I.10', 'I.2', 'II.1.a', '1', '10', '2', 'ä');
  const kind = fc.constantFrom('number', 'date', 'text', 'option');
  const entry = fc.record({
    slots: fc.array(scalar, { maxLength: 3 }),
    evidence: fc.record({ number: scalar, date: scalar, link: scalar, signed: scalar }),
    note: scalar,
  });
  fc.assert(
    fc.property(
      fc.dictionary(id, fc.tuple(fc.array(kind, { maxLength: 3 }), fc.option(entry))),
      fc.string({ maxLength: 5 }),
      fc.option(fc.integer({ min: 2020, max: 2030 }), { nil: undefined }),
      (rows, unitName, year) => {
        const ids = Object.keys(rows);
        const filled = {
          info: {
            meta: { rubric: 'r', version: '1', unit: 'xa' },
            layout: {
              rows: Object.fromEntries(ids.map((k, i) => [k, i + 10])),
              inputs: Object.fromEntries(ids.map((k) => [k, rows[k][0]])),
            },
          },
          unitName,
          year,
          entries: Object.fromEntries(ids.filter((k) => rows[k][1]).map((k) => [k, rows[k][1]])),
          moved: [],
        } as unknown as FilledTemplate;
        // The canonical values themselves, through the documented rules (dates ISO, 12 digits, trimmed, blank → null).
        const canonical = JSON.parse(canonicalInputs(filled));
        expect(canonicalInputs(filled)).toBe(sortedJson(canonical));
        expect(Object.keys(canonical.entries).sort()).toEqual([...ids].sort());
      },
    ),
    { numRuns: 300 },
  );
});

describe('the criterion under the selection (the pane’s help follows the cell)', () => {
  test('any cell from a criterion’s row down to the next criterion’s is that criterion; outside the table, none', async () => {
    const { input, cell, layout } = await workbook();
    expect(criterionAt(layout, input('I.2.2', 1))).toBe('I.2.2'); // its second input, a row below
    expect(criterionAt(layout, cell('I.2.1', layout.evidence.number))).toBe('I.2.1');
    expect(criterionAt(layout, `$${layout.valueColumn}$${layout.rows['I.2.1']}:H40`)).toBe('I.2.1');
    expect(criterionAt(layout, 'A1')).toBeUndefined();
    expect(criterionAt(layout, 'not a cell')).toBeUndefined();
  });
});

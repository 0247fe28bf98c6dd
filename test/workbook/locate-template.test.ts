/**
 * Finding a filled template by its identity (src/template/locate.ts) through the cell reader, on
 * real templates edited as officers and submitters edit them (issue 13, Why §3 and §7): a renamed
 * sheet, rows inserted above the header or between criteria, a renamed `_dti`, the rubric cell
 * changed, a criterion on two rows. The expected scores are those of the untouched file: an edit
 * that moves cells must not change what is read, and what cannot be found is said, never read as
 * "not entered".
 */
import { unzipSync } from 'fflate';
import { assess } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { buildTemplate, entriesFromValues, locateTemplate, readEntries, toAssessmentInput } from '../../src/template';
import { readParts } from '../../src/workbook';
import { writeXlsx } from '../../src/xlsx';
import { sampleValues } from '../support/sample';
import {
  addRow,
  dropDefinedNames,
  insertRows,
  MAIN_PART,
  partText,
  renameSheet,
  rewritePart,
  setCell,
} from '../support/hostile';

const rubric = getRubric('hue-2263-2023');
const MAIN = 'Tự đánh giá';
let bytes: Uint8Array;
let rowOf: Record<string, number>;
let idColumn: string;

beforeAll(async () => {
  const spec = buildTemplate(rubric, {
    unit: 'xa',
    unitName: 'Phường Phú Hội',
    year: 2025,
    entries: entriesFromValues(rubric, 'xa', sampleValues(rubric, 'xa', 7)),
  });
  rowOf = spec.layout.rows;
  idColumn = spec.layout.idColumn;
  bytes = await writeXlsx(spec);
}, 60000);

const open = (zip: Uint8Array) => readParts(new Map(Object.entries(unzipSync(zip))));
function located(zip: Uint8Array) {
  const wb = open(zip);
  return { wb, result: locateTemplate(wb) };
}
/** The total and the unit's name as read from a file: what `dti score` and the council see. */
function score(zip: Uint8Array) {
  const { wb, result } = located(zip);
  if (!result.found) throw new Error(result.reason.en);
  const filled = readEntries(wb.read, result.info);
  const a = assess(rubric, toAssessmentInput(rubric, filled));
  return {
    total: a.total,
    entered: a.criteria.filter((c) => c.status !== 'missing').length,
    unitName: filled.unitName,
    year: filled.year,
    result,
  };
}

test('an untouched template: found where it was written, nothing to report', () => {
  const { result } = located(bytes);
  expect(result.found && result.problems).toEqual([]);
  expect(result.found && [result.info.layout.sheet, result.metaSheet, result.rowOffset]).toEqual([MAIN, '_dti', 0]);
});

describe('cells moved by the officer are followed', () => {
  test('the main sheet renamed: found through the defined names, the same entries and total', () => {
    const before = score(bytes);
    const after = score(renameSheet(bytes, MAIN, 'Bảng tự chấm'));
    expect(after.result.found && after.result.info.layout.sheet).toBe('Bảng tự chấm');
    expect([after.total, after.entered, after.unitName]).toEqual([before.total, before.entered, 'Phường Phú Hội']);
    expect(after.entered).toBeGreaterThan(70); // not "79 × Chưa nhập"
  });

  test('three rows inserted above the header: the header cells and every criterion row move with them', () => {
    const before = score(bytes);
    const after = score(insertRows(bytes, 2, 3));
    expect(after.result.found && after.result.rowOffset).toBe(3);
    expect(after.result.found && after.result.info.layout.header?.unitName).toBe('B9');
    expect([after.total, after.unitName, after.year]).toEqual([before.total, 'Phường Phú Hội', 2025]);
    expect(after.result.found && after.result.problems).toEqual([]);
  });

  test('rows inserted above the header of a template whose names were dropped: the offset from the first criterion', () => {
    const after = score(dropDefinedNames(insertRows(bytes, 2, 3)));
    expect(after.result.found && after.result.rowOffset).toBe(3);
    expect([after.total, after.unitName]).toEqual([score(bytes).total, 'Phường Phú Hội']);
  });

  test('rows inserted between criteria: each row is found by its id', () => {
    const at = rowOf['III.1.1'];
    const after = score(insertRows(bytes, at, 2));
    expect(after.total).toBe(score(bytes).total);
    expect(after.result.found && after.result.info.layout.rows['III.1.1']).toBe(at + 2);
  });

  test('the identity sheet renamed: DTI_TEMPLATE leads to it', () => {
    const after = score(renameSheet(bytes, '_dti', 'dti cũ'));
    expect(after.result.found && after.result.metaSheet).toBe('dti cũ');
    expect(after.total).toBe(score(bytes).total);
  });
});

describe('what cannot be found is said, never read as "not entered"', () => {
  test('the main sheet renamed and the names dropped: no sheet to read, with the reason', () => {
    const { result } = located(dropDefinedNames(renameSheet(bytes, MAIN, 'Khác')));
    expect(result.found).toBe(false);
    expect(!result.found && result.reason.vi).toMatch(/không tìm thấy trang tự đánh giá: không có trang "Tự đánh giá"/);
  });

  test('no identity sheet: not a template', () => {
    // The marker "dti-template" in _dti!A1 is a shared string in the files ExcelJS writes.
    const { result } = located(
      rewritePart(bytes, 'xl/sharedStrings.xml', (x) => x.replace('<t>dti-template</t>', '<t>x</t>')),
    );
    expect(result.found).toBe(false);
    expect(!result.found && result.notTemplate).toBe(true);
  });

  test('a criterion row deleted (its id gone): an error naming the criterion', () => {
    const { result } = located(setCell(bytes, `${idColumn}${rowOf['I.4.1']}`, ''));
    expect(result.found).toBe(true);
    expect(result.found && result.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'missing-criterion',
        text: expect.objectContaining({ vi: expect.stringMatching(/tiêu chí I\.4\.1/) }),
      }),
    );
  });
});

describe('a layout that shows one thing and holds another is a problem, naming the cell', () => {
  test('the rubric in the main sheet differs from _dti', () => {
    const { result } = located(setCell(bytes, 'B3', 'kontum-121-2025'));
    expect(result.found && result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'identity-mismatch',
        cell: `${MAIN}!B3`,
        text: expect.objectContaining({ vi: expect.stringMatching(/"kontum-121-2025".*"hue-2263-2023"/) }),
      }),
    ]);
  });

  test('a criterion id on a second, hidden row far below (the hidden values attack): an error naming both cells', () => {
    const row = rowOf['I.4.1'];
    const edited = addRow(bytes, 900, { [idColumn]: 'I.4.1' }, true);
    const { result } = located(edited);
    const duplicate = result.found && result.problems.find((p) => p.code === 'duplicate-criterion');
    expect(duplicate).toMatchObject({ severity: 'error', cell: `${MAIN}!${idColumn}900` });
    expect(duplicate && duplicate.text.vi).toContain(`${MAIN}!${idColumn}${row}, ${MAIN}!${idColumn}900`);
    // The row the layout names is still the one read.
    expect(result.found && result.info.layout.rows['I.4.1']).toBe(row);
  });

  test('the layout in _dti pointed at a hidden row below the table: hidden and outside the table, flagged', () => {
    const row = rowOf['I.4.1'];
    let edited = setCell(bytes, `${idColumn}${row}`, ''); // the visible row no longer carries the id
    edited = addRow(edited, 900, { [idColumn]: 'I.4.1' }, true);
    edited = rewritePart(edited, 'xl/sharedStrings.xml', (x) =>
      x.replace(`&quot;I.4.1&quot;:${row},`, `&quot;I.4.1&quot;:900,`),
    );
    const { result } = located(edited);
    const codes = result.found ? result.problems.map((p) => [p.code, p.cell]) : [];
    expect(codes).toEqual(
      expect.arrayContaining([
        ['hidden-row', `${MAIN}!${idColumn}900`],
        ['outside-table', `${MAIN}!${idColumn}900`],
      ]),
    );
  });

  test('the _dti identity that cannot be read: a message, not a silent empty template', () => {
    const text = partText(bytes, 'xl/sharedStrings.xml');
    expect(text).toContain('{&quot;meta&quot;');
    const { result } = located(
      rewritePart(bytes, 'xl/sharedStrings.xml', (x) => x.replace('{&quot;meta&quot;', '{&quot;meta')),
    );
    expect(!result.found && result.reason.en).toMatch(/identity and layout in sheet _dti cannot be read/);
  });
});

test('the header cell MAIN_PART holds is the one the names lead to (a sanity check of the edits above)', () => {
  expect(partText(bytes, MAIN_PART)).toMatch(/<c r="B3"[^>]*t="s"/);
});

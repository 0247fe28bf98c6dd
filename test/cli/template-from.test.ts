/**
 * `dti template --from FILE.xlsx` carries everything a filled template holds, or says what it
 * could not (issue 13, Build 5): an evidence link's target (a hyperlink Excel keeps beside the
 * cell, or =HYPERLINK), evidence dates as dates (a date cell, or dd/mm/yyyy typed as text), a
 * note in rich text as its text, an entry cell's formula (its value kept, the formula reported),
 * the unit's name, the year and the general-information block; a criterion on two rows is
 * reported. Each edit is made at the XML level, as Excel would save it.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { join } from 'path';
import { readFileSync } from 'fs';
import { getRubric } from '../../src/rubrics';
import { buildTemplate } from '../../src/template';
import { dti } from '../support/dti';
import { CORPUS } from '../support/corpus';
import { MAIN_PART, setCell } from '../support/hostile';

const rubric = getRubric('hue-2263-2023');
const layout = buildTemplate(rubric, { unit: 'xa', year: 2025 }).layout;
const row = (id: string) => layout.rows[id];
const ev = layout.evidence;

const json = {
  rubric: 'hue-2263-2023',
  unit: 'xa',
  unitName: 'Phường Phú Hội',
  year: 2025,
  values: { 'I.4.1': 2, 'VI.4.1': { numerator: 45, denominator: 60 } },
  general: { population: 12000, households: 3000 },
};

/** A part edited in place; fails when the edit changes nothing. */
function editPart(zip: Uint8Array, name: string, change: (x: string) => string): Uint8Array {
  const files = unzipSync(zip);
  const before = files[name] ? strFromU8(files[name]) : '';
  const after = change(before);
  if (after === before) throw new Error(`edit of ${name} changed nothing`);
  files[name] = strToU8(after);
  return zipSync(files, { level: 6 });
}

/** A cell replaced by raw markup (a formula, rich text). */
const replaceCell = (zip: Uint8Array, address: string, markup: (style: string) => string) =>
  editPart(zip, MAIN_PART, (x) =>
    x.replace(new RegExp(`<c r="${address}"( s="\\d+")?[^>]*?(?:/>|>[\\s\\S]*?</c>)`), (_, s: string | undefined) =>
      markup(s ?? ''),
    ),
  );

/** An external hyperlink on a cell, as Excel stores it: <hyperlink r:id> and a relationship. */
function addHyperlink(zip: Uint8Array, address: string, target: string): Uint8Array {
  const withLink = editPart(zip, MAIN_PART, (x) =>
    x.replace('<pageMargins', `<hyperlinks><hyperlink ref="${address}" r:id="rIdDtiLink"/></hyperlinks><pageMargins`),
  );
  return editPart(withLink, 'xl/worksheets/_rels/sheet1.xml.rels', (x) => {
    const rel = `<Relationship Id="rIdDtiLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${target}" TargetMode="External"/>`;
    return x
      ? x.replace('</Relationships>', `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`;
  });
}

async function filledTemplate(): Promise<Uint8Array> {
  const made = await dti(
    ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx'],
    {
      'a.json': JSON.stringify(json),
    },
  );
  expect(made.code).toBe(0);
  return made.written['a.xlsx'];
}

async function cellsOf(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Tự đánh giá')!;
  return (address: string) => ws.getCell(address);
}

describe('template --from a filled template', () => {
  let old: Uint8Array;
  beforeAll(async () => {
    let x = await filledTemplate();
    const r1 = row('I.4.1');
    const r2 = row('VI.4.1');
    x = setCell(x, `${ev.link}${r1}`, 'Quyết định 12');
    x = addHyperlink(x, `${ev.link}${r1}`, 'https://dti.example.gov.vn/qd-12.pdf');
    x = setCell(x, `${ev.date}${r1}`, 45366); // 15/03/2024 in the cell's dd/mm/yyyy format
    x = setCell(x, `${ev.date}${r2}`, '15/04/2025'); // typed as text
    x = replaceCell(
      x,
      `${ev.link}${r2}`,
      (s) =>
        `<c r="${ev.link}${r2}"${s} t="str"><f>HYPERLINK("https://dti.example.gov.vn/b.pdf","Xem")</f><v>Xem</v></c>`,
    );
    x = replaceCell(
      x,
      `${layout.note}${r1}`,
      (s) =>
        `<c r="${layout.note}${r1}"${s} t="inlineStr"><is><r><rPr><b/></rPr><t>Đậm</t></r><r><t xml:space="preserve"> và thường</t></r></is></c>`,
    );
    x = replaceCell(
      x,
      `${layout.valueColumn}${r1}`,
      (s) => `<c r="${layout.valueColumn}${r1}"${s}><f>1+1</f><v>2</v></c>`,
    );
    old = x;
  });

  test('every value, link target, date, note, name, year and general item is in the new template; the formulas and the link text are reported', async () => {
    const r = await dti(
      ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'old.xlsx', '--out', 'new.xlsx', '--json'],
      {
        'old.xlsx': old,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      lost: unknown[];
      changed: { criterion: string; what: string; value: unknown }[];
    };
    expect(report.lost).toEqual([]);
    expect(report.changed.map((c) => [c.criterion, c.what, c.value])).toEqual([
      ['I.4.1', 'Giá trị 1', '=1+1'],
      ['I.4.1', 'Liên kết', 'Quyết định 12'],
      ['VI.4.1', 'Liên kết', '=HYPERLINK("https://dti.example.gov.vn/b.pdf","Xem")'],
      ['VI.4.1', 'Liên kết', 'Xem'],
    ]);
    const cell = await cellsOf(r.written['new.xlsx']);
    const r1 = row('I.4.1');
    const r2 = row('VI.4.1');
    expect(cell(`${ev.link}${r1}`).value).toBe('https://dti.example.gov.vn/qd-12.pdf');
    expect(cell(`${ev.link}${r2}`).value).toBe('https://dti.example.gov.vn/b.pdf');
    // Dates as dates (ExcelJS gives a Date for a number in a date format), not text.
    expect(cell(`${ev.date}${r1}`).value).toEqual(new Date(Date.UTC(2024, 2, 15)));
    expect(cell(`${ev.date}${r2}`).value).toEqual(new Date(Date.UTC(2025, 3, 15)));
    expect(cell(`${layout.note}${r1}`).value).toBe('Đậm và thường');
    expect(cell(`${layout.valueColumn}${r1}`).value).toBe(2);
    expect(cell(layout.general!.population).value).toBe(12000);
    expect(cell(layout.general!.households).value).toBe(3000);
    expect(cell('B6').value).toBe('Phường Phú Hội');
    expect(cell('B7').value).toBe(2025);
    // The same scores: I.4.1 = 2 items (10 points), VI.4.1 = 45/60 of 10.
    const before = JSON.parse((await dti(['score', 'a.json', '--json'], { 'a.json': JSON.stringify(json) })).stdout);
    const after = JSON.parse(
      (await dti(['score', 'new.xlsx', '--json'], { 'new.xlsx': r.written['new.xlsx'] })).stdout,
    );
    expect(after.total).toBe(before.total);
    expect(after.criteria.find((c: { id: string }) => c.id === 'VI.4.1').points).toBe(7.5);
  });

  test('the report in the terminal, in Vietnamese and in English', async () => {
    const args = ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'old.xlsx', '--out', 'new.xlsx'];
    const vi = await dti(args, { 'old.xlsx': old });
    expect(vi.stdout).toContain('Giữ ở dạng khác (4):');
    expect(vi.stdout).toContain(
      `~ I.4.1 — Giá trị 1: =1+1 (ô ${layout.valueColumn}${row('I.4.1')} có công thức; mẫu mới giữ giá trị "2", không giữ công thức)`,
    );
    expect(vi.stdout).toContain(
      '~ I.4.1 — Liên kết: Quyết định 12 (mẫu mới ghi đích của liên kết (https://dti.example.gov.vn/qd-12.pdf) thay cho chữ hiển thị)',
    );
    const en = await dti([...args, '--lang', 'en'], { 'old.xlsx': old });
    expect(en.stdout).toContain('Kept in another form (4):');
    expect(en.stdout).toContain(
      "the new template holds the link's target (https://dti.example.gov.vn/qd-12.pdf) in place of the text shown",
    );
  });

  test('a general-information item the new rubric lacks is reported lost (exit 1)', async () => {
    // An older template of 2263 whose _dti layout places an item "hamlets" (on the population cell) the rubric does not have.
    const x = editPart(old, 'xl/sharedStrings.xml', (s) =>
      s.replace(/(&quot;|")general\1:\{/, (m, q: string) => `${m}${q}hamlets${q}:${q}G12${q},`),
    );
    const r = await dti(
      ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'old.xlsx', '--out', 'new.xlsx', '--json'],
      {
        'old.xlsx': x,
      },
    );
    const report = JSON.parse(r.stdout) as { lost: { criterion: string; what: string; value: unknown }[] };
    expect(report.lost).toEqual([
      {
        criterion: '(thông tin chung)',
        what: 'hamlets',
        value: 12000,
        reason: 'không có mục thông tin chung này trong hue-2263-2023',
      },
    ]);
    expect(r.code).toBe(1);
  });
});

test('a criterion on two rows (one hidden far below) is reported, exit 1: which row holds the entries is not guessed silently', async () => {
  const r = await dti(
    ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'h.xlsx', '--out', 'new.xlsx'],
    {
      'h.xlsx': new Uint8Array(readFileSync(join(CORPUS, 'hidden-row.xlsx'))),
    },
  );
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/✗ Mã tiêu chí I\.4\.1 có ở 2 dòng/);
});

test('a JSON self-assessment: its general information, unit name and year are in the template', async () => {
  const made = await dti(
    ['template', '--rubric', 'hue-2263-2023', '--unit', 'xa', '--from', 'a.json', '--out', 'a.xlsx', '--json'],
    {
      'a.json': JSON.stringify(json),
    },
  );
  expect(JSON.parse(made.stdout)).toMatchObject({ carried: 2, lost: [], changed: [] });
  const cell = await cellsOf(made.written['a.xlsx']);
  expect(cell(layout.general!.population).value).toBe(12000);
  expect(cell(layout.general!.households).value).toBe(3000);
  expect([cell('B6').value, cell('B7').value]).toEqual(['Phường Phú Hội', 2025]);
});

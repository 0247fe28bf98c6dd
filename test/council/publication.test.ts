/**
 * The published ranking as a spec (src/council/publication.ts): the rows as published (ranked,
 * then not ranked with the reason, then not submitted; a superseded second file and the council's
 * own workbook left out), a level rubric's level names, and the page break that keeps the table's
 * last two rows with the signature block — checked on LibreOffice's PDF for a table that needs the
 * break and one that does not.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { t } from '../../src/base';
import {
  publicationSheet,
  publishedRows,
  rankSubmissions,
  type ExpectedReport,
  type SubmissionResult,
} from '../../src/council';
import { getRubric, type UnitId } from '../../src/rubrics';
import { xlsxToPdf } from '../../src/platform/node';
import { writeXlsx } from '../../src/xlsx';
import { pageText, pdfPages, textSizes } from '../support/pdf';
import { hasProgram, LIBREOFFICE, PDFTOTEXT } from '../support/system';

const hue = getRubric('hue-2263-2023');
const kontum = getRubric('kontum-121-2025');

const unit = (file: string, unitName: string, total: number, more: Partial<SubmissionResult> = {}) =>
  ({
    file,
    unitName,
    status: 'valid',
    signedAt: '2025-11-20T08:00:00Z',
    signer: null,
    reasons: [],
    differences: [],
    seal: 'valid',
    problems: [],
    templateProblems: [],
    assessment: { total, max: 600, percent: Math.round((total / 600) * 10000) / 100, criteria: [], pillars: [] },
    ...more,
  }) as unknown as SubmissionResult;

const NO_LIST: ExpectedReport = { source: '', missing: [], duplicates: [], unexpected: [] };
const cellsOf = (spec: ReturnType<typeof publicationSheet>) =>
  new Map(spec.sheets[0].cells.filter((c) => c.value !== undefined).map((c) => [c.address, c.value]));

describe('publishedRows', () => {
  test('ranked by the tie rule, then not ranked with the reason, then not submitted; superseded files left out', () => {
    const rows = rankSubmissions(
      hue,
      [
        unit('/x/b.xlsx', 'Phường Vĩnh Ninh', 412.5),
        unit('/x/a.xlsx', 'Phường An Cựu', 420),
        unit('/x/c.xlsx', 'Phường Phú Hội', 412.5),
        unit('/x/a-old.xlsx', 'Phường An Cựu', 300, { excluded: [t('Nộp trùng: bản được tính là a.xlsx', '')] }),
        unit('/x/u.xlsx', 'Phường Thủy Biều', 500, { status: 'valid-untrusted' }),
        unit('/x/td.xlsx', '', 0, { council: {} as SubmissionResult['council'], assessment: undefined }),
      ],
      'total',
      true,
    );
    const expected = {
      ...NO_LIST,
      source: 'ds.txt',
      missing: ['Xã Phú Mậu'],
      duplicates: [{ unit: 'Phường An Cựu', counted: '/x/a.xlsx', others: ['/x/a-old.xlsx'] }],
    };
    expect(publishedRows(hue, rows, expected)).toEqual([
      { rank: 1, unit: 'Phường An Cựu', points: 420, max: 600, percent: 70, levelName: '', note: '' },
      { rank: 2, unit: 'Phường Phú Hội', points: 412.5, max: 600, percent: 68.75, levelName: '', note: '' },
      { rank: 2, unit: 'Phường Vĩnh Ninh', points: 412.5, max: 600, percent: 68.75, levelName: '', note: '' },
      {
        rank: null,
        unit: 'Phường Thủy Biều',
        points: null,
        max: null,
        percent: null,
        levelName: '',
        // No option's name in a published document.
        note: 'Chữ ký số không thuộc chứng thư gốc nào đã cho',
      },
      {
        rank: null,
        unit: 'Xã Phú Mậu',
        points: null,
        max: null,
        percent: null,
        levelName: '',
        note: 'Chưa nộp hồ sơ tự đánh giá',
      },
    ]);
  });

  test('a ranked unit signed late, accepted: ranked, with the mark', () => {
    const late = t('Nộp muộn: ký lúc 01/12/2025 00:00 (người ký tự khai) sau hạn hết ngày 30/11/2025', '');
    const rows = rankSubmissions(hue, [unit('d.xlsx', 'Xã Phú Mậu', 435, { deadline: late })]);
    expect(publishedRows(hue, rows)[0]).toMatchObject({ rank: 1, note: late.vi });
    const spec = publicationSheet(hue, 'xa' as UnitId, rows, { year: 2025 });
    expect(cellsOf(spec).get('B11')).toBe(`Xã Phú Mậu\n(${late.vi})`);
  });

  test('a level rubric: the level and its name, no max or percent', () => {
    const at = (level: number, name: string) =>
      ({ level: { number: level, name }, criteria: [], pillars: [] }) as unknown as SubmissionResult['assessment'];
    const rows = rankSubmissions(kontum, [
      unit('a.xlsx', 'Xã Đăk Hà', 0, { assessment: at(3, 'Mức 3') }),
      unit('b.xlsx', 'Xã Ngọk Bay', 0, { assessment: at(4, 'Mức 4') }),
    ]);
    expect(publishedRows(kontum, rows).map((r) => [r.rank, r.unit, r.points, r.max, r.levelName])).toEqual([
      [1, 'Xã Ngọk Bay', 4, null, 'Mức 4'],
      [2, 'Xã Đăk Hà', 3, null, 'Mức 3'],
    ]);
    const cells = cellsOf(publicationSheet(kontum, 'xa' as UnitId, rows, { year: 2025 }));
    expect(['A10', 'B10', 'D10', 'E10'].map((a) => cells.get(a))).toEqual([
      'Hạng',
      'Đơn vị',
      'Mức thẩm định',
      'Tên mức',
    ]);
    expect(['A11', 'B11', 'D11', 'E11'].map((a) => cells.get(a))).toEqual([1, 'Xã Ngọk Bay', 4, 'Mức 4']);
  });
});

describe('the sheet', () => {
  const many = (n: number) =>
    rankSubmissions(
      hue,
      Array.from({ length: n }, (_, i) => unit(`u${i}.xlsx`, `Phường số ${String(i + 1).padStart(2, '0')}`, 600 - i)),
    );

  test('the head: the province, the council (named or not), the national title and motto, the date, the title', () => {
    const named = cellsOf(
      publicationSheet(hue, 'xa' as UnitId, many(1), {
        year: 2025,
        council: 'Hội đồng thẩm định Chỉ số CĐS tỉnh',
        place: 'Huế',
        date: { day: 5, month: 1, year: 2026 },
        round: '1',
      }),
    );
    expect(['A1', 'A2', 'C1', 'C2', 'C4', 'A8'].map((a) => named.get(a))).toEqual([
      'UBND TỈNH THỪA THIÊN HUẾ',
      'HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CĐS TỈNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Huế, ngày 05 tháng 01 năm 2026',
      'Kết quả thẩm định vòng 1',
    ]);
    expect(named.get('A7')).toBe(
      '(Theo Bộ chỉ số ban hành kèm theo Quyết định số 2263/QĐ-UBND ngày 27/09/2023 của Ủy ban nhân dân tỉnh Thừa Thiên Huế)',
    );
    expect([...named.values()]).toContain('TM. HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CĐS TỈNH');
    const plain = cellsOf(publicationSheet(hue, 'xa' as UnitId, many(1), { year: 2025 }));
    expect(['A2', 'C4', 'A8'].map((a) => plain.get(a))).toEqual([
      'HỘI ĐỒNG THẨM ĐỊNH',
      '……, ngày …… tháng …… năm 2025',
      'Kết quả chính thức',
    ]);
  });

  test('A4 portrait, "Trang &P/&N", the table header repeated, nothing under 11 pt', () => {
    const spec = publicationSheet(hue, 'xa' as UnitId, many(3), { year: 2025 });
    const sheet = spec.sheets[0];
    expect(sheet.print).toMatchObject({ landscape: false, paper: 'A4', footer: 'Trang &P/&N', titleRows: '10:10' });
    const used = new Set(sheet.cells.map((c) => c.style).filter(Boolean));
    for (const style of used) expect([style, spec.styles[style!].fontSize! >= 11]).toEqual([style, true]);
  });

  test('a break is added exactly where the signatures would be cut from the last two rows, above those rows', () => {
    let withBreak = 0;
    for (let n = 1; n <= 90; n++) {
      const sheet = publicationSheet(hue, 'xa' as UnitId, many(n), { year: 2025 }).sheets[0];
      const lastRow = 10 + n;
      if (sheet.print?.breaks) {
        expect([n, sheet.print.breaks]).toEqual([n, [lastRow - 1]]);
        withBreak++;
      }
    }
    // Some lengths need it, most do not.
    expect(withBreak).toBeGreaterThan(0);
    expect(withBreak).toBeLessThan(30);
  });

  const withPrograms = hasProgram(LIBREOFFICE) && hasProgram(PDFTOTEXT);
  (withPrograms ? test : test.skip)(
    'printed by LibreOffice, with the break and without: the signatures on the last page only, with the last two units',
    async () => {
      const needs = (n: number) =>
        !!publicationSheet(hue, 'xa' as UnitId, many(n), { year: 2025 }).sheets[0].print?.breaks;
      const lengths = Array.from({ length: 90 }, (_, i) => i + 1);
      const broken = lengths.find(needs)!;
      const unbroken = lengths.find((n) => n > broken && !needs(n))!;
      const dir = mkdtempSync(join(tmpdir(), 'dti-publication-'));
      for (const n of [broken, unbroken]) {
        const file = join(dir, `kq-${n}.pdf`);
        const pdf = xlsxToPdf(await writeXlsx(publicationSheet(hue, 'xa' as UnitId, many(n), { year: 2025 })));
        if (!pdf.ok) throw new Error(JSON.stringify(pdf));
        writeFileSync(file, pdf.pdf);
        const { pages, width, height } = pdfPages(file);
        expect([n, Math.round(width), Math.round(height), pages > 1]).toEqual([n, 595, 842, true]);
        const last = pageText(file, pages);
        const name = (i: number) => `Phường số ${String(i).padStart(2, '0')}`;
        for (const s of [name(n - 1), name(n), 'TM. HỘI ĐỒNG THẨM ĐỊNH', 'CHỦ TỊCH', `Trang ${pages}/${pages}`])
          expect([n, s, last.includes(s)]).toEqual([n, s, true]);
        for (let p = 1; p < pages; p++) {
          const text = pageText(file, p);
          expect([n, p, text.includes('CHỦ TỊCH'), text.includes(`Trang ${p}/${pages}`)]).toEqual([n, p, false, true]);
        }
        // The header row repeats on the last page.
        expect(last).toContain('Tỷ lệ (%)');
        expect(Math.min(...textSizes(readFileSync(file)))).toBeGreaterThanOrEqual(10.99);
      }
    },
    180000,
  );
});

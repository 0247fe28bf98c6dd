/**
 * The pane's "In kết quả xếp hạng" (issue 16 item 6) through both ports — Office.js on the strict
 * fake and the memory workbook: the council's workbook written, an appraised cell edited in
 * "Excel", the appraisal read back from the open workbook and the published ranking written beside
 * it, ranked on the edited points; a workbook without the council's sheets gets a message, a second
 * print asks before renaming the first aside. And the council tab's deadline and duplicates
 * (issue 17 item 7, issue 16 item 3): the same core rule as `dti rank`.
 */
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  assessSubmission,
  parseDeadline,
  PUBLICATION_SHEET,
  type SubmissionResult,
} from '../../src/council';
import { councilConflicts } from '../../src/excel';
import { META_SHEET, STYLES, TEMPLATE_MARK } from '../../src/template';
import { deadlineOf, loadDeadline, publishInWorkbook, saveDeadline } from '../../src/taskpane/council/publish';
import { councilSpec, rankCouncil } from '../../src/taskpane/council/session';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';
import { OfficeWorkbook } from '../../src/taskpane/office-port';
import type { WorkbookPort } from '../../src/taskpane/port';
import { FakeExcel, fakeExcelHost } from '../support/fake-excel';
import { sealedSubmission } from '../support/submissions';

const host = fakeExcelHost();

let one: SubmissionResult;
beforeAll(async () => {
  const r = await assessSubmission('s.xlsx', await sealedSubmission(1, 'Phường An Cựu'));
  one = { ...r, status: 'valid', signedAt: '2025-11-20T08:00:00.000Z' };
}, 60000);

/** Three units with the same entries (the same total): An Cựu, Phú Hội, Vĩnh Ninh. */
const results = () =>
  ['Phường An Cựu', 'Phường Phú Hội', 'Phường Vĩnh Ninh'].map((unitName, i) => ({
    ...one,
    file: `s${i}.xlsx`,
    unitName,
    digest: `${i}`.repeat(64),
  }));

/** The first appraisable criterion of a unit on the spec's "Thẩm định" sheet: its appraised cell and points. */
function firstAppraised(spec: ReturnType<typeof councilSpec>['spec'], unit: string) {
  const sheet = spec.sheets.find((s) => s.name === APPRAISAL_SHEET)!;
  const at = new Map(sheet.cells.map((c) => [c.address, c]));
  for (let r = 4; r < 1000; r++) {
    const cell = at.get(`${COL.appraised}${r}`);
    if (at.get(`${COL.unit}${r}`)?.value === unit && cell?.style === 'input' && Number(cell.value) > 0)
      return { address: `${COL.appraised}${r}`, points: Number(cell.value) };
  }
  throw new Error(`no appraisable criterion of ${unit}`);
}

/** A port, an edit of a cell as the council makes it in Excel, and what a cell holds (null when its sheet is not there). */
interface PortUnderTest {
  port: WorkbookPort;
  edit: (sheet: string, address: string, v: number) => void;
  read: (sheet: string, address: string) => unknown;
}

const ports: [string, () => PortUnderTest][] = [
  [
    'Office.js',
    () => {
      const fake = (host.fake = new FakeExcel(['Sheet1']));
      return {
        port: new OfficeWorkbook(),
        edit: (sheet, address, v) => (fake.cell(sheet, address)!.value = v),
        read: (sheet, address) => (fake.findSheet(sheet) ? (fake.cell(sheet, address)?.value ?? null) : null),
      };
    },
  ],
  [
    'memory',
    () => {
      const port = new MemoryWorkbook();
      return {
        port,
        edit: (sheet, address, v) => port.set(sheet, address, v),
        read: (sheet, address) => port.get(sheet, address),
      };
    },
  ],
];

describe.each(ports)('In kết quả xếp hạng, %s port', (_, make) => {
  test('ranks on the points edited in the workbook: An Cựu cut below the two others, who share rank 1', async () => {
    const { port, edit, read } = make();
    const ranking = rankCouncil(results(), 'hue-2263-2023', 'xa', false, '', 'vi');
    const { spec } = councilSpec(ranking);
    expect((await port.writeCouncilWorkbook(spec)).ok).toBe(true);
    const total = one.assessment!.total!;
    const cut = firstAppraised(spec, 'Phường An Cựu');
    edit(APPRAISAL_SHEET, cut.address, 0);

    const out = await publishInWorkbook(port, ranking, { year: 2025, place: 'Huế', round: '2' });
    expect(out).toEqual({ ok: true, ranked: 3, unranked: 0 });
    const row = (r: number) => ['A', 'B', 'D', 'E'].map((c) => read(PUBLICATION_SHEET, `${c}${r}`));
    // By hand: Phú Hội and Vĩnh Ninh keep the total and share rank 1 (by name); An Cựu loses the points cut.
    expect([row(11), row(12), row(13)]).toEqual([
      [1, 'Phường Phú Hội', total, 600],
      [1, 'Phường Vĩnh Ninh', total, 600],
      [3, 'Phường An Cựu', Math.round((total - cut.points) * 100) / 100, 600],
    ]);
    expect(read(PUBLICATION_SHEET, 'C4')).toBe('Huế, ngày …… tháng …… năm 2025');
    expect(read(PUBLICATION_SHEET, 'A8')).toBe('Kết quả thẩm định vòng 2');

    // Printed again: asked first, then the first print kept under a new name.
    const again = await publishInWorkbook(port, ranking, { year: 2025 });
    expect(again).toMatchObject({ ok: false, confirm: true });
    expect(await publishInWorkbook(port, ranking, { year: 2025 }, true)).toMatchObject({ ok: true });
    expect(read(`${PUBLICATION_SHEET} (2)`, 'C4')).toBe('Huế, ngày …… tháng …… năm 2025');
  });

  test('without the council’s workbook in the open workbook: nothing written, the council told what to do first', async () => {
    const { port, read } = make();
    const ranking = rankCouncil(results(), 'hue-2263-2023', 'xa', false, '', 'vi');
    const out = await publishInWorkbook(port, ranking, { year: 2025 });
    expect(out).toMatchObject({ ok: false });
    expect(!out.ok && out.message.vi).toContain('chưa có sổ thẩm định');
    expect(read(PUBLICATION_SHEET, 'A1')).toBeNull();
  });
});

test('a sheet without _dti (the published ranking) goes into the council’s workbook, never into an officer’s', () => {
  const spec = { styles: STYLES, sheets: [], names: [] };
  expect(councilConflicts([META_SHEET], spec, 'dti-appraisal').officer).toBe(false);
  expect(councilConflicts([META_SHEET], spec, TEMPLATE_MARK).officer).toBe(true);
  expect(councilConflicts(['Sheet1'], spec, undefined).officer).toBe(false);
});

describe('the council tab’s ranking: deadline and duplicates, as dti rank', () => {
  const at = (d: string) => {
    const x = parseDeadline(d);
    if ('error' in x) throw new Error();
    return x;
  };

  test('a late submission is not ranked, unless accepted; a unit’s second file is "Nộp trùng" without any list', () => {
    const [a, b, c] = results();
    const late = { ...c, signedAt: '2025-12-01T01:00:00.000Z' };
    const again = { ...a, file: 's0-cu.xlsx', unitName: 'phuong an cuu', signedAt: '2025-11-19T08:00:00.000Z' };
    const rank = (acceptLate: boolean) =>
      rankCouncil([a, b, late, again], 'hue-2263-2023', 'xa', false, '', 'vi', {
        at: at('30/11/2025'),
        acceptLate,
      }).rows;
    const of = (rows: ReturnType<typeof rank>, file: string) => rows.find((r) => r.submission.file === file)!;
    const strict = rank(false);
    expect(of(strict, 's2.xlsx').unranked.map((x) => x.vi)).toEqual([
      'Nộp muộn: ký lúc 01/12/2025 08:00 (người ký tự khai) sau hạn hết ngày 30/11/2025',
    ]);
    expect(of(strict, 's0-cu.xlsx').unranked.map((x) => x.vi)).toEqual(['Nộp trùng: bản được tính là s0.xlsx']);
    expect(of(strict, 's0.xlsx').rank).toBe(1);
    expect(of(rank(true), 's2.xlsx').rank).toBe(1);
  });

  test('the deadline fields, remembered as a setting and read as the core’s deadline', async () => {
    const port = new MemoryWorkbook();
    const saved = new Map<string, string | undefined>();
    port.readSetting = async (k) => saved.get(k);
    port.writeSetting = async (k, v) => void saved.set(k, v);
    const choice = { date: '2025-11-30', time: '17:00', acceptLate: true };
    await saveDeadline(port, choice);
    expect(await loadDeadline(port)).toEqual(choice);
    expect(deadlineOf(choice)).toEqual(at('30/11/2025 17:00'));
    expect(deadlineOf({ ...choice, time: '' })).toEqual(at('30/11/2025'));
    expect(deadlineOf({ date: '', time: '', acceptLate: false })).toBeUndefined();
    await saveDeadline(port, { date: '', time: '', acceptLate: false });
    expect(saved.get('council.deadline')).toBeUndefined();
  });
});

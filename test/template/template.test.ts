/**
 * Templates: the pure builder for every rubric and unit type, the .xlsx writer and reader
 * (template → fill → score equals the engine), and carrying entries over without losing any.
 */
import { assess, criteriaFor, inputSlots } from '../../src/engine';
import { sampleValues } from '../support/sample';
import { assessmentFromXlsx } from '../../src/cli/workbook';
import { allRubrics, getRubric, parseRubric, type Rubric, type RubricInput } from '../../src/rubrics';
import {
  buildTemplate,
  carryEntries,
  entriesFromValues,
  LISTS_SHEET,
  MAIN_SHEET,
  META_SHEET,
  readEntries,
  readTemplateInfo,
  SUMMARY_SHEET,
  type CellSpec,
  type WorkbookSpec,
} from '../../src/template';
import { loadXlsx, writeXlsx } from '../../src/xlsx';

const units = allRubrics().flatMap((r) => r.units.map((u) => [r.id, u.id] as const));
const sheet = (spec: WorkbookSpec, name: string) => spec.sheets.find((s) => s.name === name)!;
const cellAt = (spec: WorkbookSpec, name: string, address: string): CellSpec | undefined =>
  sheet(spec, name).cells.find((c) => c.address === address);
const filled = (rubric: Rubric, unit: string, seed: number) => {
  const values = sampleValues(rubric, unit as never, seed);
  return { values, entries: entriesFromValues(rubric, unit as never, values) };
};

describe.each(units)('template for %s %s', (rubricId, unit) => {
  const rubric = getRubric(rubricId);
  const spec = buildTemplate(rubric, { unit, unitName: 'Sở Y tế', year: 2025 });
  const main = sheet(spec, MAIN_SHEET);
  const criteria = criteriaFor(rubric, unit as never);

  test('one row per criterion in the decision’s order, under its pillar row', () => {
    const ids = Object.entries(spec.layout.rows)
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => id);
    expect(ids).toEqual(criteria.map((c) => c.id));
    for (const c of criteria) expect(cellAt(spec, MAIN_SHEET, `A${spec.layout.rows[c.id]}`)?.value).toBe(c.id);
    for (const p of rubric.pillars.filter((x) => !x.units || x.units.includes(unit as never))) {
      const row = main.cells.find((x) => x.address.startsWith('A') && x.value === p.id && x.style === 'pillar');
      expect(row).toBeDefined();
    }
  });

  test('identity in header cells, defined names and the very hidden sheet', () => {
    expect(cellAt(spec, MAIN_SHEET, 'B3')?.value).toBe(rubricId);
    expect(cellAt(spec, MAIN_SHEET, 'B4')?.value).toBe(rubric.version);
    expect(cellAt(spec, MAIN_SHEET, 'B5')?.value).toBe(unit);
    expect(spec.names.find((n) => n.name === 'DTI_RUBRIC')?.refersTo).toBe(`'${MAIN_SHEET}'!$B$3`);
    const meta = sheet(spec, META_SHEET);
    expect(meta.visibility).toBe('veryHidden');
    const info = JSON.parse(String(meta.cells.find((c) => c.address === 'B1')!.value));
    expect(info.meta).toMatchObject({ rubric: rubricId, version: rubric.version, unit });
    expect(sheet(spec, LISTS_SHEET).visibility).toBe('hidden');
  });

  test('each input slot has its own row: labelled, unlocked, validated as the slot expects; formulas are locked', () => {
    expect(main.protect).toBe(true);
    expect(spec.layout.valueColumn).toBeDefined();
    const labelColumn = String.fromCharCode(spec.layout.valueColumn!.charCodeAt(0) - 1);
    for (const c of criteria) {
      const r = spec.layout.rows[c.id];
      const slots = inputSlots(rubric, c);
      expect(slots.length).toBeGreaterThan(0);
      slots.forEach((slot, i) => {
        const address = `${spec.layout.valueColumn}${r + i}`;
        expect(cellAt(spec, MAIN_SHEET, address)?.locked).toBe(false);
        expect(String(cellAt(spec, MAIN_SHEET, `${labelColumn}${r + i}`)?.value)).toContain(slot.label.vi);
        const v = main.validations.find((x) => x.range === address);
        const want = {
          'yes-no': 'list',
          choice: 'list',
          share: 'custom',
          count: 'custom',
          points: 'custom',
          number: 'custom',
          date: 'custom',
          levels: 'textLength',
          text: undefined,
        }[slot.kind];
        expect([c.id, v?.type]).toEqual([c.id, want]);
        if (v) {
          expect(v.prompt!.title.length).toBeLessThanOrEqual(32);
          expect(v.prompt!.message.length).toBeLessThanOrEqual(225);
          expect(v.error!.message.length).toBeLessThanOrEqual(225);
        }
      });
      // The next criterion starts below this one's slot rows.
      const next = criteria[criteria.indexOf(c) + 1];
      if (next && spec.layout.rows[next.id] > r)
        expect(spec.layout.rows[next.id]).toBeGreaterThanOrEqual(r + slots.length);
      const score = cellAt(spec, MAIN_SHEET, `${spec.layout.score}${r}`)!;
      expect(score.locked).toBeUndefined();
      const fn = rubric.kind === 'levels' ? 'DTI_LEVEL' : 'DTI_SCORE';
      expect(score.formula).toMatch(new RegExp(`^=-?CDS\\.${fn}\\(\\$B\\$3,\\$B\\$5,\\$A${r},`));
      // The functions' check, behind the signed file's "Có" where the decision asks for one.
      const check = cellAt(spec, MAIN_SHEET, `${spec.layout.check}${r}`)!.formula!;
      if (c.evidence?.signed) expect(check).toMatch(/^=IF\(AND\(IFERROR\([A-Z]+\d+<>0,FALSE\),.*,CDS\.DTI_CHECK\(/);
      else expect(check).toMatch(/^=CDS\.DTI_CHECK\(/);
    }
  });

  test('A4 landscape, titles repeated, header frozen; a summary with a native chart', () => {
    const header = spec.layout.firstRow - 1;
    expect(main.print).toMatchObject({
      landscape: true,
      paper: 'A4',
      fitToWidth: true,
      titleRows: `${header}:${header}`,
    });
    expect(cellAt(spec, MAIN_SHEET, `A${header}`)?.value).toBe('Mã');
    // The header rows are frozen only while they leave most of the screen to the table.
    expect(main.freeze).toEqual(header <= 10 ? { rows: header, columns: 2 } : { rows: 0, columns: 2 });
    const summary = sheet(spec, SUMMARY_SHEET);
    expect(summary.charts).toHaveLength(1);
    const pillarCount = rubric.pillars.filter(
      (p) => (!p.units || p.units.includes(unit as never)) && criteria.some((c) => c.pillar === p.id),
    ).length;
    expect(summary.charts[0].categories).toBe(`B5:B${4 + pillarCount}`);
  });

  test('the empty template already shows the numbers the add-in computes: 0 of the applicable max', () => {
    const result = assess(rubric, { unit, unitName: 'Sở Y tế', values: {} });
    if (rubric.kind === 'points') {
      expect(cellAt(spec, MAIN_SHEET, 'E3')?.result).toBe(0);
      expect(cellAt(spec, MAIN_SHEET, 'E4')?.result).toBe(result.max);
    } else expect(cellAt(spec, MAIN_SHEET, 'E3')?.result).toBe(0);
  });
});

describe('template → fill → score: the same numbers as the engine', () => {
  test.each(units)(
    '%s %s',
    async (rubricId, unit) => {
      const rubric = getRubric(rubricId);
      for (const seed of [1, 2]) {
        const { values, entries } = filled(rubric, unit, seed);
        const unitName = rubricId === 'hanoi-5279-2025' ? 'Sở Du lịch' : 'Đơn vị thử';
        const spec = buildTemplate(rubric, { unit, unitName, year: 2025, entries });
        const engine = assess(rubric, { unit, unitName, year: 2025, values });
        // Cached results in the file equal the engine.
        if (rubric.kind === 'points') expect(cellAt(spec, MAIN_SHEET, 'E3')?.result).toBe(engine.total);
        else expect(cellAt(spec, MAIN_SHEET, 'E3')?.result).toBe(engine.level!.number);
        for (const c of engine.criteria) {
          const cached = cellAt(spec, MAIN_SHEET, `${spec.layout.score}${spec.layout.rows[c.id]}`)!.result;
          expect([c.id, cached]).toEqual([c.id, rubric.kind === 'levels' ? c.level : c.points]);
        }
        // Written to .xlsx and read back, the file scores exactly as the values did.
        const bytes = await writeXlsx(spec);
        const input = await assessmentFromXlsx('t.xlsx', bytes);
        const fromFile = assess(rubric, input);
        expect(fromFile.total).toBe(engine.total);
        expect(fromFile.level).toEqual(engine.level);
        expect(fromFile.criteria.map((c) => [c.id, c.points, c.level])).toEqual(
          engine.criteria.map((c) => [c.id, c.points, c.level]),
        );
      }
    },
    60000,
  );
});

describe('never lose entered data', () => {
  const rubric = getRubric('hue-2263-2023');

  async function roundTrip(spec: WorkbookSpec) {
    const wb = await loadXlsx(await writeXlsx(spec));
    const info = readTemplateInfo(wb.read)!;
    return { info, filled: readEntries(wb.read, info) };
  }

  test('re-inserting the template for the same rubric keeps every value, evidence entry and note', async () => {
    const { entries } = filled(rubric, 'xa', 3);
    entries['I.1.1'].evidence = [
      { number: '12/QĐ-UBND', date: 45310, issuer: 'UBND xã', link: 'https://vb.example/12.pdf', signed: 'Có' },
      { number: '15/KH-UBND', date: 45320, issuer: null, link: 'ke-hoach-15.pdf', signed: 'Không' },
    ];
    entries['I.1.1'].note = 'Đã ký số ngày 20/01';
    const first = await roundTrip(
      buildTemplate(rubric, { unit: 'xa', unitName: 'Phường Phú Hội', year: 2025, entries }),
    );
    const { entries: carried, report } = carryEntries(first.filled.entries, rubric, 'xa', first.info.layout.inputs);
    expect(report.lost).toEqual([]);
    const second = await roundTrip(
      buildTemplate(rubric, { unit: 'xa', unitName: first.filled.unitName, year: first.filled.year, entries: carried }),
    );
    expect(second.filled.entries).toEqual(first.filled.entries);
    // Both documents, in order, each on its own row (serial 45310 is 19/01/2024, 45320 is 29/01/2024).
    expect(second.filled.entries['I.1.1']).toMatchObject({
      evidence: [
        {
          number: '12/QĐ-UBND',
          date: '2024-01-19',
          issuer: 'UBND xã',
          link: 'https://vb.example/12.pdf',
          signed: 'Có',
        },
        { number: '15/KH-UBND', date: '2024-01-29', issuer: null, link: 'ke-hoach-15.pdf', signed: 'Không' },
      ],
      note: 'Đã ký số ngày 20/01',
    });
    const [a, b] = second.filled.entries['I.1.1'].evidence;
    expect(b.row).toBe(a.row! + 1);
    expect(second.filled.unitName).toBe('Phường Phú Hội');
  });

  test('moving to a newer rubric version keeps entries by id and reports what cannot move', async () => {
    const { entries } = filled(rubric, 'xa', 4);
    entries['I.4.1'].note = 'ghi chú cũ';
    const old = await roundTrip(buildTemplate(rubric, { unit: 'xa', year: 2025, entries }));
    // Version 1.1.0: I.4.1 removed, I.5.1 turned from Có/Không into a count.
    const data = JSON.parse(JSON.stringify(rubric)) as RubricInput;
    data.version = '1.1.0';
    const removed = data.criteria.find((c) => c.id === 'I.4.1')!;
    data.criteria = data.criteria.filter((c) => c.id !== 'I.4.1');
    data.criteria.find((c) => c.id === 'I.5.1')!.rule = { kind: 'count-target', target: 4, partial: 'proportional' };
    data.pillars.find((p) => p.id === 'I')!.expect = { xa: { max: 90 - (removed.max as number) } };
    data.units[0].expect = { max: 600 - (removed.max as number) };
    const next = parseRubric(data);

    const { entries: carried, report } = carryEntries(old.filled.entries, next, 'xa', old.info.layout.inputs);
    // The removed criterion's value and note are reported, with the reason.
    const lostI41 = report.lost.filter((l) => l.criterion === 'I.4.1');
    expect(lostI41.map((l) => l.value)).toEqual(expect.arrayContaining([entries['I.4.1'].slots[0], 'ghi chú cũ']));
    expect(lostI41[0].reason).toMatch(/không còn/);
    // The changed criterion's old value moves into its note instead of a cell of the wrong kind.
    const oldI51 = old.filled.entries['I.5.1'].slots[0];
    expect(report.lost.find((l) => l.criterion === 'I.5.1')?.value).toBe(oldI51);
    expect(carried['I.5.1'].slots).toEqual([null]);
    expect(String(carried['I.5.1'].note)).toContain(`[Giá trị cũ: ${oldI51}]`);
    // Everything else is carried as it was.
    expect(carried['I.1.1']).toEqual({
      ...old.filled.entries['I.1.1'],
      slots: old.filled.entries['I.1.1'].slots.slice(0, 1),
    });
    expect(report.carried).toHaveLength(78);
    const upgraded = buildTemplate(next, { unit: 'xa', year: 2025, entries: carried });
    expect(cellAt(upgraded, MAIN_SHEET, 'B4')?.value).toBe('1.1.0');
  });

  test('rows moved in the sheet are still found by criterion id', async () => {
    const { entries } = filled(rubric, 'xa', 5);
    const spec = buildTemplate(rubric, { unit: 'xa', year: 2025, entries });
    const wb = await loadXlsx(await writeXlsx(spec));
    const info = readTemplateInfo(wb.read)!;
    // Pretend two rows were inserted above the table: every id now sits two rows lower.
    const shifted = (s: string, address: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const r = Number(m[2]);
      return s === MAIN_SHEET && r >= 12 ? wb.read(s, `${m[1]}${r - 2}`) : wb.read(s, address);
    };
    const back = readEntries(shifted, info);
    expect(back.moved.length).toBeGreaterThan(70);
    expect(back.entries['VIII.9.2']).toEqual(readEntries(wb.read, info).entries['VIII.9.2']);
  });
});

/**
 * The template builder: rubric + unit type (+ unit name, year, entries to keep) → a WorkbookSpec.
 * Pure: the Office.js writer and the ExcelJS writer apply what it returns. One design serves every
 * rubric; points rubrics and level rubrics differ only in their middle columns and totals.
 *
 * Formula cells carry the value the add-in will compute (`result`), from the engine's cell
 * computations on the same cells (rows) and one assessment of all of them (subtotals and totals),
 * so a file opened before the add-in loads already shows the numbers. The rubric is the object
 * given: it need not be in the library.
 */
import {
  assess,
  cellsFromValue,
  compareAssessments,
  criteriaFor,
  inputSlots,
  isBlank,
  OK_MARK,
  resolveUnit,
  valueFromSlots,
  type PreviousResult,
} from '../engine';
import type { Rubric, UnitId } from '../rubrics';
import { columnLetter } from './address';
import { writeCriterionRow, type RowResult, type TableContext } from './criteria';
import { definedNames, metaSheet, writeGeneral, writeHeader } from './header';
import { ListSheet } from './inputs';
import {
  BODY_ROW,
  headerFor,
  MAIN_SHEET,
  tableColumns,
  TEMPLATE_VERSION,
  type CriterionEntry,
  type TemplateLayout,
} from './layout';
import { rowHeight, SheetParts } from './sheet-parts';
import { STYLES } from './styles';
import type { Scalar, SheetSpec, WorkbookSpec } from './spec';
import { buildReport } from './report';
import { buildSummary } from './summary';
import { writePillarRows, writeTotals } from './totals';

/** The most header rows frozen above the table (a laptop shows about 25 rows). */
const MAX_FROZEN_ROWS = 10;

export interface BuildOptions {
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries by criterion id to write into the input cells. */
  entries?: Record<string, CriterionEntry>;
  /** The general-information items entered (the commune's households …), by item id. */
  general?: Record<string, Scalar>;
  /** Last year's result (scored under its own rubric): the summary sheet then compares with it. */
  previous?: PreviousResult;
  /** Level rubrics whose units register a level (Kon Tum): the level registered. */
  registeredLevel?: number;
  /** The council's feedback answered: the round, the submission's SHA-256, the remark per criterion. */
  response?: ResponseRequest;
}

export interface ResponseRequest {
  round: number;
  answers: string;
  remarks: Record<string, string>;
}

export function buildTemplate(rubric: Rubric, options: BuildOptions): WorkbookSpec {
  const unit = resolveUnit(rubric, options.unit);
  const unitName = options.unitName ?? '';
  const year = options.year ?? new Date().getFullYear();
  const criteria = criteriaFor(rubric, unit);
  const isLevel = rubric.kind === 'levels';
  const columns = tableColumns(rubric, options.response !== undefined);
  const col = Object.fromEntries(columns.map((c, i) => [c.key, columnLetter(i)])) as Record<string, string>;
  const lastCol = columnLetter(columns.length - 1);
  const sheet = new SheetParts();
  const lists = new ListSheet();

  const header = headerFor(rubric);
  const registeredLevel = header.registered ? options.registeredLevel : undefined;
  writeHeader(sheet, rubric, unit, unitName, year, lastCol, lists, registeredLevel ?? null);
  const general = writeGeneral(sheet, rubric, BODY_ROW, col, options.general ?? {});
  const tableHeaderRow = general.next;
  const firstRow = tableHeaderRow + 1;
  sheet.rowHeights.push({ row: tableHeaderRow, height: 30 });
  columns.forEach((c, i) =>
    sheet.put({ address: `${columnLetter(i)}${tableHeaderRow}`, value: c.header, style: 'tableHeader' }),
  );

  // Criteria grouped by pillar (and by heading group where the decision has them).
  const ctx: TableContext = {
    rubric,
    unit,
    unitName,
    year,
    columns,
    col,
    general: general.cells,
    lists,
    sheet,
    remarks: options.response?.remarks,
  };
  const rows: Record<string, number> = {};
  const results = new Map<string, RowResult>();
  const pillarRows: { pillar: Rubric['pillars'][number]; row: number; first: number; last: number }[] = [];
  const entries = options.entries ?? {};
  let row = firstRow;
  for (const pillar of rubric.pillars.filter((p) => !p.units || p.units.includes(unit))) {
    const inPillar = criteria.filter((c) => c.pillar === pillar.id);
    if (inPillar.length === 0) continue;
    const pillarRow = row++;
    let lastParent: string | undefined;
    for (const c of inPillar) {
      const group = c.parent ? rubric.groups.find((g) => g.id === c.parent) : undefined;
      if (group && c.parent !== lastParent) {
        sheet.put({ address: `A${row}`, value: group.id, style: 'group' });
        sheet.put({ address: `B${row}`, value: group.title, style: 'group' });
        sheet.rowHeights.push({
          row,
          height: rowHeight([{ text: group.title, width: columns[1].width, fontSize: 10 }]),
        });
        row++;
      }
      lastParent = c.parent;
      rows[c.id] = row;
      const written = writeCriterionRow(ctx, c, row, entries[c.id]);
      results.set(c.id, written);
      row += written.rows;
    }
    pillarRows.push({ pillar, row: pillarRow, first: pillarRow + 1, last: row - 1 });
  }
  const lastRow = row - 1;

  // One assessment of the same cells gives the subtotals and totals the formulas will show.
  const values = Object.fromEntries(
    criteria
      .map((c) => [c.id, valueFromSlots(rubric, c, results.get(c.id)!.slotValues)])
      .filter(([, v]) => !isBlank(v)),
  );
  const generalValues = Object.fromEntries(Object.entries(general.cells).map(([id, g]) => [id, g.value]));
  const assessment = assess(rubric, {
    unit,
    unitName: unitName || undefined,
    year,
    values,
    general: generalValues,
    ...(registeredLevel !== undefined ? { registeredLevel } : {}),
  });
  const pillarSummary = writePillarRows(sheet, columns.length, col, pillarRows, assessment, isLevel);
  const totalRow = lastRow + 2;
  const totals = writeTotals(sheet, rubric, col, pillarRows, assessment, totalRow);
  const firstCheck = `${col.check}${firstRow}`;
  sheet.conditionalFormats.push(
    {
      range: `${col.check}${firstRow}:${col.check}${lastRow}`,
      formula: `AND(LEN(${firstCheck})>0,${firstCheck}<>"${OK_MARK}")`,
      fill: '#FFF4CE',
      fontColor: '#8A3707',
    },
    {
      range: `${col.check}${firstRow}:${col.check}${lastRow}`,
      formula: `${firstCheck}="${OK_MARK}"`,
      fontColor: '#107C10',
    },
  );

  const layout: TemplateLayout = {
    sheet: MAIN_SHEET,
    header,
    idColumn: 'A',
    firstRow,
    lastRow,
    valueColumn: col.value,
    slotColumns: [],
    general: Object.fromEntries(Object.entries(general.cells).map(([id, g]) => [id, g.cell.replace(/\$/g, '')])),
    evidence: { number: col.evNumber, date: col.evDate, issuer: col.evIssuer, link: col.evLink, signed: col.evSigned },
    evidenceRows: Object.fromEntries([...results].map(([id, r]) => [id, r.rows])),
    note: col.note,
    score: col.result,
    max: col.max ?? '',
    check: col.check,
    rows,
    inputs: Object.fromEntries(criteria.map((c) => [c.id, inputSlots(rubric, c).map((slot) => slot.kind)])),
    ...(options.response && {
      response: {
        round: options.response.round,
        answers: options.response.answers,
        remark: col.remark,
        explanation: col.explanation,
        criteria: criteria.filter((c) => options.response!.remarks[c.id] !== undefined).map((c) => c.id),
      },
    }),
  };
  const meta = { rubric: rubric.id, version: rubric.version, unit, unitName, year, templateVersion: TEMPLATE_VERSION };

  const main: SheetSpec = {
    name: MAIN_SHEET,
    visibility: 'visible',
    cells: sheet.cells,
    merges: sheet.merges,
    columns: columns.map((c, i) => ({ column: columnLetter(i), width: c.width })),
    rowHeights: sheet.rowHeights,
    // Rows are frozen down to the table header only when that leaves most of a laptop screen to
    // scroll; below a general-information block only the id and title columns are frozen.
    freeze: { rows: tableHeaderRow <= MAX_FROZEN_ROWS ? tableHeaderRow : 0, columns: 2 },
    validations: sheet.validations,
    conditionalFormats: sheet.conditionalFormats,
    charts: [],
    protect: true,
    print: {
      landscape: true,
      paper: 'A4',
      fitToWidth: true,
      titleRows: `${tableHeaderRow}:${tableHeaderRow}`,
      area: `A1:${lastCol}${totalRow}`,
    },
    tabColor: '#0F6CBD',
  };
  const summary = buildSummary({
    rubric,
    unit,
    pillars: pillarSummary,
    col,
    table: ctx,
    totals: { ...totals, totalRow },
    criteria,
    rows,
    levels: new Map([...results].map(([id, r]) => [id, r.level ?? 0])),
    slotValues: new Map([...results].map(([id, r]) => [id, r.slotValues])),
    ...(header.registered && { registered: { cell: header.registered, level: registeredLevel ?? null } }),
    ...(options.previous && {
      comparison: compareAssessments(assessment, options.previous.assessment, {
        current: { year, decision: rubric.decision.number },
        previous: options.previous,
      }),
    }),
  });
  const report = buildReport({
    rubric,
    unit,
    unitName,
    year,
    col,
    main: sheet.cells,
    pillars: pillarSummary.map((p) => ({
      ...p,
      criteria: criteria
        .filter((c) => c.pillar === p.id)
        .map((c) => ({ criterion: c, row: rows[c.id], rows: results.get(c.id)!.rows })),
    })),
    totalRow,
  });
  return {
    meta,
    layout,
    styles: STYLES,
    sheets: [main, summary, report, lists.sheet(), metaSheet(meta, layout)],
    names: definedNames(header),
  };
}

/** The entries of a value record (e.g. from a self-assessment JSON file) as template entries. */
export function entriesFromValues(
  rubric: Rubric,
  unit: UnitId,
  values: Record<string, unknown>,
): Record<string, CriterionEntry> {
  const out: Record<string, CriterionEntry> = {};
  for (const c of criteriaFor(rubric, unit)) {
    const v = values[c.id];
    if (isBlank(v)) continue;
    out[c.id] = {
      slots: cellsFromValue(rubric, c, v) as Scalar[],
      evidence: [],
      note: null,
    };
  }
  return out;
}

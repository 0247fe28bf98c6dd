/**
 * The criteria table of the main sheet, as in the decision: per criterion its code, title, max
 * points or level thresholds, guidance and deadline, then one row per input slot — what to enter
 * (in the decision's words) beside its input cell, typed to what the engine accepts — evidence,
 * the score or level formula, the check formula and a note. The criterion's own cells span its
 * slot rows (merged). Formula cells carry the result the add-in's functions compute from the same
 * cells (the engine's cell computations), and pass each input as `IF(ISBLANK(c),"",c)`, so a blank
 * reaches the functions as blank whether Excel would pass it as 0 or as nothing.
 */
import {
  cellCheck,
  cellMax,
  cellPoints,
  cellsLevel,
  contextArguments,
  inputSlots,
  type ContextArgument,
  type Slot,
} from '../engine';
import { criterionMax, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { checkCellText, SIGNED_REQUIRED } from './check';
import { absolute, HEADER, quoteSheet, type Column, type CriterionEntry } from './layout';
import { displayValue, ListSheet, NO, slotFormat, slotValidation, YES } from './inputs';
import { orElse, rowHeight, SheetParts } from './sheet-parts';
import type { Scalar } from './spec';

/** What every row of one template shares. */
export interface TableContext {
  rubric: Rubric;
  unit: UnitId;
  unitName: string;
  year: number;
  columns: Column[];
  /** Column letter by column key. */
  col: Record<string, string>;
  /** The general-information cells (absolute references) and what they hold, by item id. */
  general: Record<string, { cell: string; value: Scalar }>;
  lists: ListSheet;
  sheet: SheetParts;
  /** A response to the council's feedback: the council's remark per remarked criterion. */
  remarks?: Record<string, string>;
}

/** What a row's formula cells show, for the subtotals and the summary sheet. */
export interface RowResult {
  /** Signed points (penalties negative); points rubrics. */
  points?: number;
  /** Max counted toward the total; criteria that score (not bonus/penalty). */
  max?: number;
  level?: number;
  /** The entries in the form their cells show. */
  slotValues: Scalar[];
  /** The rows the criterion takes (one per slot, one per document, whichever is more); each holds a document. */
  rows: number;
}

/**
 * Rows for documents: two where the decision asks for evidence (most ask for several), one for
 * criteria that ask for none, and always one free row below the documents already entered.
 */
export const evidenceRowsFor = (c: Criterion, entry: CriterionEntry | undefined): number =>
  Math.max(c.evidence ? 2 : 1, (entry?.evidence.length ?? 0) + 1);

/** The evidence columns, one document a row. */
const EVIDENCE_COLUMNS = ['evNumber', 'evDate', 'evIssuer', 'evLink', 'evSigned'] as const;

const REF = { rubric: absolute(HEADER.rubric), unit: absolute(HEADER.unit) } as const;

/** A cell passed to a function so that a blank stays blank (Excel passes some blanks as 0). */
export const guarded = (ref: string) => `IF(ISBLANK(${ref}),"",${ref})`;

export function guidanceText(c: Criterion): string {
  const parts: string[] = [];
  if (c.guidance) parts.push(c.guidance);
  if (c.evidence?.text) parts.push(`Tài liệu kiểm chứng: ${c.evidence.text}`);
  if (c.evidence?.signed) parts.push('Yêu cầu: file điện tử có ký số.');
  if (c.allowNotApplicable) parts.push(`Được chọn "Không áp dụng": ${c.allowNotApplicable}`);
  if (c.effect !== 'score')
    parts.push(c.effect === 'bonus' ? 'Điểm thưởng, ngoài điểm tối đa.' : 'Điểm trừ, ngoài điểm tối đa.');
  return parts.join('\n');
}

/** A context argument as a formula reference, and its value now (for the stored result). */
function contextArg(ctx: TableContext, a: ContextArgument, prefix: string): { ref: string; value: Scalar } {
  if (a.kind === 'unit-name') return { ref: guarded(`${prefix}${absolute(HEADER.unitName)}`), value: ctx.unitName };
  if (a.kind === 'year') return { ref: guarded(`${prefix}${absolute(HEADER.year)}`), value: ctx.year };
  const g = ctx.general[a.item];
  return { ref: guarded(`${prefix}${g.cell}`), value: g.value };
}

/**
 * The arguments a criterion's functions take, as references and as values: its slot cells
 * (`sheetPrefix` for a formula on another sheet), then its context arguments.
 */
export function criterionArguments(
  ctx: TableContext,
  c: Criterion,
  row: number,
  slotValues: Scalar[],
  sheetPrefix = '',
) {
  const slotRefs = inputSlots(ctx.rubric, c).map((_, i) => guarded(`${sheetPrefix}${ctx.col.value}${row + i}`));
  const context = contextArguments(ctx.rubric, c).map((a) => contextArg(ctx, a, sheetPrefix));
  return { refs: [...slotRefs, ...context.map((x) => x.ref)], values: [...slotValues, ...context.map((x) => x.value)] };
}

/** Writes one criterion from row `r` with its entries; returns what its formula cells show. */
export function writeCriterionRow(
  ctx: TableContext,
  c: Criterion,
  r: number,
  entry: CriterionEntry | undefined,
): RowResult {
  const { rubric, unit, col, sheet } = ctx;
  const put = (cell: Parameters<SheetParts['put']>[0]) => sheet.put(cell);
  const slots = inputSlots(rubric, c);
  const n = Math.max(1, slots.length, evidenceRowsFor(c, entry));
  const slotValues = slots.map((slot, i) => displayValue(slot, entry?.slots[i] ?? null));
  const args = criterionArguments(ctx, c, r, slotValues);
  const head = [REF.rubric, REF.unit, `$A${r}`];
  const out: RowResult = { slotValues, rows: n };
  const max = c.rule.kind === 'levels' ? undefined : criterionMax(c, unit);

  put({ address: `A${r}`, value: c.id, style: 'criterionId' });
  put({ address: `B${r}`, value: c.title, style: 'text' });
  put({ address: `${col.guidance}${r}`, value: guidanceText(c), style: 'guidance' });
  if (c.rule.kind === 'levels') {
    const rule = c.rule;
    put({ address: `${col.measureUnit}${r}`, value: c.measureUnit ?? '', style: 'text' });
    rule.thresholds.forEach((th, i) => {
      put({
        address: `${col[`level${i + 1}`]}${r}`,
        value: rule.labels?.[i] ?? (th === null ? 'Không áp dụng' : ''),
        style: 'text',
      });
    });
  } else {
    const counted = c.effect === 'score';
    const countedMax = orElse(() => cellMax(rubric, unit, c, args.values), max!);
    if (counted) out.max = countedMax;
    put({
      address: `${col.max}${r}`,
      formula: counted ? `=CDS.DTI_MAX(${[...head, ...args.refs].join(',')})` : undefined,
      value: counted ? undefined : max!,
      result: counted ? countedMax : undefined,
      style: 'number',
      numFmt: 'General',
    });
    put({
      address: `${col.deadline}${r}`,
      value: c.deadline ? `${c.deadline.by.slice(3)}/${c.deadline.by.slice(0, 2)}` : '',
      style: 'text',
    });
  }

  writeSlots(ctx, c, r, slots, slotValues, max);
  writeEvidence(ctx, c, r, n, entry);
  writeResponse(ctx, c, r, entry);

  // Result and check.
  if (c.rule.kind === 'levels') {
    out.level = orElse(() => cellsLevel(rubric, unit, [{ criterion: c, cells: args.values }]), 0);
    put({
      address: `${col.result}${r}`,
      formula: `=CDS.DTI_LEVEL(${[...head, ...args.refs].join(',')})`,
      result: out.level,
      style: 'formula',
      numFmt: '0',
    });
  } else {
    const points = orElse(() => cellPoints(rubric, unit, c, args.values), 0);
    out.points = c.effect === 'penalty' ? -points : points;
    const call = `CDS.DTI_SCORE(${[...head, ...args.refs].join(',')})`;
    put({
      address: `${col.result}${r}`,
      formula: c.effect === 'penalty' ? `=-${call}` : `=${call}`,
      result: out.points,
      style: 'formula',
      numFmt: 'General',
    });
  }
  const call = `CDS.DTI_CHECK(${[...head, ...args.refs].join(',')})`;
  let check = orElse(() => cellCheck(rubric, unit, c, args.values), 'Giá trị không hợp lệ');
  let formula = `=${call}`;
  if (c.evidence?.signed) {
    // The pane's verdict in the sheet too: an entry that claims points needs one document marked signed.
    const signed = `${col.evSigned}${r}:${col.evSigned}${r + n - 1}`;
    const message = SIGNED_REQUIRED.vi.replace(/"/g, '""');
    formula = `=IF(AND(IFERROR(${col.result}${r}<>0,FALSE),COUNTIF(${signed},"${YES}")+COUNTIF(${signed},TRUE)=0),"${message}",${call})`;
    const signedCells = (entry?.evidence ?? []).map((e) => e.signed);
    check = checkCellText(rubric, c, { points: out.points ?? null, level: out.level }, signedCells, check);
  }
  put({ address: `${col.check}${r}`, formula, result: check, style: 'check' });

  // The criterion's own cells span its rows; each slot and each document has a row of its own,
  // and the last slot's cells reach down to the last document's row.
  if (n > 1) {
    const own = new Set<string>(['inputLabel', 'value', ...EVIDENCE_COLUMNS]);
    for (const column of ctx.columns.filter((x) => !own.has(x.key)))
      sheet.merges.push(`${col[column.key]}${r}:${col[column.key]}${r + n - 1}`);
    const lastSlot = Math.max(0, slots.length - 1);
    if (lastSlot < n - 1)
      for (const key of ['inputLabel', 'value'])
        sheet.merges.push(`${col[key]}${r + lastSlot}:${col[key]}${r + n - 1}`);
  }
  rowHeights(ctx, c, r, n, slots, check);
  return out;
}

/** One row per slot: what to enter (label) and the input cell, typed and validated. */
function writeSlots(
  ctx: TableContext,
  c: Criterion,
  r: number,
  slots: Slot[],
  slotValues: Scalar[],
  max: number | undefined,
): void {
  const { col, sheet, lists } = ctx;
  if (slots.length === 0) return;
  slots.forEach((slot, i) => {
    const address = `${col.value}${r + i}`;
    const general = slot.general ? ctx.general[slot.general] : undefined;
    const label = general ? `${slot.label.vi} (để trống: lấy từ Thông tin chung)` : slot.label.vi;
    sheet.put({ address: `${col.inputLabel}${r + i}`, value: label, style: 'slotLabel' });
    sheet.put({ address, value: slotValues[i], style: 'input', locked: false, numFmt: slotFormat(slot) });
    const v = slotValidation(slot, c, address, lists, max);
    if (v) sheet.validations.push(v);
  });
}

/** One row per document (number, date, issuer, link or file name, signed), then the criterion's note. */
function writeEvidence(ctx: TableContext, c: Criterion, r: number, n: number, entry: CriterionEntry | undefined): void {
  const { col, sheet, lists } = ctx;
  for (let i = 0; i < n; i++) {
    const ev = entry?.evidence[i];
    const input = (key: string, value: Scalar | undefined, numFmt?: string) =>
      sheet.put({ address: `${col[key]}${r + i}`, value: value ?? null, style: 'input', locked: false, numFmt });
    input('evNumber', ev?.number);
    input('evDate', ev?.date, 'dd/mm/yyyy');
    input('evIssuer', ev?.issuer);
    input('evLink', ev?.link);
    input('evSigned', ev?.signed);
  }
  sheet.put({ address: `${col.note}${r}`, value: entry?.note ?? null, style: 'note', locked: false });
  const rows = (key: string) => `${col[key]}${r}:${col[key]}${r + n - 1}`;
  sheet.validations.push(
    {
      range: rows('evDate'),
      type: 'date',
      min: 36526,
      allowBlank: true,
      prompt: { title: 'Ngày văn bản', message: 'Ngày ký, ban hành của tài liệu kiểm chứng, ví dụ 15/04/2025.' },
      error: { title: 'Ngày văn bản', message: 'Nhập ngày, ví dụ 15/04/2025.' },
    },
    {
      range: rows('evSigned'),
      type: 'list',
      source: lists.ref([YES, NO]),
      allowBlank: true,
      error: { title: 'File có ký số', message: 'Chọn Có hoặc Không.' },
    },
  );
  if (c.evidence?.signed)
    sheet.conditionalFormats.push({
      range: rows('evSigned'),
      formula: `${col.evSigned}${r}="${NO}"`,
      fill: '#FDE7E9',
      fontColor: '#A4262C',
    });
}

/**
 * Beside a remarked criterion: the council's remark (read-only) and the unit's explanation (an
 * input). Other criteria leave both cells empty and locked: nothing to answer there.
 */
function writeResponse(ctx: TableContext, c: Criterion, r: number, entry: CriterionEntry | undefined): void {
  const remark = ctx.remarks?.[c.id];
  if (remark === undefined) return;
  ctx.sheet.put({ address: `${ctx.col.remark}${r}`, value: remark, style: 'guidance' });
  ctx.sheet.put({
    address: `${ctx.col.explanation}${r}`,
    value: entry?.explanation ?? null,
    style: 'note',
    locked: false,
  });
}

/** Heights that show every text whole: the criterion's texts over its `n` rows, each slot's label in its row. */
function rowHeights(ctx: TableContext, c: Criterion, r: number, n: number, slots: Slot[], check: string): void {
  const width = (key: string) => ctx.columns.find((x) => x.key === key)!.width;
  const block = rowHeight([
    { text: c.title, width: width('title'), fontSize: 10 },
    { text: guidanceText(c), width: width('guidance'), fontSize: 9 },
    { text: check, width: width('check'), fontSize: 9 },
    ...(ctx.remarks?.[c.id] ? [{ text: ctx.remarks[c.id], width: width('remark'), fontSize: 9 }] : []),
    ...(c.rule.kind === 'levels'
      ? (c.rule.labels ?? []).map((text) => ({ text, width: width('level1'), fontSize: 10 }))
      : []),
  ]);
  const labels = slots.map((s) => rowHeight([{ text: s.label.vi, width: width('inputLabel'), fontSize: 9 }]));
  const share = Math.ceil(block / n);
  for (let i = 0; i < n; i++)
    ctx.sheet.rowHeights.push({ row: r + i, height: Math.min(409, Math.max(labels[i] ?? 15, share)) });
}

/** References to a criterion's cells from another sheet (the summary's shortfall formulas). */
export const onMainSheet = (mainSheet: string) => `${quoteSheet(mainSheet)}!`;

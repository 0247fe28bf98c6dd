/**
 * The criteria table of the main sheet: one row per criterion, as in the decision — code, title,
 * max points or the level thresholds, guidance, deadline, the input cells typed to the rule,
 * evidence, the score or level formula, the check formula and a note. Formula cells carry the
 * result the add-in's functions compute from the same cells (the engine's cell computations).
 */
import { cellCheck, cellMax, cellPoints, cellsLevel, inputSlots, type Slot } from '../engine';
import { criterionMax, type Criterion, type Rubric, type UnitId } from '../rubrics';
import { absolute, HEADER, type Column, type CriterionEntry } from './layout';
import { displayValue, ListSheet, NO, slotFormat, slotValidation, YES } from './inputs';
import { orElse, rowHeight, SheetParts } from './sheet-parts';
import type { Scalar } from './spec';

/** What every row of one template shares. */
export interface TableContext {
  rubric: Rubric;
  unit: UnitId;
  unitName: string;
  columns: Column[];
  /** Column letter by column key. */
  col: Record<string, string>;
  slotCols: string[];
  lists: ListSheet;
  sheet: SheetParts;
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
}

const REF = {
  rubric: absolute(HEADER.rubric),
  unit: absolute(HEADER.unit),
  unitName: absolute(HEADER.unitName),
} as const;

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

/** Writes one criterion's row `r` with its entries; returns what its formula cells show. */
export function writeCriterionRow(
  ctx: TableContext,
  c: Criterion,
  r: number,
  entry: CriterionEntry | undefined,
): RowResult {
  const { rubric, unit, unitName, col, slotCols, sheet } = ctx;
  const put = (cell: Parameters<SheetParts['put']>[0]) => sheet.put(cell);
  const slots = inputSlots(rubric, c);
  const slotRefs = slots.map((_, i) => `${slotCols[i]}${r}`);
  const slotValues = slots.map((slot, i) => displayValue(slot, entry?.slots[i] ?? null));
  const args = [REF.rubric, REF.unit, `$A${r}`];
  const out: RowResult = { slotValues };

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
    const max = cellMax(rubric, unit, c, slotValues, unitName || undefined);
    if (counted) out.max = max;
    put({
      address: `${col.max}${r}`,
      formula: counted ? `=CDS.DTI_MAX(${[...args, REF.unitName, ...slotRefs].join(',')})` : undefined,
      value: counted ? undefined : criterionMax(c, unit),
      result: counted ? max : undefined,
      style: 'number',
      numFmt: '0.##',
    });
    put({
      address: `${col.deadline}${r}`,
      value: c.deadline ? `${c.deadline.by.slice(3)}/${c.deadline.by.slice(0, 2)}` : '',
      style: 'text',
    });
  }

  writeInputs(ctx, c, r, slots, slotValues, entry);

  // Result and check.
  const unitNameArg = c.onlyFor ? [REF.unitName] : [];
  const cellUnitName = c.onlyFor ? unitName || undefined : undefined;
  if (c.rule.kind === 'levels') {
    out.level = orElse(() => cellsLevel(rubric, unit, [{ criterion: c, cells: slotValues }]), 0);
    const range = `${slotCols[0]}${r}:${slotCols[slotCols.length - 1]}${r}`;
    put({
      address: `${col.result}${r}`,
      formula: `=CDS.DTI_LEVEL(${[...args, range].join(',')})`,
      result: out.level,
      style: 'formula',
      numFmt: '0',
    });
  } else {
    const points = orElse(() => cellPoints(rubric, unit, c, slotValues, cellUnitName), 0);
    out.points = c.effect === 'penalty' ? -points : points;
    const call = `CDS.DTI_SCORE(${[...args, ...slotRefs, ...unitNameArg].join(',')})`;
    put({
      address: `${col.result}${r}`,
      formula: c.effect === 'penalty' ? `=-${call}` : `=${call}`,
      result: out.points,
      style: 'formula',
      numFmt: '0.##',
    });
  }
  const check = orElse(() => cellCheck(rubric, unit, c, slotValues, cellUnitName), 'Giá trị không hợp lệ');
  put({
    address: `${col.check}${r}`,
    formula: `=CDS.DTI_CHECK(${[...args, ...slotRefs, ...unitNameArg].join(',')})`,
    result: check,
    style: 'check',
  });

  const width = (key: string) => ctx.columns.find((x) => x.key === key)!.width;
  sheet.rowHeights.push({
    row: r,
    height: rowHeight([
      { text: c.title, width: width('title'), fontSize: 10 },
      { text: guidanceText(c), width: width('guidance'), fontSize: 9 },
      { text: check, width: width('check'), fontSize: 9 },
      ...slotValues.map((v) => ({ text: typeof v === 'string' ? v : '', width: width('slot0'), fontSize: 10 })),
      ...(c.rule.kind === 'levels'
        ? (c.rule.labels ?? []).map((text) => ({ text, width: width('level1'), fontSize: 10 }))
        : []),
    ]),
  });
  return out;
}

/** Input cells typed to what the rule expects (unused slot cells greyed and locked), evidence and note. */
function writeInputs(
  ctx: TableContext,
  c: Criterion,
  r: number,
  slots: Slot[],
  slotValues: Scalar[],
  entry: CriterionEntry | undefined,
): void {
  const { col, slotCols, sheet, lists } = ctx;
  slotCols.forEach((sc, i) => {
    const slot = slots[i];
    if (!slot) {
      sheet.put({ address: `${sc}${r}`, value: null, style: 'inputUnused' });
      return;
    }
    sheet.put({
      address: `${sc}${r}`,
      value: slotValues[i],
      style: 'input',
      locked: false,
      numFmt: slotFormat(slot, c),
    });
    const v = slotValidation(slot, c, `${sc}${r}`, lists);
    if (v) sheet.validations.push(v);
  });
  const ev = entry?.evidence;
  sheet.put({ address: `${col.evNumber}${r}`, value: ev?.number ?? null, style: 'input', locked: false });
  sheet.put({
    address: `${col.evDate}${r}`,
    value: ev?.date ?? null,
    style: 'input',
    locked: false,
    numFmt: 'dd/mm/yyyy',
  });
  sheet.put({ address: `${col.evLink}${r}`, value: ev?.link ?? null, style: 'input', locked: false });
  sheet.put({ address: `${col.evSigned}${r}`, value: ev?.signed ?? null, style: 'input', locked: false });
  sheet.put({ address: `${col.note}${r}`, value: entry?.note ?? null, style: 'note', locked: false });
  sheet.validations.push(
    {
      range: `${col.evDate}${r}`,
      type: 'date',
      min: 36526,
      allowBlank: true,
      error: { title: 'Ngày văn bản', message: 'Nhập ngày (dd/mm/yyyy).' },
    },
    {
      range: `${col.evSigned}${r}`,
      type: 'list',
      source: lists.ref([YES, NO]),
      allowBlank: true,
      error: { title: 'File có ký số', message: 'Chọn Có hoặc Không.' },
    },
  );
  if (c.evidence?.signed)
    sheet.conditionalFormats.push({
      range: `${col.evSigned}${r}`,
      formula: `$${col.evSigned}${r}="${NO}"`,
      fill: '#FDE7E9',
      fontColor: '#A4262C',
    });
}

/**
 * Reading a filled template back, from any workbook source (the open workbook through Office.js,
 * an .xlsx file through ExcelJS): the template's identity and layout from its very hidden sheet,
 * then each criterion's entries, found by criterion id. Also carrying entries into a new template
 * (re-insertion, or a newer rubric version) without losing anything, and saying what could not move.
 */
import {
  type AssessmentInput,
  criteriaFor,
  findCriterion,
  inputSlots,
  isBlank,
  resolveUnit,
  valueFromSlots,
} from '../engine';
import { DtiError, t } from '../base';
import type { Rubric } from '../rubrics';
import { headerCells, META_SHEET, type CriterionEntry, type TemplateLayout, type TemplateMeta } from './layout';
import { readSeal, type Seal } from './seal';
import type { Scalar } from './spec';

/** Reads one cell of a sheet: a plain value (dates as ISO strings), or null when empty. */
export type CellReader = (sheet: string, address: string) => Scalar;

export interface TemplateInfo {
  meta: TemplateMeta;
  layout: TemplateLayout;
}

/** The template's identity and layout from the very hidden sheet; undefined when it is not a template. */
export function readTemplateInfo(read: CellReader): TemplateInfo | undefined {
  if (read(META_SHEET, 'A1') !== 'dti-template') return undefined;
  try {
    const info = JSON.parse(String(read(META_SHEET, 'B1'))) as TemplateInfo;
    if (!info.meta?.rubric || !info.layout?.sheet) return undefined;
    return info;
  } catch {
    return undefined;
  }
}

export interface FilledTemplate {
  info: TemplateInfo;
  unitName: string;
  year: number | undefined;
  entries: Record<string, CriterionEntry>;
  /** Ids found in the sheet that the layout did not place where it said (rows moved). */
  moved: string[];
  /** The seal the Submit step wrote, if the template is sealed. */
  seal?: Seal;
}

/**
 * The entries of every criterion row. Rows are found by the id in the id column, so a template
 * whose rows were moved or inserted between is still read correctly.
 */
export function readEntries(read: CellReader, info: TemplateInfo, scanLimit = 2000): FilledTemplate {
  const { layout } = info;
  const sheet = layout.sheet;
  const rowOf = new Map<string, number>();
  const moved: string[] = [];
  for (const [id, row] of Object.entries(layout.rows)) {
    if (String(read(sheet, `${layout.idColumn}${row}`) ?? '').trim() === id) rowOf.set(id, row);
  }
  if (rowOf.size < Object.keys(layout.rows).length) {
    const wanted = new Set(Object.keys(layout.rows).filter((id) => !rowOf.has(id)));
    for (let r = 1; r <= scanLimit && wanted.size; r++) {
      const id = String(read(sheet, `${layout.idColumn}${r}`) ?? '').trim();
      if (wanted.has(id)) {
        rowOf.set(id, r);
        wanted.delete(id);
        moved.push(id);
      }
    }
  }
  const entries: Record<string, CriterionEntry> = {};
  for (const [id, r] of rowOf) {
    const cell = (col: string) => (col ? read(sheet, `${col}${r}`) : null);
    entries[id] = {
      slots: layout.slotColumns.map((c) => cell(c)),
      evidence: {
        number: cell(layout.evidence.number),
        date: cell(layout.evidence.date),
        link: cell(layout.evidence.link),
        signed: cell(layout.evidence.signed),
      },
      note: cell(layout.note),
    };
  }
  const header = headerCells(layout);
  const yearCell = read(sheet, header.year);
  const seal = readSeal(read);
  return {
    info,
    unitName: String(read(sheet, header.unitName) ?? '').trim(),
    year: typeof yearCell === 'number' ? yearCell : Number(yearCell) || undefined,
    entries,
    moved,
    ...(seal ? { seal } : {}),
  };
}

/** The engine input of a filled template: what `dti score FILE.json` would read. */
export function toAssessmentInput(rubric: Rubric, filled: FilledTemplate): AssessmentInput & { rubric: string } {
  const unit = resolveUnit(rubric, filled.info.meta.unit);
  const values: Record<string, unknown> = {};
  for (const c of criteriaFor(rubric, unit)) {
    const entry = filled.entries[c.id];
    if (!entry) continue;
    const n = inputSlots(rubric, c).length;
    const v = valueFromSlots(rubric, c, entry.slots.slice(0, n));
    if (!isBlank(v)) values[c.id] = v;
  }
  return {
    rubric: rubric.id,
    unit,
    ...(filled.unitName ? { unitName: filled.unitName } : {}),
    ...(filled.year ? { year: filled.year } : {}),
    values,
  };
}

export interface CarryReport {
  /** Criteria whose entries were carried over. */
  carried: string[];
  /** Entries that could not be carried, with what they held and why: nothing is dropped silently. */
  lost: { criterion: string; what: string; value: Scalar; reason: string }[];
}

const entryHasData = (e: CriterionEntry) =>
  [...e.slots, e.evidence.number, e.evidence.date, e.evidence.link, e.evidence.signed, e.note].some((v) => !isBlank(v));

/**
 * Entries of an old template mapped onto a (possibly newer) rubric: kept by criterion id, with
 * input cells kept only while the criterion still takes the same inputs. Anything that cannot move
 * — a criterion gone, inputs of another shape — is listed in the report with its value.
 */
export function carryEntries(
  old: Record<string, CriterionEntry>,
  rubric: Rubric,
  unitId: string,
  oldInputs: Record<string, string[]> = {},
): { entries: Record<string, CriterionEntry>; report: CarryReport } {
  const unit = resolveUnit(rubric, unitId);
  const entries: Record<string, CriterionEntry> = {};
  const report: CarryReport = { carried: [], lost: [] };
  for (const [id, entry] of Object.entries(old)) {
    if (!entryHasData(entry)) continue;
    let criterion;
    try {
      criterion = findCriterion(rubric, unit, id);
    } catch (e) {
      if (!(e instanceof DtiError)) throw e;
      const all = [
        ...entry.slots.map((v, i) => [`Giá trị ${i + 1}`, v] as const),
        ['Số văn bản', entry.evidence.number],
        ['Ngày văn bản', entry.evidence.date],
        ['Liên kết', entry.evidence.link],
        ['Ký số', entry.evidence.signed],
        ['Ghi chú', entry.note],
      ] as const;
      for (const [what, value] of all)
        if (!isBlank(value))
          report.lost.push({
            criterion: id,
            what,
            value,
            reason: t('tiêu chí không còn trong bộ tiêu chí mới', 'criterion no longer in the rubric').vi,
          });
      continue;
    }
    const kinds = inputSlots(rubric, criterion).map((s) => s.kind);
    const before = oldInputs[id];
    const sameShape = !before || (before.length === kinds.length && before.every((k, i) => k === kinds[i]));
    const kept = sameShape ? entry.slots.slice(0, kinds.length) : kinds.map(() => null);
    const dropped = sameShape ? entry.slots.slice(kinds.length) : entry.slots;
    const lostValues = dropped.filter((v) => !isBlank(v));
    for (const value of lostValues)
      report.lost.push({
        criterion: id,
        what: 'Giá trị',
        value,
        reason: sameShape
          ? 'tiêu chí mới nhận ít giá trị hơn'
          : 'tiêu chí mới cần loại giá trị khác; giá trị cũ được ghi vào Ghi chú',
      });
    // A value that no longer fits an input cell is kept in the note, so it is never lost.
    const note = lostValues.length
      ? [entry.note, `[Giá trị cũ: ${lostValues.map((v) => String(v)).join('; ')}]`]
          .filter((x) => !isBlank(x))
          .join(' ')
      : entry.note;
    entries[id] = { slots: kept, evidence: entry.evidence, note };
    report.carried.push(id);
  }
  return { entries, report };
}

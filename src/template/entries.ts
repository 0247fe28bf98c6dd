/**
 * Reading a filled template back, from any workbook source (the open workbook through Office.js,
 * an .xlsx file through ExcelJS): the template's identity and layout from its very hidden sheet,
 * then each criterion's entries, found by criterion id. Also carrying entries into a new template
 * (re-insertion, or a newer rubric version) without losing anything, and saying what could not move.
 */
import { DtiError, t } from '../base';
import {
  cellsFromValue,
  contextArguments,
  EVIDENCE_FIELDS,
  evidenceFromJson,
  evidenceHasData,
  evidenceLabel,
  plainEvidence,
  type EvidenceEntry,
  criteriaFor,
  findCriterion,
  inputSlots,
  isBlank,
  resolveUnit,
  scoreCriterion,
  toIsoDate,
  valueFromSlots,
  type AssessmentInput,
} from '../engine';
import type { Criterion, Rubric, UnitId } from '../rubrics';
import {
  evidenceCells,
  headerCells,
  META_SHEET,
  slotCells,
  type CriterionEntry,
  type TemplateLayout,
  type TemplateMeta,
} from './layout';
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
  /** Level rubrics whose units register a level (Kon Tum): the level entered, if a whole number. */
  registered?: number;
  entries: Record<string, CriterionEntry>;
  /** Ids found in the sheet that the layout did not place where it said (rows moved). */
  moved: string[];
  /** The seal the Submit step wrote, if the template is sealed. */
  seal?: Seal;
  /** The general-information items entered, by item id (version 2 templates). */
  general: Record<string, Scalar>;
  /** A response to the council's feedback: the remark shown beside each remarked criterion. */
  remarks?: Record<string, string>;
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
  const answered = new Set(layout.response?.criteria ?? []);
  for (const [id, r] of rowOf) {
    const cell = (col: string) => (col ? read(sheet, `${col}${r}`) : null);
    entries[id] = {
      slots: slotCells(layout, id, r).map((a) => read(sheet, a)),
      evidence: readEvidence(read, layout, id, r),
      note: cell(layout.note),
      ...(answered.has(id) ? { explanation: cell(layout.response!.explanation) } : {}),
    };
  }
  const header = headerCells(layout);
  const yearCell = read(sheet, header.year);
  const seal = readSeal(read);
  const general = Object.fromEntries(Object.entries(layout.general ?? {}).map(([id, a]) => [id, read(sheet, a)]));
  const registeredCell = header.registered ? read(sheet, header.registered) : null;
  const registered = registeredCell === null || registeredCell === '' ? NaN : Number(registeredCell);
  const remarks = layout.response
    ? Object.fromEntries(
        [...answered]
          .filter((id) => rowOf.has(id))
          .map((id) => [id, String(read(sheet, `${layout.response!.remark}${rowOf.get(id)}`) ?? '')]),
      )
    : undefined;
  return {
    info,
    general,
    ...(remarks ? { remarks } : {}),
    ...(Number.isInteger(registered) ? { registered } : {}),
    unitName: String(read(sheet, header.unitName) ?? '').trim(),
    year: typeof yearCell === 'number' ? yearCell : Number(yearCell) || undefined,
    entries,
    moved,
    ...(seal ? { seal } : {}),
  };
}

/** A criterion's documents, one a row from its row down; rows left blank are skipped. */
export function readEvidence(read: CellReader, layout: TemplateLayout, id: string, row: number): EvidenceEntry[] {
  const out: EvidenceEntry[] = [];
  evidenceCells(layout, id, row).forEach((cells, i) => {
    const at = (a: string) => (a ? read(layout.sheet, a) : null);
    const e: EvidenceEntry = {
      number: at(cells.number),
      date: at(cells.date),
      issuer: at(cells.issuer),
      link: at(cells.link),
      signed: at(cells.signed),
      row: row + i,
    };
    if (evidenceHasData(e)) out.push(e);
  });
  return out;
}

/**
 * A criterion's function arguments as the template's formula cells pass them, read from a sheet:
 * its slot cells, then its context (the unit's name, the year, the general-information cells).
 */
export function argumentValues(
  rubric: Rubric,
  layout: TemplateLayout,
  criterion: Criterion,
  row: number,
  read: (address: string) => Scalar,
): Scalar[] {
  const header = headerCells(layout);
  const slots = slotCells(layout, criterion.id, row).map(read);
  const context = contextArguments(rubric, criterion).map((a) =>
    a.kind === 'unit-name'
      ? read(header.unitName)
      : a.kind === 'year'
        ? read(header.year)
        : layout.general?.[a.item]
          ? read(layout.general[a.item])
          : null,
  );
  return [...slots, ...context];
}

/** The engine's input with the documents entered per criterion (the engine does not read them; the check and exports do). */
export type AssessmentWithEvidence = AssessmentInput & { rubric: string; evidence?: Record<string, EvidenceEntry[]> };

/** The engine input of a filled template: what `dti score FILE.json` would read, with its documents. */
export function toAssessmentInput(rubric: Rubric, filled: FilledTemplate): AssessmentWithEvidence {
  const unit = resolveUnit(rubric, filled.info.meta.unit);
  const values: Record<string, unknown> = {};
  const evidence: Record<string, EvidenceEntry[]> = {};
  for (const c of criteriaFor(rubric, unit)) {
    const entry = filled.entries[c.id];
    if (!entry) continue;
    const v = entryValue(rubric, c, entry.slots, filled.info.layout.inputs[c.id]);
    if (!isBlank(v)) values[c.id] = v;
    if (entry.evidence.length) evidence[c.id] = entry.evidence.map(plainEvidence);
  }
  const general = Object.fromEntries(Object.entries(filled.general ?? {}).filter(([, v]) => !isBlank(v)));
  return {
    rubric: rubric.id,
    unit,
    ...(filled.unitName ? { unitName: filled.unitName } : {}),
    ...(filled.year ? { year: filled.year } : {}),
    ...(filled.registered !== undefined ? { registeredLevel: filled.registered } : {}),
    values,
    ...(Object.keys(general).length ? { general } : {}),
    ...(Object.keys(evidence).length ? { evidence } : {}),
  };
}

/**
 * A criterion's value from the cells of an entry, read with the slot kinds the template stored:
 * the current input model's when they are the same, else what those kinds meant when the
 * template was written (a version-1 "ratio or numerator" cell beside an optional denominator).
 */
export function entryValue(
  rubric: Rubric,
  criterion: Criterion,
  cells: readonly Scalar[],
  stored?: readonly string[],
): unknown {
  const kinds = inputSlots(rubric, criterion).map((s) => s.kind);
  if (!stored || (stored.length === kinds.length && stored.every((k, i) => k === kinds[i])))
    return valueFromSlots(rubric, criterion, cells.slice(0, kinds.length));
  return legacyValue(stored, cells);
}

/** Version 1's slot kinds: "ratio-or-numerator" (a share, or the numerator with a denominator after it). */
function legacyValue(kinds: readonly string[], cells: readonly Scalar[]): unknown {
  const cell = (i: number) => (isBlank(cells[i]) ? null : cells[i]);
  if (kinds[0] === 'ratio-or-numerator')
    return cell(1) === null ? cell(0) : { numerator: cell(0), denominator: cell(1) };
  if (kinds.length === 2 && kinds.every((k) => k === 'count'))
    return cell(0) === null && cell(1) === null ? null : { numerator: cell(0), denominator: cell(1) };
  return cell(0);
}

export interface CarryReport {
  /** Criteria whose entries were carried over. */
  carried: string[];
  /**
   * Entries that could not be carried, with what they held and why: nothing is dropped silently.
   * `reason` is Vietnamese; `reasonEn`, where given, the same in English.
   */
  lost: { criterion: string; what: string; value: Scalar; reason: string; reasonEn?: string }[];
  /**
   * Entries carried in another form, said so: a formula's value without the formula, a link's
   * target in place of the text it showed.
   */
  changed?: { criterion: string; what: string; value: Scalar; reason: string; reasonEn?: string }[];
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * An evidence date as its cell must hold it: a date the readers give as an ISO date (or text an
 * officer typed as dd/mm/yyyy) becomes the Excel serial, so the new template shows a date in its
 * date format, not text. Anything else (an impossible date, a word) stays as it is, to be flagged.
 */
export function dateCellValue(v: Scalar): Scalar {
  if (typeof v !== 'string') return v;
  const iso = toIsoDate(v);
  if (!iso) return v;
  return Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - EXCEL_EPOCH) / 86400000);
}

const entryHasData = (e: CriterionEntry) =>
  [...e.slots, e.note, e.explanation ?? null].some((v) => !isBlank(v)) || e.evidence.some(evidenceHasData);

/** Each filled field of each document, as a report names it ("Số văn bản (tài liệu 2)"). */
const evidenceFields = (evidence: readonly EvidenceEntry[]): [string, Scalar][] =>
  evidence.flatMap((e, i) => EVIDENCE_FIELDS.map((f) => [evidenceLabel(f, i), e[f]] as [string, Scalar]));

/** A document as a new template holds it: its date as a date, no sheet row. */
const carriedEvidence = (e: EvidenceEntry): EvidenceEntry => ({ ...plainEvidence(e), date: dateCellValue(e.date) });

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
      const all: [string, Scalar][] = [
        ...entry.slots.map((v, i) => [`Giá trị ${i + 1}`, v] as [string, Scalar]),
        ...evidenceFields(entry.evidence),
        ['Ghi chú', entry.note],
        ['Giải trình', entry.explanation ?? null],
      ];
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
    // Another shape: the value the old cells meant, written into the new cells where it fits.
    const moved = sameShape ? undefined : movedCells(rubric, unit, criterion, entry.slots, before!);
    const kept = sameShape ? entry.slots.slice(0, kinds.length) : (moved ?? kinds.map(() => null));
    const dropped = sameShape ? entry.slots.slice(kinds.length) : moved ? [] : entry.slots;
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
    entries[id] = {
      slots: kept,
      evidence: entry.evidence.filter(evidenceHasData).map(carriedEvidence),
      note,
      ...(isBlank(entry.explanation ?? null) ? {} : { explanation: entry.explanation }),
    };
    report.carried.push(id);
  }
  return { entries, report };
}

/**
 * The cells an old entry's value fills in the new input model, when the new model reads it as a
 * valid entry (a "Có" never becomes a count).
 */
function movedCells(
  rubric: Rubric,
  unit: UnitId,
  criterion: Criterion,
  cells: readonly Scalar[],
  before: readonly string[],
): Scalar[] | undefined {
  const value = legacyValue(before, cells);
  if (isBlank(value)) return undefined;
  const next = cellsFromValue(rubric, criterion, value) as Scalar[];
  if (!next.some((v) => !isBlank(v))) return undefined;
  const read = scoreCriterion(rubric, unit, criterion, valueFromSlots(rubric, criterion, next));
  return read.status === 'invalid' || read.status === 'missing' ? undefined : next;
}

/** What a self-assessment JSON file holds (`dti score FILE.json`), as `dti template --from` reads it. */
export interface AssessmentValues {
  rubric?: string;
  unit?: string;
  values: Record<string, unknown>;
  general?: Record<string, unknown>;
  options?: Record<string, string>;
  /** Documents by criterion id (`evidenceFromJson`). */
  evidence?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON value as a report line shows it. */
const shownValue = (v: unknown): Scalar =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

/**
 * The keys of an entered record (sub-conditions, numerator/denominator, a gate and its value)
 * that its cells do not hold once written: `path` names them as "value.part".
 */
function droppedKeys(original: unknown, back: unknown, path = ''): string[] {
  // A record where the criterion takes one value is written whole (as text) and stays invalid.
  if (!isRecord(original) || !isRecord(back)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(original)) {
    if (isBlank(v)) continue;
    const kept = Object.prototype.hasOwnProperty.call(back, k) ? back[k] : undefined;
    const name = path ? `${path}.${k}` : k;
    if (kept === undefined || isBlank(kept)) out.push(name);
    else if (isRecord(v)) out.push(...droppedKeys(v, kept, name));
  }
  return out;
}

/**
 * The entries, general information and report of a self-assessment JSON file for a new template,
 * checked as `dti score` checks it: every value a template cell can hold is carried (dates
 * included, invalid ones as entered so they stay invalid); what it cannot hold — an id that is no
 * criterion of this rubric and unit (`__proto__` included), a sub-condition the criterion does not
 * have, a general-information item the rubric does not have, a reading (`options`) other than
 * the rubric's default, which a template does not store — is in the report.
 */
export function entriesFromAssessment(
  rubric: Rubric,
  unitId: string,
  file: AssessmentValues,
): { entries: Record<string, CriterionEntry>; general: Record<string, Scalar>; report: CarryReport } {
  const unit = resolveUnit(rubric, unitId);
  const byId = new Map(criteriaFor(rubric, unit).map((c) => [c.id, c]));
  const entries: Record<string, CriterionEntry> = {};
  const report: CarryReport = { carried: [], lost: [] };
  const lose = (criterion: string, what: string, value: unknown, vi: string, en: string) =>
    report.lost.push({ criterion, what, value: shownValue(value), reason: vi, reasonEn: en });
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(file.values)) {
    if (isBlank(value)) continue;
    const id = key.trim();
    const c = byId.get(id);
    if (!c || seen.has(id)) {
      lose(
        key,
        'Giá trị',
        value,
        c ? 'mã tiêu chí đã nhập ở khóa khác' : `không có tiêu chí này cho đơn vị ${unit} trong ${rubric.id}`,
        c ? 'the criterion is entered under another key too' : `no such criterion for unit ${unit} in ${rubric.id}`,
      );
      continue;
    }
    seen.add(id);
    const cells = cellsFromValue(rubric, c, value) as Scalar[];
    const back = valueFromSlots(rubric, c, cells);
    if (isBlank(back)) {
      // One value where the criterion takes several (a gate and its figure, a count and a share).
      lose(
        id,
        'Giá trị',
        value,
        'tiêu chí cần nhập nhiều ô; giá trị này không ứng với ô nào',
        'the criterion takes several inputs; this value fits none of them',
      );
      continue;
    }
    const slots = cells.map((v) => (isRecord(v) || Array.isArray(v) ? (JSON.stringify(v) as Scalar) : v));
    for (const part of droppedKeys(value, back))
      lose(
        id,
        `Giá trị ${part}`,
        part.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value),
        'tiêu chí không có điều kiện/ô nhập này',
        'the criterion has no such sub-condition or input',
      );
    entries[id] = { slots, evidence: [], note: null };
    report.carried.push(id);
  }
  for (const [key, value] of Object.entries(file.evidence ?? {})) {
    const id = key.trim();
    const c = byId.get(id);
    if (!c) {
      lose(
        key,
        'Tài liệu kiểm chứng',
        value,
        `không có tiêu chí này cho đơn vị ${unit} trong ${rubric.id}`,
        `no such criterion for unit ${unit} in ${rubric.id}`,
      );
      continue;
    }
    const { documents, problems } = evidenceFromJson(value);
    for (const p of problems) lose(id, 'Tài liệu kiểm chứng', value, p.vi, p.en);
    const entry = (entries[id] ??= { slots: inputSlots(rubric, c).map(() => null), evidence: [], note: null });
    entry.evidence.push(...documents.filter(evidenceHasData).map(carriedEvidence));
    if (!report.carried.includes(id)) report.carried.push(id);
  }
  const general: Record<string, Scalar> = {};
  for (const [id, value] of Object.entries(file.general ?? {})) {
    if (isBlank(value)) continue;
    const item = rubric.general.find((g) => g.id === id);
    if (!item)
      lose(
        '(thông tin chung)',
        id,
        value,
        `không có mục thông tin chung này trong ${rubric.id}`,
        `no such general-information item in ${rubric.id}`,
      );
    else if (isRecord(value) || Array.isArray(value))
      lose(
        '(thông tin chung)',
        id,
        value,
        'cần một giá trị, không phải danh sách hay đối tượng',
        'a single value is needed, not a list or an object',
      );
    else general[id] = value as Scalar;
  }
  for (const [id, choice] of Object.entries(file.options ?? {})) {
    const option = rubric.options.find((o) => o.id === id);
    if (option && option.default === choice) continue;
    lose(
      '(cách đọc)',
      id,
      choice,
      option
        ? `mẫu Excel không lưu cách đọc; mẫu dùng cách đọc mặc định "${option.default}"`
        : `không có cách đọc này trong ${rubric.id}`,
      option
        ? `a template does not store readings; it uses the default "${option.default}"`
        : `no such option in ${rubric.id}`,
    );
  }
  return { entries, general, report };
}

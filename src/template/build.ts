/**
 * The template builder: rubric + unit type (+ unit name, year, entries to keep) → a WorkbookSpec.
 * Pure: the Office.js writer and the ExcelJS writer apply what it returns. One design serves every
 * rubric; points rubrics and level rubrics differ only in their middle columns and totals.
 *
 * Formula cells carry the value the add-in will compute (`result`), from the same functions the
 * add-in registers, so a file opened before the add-in loads already shows the numbers.
 */
import { criteriaFor, resolveUnit } from '../engine';
import { cellsFromValue, inputSlots, type Slot } from '../engine/slots';
import { isBlank } from '../engine/values';
import * as fn from '../functions/core';
import { criterionMax } from '../rubrics/model';
import type { Criterion, Rubric, UnitId } from '../rubrics/schema';
import { columnLetter } from './address';
import { STYLES } from './styles';
import { sheetSpec, type CellSpec, type ChartSpec, type ConditionalFormatSpec, type DefinedNameSpec, type Scalar, type SheetSpec, type TemplateLayout, type ValidationSpec, type WorkbookSpec } from './spec';

export const TEMPLATE_VERSION = 1;
export const MAIN_SHEET = 'Tự đánh giá';
export const SUMMARY_SHEET = 'Tổng hợp';
export const LISTS_SHEET = 'Danh mục';
export const META_SHEET = '_dti';

/** What an officer entered for one criterion, kept across re-insertion and upgrades. */
export interface CriterionEntry {
  slots: Scalar[];
  evidence: { number: Scalar; date: Scalar; link: Scalar; signed: Scalar };
  note: Scalar;
}

export interface BuildOptions {
  unit: string;
  unitName?: string;
  year?: number;
  /** Entries by criterion id to write into the input cells. */
  entries?: Record<string, CriterionEntry>;
}

// ---------------------------------------------------------------- addressing

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const abs = (col: string, row: number) => `$${col}$${row}`;

/** Header cells every formula refers to (absolute references, so each formula reads on its own). */
const HEADER = { rubric: 'B3', version: 'B4', unit: 'B5', unitName: 'B6', year: 'B7' } as const;
const REF = { rubric: '$B$3', unit: '$B$5', unitName: '$B$6' } as const;
const TABLE_HEADER_ROW = 9;
const FIRST_ROW = 10;

const YES = 'Có';
const NO = 'Không';
const NOT_APPLICABLE = 'Không áp dụng';

interface Column {
  key: string;
  header: string;
  width: number;
}

/** The columns of the criteria table for a rubric kind and its widest criterion. */
function tableColumns(rubric: Rubric, slotCount: number): Column[] {
  const slots = Array.from({ length: slotCount }, (_, i) => ({ key: `slot${i}`, header: `Giá trị ${i + 1}`, width: 12 }));
  const head: Column[] = [
    { key: 'id', header: 'Mã', width: 9 },
    { key: 'title', header: rubric.kind === 'levels' ? 'Chỉ tiêu' : 'Tiêu chí', width: 38 },
  ];
  const middle: Column[] =
    rubric.kind === 'levels'
      ? [
          { key: 'measureUnit', header: 'Đơn vị tính', width: 11 },
          ...(rubric.levels ?? []).map((l) => ({ key: `level${l.number}`, header: `Mức ${l.number}: ${l.name.vi}`, width: 13 })),
          { key: 'guidance', header: 'Phương pháp tính', width: 32 },
        ]
      : [
          { key: 'max', header: 'Điểm tối đa', width: 8 },
          { key: 'guidance', header: 'Hướng dẫn, tài liệu kiểm chứng', width: 40 },
          { key: 'deadline', header: 'Hạn hoàn thành', width: 10 },
        ];
  const tail: Column[] = [
    { key: 'evNumber', header: 'Số, ký hiệu văn bản', width: 13 },
    { key: 'evDate', header: 'Ngày văn bản', width: 11 },
    { key: 'evLink', header: 'Liên kết tài liệu', width: 16 },
    { key: 'evSigned', header: 'File có ký số', width: 8 },
    { key: 'result', header: rubric.kind === 'levels' ? 'Mức đạt' : 'Điểm', width: 8 },
    { key: 'check', header: 'Kiểm tra', width: 28 },
    { key: 'note', header: 'Ghi chú', width: 18 },
  ];
  return [...head, ...middle, ...slots, ...tail];
}

// ---------------------------------------------------------------- builder

export function buildTemplate(rubric: Rubric, options: BuildOptions): WorkbookSpec {
  const unit = resolveUnit(rubric, options.unit);
  const unitLabel = rubric.units.find((u) => u.id === unit)!.label.vi;
  const unitName = options.unitName ?? '';
  const year = options.year ?? new Date().getFullYear();
  const criteria = criteriaFor(rubric, unit);
  const slotsOf = new Map(criteria.map((c) => [c.id, inputSlots(rubric, c)]));
  const slotCount = Math.max(1, ...[...slotsOf.values()].map((s) => s.length));
  const columns = tableColumns(rubric, slotCount);
  const col = Object.fromEntries(columns.map((c, i) => [c.key, columnLetter(i)])) as Record<string, string>;
  const slotCols = Array.from({ length: slotCount }, (_, i) => col[`slot${i}`]);
  const lastCol = columnLetter(columns.length - 1);
  const isLevel = rubric.kind === 'levels';

  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const validations: ValidationSpec[] = [];
  const conditionalFormats: ConditionalFormatSpec[] = [];
  const rowHeights: { row: number; height: number }[] = [{ row: TABLE_HEADER_ROW, height: 30 }];
  const lists = new ListSheet();
  const put = (c: CellSpec) => cells.push(c);

  // Header block.
  put({ address: 'A1', value: rubric.title, style: 'title' });
  merges.push(`A1:${lastCol}1`);
  const d = rubric.decision.date.split('-');
  put({ address: 'A2', value: `Ban hành kèm theo Quyết định số ${rubric.decision.number} ngày ${d[2]}/${d[1]}/${d[0]} của ${rubric.decision.issuer} · Áp dụng cho: ${unitLabel}`, style: 'subtitle' });
  merges.push(`A2:${lastCol}2`);
  const header: [string, string, Scalar, boolean][] = [
    ['A3', 'Bộ tiêu chí', rubric.id, false],
    ['A4', 'Phiên bản', rubric.version, false],
    ['A5', 'Loại đơn vị', unit, false],
    ['A6', 'Tên đơn vị', unitName, true],
    ['A7', 'Năm đánh giá', year, true],
  ];
  for (const [address, label, value, input] of header) {
    put({ address, value: label, style: 'label' });
    put({ address: `B${address.slice(1)}`, value, style: input ? 'input' : 'headerValue', locked: !input });
  }
  validations.push(
    { range: HEADER.unitName, type: 'textLength', min: 0, max: 255, allowBlank: true, prompt: { title: 'Tên đơn vị', message: 'Tên cơ quan, đơn vị, địa phương tự đánh giá.' }, error: { title: 'Tên đơn vị', message: 'Tên quá dài.' } },
    { range: HEADER.year, type: 'whole', min: 2000, max: 2100, allowBlank: false, prompt: { title: 'Năm đánh giá', message: 'Năm của kỳ đánh giá, ví dụ 2025.' }, error: { title: 'Năm đánh giá', message: 'Nhập năm từ 2000 đến 2100.' } },
  );

  // Table header.
  columns.forEach((c, i) => put({ address: `${columnLetter(i)}${TABLE_HEADER_ROW}`, value: c.header, style: 'tableHeader' }));

  // Criteria grouped by pillar (and by heading group where the decision has them).
  const rows: Record<string, number> = {};
  const pillarRows: { pillar: Rubric['pillars'][number]; row: number; first: number; last: number }[] = [];
  const entries = options.entries ?? {};
  const result = { score: new Map<string, number>(), max: new Map<string, number>(), level: new Map<string, number>(), slots: new Map<string, Scalar[]>() };
  let row = FIRST_ROW;
  const pillars = rubric.pillars.filter((p) => !p.units || p.units.includes(unit));
  for (const pillar of pillars) {
    const inPillar = criteria.filter((c) => c.pillar === pillar.id);
    if (inPillar.length === 0) continue;
    const pillarRow = row++;
    let lastParent: string | undefined;
    for (const c of inPillar) {
      const group = c.parent ? rubric.groups.find((g) => g.id === c.parent) : undefined;
      if (group && c.parent !== lastParent) {
        put({ address: `A${row}`, value: group.id, style: 'group' });
        put({ address: `B${row}`, value: group.title, style: 'group' });
        rowHeights.push({ row, height: rowHeight([{ text: group.title, width: columns[1].width, fontSize: 10 }]) });
        row++;
      }
      lastParent = c.parent;
      rows[c.id] = row;
      writeCriterionRow(c, row);
      row++;
    }
    pillarRows.push({ pillar, row: pillarRow, first: pillarRow + 1, last: row - 1 });
  }
  const lastRow = row - 1;

  function writeCriterionRow(c: Criterion, r: number): void {
    const slots = slotsOf.get(c.id)!;
    const entry = entries[c.id];
    const slotRefs = slots.map((_, i) => `${slotCols[i]}${r}`);
    const slotValues = slots.map((slot, i) => displayValue(slot, entry?.slots[i] ?? null));
    result.slots.set(c.id, slotValues);
    const args = [REF.rubric, REF.unit, `$A${r}`];

    put({ address: `A${r}`, value: c.id, style: 'criterionId' });
    put({ address: `B${r}`, value: c.title, style: 'text' });
    put({ address: `${col.guidance}${r}`, value: guidanceText(c), style: 'guidance' });
    if (isLevel && c.rule.kind === 'levels') {
      put({ address: `${col.measureUnit}${r}`, value: c.measureUnit ?? '', style: 'text' });
      c.rule.thresholds.forEach((th, i) => {
        const label = c.rule.kind === 'levels' ? (c.rule.labels?.[i] ?? (th === null ? 'Không áp dụng' : '')) : '';
        put({ address: `${col[`level${i + 1}`]}${r}`, value: label, style: 'text' });
      });
    } else {
      const maxArgs = [...args, REF.unitName, ...slotRefs];
      const max = fn.maxPoints(rubric.id, unit, c.id, unitName, slotValues);
      const counted = c.effect === 'score';
      if (counted) result.max.set(c.id, max);
      put({ address: `${col.max}${r}`, formula: counted ? `=CDS.DTI_MAX(${maxArgs.join(',')})` : undefined, value: counted ? undefined : criterionMax(c, unit), result: counted ? max : undefined, style: 'number', numFmt: '0.##' });
      put({ address: `${col.deadline}${r}`, value: c.deadline ? `${c.deadline.by.slice(3)}/${c.deadline.by.slice(0, 2)}` : '', style: 'text' });
    }

    // Inputs, typed to what the rule expects; unused slot cells are greyed and locked.
    slotCols.forEach((sc, i) => {
      const slot = slots[i];
      if (!slot) {
        put({ address: `${sc}${r}`, value: null, style: 'inputUnused' });
        return;
      }
      put({ address: `${sc}${r}`, value: slotValues[i], style: 'input', locked: false, numFmt: slotFormat(slot, c) });
      const v = slotValidation(slot, c, `${sc}${r}`, lists);
      if (v) validations.push(v);
    });
    const ev = entry?.evidence;
    put({ address: `${col.evNumber}${r}`, value: ev?.number ?? null, style: 'input', locked: false });
    put({ address: `${col.evDate}${r}`, value: ev?.date ?? null, style: 'input', locked: false, numFmt: 'dd/mm/yyyy' });
    put({ address: `${col.evLink}${r}`, value: ev?.link ?? null, style: 'input', locked: false });
    put({ address: `${col.evSigned}${r}`, value: ev?.signed ?? null, style: 'input', locked: false });
    put({ address: `${col.note}${r}`, value: entry?.note ?? null, style: 'note', locked: false });
    validations.push(
      { range: `${col.evDate}${r}`, type: 'date', min: 36526, allowBlank: true, error: { title: 'Ngày văn bản', message: 'Nhập ngày (dd/mm/yyyy).' } },
      { range: `${col.evSigned}${r}`, type: 'list', source: lists.ref([YES, NO]), allowBlank: true, error: { title: 'File có ký số', message: 'Chọn Có hoặc Không.' } },
    );
    if (c.evidence?.signed)
      conditionalFormats.push({ range: `${col.evSigned}${r}`, formula: `$${col.evSigned}${r}="${NO}"`, fill: '#FDE7E9', fontColor: '#A4262C' });

    // Result and check.
    const unitNameArg = c.onlyFor ? [REF.unitName] : [];
    if (isLevel) {
      const lvl = fn.level(rubric.id, unit, [[c.id]], [slotValues]);
      result.level.set(c.id, lvl);
      put({ address: `${col.result}${r}`, formula: `=CDS.DTI_LEVEL(${[...args, `${slotCols[0]}${r}:${slotCols[slotCount - 1]}${r}`].join(',')})`, result: lvl, style: 'formula', numFmt: '0' });
    } else {
      const points = safe(() => fn.score(rubric.id, unit, c.id, [...slotValues, ...(c.onlyFor ? [unitName] : [])]), 0);
      const signedPoints = c.effect === 'penalty' ? -points : points;
      result.score.set(c.id, signedPoints);
      const call = `CDS.DTI_SCORE(${[...args, ...slotRefs, ...unitNameArg].join(',')})`;
      put({ address: `${col.result}${r}`, formula: c.effect === 'penalty' ? `=-${call}` : `=${call}`, result: signedPoints, style: 'formula', numFmt: '0.##' });
    }
    const check = safe(() => fn.check(rubric.id, unit, c.id, [...slotValues, ...(c.onlyFor ? [unitName] : [])]), 'Giá trị không hợp lệ');
    put({ address: `${col.check}${r}`, formula: `=CDS.DTI_CHECK(${[...args, ...slotRefs, ...unitNameArg].join(',')})`, result: check, style: 'check' });
    const width = (key: string) => columns.find((x) => x.key === key)!.width;
    rowHeights.push({
      row: r,
      height: rowHeight([
        { text: c.title, width: width('title'), fontSize: 10 },
        { text: guidanceText(c), width: width('guidance'), fontSize: 9 },
        { text: check, width: width('check'), fontSize: 9 },
        ...slotValues.map((v) => ({ text: typeof v === 'string' ? v : '', width: width('slot0'), fontSize: 10 })),
        ...(c.rule.kind === 'levels' ? (c.rule.labels ?? []).map((text) => ({ text, width: width('level1'), fontSize: 10 })) : []),
      ]),
    });
  }

  // Pillar subtotals and the total.
  const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
  const pillarSummary: { id: string; title: string; row: number; points?: number; max?: number; level?: number }[] = [];
  for (const p of pillarRows) {
    const ids = Object.entries(rows).filter(([, r]) => r >= p.first && r <= p.last).map(([id]) => id);
    put({ address: `A${p.row}`, value: p.pillar.id, style: 'pillar' });
    put({ address: `B${p.row}`, value: p.pillar.title, style: 'pillar' });
    for (let i = 2; i < columns.length; i++) if (![col.result, col.max].includes(columnLetter(i))) put({ address: `${columnLetter(i)}${p.row}`, value: null, style: 'pillar' });
    if (isLevel) {
      const lvl = Math.min(...ids.map((id) => result.level.get(id)!));
      put({ address: `${col.result}${p.row}`, formula: `=MIN(${col.result}${p.first}:${col.result}${p.last})`, result: lvl, style: 'pillar', numFmt: '0' });
      pillarSummary.push({ id: p.pillar.id, title: p.pillar.title, row: p.row, level: lvl });
    } else {
      const points = round2(ids.reduce((s, id) => s + (result.score.get(id) ?? 0), 0));
      const max = round2(ids.reduce((s, id) => s + (result.max.get(id) ?? 0), 0));
      put({ address: `${col.result}${p.row}`, formula: `=ROUND(SUM(${col.result}${p.first}:${col.result}${p.last}),2)`, result: points, style: 'pillar', numFmt: '0.##' });
      put({ address: `${col.max}${p.row}`, formula: `=SUM(${col.max}${p.first}:${col.max}${p.last})`, result: max, style: 'pillar', numFmt: '0.##' });
      pillarSummary.push({ id: p.pillar.id, title: p.pillar.title, row: p.row, points, max });
    }
  }
  const totalRow = lastRow + 2;
  const pillarRefs = (c: string) => pillarRows.map((p) => `${c}${p.row}`).join(',');
  put({ address: `B${totalRow}`, value: isLevel ? 'MỨC ĐỘ CHUYỂN ĐỔI SỐ' : 'TỔNG ĐIỂM', style: 'totalLabel' });
  let total = 0;
  let totalMax = 0;
  let unitLevel = 0;
  if (isLevel) {
    unitLevel = Math.min(...[...result.level.values()]);
    put({ address: `${col.result}${totalRow}`, formula: `=MIN(${pillarRefs(col.result)})`, result: unitLevel, style: 'total', numFmt: '0' });
    put({ address: `${col.check}${totalRow}`, formula: `=CDS.DTI_LEVEL_NAME(${REF.rubric},${col.result}${totalRow})`, result: fn.levelName(rubric.id, unitLevel), style: 'total' });
    put({ address: 'D3', value: 'Mức độ', style: 'label' });
    put({ address: 'E3', formula: `=${col.result}${totalRow}`, result: unitLevel, style: 'total', numFmt: '0' });
    put({ address: 'D4', value: 'Tên mức', style: 'label' });
    put({ address: 'E4', formula: `=${col.check}${totalRow}`, result: fn.levelName(rubric.id, unitLevel), style: 'headerValue' });
  } else {
    total = round2(pillarSummary.reduce((s, p) => s + (p.points ?? 0), 0));
    totalMax = round2(pillarSummary.reduce((s, p) => s + (p.max ?? 0), 0));
    const percent = totalMax > 0 ? total / totalMax : 0;
    put({ address: `${col.result}${totalRow}`, formula: `=ROUND(SUM(${pillarRefs(col.result)}),2)`, result: total, style: 'total', numFmt: '0.##' });
    put({ address: `${col.max}${totalRow}`, formula: `=SUM(${pillarRefs(col.max)})`, result: totalMax, style: 'total', numFmt: '0.##' });
    put({ address: `${col.check}${totalRow}`, formula: `=IF(${col.max}${totalRow}>0,${col.result}${totalRow}/${col.max}${totalRow},0)`, result: percent, style: 'total', numFmt: '0.00%' });
    put({ address: 'D3', value: 'Tổng điểm', style: 'label' });
    put({ address: 'E3', formula: `=${col.result}${totalRow}`, result: total, style: 'total', numFmt: '0.##' });
    put({ address: 'D4', value: 'Điểm tối đa', style: 'label' });
    put({ address: 'E4', formula: `=${col.max}${totalRow}`, result: totalMax, style: 'headerValue', numFmt: '0.##' });
    put({ address: 'D5', value: 'Tỷ lệ đạt', style: 'label' });
    put({ address: 'E5', formula: `=${col.check}${totalRow}`, result: percent, style: 'headerValue', numFmt: '0.00%' });
  }
  const firstCheck = `${col.check}${FIRST_ROW}`;
  conditionalFormats.push(
    { range: `${col.check}${FIRST_ROW}:${col.check}${lastRow}`, formula: `AND(LEN(${firstCheck})>0,${firstCheck}<>"${fn.OK_MARK}")`, fill: '#FFF4CE', fontColor: '#8A3707' },
    { range: `${col.check}${FIRST_ROW}:${col.check}${lastRow}`, formula: `${firstCheck}="${fn.OK_MARK}"`, fontColor: '#107C10' },
  );

  const layout: TemplateLayout = {
    sheet: MAIN_SHEET,
    idColumn: 'A',
    firstRow: FIRST_ROW,
    lastRow,
    slotColumns: slotCols,
    evidence: { number: col.evNumber, date: col.evDate, link: col.evLink, signed: col.evSigned },
    note: col.note,
    score: col.result,
    max: col.max ?? '',
    check: col.check,
    rows,
    inputs: Object.fromEntries([...slotsOf].map(([id, slots]) => [id, slots.map((x) => x.kind)])),
  };
  const meta = { rubric: rubric.id, version: rubric.version, unit, unitName, year, templateVersion: TEMPLATE_VERSION };

  const main: SheetSpec = {
    name: MAIN_SHEET,
    visibility: 'visible',
    cells,
    merges,
    columns: columns.map((c, i) => ({ column: columnLetter(i), width: c.width })),
    rowHeights,
    freeze: { rows: TABLE_HEADER_ROW, columns: 2 },
    validations,
    conditionalFormats,
    charts: [],
    protect: true,
    print: { landscape: true, paper: 'A4', fitToWidth: true, titleRows: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`, area: `A1:${lastCol}${totalRow}` },
    tabColor: '#0F6CBD',
  };
  const summary = buildSummary(rubric, unit, isLevel, pillarSummary, col, { total, totalMax, unitLevel, totalRow }, criteria, rows, slotCols, result);
  const names: DefinedNameSpec[] = [
    { name: 'DTI_RUBRIC', refersTo: `${quote(MAIN_SHEET)}!$B$3` },
    { name: 'DTI_VERSION', refersTo: `${quote(MAIN_SHEET)}!$B$4` },
    { name: 'DTI_UNIT', refersTo: `${quote(MAIN_SHEET)}!$B$5` },
    { name: 'DTI_UNIT_NAME', refersTo: `${quote(MAIN_SHEET)}!$B$6` },
    { name: 'DTI_YEAR', refersTo: `${quote(MAIN_SHEET)}!$B$7` },
    { name: 'DTI_TEMPLATE', refersTo: `${quote(META_SHEET)}!$B$1` },
  ];
  // Layout and identity as JSON: inside the workbook part a digital signature covers.
  const metaSheet = sheetSpec(META_SHEET, 'veryHidden', [
    { address: 'A1', value: 'dti-template' },
    { address: 'B1', value: JSON.stringify({ meta, layout }) },
    { address: 'A2', value: 'rubric' },
    { address: 'B2', value: rubric.id },
    { address: 'A3', value: 'version' },
    { address: 'B3', value: rubric.version },
    { address: 'A4', value: 'unit' },
    { address: 'B4', value: unit },
    { address: 'A5', value: 'templateVersion' },
    { address: 'B5', value: TEMPLATE_VERSION },
  ]);
  return { meta, layout, styles: STYLES, sheets: [main, summary, lists.sheet(), metaSheet], names };
}

/**
 * An entry in the form its input cell shows: Có/Không for yes/no, the option's label for a choice
 * (the dropdown lists labels), an Excel date serial for a date. The engine reads all of these.
 */
function displayValue(slot: Slot, value: Scalar): Scalar {
  if (value === null) return null;
  if (slot.kind === 'yes-no' && typeof value === 'boolean') return value ? YES : NO;
  if (slot.kind === 'choice' && typeof value === 'string') return slot.choices?.find((o) => o.id === value)?.label.vi ?? value;
  if (slot.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return Math.round((Date.parse(`${value}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000);
  return value;
}

/**
 * Row height (points) that shows a row's wrapped text whole. Measured on LibreOffice's rendering of
 * Times New Roman: about 1.7 characters of 10 pt text per unit of column width, lines 1.2 × size.
 */
function rowHeight(texts: { text: string; width: number; fontSize: number }[]): number {
  const height = Math.max(
    0,
    ...texts.map(({ text, width, fontSize }) => {
      const perLine = (width * 1.7 * 10) / fontSize;
      const lines = text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
      return lines * fontSize * 1.2;
    }),
  );
  return Math.min(409, Math.max(15, Math.ceil(height + 4)));
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function guidanceText(c: Criterion): string {
  const parts: string[] = [];
  if (c.guidance) parts.push(c.guidance);
  if (c.evidence?.text) parts.push(`Tài liệu kiểm chứng: ${c.evidence.text}`);
  if (c.evidence?.signed) parts.push('Yêu cầu: file điện tử có ký số.');
  if (c.allowNotApplicable) parts.push(`Được chọn "Không áp dụng": ${c.allowNotApplicable}`);
  if (c.effect !== 'score') parts.push(c.effect === 'bonus' ? 'Điểm thưởng, ngoài điểm tối đa.' : 'Điểm trừ, ngoài điểm tối đa.');
  return parts.join('\n');
}

function slotFormat(slot: Slot, c: Criterion): string | undefined {
  if (slot.kind === 'ratio-or-numerator') return '0.00%';
  if (slot.kind === 'date') return 'dd/mm/yyyy';
  if (slot.kind === 'count') return '0';
  if (slot.kind === 'points') return '0.##';
  return c.allowNotApplicable ? '@' : undefined;
}

/** Data validation for one input cell: it refuses bad values at the cell, with a Vietnamese message. */
function slotValidation(slot: Slot, c: Criterion, address: string, lists: ListSheet): ValidationSpec | undefined {
  const prompt = { title: `${c.id}: ${slot.label.vi}`.slice(0, 32), message: `${slot.label.vi}`.slice(0, 255) };
  const na = c.allowNotApplicable !== undefined;
  const base = { range: address, allowBlank: true, prompt };
  switch (slot.kind) {
    case 'yes-no':
      return { ...base, type: 'list', source: lists.ref(na ? [YES, NO, NOT_APPLICABLE] : [YES, NO]), error: { title: c.id, message: 'Chọn Có hoặc Không.' } };
    case 'choice':
      return { ...base, type: 'list', source: lists.ref(slot.choices!.map((o) => o.label.vi)), error: { title: c.id, message: 'Chọn một giá trị trong danh sách.' } };
    case 'ratio-or-numerator':
      // "Không áp dụng" is text: where the decision allows it, the cell takes it and DTI_CHECK checks the rest.
      return na ? { ...base, type: 'textLength', min: 0, max: 40, error: { title: c.id, message: 'Nhập tỷ lệ (%) hoặc "Không áp dụng".' } } : { ...base, type: 'decimal', min: 0, max: 1, error: { title: c.id, message: 'Tỷ lệ phải từ 0% đến 100%.' } };
    case 'count':
      return na ? { ...base, type: 'textLength', min: 0, max: 40, error: { title: c.id, message: 'Nhập số lượng hoặc "Không áp dụng".' } } : { ...base, type: 'whole', min: 0, max: 1e9, error: { title: c.id, message: 'Nhập số nguyên không âm.' } };
    case 'points':
      return { ...base, type: 'decimal', min: 0, max: typeof c.max === 'number' ? c.max : 1000, error: { title: c.id, message: `Điểm tự chấm từ 0 đến ${typeof c.max === 'number' ? c.max : 'điểm tối đa'}.` } };
    case 'number':
      return { ...base, type: 'decimal', min: 0, max: 1e15, error: { title: c.id, message: 'Nhập số không âm.' } };
    case 'date':
      return { ...base, type: 'date', min: 36526, error: { title: c.id, message: 'Nhập ngày (dd/mm/yyyy), hoặc để trống nếu chưa thực hiện.' } };
    case 'levels':
      return { ...base, type: 'textLength', min: 0, max: 2000, prompt: { title: `${c.id}: mức độ các xã`, message: 'Nhập mức độ (0–5) của từng xã, cách nhau bởi dấu phẩy, ví dụ: 2, 3, 3, 4' }, error: { title: c.id, message: 'Danh sách quá dài.' } };
    case 'text':
      return undefined;
  }
}

/**
 * Dropdown lists live on a hidden sheet: labels contain commas and can be long, which an inline
 * list cannot hold. Each distinct list is written once.
 */
class ListSheet {
  private readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();

  /** A reference to the list's cells, used as the validation source. */
  ref(items: string[]): string {
    const key = JSON.stringify(items);
    let ref = this.byKey.get(key);
    if (!ref) {
      const c = columnLetter(this.columns.length);
      this.columns.push(items);
      ref = `=${quote(LISTS_SHEET)}!$${c}$1:$${c}$${items.length}`;
      this.byKey.set(key, ref);
    }
    return ref;
  }

  sheet(): SheetSpec {
    const cells: CellSpec[] = this.columns.flatMap((items, ci) => items.map((v, ri) => ({ address: `${columnLetter(ci)}${ri + 1}`, value: v })));
    return sheetSpec(LISTS_SHEET, 'hidden', cells, { columns: this.columns.map((_, i) => ({ column: columnLetter(i), width: 40 })) });
  }
}

function buildSummary(
  rubric: Rubric,
  unit: UnitId,
  isLevel: boolean,
  pillars: { id: string; title: string; row: number; points?: number; max?: number; level?: number }[],
  col: Record<string, string>,
  totals: { total: number; totalMax: number; unitLevel: number; totalRow: number },
  criteria: readonly Criterion[],
  rows: Record<string, number>,
  slotCols: string[],
  result: { level: Map<string, number>; slots: Map<string, Scalar[]> },
): SheetSpec {
  const m = quote(MAIN_SHEET);
  const cells: CellSpec[] = [];
  const merges = ['A1:F1', 'A2:F2'];
  const rowHeights: { row: number; height: number }[] = [];
  const put = (c: CellSpec) => cells.push(c);
  put({ address: 'A1', value: isLevel ? 'TỔNG HỢP MỨC ĐỘ CHUYỂN ĐỔI SỐ' : 'TỔNG HỢP ĐIỂM CHUYỂN ĐỔI SỐ', style: 'title' });
  put({ address: 'A2', formula: `=${m}!$B$6&" — năm "&${m}!$B$7`, result: '', style: 'subtitle' });
  const headers = isLevel ? ['Nhóm', 'Tên nhóm', 'Mức đạt'] : ['Trụ cột', 'Tên trụ cột', 'Điểm', 'Tối đa', 'Tỷ lệ'];
  headers.forEach((h, i) => put({ address: `${columnLetter(i)}4`, value: h, style: 'tableHeader' }));
  pillars.forEach((p, i) => {
    const r = 5 + i;
    put({ address: `A${r}`, value: p.id, style: 'criterionId' });
    put({ address: `B${r}`, value: p.title, style: 'text' });
    if (isLevel) put({ address: `C${r}`, formula: `=${m}!${col.result}${p.row}`, result: p.level!, style: 'number', numFmt: '0' });
    else {
      put({ address: `C${r}`, formula: `=${m}!${col.result}${p.row}`, result: p.points!, style: 'number', numFmt: '0.##' });
      put({ address: `D${r}`, formula: `=${m}!${col.max}${p.row}`, result: p.max!, style: 'number', numFmt: '0.##' });
      put({ address: `E${r}`, formula: `=IF(D${r}>0,C${r}/D${r},0)`, result: p.max! > 0 ? p.points! / p.max! : 0, style: 'number', numFmt: '0.0%' });
    }
  });
  const last = 4 + pillars.length;
  const totalRow = last + 1;
  put({ address: `B${totalRow}`, value: isLevel ? 'Mức độ của đơn vị' : 'Tổng', style: 'totalLabel' });
  if (isLevel) {
    put({ address: `C${totalRow}`, formula: `=${m}!${col.result}${totals.totalRow}`, result: totals.unitLevel, style: 'total', numFmt: '0' });
    put({ address: `D${totalRow}`, formula: `=CDS.DTI_LEVEL_NAME(${m}!$B$3,C${totalRow})`, result: fn.levelName(rubric.id, totals.unitLevel), style: 'total' });
  } else {
    put({ address: `C${totalRow}`, formula: `=${m}!${col.result}${totals.totalRow}`, result: totals.total, style: 'total', numFmt: '0.##' });
    put({ address: `D${totalRow}`, formula: `=${m}!${col.max}${totals.totalRow}`, result: totals.totalMax, style: 'total', numFmt: '0.##' });
    put({ address: `E${totalRow}`, formula: `=IF(D${totalRow}>0,C${totalRow}/D${totalRow},0)`, result: totals.totalMax > 0 ? totals.total / totals.totalMax : 0, style: 'total', numFmt: '0.0%' });
  }
  const chart: ChartSpec = {
    type: 'barClustered',
    title: isLevel ? 'Mức độ theo nhóm chỉ tiêu' : 'Tỷ lệ điểm đạt theo trụ cột',
    categories: `B5:B${last}`,
    series: [{ name: isLevel ? 'Mức đạt' : 'Tỷ lệ đạt', values: isLevel ? `C5:C${last}` : `E5:E${last}` }],
    valueFormat: isLevel ? '0' : '0%',
    from: 'G4',
    // Tall enough for every pillar's label to show.
    to: `N${Math.max(last + 12, 4 + pillars.length * 3)}`,
  };

  // Level rubrics: what stands between the unit and the next level, criterion by criterion.
  if (isLevel) {
    const start = totalRow + 3;
    const next = `${m}!${col.result}${totals.totalRow}+1`;
    put({ address: `A${start - 1}`, formula: `="Còn thiếu để đạt mức "&(${next})`, result: `Còn thiếu để đạt mức ${totals.unitLevel + 1}`, style: 'label' });
    merges.push(`A${start - 1}:D${start - 1}`);
    ['Mã', 'Chỉ tiêu', 'Mức đạt', 'Còn thiếu'].forEach((h, i) => put({ address: `${columnLetter(i)}${start}`, value: h, style: 'tableHeader' }));
    criteria.forEach((c, i) => {
      const r = start + 1 + i;
      const src = rows[c.id];
      put({ address: `A${r}`, formula: `=${m}!A${src}`, result: c.id, style: 'criterionId' });
      put({ address: `B${r}`, formula: `=${m}!B${src}`, result: c.title, style: 'text' });
      put({ address: `C${r}`, formula: `=${m}!${col.result}${src}`, result: result.level.get(c.id)!, style: 'number', numFmt: '0' });
      // DTI_SHORTFALL takes a level criterion's value and, for ratios of counts, its denominator.
      const slotArgs = slotCols.slice(0, 2).map((sc) => `${m}!${sc}${src}`);
      const shortfall = safe(() => fn.shortfall(rubric.id, unit, c.id, totals.unitLevel + 1, result.slots.get(c.id) ?? []), '');
      put({ address: `D${r}`, formula: `=CDS.DTI_SHORTFALL(${m}!$B$3,${m}!$B$5,A${r},${next},${slotArgs.join(',')})`, result: shortfall, style: 'check' });
      rowHeights.push({ row: r, height: rowHeight([{ text: c.title, width: 46, fontSize: 10 }, { text: shortfall, width: 60, fontSize: 9 }]) });
    });
  }

  return {
    name: SUMMARY_SHEET,
    visibility: 'visible',
    cells,
    merges,
    rowHeights,
    columns: [
      { column: 'A', width: 9 },
      { column: 'B', width: 46 },
      { column: 'C', width: 10 },
      { column: 'D', width: isLevel ? 60 : 10 },
      { column: 'E', width: 10 },
    ],
    freeze: { rows: 4, columns: 0 },
    validations: [],
    conditionalFormats: [],
    charts: [chart],
    protect: true,
    print: { landscape: true, paper: 'A4', fitToWidth: true },
    tabColor: '#107C10',
  };
}

/** The entries of a value record (e.g. from a self-assessment JSON file) as template entries. */
export function entriesFromValues(rubric: Rubric, unit: UnitId, values: Record<string, unknown>): Record<string, CriterionEntry> {
  const out: Record<string, CriterionEntry> = {};
  for (const c of criteriaFor(rubric, unit)) {
    const v = values[c.id];
    if (isBlank(v)) continue;
    out[c.id] = { slots: cellsFromValue(rubric, c, v) as Scalar[], evidence: { number: null, date: null, link: null, signed: null }, note: null };
  }
  return out;
}

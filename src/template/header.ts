/**
 * The template's identity where a digital signature covers it: the header block of the main sheet
 * (decision, rubric, version, unit type, the unit's name and year), the same cells as defined
 * names, and the layout and identity as JSON in the very hidden sheet.
 */
import type { Rubric, UnitId } from '../rubrics';
import {
  absolute,
  HEADER,
  headerFor,
  MAIN_SHEET,
  META_SHEET,
  quoteSheet,
  TEMPLATE_VERSION,
  type HeaderCells,
  type TemplateLayout,
} from './layout';
import { columnLetter, parseAddress } from './address';
import { fitWords, MESSAGE_MAX, numberTest, TITLE_MAX, type ListSheet } from './inputs';
import type { SheetParts } from './sheet-parts';
import {
  sheetSpec,
  type DefinedNameSpec,
  type Scalar,
  type SheetSpec,
  type ValidationSpec,
  type WorkbookSpec,
} from './spec';

/**
 * The header block's labels, beside their cells (in column A of the same row). The rubric and unit
 * cells hold the codes the formulas read; the decision and the unit type in words are the subtitle
 * above them, so the codes are labelled as codes and shown small.
 */
const HEADER_LABELS: [Exclude<keyof HeaderCells, 'registered'>, string][] = [
  ['rubric', 'Mã bộ chỉ số'],
  ['version', 'Phiên bản'],
  ['unit', 'Mã loại đơn vị'],
  ['unitName', 'Tên đơn vị'],
  ['year', 'Năm đánh giá'],
];
const INPUT_HEADERS = new Set<keyof HeaderCells>(['unitName', 'year']);

export function writeHeader(
  sheet: SheetParts,
  rubric: Rubric,
  unit: UnitId,
  unitName: string,
  year: number,
  lastCol: string,
  lists: ListSheet,
  registered: number | null = null,
): void {
  const unitLabel = rubric.units.find((u) => u.id === unit)!.label.vi;
  sheet.put({ address: 'A1', value: rubric.title, style: 'title' });
  sheet.merges.push(`A1:${lastCol}1`);
  const d = rubric.decision.date.split('-');
  sheet.put({
    address: 'A2',
    value: `Ban hành kèm theo Quyết định số ${rubric.decision.number} ngày ${d[2]}/${d[1]}/${d[0]} của ${rubric.decision.issuer} · Áp dụng cho: ${unitLabel}`,
    style: 'subtitle',
  });
  sheet.merges.push(`A2:${lastCol}2`);
  const values: Record<Exclude<keyof HeaderCells, 'registered'>, Scalar> = {
    rubric: rubric.id,
    version: rubric.version,
    unit,
    unitName,
    year,
    total: null,
  };
  for (const [key, label] of HEADER_LABELS) {
    const cell = HEADER[key];
    const input = INPUT_HEADERS.has(key);
    sheet.put({ address: cell.replace(/^[A-Z]+/, 'A'), value: label, style: 'label' });
    const style = input ? 'input' : key === 'rubric' || key === 'unit' || key === 'version' ? 'code' : 'headerValue';
    sheet.put({ address: cell, value: values[key], style, locked: !input });
  }
  writeRegistered(sheet, rubric, registered);
  // Where the decision lists the units (Hà Nội Phụ lục I), the official names are offered; another
  // name is kept after a warning (it is matched loosely, and the check says what an unknown one changes).
  const names = rubric.units.find((u) => u.id === unit)?.names;
  sheet.validations.push(
    names
      ? {
          range: HEADER.unitName,
          type: 'list',
          source: lists.ref(rubric.lists[names].names.map((n) => n.name)),
          allowBlank: true,
          errorStyle: 'warning',
          prompt: {
            title: 'Tên đơn vị',
            message: fitWords(`Chọn tên theo ${rubric.lists[names].title}.`, MESSAGE_MAX),
          },
          error: {
            title: 'Tên đơn vị',
            message: fitWords(`Tên này không có trong ${rubric.lists[names].title}. Giữ tên đã nhập?`, MESSAGE_MAX),
          },
        }
      : {
          range: HEADER.unitName,
          type: 'textLength',
          min: 0,
          max: 255,
          allowBlank: true,
          prompt: { title: 'Tên đơn vị', message: 'Tên cơ quan, đơn vị, địa phương tự đánh giá.' },
          error: { title: 'Tên đơn vị', message: 'Tên quá dài.' },
        },
    {
      range: HEADER.year,
      type: 'whole',
      min: 2000,
      max: 2100,
      allowBlank: false,
      prompt: { title: 'Năm đánh giá', message: 'Năm của kỳ đánh giá, ví dụ 2025.' },
      error: { title: 'Năm đánh giá', message: 'Nhập năm từ 2000 đến 2100.' },
    },
  );
}

/**
 * Kon Tum (121/QĐ-UBND, II.3): the level the unit registered for by 20 January, which it
 * self-assesses against; the deadline beside it as guidance. Only where the decision has units register.
 */
function writeRegistered(sheet: SheetParts, rubric: Rubric, registered: number | null): void {
  const cell = headerFor(rubric).registered;
  const registration = rubric.registration;
  if (!cell || !registration) return;
  const top = rubric.levels?.length ?? 0;
  const [month, day] = registration.by.split('-');
  sheet.put({ address: cell.replace(/^[A-Z]+/, 'A'), value: 'Mức đăng ký', style: 'label' });
  sheet.put({ address: cell, value: registered, style: 'input', locked: false, numFmt: '0' });
  sheet.put({
    address: cell.replace(/^[A-Z]+/, 'C'),
    value: `Mức đơn vị đã đăng ký (gửi trước ngày ${day}/${month} hằng năm), từ 1 đến ${top}; tự đánh giá theo mức đã đăng ký.`,
    style: 'subtitle',
  });
  // Merged so the words stay whole beside the input (a centred overflow would run under it).
  sheet.merges.push(`${cell.replace(/^[A-Z]+/, 'C')}:${cell.replace(/^[A-Z]+/, 'I')}`);
  sheet.validations.push(registeredLevelValidation(rubric, cell));
}

/** The registered level's cell, in the officer's template and in the council's workbook alike: a level 1…top. */
export function registeredLevelValidation(rubric: Rubric, address: string): ValidationSpec {
  const top = rubric.levels?.length ?? 0;
  const [month, day] = (rubric.registration?.by ?? '').split('-');
  const names = (rubric.levels ?? []).map((l) => `${l.number} ${l.name.vi}`).join(', ');
  return {
    range: address,
    type: 'whole',
    min: 1,
    max: top,
    allowBlank: true,
    prompt: {
      title: 'Mức đăng ký',
      message: fitWords(`${day ? `Đăng ký trước ngày ${day}/${month}: ` : ''}${names}.`, MESSAGE_MAX),
    },
    error: { title: 'Mức đăng ký', message: `Nhập một mức từ 1 đến ${top}.` },
  };
}

/**
 * The decision's general-information form ("Thông tin chung"), from `row`: the item's number and
 * label beside its input cell (in the value column, like every input). Returns each item's cell
 * (absolute) and value, and the first row after the block.
 */
export function writeGeneral(
  sheet: SheetParts,
  rubric: Rubric,
  row: number,
  col: Record<string, string>,
  entered: Readonly<Record<string, Scalar>>,
): { cells: Record<string, { cell: string; value: Scalar }>; next: number } {
  const cells: Record<string, { cell: string; value: Scalar }> = {};
  if (rubric.general.length === 0) return { cells, next: row };
  const before = columnLetter(parseAddress(`${col.value}1`).col - 1);
  sheet.put({ address: `A${row}`, value: 'Thông tin chung', style: 'pillar' });
  sheet.merges.push(`A${row}:${col.value}${row}`);
  rubric.general.forEach((g, i) => {
    const r = row + 1 + i;
    const address = `${col.value}${r}`;
    const value = entered[g.id] ?? null;
    cells[g.id] = { cell: absolute(address), value };
    // Item 1 of the decision's form is the unit's name, in the header.
    sheet.put({ address: `A${r}`, value: String(i + 2), style: 'criterionId' });
    sheet.put({ address: `B${r}`, value: g.label.vi, style: 'text' });
    sheet.merges.push(`B${r}:${before}${r}`);
    sheet.put({ address, value, style: 'input', locked: false, numFmt: g.kind === 'text' ? '@' : '#,##0' });
    const test = g.kind === 'count' ? numberTest(address, '$>=0', 'INT($)=$') : numberTest(address, '$>=0');
    sheet.validations.push(
      g.kind === 'text'
        ? {
            range: address,
            type: 'textLength',
            min: 0,
            max: 255,
            allowBlank: true,
            prompt: { title: fitWords(g.label.vi, TITLE_MAX), message: fitWords(g.label.vi, MESSAGE_MAX) },
            error: { title: 'Thông tin chung', message: 'Nội dung quá dài.' },
          }
        : {
            range: address,
            type: 'custom',
            formula: `=${test}`,
            allowBlank: true,
            prompt: {
              title: fitWords(g.label.vi, TITLE_MAX),
              message: fitWords(
                `${g.label.vi}: ${g.kind === 'count' ? 'số nguyên, ví dụ 1.250' : 'một số, ví dụ 150.000.000'}.`,
                MESSAGE_MAX,
              ),
            },
            error: {
              title: 'Thông tin chung',
              message: g.kind === 'count' ? 'Nhập số nguyên không âm.' : 'Nhập một số không âm.',
            },
          },
    );
  });
  return { cells, next: row + 1 + rubric.general.length + 1 };
}

/** The header cells as defined names: what moves with the cells when rows are inserted. */
export function definedNames(header: HeaderCells = HEADER): DefinedNameSpec[] {
  const main = quoteSheet(MAIN_SHEET);
  return [
    ...(header.registered ? [{ name: 'DTI_REGISTERED', refersTo: `${main}!${absolute(header.registered)}` }] : []),
    { name: 'DTI_RUBRIC', refersTo: `${main}!${absolute(HEADER.rubric)}` },
    { name: 'DTI_VERSION', refersTo: `${main}!${absolute(HEADER.version)}` },
    { name: 'DTI_UNIT', refersTo: `${main}!${absolute(HEADER.unit)}` },
    { name: 'DTI_UNIT_NAME', refersTo: `${main}!${absolute(HEADER.unitName)}` },
    { name: 'DTI_YEAR', refersTo: `${main}!${absolute(HEADER.year)}` },
    { name: 'DTI_TEMPLATE', refersTo: `${quoteSheet(META_SHEET)}!$B$1` },
  ];
}

/** Layout and identity as JSON: inside the workbook part a digital signature covers. */
export function metaSheet(meta: WorkbookSpec['meta'], layout: TemplateLayout): SheetSpec {
  return sheetSpec(META_SHEET, 'veryHidden', [
    { address: 'A1', value: 'dti-template' },
    { address: 'B1', value: JSON.stringify({ meta, layout }) },
    { address: 'A2', value: 'rubric' },
    { address: 'B2', value: meta.rubric },
    { address: 'A3', value: 'version' },
    { address: 'B3', value: meta.version },
    { address: 'A4', value: 'unit' },
    { address: 'B4', value: meta.unit },
    { address: 'A5', value: 'templateVersion' },
    { address: 'B5', value: TEMPLATE_VERSION },
  ]);
}

/**
 * The template's identity where a digital signature covers it: the header block of the main sheet
 * (decision, rubric, version, unit type, the unit's name and year), the same cells as defined
 * names, and the layout and identity as JSON in the very hidden sheet.
 */
import type { Rubric, UnitId } from '../rubrics';
import {
  absolute,
  HEADER,
  MAIN_SHEET,
  META_SHEET,
  quoteSheet,
  TEMPLATE_VERSION,
  type HeaderCells,
  type TemplateLayout,
} from './layout';
import type { SheetParts } from './sheet-parts';
import { sheetSpec, type DefinedNameSpec, type Scalar, type SheetSpec, type WorkbookSpec } from './spec';

/** The header block's labels, beside their cells (in column A of the same row). */
const HEADER_LABELS: [keyof HeaderCells, string][] = [
  ['rubric', 'Bộ tiêu chí'],
  ['version', 'Phiên bản'],
  ['unit', 'Loại đơn vị'],
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
  const values: Record<keyof HeaderCells, Scalar> = {
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
    sheet.put({ address: cell, value: values[key], style: input ? 'input' : 'headerValue', locked: !input });
  }
  sheet.validations.push(
    {
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

/** The header cells as defined names: what moves with the cells when rows are inserted. */
export function definedNames(): DefinedNameSpec[] {
  const main = quoteSheet(MAIN_SHEET);
  return [
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

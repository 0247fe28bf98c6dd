/**
 * Writes a WorkbookSpec to .xlsx bytes with ExcelJS. The add-in's functions are saved the way Excel
 * saves them (`_xldudf_CDS_DTI_SCORE(...)`) together with their computed results, so the file
 * shows numbers before the add-in loads. ExcelJS cannot write charts, so the native chart parts
 * are added to the package afterwards (./chart.ts).
 */
import ExcelJS from 'exceljs';
import { toSavedForm } from '../functions';
import { cellsOf, type CellSpec, type SheetSpec, type StyleSpec, type SheetsSpec } from '../template';
import { addCharts } from './chart';

const FONT = 'Times New Roman';
/** ExcelJS takes margins in inches. */
const inches = <T extends Record<string, number>>(cm: T): T =>
  Object.fromEntries(Object.entries(cm).map(([k, v]) => [k, v / 2.54])) as T;
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, style: StyleSpec): void {
  cell.font = {
    name: FONT,
    size: style.fontSize ?? 10,
    bold: style.bold,
    italic: style.italic,
    ...(style.underline ? { underline: true } : {}),
    ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
  };
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.hAlign || style.vAlign)
    cell.alignment = {
      wrapText: style.wrap,
      horizontal: style.hAlign,
      vertical: style.vAlign === 'center' ? 'middle' : style.vAlign,
    };
  if (style.border) {
    const thin = { style: 'thin' as const, color: { argb: 'FFBDBDBD' } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

function writeCell(ws: ExcelJS.Worksheet, spec: CellSpec, styles: SheetsSpec['styles']): void {
  const cell = ws.getCell(spec.address);
  if (spec.formula !== undefined) {
    const formula = toSavedForm(spec.formula.replace(/^=/, ''));
    cell.value =
      spec.result === undefined || spec.result === null
        ? { formula }
        : ({ formula, result: spec.result } as ExcelJS.CellFormulaValue);
  } else if (spec.value !== undefined) cell.value = spec.value;
  if (spec.numFmt) cell.numFmt = spec.numFmt;
  if (spec.style) applyStyle(cell, styles[spec.style]);
  if (spec.locked === false) cell.protection = { locked: false };
}

function validation(v: SheetSpec['validations'][number]): ExcelJS.DataValidation {
  const messages = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    errorStyle: v.errorStyle ?? 'stop',
    errorTitle: v.error.title,
    error: v.error.message,
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.message } : {}),
  };
  switch (v.type) {
    case 'list':
      return { type: 'list', formulae: [v.source!.replace(/^=/, '')], ...messages } as ExcelJS.DataValidation;
    case 'custom':
      return { type: 'custom', formulae: [v.formula!.replace(/^=/, '')], ...messages } as ExcelJS.DataValidation;
    case 'date':
      // Excel date serial 36526 = 2000-01-01.
      return {
        type: 'date',
        operator: 'greaterThanOrEqual',
        formulae: [new Date(Date.UTC(1899, 11, 30) + (v.min ?? 36526) * 86400000)],
        ...messages,
      } as ExcelJS.DataValidation;
    default:
      return {
        type: v.type,
        operator: 'between',
        formulae: [v.min ?? 0, v.max ?? 1e15],
        ...messages,
      } as ExcelJS.DataValidation;
  }
}

export async function writeXlsx(spec: SheetsSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CDS DTI';
  // No forced recalculation on load: until the add-in is there, the stored results are what shows.
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility,
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views: sheet.freeze
        ? [
            {
              state: 'frozen',
              xSplit: sheet.freeze.columns,
              ySplit: sheet.freeze.rows,
              topLeftCell: `${String.fromCharCode(65 + sheet.freeze.columns)}${sheet.freeze.rows + 1}`,
            },
          ]
        : [],
    });
    for (const c of sheet.columns) {
      const column = ws.getColumn(c.column);
      column.width = c.width;
      if (c.hidden) column.hidden = true;
    }
    for (const c of sheet.cells) writeCell(ws, c, spec.styles);
    for (const m of sheet.merges) ws.mergeCells(m);
    for (const h of sheet.rowHeights ?? []) ws.getRow(h.row).height = h.height;
    for (const v of sheet.validations) {
      const dv = validation(v);
      for (const address of cellsOf(v.range)) ws.getCell(address).dataValidation = dv;
    }
    for (const cf of sheet.conditionalFormats)
      ws.addConditionalFormatting({
        ref: cf.range,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [cf.formula],
            style: {
              ...(cf.fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } } : {}),
              ...(cf.fontColor ? { font: { color: { argb: argb(cf.fontColor) } } } : {}),
            },
          },
        ],
      });
    if (sheet.print)
      ws.pageSetup = {
        paperSize: 9, // A4
        orientation: sheet.print.landscape ? 'landscape' : 'portrait',
        fitToPage: sheet.print.fitToWidth,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: sheet.print.centered ?? false,
        ...(sheet.print.titleRows ? { printTitlesRow: sheet.print.titleRows } : {}),
        ...(sheet.print.area ? { printArea: sheet.print.area } : {}),
        margins: sheet.print.margins
          ? inches(sheet.print.margins)
          : { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      };
    // A break after row r - 1 starts a page at row r.
    for (const r of sheet.print?.breaks ?? []) ws.getRow(r - 1).addPageBreak();
    // The centre section (&C) of the footer on every page.
    if (sheet.print?.footer) ws.headerFooter = { oddFooter: `&C${sheet.print.footer}` };
    if (sheet.protect)
      await ws.protect('', {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: true,
        formatCells: false,
        insertRows: false,
        deleteRows: false,
      });
  }
  for (const n of spec.names) wb.definedNames.add(n.refersTo, n.name);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return addCharts(bytes, spec);
}

/**
 * Reading .xlsx workbooks with ExcelJS, behind the same LoadedWorkbook as the project's own cell
 * reader (src/workbook/read-parts.ts), which every command uses: ExcelJS is kept as the second,
 * independent reader the differential tests compare against, and for tests that read back files
 * this project wrote. Given parts (a Map), it only ever sees parts that the safe package reader
 * (src/signature readPackage) let through; given bytes, only files this project wrote.
 * Cached results of formula cells are read as `cell.formula` / `cell.result`: `cell.value.result`
 * drops 0 and false.
 */
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import type { DefinedName, Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';

function plain(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return plain((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/** ExcelJS's defined names as the workbook stores them ('Sheet'!$B$3), workbook-scoped ones only. */
function definedNames(wb: ExcelJS.Workbook): DefinedName[] {
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[]; localSheetId?: number }[] })
    .model;
  return model
    .filter((n) => n.localSheetId === undefined && n.ranges.length === 1)
    .map((n) => ({ name: n.name, refersTo: n.ranges[0] }));
}

export async function loadXlsx(input: Uint8Array | Map<string, Uint8Array>): Promise<LoadedWorkbook> {
  const bytes = input instanceof Map ? zipSync(Object.fromEntries(input), { level: 0 }) : input;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cell = (sheet: string, address: string) => wb.getWorksheet(sheet)?.getCell(address);
  // ExcelJS gives every cell of a merged range its first cell's value; in the file (and in Excel) the others are empty.
  const merged = (c: ExcelJS.Cell) => c.isMerged && c.master !== c;
  return {
    sheetNames: wb.worksheets.map((w) => w.name),
    definedNames: definedNames(wb),
    read: (sheet, address) => {
      const c = cell(sheet, address);
      if (!c || merged(c)) return null;
      // A formula's shown value is its cached result, read where ExcelJS keeps 0 and false.
      if (c.formula) return c.result === undefined ? null : plain(c.result as ExcelJS.CellValue);
      return plain(c.value);
    },
    formula: (sheet, address) => {
      const c = cell(sheet, address);
      return c?.formula || undefined;
    },
    hasFormula: (sheet, address) => !!cell(sheet, address)?.formula,
    cachedResult: (sheet, address) => {
      const c = cell(sheet, address);
      if (!c?.formula) return null;
      const r = c.result as ExcelJS.CellValue;
      return r === undefined ? null : plain(r);
    },
    hyperlink: (sheet, address) => cell(sheet, address)?.hyperlink || undefined,
    hidden: (sheet, address) => {
      const ws = wb.getWorksheet(sheet);
      const c = ws?.getCell(address);
      return !!ws && !!c && (ws.getRow(Number(c.row)).hidden || ws.getColumn(Number(c.col)).hidden);
    },
    lastRow: (sheet) => wb.getWorksheet(sheet)?.rowCount ?? 0,
  };
}

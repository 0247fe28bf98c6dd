/**
 * Reading .xlsx workbooks with ExcelJS: a cell reader for the template readers, and the cached
 * results of formula cells (read as `cell.formula` / `cell.result`: `cell.value.result` drops 0
 * and false).
 */
import ExcelJS from 'exceljs';
import type { Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';

function plain(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

export async function loadXlsx(bytes: Uint8Array): Promise<LoadedWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cell = (sheet: string, address: string) => wb.getWorksheet(sheet)?.getCell(address);
  return {
    sheetNames: wb.worksheets.map((w) => w.name),
    read: (sheet, address) => {
      const c = cell(sheet, address);
      return c ? plain(c.value) : null;
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
  };
}

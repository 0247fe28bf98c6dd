/** Selecting a cell for the officer (a problem clicked in the pane): its sheet activated, the cell selected. */
import type { ExcelWriterContext } from './office-like';

export async function selectCell(context: ExcelWriterContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

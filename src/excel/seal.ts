/**
 * Writing the seal into the open workbook (what it writes is the template's: `sealWrite`), in two
 * syncs: the defined names are read, then in one batch the seal's rows are written into the very
 * hidden sheet, the defined name replaced, and every input locked under sheet protection. Values
 * go through the writer's text guard, so a digest or a time never turns into a number or a date.
 */
import type { SealWrite } from '../template';
import { cellValue } from './cells';
import type { ExcelWriterContext } from './office-like';
import { PROTECTION } from './writer';

export async function writeSeal(context: ExcelWriterContext, write: SealWrite): Promise<void> {
  const { worksheets, names } = context.workbook;
  names.load('items/name');
  await context.sync();
  const meta = worksheets.getItemOrNullObject(write.sheet);
  meta.protection.unprotect();
  meta.getRange(write.range).values = write.rows.map(([key, value]) => [key, value === null ? '' : cellValue(value)]);
  meta.protection.protect();
  names.items.find((n) => n.name.toLowerCase() === write.name.name.toLowerCase())?.delete();
  names.add(write.name.name, write.name.refersTo);
  const main = worksheets.getItemOrNullObject(write.lock.sheet);
  main.protection.unprotect();
  for (const range of write.lock.ranges) main.getRange(range).format.protection.locked = true;
  main.protection.protect(PROTECTION);
  await context.sync();
}

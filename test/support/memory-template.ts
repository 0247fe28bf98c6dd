/** A template inserted into the pane's in-memory workbook (as the demo does), for the pane's logic tests. */
import type { Rubric } from '../../src/rubrics';
import { MemoryWorkbook } from '../../src/taskpane/memory-port';

export async function insertedMemoryWorkbook(rubric: Rubric, unit = 'xa') {
  const wb = new MemoryWorkbook();
  const r = await wb.insertTemplate(rubric, { unit, unitName: 'Phường Phú Hội', year: 2025 }, () => undefined);
  if (!r.ok) throw new Error(`insert failed: ${JSON.stringify(r)}`);
  return { wb, layout: wb.spec!.layout };
}

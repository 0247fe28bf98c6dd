/** Pillar subtotals and the unit's total (or level): formulas, with the results one assessment gives. */
import { cellLevelName, type Assessment } from '../engine';
import type { Rubric } from '../rubrics';
import { columnLetter, parseAddress } from './address';
import { absolute, HEADER } from './layout';
import type { SheetParts } from './sheet-parts';
import type { PillarRow } from './summary';

/** Each pillar's heading row with its subtotal (points and max) or level formula. */
export function writePillarRows(
  sheet: SheetParts,
  columnCount: number,
  col: Record<string, string>,
  pillarRows: { pillar: Rubric['pillars'][number]; row: number; first: number; last: number }[],
  assessment: Assessment,
  isLevel: boolean,
): PillarRow[] {
  return pillarRows.map((p) => {
    const assessed = assessment.pillars.find((x) => x.id === p.pillar.id)!;
    sheet.put({ address: `A${p.row}`, value: p.pillar.id, style: 'pillar' });
    sheet.put({ address: `B${p.row}`, value: p.pillar.title, style: 'pillar' });
    for (let i = 2; i < columnCount; i++)
      if (![col.result, col.max].includes(columnLetter(i)))
        sheet.put({ address: `${columnLetter(i)}${p.row}`, value: null, style: 'pillar' });
    const range = (c: string) => `${c}${p.first}:${c}${p.last}`;
    if (isLevel) {
      sheet.put({
        address: `${col.result}${p.row}`,
        formula: `=MIN(${range(col.result)})`,
        result: assessed.level!,
        style: 'pillar',
        numFmt: '0',
      });
      return { id: p.pillar.id, title: p.pillar.title, row: p.row, level: assessed.level };
    }
    sheet.put({
      address: `${col.result}${p.row}`,
      formula: `=ROUND(SUM(${range(col.result)}),2)`,
      result: assessed.points!,
      style: 'pillar',
      numFmt: '0.##',
    });
    sheet.put({
      address: `${col.max}${p.row}`,
      formula: `=SUM(${range(col.max)})`,
      result: assessed.max!,
      style: 'pillar',
      numFmt: '0.##',
    });
    return { id: p.pillar.id, title: p.pillar.title, row: p.row, points: assessed.points!, max: assessed.max! };
  });
}

/** The total row under the table and the total (or level) at the top of the sheet. */
export function writeTotals(
  sheet: SheetParts,
  rubric: Rubric,
  col: Record<string, string>,
  pillarRows: { row: number }[],
  assessment: Assessment,
  totalRow: number,
): { total: number; totalMax: number; unitLevel: number } {
  const put = (c: Parameters<SheetParts['put']>[0]) => sheet.put(c);
  const pillarRefs = (c: string) => pillarRows.map((p) => `${c}${p.row}`).join(',');
  // The total and the lines under it at the top of the sheet, each labelled in the column before.
  const at = parseAddress(HEADER.total);
  const top = (line: number) => `${columnLetter(at.col)}${at.row + 1 + line}`;
  const topLabel = (line: number) => `${columnLetter(at.col - 1)}${at.row + 1 + line}`;
  const rubricRef = absolute(HEADER.rubric);
  if (rubric.kind === 'levels') {
    put({ address: `B${totalRow}`, value: 'MỨC ĐỘ CHUYỂN ĐỔI SỐ', style: 'totalLabel' });
    const unitLevel = assessment.level!.number;
    const name = cellLevelName(rubric, unitLevel);
    put({
      address: `${col.result}${totalRow}`,
      formula: `=MIN(${pillarRefs(col.result)})`,
      result: unitLevel,
      style: 'total',
      numFmt: '0',
    });
    put({
      address: `${col.check}${totalRow}`,
      formula: `=CDS.DTI_LEVEL_NAME(${rubricRef},${col.result}${totalRow})`,
      result: name,
      style: 'total',
    });
    put({ address: topLabel(0), value: 'Mức độ', style: 'label' });
    put({ address: top(0), formula: `=${col.result}${totalRow}`, result: unitLevel, style: 'total', numFmt: '0' });
    put({ address: topLabel(1), value: 'Tên mức', style: 'label' });
    put({ address: top(1), formula: `=${col.check}${totalRow}`, result: name, style: 'headerValue' });
    return { total: 0, totalMax: 0, unitLevel };
  }
  put({ address: `B${totalRow}`, value: 'TỔNG ĐIỂM', style: 'totalLabel' });
  const total = assessment.total ?? 0;
  const totalMax = assessment.max ?? 0;
  const percent = totalMax > 0 ? total / totalMax : 0;
  put({
    address: `${col.result}${totalRow}`,
    formula: `=ROUND(SUM(${pillarRefs(col.result)}),2)`,
    result: total,
    style: 'total',
    numFmt: '0.##',
  });
  put({
    address: `${col.max}${totalRow}`,
    formula: `=SUM(${pillarRefs(col.max)})`,
    result: totalMax,
    style: 'total',
    numFmt: '0.##',
  });
  put({
    address: `${col.check}${totalRow}`,
    formula: `=IF(${col.max}${totalRow}>0,${col.result}${totalRow}/${col.max}${totalRow},0)`,
    result: percent,
    style: 'total',
    numFmt: '0.00%',
  });
  put({ address: topLabel(0), value: 'Tổng điểm', style: 'label' });
  put({ address: top(0), formula: `=${col.result}${totalRow}`, result: total, style: 'total', numFmt: '0.##' });
  put({ address: topLabel(1), value: 'Điểm tối đa', style: 'label' });
  put({ address: top(1), formula: `=${col.max}${totalRow}`, result: totalMax, style: 'headerValue', numFmt: '0.##' });
  put({ address: topLabel(2), value: 'Tỷ lệ đạt', style: 'label' });
  put({ address: top(2), formula: `=${col.check}${totalRow}`, result: percent, style: 'headerValue', numFmt: '0.00%' });
  return { total, totalMax, unitLevel: 0 };
}

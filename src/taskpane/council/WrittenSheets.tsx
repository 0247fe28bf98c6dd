/**
 * Demo mode: the sheets the council's workbook wrote into the memory workbook, as a plain table.
 * The cells the sheet leaves unlocked (appraised points, reason, note) can be typed into, as in
 * Excel, so "Đọc lại sổ thẩm định" can be tried without Excel.
 */
import { Button, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { parseAddress } from '../../template';
import type { MemoryWorkbook } from '../memory-port';
import type { PanelProps } from '../panels/props';
import type { CouncilStyles } from './styles';

export interface WrittenSheetsProps {
  workbook: MemoryWorkbook;
  /** Changes when the pane wrote into the sheets: the table is read again. */
  version: number;
  s: PanelProps['s'];
  styles: CouncilStyles;
}

const letter = (i: number) => String.fromCharCode(65 + i); // at most 14 columns shown

export function WrittenSheets({ workbook, version, s, styles }: WrittenSheetsProps) {
  const [sheet, setSheet] = useState(workbook.councilSheets[0]);
  const [typed, setTyped] = useState(0);
  const cells = workbook.sheets.get(sheet);
  const grid = useMemo(() => {
    let rows = 0;
    let cols = 0;
    for (const a of cells?.keys() ?? []) {
      const { row, col } = parseAddress(a);
      rows = Math.max(rows, row + 1);
      cols = Math.max(cols, col + 1);
    }
    return { rows: Math.min(rows, 60), cols: Math.min(cols, 14) };
    // The map is changed in place: `version` and `typed` say when.
  }, [cells, version, typed]);
  return (
    <div className={styles.section} data-testid="council-sheets">
      <Text weight="semibold">{s.councilSheetsShown}</Text>
      <div className={styles.row} role="tablist">
        {workbook.councilSheets.map((n) => (
          <Button
            key={n}
            size="small"
            role="tab"
            aria-selected={n === sheet}
            appearance={n === sheet ? 'primary' : 'secondary'}
            onClick={() => setSheet(n)}
          >
            {n}
          </Button>
        ))}
      </div>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label={sheet}>
          <tbody>
            {Array.from({ length: grid.rows }, (_, r) => (
              <tr key={r}>
                {Array.from({ length: grid.cols }, (_, c) => {
                  const address = `${letter(c)}${r + 1}`;
                  const v = cells?.get(address);
                  const text = v === null || v === undefined ? '' : String(v);
                  if (workbook.isUnlocked(sheet, address))
                    return (
                      <td key={`${c}.${version}`} className={styles.cell}>
                        <input
                          className={styles.cellInput}
                          aria-label={`${sheet}!${address}`}
                          defaultValue={text}
                          onBlur={(e) => {
                            if (e.target.value === text) return;
                            workbook.set(sheet, address, e.target.value.trim());
                            setTyped((n) => n + 1);
                          }}
                        />
                      </td>
                    );
                  return (
                    <td key={c} className={styles.cell} title={text || undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The demo's stand-in for the Excel grid: the template's criteria rows with their input cells,
 * editable where the template unlocks them, read from and written to the in-memory workbook.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useReducer, useRef } from 'react';
import { getRubric } from '../../rubrics';
import { cellCheck, cellPoints, cellsLevel, findCriterion, inputSlots, resolveUnit, type Slot } from '../../engine';
import { argumentValues, checkCellText, evidenceCells, MAIN_SHEET, slotCells, type Scalar } from '../../template';
import type { MemoryWorkbook } from '../memory-port';

const useStyles = makeStyles({
  wrap: {
    overflow: 'auto',
    height: '100%',
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%' },
  th: {
    position: 'sticky',
    top: 0,
    backgroundColor: '#0F6CBD',
    color: 'white',
    padding: '4px',
    textAlign: 'left',
    zIndex: 1,
  },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: '3px 4px', verticalAlign: 'top' },
  input: {
    width: '100%',
    minWidth: '70px',
    boxSizing: 'border-box',
    backgroundColor: '#FFF9E5',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    padding: '2px',
  },
  selected: { outline: '3px solid #0F6CBD' },
  slot: { display: 'flex', flexDirection: 'column', gap: '2px', marginBottom: '4px' },
});

/**
 * What Excel stores when a text is typed into a cell: a number for "45" or "0,5" (the comma is
 * the decimal mark of the vi-VN locale), and in a cell formatted as a percentage Excel's own
 * reading of the number: "10 or 0.1 both result in 10.00%" (support.microsoft.com, "Format
 * numbers as percentages"). Anything else stays text, for the engine to read.
 */
function typed(text: string, slot?: Slot): Scalar {
  const s = text.trim();
  if (s === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return text;
  const n = Number(s.replace(',', '.'));
  return slot?.kind === 'share' && n >= 1 ? n / 100 : n;
}

/** The grid's column headers; at pane width each row becomes a card and these label its parts. */
const HEADERS = (levels: boolean) => [
  'Mã',
  'Tiêu chí',
  'Số liệu',
  'Số văn bản',
  'Ký số',
  levels ? 'Mức' : 'Điểm',
  'Kiểm tra',
];

export function DemoSheet({ workbook }: { workbook: MemoryWorkbook }) {
  const styles = useStyles();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const inputs = useRef(new Map<string, HTMLElement>());
  useEffect(() => {
    let off: (() => void) | undefined;
    void workbook.onChange(redraw).then((f) => (off = f));
    const onSelect = (_sheet: string, address: string) => {
      redraw();
      const el = inputs.current.get(address);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    };
    workbook.selectListeners.add(onSelect);
    return () => {
      off?.();
      workbook.selectListeners.delete(onSelect);
    };
  }, [workbook]);

  const spec = workbook.spec;
  if (!spec) return <Text>Sổ làm việc trống. Dùng thẻ “Mẫu biểu” để chèn mẫu.</Text>;
  const { layout, meta } = spec;
  const rubric = getRubric(meta.rubric);
  const unit = resolveUnit(rubric, meta.unit);
  const get = (address: string) => workbook.get(MAIN_SHEET, address);
  const rows = Object.entries(layout.rows).sort((a, b) => a[1] - b[1]);
  const selected = workbook.selected?.address;
  const headers = HEADERS(rubric.kind === 'levels');

  const cell = (address: string, label: string, slot?: Slot, notApplicable = false) => {
    const value = get(address);
    const editable = workbook.isUnlocked(MAIN_SHEET, address);
    const common = {
      'aria-label': label,
      disabled: !editable,
      className: `${styles.input} ${selected === address ? styles.selected : ''}`,
      ref: (el: HTMLElement | null) => (el ? inputs.current.set(address, el) : inputs.current.delete(address)),
      // Moving to a cell is a selection, as in Excel: the pane shows the criterion's help.
      onFocus: () => workbook.noteSelection(MAIN_SHEET, address),
    };
    const listed =
      slot?.kind === 'yes-no'
        ? ['Có', 'Không']
        : slot?.kind === 'choice'
          ? slot.choices!.map((c) => c.label.vi)
          : undefined;
    const choices = listed && notApplicable ? [...listed, 'Không áp dụng'] : listed;
    if (choices)
      return (
        <select
          {...common}
          value={value === null ? '' : String(value)}
          onChange={(e) => workbook.set(MAIN_SHEET, address, e.target.value || null)}
        >
          <option value="">—</option>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    return (
      <input
        {...common}
        defaultValue={value === null ? '' : String(value)}
        key={`${address}:${String(value)}`}
        onBlur={(e) =>
          typed(e.target.value, slot) !== value && workbook.set(MAIN_SHEET, address, typed(e.target.value, slot))
        }
      />
    );
  };

  return (
    // Focusable so the grid can be scrolled by keyboard even when every input is locked.
    <div className={styles.wrap} tabIndex={0} role="region" aria-label="Bảng tiêu chí">
      <Text as="h2" weight="semibold">
        {rubric.title} — {meta.unitName || meta.unit} ({meta.year})
      </Text>
      <table className={styles.table}>
        <thead>
          <tr>
            {HEADERS(rubric.kind === 'levels').map((h) => (
              <th key={h} className={styles.th} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, r]) => {
            const criterion = findCriterion(rubric, unit, id);
            const slots = inputSlots(rubric, criterion);
            // What Excel's formulas would show after the edit: the same cells, the same computations.
            const args = argumentValues(rubric, layout, criterion, r, get);
            const slotAddresses = slotCells(layout, id, r);
            const live = (f: () => unknown) => {
              try {
                return String(f());
              } catch (e) {
                return (e as Error).message;
              }
            };
            const result = live(() =>
              rubric.kind === 'levels'
                ? cellsLevel(rubric, unit, [{ criterion, cells: args }])
                : cellPoints(rubric, unit, criterion, args),
            );
            // As the sheet's check cell: an error in the result claims nothing (IFERROR(…<>0, FALSE)).
            const shownNumber = Number.isFinite(Number(result)) ? Number(result) : 0;
            const check = live(() =>
              checkCellText(
                rubric,
                criterion,
                rubric.kind === 'levels' ? { points: null, level: shownNumber } : { points: shownNumber },
                evidenceCells(layout, id, r).map((doc) => get(doc.signed)),
                cellCheck(rubric, unit, criterion, args),
              ),
            );
            return (
              <tr key={id}>
                <td className={styles.td} data-label={headers[0]}>
                  {id}
                </td>
                <td className={styles.td} data-label={headers[1]}>
                  {String(get(`B${r}`) ?? '')}
                </td>
                <td className={styles.td} data-label={headers[2]}>
                  {slots.map((slot, i) => (
                    <label key={i} className={styles.slot} data-input={slot.kind}>
                      <span>{slot.label.vi}</span>
                      {cell(
                        slotAddresses[i],
                        `${id} ${slot.label.vi}`,
                        slot,
                        criterion.allowNotApplicable !== undefined,
                      )}
                    </label>
                  ))}
                </td>
                <td className={styles.td} data-label={headers[3]}>
                  {cell(`${layout.evidence.number}${r}`, `${id} số văn bản`)}
                </td>
                <td className={styles.td} data-label={headers[4]}>
                  {cell(`${layout.evidence.signed}${r}`, `${id} file có ký số`, {
                    kind: 'yes-no',
                    key: 'signed',
                    label: { vi: 'Ký số', en: 'Signed' },
                  })}
                </td>
                <td className={styles.td} data-label={headers[5]}>
                  {result}
                </td>
                <td className={styles.td} data-label={headers[6]}>
                  {check}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

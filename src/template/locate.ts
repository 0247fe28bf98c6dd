/**
 * Finding a filled template in a workbook by its identity, not by a sheet name or fixed cells:
 * the very hidden `_dti` sheet (through the DTI_TEMPLATE name, or by its name) gives the identity
 * and the layout as written; the defined names DTI_RUBRIC … DTI_YEAR (which Excel moves with
 * their cells and renames with their sheet) lead to the main sheet and its header cells wherever
 * rows were inserted or the sheet renamed; each criterion's row is found by its id in the id
 * column. What cannot be found is said, never read as "not entered": an officer's entries must
 * not vanish because a sheet was renamed, and a council must not be shown a row Excel hides.
 *
 * Problems found on the way (the rubric in the main sheet's cells differing from `_dti`, a
 * criterion id on two rows, a criterion row missing, hidden or outside the table) are returned
 * with the cell they concern; errors make the numbers untrustworthy, warnings are worth a look.
 */
import { t, type Text } from '../base';
import type { CellReader, TemplateInfo } from './entries';
import { HEADER, META_SHEET, type HeaderCells, type TemplateLayout } from './layout';

/** A defined name as the workbook stores it: `'Tự đánh giá'!$B$3`. */
export interface DefinedName {
  name: string;
  refersTo: string;
  /** The sheet a sheet-scoped name belongs to (absent for workbook names, the only ones used here). */
  localSheet?: string;
}

export interface LocateInput {
  read: CellReader;
  sheetNames: string[];
  definedNames: DefinedName[];
  /** The last row holding a cell in a sheet, so the id column is scanned to its end (default: 2,000 rows past the table). */
  lastRow?: (sheet: string) => number;
  /** Whether a cell's row or column is hidden, where the reader knows. */
  hidden?: (sheet: string, address: string) => boolean;
}

export interface LocateProblem {
  severity: 'error' | 'warning';
  code:
    | 'identity-mismatch'
    | 'duplicate-criterion'
    | 'missing-criterion'
    | 'hidden-row'
    | 'outside-table'
    | 'names'
    | 'evidence-date';
  /** The cell concerned, "Sheet!A24". */
  cell?: string;
  text: Text;
}

export type LocatedTemplate =
  | {
      found: true;
      /** The identity and the layout with the actual sheet, header cells and rows. */
      info: TemplateInfo;
      /** The sheet holding the identity (and the seal). */
      metaSheet: string;
      /** Rows inserted (+) or deleted (−) above the header since the template was written. */
      rowOffset: number;
      problems: LocateProblem[];
    }
  | { found: false; notTemplate: boolean; reason: Text };

const HEADER_NAMES: [keyof HeaderCells, string][] = [
  ['rubric', 'DTI_RUBRIC'],
  ['version', 'DTI_VERSION'],
  ['unit', 'DTI_UNIT'],
  ['unitName', 'DTI_UNIT_NAME'],
  ['year', 'DTI_YEAR'],
  ['registered', 'DTI_REGISTERED'],
];

const MAX_ROW = 1048576;
const COLUMN = /^[A-Z]{1,3}$/;

/** "'Tự đánh giá'!$B$3" or "Sheet1!B3" → the sheet and the cell; null for anything but one cell. */
export function parseCellRef(refersTo: string): { sheet: string; cell: string } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!:]+))!\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(refersTo.trim());
  if (!m) return null;
  const row = Number(m[4]);
  return row <= MAX_ROW ? { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], cell: `${m[3]}${row}` } : null;
}

const rowOf = (cell: string) => Number(/\d+$/.exec(cell)![0]);
const columnOf = (cell: string) => /^[A-Z]+/.exec(cell)![0];
const shift = (cell: string, rows: number) => `${columnOf(cell)}${rowOf(cell) + rows}`;
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const quoted = (s: string) => `"${s.length > 80 ? `${s.slice(0, 80)}…` : s}"`;

/** The stored layout, checked: a hostile `_dti` must not send the readers to absurd places. */
function validLayout(layout: AnyLayout): boolean {
  const columns = [
    layout.valueColumn ?? '',
    layout.idColumn,
    layout.score,
    layout.max,
    layout.check,
    layout.note,
    ...layout.slotColumns,
    ...Object.values(layout.evidence ?? {}),
  ];
  const row = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_ROW;
  return (
    typeof layout.sheet === 'string' &&
    Array.isArray(layout.slotColumns) &&
    columns.every((c) => typeof c === 'string' && (c === '' || COLUMN.test(c))) &&
    COLUMN.test(layout.idColumn) &&
    row(layout.firstRow) &&
    row(layout.lastRow) &&
    typeof layout.rows === 'object' &&
    layout.rows !== null &&
    Object.values(layout.rows).every(row) &&
    (layout.header === undefined ||
      Object.values(layout.header).every((c) => typeof c === 'string' && /^[A-Z]{1,3}\d{1,7}$/.test(c))) &&
    (layout.general === undefined ||
      Object.values(layout.general).every((c) => typeof c === 'string' && /^\$?[A-Z]{1,3}\$?\d{1,7}$/.test(c)))
  );
}

/** Version 2 layouts keep a criterion's inputs down one column from its row; version 1 across the row. */
type AnyLayout = TemplateLayout & { valueColumn?: string; general?: Record<string, string> };

function inputCells(layout: AnyLayout, id: string, row: number): string[] {
  const count = layout.inputs?.[id]?.length ?? layout.slotColumns.length;
  return layout.valueColumn
    ? Array.from({ length: count }, (_, i) => `${layout.valueColumn}${row + i}`)
    : layout.slotColumns.map((c) => `${c}${row}`);
}

/** "$N$12" moved down by rows, keeping its $ signs. */
const shiftAbsolute = (cell: string, rows: number) =>
  cell.replace(/(\$?)(\d+)$/, (_, dollar: string, r: string) => `${dollar}${Number(r) + rows}`);

/** The identity sheet: where DTI_TEMPLATE points (it follows a renamed sheet), or the sheet named `_dti`. */
function findIdentity(input: LocateInput, names: Map<string, string>): { sheet: string; json: string } | null {
  const candidates: { sheet: string; cell: string }[] = [];
  const ref = names.has('DTI_TEMPLATE') ? parseCellRef(names.get('DTI_TEMPLATE')!) : null;
  if (ref && input.sheetNames.includes(ref.sheet)) candidates.push(ref);
  if (input.sheetNames.includes(META_SHEET)) candidates.push({ sheet: META_SHEET, cell: 'B1' });
  for (const c of candidates) {
    const marker = `${String.fromCharCode(columnOf(c.cell).charCodeAt(0) - 1)}${rowOf(c.cell)}`;
    if (columnOf(c.cell).length === 1 && c.cell[0] > 'A' && input.read(c.sheet, marker) === 'dti-template')
      return { sheet: c.sheet, json: text(input.read(c.sheet, c.cell)) };
  }
  return null;
}

export function locateTemplate(input: LocateInput): LocatedTemplate {
  const problems: LocateProblem[] = [];
  const names = new Map<string, string>();
  for (const n of input.definedNames)
    if (!n.localSheet && !names.has(n.name.toUpperCase())) names.set(n.name.toUpperCase(), n.refersTo);

  const identity = findIdentity(input, names);
  if (!identity)
    return {
      found: false,
      notTemplate: true,
      reason: t(
        'không phải mẫu tự đánh giá DTI (thiếu trang _dti)',
        'not a DTI self-assessment template (no _dti sheet)',
      ),
    };
  let info: TemplateInfo;
  try {
    info = JSON.parse(identity.json) as TemplateInfo;
    if (typeof info?.meta?.rubric !== 'string' || !info.layout || !validLayout(info.layout)) throw new Error('shape');
  } catch {
    return {
      found: false,
      notTemplate: false,
      reason: t(
        `không đọc được danh tính và bố cục của mẫu trong trang ${identity.sheet} (ô B1 bị hỏng)`,
        `the template's identity and layout in sheet ${identity.sheet} cannot be read (cell B1 is damaged)`,
      ),
    };
  }
  const { meta } = info;
  const layout: AnyLayout = info.layout;
  const stored = layout.header ?? HEADER;

  // The main sheet and its header cells, through the defined names where they lead to one sheet.
  const header: Partial<HeaderCells> = {};
  const named = new Set<string>();
  for (const [key, name] of HEADER_NAMES) {
    const ref = names.has(name) ? parseCellRef(names.get(name)!) : null;
    if (ref && input.sheetNames.includes(ref.sheet)) {
      header[key] = ref.cell;
      named.add(ref.sheet);
    }
  }
  let main: string;
  if (named.size === 1) main = [...named][0];
  else if (input.sheetNames.includes(layout.sheet)) main = layout.sheet;
  else if (named.size > 1) main = [...named][0];
  else
    return {
      found: false,
      notTemplate: false,
      reason: t(
        `không tìm thấy trang tự đánh giá: không có trang "${layout.sheet}" và các tên DTI_RUBRIC… không dẫn tới trang nào`,
        `cannot find the self-assessment sheet: there is no sheet "${layout.sheet}" and the names DTI_RUBRIC… lead to none`,
      ),
    };
  if (named.size > 1) {
    problems.push({
      severity: 'error',
      code: 'names',
      text: t(
        `Các tên DTI_RUBRIC… trỏ tới nhiều trang khác nhau (${[...named].join(', ')})`,
        `The names DTI_RUBRIC… point at different sheets (${[...named].join(', ')})`,
      ),
    });
    for (const key of Object.keys(header) as (keyof HeaderCells)[]) delete header[key];
  }

  // Criterion rows by id: scanned over the whole id column, so a second row with the same id is seen.
  const ids = Object.keys(layout.rows);
  const wanted = new Set(ids);
  const found = new Map<string, number[]>();
  const headerRowShift = header.rubric ? rowOf(header.rubric) - rowOf(stored.rubric) : 0;
  const last = Math.min(
    MAX_ROW,
    input.lastRow ? input.lastRow(main) : Math.max(layout.lastRow + Math.max(headerRowShift, 0) + 2000, 2000),
  );
  for (let r = 1; r <= last; r++) {
    const id = text(input.read(main, `${layout.idColumn}${r}`));
    if (!wanted.has(id)) continue;
    const list = found.get(id);
    if (list) list.push(r);
    else found.set(id, [r]);
  }
  if (found.size === 0)
    return {
      found: false,
      notTemplate: false,
      reason: t(
        `không tìm thấy dòng tiêu chí nào trong trang "${main}" (cột ${layout.idColumn}): bố cục của mẫu không khớp với trang`,
        `no criterion row found in sheet "${main}" (column ${layout.idColumn}): the template's layout does not match the sheet`,
      ),
    };

  // Rows inserted or deleted above the table: from the header name, else from the first criterion found.
  let offset = headerRowShift;
  if (!header.rubric) {
    const first = ids.find((id) => found.get(id)?.length === 1);
    if (first) offset = found.get(first)![0] - layout.rows[first];
  }
  const rows: Record<string, number> = {};
  const where = (r: number) => `${main}!${layout.idColumn}${r}`;
  for (const id of ids) {
    const list = found.get(id) ?? [];
    const expected = layout.rows[id] + offset;
    if (!list.length) {
      problems.push({
        severity: 'error',
        code: 'missing-criterion',
        text: t(
          `Không tìm thấy dòng của tiêu chí ${id} trong trang "${main}" (cột ${layout.idColumn}): dòng đã bị xóa hoặc sửa mã`,
          `No row for criterion ${id} in sheet "${main}" (column ${layout.idColumn}): the row was deleted or its id changed`,
        ),
      });
      continue;
    }
    const row = list.includes(expected) ? expected : list[0];
    rows[id] = row;
    if (list.length > 1)
      problems.push({
        severity: 'error',
        code: 'duplicate-criterion',
        cell: where(list.find((r) => r !== row)!),
        text: t(
          `Mã tiêu chí ${id} có ở ${list.length} dòng (${list.map(where).join(', ')}): không rõ dòng nào là số liệu`,
          `Criterion id ${id} is on ${list.length} rows (${list.map(where).join(', ')}): which one holds the entries is ambiguous`,
        ),
      });
    const cells = [`${layout.idColumn}${row}`, ...inputCells(layout, id, row)];
    if (input.hidden && cells.some((c) => input.hidden!(main, c)))
      problems.push({
        severity: 'warning',
        code: 'hidden-row',
        cell: where(row),
        text: t(
          `Dòng của tiêu chí ${id} (${where(row)}) hoặc ô nhập của nó đang bị ẩn`,
          `The row of criterion ${id} (${where(row)}) or one of its input cells is hidden`,
        ),
      });
    if (row < layout.firstRow + offset || row > layout.lastRow + offset)
      problems.push({
        severity: 'warning',
        code: 'outside-table',
        cell: where(row),
        text: t(
          `Dòng của tiêu chí ${id} (${where(row)}) nằm ngoài bảng tiêu chí (dòng ${layout.firstRow + offset}–${layout.lastRow + offset})`,
          `The row of criterion ${id} (${where(row)}) lies outside the criteria table (rows ${layout.firstRow + offset}–${layout.lastRow + offset})`,
        ),
      });
  }
  if (!Object.keys(rows).length)
    return {
      found: false,
      notTemplate: false,
      reason: t(`không tìm thấy dòng tiêu chí nào trong trang "${main}"`, `no criterion row found in sheet "${main}"`),
    };

  const located: HeaderCells = {
    rubric: header.rubric ?? shift(stored.rubric, offset),
    version: header.version ?? shift(stored.version, offset),
    unit: header.unit ?? shift(stored.unit, offset),
    unitName: header.unitName ?? shift(stored.unitName, offset),
    year: header.year ?? shift(stored.year, offset),
    total: shift(stored.total, offset),
  };
  // Only templates written with a registered level have one (a name without the stored cell is ignored).
  if (stored.registered) located.registered = header.registered ?? shift(stored.registered, offset);

  // The identity in the main sheet's cells must be the one in _dti.
  const agree: [string, string, unknown, string][] = [
    ['rubric', t('Bộ tiêu chí', 'Rubric').vi, input.read(main, located.rubric), meta.rubric],
    ['version', t('Phiên bản', 'Version').vi, input.read(main, located.version), meta.version],
    ['unit', t('Loại đơn vị', 'Unit type').vi, input.read(main, located.unit), meta.unit],
  ];
  for (const [key, label, shown, identityValue] of agree) {
    if (text(shown) === text(identityValue)) continue;
    const cell = `${main}!${located[key as keyof HeaderCells]}`;
    problems.push({
      severity: 'error',
      code: 'identity-mismatch',
      cell,
      text: t(
        `${label} trong trang tự đánh giá (${cell}: ${quoted(text(shown))}) khác với danh tính của mẫu trong trang ${identity.sheet} (${quoted(text(identityValue))})`,
        `The ${key} shown in the self-assessment sheet (${cell}: ${quoted(text(shown))}) differs from the template's identity in sheet ${identity.sheet} (${quoted(text(identityValue))})`,
      ),
    });
  }
  if (input.read(identity.sheet, 'A2') === 'rubric' && text(input.read(identity.sheet, 'B2')) !== meta.rubric)
    problems.push({
      severity: 'error',
      code: 'identity-mismatch',
      cell: `${identity.sheet}!B2`,
      text: t(
        `Bộ tiêu chí ghi ở ${identity.sheet}!B2 (${quoted(text(input.read(identity.sheet, 'B2')))}) khác với danh tính của mẫu (${quoted(meta.rubric)})`,
        `The rubric in ${identity.sheet}!B2 (${quoted(text(input.read(identity.sheet, 'B2')))}) differs from the template's identity (${quoted(meta.rubric)})`,
      ),
    });

  return {
    found: true,
    info: {
      meta,
      layout: {
        ...layout,
        sheet: main,
        header: located,
        firstRow: layout.firstRow + offset,
        lastRow: layout.lastRow + offset,
        rows,
        ...(layout.general
          ? {
              general: Object.fromEntries(
                Object.entries(layout.general).map(([id, cell]) => [id, shiftAbsolute(cell, offset)]),
              ),
            }
          : {}),
      } as TemplateLayout,
    },
    metaSheet: identity.sheet,
    rowOffset: offset,
    problems,
  };
}

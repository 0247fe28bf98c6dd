/**
 * Edits of a template's package at the XML level, as a clumsy officer (rename a sheet, insert
 * rows) or a hostile submitter (a hidden duplicate row, a cell only a byte scan would see) would
 * make them — for the tests and the hostile corpus (scripts/make-hostile-corpus.ts). Each edit
 * fails loudly when it changes nothing, so a test can never pass on an edit that did not happen.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const MAIN_PART = 'xl/worksheets/sheet1.xml';
export const META_PART = 'xl/worksheets/sheet4.xml';

type Files = Record<string, Uint8Array>;

function edit(zip: Uint8Array, change: (files: Files) => void): Uint8Array {
  const files = unzipSync(zip);
  change(files);
  return zipSync(files, { level: 6 });
}

function editText(files: Files, name: string, change: (text: string) => string): void {
  if (!files[name]) throw new Error(`no part ${name}`);
  const before = strFromU8(files[name]);
  const after = change(before);
  if (after === before) throw new Error(`edit of ${name} changed nothing`);
  files[name] = strToU8(after);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeXml(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Renames a sheet as Excel does: its entry in workbook.xml and every defined name that refers to it. */
export function renameSheet(zip: Uint8Array, from: string, to: string): Uint8Array {
  return edit(zip, (files) =>
    editText(files, 'xl/workbook.xml', (x) => {
      const quotedFrom = `&apos;${escapeXml(from)}&apos;!`;
      const quotedTo = `&apos;${escapeXml(to)}&apos;!`;
      return x
        .replace(`name="${escapeAttr(from)}"`, `name="${escapeAttr(to)}"`)
        .split(quotedFrom)
        .join(quotedTo);
    }),
  );
}

/** Removes the defined names (a template saved by a tool that drops them). */
export function dropDefinedNames(zip: Uint8Array): Uint8Array {
  return edit(zip, (files) =>
    editText(files, 'xl/workbook.xml', (x) => x.replace(/<definedNames>[\s\S]*?<\/definedNames>/, '')),
  );
}

/** Cell address with its row moved by n. */
const moved = (address: string, from: number, n: number) =>
  address.replace(/^(\$?[A-Z]+\$?)(\d+)$/, (m, col: string, row: string) =>
    Number(row) >= from ? `${col}${Number(row) + n}` : m,
  );

/**
 * Inserts n empty rows above row `at` of a sheet as Excel does for what the readers look at: rows
 * and cells from `at` down move by n, and so do the defined names pointing there. (Formulas are
 * left as they were: their stored results are what the readers compare.)
 */
export function insertRows(zip: Uint8Array, at: number, n: number, sheetName = 'Tự đánh giá', part = MAIN_PART) {
  return edit(zip, (files) => {
    editText(files, part, (x) =>
      x
        .replace(/<row r="(\d+)"/g, (m, r: string) => (Number(r) >= at ? `<row r="${Number(r) + n}"` : m))
        .replace(/<c r="([A-Z]+\d+)"/g, (_, a: string) => `<c r="${moved(a, at, n)}"`)
        .replace(
          /<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"/g,
          (_, a: string, b: string) => `<mergeCell ref="${moved(a, at, n)}:${moved(b, at, n)}"`,
        ),
    );
    // The names that point below the inserted rows move (none may, when rows go in below the header).
    const names = strFromU8(files['xl/workbook.xml']).replace(
      new RegExp(`(&apos;${escapeXml(sheetName)}&apos;!)(\\$[A-Z]+\\$\\d+)`, 'g'),
      (_, sheet: string, cell: string) => `${sheet}${moved(cell, at, n)}`,
    );
    files['xl/workbook.xml'] = strToU8(names);
  });
}

/** A cell as SpreadsheetML writes it: text inline, numbers and booleans as values. */
function cellXml(address: string, value: string | number | boolean, style?: string): string {
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') return `<c r="${address}"${s}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${address}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${address}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

const column = (address: string) => /^[A-Z]+/.exec(address)![0];
const columnNumber = (col: string) => [...col].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
const rowOf = (address: string) => Number(/\d+$/.exec(address)![0]);

/** Sets a cell of a sheet part (replacing the cell, or adding it to its row, or adding the row), keeping its style. */
export function setCell(zip: Uint8Array, address: string, value: string | number | boolean, part = MAIN_PART) {
  return edit(zip, (files) => editText(files, part, (x) => withCell(x, address, value)));
}

function withCell(x: string, address: string, value: string | number | boolean): string {
  const existing = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = existing.exec(x);
  if (m) {
    const style = /\ss="(\d+)"/.exec(m[1])?.[1];
    return x.replace(existing, cellXml(address, value, style));
  }
  const row = rowOf(address);
  const rowMatch = new RegExp(`<row r="${row}"[^>]*?(?:/>|>([\\s\\S]*?)</row>)`).exec(x);
  if (!rowMatch) {
    // A new row, placed in order among the others.
    const after = [...x.matchAll(/<row r="(\d+)"/g)].find((r) => Number(r[1]) > row);
    const xml = `<row r="${row}">${cellXml(address, value)}</row>`;
    return after
      ? x.slice(0, after.index) + xml + x.slice(after.index)
      : x.replace('</sheetData>', `${xml}</sheetData>`);
  }
  const cells = [...(rowMatch[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
  const next = cells.find((c) => columnNumber(c[1]) > columnNumber(column(address)));
  const open = rowMatch[0].slice(0, rowMatch[0].indexOf('>') + 1).replace(/\/>$/, '>');
  const body = rowMatch[1] ?? '';
  const inserted = next
    ? body.slice(0, next.index) + cellXml(address, value) + body.slice(next.index)
    : body + cellXml(address, value);
  return x.replace(rowMatch[0], `${open}${inserted}</row>`);
}

/** Adds a whole row (cells by address), optionally hidden. */
export function addRow(zip: Uint8Array, row: number, cells: Record<string, string | number | boolean>, hidden = false) {
  return edit(zip, (files) =>
    editText(files, MAIN_PART, (x) => {
      let out = x;
      for (const [col, value] of Object.entries(cells)) out = withCell(out, `${col}${row}`, value);
      return hidden ? out.replace(`<row r="${row}"`, `<row r="${row}" hidden="1"`) : out;
    }),
  );
}

/** Raw markup inserted into a part, before the given closing tag (e.g. '</sheetData>' or '</worksheet>'). */
export function injectBefore(zip: Uint8Array, part: string, closing: string, markup: string): Uint8Array {
  return edit(zip, (files) => editText(files, part, (x) => x.replace(closing, `${markup}${closing}`)));
}

/** Raw markup inserted right after a cell (inside its row): a second cell, a comment. */
export function injectAfterCell(zip: Uint8Array, address: string, markup: string, part = MAIN_PART): Uint8Array {
  return edit(zip, (files) =>
    editText(files, part, (x) =>
      x.replace(new RegExp(`(<c r="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>))`), `$1${markup}`),
    ),
  );
}

/** The raw text of a part. */
export const partText = (zip: Uint8Array, name: string) => strFromU8(unzipSync(zip)[name]);

/** Replaces the text of a part wholesale (for edits no helper above covers). */
export function rewritePart(zip: Uint8Array, name: string, change: (text: string) => string): Uint8Array {
  return edit(zip, (files) => editText(files, name, change));
}

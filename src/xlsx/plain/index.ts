/**
 * A SheetsSpec written as .xlsx bytes without ExcelJS, for the task pane: ExcelJS's browser build
 * weighs about a megabyte and carries the polyfills the pane leaves out, and Office.js cannot
 * create a new file, so a workbook the pane hands out (an agency's share of the council's
 * workbook, a download) is zipped here with fflate. It writes what a council's workbook needs to be
 * worked in: values and formulas with their cached results, the named styles, column widths, row
 * heights, merges, frozen panes, hidden and very hidden sheets, validations, protection with the
 * unlocked cells, tab colours and charts (./chart.ts); no conditional formats or print setup.
 */
import { strToU8, zipSync } from 'fflate';
import { toSavedForm } from '../../functions';
import { parseAddress, type CellSpec, type SheetSpec, type SheetsSpec, type StyleSpec } from '../../template';
import { addCharts } from '../chart';

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const rgb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** One cell format per (style, number format, unlocked) used, index 0 the default. */
class Formats {
  private readonly keys = ['||'];
  private readonly numFmts = new Map<string, number>();
  constructor(private readonly styles: SheetsSpec['styles']) {}

  of(c: CellSpec): number {
    const key = `${c.style ?? ''}|${c.numFmt && c.numFmt !== 'General' ? c.numFmt : ''}|${c.locked === false ? 'u' : ''}`;
    let i = this.keys.indexOf(key);
    if (i < 0) i = this.keys.push(key) - 1;
    const fmt = key.split('|')[1];
    if (fmt && !this.numFmts.has(fmt)) this.numFmts.set(fmt, 164 + this.numFmts.size);
    return i;
  }

  xml(): string {
    const fonts: string[] = [];
    const fills = [
      '<fill><patternFill patternType="none"/></fill>',
      '<fill><patternFill patternType="gray125"/></fill>',
    ];
    const xfs = this.keys.map((key) => {
      const [name, fmt, unlocked] = key.split('|');
      const s: StyleSpec = name ? this.styles[name as keyof SheetsSpec['styles']] : {};
      fonts.push(
        `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}${s.underline ? '<u/>' : ''}<sz val="${s.fontSize ?? 10}"/>${s.fontColor ? `<color rgb="${rgb(s.fontColor)}"/>` : ''}<name val="Times New Roman"/></font>`,
      );
      let fill = 0;
      if (s.fill)
        fill =
          fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${rgb(s.fill)}"/></patternFill></fill>`) - 1;
      const vertical = s.vAlign === 'center' ? 'center' : s.vAlign;
      const align =
        s.wrap || s.hAlign || vertical
          ? `<alignment${s.hAlign ? ` horizontal="${s.hAlign}"` : ''}${vertical ? ` vertical="${vertical}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`
          : '';
      const protection = unlocked ? '<protection locked="0"/>' : '';
      const numFmtId = fmt ? this.numFmts.get(fmt)! : 0;
      return `<xf numFmtId="${numFmtId}" fontId="${fonts.length - 1}" fillId="${fill}" borderId="${s.border ? 1 : 0}" xfId="0" applyFont="1"${fill ? ' applyFill="1"' : ''}${s.border ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}${protection ? ' applyProtection="1"' : ''}${numFmtId ? ' applyNumberFormat="1"' : ''}>${align}${protection}</xf>`;
    });
    const thin =
      '<left style="thin"><color rgb="FFBDBDBD"/></left><right style="thin"><color rgb="FFBDBDBD"/></right><top style="thin"><color rgb="FFBDBDBD"/></top><bottom style="thin"><color rgb="FFBDBDBD"/></bottom>';
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    return `${XML}<styleSheet xmlns="${NS}">${numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : ''}<fonts count="${fonts.length}">${fonts.join('')}</fonts><fills count="${fills.length}">${fills.join('')}</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

function cellXml(c: CellSpec, style: number): string {
  const s = style ? ` s="${style}"` : '';
  const r = ` r="${c.address}"`;
  if (c.formula !== undefined) {
    const f = `<f>${esc(toSavedForm(c.formula.replace(/^=/, '')))}</f>`;
    const v = c.result;
    if (typeof v === 'number') return `<c${r}${s}>${f}<v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c${r}${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (typeof v === 'string') return `<c${r}${s} t="str">${f}<v>${esc(v)}</v></c>`;
    return `<c${r}${s}>${f}</c>`;
  }
  const v = c.value;
  if (typeof v === 'number') return `<c${r}${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c${r}${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'string' && v !== '')
    return `<c${r}${s} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  return `<c${r}${s}/>`;
}

function validationXml(v: SheetSpec['validations'][number]): string {
  const type = v.type === 'list' ? 'list' : v.type;
  const messages = `${v.allowBlank ? ' allowBlank="1"' : ''} showErrorMessage="1"${v.errorStyle === 'warning' ? ' errorStyle="warning"' : ''} errorTitle="${esc(v.error.title)}" error="${esc(v.error.message)}"${v.prompt ? ` showInputMessage="1" promptTitle="${esc(v.prompt.title)}" prompt="${esc(v.prompt.message)}"` : ''}`;
  const formulae =
    v.type === 'list'
      ? `<formula1>${esc(v.source!.replace(/^=/, ''))}</formula1>`
      : v.type === 'custom'
        ? `<formula1>${esc(v.formula!.replace(/^=/, ''))}</formula1>`
        : `<formula1>${v.min ?? 0}</formula1><formula2>${v.max ?? 1e15}</formula2>`;
  const operator = v.type === 'list' || v.type === 'custom' ? '' : ' operator="between"';
  return `<dataValidation type="${type}"${operator}${messages} sqref="${v.range}">${formulae}</dataValidation>`;
}

function sheetXml(sheet: SheetSpec, formats: Formats): string {
  // Cells in row order, each row's in column order, as Excel requires; an address parsed once.
  const placed = sheet.cells.map((c) => ({ c, at: parseAddress(c.address) }));
  placed.sort((x, y) => x.at.row - y.at.row || x.at.col - y.at.col);
  const rows = new Map<number, string[]>();
  for (const { c, at } of placed) {
    const row = rows.get(at.row + 1);
    if (row) row.push(cellXml(c, formats.of(c)));
    else rows.set(at.row + 1, [cellXml(c, formats.of(c))]);
  }
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  for (const r of heights.keys()) if (!rows.has(r)) rows.set(r, []);
  const data = [...rows.keys()]
    .sort((a, b) => a - b)
    .map(
      (r) =>
        `<row r="${r}"${heights.has(r) ? ` ht="${heights.get(r)}" customHeight="1"` : ''}>${rows.get(r)!.join('')}</row>`,
    )
    .join('');
  const freeze = sheet.freeze
    ? `<pane${sheet.freeze.columns ? ` xSplit="${sheet.freeze.columns}"` : ''}${sheet.freeze.rows ? ` ySplit="${sheet.freeze.rows}"` : ''} topLeftCell="${String.fromCharCode(65 + sheet.freeze.columns)}${sheet.freeze.rows + 1}" activePane="bottomRight" state="frozen"/>`
    : '';
  const cols = sheet.columns
    .map((c) => {
      const n = parseAddress(`${c.column}1`).col + 1;
      return `<col min="${n}" max="${n}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`;
    })
    .join('');
  return [
    `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL}">`,
    sheet.tabColor ? `<sheetPr><tabColor rgb="${rgb(sheet.tabColor)}"/></sheetPr>` : '',
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : '',
    `<sheetData>${data}</sheetData>`,
    sheet.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>' : '',
    sheet.merges.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
      : '',
    sheet.validations.length
      ? `<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join('')}</dataValidations>`
      : '',
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>',
    '</worksheet>',
  ].join('');
}

export function writePlainXlsx(spec: SheetsSpec): Uint8Array {
  const formats = new Formats(spec.styles);
  const files: Record<string, Uint8Array> = {};
  spec.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, formats))));
  const firstVisible = Math.max(
    0,
    spec.sheets.findIndex((s) => s.visibility === 'visible'),
  );
  const sheets = spec.sheets
    .map(
      (s, i) =>
        `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.visibility === 'visible' ? '' : ` state="${s.visibility}"`} r:id="rId${i + 1}"/>`,
    )
    .join('');
  const names = spec.names.map((n) => `<definedName name="${esc(n.name)}">${esc(n.refersTo)}</definedName>`).join('');
  files['xl/workbook.xml'] = strToU8(
    `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><bookViews><workbookView activeTab="${firstVisible}"/></bookViews><sheets>${sheets}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
  );
  files['xl/styles.xml'] = strToU8(formats.xml());
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rId${spec.sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['[Content_Types].xml'] = strToU8(
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${spec.sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('')}</Types>`,
  );
  return addCharts(zipSync(files), spec);
}

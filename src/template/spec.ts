/**
 * A workbook described as plain data: what the template builder produces and what both writers
 * (Office.js into the open workbook, ExcelJS into an .xlsx file) apply. No Office or Node APIs.
 *
 * Addresses are A1 style without sheet names inside a sheet; formulas are written in the typed form
 * (`=CDS.DTI_SCORE(...)`) and file writers translate the add-in's functions to the saved form.
 */
import type { TemplateLayout, TemplateMeta } from './layout';

export type Scalar = string | number | boolean | null;

/** Named cell styles, so writers can create each format once. */
export type StyleName =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'headerValue'
  /** A code the formulas read (the rubric id, the unit type), shown small beside its label. */
  | 'code'
  | 'tableHeader'
  | 'pillar'
  | 'group'
  | 'criterionId'
  | 'text'
  | 'slotLabel'
  | 'guidance'
  | 'number'
  | 'input'
  | 'inputUnused'
  | 'formula'
  | 'check'
  | 'total'
  | 'totalLabel'
  | 'note'
  | 'reportBody'
  | 'reportBodyBold'
  | 'reportState'
  | 'reportMotto'
  | 'reportPlace'
  | 'reportTitle'
  | 'reportNote'
  | 'reportHeader'
  | 'reportPillar'
  | 'reportPillarNumber'
  | 'reportCell'
  | 'reportNumber'
  | 'reportTotal'
  | 'reportTotalNumber'
  | 'reportSignTitle'
  | 'reportSignNote';

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** #RRGGBB */
  fontColor?: string;
  /** #RRGGBB */
  fill?: string;
  wrap?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'center' | 'bottom';
  border?: boolean;
  underline?: boolean;
}

export interface CellSpec {
  address: string;
  value?: Scalar;
  /** "=…" in the typed form. */
  formula?: string;
  /** The formula's value as computed by the engine: file writers store it so a file opened before the add-in loads shows numbers. */
  result?: Scalar;
  numFmt?: string;
  style?: StyleName;
  /** Cells are locked unless they are inputs (sheet protection then guards formulas and labels). */
  locked?: boolean;
}

export interface ValidationSpec {
  /** A1 range inside the sheet. */
  range: string;
  type: 'list' | 'decimal' | 'whole' | 'date' | 'textLength' | 'custom';
  /** Type list: a reference to the cells holding the items, e.g. `='Danh mục'!$A$1:$A$2`. */
  source?: string;
  /** Type custom: a formula (with "=") true for an accepted entry, relative to the range's top-left cell. */
  formula?: string;
  min?: number;
  max?: number;
  allowBlank: boolean;
  /** Excel's limits: title ≤ 32 characters, message ≤ 225 (the builder keeps to them at whole words). */
  prompt?: { title: string; message: string };
  error: { title: string; message: string };
  /** `warning`: the entry may be kept after the message (a name not on the list); default `stop`. */
  errorStyle?: 'stop' | 'warning';
}

export interface ConditionalFormatSpec {
  range: string;
  /** A formula relative to the top-left cell of `range`, e.g. `LEN($M12)>0`. */
  formula: string;
  fill?: string;
  fontColor?: string;
}

export interface ChartSpec {
  type: 'barClustered' | 'columnClustered';
  title: string;
  /** Category labels and values, ranges in this sheet. */
  categories: string;
  series: { name: string; values: string }[];
  /** Number format of the value axis, e.g. "0%". */
  valueFormat?: string;
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

export interface PrintSpec {
  landscape: boolean;
  paper: 'A4';
  fitToWidth: boolean;
  titleRows?: string;
  area?: string;
  /** The centre footer, with Excel's codes: &P the page number, &N the number of pages. */
  footer?: string;
  /** Margins in centimetres (a default of about 1 cm where absent). */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Centred between the left and right margins. */
  centered?: boolean;
  /** Manual page breaks: a new page starts at each of these rows. */
  breaks?: number[];
}

export interface SheetSpec {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  cells: CellSpec[];
  merges: string[];
  /** Column widths in characters, by column letter. */
  columns: { column: string; width: number; hidden?: boolean }[];
  rowHeights?: { row: number; height: number }[];
  freeze?: { rows: number; columns: number };
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  charts: ChartSpec[];
  /** Protect the sheet: only unlocked cells can be edited. No password (officers must be able to unprotect). */
  protect: boolean;
  print?: PrintSpec;
  tabColor?: string;
}

export interface DefinedNameSpec {
  name: string;
  /** A reference with the sheet name, e.g. `'Tự đánh giá'!$C$3`. */
  refersTo: string;
}

/** What the writers apply: sheets, their styles and names (the council's appraisal workbook is one). */
export interface SheetsSpec {
  styles: Record<StyleName, StyleSpec>;
  sheets: SheetSpec[];
  names: DefinedNameSpec[];
}

/** The officer's template: sheets with the identity and layout the readers find it by. */
export interface WorkbookSpec extends SheetsSpec {
  meta: TemplateMeta;
  layout: TemplateLayout;
}

/** A sheet with nothing but its cells; `extra` adds or overrides the rest. */
export function sheetSpec(
  name: string,
  visibility: SheetSpec['visibility'],
  cells: CellSpec[],
  extra: Partial<SheetSpec> = {},
): SheetSpec {
  return {
    name,
    visibility,
    cells,
    merges: [],
    columns: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    protect: true,
    ...extra,
  };
}

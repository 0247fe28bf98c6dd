/**
 * The exact part of the Office.js object model the writer and readers touch. `Excel.RequestContext`
 * satisfies it (checked at compile time below), so the add-in passes its context as is, and the
 * tests pass a typed fake (test/support/fake-excel.ts) that implements only this. It never reads
 * the `Excel` global at runtime: Office.js accepts the string forms of its enums ('VeryHidden', …).
 */
export interface LoadableLike {
  load(propertyNames: string): unknown;
}

export interface RangeBorderLike {
  style: Excel.RangeBorder['style'];
  weight: Excel.RangeBorder['weight'];
}

export type BorderIndexName =
  'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface RangeFormatLike {
  font: { bold: boolean; italic: boolean; size: number; color: string; underline: Excel.RangeFont['underline'] };
  fill: { color: string };
  wrapText: boolean;
  horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  columnWidth: number;
  rowHeight: number;
  useStandardWidth: boolean;
  useStandardHeight: boolean;
  protection: { locked: boolean };
  borders: { getItem(index: BorderIndexName): RangeBorderLike };
}

export interface DataValidationLike {
  rule: Excel.DataValidationRule;
  prompt: Excel.DataValidationPrompt;
  errorAlert: Excel.DataValidationErrorAlert;
  ignoreBlanks: boolean;
  clear(): void;
}

export interface ConditionalFormatLike {
  custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };
}

export interface ConditionalFormatCollectionLike {
  add(type: 'Custom'): ConditionalFormatLike;
  clearAll(): void;
}

export interface RangeLike extends LoadableLike {
  /** Written, or read after `load('values')` + sync. */
  values: Excel.Range['values'];
  formulas: Excel.Range['formulas'];
  numberFormat: Excel.Range['numberFormat'];
  columnHidden: boolean;
  rowHidden: boolean;
  format: RangeFormatLike;
  dataValidation: DataValidationLike;
  conditionalFormats: ConditionalFormatCollectionLike;
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  merge(across?: boolean): void;
  unmerge(): void;
  select(): void;
}

export interface RangeAreasLike {
  dataValidation: DataValidationLike;
}

export interface ChartSeriesLike {
  name: string;
  setValues(sourceData: RangeLike): void;
  setXAxisValues(sourceData: RangeLike): void;
}

export interface ChartLike {
  name: string;
  title: { text: string };
  series: { getItemAt(index: number): ChartSeriesLike; add(name?: string): ChartSeriesLike };
  setPosition(startCell: string, endCell?: string): void;
  delete(): void;
}

export interface ChartCollectionLike extends LoadableLike {
  items: ChartLike[];
  add(
    type: 'BarClustered' | 'ColumnClustered',
    sourceData: RangeLike,
    seriesBy?: 'Auto' | 'Columns' | 'Rows',
  ): ChartLike;
}

export interface WorksheetProtectionLike extends LoadableLike {
  protected: boolean;
  protect(options?: Excel.WorksheetProtectionOptions): void;
  unprotect(password?: string): void;
}

export interface FreezePanesLike {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: string): void;
  unfreeze(): void;
}

export interface PageLayoutLike {
  orientation: Excel.PageLayout['orientation'];
  paperSize: Excel.PageLayout['paperSize'];
  zoom: Excel.PageLayoutZoomOptions;
  /** Margins in points. */
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  centerHorizontally: boolean;
  footerMargin: number;
  headersFooters: { defaultForAllPages: { centerFooter: string } };
  setPrintTitleRows(printTitleRows: string): void;
  setPrintArea(printArea: string): void;
}

/** A used range as the readers load it (`values`, `rowIndex`, `columnIndex`; `formulas` where asked). */
export interface UsedRangeLike {
  isNullObject: boolean;
  values: unknown[][];
  formulas: unknown[][];
  rowIndex: number;
  columnIndex: number;
  load(propertyNames: string): unknown;
}

export interface WorksheetLike extends LoadableLike {
  isNullObject: boolean;
  /** Read after load (`items/name`); setting it renames the sheet (Excel updates the references to it). */
  name: string;
  /** Zero-based place among the sheets; setting it moves the sheet. */
  position: number;
  visibility: Excel.Worksheet['visibility'];
  tabColor: string;
  protection: WorksheetProtectionLike;
  freezePanes: FreezePanesLike;
  charts: ChartCollectionLike;
  pageLayout: PageLayoutLike;
  /** ExcelApi 1.9: `add("A12")` starts a page at row 12. */
  horizontalPageBreaks: { add(pageBreakRange: string): unknown };
  getRange(address?: string): RangeLike;
  /** ExcelApi 1.9: several areas ("I5,I84:I90") as one object; the writer sets validation on it. */
  getRanges(address: string): RangeAreasLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): UsedRangeLike;
  activate(): void;
  delete(): void;
}

export interface NamedItemLike {
  name: string;
  /** What the name refers to, "=…" (read after `load('items/formula')`; writable, ExcelApi 1.7). */
  formula: string;
  delete(): void;
}

export interface ExcelWriterContext {
  workbook: {
    worksheets: LoadableLike & {
      /** After `load('items/name,items/visibility,items/protection/protected')` + sync. */
      items: WorksheetLike[];
      getItemOrNullObject(key: string): WorksheetLike;
      getActiveWorksheet(): WorksheetLike;
      add(name?: string): WorksheetLike;
    };
    names: LoadableLike & { items: NamedItemLike[]; add(name: string, reference: string, comment?: string): unknown };
    /** Workbook (structure) protection, ExcelApi 1.7: while on, sheets cannot be added, renamed or deleted. */
    protection: LoadableLike & { protected: boolean };
  };
  sync(): Promise<unknown>;
}

/** Compile-time proof that the real Office.js context is an ExcelWriterContext. */
type Assert<T extends true> = T;
export type RealContextFits = Assert<Excel.RequestContext extends ExcelWriterContext ? true : false>;

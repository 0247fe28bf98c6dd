/**
 * The appraisal council's core, browser-safe: one submission verified and re-scored from exactly
 * the verified parts, the ranking and its tie rule, the words for each status, the expected units,
 * and the appraisal workbook (built as a spec, read back, applied). The ranking workbook and CSV of
 * `dti rank` are the CLI's (src/cli/ranking-file.ts), so the pane's council chunk carries no ExcelJS.
 */
export * from './agency-assignment';
export * from './agency-merge';
export * from './agency-split';
export * from './appraisal';
export * from './appraisal-layout';
export * from './appraisal-read';
export * from './appraisal-rows';
export * from './appraise-live';
export * from './appraisal-write';
export * from './council-rows';
export * from './bonus';
export * from './council-workbook';
export * from './entry-text';
export * from './expected';
export * from './feedback';
export * from './labels';
export * from './rank';
export * from './round2';
export * from './recognition';
export * from './submission';
export * from './deadline';
export * from './publication';

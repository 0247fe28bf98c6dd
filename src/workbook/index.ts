/**
 * Reading a workbook's cells from its package parts, browser-safe (no DOM, no Node APIs): the one
 * cell reader, for the council (the parts the verifier checked), `dti score`, `dti template --from`
 * and the task pane (the parts the safe package reader let through). Also what a file is, when it
 * is not a workbook.
 */
export { readParts, isDateFormat } from './read-parts';
export { describeFile, type FileKind } from './file-kind';
export { MAX_DEPTH, WorkbookFormatError } from './xml-scan';
export type { LoadedWorkbook } from './types';

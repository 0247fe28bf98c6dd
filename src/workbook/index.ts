/**
 * Reading a workbook's cells from its package parts, browser-safe (no DOM, no Node APIs): what the
 * council reads from exactly the parts the verifier checked, in the CLI and in the task pane.
 */
export { readParts } from './read-parts';
export type { LoadedWorkbook } from './types';

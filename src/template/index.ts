/**
 * The template: its design as data (a WorkbookSpec both writers apply), where it keeps everything
 * (layout), reading entries back, checking them, carrying them over, and the seal.
 */
export { cellsOf, columnLetter, parseAddress } from './address';
export { buildTemplate, entriesFromValues, type BuildOptions } from './build';
export { checkTemplate, type EntryProblem } from './check';
export {
  carryEntries,
  readEntries,
  readTemplateInfo,
  toAssessmentInput,
  type CarryReport,
  type CellReader,
  type FilledTemplate,
  type TemplateInfo,
} from './entries';
export * from './layout';
export { planInsert, type InsertPlan, type InsertRequest } from './plan';
export {
  canonicalInputs,
  checkSeal,
  computeSeal,
  readSeal,
  SEAL_NAME,
  SEAL_ROWS,
  sealWrite,
  type Seal,
  type SealWrite,
} from './seal';
export * from './spec';
export { STYLES } from './styles';

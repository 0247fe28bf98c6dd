/**
 * The template: its design as data (a WorkbookSpec both writers apply), where it keeps everything
 * (layout), reading entries back, checking them, carrying them over, and the seal.
 */
export { cellsOf, columnLetter, parseAddress } from './address';
export { buildTemplate, entriesFromValues, type BuildOptions, type ResponseRequest } from './build';
export {
  checkCellText,
  checkTemplate,
  sealBlockers,
  SIGNED_REQUIRED,
  type EntryProblem,
  type ProblemKind,
} from './check';
export { buildReport, REPORT_INPUTS, reportValues, superiorBody } from './report';
export { progressOf, type Progress, type Tally } from './progress';
export {
  argumentValues,
  carryEntries,
  dateCellValue,
  entriesFromAssessment,
  entryValue,
  readEntries,
  readTemplateInfo,
  toAssessmentInput,
  type AssessmentValues,
  type CarryReport,
  type CellReader,
  type FilledTemplate,
  type TemplateInfo,
} from './entries';
export { fitWords, ListSheet, MESSAGE_MAX, NO, NOT_APPLICABLE, TITLE_MAX, YES } from './inputs';
export * from './layout';
export {
  locateTemplate,
  parseCellRef,
  type DefinedName,
  type LocatedTemplate,
  type LocateInput,
  type LocateProblem,
} from './locate';
export { planInsert, responseOf, type InsertPlan, type InsertRequest } from './plan';
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
export * from './document';
export { SheetParts } from './sheet-parts';
export * from './spec';
export { STYLES } from './styles';
export { registeredLevelValidation } from './header';

/** Office.js: the template written into the open workbook and read back, sealed, in a few batched syncs. */
export {
  checkFunctionsHosting,
  FUNCTION_SETS,
  functionsSupported,
  notRegistered,
  probeCell,
  reenterFunctionFormulas,
  REGISTRATION_WAITS,
  type FetchedLike,
  type FunctionsStatus,
} from './functions-check';
export {
  councilConflicts,
  OFFICER_TEMPLATE_HERE,
  renameQuestion,
  writeCouncilWorkbook,
  type CouncilWriteChoices,
  type CouncilWriteOutcome,
} from './council';
export { insertTemplate, type InsertOptions, type InsertResult } from './insert';
export { localTime, sealVoidsQuestion } from './messages';
export type * from './office-like';
export { entriesKey, queueTemplateRead, readOpenTemplate, type ExcelReaderContext } from './open-template';
export { recoveryOps, type PresentSheet, type RecoveryMode, type RecoveryOps } from './recovery';
export { queueInspect, replaceSheets, writeWorkbookSpec, type ReplaceOptions, type WorkbookState } from './replace';
export {
  checkExcelRequirements,
  EXCEL_API_FEATURES,
  REQUIRED_EXCEL_API,
  type OfficeLike,
  type RequirementCheck,
} from './requirements';
export { inputCells, SEAL_RANGE, sealWorkbook } from './seal';
export { selectCell } from './selection';
export {
  BACKUP_MARK,
  freeNameFor,
  refersToSheet,
  reservedKind,
  retarget,
  retargetSpec,
  TEMP_MARK,
} from './sheet-names';
export { PROTECTION, STEPS, WorkbookWriteError, type ProgressCallback, type WriteOptions } from './writer';
export { loadColumns, loadSheets, writeRanges, type LoadedSheets } from './sheet-cells';

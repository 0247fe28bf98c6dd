/** Office.js: the template written into the open workbook and read back, in a few batched syncs. */
export { insertTemplate, type InsertResult } from './insert';
export type * from './office-like';
export { readOpenTemplate, type ExcelReaderContext, type UsedRangeLike } from './open-template';
export {
  checkExcelRequirements,
  EXCEL_API_FEATURES,
  REQUIRED_EXCEL_API,
  type OfficeLike,
  type RequirementCheck,
} from './requirements';
export { writeSeal } from './seal';
export { selectCell } from './selection';
export {
  PROTECTION,
  STEPS,
  WorkbookWriteError,
  writeWorkbookSpec,
  type ProgressCallback,
  type WriteOptions,
} from './writer';

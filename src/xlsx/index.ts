/** .xlsx files with ExcelJS: the template written to a file (with native chart parts), and read back. */
export { loadXlsx } from './read';
export { writeXlsx } from './write';

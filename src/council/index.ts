/**
 * The appraisal council's core, browser-safe but for the ranking workbook: one submission verified
 * and re-scored from exactly the verified parts, the ranking and its tie rule, the words for each status.
 */
export * from './labels';
export * from './rank';
export * from './submission';

/**
 * The council's feedback file picked in the officer's pane, read as `dti template --feedback` reads
 * it (the JSON, or the feedback workbook through the safe package reader). Loaded as its own chunk,
 * only when a file is picked: the format's checks (zod) stay out of the pane's first load.
 */
export { readFeedbackFile, responseRequest, type Feedback } from '../council';

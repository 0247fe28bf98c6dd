/**
 * Stand-in for `validate.ts` in the add-in bundles: webpack's rubric loader already ran every
 * decision file through the zod schema at build time (scripts/rubric-loader.js), so the browser
 * receives validated data and does not ship the validation library.
 */
import type { Rubric } from './schema';

export function parseRubric(data: unknown): Rubric {
  return data as Rubric;
}

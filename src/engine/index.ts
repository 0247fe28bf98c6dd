/** The scoring engine's public surface: pure functions over rubric data, no Office or Node APIs. */
export * from './assess';
export { DtiError } from './errors';
export { say, type Lang, type Text } from './text';
export type { RawValue, Ratio } from './values';

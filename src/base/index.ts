/** The base every layer stands on: bilingual text and the one error family. No imports of its own. */
export * from './text';
export * from './errors';

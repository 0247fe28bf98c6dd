/** Minimal types for the test-only formula engine. */
declare module 'fast-formula-parser' {
  interface Position {
    row: number;
    col: number;
  }
  export default class FormulaParser {
    constructor(config: {
      functions?: Record<string, (...args: never[]) => unknown>;
      onCell?: (ref: Position & { sheet?: string }) => unknown;
      onRange?: (ref: { from: Position; to: Position; sheet?: string }) => unknown[][];
    });
    parse(formula: string, position: Position & { sheet: string }): unknown;
  }
}

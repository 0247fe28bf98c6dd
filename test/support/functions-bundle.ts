/** Loads the shipped functions.js (built by global-setup) with a recording fake of CustomFunctions. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { runInNewContext, runInThisContext } from 'vm';

export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export type Registered = Record<string, (...args: unknown[]) => unknown>;

/**
 * `isolated` (tests) runs the bundle in its own context; otherwise (benchmarks) in this one, as a
 * browser would, since calls across a vm context boundary are several times slower.
 */
export function loadFunctionsBundle(isolated = true): Registered {
  const registered: Registered = {};
  const CustomFunctions = {
    associate: (id: string, f: (...args: unknown[]) => unknown) => {
      registered[id] = f;
    },
    Error: FakeExcelError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
  const source = readFileSync(join(__dirname, '..', '..', 'test-output', 'web', 'functions.js'), 'utf8');
  if (isolated) runInNewContext(source, { CustomFunctions });
  else {
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = CustomFunctions;
    runInThisContext(source);
  }
  return registered;
}

/** Calls a registered function the way Excel does: omitted optional arguments arrive as null. */
export function call(registered: Registered, id: string, args: unknown[], arity: number): unknown {
  const padded = [...args, ...Array.from({ length: Math.max(0, arity - args.length) }, () => null)];
  try {
    return registered[id](...padded);
  } catch (e) {
    return e;
  }
}

/** Validates rubric data with the zod schema (CLI, tests, and the add-in build at bundle time). */
import { DtiError, t } from '../base';
import { RubricSchema, type Rubric } from './schema';

/** Validates one rubric's data; the error lists every schema problem with its path. */
export function parseRubric(data: unknown): Rubric {
  const result = RubricSchema.safeParse(data);
  if (result.success) return result.data;
  const id = (data as { id?: unknown })?.id;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new DtiError(
    'invalid-rubric',
    t(
      `Bộ tiêu chí ${String(id)} không hợp lệ:\n${lines.join('\n')}`,
      `Rubric ${String(id)} is invalid:\n${lines.join('\n')}`,
    ),
  );
}

/**
 * The rubric library: every decision's JSON file, validated once on first use. Adding a decision
 * is adding its JSON file and one line here (static imports keep it bundleable for the add-in).
 */
import { DtiError } from '../engine/errors';
import { t } from '../engine/text';
import { RubricSchema, type Rubric } from './schema';
import hanoi5279 from './hanoi-5279-2025.json';
import hue2263 from './hue-2263-2023.json';
import hue931 from './hue-931-2024.json';
import kontum121 from './kontum-121-2025.json';

const SOURCES: readonly unknown[] = [hue931, hue2263, kontum121, hanoi5279];

/** Validates one rubric's data; the error lists every schema problem with its path. */
export function parseRubric(data: unknown): Rubric {
  const result = RubricSchema.safeParse(data);
  if (result.success) return result.data;
  const id = (data as { id?: unknown })?.id;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new DtiError(
    'invalid-rubric',
    t(`Bộ tiêu chí ${String(id)} không hợp lệ:\n${lines.join('\n')}`, `Rubric ${String(id)} is invalid:\n${lines.join('\n')}`),
  );
}

let library: Map<string, Rubric> | undefined;

export function allRubrics(): Rubric[] {
  library ??= new Map(SOURCES.map((s) => parseRubric(s)).map((r) => [r.id, r]));
  return [...library.values()];
}

export function getRubric(id: string): Rubric {
  allRubrics();
  const rubric = library!.get(id);
  if (!rubric) {
    const known = [...library!.keys()].join(', ');
    throw new DtiError('unknown-rubric', t(`Không có bộ tiêu chí "${id}". Có: ${known}`, `Unknown rubric "${id}". Known: ${known}`));
  }
  return rubric;
}

/** The rubric library: every decision in `sources.ts`, validated once on first use. */
import { DtiError, t } from '../base';
import type { Rubric } from './schema';
import { SOURCES } from './sources';
import { parseRubric } from './validate';

export { parseRubric };

let library: Map<string, Rubric> | undefined;

export function allRubrics(): Rubric[] {
  library ??= new Map(SOURCES.map((s) => parseRubric(s)).map((r) => [r.id, r]));
  return [...library.values()];
}

export function getRubric(id: string): Rubric {
  allRubrics();
  const rubric = library!.get(id) ?? library!.get(id.trim().toLowerCase());
  if (!rubric) {
    const known = [...library!.keys()].join(', ');
    throw new DtiError(
      'unknown-rubric',
      t(`Không có bộ tiêu chí "${id}". Có: ${known}`, `Unknown rubric "${id}". Known: ${known}`),
    );
  }
  return rubric;
}

/**
 * The units that must submit, against the units that did: who has not submitted, who submitted
 * twice, and who is not on the list. When a unit submitted more than once (with or without a list),
 * one submission counts — a validly signed one before one that is not, then the one signed last,
 * then the newer file — and the others are listed as "Nộp trùng", not ranked (`excluded`).
 *
 * Names are compared as the template compares them (normalUnitName: case, diacritics, spacing and
 * the usual abbreviations do not matter); a built-in list also knows each unit's other names.
 */
import { t } from '../base';
import { normalUnitName } from '../engine';
import type { Rubric, UnitId } from '../rubrics';
import type { SubmissionResult } from './submission';

export interface ExpectedUnits {
  /** Where the list comes from ("Phụ lục I, mục I", a file name), for the report. */
  source: string;
  names: { name: string; aliases: string[] }[];
}

export interface ExpectedReport {
  source: string;
  /** On the list, no submission. */
  missing: string[];
  /** Submitted more than once: the file that counts and the ones listed. */
  duplicates: { unit: string; counted: string; others: string[] }[];
  /** Submitted, not on the list (a misspelt name, or a unit that need not submit). */
  unexpected: string[];
}

/** The decision's own list of the units of this type (Hà Nội Phụ lục I), when it has one. */
export function builtInExpected(rubric: Rubric, unit: UnitId): ExpectedUnits | undefined {
  const list = rubric.units.find((u) => u.id === unit)?.names;
  return list ? { source: rubric.lists[list].title, names: rubric.lists[list].names } : undefined;
}

/** One unit name a line; blank lines and lines starting with # are skipped. */
export function parseExpected(text: string, source: string): ExpectedUnits {
  const names = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return { source, names: names.map((name) => ({ name, aliases: [] })) };
}

const ACCEPTED = new Set(['valid', 'valid-untrusted']);

/** Why a submission is left out: the same unit's other file counts (named without its folders). */
export const duplicateOf = (counted: string) => {
  const name = counted.split(/[\\/]/).pop() ?? counted;
  return t(`Nộp trùng: bản được tính là ${name}`, `Submitted twice: the one counted is ${name}`);
};

/**
 * Marks all but one submission of each unit as superseded (always: two files of one unit never
 * both rank), and, given the expected units, says who is missing or unexpected. `fileTime` is the
 * file's modification time (ms), when known.
 */
export function checkSubmitted(
  results: SubmissionResult[],
  expected: ExpectedUnits | undefined,
  fileTime: (file: string) => number | undefined = () => undefined,
): { results: SubmissionResult[]; report: ExpectedReport } {
  const official = new Map<string, string>();
  for (const n of expected?.names ?? [])
    for (const a of [n.name, ...n.aliases]) official.set(normalUnitName(a), n.name);
  // By the normalised name, shown as the list names the unit, else as the file that counts names it.
  const byUnit = new Map<string, { unit: string; listed: boolean; list: SubmissionResult[] }>();
  for (const s of results) {
    const key = s.unitName && s.assessment ? normalUnitName(s.unitName) : '';
    if (!key) continue;
    const name = official.get(key);
    const id = name === undefined ? key : normalUnitName(name);
    if (!byUnit.has(id)) byUnit.set(id, { unit: name ?? s.unitName!.trim(), listed: name !== undefined, list: [] });
    byUnit.get(id)!.list.push(s);
  }
  const counted = new Map<SubmissionResult, string>();
  const duplicates: ExpectedReport['duplicates'] = [];
  for (const group of byUnit.values()) {
    const { list } = group;
    if (list.length < 2) continue;
    const order = [...list].sort(
      (a, b) =>
        Number(accepted(b)) - Number(accepted(a)) ||
        (b.attestedAt ?? b.signedAt ?? '').localeCompare(a.attestedAt ?? a.signedAt ?? '') ||
        (fileTime(b.file) ?? 0) - (fileTime(a.file) ?? 0) ||
        b.file.localeCompare(a.file),
    );
    if (!group.listed) group.unit = order[0].unitName!.trim();
    for (const s of order.slice(1)) counted.set(s, order[0].file);
    duplicates.push({ unit: group.unit, counted: order[0].file, others: order.slice(1).map((s) => s.file) });
  }
  const out = results.map((s) => {
    const other = counted.get(s);
    if (other === undefined) return s;
    return { ...s, excluded: [...(s.excluded ?? []), duplicateOf(other)] };
  });
  const submitted = new Set([...byUnit.values()].map((g) => g.unit));
  return {
    results: out,
    report: {
      source: expected?.source ?? '',
      missing: expected ? expected.names.map((n) => n.name).filter((n) => !submitted.has(n)) : [],
      duplicates,
      unexpected: expected ? [...submitted].filter((u) => !expected.names.some((n) => n.name === u)) : [],
    },
  };
}

/** Whether a submission could count: validly signed, its seal matching, not already left out (signed after the deadline). */
const accepted = (s: SubmissionResult) => ACCEPTED.has(s.status) && s.seal !== 'broken' && !s.excluded?.length;

/**
 * The council's own workbook met among the files verified (`dti verify COUNCIL.xlsx`): its
 * identity from `_dti` — rubric, version, unit type and the SHA-256 of each submission appraised —
 * and whether a valid signature covers every part that identity is read from (the sheet, the
 * workbook and its relationships, shared strings: parts an Excel signature covers; never docProps).
 * An identity outside the signature could have been changed after signing, whatever the status.
 */
import { META_SHEET } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { readAppraisalIdentity } from './appraisal-read';

export interface CouncilWorkbook {
  rubric: string;
  version: string;
  unit: string;
  /** The submissions appraised, as the workbook names them. */
  submissions: { file: string; unitName: string; digest: string }[];
  /** Parts the identity is read from that no valid signature covers (all of them when unsigned). */
  identityUncovered: string[];
}

export function councilWorkbookOf(wb: LoadedWorkbook, uncoveredParts: string[]): CouncilWorkbook | null {
  const identity = readAppraisalIdentity(wb);
  if (!identity) return null;
  const uncovered = new Set(uncoveredParts);
  // A reader that cannot say where cells come from: every part left unsigned might hold them.
  const sources = wb.sourceParts?.(META_SHEET) ?? uncoveredParts;
  return {
    rubric: identity.rubric,
    version: String(identity.version ?? ''),
    unit: identity.unit,
    submissions: identity.submissions.map((s) => ({
      file: String(s.file ?? ''),
      unitName: String(s.unitName ?? ''),
      digest: s.digest.toLowerCase(),
    })),
    identityUncovered: sources.filter((p) => uncovered.has(p)),
  };
}

export interface CouncilCoverage<F> {
  /** Each submission the workbook names, with the given file of the same digest (null: none given). */
  submissions: (CouncilWorkbook['submissions'][number] & { given: F | null })[];
  /** Files given that the workbook does not name: not appraised, or changed since. */
  notInWorkbook: F[];
}

/** The files given, matched by SHA-256 with the submissions a council's workbook names. */
export function matchSubmissions<F extends { digest?: string }>(
  council: CouncilWorkbook,
  given: F[],
): CouncilCoverage<F> {
  const named = new Set(council.submissions.map((s) => s.digest));
  const byDigest = new Map(given.filter((g) => g.digest).map((g) => [g.digest!.toLowerCase(), g]));
  return {
    submissions: council.submissions.map((s) => ({ ...s, given: byDigest.get(s.digest) ?? null })),
    notInWorkbook: given.filter((g) => !g.digest || !named.has(g.digest.toLowerCase())),
  };
}

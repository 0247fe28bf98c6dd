/**
 * Kon Tum's recognition (121/QĐ-UBND, II.3): each commune and district registers the level it aims
 * for by 20 January, self-assesses against it, and the council's appraisal recognises the
 * registered level ("công nhận") when the appraised level reaches it. The registered level comes
 * from the council's workbook (the council holds the registrations) or else from the unit's
 * template; the workbook validates it to the rubric's levels and the reader refuses what the
 * validation would refuse.
 */
import { t, type Text } from '../base';
import type { Scalar } from '../template';
import { NOT_RECOGNISED, NOT_REGISTERED, RECOGNISED } from './appraisal-layout';
import type { Recognition, SubmissionAssessment } from './submission';

/** The registered level and whether the unit's level recognises it; none when no level was registered. */
export function recognitionOf(a: SubmissionAssessment | undefined): Recognition | undefined {
  if (!a) return undefined;
  if (a.recognition) return a.recognition;
  const registered = a.registered?.number;
  return registered === undefined ? undefined : { registered, recognised: (a.level?.number ?? 0) >= registered };
}

/** The words the council's workbook writes for a recognition. */
export const recognitionWords = (r: Recognition | undefined): string =>
  !r ? NOT_REGISTERED : r.recognised ? RECOGNISED : NOT_RECOGNISED;

/** A registered-level cell as a level (blank: none registered), or why not. */
export function registeredLevel(v: Scalar, top: number, unitName: string): number | null | Text {
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (Number.isInteger(n) && n >= 1 && n <= top) return n;
  return t(
    `${unitName}: mức đăng ký "${String(v)}" không phải mức từ 1 đến ${top}`,
    `${unitName}: registered level "${String(v)}" is not a level from 1 to ${top}`,
  );
}

/**
 * Round 2 in the council's tab, as `dti appraise --round 2 --previous COUNCIL1.xlsx` does it: the
 * round-1 workbook read with the safe reader, each checked file matched with round 1 (the same
 * submission, a response naming it, or neither — flagged), round 1's points preset, and the
 * round-2 workbook's spec built from the same ranking the tab shows.
 */
import { say, t, type Lang, type Text } from '../../base';
import {
  ANSWERS_NONE,
  appraisalWorkbook,
  CHANGED_BEYOND,
  holdToExpected,
  matchRound2,
  readPreviousRound,
  round2Results,
  type PreviousRound,
  type SubmissionResult,
} from '../../council';
import type { UnitId } from '../../rubrics';
import { getRubric } from '../../rubrics';
import { MalformedPackageError, readWorkbookParts } from '../../signature';
import { readParts, WorkbookFormatError } from '../../workbook';
import { rankCouncil } from './session';

/** The council's round-1 workbook from its bytes, or why it cannot serve. */
export function readRound1(bytes: Uint8Array): PreviousRound | { error: Text } {
  try {
    return readPreviousRound(readParts(readWorkbookParts(bytes)));
  } catch (e) {
    if (e instanceof MalformedPackageError || e instanceof WorkbookFormatError)
      return { error: t('tệp bị hỏng hoặc không phải tệp Excel', 'the file is damaged, or not an Excel file') };
    throw e;
  }
}

export function round2Spec(
  results: SubmissionResult[],
  choice: { rubric: string; unit: string },
  previous: PreviousRound,
  trusted: boolean,
  pasted: string,
  lang: Lang,
) {
  const rubric = getRubric(choice.rubric);
  if (previous.identity.rubric !== rubric.id || previous.identity.unit !== choice.unit)
    return {
      error: t(
        `Bảng thẩm định vòng 1 theo ${previous.identity.rubric} (${previous.identity.unit}), không phải ${rubric.id} (${choice.unit})`,
        `The round-1 workbook is of ${previous.identity.rubric} (${previous.identity.unit}), not ${rubric.id} (${choice.unit})`,
      ),
    };
  const held = results.map((r) => holdToExpected(r, choice, lang));
  const round2 = matchRound2(rubric, held, previous);
  const ranking = rankCouncil(round2Results(rubric, held, round2), choice.rubric, choice.unit, trusted, pasted, lang);
  const { spec, identity } = appraisalWorkbook(rubric, choice.unit as UnitId, ranking.rows, {
    by: 'total',
    expected: ranking.expected,
    round2,
  });
  const flagged = [...round2.units].filter(([, u]) => u.kind === 'unmatched' || u.changes.length);
  return {
    spec,
    identity,
    responses: [...round2.units.values()].filter((u) => u.kind === 'response').length,
    flagged: flagged.map(
      ([file, u]) =>
        `${file}: ${u.kind === 'unmatched' ? say(ANSWERS_NONE, lang) : `${say(CHANGED_BEYOND, lang)} (${u.changes.map((c) => c.criterion).join(', ')})`}`,
    ),
  };
}

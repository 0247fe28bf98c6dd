/**
 * One submitted workbook, as the appraisal council sees it: verified, re-scored from its inputs
 * with the engine (never trusting the numbers stored in the file), compared with those stored
 * numbers, and its seal recomputed. The workbook is read from the very parts the verifier checked,
 * with the one cell reader (what Excel shows), and the template is found by its identity
 * (locateTemplate); a workbook that cannot be read as Excel reads it is malformed, and a template
 * whose layout is ambiguous (a criterion on two rows, the rubric in the sheet differing from
 * `_dti`) is listed with those problems and not ranked.
 */
import { assess, findCriterion, type Assessment, type CriterionResult } from '../engine';
import { DtiError, say, t, type Lang, type Text } from '../base';
import { getRubric } from '../rubrics';
import { verifyPackage, type VerifyResult } from '../signature';
import { checkSeal, headerCells, locateTemplate, readEntries, readSeal, toAssessmentInput } from '../template';
import { digest } from '../platform';
import { councilWorkbookOf, type CouncilWorkbook } from './council-workbook';
import { entryText } from './entry-text';
import { COUNCIL_WORKBOOK, SEAL_MISMATCH } from './labels';
import { describeFile, readParts, WorkbookFormatError, type LoadedWorkbook } from '../workbook';

export interface CachedDifference {
  criterion: string;
  cell: string;
  stored: unknown;
  recomputed: unknown;
}

/**
 * What a ranking needs of each criterion. The per-criterion texts (title, explanation) stay out: a
 * council's batch holds thousands of results, and `dti score FILE.xlsx` gives them for one file.
 */
export type CriterionScore = Pick<
  CriterionResult,
  'id' | 'pillar' | 'points' | 'max' | 'status' | 'effect' | 'level'
> & {
  /** What the officer entered, as plain text (the appraisal workbook shows it). */
  entry?: string;
};
export type SubmissionAssessment = Omit<Assessment, 'criteria'> & {
  criteria: CriterionScore[];
  /** The council's bonus points ("điểm khuyến khích"), outside the max, already in `total` and `percent`. */
  councilBonus?: { points: number; reason: string };
  /** Level rubrics: the level the unit registered for (the council's workbook, else its template) and whether it is recognised. */
  recognition?: Recognition;
};

export interface Recognition {
  registered: number;
  recognised: boolean;
}

export interface SubmissionResult {
  file: string;
  /** SHA-256 of the file's bytes, hex: what the council's workbook names the submission by. */
  digest?: string;
  status: VerifyResult['status'];
  signer: string | null;
  /** The signing time the signer wrote (a claim). */
  signedAt: string | null;
  /** The time a verified, trusted timestamp attests, and its authority: what the council relies on. */
  attestedAt?: string;
  attestedBy?: string;
  reasons: string[];
  rubric?: string;
  unit?: string;
  unitName?: string;
  assessment?: SubmissionAssessment;
  /** Numbers stored in the file that differ from the re-score: an edited formula or value. */
  differences: CachedDifference[];
  seal: 'valid' | 'broken' | 'absent';
  problems: string[];
  /**
   * What makes the entries themselves untrustworthy, whatever the signature: a criterion on two
   * rows, a criterion row missing, the rubric in the sheet differing from `_dti`. Not ranked.
   */
  templateProblems: string[];
  /** A response to the council's feedback: the round and the submission (SHA-256) it answers, the explanations. */
  response?: { round: number; answers: string; explanations: Record<string, string> };
  /** Set when the file is the council's own appraisal workbook, not a submission. */
  council?: CouncilWorkbook;
  /** Why the council leaves it out of this ranking although it could be ranked (submitted twice, not appraised). */
  excluded?: Text[];
  /** What the council's deadline check says of it (late, or no signing time to check); absent when on time or no deadline. */
  deadline?: Text;
}

export interface SubmissionOptions {
  trustAnchors?: Uint8Array[];
  p7s?: Uint8Array;
  /** Only submissions of this rubric and unit are scored (dti rank). */
  expect?: { rubric: string; unit: string };
  /** The language of the problems written here (the verifier's reasons are Vietnamese, glossed in English). */
  lang?: Lang;
}

type RubricUnit = { rubric: string; unit: string };

/** Why a submission of another rubric or unit type is not scored in this ranking. */
export function notExpected(found: RubricUnit, wanted: RubricUnit, lang: Lang = 'vi'): string {
  const [f, w] = [`${found.rubric} (${found.unit})`, `${wanted.rubric} (${wanted.unit})`];
  return say(t(`Mẫu ${f}, không phải ${w}`, `A ${f} template, not ${w}`), lang);
}

/**
 * A submission scored without an expected rubric (the pane checks first, then the council
 * chooses), held to the one chosen: another rubric's or unit type's is left unscored, as
 * `expect` would have left it.
 */
export function holdToExpected(s: SubmissionResult, wanted: RubricUnit, lang: Lang = 'vi'): SubmissionResult {
  if (!s.rubric || (s.rubric === wanted.rubric && s.unit === wanted.unit)) return s;
  const found = { rubric: s.rubric, unit: s.unit ?? '' };
  return {
    ...s,
    assessment: undefined,
    unitName: undefined,
    differences: [],
    seal: 'absent',
    problems: [...s.templateProblems, notExpected(found, wanted, lang)],
  };
}

/** A submission that could not even be opened (not a file, not a workbook, a crash): malformed, with why. */
export function unreadableSubmission(file: string, reason: string): SubmissionResult {
  return {
    file,
    status: 'malformed',
    signer: null,
    signedAt: null,
    reasons: [reason],
    differences: [],
    seal: 'absent',
    problems: [reason],
    templateProblems: [],
  };
}

/** What a submitted file is when it is not a workbook (an .xls, a CSV, an empty file), or null for a workbook. */
export function notAWorkbook(bytes: Uint8Array, file: string, lang: Lang = 'vi'): string | null {
  const kind = describeFile(bytes, file);
  return kind.kind === 'xlsx' ? null : `${say(kind.text, lang).replace(/^./, (c) => c.toUpperCase())}`;
}

/**
 * One submitted file's bytes as every council path takes them (the CLI's worker threads, the
 * pane's Web Workers): a file that is not a workbook is reported as what it is, a workbook is
 * verified and re-scored.
 */
export async function assessSubmissionFile(
  file: string,
  bytes: Uint8Array,
  options: SubmissionOptions = {},
): Promise<SubmissionResult> {
  const what = notAWorkbook(bytes, file, options.lang);
  if (what) return unreadableSubmission(file, `${file.split(/[\\/]/).pop()}: ${what}`);
  return assessSubmission(file, bytes, options);
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 0.005 : String(a ?? '') === String(b ?? '');

export async function assessSubmission(
  file: string,
  bytes: Uint8Array,
  options: SubmissionOptions = {},
): Promise<SubmissionResult> {
  const verified = await verifyPackage(bytes, { trustAnchors: options.trustAnchors, p7s: options.p7s });
  const result: SubmissionResult = {
    file,
    digest: hex(await digest('SHA-256', bytes)),
    status: verified.status,
    signer: verified.signer,
    signedAt: verified.signedAt,
    ...(verified.attestedAt ? { attestedAt: verified.attestedAt, attestedBy: verified.attestedBy ?? '' } : {}),
    reasons: verified.reasons,
    differences: [],
    seal: 'absent',
    problems: [],
    templateProblems: [],
  };
  if (verified.status === 'malformed' || verified.parts.size === 0) return result;
  try {
    // Read exactly the verified parts, so the scorer cannot see anything the verifier did not.
    await scoreFrom(readParts(verified.parts), result, options, verified.uncoveredParts);
  } catch (e) {
    if (!(e instanceof WorkbookFormatError)) throw e;
    // Cells Excel would not show as they are read here: nothing from this file is scored.
    Object.assign(result, { status: 'malformed', assessment: undefined, differences: [], seal: 'absent' });
    result.reasons = [e.reason, ...result.reasons];
    result.problems = [e.reason];
  }
  return result;
}

async function scoreFrom(
  wb: LoadedWorkbook,
  result: SubmissionResult,
  options: SubmissionOptions,
  uncoveredParts: string[],
): Promise<void> {
  const lang = options.lang ?? 'vi';
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const located = locateTemplate(wb);
  const council = located.found ? null : councilWorkbookOf(wb, uncoveredParts);
  if (council) {
    result.council = council;
    result.problems.push(say(COUNCIL_WORKBOOK, lang));
    return;
  }
  if (!located.found) {
    const why = say(located.reason, lang);
    result.problems.push(why.charAt(0).toUpperCase() + why.slice(1));
    return;
  }
  const { info } = located;
  for (const p of located.problems) {
    const text = say(p.text, lang);
    if (p.severity === 'error') result.templateProblems.push(text);
    result.problems.push(text);
  }
  result.rubric = info.meta.rubric;
  result.unit = info.meta.unit;
  if (options.expect && (options.expect.rubric !== info.meta.rubric || options.expect.unit !== info.meta.unit)) {
    result.problems.push(notExpected(info.meta, options.expect, lang));
    return;
  }
  let rubric;
  try {
    rubric = getRubric(info.meta.rubric);
  } catch (e) {
    result.problems.push(e instanceof DtiError ? e.messageIn(lang) : String((e as Error).message));
    return;
  }
  if (rubric.version !== info.meta.version)
    result.problems.push(
      L(
        `Mẫu theo phiên bản ${info.meta.version}, bộ tiêu chí hiện là ${rubric.version}`,
        `Template of version ${info.meta.version}; the rubric is now ${rubric.version}`,
      ),
    );
  const filled = readEntries(wb.read, info);
  result.unitName = filled.unitName;
  const answered = info.layout.response;
  if (answered)
    result.response = {
      round: answered.round,
      answers: String(answered.answers).toLowerCase(),
      explanations: Object.fromEntries(
        Object.entries(filled.entries)
          .map(([id, e]) => [id, String(e.explanation ?? '').trim()])
          .filter(([, text]) => text),
      ),
    };
  const assessment = assess(rubric, toAssessmentInput(rubric, filled), options.lang);
  result.assessment = {
    ...assessment,
    criteria: assessment.criteria.map(({ id, pillar, points, max, status, effect, level }) => {
      const entry = filled.entries[id]
        ? entryText(rubric, findCriterion(rubric, assessment.unit, id), filled.entries[id].slots)
        : '';
      return {
        id,
        pillar,
        points,
        max,
        status,
        effect,
        ...(level === undefined ? {} : { level }),
        ...(entry ? { entry } : {}),
      };
    }),
  };
  for (const p of assessment.problems.filter((x) => x.severity === 'error'))
    result.problems.push(`${p.criterion ?? ''}: ${p.message}`);

  // The numbers the file shows, against the re-score.
  const { layout } = info;
  for (const c of assessment.criteria) {
    if (layout.rows[c.id] === undefined) continue;
    const cell = `${layout.score}${layout.rows[c.id]}`;
    const stored = wb.cachedResult(layout.sheet, cell);
    const recomputed = rubric.kind === 'levels' ? c.level : c.effect === 'penalty' ? -(c.points ?? 0) : c.points;
    if (!wb.hasFormula(layout.sheet, cell))
      result.differences.push({ criterion: c.id, cell, stored: wb.read(layout.sheet, cell), recomputed });
    else if (!same(stored, recomputed)) result.differences.push({ criterion: c.id, cell, stored, recomputed });
  }
  const totalCell = headerCells(layout).total;
  const totalStored = wb.cachedResult(layout.sheet, totalCell);
  const totalNow = rubric.kind === 'levels' ? assessment.level?.number : assessment.total;
  if (!same(totalStored, totalNow))
    result.differences.push({
      criterion: rubric.kind === 'levels' ? L('Mức độ', 'Level') : L('Tổng điểm', 'Total'),
      cell: totalCell,
      stored: totalStored,
      recomputed: totalNow,
    });

  const seal = readSeal(wb.read, located.metaSheet);
  if (seal) result.seal = (await checkSeal(filled, seal)).ok ? 'valid' : 'broken';
  if (result.seal === 'broken') result.problems.push(say(SEAL_MISMATCH, lang));
}

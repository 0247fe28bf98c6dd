/**
 * The council tab's work apart from React: the picked files paired with their .p7s, the trust
 * anchors remembered through the port, the batch run in the pool, and the ranking, expected units
 * and council workbook from the same council core `dti rank` and `dti appraise` use.
 */
import { say, t, type Lang } from '../../base';
import { appraisalWorkbook } from '../../council';
import { builtInExpected, checkSubmitted, parseExpected, type ExpectedReport } from '../../council';
import { holdToDeadline, type Deadline } from '../../council';
import { rankAppraised, rankSubmissions, type AppraisalCells, type RankedRow } from '../../council';
import { holdToExpected, type SubmissionResult } from '../../council';
import { getRubric, type Rubric, type UnitId } from '../../rubrics';
import type { WorkbookPort } from '../port';
import { assessInPool, type CouncilFile } from './pool';
import { assessFileTask } from './run';
import { createWebWorker, poolSize } from './web-workers';

/** Per file: a hostile one is given up after this long, the batch goes on. */
export const FILE_TIME_LIMIT_MS = 20_000;

const TRUST_KEY = 'council.trustAnchors';

export interface TrustAnchor {
  name: string;
  bytes: Uint8Array;
}

const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (x) => String.fromCharCode(x)).join(''));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function loadTrust(port: WorkbookPort): Promise<TrustAnchor[]> {
  try {
    const saved = JSON.parse((await port.readSetting(TRUST_KEY)) ?? '[]') as { name: string; data: string }[];
    return saved.map((a) => ({ name: a.name, bytes: fromBase64(a.data) }));
  } catch {
    return [];
  }
}

export function saveTrust(port: WorkbookPort, anchors: TrustAnchor[]): Promise<void> {
  const value = anchors.length
    ? JSON.stringify(anchors.map((a) => ({ name: a.name, data: toBase64(a.bytes) })))
    : undefined;
  return port.writeSetting(TRUST_KEY, value);
}

interface Picked {
  name: string;
  read: () => Promise<Uint8Array>;
}

/** Submissions and, beside them, their detached signatures ("x.xlsx.p7s" goes with "x.xlsx"). */
export function pairFiles<T extends Picked>(files: T[]): { submissions: T[]; p7s: Map<string, T> } {
  const p7s = new Map(files.filter((f) => /\.p7s$/i.test(f.name)).map((f) => [f.name.slice(0, -4), f]));
  return { submissions: files.filter((f) => !/\.p7s$/i.test(f.name)), p7s };
}

export async function checkFiles(
  files: Picked[],
  anchors: TrustAnchor[],
  lang: Lang,
  onProgress: (done: number, total: number) => void,
): Promise<SubmissionResult[]> {
  const { submissions, p7s } = pairFiles(files);
  const read: CouncilFile[] = await Promise.all(
    submissions.map(async (f) => ({ name: f.name, bytes: await f.read(), p7s: await p7s.get(f.name)?.read() })),
  );
  onProgress(0, read.length);
  return assessInPool(
    read,
    { trustAnchors: anchors.map((a) => a.bytes), lang },
    {
      createWorker: createWebWorker,
      runInPage: assessFileTask,
      concurrency: poolSize(),
      timeoutMs: FILE_TIME_LIMIT_MS,
      onProgress,
    },
  );
}

/** The rubric and unit type most submissions name, and how many do. */
export function mostNamed(results: SubmissionResult[]): { rubric: string; unit: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const r of results)
    if (r.rubric && r.unit) counts.set(`${r.rubric}\n${r.unit}`, (counts.get(`${r.rubric}\n${r.unit}`) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (!best) return undefined;
  const [rubric, unit] = best[0].split('\n');
  try {
    getRubric(rubric);
  } catch {
    return undefined; // a rubric this add-in does not know cannot be chosen
  }
  return { rubric, unit, count: best[1] };
}

export interface CouncilRanking {
  rubric: Rubric;
  unit: UnitId;
  /** On the re-score. */
  rows: RankedRow[];
  expected?: ExpectedReport;
  /** Who submitted twice, list or not (the superseded files are listed, not ranked). */
  duplicates: ExpectedReport['duplicates'];
  /** Roots were given: only submissions chaining to one are ranked. */
  trusted: boolean;
}

/**
 * The ranking as `dti rank --rubric … --unit … [--trust …] [--expected …] [--deadline …]` gives it:
 * the files of another rubric or unit type unscored, signed after the deadline → not ranked (unless
 * accepted), submitted twice → one counted, trust required when roots were given.
 */
export function rankCouncil(
  results: SubmissionResult[],
  rubricId: string,
  unitId: string,
  trusted: boolean,
  pasted: string,
  lang: Lang,
  deadline?: { at: Deadline; acceptLate: boolean },
): CouncilRanking {
  const rubric = getRubric(rubricId);
  const unit = unitId as UnitId;
  const held = holdToDeadline(
    results.map((r) => holdToExpected(r, { rubric: rubricId, unit }, lang)),
    deadline?.at,
    { acceptLate: deadline?.acceptLate, lang },
  ).results;
  const list = pasted.trim()
    ? parseExpected(pasted, say(t('danh sách đã dán', 'the pasted list'), lang))
    : builtInExpected(rubric, unit);
  const { results: counted, report } = checkSubmitted(held, list);
  const rows = rankSubmissions(rubric, counted, 'total', trusted);
  return { rubric, unit, rows, expected: list ? report : undefined, duplicates: report.duplicates, trusted };
}

/** The ranking with the council's appraised cells applied, by the function `dti rank --appraisal` applies them with. */
export function rankOnAppraisal(r: CouncilRanking, cells: AppraisalCells, listedOnly: boolean) {
  return rankAppraised(
    r.rubric,
    r.rows.map((row) => row.submission),
    cells,
    { listedOnly, by: 'total', requireTrusted: r.trusted },
  );
}

export function councilSpec(r: CouncilRanking) {
  return appraisalWorkbook(r.rubric, r.unit, r.rows, { by: 'total', expected: r.expected });
}

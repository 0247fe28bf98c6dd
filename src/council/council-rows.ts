/**
 * A council's appraisal workbook read back into the rows it was built from, so that its shares
 * (one per agency) and the merged workbook are built by the same appraisalWorkbook, not copied
 * cell by cell: per submission the re-scored criteria (points, max, what the unit entered, what
 * the file stored) from "Thẩm định", and the signature, seal and problems from "Xếp hạng" — found
 * by their headings, so columns other tools add there do not move them. The council's own cells
 * (appraised points, reasons, notes) are returned beside, by digest and criterion id.
 */
import { t, type Text } from '../base';
import { criteriaFor, levelName } from '../engine';
import type { Rubric, UnitId } from '../rubrics';
import { columnLetter, type Scalar } from '../template';
import type { LoadedWorkbook } from '../workbook';
import { rankingColumns, type PresetCell } from './appraisal';
import type { AppraisalIdentity } from './appraisal-layout';
import { readAppraisal } from './appraisal-read';
import type { ExpectedReport } from './expected';
import { SEAL_STATUS, SIGNATURE_STATUS } from './labels';
import { rankSubmissions, type RankedRow } from './rank';
import type { CriterionScore, SubmissionResult } from './submission';

export interface CouncilRows {
  identity: AppraisalIdentity;
  /** As the workbook ranks them: the appraised units first, then those it lists without a rank. */
  rows: RankedRow[];
  expected?: ExpectedReport;
  /** The council's own cells, by digest, then criterion id. */
  cells: Map<string, Map<string, PresetCell>>;
}

const text = (v: Scalar) => (v === null ? '' : String(v).trim());
const numberOr = (v: Scalar, fallback: number | null) =>
  typeof v === 'number' ? v : v === null || v === '' ? fallback : Number(v);
const labelOf = <K extends string>(labels: Record<K, Text>, shown: string, fallback: K): K =>
  (Object.keys(labels) as K[]).find((k) => labels[k].vi === shown) ?? fallback;

/** "dd/mm/yyyy hh:mm (dấu thời gian | người ký tự khai)", as signingTimeText writes it in Vietnam's time, back to ISO. */
function signingTime(shown: string): Pick<SubmissionResult, 'signedAt' | 'attestedAt'> {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d) \((.+)\)$/.exec(shown);
  if (!m) return { signedAt: shown || null };
  const iso = new Date(Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4] - 7, +m[5])).toISOString();
  return m[6] === 'dấu thời gian' ? { signedAt: null, attestedAt: iso } : { signedAt: iso };
}

/** The council workbook's rows, or why it is not one of this rubric. */
export function readCouncilRows(rubric: Rubric, wb: LoadedWorkbook): CouncilRows | { error: Text } {
  const read = readAppraisal(wb);
  if ('error' in read) return read;
  const { identity } = read;
  if (identity.rubric !== rubric.id)
    return {
      error: t(`bảng thẩm định theo ${identity.rubric}, không phải ${rubric.id}`, `an appraisal of ${identity.rubric}`),
    };
  const unit = identity.unit as UnitId;
  const isLevel = rubric.kind === 'levels';
  const { sheet, columns: col, firstRow, lastRow } = identity.layout;
  const known = new Map(criteriaFor(rubric, unit).map((c) => [c.id, c]));
  const byKey = new Map(identity.submissions.map((s) => [s.key, s]));
  const criteria = new Map<number, { c: CriterionScore; stored: Scalar }[]>();
  for (let r = firstRow; r <= lastRow; r++) {
    const key = wb.read(sheet, `${col.key}${r}`);
    const criterion = known.get(text(wb.read(sheet, `${col.criterion}${r}`)));
    if (typeof key !== 'number' || !byKey.has(key) || !criterion) continue;
    const rescored = numberOr(wb.read(sheet, `${col.rescored}${r}`), null);
    const max = numberOr(wb.read(sheet, `${col.max}${r}`), null);
    const entry = text(wb.read(sheet, `${col.entry}${r}`));
    const c: CriterionScore = {
      id: criterion.id,
      pillar: criterion.pillar,
      points: isLevel || rescored === null ? null : Math.abs(rescored),
      max: isLevel ? null : max,
      status: 'ok',
      effect: criterion.effect,
      ...(isLevel ? { level: rescored ?? 0 } : {}),
      ...(entry ? { entry } : {}),
    };
    criteria.set(key, [...(criteria.get(key) ?? []), { c, stored: wb.read(sheet, `${col.selfAssessed}${r}`) }]);
  }

  // "Xếp hạng": one row per submission (the appraised first, in their key order), then the units not submitted.
  const rs = identity.layout.ranking;
  const heads = rankingColumns(isLevel);
  const at = new Map<string, string>();
  for (let c = 0; c < 60; c++) {
    const letter = columnLetter(c);
    const head = text(wb.read(rs.sheet, `${letter}${rs.firstRow - 1}`));
    if (heads.includes(head) && !at.has(head)) at.set(head, letter);
  }
  const cell = (head: string, r: number) => (at.has(head) ? wb.read(rs.sheet, `${at.get(head)}${r}`) : null);
  const [selfHead, rescoredHead, problemsHead] = [heads[7], heads[8], heads[12]];
  const submission = (r: number): SubmissionResult => ({
    file: text(cell('Tệp', r)),
    unitName: text(cell('Đơn vị', r)) || undefined,
    status: labelOf(SIGNATURE_STATUS, text(cell('Chữ ký số', r)), 'valid'),
    signer: text(cell('Người ký', r)) || null,
    ...signingTime(text(cell('Thời điểm ký (giờ Việt Nam)', r))),
    seal: labelOf(SEAL_STATUS, text(cell('Niêm phong', r)), 'absent'),
    reasons: [],
    differences: [],
    problems: [],
    templateProblems: [],
  });
  const appraised: SubmissionResult[] = [];
  const unranked: RankedRow[] = [];
  const expected: ExpectedReport = { source: '', missing: [], duplicates: [], unexpected: [] };
  // Each appraised submission's row, by its file name (a council may have sorted the sheet), else by position.
  const rowOf = new Map<number, number>();
  for (const named of identity.submissions) {
    const byName = [...Array(Math.max(0, rs.lastRow - rs.firstRow + 1)).keys()]
      .map((j) => rs.firstRow + j)
      .find((r) => ![...rowOf.values()].includes(r) && text(cell('Tệp', r)) === named.file);
    rowOf.set(byName ?? rs.firstRow + named.key - 1, named.key);
  }
  for (let r = rs.firstRow; r <= Math.max(rs.lastRow, wb.lastRow(rs.sheet)); r++) {
    const s = submission(r);
    const named = rowOf.has(r) ? byKey.get(rowOf.get(r)!) : undefined;
    if (named) {
      const rows = criteria.get(named.key) ?? [];
      const shown = (c: CriterionScore) => (isLevel ? (c.level ?? 0) : c.effect === 'penalty' ? -c.points! : c.points);
      s.digest = named.digest;
      s.unitName = named.unitName || s.unitName;
      s.file = named.file;
      for (const { c, stored } of rows)
        if (stored !== shown(c)) s.differences.push({ criterion: c.id, cell: '', stored, recomputed: shown(c) });
      s.assessment = partialAssessment(
        rubric,
        unit,
        rows.map((x) => x.c),
      );
      const total = isLevel ? s.assessment.level?.number : s.assessment.total;
      const storedTotal = cell(selfHead, r);
      if (storedTotal !== (cell(rescoredHead, r) ?? total))
        s.differences.push({
          criterion: isLevel ? 'Mức độ' : 'Tổng điểm',
          cell: '',
          stored: storedTotal,
          recomputed: total,
        });
      appraised.push(s);
    } else if (r <= rs.lastRow) {
      // Not appraised, but scored (unsigned, submitted twice …): its totals are shown all the same.
      const total = cell(rescoredHead, r);
      if (typeof total === 'number') {
        const a = partialAssessment(rubric, unit, []);
        s.assessment = isLevel
          ? { ...a, level: { number: total, name: levelName(rubric, total, 'vi') } }
          : { ...a, total };
        const stored = cell(selfHead, r);
        if (stored !== total) s.differences.push({ criterion: '', cell: '', stored, recomputed: total });
      }
      const why = text(cell(problemsHead, r));
      unranked.push({ rank: null, key: [], submission: s, unranked: why ? [t(why, why)] : [] });
    } else {
      const missing = /^Chưa nộp \(theo (.*)\)$/.exec(text(cell(problemsHead, r)));
      if (missing && s.unitName) {
        expected.source = missing[1];
        expected.missing.push(s.unitName);
      }
    }
  }
  const cells = new Map<string, Map<string, PresetCell>>();
  for (const [digest, of] of read.cells)
    cells.set(
      digest,
      new Map([...of].map(([id, c]) => [id, { value: c.value, reason: c.reason, note: c.note }] as const)),
    );
  return {
    identity,
    rows: [...rankSubmissions(rubric, appraised, identity.by), ...unranked],
    ...(expected.missing.length ? { expected } : {}),
    cells,
  };
}

/**
 * An assessment of only these criteria: totals, max and level over them, as the engine sums them
 * (a penalty subtracts, a not-applicable criterion has max 0). An agency ranks on its share.
 */
export function partialAssessment(
  rubric: Rubric,
  unit: UnitId,
  criteria: CriterionScore[],
): NonNullable<SubmissionResult['assessment']> {
  const round = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
  const isLevel = rubric.kind === 'levels';
  const top = rubric.levels?.length ?? 0;
  const level = criteria.reduce((m, c) => Math.min(m, c.level ?? 0), top);
  const total = round(criteria.reduce((s, c) => s + (c.effect === 'penalty' ? -1 : 1) * (c.points ?? 0), 0));
  const max = round(criteria.reduce((s, c) => s + (c.effect === 'score' ? (c.max ?? 0) : 0), 0));
  return {
    rubric: rubric.id,
    version: rubric.version,
    unit,
    total: isLevel ? null : total,
    max: isLevel ? null : max,
    percent: isLevel || !max ? null : round((total / max) * 100),
    level: isLevel ? { number: level, name: levelName(rubric, level, 'vi') } : null,
    nextLevel: null,
    pillars: [],
    criteria,
    problems: [],
  };
}

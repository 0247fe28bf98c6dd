/**
 * The council's appraisal workbook as a WorkbookSpec (both writers apply it): "Xếp hạng" with one
 * row per submission and a chart, "Thẩm định" with one row per criterion of each ranked unit and
 * its editable appraised points, the reasons list, and the identity in the very hidden `_dti`.
 *
 * One long "Thẩm định" sheet grouped by unit, not a sheet per unit: a council ranks up to
 * hundreds of units (a province's communes), and hundreds of tabs cannot be found in the tab bar, need unit
 * names cut to Excel's 31 characters (and made unique when two cut names meet), and each add a
 * part to the package and an operation to the Office.js write. One sheet of at most ~80 rows a unit
 * (the library's largest unit type has 79 criteria) stays far below Excel's 1,048,576 rows, and
 * the unit is a column.
 *
 * Every number the council changes flows through formulas: a unit's appraised total is SUMIFS of
 * its appraised cells, the percent, the rank key and the rank (RANK: equal keys share a rank and
 * the next skips, 1, 2, 2, 4 — `dti rank`'s rule) follow. A level rubric's unit level is the lowest
 * of its criteria's levels (src/engine/levels.ts), a blank one counting as 0: MIN over the unit's
 * rows, guarded by COUNTBLANK because MIN skips blanks — a formula, so it too updates live. Ties
 * between levels go to the number of criteria already at the next level (COUNTIF), as in rankKey.
 * Cached results are the re-score, so the file shows the right numbers before any recalculation.
 */
import type { Rubric, UnitId } from '../rubrics';
import {
  columnLetter,
  ListSheet,
  META_SHEET,
  quoteSheet,
  sheetSpec,
  STYLES,
  type CellSpec,
  type SheetsSpec,
  registeredLevelValidation,
  type SheetSpec,
  type ValidationSpec,
} from '../template';
import { criteriaFor, levelName } from '../engine';
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_FORMAT,
  APPRAISAL_MARK,
  APPRAISAL_SHEET,
  BONUS_COLUMNS as BONUS,
  NOT_RECOGNISED,
  NOT_REGISTERED,
  RANKING_SHEET,
  RECOGNISED,
  REGISTRATION_COLUMNS as REG,
  REASONS,
  type AgencyIdentity,
  type AppraisalIdentity,
} from './appraisal-layout';
import { bonusValidation, councilBonusCap } from './bonus';
import { recognitionOf, recognitionWords } from './recognition';
import type { ExpectedReport } from './expected';
import { SEAL_STATUS, SIGNATURE_STATUS, signingTimeText } from './labels';
import { rankKey, type RankBy, type RankedRow } from './rank';
import type { CriterionScore, SubmissionResult } from './submission';
import {
  ROUND2_COLUMNS,
  ROUND2_WIDTHS,
  round2HeadingCells,
  round2Headers,
  round2RowCells,
  type Round2,
} from './round2';

const FIRST_ROW = 4;

/** An ISO signing time as the council reads it: dd/mm/yyyy hh:mm in Vietnam's time (UTC+7, no daylight saving). */
export function vietnamTime(iso: string | null): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) return iso ?? '';
  const d = new Date(ms + 7 * 3600000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** A file's name without its folders: a council's local paths stay out of the workbook it shares. */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A row tall enough for its longest wrapped text (LibreOffice and Excel do not grow rows written by a file). */
function rowHeight(texts: [text: string, width: number][]): number {
  const lines = Math.max(1, ...texts.map(([text, width]) => Math.ceil(text.length / Math.max(1, width - 2))));
  return Math.min(409, 14 * lines);
}

/** An appraised cell as a workbook already holds it (a merge writes the agencies' back). */
export interface PresetCell {
  value: CellSpec['value'];
  reason: string;
  note: string;
}

export interface AppraisalOptions {
  by?: RankBy;
  expected?: ExpectedReport;
  /** An agency's share (src/council/agency-split.ts): recorded in the identity. */
  agency?: AgencyIdentity;
  /** Sheets added after "Thẩm định" (the assignment sheet, the agency's sheet), sharing the lists. */
  sheets?: (lists: ListSheet) => SheetSpec[];
  /** Appraised cells to write instead of the re-score, by submission digest and criterion id. */
  preset?: (digest: string, criterion: string) => PresetCell | undefined;
  /** Round 2: the rows given already carry round 1's points (round2Results); the sheet shows both rounds. */
  round2?: Round2;
  /** The rubric's options as the council chose them (the bonus cap); defaults otherwise. */
  options?: Readonly<Record<string, string>>;
}

/** The points a criterion shows: signed (a penalty is negative, as the officer's sheet shows it); a level rubric's level. */
export const shownPoints = (rubric: Rubric, c: CriterionScore): number | null =>
  rubric.kind === 'levels' ? (c.level ?? 0) : c.points === null ? null : c.effect === 'penalty' ? -c.points : c.points;

/** What the file itself stored for a criterion (or the total): where it differs, the difference says; else the re-score. */
export function selfAssessed(s: SubmissionResult, id: string, rescored: number | null) {
  const d = s.differences.find((x) => x.criterion === id);
  return d ? (d.stored as CellSpec['value']) : rescored;
}

/** Whether the council may appraise the criterion: it is scored (has a max) or, for level rubrics, has a level. */
export const appraisable = (rubric: Rubric, c: CriterionScore): boolean =>
  rubric.kind === 'levels' ? c.level !== undefined : c.max !== null && c.max > 0;

function appraisedValidation(rubric: Rubric, c: CriterionScore, address: string): ValidationSpec {
  if (rubric.kind === 'levels') {
    const top = rubric.levels?.length ?? 0;
    return {
      range: address,
      type: 'whole',
      min: 0,
      max: top,
      allowBlank: true,
      prompt: { title: `${c.id}: mức thẩm định`, message: `Mức Hội đồng công nhận, từ 0 đến ${top}.` },
      error: { title: `${c.id}: chưa đúng`, message: `Nhập một mức từ 0 đến ${top}.` },
    };
  }
  const penalty = c.effect === 'penalty';
  const [min, max] = penalty ? [-(c.max ?? 0), 0] : [0, c.max ?? 0];
  const range = penalty ? `từ ${min} đến 0 (điểm trừ)` : `từ 0 đến ${max}`;
  return {
    range: address,
    type: 'decimal',
    min,
    max,
    allowBlank: true,
    prompt: { title: `${c.id}: điểm thẩm định`, message: `Điểm Hội đồng công nhận, ${range}.` },
    error: { title: `${c.id}: chưa đúng`, message: `Nhập số điểm ${range}.` },
  };
}

const WIDTHS: Record<keyof typeof COL, number> = {
  key: 6,
  unit: 24,
  criterion: 9,
  title: 40,
  entry: 30,
  max: 8,
  selfAssessed: 9,
  rescored: 9,
  appraised: 10,
  reason: 24,
  note: 30,
};

interface Block {
  key: number;
  row: RankedRow;
  /** The unit's rows on the "Thẩm định" sheet (the criteria, below its heading row). */
  heading: number;
  first: number;
  last: number;
}

function appraisalSheet(
  rubric: Rubric,
  unit: UnitId,
  blocks: Block[],
  lists: ListSheet,
  lastRow: number,
  preset: AppraisalOptions['preset'],
  round2?: Round2,
): SheetSpec {
  const isLevel = rubric.kind === 'levels';
  const lastCol = round2 ? ROUND2_COLUMNS.changed : COL.note;
  const cells: CellSpec[] = [];
  const validations: ValidationSpec[] = [];
  const headers: [string, string][] = [
    [COL.key, 'Số TT'],
    [COL.unit, 'Đơn vị'],
    [COL.criterion, 'Mã'],
    [COL.title, isLevel ? 'Chỉ tiêu' : 'Tiêu chí'],
    [COL.entry, 'Số liệu đơn vị nhập'],
    [COL.max, isLevel ? 'Mức cao nhất' : 'Điểm tối đa'],
    [COL.selfAssessed, isLevel ? 'Mức tự đánh giá' : 'Điểm tự chấm'],
    [COL.rescored, isLevel ? 'Mức chấm lại' : 'Điểm chấm lại'],
    [COL.appraised, isLevel ? 'Mức thẩm định' : 'Điểm thẩm định'],
    [COL.reason, 'Lý do điều chỉnh'],
    [COL.note, 'Ghi chú của Hội đồng'],
  ];
  if (round2)
    for (const [c, h] of round2Headers(isLevel)) {
      const at = headers.findIndex(([x]) => x === c);
      if (at >= 0) headers[at] = [c, h];
      else headers.push([c, h]);
    }
  const round = round2 ? 'VÒNG 2' : 'TỪNG TIÊU CHÍ';
  cells.push({ address: 'A1', value: `THẨM ĐỊNH ${round} — ${rubric.title}`, style: 'title' });
  cells.push({
    address: 'A2',
    value: round2
      ? 'Điểm thẩm định vòng 2 (nền vàng) đặt sẵn bằng điểm vòng 1: đọc giải trình của đơn vị, sửa điểm, chọn lý do và ghi chú; xếp hạng cập nhật theo.'
      : isLevel
        ? 'Sửa ô mức thẩm định (nền vàng), chọn lý do và ghi chú; mức của đơn vị là mức thấp nhất của các chỉ tiêu, xếp hạng cập nhật theo.'
        : 'Sửa ô điểm thẩm định (nền vàng), chọn lý do và ghi chú; tổng điểm và xếp hạng ở trang Xếp hạng cập nhật theo.',
    style: 'subtitle',
  });
  for (const [c, h] of headers) cells.push({ address: `${c}3`, value: h, style: 'tableHeader' });
  const reasons = lists.ref([...REASONS]);
  const rowHeights: { row: number; height: number }[] = [{ row: 3, height: 30 }];
  const criteria = new Map(criteriaFor(rubric, unit).map((c) => [c.id, c]));
  const titleOf = (id: string) => criteria.get(id)?.title ?? '';
  for (const b of blocks) {
    const s = b.row.submission;
    const a = s.assessment!;
    const block = (col: string) => `${col}${b.first}:${col}${b.last}`;
    const answer = round2?.units.get(s.file);
    if (round2) cells.push(...round2HeadingCells(answer, b.heading, block, isLevel));
    cells.push(
      { address: `${COL.unit}${b.heading}`, value: s.unitName ?? s.file, style: 'pillar' },
      { address: `${COL.title}${b.heading}`, value: isLevel ? 'Mức của đơn vị' : 'Tổng điểm', style: 'pillar' },
      {
        address: `${COL.appraised}${b.heading}`,
        formula: isLevel
          ? `=IF(COUNTBLANK(${block(COL.appraised)})>0,0,MIN(${block(COL.appraised)}))`
          : `=ROUND(SUM(${block(COL.appraised)}),2)`,
        result: isLevel ? (a.level?.number ?? 0) : a.total,
        style: 'total',
      },
    );
    a.criteria.forEach((c, i) => {
      const r = b.first + i;
      // Round 2: the rows carry round 1's points; the re-score is the response's own.
      const appraised = shownPoints(rubric, c);
      const rescored = answer ? (answer.rescored.get(c.id) ?? null) : appraised;
      if (round2) cells.push(...round2RowCells(answer, c.id, r, COL.appraised));
      const open = appraisable(rubric, c);
      const given = open && s.digest ? preset?.(s.digest, c.id) : undefined;
      rowHeights.push({
        row: r,
        height: rowHeight([
          [titleOf(c.id), WIDTHS.title],
          [c.entry ?? '', WIDTHS.entry],
        ]),
      });
      cells.push(
        { address: `${COL.key}${r}`, value: b.key, style: 'number' },
        { address: `${COL.unit}${r}`, value: s.unitName ?? s.file, style: 'text' },
        { address: `${COL.criterion}${r}`, value: c.id, style: 'criterionId' },
        { address: `${COL.title}${r}`, value: titleOf(c.id), style: 'text' },
        { address: `${COL.entry}${r}`, value: c.entry ?? '', style: 'text' },
        { address: `${COL.max}${r}`, value: isLevel ? (rubric.levels?.length ?? 0) : c.max, style: 'number' },
        { address: `${COL.selfAssessed}${r}`, value: selfAssessed(s, c.id, rescored), style: 'number' },
        { address: `${COL.rescored}${r}`, value: rescored, style: 'number' },
        {
          address: `${COL.appraised}${r}`,
          value: given ? given.value : appraised,
          style: open ? 'input' : 'number',
          locked: !open,
          numFmt: 'General',
        },
        { address: `${COL.reason}${r}`, value: given?.reason || null, style: open ? 'input' : 'text', locked: !open },
        { address: `${COL.note}${r}`, value: given?.note || null, style: open ? 'note' : 'text', locked: !open },
      );
      if (!open) return;
      validations.push(appraisedValidation(rubric, c, `${COL.appraised}${r}`), {
        range: `${COL.reason}${r}`,
        type: 'list',
        source: reasons,
        allowBlank: true,
        prompt: { title: 'Lý do điều chỉnh', message: 'Chọn lý do khi Hội đồng điều chỉnh điểm.' },
        error: { title: 'Lý do điều chỉnh', message: 'Chọn một lý do trong danh sách (hoặc Khác, rồi ghi chú).' },
      });
    });
  }
  return sheetSpec(APPRAISAL_SHEET, 'visible', cells, {
    merges: [`A1:${lastCol}1`, `A2:${lastCol}2`],
    columns: [
      ...Object.entries(WIDTHS).map(([key, width]) => ({ column: COL[key as keyof typeof COL], width })),
      ...(round2
        ? Object.entries(ROUND2_WIDTHS).map(([key, width]) => ({
            column: ROUND2_COLUMNS[key as keyof typeof ROUND2_COLUMNS],
            width,
          }))
        : []),
    ],
    rowHeights,
    freeze: { rows: 3, columns: 3 },
    validations,
    print: { landscape: true, paper: 'A4', fitToWidth: true, titleRows: '3:3', area: `A1:${lastCol}${lastRow}` },
    ...(round2 && {
      conditionalFormats: [
        {
          range: `${ROUND2_COLUMNS.changed}${FIRST_ROW}:${ROUND2_COLUMNS.changed}${lastRow}`,
          formula: `LEN($${ROUND2_COLUMNS.changed}${FIRST_ROW})>0`,
          fill: '#FDE7E9',
          fontColor: '#A4262C',
        },
      ],
    }),
    tabColor: '#C19C00',
  });
}

/**
 * The columns of "Xếp hạng", by rubric kind; `key` (hidden) holds what RANK ranks. What came later
 * follows N, so A–N keep their letters: bonus points where foreseen (O–R), a level rubric's
 * registration (O–Q).
 */
export function rankingColumns(isLevel: boolean, bonus = false) {
  const head = ['Hạng', 'Đơn vị', 'Tệp', 'Chữ ký số', 'Người ký', 'Thời điểm ký (giờ Việt Nam)', 'Niêm phong'];
  const tail = isLevel
    ? ['Mức tự đánh giá', 'Mức chấm lại', 'Mức thẩm định', 'Tên mức', 'Chỉ tiêu đạt mức kế tiếp']
    : ['Điểm tự chấm', 'Điểm chấm lại', 'Điểm thẩm định', 'Điểm tối đa', 'Tỷ lệ (%)'];
  const extra = isLevel
    ? ['Mức đăng ký', 'Công nhận mức đăng ký', 'Số TT']
    : bonus
      ? ['Điểm khuyến khích', 'Lý do khuyến khích', 'Tổng điểm xếp hạng', 'Số TT']
      : [];
  return [...head, ...tail, 'Vấn đề', 'Khóa xếp hạng', ...extra];
}

function rankingSheet(
  rubric: Rubric,
  unitLabel: string,
  rows: RankedRow[],
  blocks: Map<SubmissionResult, Block>,
  by: RankBy,
  appraisalLast: number,
  expected: ExpectedReport | undefined,
  round2: Round2 | undefined,
  bonusCap: number | null,
): SheetSpec {
  const isLevel = rubric.kind === 'levels';
  const top = rubric.levels?.length ?? 0;
  const bonus = !isLevel && bonusCap !== null;
  const headers = rankingColumns(isLevel, bonus);
  // The unit's number (the last column, hidden) is only for the reader; what is shown ends before it.
  const lastCol = isLevel ? REG.recognised : bonus ? BONUS.ranked : 'M';
  const validations: ValidationSpec[] = [];
  const cells: CellSpec[] = [
    { address: 'A1', value: `XẾP HẠNG CHUYỂN ĐỔI SỐ — ${rubric.title}`, style: 'title' },
    {
      address: 'A2',
      value: `Quyết định ${rubric.decision.number} · ${unitLabel} · xếp theo ${isLevel ? 'mức thẩm định' : by === 'percent' ? 'tỷ lệ điểm thẩm định' : 'điểm thẩm định'}${bonus ? ` cộng điểm khuyến khích (tối đa ${bonusCap} điểm, ngoài điểm tối đa, ${rubric.councilBonus!.source.article})` : ''} · đồng hạng khi bằng điểm (1, 2, 2, 4)`,
      style: 'subtitle',
    },
    ...headers.map((h, i) => ({ address: `${columnLetter(i)}3`, value: h, style: 'tableHeader' as const })),
  ];
  const ranked = rows.filter((r) => r.rank !== null);
  const lastRanked = FIRST_ROW + ranked.length - 1;
  const T = quoteSheet(APPRAISAL_SHEET);
  const whole = (col: string) => `${T}!$${col}$${FIRST_ROW}:$${col}$${Math.max(appraisalLast, FIRST_ROW)}`;
  rows.forEach((row, j) => {
    const r = FIRST_ROW + j;
    const s = row.submission;
    const a = s.assessment;
    const b = blocks.get(s);
    const at = (col: string) => `${col}${r}`;
    const rescoredTotal =
      round2?.units.get(s.file)?.rescoredTotal ?? (a ? (isLevel ? (a.level?.number ?? 0) : a.total) : null);
    // The total's difference is the one not named by a criterion (its label follows the batch's language).
    const totalId = s.differences.find((d) => !a?.criteria.some((c) => c.id === d.criterion))?.criterion ?? '';
    const problems = [...row.unranked.map((x) => x.vi), ...s.problems];
    cells.push(
      { address: at('B'), value: s.unitName ?? '', style: 'text' },
      { address: at('C'), value: fileName(s.file), style: 'text' },
      { address: at('D'), value: SIGNATURE_STATUS[s.status].vi, style: 'text' },
      { address: at('E'), value: s.signer ?? '', style: 'text' },
      { address: at('F'), value: signingTimeText(s, 'vi', vietnamTime), style: 'text' },
      { address: at('G'), value: SEAL_STATUS[s.seal].vi, style: 'text' },
      { address: at('H'), value: a ? selfAssessed(s, totalId, rescoredTotal) : null, style: 'number' },
      { address: at('I'), value: rescoredTotal, style: 'number' },
      { address: at('M'), value: [...new Set(problems)].join('; '), style: 'text' },
    );
    if (!b || !a) return;
    const key = rankKey(rubric, a, by);
    const block = (col: string) => `${T}!$${col}$${b.first}:$${col}$${b.last}`;
    if (isLevel) {
      const level = a.level?.number ?? 0;
      cells.push(
        { address: at('J'), formula: `=${T}!$${COL.appraised}$${b.heading}`, result: level, style: 'formula' },
        {
          address: at('K'),
          formula: `=CHOOSE(${at('J')}+1,${Array.from({ length: top + 1 }, (_, n) => `"${levelName(rubric, n, 'vi')}"`).join(',')})`,
          result: levelName(rubric, level, 'vi'),
          style: 'text',
        },
        {
          address: at('L'),
          formula: `=COUNTIF(${block(COL.appraised)},">="&MIN(${at('J')}+1,${top}))`,
          result: key[1],
          style: 'formula',
        },
        { address: at('N'), formula: `=${at('J')}*1000+${at('L')}`, result: key[0] * 1000 + key[1], style: 'number' },
        // The registration: prefilled from the unit's template, edited by the council, which holds the registrations.
        {
          address: at(REG.registered),
          value: a.registered?.number ?? null,
          style: 'input',
          locked: false,
          numFmt: 'General',
        },
        {
          address: at(REG.recognised),
          formula: `=IF(N(${at(REG.registered)})=0,"${NOT_REGISTERED}",IF(${at('J')}>=${at(REG.registered)},"${RECOGNISED}","${NOT_RECOGNISED}"))`,
          result: recognitionWords(recognitionOf(a)),
          style: 'text',
        },
        { address: at(REG.key), value: b.key, style: 'number' },
      );
      validations.push(registeredLevelValidation(rubric, at(REG.registered)));
    } else {
      // The total ranked on: the appraised points, plus the bonus where foreseen (outside the max,
      // so the percent stays over the decision's max, as for the engine's points outside the max).
      const ranked = bonus ? at(BONUS.ranked) : at('J');
      cells.push(
        {
          address: at('J'),
          formula: `=ROUND(SUMIFS(${whole(COL.appraised)},${whole(COL.key)},${b.key}),2)`,
          result: a.total,
          style: 'formula',
        },
        { address: at('K'), value: a.max, style: 'number' },
        {
          address: at('L'),
          formula: `=IF(${at('K')}>0,ROUND(${ranked}/${at('K')}*100,2),"")`,
          result: a.percent,
          style: 'formula',
        },
        {
          address: at('N'),
          formula: by === 'percent' ? `=${at('L')}` : `=ROUND(${ranked},2)`,
          result: key[0] / 100,
          style: 'number',
        },
      );
      if (bonus) {
        cells.push(
          { address: at(BONUS.points), value: null, style: 'input', locked: false, numFmt: 'General' },
          { address: at(BONUS.reason), value: null, style: 'note', locked: false },
          {
            address: at(BONUS.ranked),
            formula: `=ROUND(${at('J')}+N(${at(BONUS.points)}),2)`,
            result: a.total,
            style: 'formula',
          },
          { address: at(BONUS.key), value: b.key, style: 'number' },
        );
        validations.push(bonusValidation(rubric, at(BONUS.points), bonusCap!));
      }
    }
    cells.push({
      address: at('A'),
      formula: `=RANK(${at('N')},$N$${FIRST_ROW}:$N$${lastRanked})`,
      result: row.rank,
      style: 'formula',
    });
  });
  let next = FIRST_ROW + rows.length;
  for (const name of expected?.missing ?? []) {
    cells.push(
      { address: `B${next}`, value: name, style: 'text' },
      { address: `M${next}`, value: `Chưa nộp (theo ${expected!.source})`, style: 'text' },
    );
    next++;
  }
  const last = Math.max(next - 1, FIRST_ROW);
  const widths = [
    ...[6, 28, 24, 16, 24, 20, 10, 10, 10, 11, 12, 10, 50, 8],
    ...(isLevel ? [10, 16, 6] : bonus ? [12, 30, 12, 6] : []),
  ];
  // Hidden: the rank key (N) and the unit's number (the last column), which only formulas and the reader need.
  const hidden = new Set([13, ...(isLevel || bonus ? [widths.length - 1] : [])]);
  const series = bonus
    ? { name: headers[16], values: `${BONUS.ranked}${FIRST_ROW}:${BONUS.ranked}${lastRanked}` }
    : { name: headers[9], values: `J${FIRST_ROW}:J${lastRanked}` };
  const [chartFrom, chartTo] = bonus ? ['T', 'AB'] : isLevel ? ['S', 'AA'] : ['P', 'X'];
  return sheetSpec(RANKING_SHEET, 'visible', cells, {
    merges: ['A1:M1', 'A2:M2'],
    columns: widths.map((width, i) => ({
      column: columnLetter(i),
      width,
      ...(hidden.has(i) ? { hidden: true } : {}),
    })),
    validations,
    rowHeights: [{ row: 3, height: 30 }, ...rows.map((_, j) => ({ row: FIRST_ROW + j, height: 28 }))],
    freeze: { rows: 3, columns: 2 },
    conditionalFormats: [
      {
        range: `A${FIRST_ROW}:${lastCol}${last}`,
        formula: `AND($B${FIRST_ROW}<>"",$A${FIRST_ROW}="")`,
        fill: '#FDE7E9',
      },
    ],
    charts: ranked.length
      ? [
          {
            type: 'barClustered',
            title: isLevel ? 'Mức thẩm định' : bonus ? 'Tổng điểm xếp hạng' : 'Điểm thẩm định',
            categories: `B${FIRST_ROW}:B${lastRanked}`,
            series: [series],
            from: `${chartFrom}3`,
            to: `${chartTo}${Math.max(20, 3 + ranked.length * 2)}`,
          },
        ]
      : [],
    print: { landscape: true, paper: 'A4', fitToWidth: true, titleRows: '3:3', area: `A1:${lastCol}${last}` },
    tabColor: '#0F6CBD',
  });
}

export function appraisalWorkbook(
  rubric: Rubric,
  unit: UnitId,
  rows: RankedRow[],
  options: AppraisalOptions = {},
): { spec: SheetsSpec; identity: AppraisalIdentity } {
  const by = options.by ?? 'total';
  const unitLabel = rubric.units.find((u) => u.id === unit)!.label.vi;
  // The ranked units, in rank order, each a heading row and its criteria.
  const blocks = new Map<SubmissionResult, Block>();
  let row = FIRST_ROW;
  rows
    .filter((r) => r.rank !== null && r.submission.assessment)
    .forEach((r, i) => {
      const n = r.submission.assessment!.criteria.length;
      blocks.set(r.submission, { key: i + 1, row: r, heading: row, first: row + 1, last: row + n });
      row += n + 1;
    });
  const appraisalLast = row - 1;
  const lists = new ListSheet();
  const { round2 } = options;
  const appraisal = appraisalSheet(
    rubric,
    unit,
    [...blocks.values()],
    lists,
    Math.max(appraisalLast, FIRST_ROW),
    options.preset,
    round2,
  );
  const cap = rubric.kind === 'points' ? councilBonusCap(rubric, options.options) : null;
  const ranking = rankingSheet(rubric, unitLabel, rows, blocks, by, appraisalLast, options.expected, round2, cap);
  const identity: AppraisalIdentity = {
    kind: 'appraisal',
    format: APPRAISAL_FORMAT,
    rubric: rubric.id,
    version: rubric.version,
    unit,
    by,
    submissions: [...blocks.values()].map((b) => ({
      key: b.key,
      file: fileName(b.row.submission.file),
      unitName: b.row.submission.unitName ?? '',
      digest: b.row.submission.digest ?? '',
      ...(round2?.units.get(b.row.submission.file)?.previous && {
        answers: round2.units.get(b.row.submission.file)!.previous!.digest,
      }),
    })),
    ...(round2 && { round: 2 }),
    layout: {
      sheet: APPRAISAL_SHEET,
      columns: COL,
      firstRow: FIRST_ROW,
      lastRow: appraisalLast,
      ranking: {
        sheet: RANKING_SHEET,
        firstRow: FIRST_ROW,
        lastRow: FIRST_ROW + rows.length - 1,
        ...(cap === null ? {} : { bonus: { columns: BONUS, cap } }),
        ...(rubric.kind === 'levels' ? { registration: { columns: REG } } : {}),
      },
      ...(round2 && { round2: ROUND2_COLUMNS }),
    },
    ...(options.agency ? { agency: options.agency } : {}),
  };
  const extra = options.sheets?.(lists) ?? [];
  return {
    spec: { styles: STYLES, sheets: [ranking, appraisal, ...extra, lists.sheet(), identitySheet(identity)], names: [] },
    identity,
  };
}

/** The identity as JSON and, for a reader of the sheet, the same a field a row (as the officer template's `_dti`). */
function identitySheet(identity: AppraisalIdentity): SheetSpec {
  const rows: [string, string | number][] = [
    [APPRAISAL_MARK, JSON.stringify(identity)],
    ['kind', identity.kind],
    ['rubric', identity.rubric],
    ['version', identity.version],
    ['unit', identity.unit],
    ...(identity.agency ? [['agency', identity.agency.name] as [string, string]] : []),
    ...identity.submissions.map((s): [string, string] => [`submission.${s.key}.sha256`, s.digest]),
  ];
  return sheetSpec(
    META_SHEET,
    'veryHidden',
    rows.flatMap(([k, v], i) => [
      { address: `A${i + 1}`, value: k },
      { address: `B${i + 1}`, value: v },
    ]),
  );
}

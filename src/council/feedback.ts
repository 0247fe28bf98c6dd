/**
 * The council's feedback to one unit after round 1 (Hà Nội 5279/QĐ-UBND Điều 5.3: on the round-1
 * result the units add explanations and evidence): every criterion the council remarked on — its
 * points changed, or a reason or note given — with the self-assessed and round-1 appraised points,
 * the reason and the note, naming the submission it answers by the SHA-256 of its bytes.
 *
 * One format, versioned and checked field by field, carried twice: as a JSON file, and inside the
 * feedback workbook the unit opens (its very hidden `_dti` sheet holds the same JSON, in parts a
 * cell can hold), so importing either needs no guessing from the visible sheet. The check is
 * written out rather than a zod schema: the officer's pane reads these files, and no pane chunk
 * ships the validation library (test/project/web-build.test.ts).
 */
import { t, type Text } from '../base';
import { getRubric, type Rubric } from '../rubrics';
import { readWorkbookParts } from '../signature';
import { META_SHEET, sheetSpec, STYLES, type CellSpec, type ResponseRequest, type SheetsSpec } from '../template';
import { readParts, type LoadedWorkbook } from '../workbook';
import { readAppraisal } from './appraisal-read';
import { cellNumber, isRemarked, readAppraisalRows } from './appraisal-rows';

export const FEEDBACK_MARK = 'dti-feedback';
export const FEEDBACK_VERSION = 1;
export const FEEDBACK_SHEET = 'Ý kiến thẩm định';
/** Excel holds at most 32,767 characters in a cell: the JSON is cut into parts below that. */
const PART = 30000;

/** One criterion the council remarked on. */
export interface Remark {
  id: string;
  title: string;
  /** Points (signed) or a level; null where the council's workbook held none. */
  selfAssessed: number | null;
  appraised: number | null;
  reason: string;
  note: string;
}

/** The feedback to one unit, version 1. */
export interface Feedback {
  format: typeof FEEDBACK_MARK;
  version: typeof FEEDBACK_VERSION;
  round: number;
  rubric: string;
  rubricVersion: string;
  /** The unit type (so, huyen, xa). */
  unit: string;
  unitName: string;
  /** The submission appraised: its file name and the SHA-256 of its bytes (hex, lower case). */
  submission: { file: string; sha256: string };
  criteria: Remark[];
}

type Check = (v: unknown) => string | null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text: Check = (v) => (typeof v === 'string' ? null : 'cần chữ / text expected');
const nonEmpty: Check = (v) => text(v) ?? (v === '' ? 'không được trống / must not be empty' : null);
const points: Check = (v) =>
  v === null || (typeof v === 'number' && Number.isFinite(v)) ? null : 'cần số / number expected';
const exactly =
  (x: unknown): Check =>
  (v) =>
    v === x ? null : `cần ${JSON.stringify(x)} / ${JSON.stringify(x)} expected`;
const sha256: Check = (v) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : 'cần mã SHA-256 (64 chữ số hex) / SHA-256 hex expected';
const round: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'cần số vòng ≥ 1 / round ≥ 1 expected');

/** The first field of `v` that `shape` refuses, as "path: why", or null. */
function firstWrong(v: unknown, shape: Record<string, Check>, path: string): string | null {
  if (!isObject(v)) return `${path || '(gốc)'}: cần đối tượng / object expected`;
  for (const [key, check] of Object.entries(shape)) {
    const why = check(v[key]);
    if (why) return `${path ? `${path}.` : ''}${key}: ${why}`;
  }
  return null;
}

const REMARK: Record<keyof Remark, Check> = {
  id: nonEmpty,
  title: text,
  selfAssessed: points,
  appraised: points,
  reason: text,
  note: text,
};

/** One feedback per unit the council's workbook appraised, in its order; `key` numbers the units. */
export function feedbackFromAppraisal(wb: LoadedWorkbook): { key: number; feedback: Feedback }[] | { error: Text } {
  const read = readAppraisal(wb);
  if ('error' in read) return read;
  const { identity } = read;
  const rows = readAppraisalRows(wb, identity);
  return identity.submissions.map((s) => ({
    key: s.key,
    feedback: {
      format: FEEDBACK_MARK,
      version: FEEDBACK_VERSION,
      round: 1,
      rubric: identity.rubric,
      rubricVersion: String(identity.version ?? ''),
      unit: identity.unit,
      unitName: s.unitName,
      submission: { file: s.file, sha256: s.digest.toLowerCase() },
      criteria: (rows.get(s.digest) ?? []).filter(isRemarked).map((r) => ({
        id: r.criterion,
        title: r.title,
        selfAssessed: r.selfAssessed,
        appraised: cellNumber(r.appraised) ?? (r.appraised === null || r.appraised === '' ? 0 : null),
        reason: r.reason,
        note: r.note,
      })),
    },
  }));
}

/** A feedback file's content checked against the format (only its fields kept), or why it is not one. */
export function parseFeedback(data: unknown): Feedback | { error: Text } {
  const criteria = isObject(data) && Array.isArray(data.criteria) ? (data.criteria as unknown[]) : null;
  const wrong =
    firstWrong(
      data,
      {
        format: exactly(FEEDBACK_MARK),
        version: exactly(FEEDBACK_VERSION),
        round,
        rubric: nonEmpty,
        rubricVersion: text,
        unit: nonEmpty,
        unitName: text,
        criteria: () => (criteria ? null : 'cần danh sách / list expected'),
      },
      '',
    ) ??
    firstWrong((data as Feedback).submission, { file: text, sha256 }, 'submission') ??
    criteria!.map((c, i) => firstWrong(c, REMARK, `criteria.${i}`)).find(Boolean) ??
    null;
  if (wrong) return { error: t(`không phải tệp ý kiến thẩm định (${wrong})`, `not a feedback file (${wrong})`) };
  const f = data as Feedback;
  const pick = <K extends string>(o: Record<K, unknown>, keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, o[k]])) as Record<K, never>;
  return {
    ...pick(f, ['format', 'version', 'round', 'rubric', 'rubricVersion', 'unit', 'unitName'] as const),
    submission: { file: f.submission.file, sha256: f.submission.sha256 },
    criteria: f.criteria.map((c) => pick(c, Object.keys(REMARK) as (keyof Remark)[])),
  };
}

/** The feedback a workbook carries in its `_dti` sheet, or why it carries none. */
export function readFeedbackWorkbook(wb: LoadedWorkbook): Feedback | { error: Text } {
  if (!wb.sheetNames.includes(META_SHEET) || wb.read(META_SHEET, 'A1') !== FEEDBACK_MARK)
    return { error: t('không phải tệp ý kiến thẩm định của Hội đồng', "not the council's feedback file") };
  const parts = Number(wb.read(META_SHEET, 'B1'));
  let json = '';
  for (let i = 0; i < (Number.isInteger(parts) ? Math.min(parts, 1000) : 0); i++)
    json += String(wb.read(META_SHEET, `B${i + 2}`) ?? '');
  try {
    return parseFeedback(JSON.parse(json));
  } catch {
    return { error: t('tệp ý kiến thẩm định bị hỏng', 'the feedback file is damaged') };
  }
}

/** A feedback file as given: the workbook (read with the safe reader) or the JSON. */
export function readFeedbackFile(bytes: Uint8Array): Feedback | { error: Text } {
  if (bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b)
    return readFeedbackWorkbook(readParts(readWorkbookParts(bytes)));
  try {
    return parseFeedback(JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')));
  } catch {
    return { error: t('không phải tệp ý kiến thẩm định (JSON hoặc Excel)', 'not a feedback file (JSON or Excel)') };
  }
}

/** A file name from the unit's name: ASCII letters and digits, numbered so two units never share one. */
export function feedbackFileName(key: number, unitName: string): string {
  const slug = unitName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${String(key).padStart(2, '0')}-${slug || 'don-vi'}`;
}

const rubricOrNull = (id: string): Rubric | null => {
  try {
    return getRubric(id);
  } catch {
    return null;
  }
};

/** The feedback workbook the unit opens: the remarks in a readable sheet, the JSON in `_dti`. */
export function feedbackWorkbook(f: Feedback): SheetsSpec {
  const rubric = rubricOrNull(f.rubric);
  const isLevel = rubric?.kind === 'levels';
  const cells: CellSpec[] = [];
  const put = (address: string, value: CellSpec['value'], style: CellSpec['style'] = 'text') =>
    cells.push({ address, value, style });
  put('A1', `Ý KIẾN THẨM ĐỊNH VÒNG ${f.round}`, 'title');
  put(
    'A2',
    'Đơn vị bổ sung giải trình và tài liệu kiểm chứng cho các tiêu chí dưới đây, rồi niêm phong và ký số lại sổ tự đánh giá.',
    'subtitle',
  );
  const head: [string, string | number][] = [
    ['Đơn vị', f.unitName],
    ['Bộ tiêu chí', rubric ? `Quyết định ${rubric.decision.number} — ${rubric.title}` : f.rubric],
    ['Vòng thẩm định', String(f.round)],
    ['Bài nộp được thẩm định', f.submission.file],
  ];
  head.forEach(([label, value], i) => {
    put(`A${i + 4}`, label, 'label');
    put(`C${i + 4}`, value, 'headerValue');
  });
  const headerRow = 9;
  const headers = [
    'Mã',
    isLevel ? 'Chỉ tiêu' : 'Tiêu chí',
    isLevel ? 'Mức tự đánh giá' : 'Điểm tự chấm',
    isLevel ? 'Mức thẩm định vòng 1' : 'Điểm thẩm định vòng 1',
    'Lý do điều chỉnh',
    'Ý kiến của Hội đồng',
  ];
  headers.forEach((h, i) => put(`${'ABCDEF'[i]}${headerRow}`, h, 'tableHeader'));
  f.criteria.forEach((c, i) => {
    const r = headerRow + 1 + i;
    put(`A${r}`, c.id, 'criterionId');
    put(`B${r}`, c.title);
    put(`C${r}`, c.selfAssessed, 'number');
    put(`D${r}`, c.appraised, 'number');
    put(`E${r}`, c.reason);
    put(`F${r}`, c.note);
  });
  const last = headerRow + Math.max(1, f.criteria.length);
  if (!f.criteria.length) put(`A${headerRow + 1}`, 'Hội đồng không có ý kiến về tiêu chí nào.');
  const json = JSON.stringify(f);
  const parts = Array.from({ length: Math.max(1, Math.ceil(json.length / PART)) }, (_, i) =>
    json.slice(i * PART, (i + 1) * PART),
  );
  const meta = sheetSpec(META_SHEET, 'veryHidden', [
    { address: 'A1', value: FEEDBACK_MARK },
    { address: 'B1', value: parts.length },
    ...parts.map((p, i) => ({ address: `B${i + 2}`, value: p })),
  ]);
  const sheet = sheetSpec(FEEDBACK_SHEET, 'visible', cells, {
    merges: [
      'A1:F1',
      'A2:F2',
      ...head.map((_, i) => `C${i + 4}:F${i + 4}`),
      ...head.map((_, i) => `A${i + 4}:B${i + 4}`),
    ],
    columns: [10, 44, 11, 12, 26, 44].map((width, i) => ({ column: 'ABCDEF'[i], width })),
    rowHeights: [
      { row: headerRow, height: 30 },
      ...f.criteria.map((c, i) => ({
        row: headerRow + 1 + i,
        height: Math.min(409, 14 * Math.max(1, Math.ceil(c.title.length / 42), Math.ceil(c.note.length / 42))),
      })),
    ],
    freeze: { rows: headerRow, columns: 0 },
    print: {
      landscape: true,
      paper: 'A4',
      fitToWidth: true,
      titleRows: `${headerRow}:${headerRow}`,
      area: `A1:F${last}`,
    },
    tabColor: '#C19C00',
  });
  return { styles: STYLES, sheets: [sheet, meta], names: [] };
}

const shown = (n: number | null) => (n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));

/** The remark the officer reads beside a criterion: the points, the reason and the council's note. */
export function remarkText(f: Feedback, c: Remark): string {
  const isLevel = rubricOrNull(f.rubric)?.kind === 'levels';
  const what = isLevel ? ['Mức tự đánh giá', 'mức'] : ['Điểm tự chấm', 'điểm'];
  return [
    `${what[0]} ${shown(c.selfAssessed)}, ${what[1]} thẩm định vòng ${f.round}: ${shown(c.appraised)}.`,
    c.reason && `Lý do: ${c.reason}.`,
    c.note && `Ý kiến của Hội đồng: ${c.note}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** What the template needs to become a response to the feedback. */
export const responseRequest = (f: Feedback): ResponseRequest => ({
  round: f.round,
  answers: f.submission.sha256,
  remarks: Object.fromEntries(f.criteria.map((c) => [c.id, remarkText(f, c)])),
});

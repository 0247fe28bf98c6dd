/**
 * A self-assessment .json file: its shape checked by hand (a schema library costs more to load
 * than scoring a file takes), each problem named by its field, in both languages.
 */
import { DtiError, t, type Text } from '../base';
import { evidenceFromJson, type EvidenceEntry } from '../engine';
import { describeFile } from '../workbook';
import { clip } from './safe-text';

export interface AssessmentFile {
  rubric: string;
  unit: string;
  unitName?: string;
  year?: number;
  values: Record<string, unknown>;
  /** The decision's general information (2263's households, population …), by item id. */
  general?: Record<string, unknown>;
  options?: Record<string, string>;
  /** The documents entered per criterion, as the pane's export and `dti score --json` write them. */
  evidence?: Record<string, EvidenceEntry[]>;
}

type Check = (v: unknown) => Text | undefined;

const kind = (v: unknown): Text =>
  v === null
    ? t('null', 'null')
    : Array.isArray(v)
      ? t('một danh sách', 'a list')
      : typeof v === 'string'
        ? t('chuỗi ký tự', 'a string')
        : typeof v === 'number'
          ? t('số', 'a number')
          : typeof v === 'boolean'
            ? t('true/false', 'true/false')
            : t('một đối tượng', 'an object');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const needs = (what: Text, v: unknown): Text => {
  const got = kind(v);
  return t(`cần ${what.vi}, không phải ${got.vi}`, `expected ${what.en}, not ${got.en}`);
};

const text: Check = (v) => (typeof v === 'string' ? undefined : needs(t('chuỗi ký tự', 'a string'), v));
const year: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 2000 && v <= 2100
    ? undefined
    : needs(t('năm từ 2000 đến 2100', 'a year 2000–2100'), v);
const values: Check = (v) =>
  isObject(v) ? undefined : needs(t('đối tượng {"mã tiêu chí": giá trị}', 'an object {"criterion id": value}'), v);
const general: Check = (v) =>
  isObject(v) ? undefined : needs(t('đối tượng {"mục thông tin chung": giá trị}', 'an object {"item": value}'), v);
const options: Check = (v) =>
  isObject(v) && Object.values(v).every((x) => typeof x === 'string')
    ? undefined
    : needs(t('đối tượng {"cách đọc": "lựa chọn"}', 'an object {"option": "choice"}'), v);

/** `{"criterion id": [documents]}`, each document's fields known and single values (`evidenceFromJson`). */
const evidence: Check = (v) => {
  if (!isObject(v))
    return needs(t('đối tượng {"mã tiêu chí": [tài liệu]}', 'an object {"criterion id": [documents]}'), v);
  const problems = Object.entries(v).flatMap(([id, docs]) =>
    evidenceFromJson(docs).problems.map((p) => t(`"${clip(id)}" ${p.vi}`, `"${clip(id)}" ${p.en}`)),
  );
  return problems.length ? t(problems.map((p) => p.vi).join('; '), problems.map((p) => p.en).join('; ')) : undefined;
};

const FIELDS: [name: keyof AssessmentFile, check: Check, required: boolean][] = [
  ['rubric', text, true],
  ['unit', text, true],
  ['unitName', text, false],
  ['year', year, false],
  ['values', values, true],
  ['general', general, false],
  ['options', options, false],
  ['evidence', evidence, false],
];

/**
 * Criterion ids that are the same once spaces are trimmed ("I.1.1" and " I.1.1 "): the engine
 * would keep one of the two values, silently.
 */
function keyProblems(values: Record<string, unknown>): Text[] {
  const byTrimmed = new Map<string, string[]>();
  for (const key of Object.keys(values)) {
    const list = byTrimmed.get(key.trim()) ?? [];
    list.push(key);
    byTrimmed.set(key.trim(), list);
  }
  return [...byTrimmed]
    .filter(([, keys]) => keys.length > 1)
    .map(([id, keys]) => {
      const shown = keys.map((k) => JSON.stringify(clip(k))).join(', ');
      return t(
        `values: ${shown} là cùng một mã "${clip(id)}" sau khi bỏ khoảng trắng; chỉ giữ một`,
        `values: ${shown} are the same id "${clip(id)}" once spaces are trimmed; keep one`,
      );
    });
}

/** The problems of a parsed file's shape, one line per field. */
function shapeProblems(data: unknown): Text[] {
  if (!isObject(data))
    return [
      t(
        `(gốc): ${needs(t('một đối tượng JSON', 'a JSON object'), data).vi}`,
        `(root): ${needs(t('a JSON object', 'a JSON object'), data).en}`,
      ),
    ];
  const problems: Text[] = [];
  for (const [name, check, required] of FIELDS) {
    if (data[name] === undefined) {
      if (required) problems.push(t(`${name}: thiếu`, `${name}: missing`));
      continue;
    }
    const problem = check(data[name]);
    if (problem) problems.push(t(`${name}: ${problem.vi}`, `${name}: ${problem.en}`));
  }
  return problems;
}

/**
 * No self-assessment nests deeper than a few levels (values → an object of sub-conditions → a
 * list); a hostile file nested 100,000 deep would exhaust the stack of whatever walks it.
 */
export const MAX_JSON_DEPTH = 32;

/** How deep the text's arrays and objects nest (strings skipped), scanning no further than max + 1. */
function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > max) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export function parseAssessmentJson(file: string, bytes: Uint8Array): AssessmentFile {
  const kind = describeFile(bytes, file);
  if (kind.kind !== 'json')
    throw new DtiError(
      'json',
      t(
        `${file}: ${kind.text.vi}; cần bản tự đánh giá .json hoặc mẫu Excel .xlsx`,
        `${file}: ${kind.text.en}; a self-assessment .json or an Excel template .xlsx is needed`,
      ),
    );
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new DtiError(
      'json',
      t(
        `${file}: dữ liệu lồng nhau quá ${MAX_JSON_DEPTH} cấp, không phải bản tự đánh giá`,
        `${file}: nested deeper than ${MAX_JSON_DEPTH} levels, not a self-assessment`,
      ),
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = clip((e as Error).message, 120);
    throw new DtiError('json', t(`${file}: không phải JSON hợp lệ (${m})`, `${file}: not valid JSON (${m})`));
  }
  const problems = shapeProblems(data);
  if (problems.length) {
    const lines = (lang: 'vi' | 'en') => problems.map((p) => `  ${p[lang]}`).join('\n');
    throw new DtiError(
      'file-shape',
      t(
        `${file}: cần {"rubric": ID, "unit": loại đơn vị, "values": {mã tiêu chí: giá trị}}\n${lines('vi')}`,
        `${file}: expected {"rubric": ID, "unit": unit type, "values": {criterion id: value}}\n${lines('en')}`,
      ),
    );
  }
  const d = data as Record<string, unknown>;
  const keys = keyProblems(d.values as Record<string, unknown>);
  if (keys.length) {
    const lines = (lang: 'vi' | 'en') => keys.map((p) => `  ${p[lang]}`).join('\n');
    throw new DtiError(
      'file-shape',
      t(`${file}: các mã tiêu chí không rõ ràng\n${lines('vi')}`, `${file}: ambiguous criterion ids\n${lines('en')}`),
    );
  }
  // Only the known fields go on, as before (unknown ones are ignored); documents in their one shape.
  const read = Object.fromEntries(
    FIELDS.map(([name]) => [name, d[name]]).filter(([, v]) => v !== undefined),
  ) as unknown as AssessmentFile;
  if (read.evidence)
    read.evidence = Object.fromEntries(
      Object.entries(read.evidence).map(([id, docs]) => [id, evidenceFromJson(docs).documents]),
    );
  return read;
}

/**
 * A self-assessment .json file: its shape checked by hand (a schema library costs more to load
 * than scoring a file takes), each problem named by its field, in both languages.
 */
import { DtiError, t, type Text } from '../base';

export interface AssessmentFile {
  rubric: string;
  unit: string;
  unitName?: string;
  year?: number;
  values: Record<string, unknown>;
  options?: Record<string, string>;
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
const options: Check = (v) =>
  isObject(v) && Object.values(v).every((x) => typeof x === 'string')
    ? undefined
    : needs(t('đối tượng {"cách đọc": "lựa chọn"}', 'an object {"option": "choice"}'), v);

const FIELDS: [name: keyof AssessmentFile, check: Check, required: boolean][] = [
  ['rubric', text, true],
  ['unit', text, true],
  ['unitName', text, false],
  ['year', year, false],
  ['values', values, true],
  ['options', options, false],
];

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

export function parseAssessmentJson(file: string, bytes: Uint8Array): AssessmentFile {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = (e as Error).message;
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
  // Only the known fields go on, as before (unknown ones are ignored).
  return Object.fromEntries(
    FIELDS.map(([name]) => [name, d[name]]).filter(([, v]) => v !== undefined),
  ) as unknown as AssessmentFile;
}

/**
 * Reading what an officer entered (JSON, an Excel cell, the pane) as typed values: the one place
 * entries are parsed. Lenient about form — Có/Không and the decision's own words, "62%", "0,62",
 * "1.200", dd/mm/yyyy, Excel date serials, the leading words of an option — and strict about
 * meaning: what could be read two ways is refused with a message naming what was entered and what
 * is expected, never guessed.
 */
import { fold, t, type Text } from '../base';

export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Anything a value can be before parsing. */
export type RawValue = unknown;

export type Parsed<T> = { ok: true; value: T; warnings?: Text[] } | { ok: false; error: Text };

export const ok = <T>(value: T, warnings?: Text[]): Parsed<T> =>
  warnings?.length ? { ok: true, value, warnings } : { ok: true, value };
const fail = (vi: string, en: string): Parsed<never> => ({ ok: false, error: t(vi, en) });

/** null, undefined, an empty or blank string: nothing was entered. */
export function isBlank(raw: RawValue, depth = 0): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  // An empty list or record, or one of blanks only (an empty range, {"numerator": null}), holds no entry.
  if (typeof raw !== 'object' || depth > 4) return false;
  const items = Array.isArray(raw) ? raw : Object.values(raw);
  return items.every((x) => isBlank(x as RawValue, depth + 1));
}

/** "Không áp dụng" (or "KAD", "na", "n/a") declares the criterion not applicable. */
export function isNotApplicable(raw: RawValue): boolean {
  if (typeof raw !== 'string') return false;
  const k = fold(raw);
  return k === 'na' || k === 'n/a' || k === 'khong ap dung' || k === 'kad' || k === 'k/a/d';
}

/** What was entered, as a message quotes it: text in quotes, long values cut (~80 characters). */
export function shown(raw: RawValue): string {
  let s: string;
  if (typeof raw === 'string') s = `"${raw}"`;
  else {
    try {
      s = JSON.stringify(raw) ?? String(raw);
    } catch {
      s = String(raw);
    }
  }
  if (s.length <= 80) return s;
  // A quoted text keeps its closing quote, so the cut is plain to see.
  return typeof raw === 'string' ? `${s.slice(0, 81)}…"` : `${s.slice(0, 80)}…`;
}

// ---------------------------------------------------------------- numbers

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A number written as a number or as text: "1.200.000" and "1,200,000" (thousands), "1.200,5" and
 * "1,200.5" (the last mark is the decimal one), "0,62" or "0.62". One mark followed by exactly
 * three digits reads as thousands where a whole number is expected ("1.200" households), as a
 * decimal elsewhere.
 */
export function toNumber(raw: RawValue, wholeExpected = false): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.replace(SPACES, '');
  const m = /^([-+]?)(\d+(?:[.,]\d+)*)$/.exec(s) ?? /^([-+]?)([.,]\d+)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const marks = body.replace(/\d/g, '');
  let normal: string;
  if (marks.length === 0) normal = body;
  else if (new Set(marks).size === 2) {
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    if (marks.slice(0, -1).includes(decimal)) return undefined; // "1,2.3,4"
    normal = body.split(thousands).join('').replace(decimal, '.');
  } else if (marks.length > 1) {
    if (!/^\d{1,3}([.,]\d{3})+$/.test(body)) return undefined;
    normal = body.replace(/[.,]/g, '');
  } else {
    const [whole, fraction] = body.split(/[.,]/);
    normal = wholeExpected && fraction.length === 3 && whole !== '0' ? whole + fraction : `${whole || '0'}.${fraction}`;
  }
  const n = Number(`${m[1]}${normal}`);
  return Number.isFinite(n) ? n : undefined;
}

export function parseCount(raw: RawValue): Parsed<number> {
  const n = toNumber(raw, true);
  if (n === undefined) return fail(`${shown(raw)} không phải số`, `${shown(raw)} is not a number`);
  if (n < 0) return fail(`số lượng ${n} là số âm`, `count ${n} is negative`);
  if (!Number.isInteger(n)) return fail(`số lượng ${n} không phải số nguyên`, `count ${n} is not a whole number`);
  return ok(n);
}

export function parseNonNegative(raw: RawValue): Parsed<number> {
  const n = toNumber(raw);
  if (n === undefined) return fail(`${shown(raw)} không phải số`, `${shown(raw)} is not a number`);
  if (n < 0) return fail(`${n} là số âm`, `${n} is negative`);
  return ok(n);
}

const pct = (n: number) => `${Number((n * 100).toFixed(2))}%`.replace('.', ',');
const pctEn = (n: number) => `${Number((n * 100).toFixed(2))}%`;

/**
 * A share 0–100%: 0.62, "0,62", "62%", "62 %" (a cell formatted as % reaches here as 0.62). A
 * number above 1 is refused with the reading it probably meant ("62" → did you mean 62%?).
 */
export function parseShare(raw: RawValue): Parsed<number> {
  const text = typeof raw === 'string' ? raw.replace(SPACES, '') : undefined;
  const percent = text?.endsWith('%');
  const n = percent ? toNumber(text!.slice(0, -1)) : toNumber(raw);
  if (n === undefined) return fail(`${shown(raw)} không phải tỷ lệ`, `${shown(raw)} is not a share`);
  const share = percent ? n / 100 : n;
  if (share < 0) return fail(`tỷ lệ ${shown(raw)} là số âm`, `share ${shown(raw)} is negative`);
  if (share <= 1) return ok(share);
  if (!percent && n <= 100)
    return fail(
      `tỷ lệ ${shown(raw)} lớn hơn 100%: có phải ${pct(n / 100)}? Nhập ${pct(n / 100)} hoặc ${String(n / 100).replace('.', ',')}`,
      `share ${shown(raw)} is above 100%: did you mean ${pctEn(n / 100)}? Enter ${pctEn(n / 100)} or ${n / 100}`,
    );
  return fail(`tỷ lệ ${shown(raw)} lớn hơn 100%`, `share ${shown(raw)} is above 100%`);
}

// ---------------------------------------------------------------- words

/** Something a person may type for a value: its id, its labels, or their leading words. */
export interface Choice<V> {
  value: V;
  /** Exact forms (ids, short words): matched whole, case and accents ignored. */
  exact: string[];
  /** Labels: matched whole, or by their first words when no other label starts the same. */
  labels: string[];
}

const words = (s: string) =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The choice a text names: an exact form or a whole label; else the one label whose first words
 * are the words typed ("Người đứng đầu" for "Người đứng đầu (Chủ tịch …) làm Trưởng Ban chỉ đạo").
 * `ambiguous` lists the labels an unclear text could mean.
 */
export function matchChoice<V>(
  raw: string,
  choices: readonly Choice<V>[],
): { found?: Choice<V>; ambiguous?: Choice<V>[] } {
  const k = fold(raw);
  const whole = choices.filter((c) => c.exact.some((e) => fold(e) === k) || c.labels.some((l) => fold(l) === k));
  if (whole.length === 1) return { found: whole[0] };
  if (whole.length > 1) return { ambiguous: whole };
  const typed = words(raw);
  if (typed.length === 0) return {};
  const starts = choices.filter((c) => c.labels.some((l) => typed.every((w, i) => words(l)[i] === w)));
  if (starts.length === 1) return { found: starts[0] };
  return starts.length > 1 ? { ambiguous: starts } : {};
}

const YES = ['có', 'yes', 'true', 'x', 'đạt', 'đã', 'y', 'rồi', 'có thực hiện'];
const NO = ['không', 'no', 'false', 'chưa', 'chưa đạt', 'không đạt', 'n', 'chưa thực hiện', 'không thực hiện'];

/**
 * Có/Không, TRUE/FALSE, yes/no — and the decision's own words for the yes or the no cell ("Có hệ
 * thống", "Không xảy ra sự cố"). 1/0 read as yes/no only where `numbers` allows: on a criterion
 * whose title is a count, a bare number means a count and is refused.
 */
export function parseBoolean(
  raw: RawValue,
  options: { yes?: string[]; no?: string[]; numbers?: boolean } = {},
): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const numbers = options.numbers ?? true;
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*[01]\s*$/.test(raw))) {
    const n = Number(raw);
    if (numbers && (n === 0 || n === 1)) return ok(n === 1);
    return fail(`${shown(raw)} là một con số, không phải Có/Không`, `${shown(raw)} is a number, not yes/no`);
  }
  if (typeof raw === 'string') {
    const found = matchChoice(raw, [
      { value: true, exact: YES, labels: options.yes ?? [] },
      { value: false, exact: NO, labels: options.no ?? [] },
    ]).found;
    if (found) return ok(found.value);
  }
  return fail(`${shown(raw)} không phải Có/Không`, `${shown(raw)} is not yes/no`);
}

/** Choice among labelled options: by id, by label in either language, or by the label's leading words. */
export function parseChoice<O extends { id: string; label: { vi: string; en?: string } }>(
  raw: RawValue,
  options: readonly O[],
): Parsed<O> {
  const list = (os: readonly O[]) => os.map((o) => o.label.vi).join(' / ');
  if (typeof raw === 'string') {
    const m = matchChoice(
      raw,
      options.map((o) => ({ value: o, exact: [o.id], labels: [o.label.vi, ...(o.label.en ? [o.label.en] : [])] })),
    );
    if (m.found) return ok(m.found.value);
    if (m.ambiguous)
      return fail(
        `${shown(raw)} có thể là nhiều lựa chọn: ${list(m.ambiguous.map((c) => c.value))}; nhập rõ hơn`,
        `${shown(raw)} could mean several choices: ${m.ambiguous.map((c) => c.value.id).join(' / ')}; be more specific`,
      );
  }
  // The choices themselves follow in the message's "cần …" (expected).
  return fail(`${shown(raw)} không phải một lựa chọn`, `${shown(raw)} is not one of the choices`);
}

// ---------------------------------------------------------------- ratios

function isRecord(raw: RawValue): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Composite values are objects keyed by part id. */
export function asRecord(raw: RawValue): Record<string, unknown> | undefined {
  return isRecord(raw) ? raw : undefined;
}

/** A ratio's value: the share it is, and the counts when it was entered as counts. */
export interface RatioValue {
  /** null when the denominator is 0. */
  ratio: number | null;
  counts?: Ratio;
}

export type RatioParse = Parsed<RatioValue> | { ok: 'missing'; explain: Text };

/**
 * A ratio entered as a share (0.62, "62%", `{share}`) or as counts (`{numerator, denominator}`),
 * or both (they must agree). A numerator above the denominator is capped at 100% with a warning,
 * the same everywhere (more teams than villages, more infections handled than notified).
 * Counts with one part missing are not yet entered, not an error.
 */
export function parseRatioValue(raw: RawValue): RatioParse {
  if (!isRecord(raw)) {
    const s = parseShare(raw);
    return s.ok ? ok({ ratio: s.value }) : s;
  }
  const known = new Set(['share', 'numerator', 'denominator']);
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length)
    return fail(
      `không có phần "${unknown.join('", "')}"; cần "share" (tỷ lệ) hoặc "numerator"/"denominator" (tử số/mẫu số)`,
      `no part "${unknown.join('", "')}"; expected "share" or "numerator"/"denominator"`,
    );
  const share = isBlank(raw.share) ? undefined : parseShare(raw.share);
  if (share && !share.ok) return share;
  const [num, den] = [raw.numerator, raw.denominator];
  if (isBlank(num) && isBlank(den)) {
    if (share) return ok({ ratio: share.value });
    return { ok: 'missing', explain: t('chưa nhập tỷ lệ hoặc tử số/mẫu số', 'neither a share nor counts entered') };
  }
  if (isBlank(num) || isBlank(den))
    return {
      ok: 'missing',
      explain: isBlank(num)
        ? t('chưa nhập tử số', 'numerator not entered')
        : t('chưa nhập mẫu số', 'denominator not entered'),
    };
  const n = parseCount(num);
  if (!n.ok) return fail(`tử số: ${n.error.vi}`, `numerator: ${n.error.en}`);
  const d = parseCount(den);
  if (!d.ok) return fail(`mẫu số: ${d.error.vi}`, `denominator: ${d.error.en}`);
  const warnings: Text[] = [];
  let counts = { numerator: n.value, denominator: d.value };
  if (n.value > d.value) {
    warnings.push(
      t(
        `tử số ${n.value} lớn hơn mẫu số ${d.value}: tính là 100%`,
        `numerator ${n.value} is above the denominator ${d.value}: counted as 100%`,
      ),
    );
    counts = { numerator: d.value, denominator: d.value };
  }
  const ratio = counts.denominator === 0 ? null : counts.numerator / counts.denominator;
  if (share && ratio !== null && Math.abs(share.value - ratio) > 0.005)
    return fail(
      `tỷ lệ ${pct(share.value)} khác tử số/mẫu số ${n.value}/${d.value} (${pct(ratio)}): chỉ nhập một cách, hoặc sửa cho khớp`,
      `share ${pctEn(share.value)} differs from the counts ${n.value}/${d.value} (${pctEn(ratio)}): enter one or make them agree`,
    );
  return ok({ ratio, counts }, warnings);
}

// ---------------------------------------------------------------- dates

const SERIAL_1900 = Date.UTC(1899, 11, 30);
const SERIAL_1904 = Date.UTC(1904, 0, 1);
/** Serials before this (2000-01-01) are small numbers, not dates of an assessment. */
export const FIRST_DATE_SERIAL = 36526;

/** An Excel date serial as an ISO date (1900 date system; 1904 for workbooks that use it). */
export function serialToIso(serial: number, date1904 = false): string {
  return new Date((date1904 ? SERIAL_1904 : SERIAL_1900) + Math.floor(serial) * 86400000).toISOString().slice(0, 10);
}

/**
 * The ISO date a value writes, whatever its form ("2025-04-15", "15/04/2025", "15.4.2025",
 * "15-04-2025", an Excel serial); undefined when it is none. A conversion, no policy.
 */
export function toIsoDate(raw: RawValue): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0 && raw < 2958466) return serialToIso(raw);
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  return date.getUTCFullYear() === +y && date.getUTCMonth() === +m - 1 && date.getUTCDate() === +d
    ? date.toISOString().slice(0, 10)
    : undefined;
}

/**
 * A date as officers enter it: ISO, dd/mm/yyyy (also with dots or dashes), an Excel date serial.
 * A small number (before 2000) is not a date; with `year`, a date outside the assessment year and
 * the year before is refused.
 */
export function parseDate(raw: RawValue, year?: number): Parsed<string> {
  if (typeof raw === 'number' && raw < FIRST_DATE_SERIAL)
    return fail(
      `${shown(raw)} là một con số, không phải ngày (nhập dd/mm/yyyy)`,
      `${shown(raw)} is a number, not a date (enter dd/mm/yyyy)`,
    );
  const iso = toIsoDate(raw);
  if (!iso) {
    const looksDated = typeof raw === 'string' && /^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$/.test(raw);
    return looksDated
      ? fail(`ngày ${shown(raw)} không tồn tại`, `date ${shown(raw)} does not exist`)
      : fail(`${shown(raw)} không phải ngày (dd/mm/yyyy)`, `${shown(raw)} is not a date (dd/mm/yyyy)`);
  }
  const y = Number(iso.slice(0, 4));
  if (year !== undefined && (y < year - 1 || y > year))
    return fail(`ngày ${dmyOf(iso)} ngoài năm đánh giá ${year}`, `date ${iso} is outside the assessment year ${year}`);
  return ok(iso);
}

/** "2025-04-15" → "15/04/2025". */
export const dmyOf = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// ---------------------------------------------------------------- lists

/** A list of whole numbers in [min, max]: an array, or text "1, 2; 3". */
export function parseIntList(raw: RawValue, min: number, max: number): Parsed<number[]> {
  const items: unknown[] = Array.isArray(raw)
    ? raw.flat(2).filter((x) => !isBlank(x))
    : typeof raw === 'string'
      ? raw.split(/[,;\s]+/).filter(Boolean)
      : typeof raw === 'number'
        ? [raw]
        : [];
  if (items.length === 0)
    return fail(`${shown(raw)} không phải danh sách mức độ`, `${shown(raw)} is not a list of levels`);
  const out: number[] = [];
  for (const item of items) {
    const n = toNumber(item, true);
    if (n === undefined || !Number.isInteger(n) || n < min || n > max) {
      // Quote the whole entry too when the bad item is only part of it.
      const within = typeof raw === 'string' && items.length > 1 ? ` (${shown(raw)})` : '';
      return fail(
        `${shown(item)}${within} không phải mức độ từ ${min} đến ${max}`,
        `${shown(item)}${within} is not a level from ${min} to ${max}`,
      );
    }
    out.push(n);
  }
  return ok(out);
}

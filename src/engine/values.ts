/**
 * Turning what an officer entered (JSON, an Excel cell) into typed engine input. Parsers are
 * lenient about form (Có/Không, "45%", Excel date serials, numbers typed as text) and strict
 * about meaning: a ratio above 100% or a negative count is an error, never a guess.
 */
import { fold, t, type Text } from '../base';

export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Anything a value can be before parsing. */
export type RawValue = unknown;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Text };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (vi: string, en: string): Parsed<never> => ({ ok: false, error: t(vi, en) });

/** null, undefined, an empty or blank string: nothing was entered. */
export function isBlank(raw: RawValue): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** "na" (or the Vietnamese "Không áp dụng"/"KAD") declares the criterion not applicable. */
export function isNotApplicable(raw: RawValue): boolean {
  if (typeof raw !== 'string') return false;
  const k = fold(raw);
  return k === 'na' || k === 'n/a' || k === 'khong ap dung' || k === 'kad';
}

const describe = (raw: RawValue): string => {
  if (typeof raw === 'string') return `"${raw}"`;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
};

/** Reads a number written as a number or as text with a decimal comma or point. */
function toNumber(raw: RawValue): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().replace(/\s/g, '');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return undefined;
  return Number(s.replace(',', '.'));
}

const YES = new Set(['co', 'yes', 'true', 'x', 'dat', 'da', '1', 'y']);
const NO = new Set(['khong', 'no', 'false', 'chua', 'chua dat', 'khong dat', '0', 'n']);

export function parseBoolean(raw: RawValue): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw === 'string') {
    const k = fold(raw);
    if (YES.has(k)) return ok(true);
    if (NO.has(k)) return ok(false);
  }
  return fail(`${describe(raw)} không phải Có/Không`, `${describe(raw)} is not yes/no`);
}

export function parseCount(raw: RawValue): Parsed<number> {
  const n = toNumber(raw);
  if (n === undefined) return fail(`${describe(raw)} không phải số`, `${describe(raw)} is not a number`);
  if (n < 0) return fail(`số lượng ${n} là số âm`, `count ${n} is negative`);
  if (!Number.isInteger(n)) return fail(`số lượng ${n} không phải số nguyên`, `count ${n} is not a whole number`);
  return ok(n);
}

export function parseNonNegative(raw: RawValue): Parsed<number> {
  const n = toNumber(raw);
  if (n === undefined) return fail(`${describe(raw)} không phải số`, `${describe(raw)} is not a number`);
  if (n < 0) return fail(`${n} là số âm`, `${n} is negative`);
  return ok(n);
}

function isRatioObject(raw: RawValue): raw is { numerator: unknown; denominator: unknown } {
  return typeof raw === 'object' && raw !== null && 'numerator' in raw && 'denominator' in raw;
}

/** A numerator/denominator pair: whole, non-negative, numerator ≤ denominator. */
export function parseCounts(raw: RawValue): Parsed<Ratio> {
  if (!isRatioObject(raw))
    return fail(`${describe(raw)} không phải cặp tử số/mẫu số`, `${describe(raw)} is not a numerator/denominator pair`);
  const n = parseCount(raw.numerator);
  if (!n.ok) return fail(`tử số: ${n.error.vi}`, `numerator: ${n.error.en}`);
  const d = parseCount(raw.denominator);
  if (!d.ok) return fail(`mẫu số: ${d.error.vi}`, `denominator: ${d.error.en}`);
  if (n.value > d.value)
    return fail(
      `tử số ${n.value} lớn hơn mẫu số ${d.value}`,
      `numerator ${n.value} is greater than denominator ${d.value}`,
    );
  return ok({ numerator: n.value, denominator: d.value });
}

/** A fraction 0–1, written as 0.45, "0,45" or "45%". */
export function parseFraction(raw: RawValue): Parsed<number> {
  let n: number | undefined;
  if (typeof raw === 'string' && raw.trim().endsWith('%')) {
    const p = toNumber(raw.trim().slice(0, -1));
    n = p === undefined ? undefined : p / 100;
  } else n = toNumber(raw);
  if (n === undefined) return fail(`${describe(raw)} không phải tỷ lệ`, `${describe(raw)} is not a ratio`);
  if (n < 0 || n > 1)
    return fail(
      `tỷ lệ ${describe(raw)} nằm ngoài 0–1 (nhập 0,45 hoặc 45%)`,
      `ratio ${describe(raw)} is outside 0–1 (enter 0.45 or 45%)`,
    );
  return ok(n);
}

export type RatioInput = 'fraction' | 'counts' | 'either';

/** A ratio as the rule accepts it; the counts form keeps numerator and denominator. */
export function parseRatio(raw: RawValue, input: RatioInput): Parsed<{ ratio: number | null; counts?: Ratio }> {
  if (isRatioObject(raw)) {
    if (input === 'fraction')
      return fail('cần một tỷ lệ 0–1, không phải tử số/mẫu số', 'expected a ratio 0–1, not numerator/denominator');
    const c = parseCounts(raw);
    if (!c.ok) return c;
    return ok({ ratio: c.value.denominator === 0 ? null : c.value.numerator / c.value.denominator, counts: c.value });
  }
  if (input === 'counts')
    return fail(
      `${describe(raw)}: cần tử số và mẫu số ({"numerator": n, "denominator": d})`,
      `${describe(raw)}: expected numerator and denominator ({"numerator": n, "denominator": d})`,
    );
  const f = parseFraction(raw);
  return f.ok ? ok({ ratio: f.value }) : f;
}

/** An ISO date "YYYY-MM-DD", or an Excel date serial (1900 date system). */
export function parseDate(raw: RawValue): Parsed<string> {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 2958466) {
    // Excel serial: day 1 is 1900-01-01, and Excel counts a 29 Feb 1900 that never was.
    const ms = Date.UTC(1899, 11, 30) + raw * 86400000;
    return ok(new Date(ms).toISOString().slice(0, 10));
  }
  if (typeof raw === 'string') {
    const s = raw.trim();
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
    if (y && m && d) {
      const date = new Date(Date.UTC(+y, +m - 1, +d));
      if (date.getUTCFullYear() === +y && date.getUTCMonth() === +m - 1 && date.getUTCDate() === +d)
        return ok(date.toISOString().slice(0, 10));
      return fail(`ngày ${describe(raw)} không tồn tại`, `date ${describe(raw)} does not exist`);
    }
  }
  return fail(
    `${describe(raw)} không phải ngày (YYYY-MM-DD hoặc dd/mm/yyyy)`,
    `${describe(raw)} is not a date (YYYY-MM-DD or dd/mm/yyyy)`,
  );
}

/** Choice among labelled options: by id, or by label in either language, ignoring case and accents. */
export function parseChoice<O extends { id: string; label: { vi: string; en?: string } }>(
  raw: RawValue,
  options: readonly O[],
): Parsed<O> {
  if (typeof raw === 'string') {
    const k = fold(raw);
    const found = options.find(
      (o) => fold(o.id) === k || fold(o.label.vi) === k || (o.label.en && fold(o.label.en) === k),
    );
    if (found) return ok(found);
  }
  return fail(
    `${describe(raw)} không phải một lựa chọn: ${options.map((o) => o.label.vi).join(' / ')}`,
    `${describe(raw)} is not one of: ${options.map((o) => o.id).join(' / ')}`,
  );
}

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
    return fail(`${describe(raw)} không phải danh sách mức độ`, `${describe(raw)} is not a list of levels`);
  const out: number[] = [];
  for (const item of items) {
    const n = toNumber(item);
    if (n === undefined || !Number.isInteger(n) || n < min || n > max)
      return fail(
        `${describe(item)} không phải mức độ từ ${min} đến ${max}`,
        `${describe(item)} is not a level from ${min} to ${max}`,
      );
    out.push(n);
  }
  return ok(out);
}

/** Composite values are objects keyed by part id. */
export function asRecord(raw: RawValue): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

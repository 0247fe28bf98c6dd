import {
  parseBoolean,
  parseChoice,
  parseCount,
  parseDate,
  parseFraction,
  parseIntList,
  parseRatio,
  isNotApplicable,
} from '../../src/engine/values';

const value = <T>(p: { ok: boolean; value?: T }) => (p.ok ? p.value : 'ERR');

describe('value parsing: lenient in form, strict in meaning', () => {
  test('Có/Không in Vietnamese with or without accents, yes/no, booleans', () => {
    for (const yes of ['Có', 'có', 'CO', 'yes', true, 1, 'Đạt']) expect(value(parseBoolean(yes))).toBe(true);
    for (const no of ['Không', 'khong', 'No', false, 0, 'Chưa']) expect(value(parseBoolean(no))).toBe(false);
    expect(parseBoolean('maybe').ok).toBe(false);
    expect(parseBoolean(2).ok).toBe(false);
  });

  test('ratios as fractions, percent text or decimal comma; outside 0–1 is an error', () => {
    expect(value(parseFraction(0.45))).toBe(0.45);
    expect(value(parseFraction('45%'))).toBeCloseTo(0.45);
    expect(value(parseFraction('0,5'))).toBe(0.5);
    const over = parseFraction(45);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.vi).toContain('ngoài 0–1');
    expect(parseFraction(-0.1).ok).toBe(false);
    expect(parseFraction('abc').ok).toBe(false);
  });

  test('numerator/denominator must be whole, non-negative, numerator ≤ denominator', () => {
    expect(value(parseRatio({ numerator: 3, denominator: 4 }, 'either'))).toEqual({
      ratio: 0.75,
      counts: { numerator: 3, denominator: 4 },
    });
    expect(value(parseRatio({ numerator: 0, denominator: 0 }, 'counts'))).toEqual({
      ratio: null,
      counts: { numerator: 0, denominator: 0 },
    });
    expect(parseRatio({ numerator: 5, denominator: 4 }, 'either').ok).toBe(false);
    expect(parseRatio({ numerator: -1, denominator: 4 }, 'either').ok).toBe(false);
    expect(parseRatio(0.5, 'counts').ok).toBe(false);
    expect(parseRatio({ numerator: 1, denominator: 2 }, 'fraction').ok).toBe(false);
  });

  test('counts are whole and non-negative', () => {
    expect(value(parseCount(3))).toBe(3);
    expect(value(parseCount('12'))).toBe(12);
    const neg = parseCount(-1);
    expect(neg.ok).toBe(false);
    if (!neg.ok) expect(neg.error.vi).toContain('âm');
    expect(parseCount(1.5).ok).toBe(false);
  });

  test('dates: ISO, dd/mm/yyyy and Excel serials; impossible dates are errors', () => {
    expect(value(parseDate('2024-01-15'))).toBe('2024-01-15');
    expect(value(parseDate('15/01/2024'))).toBe('2024-01-15');
    expect(value(parseDate(45306))).toBe('2024-01-15'); // Excel serial of 15 Jan 2024
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('soon').ok).toBe(false);
  });

  test('choices match id or label, ignoring case and accents', () => {
    const options = [
      { id: 'head', label: { vi: 'Người đứng đầu', en: 'Head of unit' } },
      { id: 'deputy', label: { vi: 'Cấp phó', en: 'Deputy' } },
    ];
    expect(value(parseChoice('deputy', options))).toMatchObject({ id: 'deputy' });
    expect(value(parseChoice('nguoi dung dau', options))).toMatchObject({ id: 'head' });
    expect(parseChoice('chief', options).ok).toBe(false);
  });

  test('level lists from arrays (Excel ranges are nested) or text', () => {
    expect(value(parseIntList([[1], [2], [null]], 0, 5))).toEqual([1, 2]);
    expect(value(parseIntList('3, 4;5', 0, 5))).toEqual([3, 4, 5]);
    expect(parseIntList([6], 0, 5).ok).toBe(false);
    expect(parseIntList([], 0, 5).ok).toBe(false);
  });

  test('"na" and "Không áp dụng" declare not applicable', () => {
    expect(isNotApplicable('na')).toBe(true);
    expect(isNotApplicable('Không áp dụng')).toBe(true);
    expect(isNotApplicable('no')).toBe(false);
  });
});

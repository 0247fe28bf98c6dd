/**
 * Reading entries as officers make them: lenient in form, strict in meaning. Each expectation is
 * what the entry plainly means to a person (a Vietnamese "1.200" households is twelve hundred;
 * "62" in a share is not 6200%), or a refusal that says what was entered and what is expected.
 */
import {
  isNotApplicable,
  matchChoice,
  parseBoolean,
  parseChoice,
  parseCount,
  parseDate,
  parseIntList,
  parseRatioValue,
  parseShare,
  serialToIso,
  shown,
  toNumber,
} from '../../src/engine/values';

const value = <T>(p: { ok: boolean | 'missing'; value?: T }) => (p.ok === true ? p.value : 'ERR');
const error = (p: { ok: boolean | 'missing'; error?: { vi: string } }) => (p.ok === false ? p.error!.vi : 'OK');

describe('numbers as people write them', () => {
  test('a decimal comma or point, thousands marks where the number is whole', () => {
    expect(toNumber('0,62')).toBe(0.62);
    expect(toNumber('0.62')).toBe(0.62);
    expect(toNumber('1.200', true)).toBe(1200); // "1.200 hộ gia đình"
    expect(toNumber('1,200', true)).toBe(1200);
    expect(toNumber('1.200.000')).toBe(1200000);
    expect(toNumber('1.200,5')).toBe(1200.5);
    expect(toNumber('1,200.5')).toBe(1200.5);
    expect(toNumber('1 200', true)).toBe(1200);
    expect(toNumber('1.5')).toBe(1.5);
    expect(toNumber('12 hộ')).toBeUndefined();
    expect(toNumber('1,2.3,4')).toBeUndefined();
  });

  test('counts are whole and non-negative', () => {
    expect(value(parseCount(3))).toBe(3);
    expect(value(parseCount('12'))).toBe(12);
    expect(value(parseCount('1.250'))).toBe(1250);
    expect(error(parseCount(-1))).toContain('âm');
    expect(error(parseCount(1.5))).toContain('không phải số nguyên');
  });
});

describe('shares', () => {
  test('0–1, a percentage with or without a space, a decimal comma', () => {
    expect(value(parseShare(0.45))).toBe(0.45);
    expect(value(parseShare('45%'))).toBeCloseTo(0.45);
    expect(value(parseShare('67,5 %'))).toBeCloseTo(0.675);
    expect(value(parseShare('0,5'))).toBe(0.5);
    expect(value(parseShare(1))).toBe(1);
  });

  test('a number above 1 is not guessed: the message offers the percentage it may mean', () => {
    expect(error(parseShare(45))).toBe('tỷ lệ 45 lớn hơn 100%: có phải 45%? Nhập 45% hoặc 0,45');
    expect(error(parseShare('150%'))).toContain('lớn hơn 100%');
    expect(error(parseShare(-0.1))).toContain('âm');
    expect(error(parseShare('abc'))).toContain('không phải tỷ lệ');
  });
});

describe('ratios: a share, the counts, or both', () => {
  test('counts give their share and keep the counts', () => {
    expect(value(parseRatioValue({ numerator: 3, denominator: 4 }))).toEqual({
      ratio: 0.75,
      counts: { numerator: 3, denominator: 4 },
    });
    expect(value(parseRatioValue({ numerator: 0, denominator: 0 }))).toEqual({
      ratio: null,
      counts: { numerator: 0, denominator: 0 },
    });
    expect(value(parseRatioValue(0.675))).toEqual({ ratio: 0.675 });
    expect(value(parseRatioValue({ share: '67,5%' }))).toEqual({ ratio: 0.675 });
  });

  test('a numerator above the denominator counts as 100%, with a warning (one rule everywhere)', () => {
    const r = parseRatioValue({ numerator: 12, denominator: 10 });
    expect(value(r)).toEqual({ ratio: 1, counts: { numerator: 10, denominator: 10 } });
    expect(r.ok === true && r.warnings?.[0].vi).toBe('tử số 12 lớn hơn mẫu số 10: tính là 100%');
  });

  test('a share and counts that disagree are refused; that agree, accepted', () => {
    expect(error(parseRatioValue({ share: 0.9, numerator: 1, denominator: 2 }))).toContain('khác tử số/mẫu số 1/2');
    expect(value(parseRatioValue({ share: 0.5, numerator: 1, denominator: 2 }))).toEqual({
      ratio: 0.5,
      counts: { numerator: 1, denominator: 2 },
    });
  });

  test('one count without the other is not yet entered, not an error', () => {
    expect(parseRatioValue({ numerator: 5 })).toMatchObject({ ok: 'missing' });
    expect(parseRatioValue({ denominator: 5 })).toMatchObject({ ok: 'missing' });
    expect(error(parseRatioValue({ numerator: -1, denominator: 4 }))).toContain('tử số');
    expect(error(parseRatioValue({ counts: 3 }))).toContain('không có phần "counts"');
  });
});

describe('yes/no', () => {
  test('Có/Không with or without accents, yes/no, booleans, 1/0', () => {
    for (const yes of ['Có', 'có', 'CO', 'yes', true, 1, 'Đạt', 'x']) expect(value(parseBoolean(yes))).toBe(true);
    for (const no of ['Không', 'khong', 'No', false, 0, 'Chưa', 'chưa thực hiện'])
      expect(value(parseBoolean(no))).toBe(false);
    expect(error(parseBoolean('maybe'))).toContain('không phải Có/Không');
    expect(error(parseBoolean(2))).toContain('con số');
  });

  test('the decision’s own words for the yes cell, whole or by their leading words', () => {
    const yes = ['Có sử dụng hệ thống'];
    expect(value(parseBoolean('Có sử dụng hệ thống', { yes }))).toBe(true);
    expect(value(parseBoolean('co su dung', { yes }))).toBe(true);
  });

  test('where the title is a count, a bare number is a count and is refused as a yes/no', () => {
    expect(error(parseBoolean(0, { numbers: false }))).toBe('0 là một con số, không phải Có/Không');
    expect(error(parseBoolean('1', { numbers: false }))).toContain('con số');
  });
});

describe('choices', () => {
  const options = [
    {
      id: 'head',
      label: {
        vi: 'Người đứng đầu (Chủ tịch UBND cấp xã) làm Trưởng Ban chỉ đạo',
        en: 'The head chairs the committee',
      },
    },
    {
      id: 'deputy',
      label: { vi: 'Cấp phó của người đứng đầu làm Trưởng Ban chỉ đạo', en: 'A deputy chairs the committee' },
    },
    { id: 'none', label: { vi: 'Không thành lập', en: 'No committee' } },
  ];
  test('by id, whole label, or the label’s unambiguous leading words', () => {
    expect(value(parseChoice('deputy', options))).toMatchObject({ id: 'deputy' });
    expect(value(parseChoice('Người đứng đầu', options))).toMatchObject({ id: 'head' });
    expect(value(parseChoice('nguoi dung dau', options))).toMatchObject({ id: 'head' });
    expect(value(parseChoice('Cấp phó', options))).toMatchObject({ id: 'deputy' });
  });

  test('leading words two labels share are refused, listing the choices', () => {
    const two = [
      { id: 'a', label: { vi: 'Có kế hoạch và triển khai' } },
      { id: 'b', label: { vi: 'Có kế hoạch, chưa triển khai' } },
    ];
    expect(error(parseChoice('Có kế hoạch', two))).toBe(
      '"Có kế hoạch" có thể là nhiều lựa chọn: Có kế hoạch và triển khai / Có kế hoạch, chưa triển khai; nhập rõ hơn',
    );
    expect(error(parseChoice('chief', options))).toContain('không phải một lựa chọn');
    expect(matchChoice('', [{ value: 1, exact: [], labels: ['x'] }])).toEqual({});
  });
});

describe('dates', () => {
  test('ISO, dd/mm/yyyy with slashes, dots or dashes, Excel serials', () => {
    expect(value(parseDate('2024-01-15'))).toBe('2024-01-15');
    expect(value(parseDate('15/01/2024'))).toBe('2024-01-15');
    expect(value(parseDate('15.1.2024'))).toBe('2024-01-15');
    expect(value(parseDate('15-01-2024'))).toBe('2024-01-15');
    expect(value(parseDate(45306))).toBe('2024-01-15'); // Excel serial of 15 Jan 2024
    expect(serialToIso(43844, true)).toBe('2024-01-15'); // the same day in the 1904 date system
  });

  test('a small number is not a date; an impossible date is said so', () => {
    expect(error(parseDate(1))).toBe('1 là một con số, không phải ngày (nhập dd/mm/yyyy)');
    expect(error(parseDate('2024-02-30'))).toBe('ngày "2024-02-30" không tồn tại');
    expect(error(parseDate('soon'))).toContain('không phải ngày');
  });

  test('with the assessment year, a date outside it and the year before is refused', () => {
    expect(value(parseDate('28/12/2023', 2024))).toBe('2023-12-28');
    expect(error(parseDate('2019-05-01', 2024))).toBe('ngày 01/05/2019 ngoài năm đánh giá 2024');
    expect(error(parseDate('2025-01-02', 2024))).toContain('ngoài năm đánh giá');
  });
});

describe('lists, "Không áp dụng", echoes', () => {
  test('level lists from arrays (Excel ranges are nested) or text', () => {
    expect(value(parseIntList([[1], [2], [null]], 0, 5))).toEqual([1, 2]);
    expect(value(parseIntList('3, 4;5', 0, 5))).toEqual([3, 4, 5]);
    expect(parseIntList([6], 0, 5).ok).toBe(false);
    expect(parseIntList([], 0, 5).ok).toBe(false);
  });

  test('"Không áp dụng", "KAD", "na", "n/a" declare not applicable', () => {
    for (const na of ['na', 'N/A', 'Không áp dụng', 'khong ap dung', 'KAD'])
      expect([na, isNotApplicable(na)]).toEqual([na, true]);
    expect(isNotApplicable('no')).toBe(false);
  });

  test('what was entered is quoted, long values cut to about 80 characters', () => {
    // The first 80 characters, the cut marked, the closing quote kept.
    expect(shown('x'.repeat(200))).toBe(`"${'x'.repeat(80)}…"`);
    expect(shown('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(shown({ a: 1 })).toBe('{"a":1}');
  });
});

/** Data quality across the whole library: what an officer reads must be clean Vietnamese. */
import { allRubrics } from '../../src/rubrics';

const all = allRubrics().flatMap((r) => r.criteria.map((c) => ({ r, c })));

describe('rubric library', () => {
  test('the four decisions are loaded and valid', () => {
    expect(
      allRubrics()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['hanoi-5279-2025', 'hue-2263-2023', 'hue-931-2024', 'kontum-121-2025']);
  });

  // Letters the 2263 extraction lost ("Đi u  iện", "n m", "v n bản", "   số") must not reach officers.
  // Word boundaries by Unicode letters: JavaScript's \b treats "ề" as a non-word character.
  const word = (w: string) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u');
  const damage = [/ {2}/, word('Đi u'), word('n m'), word('v n bản'), word('qu'), / iện/, /\uFFFD/];
  test.each(all.map(({ r, c }) => [`${r.id} ${c.units.join('/')} ${c.id}`, c] as const))(
    '%s: title, guidance and evidence read cleanly',
    (_n, c) => {
      for (const text of [c.title, c.guidance ?? '', c.evidence?.text ?? ''])
        for (const d of damage) expect(text).not.toMatch(d);
      expect(c.title.normalize('NFC')).toBe(c.title);
    },
  );

  test('evidence that asks for a signed file ("ký số") is marked signed', () => {
    const unsigned = all.filter(
      ({ c }) => c.evidence && /(file|tệp)[^.;]*có ký số/i.test(c.evidence.text) && !c.evidence.signed,
    );
    expect(unsigned.map(({ r, c }) => `${r.id} ${c.id}`)).toEqual([]);
  });

  test('every reading records the source words it is about', () => {
    for (const { c } of all)
      for (const reading of c.readings ?? []) expect(reading.source.trim().length).toBeGreaterThan(3);
  });
});

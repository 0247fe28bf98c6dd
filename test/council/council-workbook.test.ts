/**
 * Matching the files given with the submissions a council's workbook names (by SHA-256): every
 * file given is either matched with the one submission of its digest or listed as not in the
 * workbook, never both, and a submission is matched exactly when a file of its digest was given.
 */
import fc from 'fast-check';
import { matchSubmissions, type CouncilWorkbook } from '../../src/council';

const digest = fc.constantFrom('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), 'd'.repeat(64), 'e'.repeat(64));

const council = (digests: string[]): CouncilWorkbook => ({
  rubric: 'hue-2263-2023',
  version: '1.0.0',
  unit: 'xa',
  submissions: digests.map((d, i) => ({ file: `s${i}.xlsx`, unitName: `Đơn vị ${i}`, digest: d })),
  identityUncovered: [],
});

test('each file given is matched or not in the workbook, never both; a submission matched iff its digest was given', () => {
  fc.assert(
    fc.property(fc.uniqueArray(digest, { maxLength: 5 }), fc.uniqueArray(digest, { maxLength: 5 }), (named, given) => {
      const files = given.map((d, i) => ({ file: `g${i}.xlsx`, digest: d.toUpperCase() }));
      const m = matchSubmissions(council(named), files);
      const matched = m.submissions.flatMap((s) => (s.given ? [s.given] : []));
      expect(new Set([...matched, ...m.notInWorkbook]).size).toBe(files.length);
      expect(matched.filter((f) => m.notInWorkbook.includes(f))).toEqual([]);
      for (const s of m.submissions) expect(s.given !== null).toBe(given.includes(s.digest));
      for (const f of m.notInWorkbook) expect(named).not.toContain(f.digest.toLowerCase());
    }),
  );
});

test('a file whose digest could not be computed is never taken for a submission', () => {
  const given: { file: string; digest?: string }[] = [{ file: 'x.xlsx' }];
  const m = matchSubmissions(council(['a'.repeat(64)]), given);
  expect(m.submissions[0].given).toBeNull();
  expect(m.notInWorkbook).toEqual([{ file: 'x.xlsx' }]);
});

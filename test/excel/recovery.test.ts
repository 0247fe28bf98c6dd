/**
 * Putting right a replacement that did not finish, from the sheets' names (src/excel/recovery.ts),
 * and the reserved names and references it relies on (src/excel/sheet-names.ts).
 */
import { freeNameFor, recoveryOps, refersToSheet, reservedKind, retarget, type PresentSheet } from '../../src/excel';

const SPEC = ['Tự đánh giá', 'Tổng hợp', '_dti'];
const visible = (...names: string[]): PresentSheet[] => names.map((name) => ({ name, visibility: 'Visible' }));
const T = (n: string) => `~dti mới~${n}`;
const B = (n: string) => `~dti cũ~${n}`;

describe('recovery from the names alone (an interrupted run found at the next inspection)', () => {
  test('a run that stopped while building: the temporary sheets go, nothing else moves', () => {
    const ops = recoveryOps(visible('Sheet1', ...SPEC, T('Tự đánh giá'), T('Tổng hợp')), SPEC, { kind: 'auto' });
    expect(ops).toEqual({ renames: [], deletes: visible(T('Tự đánh giá'), T('Tổng hợp')), restored: false });
  });

  test('stopped while the old sheets stepped aside (every new sheet still temporary): the backups come back', () => {
    const present = visible('Sheet1', B('Tự đánh giá'), 'Tổng hợp', '_dti', ...SPEC.map(T));
    const ops = recoveryOps(present, SPEC, { kind: 'auto' });
    expect(ops.renames).toEqual([[B('Tự đánh giá'), 'Tự đánh giá']]);
    expect(ops.deletes.map((d) => d.name)).toEqual(SPEC.map(T));
    expect(ops.restored).toBe(true);
  });

  test('stopped after a new sheet took its final name: that one goes, every backup comes back', () => {
    const present = [
      ...visible('Sheet1', ...SPEC.map(B), 'Tổng hợp', T('Tự đánh giá')),
      { name: T('_dti'), visibility: 'VeryHidden' },
    ];
    const ops = recoveryOps(present, SPEC, { kind: 'auto' });
    expect(ops.renames[0]).toEqual(['Tổng hợp', expect.stringMatching(/^~dti mới\d*~Tổng hợp$/)]);
    expect(ops.renames.slice(1)).toEqual(SPEC.map((n) => [B(n), n]));
    expect(ops.deletes.map((d) => d.name).sort()).toEqual([ops.renames[0][1], T('Tự đánh giá'), T('_dti')].sort());
    expect(ops.deletes.find((d) => d.name === T('_dti'))?.visibility).toBe('VeryHidden');
  });

  test('a swap that completed but whose backups were left: finished forward, the backups go', () => {
    const ops = recoveryOps(visible('Sheet1', ...SPEC, ...SPEC.map(B)), SPEC, { kind: 'auto' });
    expect(ops).toEqual({ renames: [], deletes: visible(...SPEC.map(B)), restored: false });
  });

  test('right after a failed swap the run knows its temporary names and the sheets it moved aside', () => {
    const present = visible('Sheet1', 'Tổng hợp (2)', B('_dti'), 'Tự đánh giá', 'Tổng hợp', T('_dti'));
    const ops = recoveryOps(present, SPEC, {
      kind: 'swap',
      temp: new Map(SPEC.map((n) => [n, T(n)])),
      moved: new Map([['Tổng hợp', 'Tổng hợp (2)']]),
    });
    // Main and summary are new (their temporary names are gone); the officer's summary comes back.
    expect(ops.renames.map(([, to]) => to)).toEqual([
      expect.stringMatching(/~Tự đánh giá$/),
      expect.stringMatching(/~Tổng hợp$/),
      'Tổng hợp',
      '_dti',
    ]);
    expect(ops.renames[2]).toEqual(['Tổng hợp (2)', 'Tổng hợp']);
  });
});

describe('reserved names and references', () => {
  test('temporary and backup names are recognised, other names are not', () => {
    expect(reservedKind(T('Tự đánh giá'))).toEqual({ kind: 'temp', of: 'Tự đánh giá' });
    expect(reservedKind('~dti cũ2~_dti')).toEqual({ kind: 'backup', of: '_dti' });
    expect(reservedKind('Tự đánh giá (cũ)')).toBeUndefined();
  });

  test('a free name for an officer’s sheet keeps within 31 characters', () => {
    const taken = new Set(['tổng hợp (2)']);
    expect(freeNameFor('Tổng hợp', taken)).toBe('Tổng hợp (3)');
    expect(freeNameFor('x'.repeat(31), new Set()).length).toBe(31);
  });

  test('references to a sheet, quoted or plain, any case, are found and moved; others are left', () => {
    const f = "='Tự đánh giá'!B6&'tự ĐÁNH giá'!C1&_dti!B1&x_dti!B1&'It''s'!A1";
    expect(refersToSheet(f, 'Tự đánh giá')).toBe(true);
    expect(refersToSheet(f, 'Tổng hợp')).toBe(false);
    expect(retarget(f, 'Tự đánh giá', '~dti mới~Tự đánh giá')).toBe(
      "='~dti mới~Tự đánh giá'!B6&'~dti mới~Tự đánh giá'!C1&_dti!B1&x_dti!B1&'It''s'!A1",
    );
    expect(retarget(f, '_dti', 'Meta')).toBe("='Tự đánh giá'!B6&'tự ĐÁNH giá'!C1&Meta!B1&x_dti!B1&'It''s'!A1");
    expect(retarget(f, "It's", 'B')).toContain('&B!A1');
  });
});

/**
 * The round-1 feedback's format and the response's seal: a feedback survives JSON and its own
 * workbook unchanged (the JSON cut into parts a cell can hold), anything else is refused with the
 * field that is wrong; file names are safe and never shared; "remarked" is what the council
 * changed or commented on; and a response's canonical seal text is the submission's plus only the
 * explanations and the round answered.
 */
import fc from 'fast-check';
import {
  feedbackFileName,
  feedbackWorkbook,
  isRemarked,
  parseFeedback,
  readFeedbackFile,
  type AppraisalRow,
  type Feedback,
} from '../../src/council';
import { getRubric } from '../../src/rubrics';
import { buildTemplate, canonicalInputs, type FilledTemplate, type TemplateLayout } from '../../src/template';
import { writeXlsx } from '../../src/xlsx';

// JSON has no −0: it reads back as 0.
const points = fc.option(
  fc.double({ min: -50, max: 50, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
  { nil: null },
);
const feedbackArb: fc.Arbitrary<Feedback> = fc.record({
  format: fc.constant('dti-feedback' as const),
  version: fc.constant(1 as const),
  round: fc.integer({ min: 1, max: 3 }),
  rubric: fc.constant('hue-2263-2023'),
  rubricVersion: fc.string(),
  unit: fc.constantFrom('xa', 'huyen', 'so'),
  unitName: fc.string(),
  submission: fc.record({
    file: fc.string(),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  criteria: fc.array(
    fc.record({
      id: fc.string({ minLength: 1 }),
      title: fc.string(),
      selfAssessed: points,
      appraised: points,
      reason: fc.string(),
      note: fc.string(),
    }),
    { maxLength: 5 },
  ),
});

const sample: Feedback = {
  format: 'dti-feedback',
  version: 1,
  round: 1,
  rubric: 'hue-2263-2023',
  rubricVersion: '1.0.0',
  unit: 'xa',
  unitName: 'Phường An Cựu',
  submission: { file: 'an-cuu.xlsx', sha256: 'ab'.repeat(32) },
  criteria: [
    { id: 'II.1.1', title: 'Ban hành Kế hoạch 5 năm', selfAssessed: 5, appraised: 0, reason: 'Quá hạn', note: '' },
  ],
};

describe('the feedback format', () => {
  test('any feedback survives its JSON unchanged (property)', () => {
    fc.assert(fc.property(feedbackArb, (f) => expect(parseFeedback(JSON.parse(JSON.stringify(f)))).toEqual(f)));
  });

  test('fields the format does not have are dropped', () => {
    const read = parseFeedback({ ...sample, extra: 1, criteria: [{ ...sample.criteria[0], x: 2 }] });
    expect(read).toEqual(sample);
  });

  test.each([
    ['another format', { ...sample, format: 'dti-template' }, 'format'],
    ['a later version', { ...sample, version: 2 }, 'version'],
    ['round 0', { ...sample, round: 0 }, 'round'],
    ['a digest in capitals', { ...sample, submission: { file: 'a', sha256: 'AB'.repeat(32) } }, 'submission.sha256'],
    ['a short digest', { ...sample, submission: { file: 'a', sha256: 'ab' } }, 'submission.sha256'],
    ['points as text', { ...sample, criteria: [{ ...sample.criteria[0], appraised: '5' }] }, 'criteria.0.appraised'],
    ['a criterion without id', { ...sample, criteria: [{ ...sample.criteria[0], id: '' }] }, 'criteria.0.id'],
    ['no list of criteria', { ...sample, criteria: {} }, 'criteria'],
  ])('refused: %s, naming the field', (_, data, field) => {
    const read = parseFeedback(data);
    expect(read).toHaveProperty('error');
    expect((read as { error: { vi: string } }).error.vi).toContain(`(${field}: `);
  });

  test('the workbook carries the same feedback, a note longer than a cell holds included', async () => {
    const long: Feedback = {
      ...sample,
      criteria: [...sample.criteria, { ...sample.criteria[0], id: 'II.2.1', note: 'Ý kiến dài. '.repeat(4000) }],
    };
    expect(JSON.stringify(long).length).toBeGreaterThan(32767);
    expect(readFeedbackFile(await writeXlsx(feedbackWorkbook(long)))).toEqual(long);
    expect(readFeedbackFile(new TextEncoder().encode(`\uFEFF${JSON.stringify(long)}`))).toEqual(long);
  });

  test('a file that is neither is refused', async () => {
    expect(readFeedbackFile(new TextEncoder().encode('{"a":1'))).toHaveProperty('error');
    const template = await writeXlsx(buildTemplate(getRubric('hue-2263-2023'), { unit: 'xa' }));
    expect(readFeedbackFile(template)).toHaveProperty('error');
  });
});

describe('feedback file names', () => {
  test('by hand: ASCII from the unit name, numbered', () => {
    expect(feedbackFileName(1, 'Phường An Cựu')).toBe('01-phuong-an-cuu');
    expect(feedbackFileName(12, 'Xã Đông Hà')).toBe('12-xa-dong-ha');
    expect(feedbackFileName(3, '  ../..\\ ')).toBe('03-don-vi');
  });

  test('safe and never shared by two units (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 2 }), fc.string(), (keys, name) => {
        const names = keys.map((k) => feedbackFileName(k, name));
        expect(new Set(names).size).toBe(keys.length);
        for (const n of names) expect(n).toMatch(/^\d{2,3}-[a-z0-9]+(-[a-z0-9]+)*$/);
      }),
    );
  });
});

describe('what counts as remarked', () => {
  const row = (over: Partial<AppraisalRow>): AppraisalRow => ({
    criterion: 'II.1.1',
    title: '',
    entry: '',
    selfAssessed: 5,
    rescored: 5,
    appraised: 5,
    reason: '',
    note: '',
    ...over,
  });
  test.each([
    ['appraised as re-scored, nothing said', {}, false],
    ['points cut', { appraised: 2.5 }, true],
    ['the same points with a note', { note: 'Đề nghị bổ sung' }, true],
    ['the same points with a reason', { reason: 'Khác' }, true],
    ['typed as text with a decimal comma, the same points', { appraised: '5,0' }, false],
    ['left blank where the re-score is 0 (a blank counts as 0)', { appraised: null, rescored: 0 }, false],
    ['left blank where the re-score is 5', { appraised: null }, true],
  ])('%s', (_, over, expected) => expect(isRemarked(row(over))).toBe(expected));
});

describe('the response’s seal', () => {
  const rubric = getRubric('hue-2263-2023');
  const spec = buildTemplate(rubric, { unit: 'xa' });
  const ids = Object.keys(spec.layout.rows);
  const filledWith = (layout: TemplateLayout, notes: Record<string, string>, explanations: Record<string, string>) =>
    ({
      info: { meta: spec.meta, layout },
      unitName: 'Phường An Cựu',
      year: 2025,
      general: {},
      moved: [],
      entries: Object.fromEntries(
        ids.map((id) => [
          id,
          {
            slots: (layout.inputs[id] ?? []).map(() => null),
            evidence: [],
            note: notes[id] ?? null,
            ...(layout.response?.criteria.includes(id) ? { explanation: explanations[id] ?? null } : {}),
          },
        ]),
      ),
    }) as FilledTemplate;

  test('the submission’s canonical text plus only the explanations and the round answered (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray(ids, { minLength: 1, maxLength: 5 }),
        fc.dictionary(fc.constantFrom(...ids), fc.string()),
        fc.string(),
        fc.integer({ min: 1, max: 3 }),
        (remarked, notes, explanation, round) => {
          const response = { round, answers: 'cd'.repeat(32), remark: 'P', explanation: 'Q', criteria: remarked };
          const explanations = Object.fromEntries(remarked.map((id) => [id, explanation]));
          const submitted = JSON.parse(canonicalInputs(filledWith(spec.layout, notes, {})));
          const answered = JSON.parse(canonicalInputs(filledWith({ ...spec.layout, response }, notes, explanations)));
          expect(answered.response).toEqual({ answers: response.answers, round });
          for (const id of remarked) {
            expect(answered.entries[id].explanation).toBe(explanation.trim() || null);
            delete answered.entries[id].explanation;
          }
          delete answered.response;
          expect(answered).toEqual(submitted);
        },
      ),
      { numRuns: 50 },
    );
  });

  test('an explanation or the round changed is another seal', () => {
    const response = { round: 1, answers: 'cd'.repeat(32), remark: 'P', explanation: 'Q', criteria: ['II.1.1'] };
    const text = (r: typeof response, e: string) =>
      canonicalInputs(filledWith({ ...spec.layout, response: r }, {}, { 'II.1.1': e }));
    expect(text(response, 'a')).not.toBe(text(response, 'b'));
    expect(text(response, 'a')).not.toBe(text({ ...response, round: 2 }, 'a'));
    expect(text(response, 'a')).not.toBe(text({ ...response, answers: 'ef'.repeat(32) }, 'a'));
  });
});

/**
 * A new decision is data: a validated rubric that is not in the library builds a template, fills
 * it, scores it (the engine, the template's stored results, the cell computations the Excel
 * functions use, and the CLI's template and score paths), with nothing registered anywhere.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { makeTemplate, assessmentFromXlsx } from '../../src/cli/workbook';
import { assess, cellPoints, criteriaFor, findCriterion } from '../../src/engine';
import { getRubric, parseRubric, type Rubric } from '../../src/rubrics';
import {
  buildTemplate,
  entriesFromValues,
  MAIN_SHEET,
  readEntries,
  readTemplateInfo,
  toAssessmentInput,
} from '../../src/template';
import { loadXlsx, writeXlsx } from '../../src/xlsx';
import { sampleValues } from '../support/sample';

// 2263 republished under a new number: same criteria, another identity, in no catalog.
const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'rubrics', 'hue-2263-2023.json'), 'utf8'));
const draft: Rubric = parseRubric({
  ...data,
  id: 'thuthiem-1-2099',
  title: 'Bộ chỉ số thử nghiệm (bản nháp)',
  decision: { ...data.decision, number: '1/QĐ-THU' },
});
const values = sampleValues(draft, 'xa', 7);

describe('a rubric outside the library', () => {
  test('is not in the library', () => {
    expect(() => getRubric('thuthiem-1-2099')).toThrow(/Không có bộ tiêu chí/);
  });

  test('builds, fills and scores a template: the stored total is the engine’s', async () => {
    const spec = buildTemplate(draft, {
      unit: 'xa',
      unitName: 'Phường Thử',
      year: 2025,
      entries: entriesFromValues(draft, 'xa', values),
    });
    const expected = assess(draft, { unit: 'xa', unitName: 'Phường Thử', values });
    const total = spec.sheets[0].cells.find((c) => c.address === spec.layout.header!.total);
    expect(total?.result).toBe(expected.total);
    expect(spec.sheets[0].name).toBe(MAIN_SHEET);

    const wb = await loadXlsx(await writeXlsx(spec));
    const info = readTemplateInfo(wb.read)!;
    expect(info.meta.rubric).toBe('thuthiem-1-2099');
    const read = assess(draft, toAssessmentInput(draft, readEntries(wb.read, info)));
    expect(read.total).toBe(expected.total);
  });

  test('the cell computations behind the Excel functions take the rubric object', () => {
    const c = findCriterion(draft, 'xa', 'VI.4.1');
    // 45 of 60 staff: 75% of VI.4.1's max.
    expect(cellPoints(draft, 'xa', c, [45, 60])).toBe(Math.round(0.75 * (c.max as number) * 100) / 100);
    expect(criteriaFor(draft, 'xa').length).toBe(79);
  });

  test('the CLI’s template and score paths take it too', async () => {
    const { bytes } = await makeTemplate({
      rubric: draft,
      unit: 'xa',
      from: { kind: 'json', values, unitName: 'Phường Thử', year: 2025 },
    });
    const input = await assessmentFromXlsx('thu.xlsx', bytes, (id) => (id === draft.id ? draft : getRubric(id)));
    expect(assess(draft, input).total).toBe(assess(draft, { unit: 'xa', values }).total);
  });
});

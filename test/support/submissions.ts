/** Submissions as units send them: filled templates, sealed as the pane's Submit step seals them. */
import { sampleValues } from './sample';
import { getRubric, type Rubric, type UnitId } from '../../src/rubrics';
import {
  buildTemplate,
  computeSeal,
  entriesFromValues,
  META_SHEET,
  readEntries,
  readTemplateInfo,
  SEAL_ROWS,
  type Scalar,
} from '../../src/template';
import { loadXlsx, writeXlsx } from '../../src/xlsx';

export interface SubmissionChanges {
  /** Entries (criterion id → value, as sampleValues gives them) that replace sample ones before sealing. */
  values?: Record<string, unknown>;
  /** Entries changed after sealing, so the seal no longer matches them. */
  editedAfterSeal?: Record<string, unknown>;
  /** The rubric and unit type of the template (default Huế 2263, commune). */
  form?: { rubric: string; unit: UnitId };
}

/** A filled template, sealed as the pane's Submit step seals it (optionally edited afterwards). */
export async function sealedSubmission(
  seed: number,
  unitName: string,
  editAfterSeal = false,
  changes: SubmissionChanges = {},
): Promise<Uint8Array> {
  const { rubric: rubricId, unit } = changes.form ?? { rubric: 'hue-2263-2023', unit: 'xa' as UnitId };
  const rubric = getRubric(rubricId);
  const values = { ...sampleValues(rubric, unit, seed), ...changes.values };
  const template = (v: Record<string, unknown>) =>
    buildTemplate(rubric, { unit, unitName, year: 2025, entries: entriesFromValues(rubric, unit, v) });
  const sealed = template(values);
  const wb = await loadXlsx(await writeXlsx(sealed));
  const seal = await computeSeal(readEntries(wb.read, readTemplateInfo(wb.read)!), '2025-11-20T08:00:00.000Z');
  const spec = changes.editedAfterSeal ? template({ ...values, ...changes.editedAfterSeal }) : sealed;
  const meta = spec.sheets.find((s) => s.name === META_SHEET)!;
  for (const [key, row] of Object.entries(SEAL_ROWS))
    meta.cells.push(
      { address: `A${row}`, value: `seal.${key}` },
      { address: `B${row}`, value: (seal as unknown as Record<string, Scalar>)[key] },
    );
  if (editAfterSeal)
    spec.sheets[0].cells.find((c) => c.address === `${spec.layout.note}${spec.layout.rows['I.1.1']}`)!.value =
      'sửa sau khi niêm phong';
  return writeXlsx(spec);
}

/** A template of any rubric filled with `values` (criterion id → value, as sampleValues gives them), sealed as the pane seals it. */
export async function sealedTemplate(
  of: Rubric,
  unit: UnitId,
  unitName: string,
  values: Record<string, unknown>,
  registeredLevel?: number,
): Promise<Uint8Array> {
  const entries = entriesFromValues(of, unit, values);
  const spec = buildTemplate(of, { unit, unitName, year: 2025, entries, registeredLevel });
  const wb = await loadXlsx(await writeXlsx(spec));
  const seal = await computeSeal(readEntries(wb.read, readTemplateInfo(wb.read)!), '2025-11-20T08:00:00.000Z');
  const meta = spec.sheets.find((s) => s.name === META_SHEET)!;
  for (const [key, row] of Object.entries(SEAL_ROWS))
    meta.cells.push(
      { address: `A${row}`, value: `seal.${key}` },
      { address: `B${row}`, value: (seal as unknown as Record<string, Scalar>)[key] },
    );
  return writeXlsx(spec);
}

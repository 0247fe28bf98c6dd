/**
 * The council tab's appraisal shared among member agencies, apart from React: the files the
 * council picks (its own workbook, saved, and the agencies' returned ones) opened with the safe
 * reader and told apart by their identity, split into one download per agency, or merged and
 * written into the open workbook through the port — the same council core `dti appraise
 * --split-by agency` and `--merge` use. The downloads are zipped without ExcelJS (src/xlsx/plain):
 * Office.js cannot create a file, and the pane does not ship ExcelJS.
 */
import { t, type Text } from '../../base';
import { mergeAgencies, readAppraisalIdentity, splitByAgency, type AgencyFile, type MergeOutcome } from '../../council';
import { getRubric, type Rubric } from '../../rubrics';
import { readWorkbookParts } from '../../signature';
import { readParts } from '../../workbook';
import { writePlainXlsx } from '../../xlsx/plain';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Download {
  name: string;
  bytes: Uint8Array;
}

export type SplitResult =
  | { ok: true; downloads: (Download & { agency: string; criteria: string[] })[]; council: string[] }
  /** The rubric names no agency: the council's workbook with its assignment sheet, to fill in and pick again. */
  | { ok: false; kind: 'assign'; download: Download; unassigned: string[] }
  | { ok: false; kind: 'refused'; message: Text };

const refused = (name: string, why: Text) => ({
  ok: false as const,
  kind: 'refused' as const,
  message: t(`${name}: ${why.vi}`, `${name}: ${why.en}`),
});

/** A picked file as a workbook and the rubric its identity names, or why it cannot be used. */
function open(file: PickedFile): { file: AgencyFile; rubric: Rubric; agency: boolean } | { message: Text } {
  try {
    const wb = readParts(readWorkbookParts(file.bytes));
    const identity = readAppraisalIdentity(wb);
    if (!identity)
      return refused(file.name, t('không phải bảng thẩm định của Hội đồng', "not the council's appraisal workbook"));
    return { file: { name: file.name, wb }, rubric: getRubric(identity.rubric), agency: !!identity.agency };
  } catch (e) {
    return refused(
      file.name,
      t(`không đọc được tệp: ${(e as Error).message}`, `cannot read it: ${(e as Error).message}`),
    );
  }
}

export async function splitFile(picked: PickedFile): Promise<SplitResult> {
  const opened = open(picked);
  if ('message' in opened) return { ok: false, kind: 'refused', message: opened.message };
  try {
    const outcome = await splitByAgency(opened.rubric, opened.file.wb);
    if (outcome.ok)
      return {
        ok: true,
        downloads: outcome.workbooks.map((w) => ({
          name: w.fileName,
          bytes: writePlainXlsx(w.spec),
          agency: w.agency,
          criteria: w.criteria,
        })),
        council: outcome.council,
      };
    if (outcome.kind === 'assign')
      return {
        ok: false,
        kind: 'assign',
        download: { name: picked.name, bytes: writePlainXlsx(outcome.spec) },
        unassigned: outcome.unassigned,
      };
    return refused(picked.name, outcome.message);
  } catch (e) {
    return refused(
      picked.name,
      t(`không đọc được tệp: ${(e as Error).message}`, `cannot read it: ${(e as Error).message}`),
    );
  }
}

/**
 * The picked files merged: the one that is the council's own workbook (no agency in its identity)
 * and the agencies' shares; exactly one council workbook must be among them.
 */
export async function mergeFiles(picked: PickedFile[]): Promise<MergeOutcome> {
  const opened = [];
  for (const p of picked) {
    const o = open(p);
    if ('message' in o) return { ok: false, message: o.message };
    opened.push(o);
  }
  const councils = opened.filter((o) => !o.agency);
  if (councils.length !== 1)
    return {
      ok: false,
      message: councils.length
        ? t(
            `Chọn một bảng thẩm định của Hội đồng, không phải ${councils.length}: ${councils.map((c) => c.file.name).join(', ')}`,
            `Pick one council workbook, not ${councils.length}: ${councils.map((c) => c.file.name).join(', ')}`,
          )
        : t(
            'Chọn cả bảng thẩm định của Hội đồng (tệp đã lưu) cùng các tệp của các cơ quan',
            "Pick the council's own workbook (the saved file) together with the agencies' files",
          ),
    };
  const [council] = councils;
  try {
    return await mergeAgencies(
      council.rubric,
      council.file,
      opened.filter((o) => o.agency).map((o) => o.file),
    );
  } catch (e) {
    return {
      ok: false,
      message: t(`Không đọc được tệp: ${(e as Error).message}`, `Cannot read a file: ${(e as Error).message}`),
    };
  }
}

/** A file handed to the council as a download (the browser's, or the Office webview's, save). */
export function download(file: Download): void {
  const url = URL.createObjectURL(
    new Blob([file.bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

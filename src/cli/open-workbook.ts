/**
 * Opening a filled template from an .xlsx file for `dti score` and `dti template --from`: through
 * the one safe package reader (the verifier's limits and checks; media never inflated), the one
 * cell reader (what Excel shows), and the template found by its identity. Whatever cannot be done
 * is a DtiError naming the file (exit 2): a renamed sheet or inserted rows are followed, and a
 * template that cannot be found is said so — its entries are never reported as "not entered".
 */
import { DtiError, say, t, type Lang, type Text } from '../base';
import { MalformedPackageError, readWorkbookParts } from '../signature';
import { locateTemplate, type LocateProblem, type TemplateInfo } from '../template';
import { readParts, WorkbookFormatError, type LoadedWorkbook } from '../workbook';

export interface OpenedTemplate {
  wb: LoadedWorkbook;
  info: TemplateInfo;
  metaSheet: string;
  problems: LocateProblem[];
}

const fail = (file: string, why: Text, code: 'xlsx' | 'not-template' = 'xlsx') =>
  new DtiError(code, t(`${file}: ${why.vi}`, `${file}: ${why.en}`));

/** A reader error (thrown lazily, when a cell is read) as the file's error. */
export function workbookError(file: string, e: unknown): DtiError | undefined {
  if (e instanceof MalformedPackageError || e instanceof WorkbookFormatError)
    return fail(file, t(`không đọc được tệp Excel: ${e.reason}`, `cannot read the Excel file: ${e.reason}`));
  return undefined;
}

export function openTemplate(file: string, bytes: Uint8Array): OpenedTemplate {
  try {
    const wb = readParts(readWorkbookParts(bytes));
    const located = locateTemplate(wb);
    if (!located.found)
      throw fail(
        file,
        located.notTemplate
          ? located.reason
          : t(`không đọc được mẫu: ${located.reason.vi}`, `cannot read the template: ${located.reason.en}`),
        located.notTemplate ? 'not-template' : 'xlsx',
      );
    return { wb, info: located.info, metaSheet: located.metaSheet, problems: located.problems };
  } catch (e) {
    throw workbookError(file, e) ?? e;
  }
}

/** The locator's problems as lines for the terminal. */
export const problemLines = (problems: LocateProblem[], lang: Lang) =>
  problems.map((p) => `${p.severity === 'error' ? '✗' : '!'} ${say(p.text, lang)}`);

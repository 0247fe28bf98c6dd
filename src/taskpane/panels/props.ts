import type { Strings, UiLang } from '../i18n';
import type { WorkbookPort } from '../port';
import type { WorkbookView } from '../useWorkbook';

/** What every tab of the pane is given: the workbook port, its view, the words and the language. */
export interface PanelProps {
  port: WorkbookPort;
  view: WorkbookView;
  s: Strings;
  lang: UiLang;
}

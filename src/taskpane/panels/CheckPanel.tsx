import { Badge, Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { say } from '../../base';
import type { Strings, UiLang } from '../i18n';
import type { WorkbookPort } from '../port';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    textAlign: 'left',
    width: '100%',
    height: 'auto',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    justifyContent: 'flex-start',
  },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** Problems with the entries; clicking one selects its cell. Nothing in the workbook changes here. */
export function CheckPanel({
  port,
  view,
  s,
  lang,
}: {
  port: WorkbookPort;
  view: WorkbookView;
  s: Strings;
  lang: UiLang;
}) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  if (!view.filled)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{s.noTemplate}</MessageBarBody>
      </MessageBar>
    );
  const errors = view.problems.filter((p) => p.severity === 'error').length;
  const warnings = view.problems.length - errors;
  return (
    <div className={styles.panel}>
      <Button
        appearance="primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await view.refresh();
          setBusy(false);
        }}
      >
        {busy ? s.checking : s.runCheck}
      </Button>
      {view.problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{s.noProblems}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Text role="status">{s.problems(errors, warnings)}</Text>
          <ul className={styles.list} aria-label={s.tabCheck}>
            {view.problems.map((p, i) => (
              <li key={`${p.criterion}-${p.cell.address}-${i}`}>
                <Button
                  appearance="subtle"
                  className={styles.item}
                  onClick={() => void port.selectCell(p.cell.sheet, p.cell.address)}
                  title={`${s.goToCell} ${p.cell.address}`}
                >
                  <span className={styles.line}>
                    <Badge appearance="filled" color={p.severity === 'error' ? 'danger' : 'warning'}>
                      {p.severity === 'error' ? s.error : s.warning}
                    </Badge>
                    <Text weight="semibold">{p.criterion ?? ''}</Text>
                    <Text size={200}>{p.cell.address}</Text>
                  </span>
                  <Text size={200}>{say(p.message, lang)}</Text>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

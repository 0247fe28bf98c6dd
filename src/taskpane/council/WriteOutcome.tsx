/**
 * What writing into the open workbook gave: done, refused, or a question — sheets of the same
 * names are there, and only the council's yes renames them aside and writes (nothing is lost).
 * One bar for every council write (the appraisal workbook, the merged one, the published ranking).
 */
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { CouncilStyles } from './styles';

export interface WriteOutcome {
  ok: boolean;
  text: string;
  /** Same-named sheets are there: the council is asked before they are renamed aside. */
  confirm?: boolean;
}

export function WriteOutcomeBar({
  outcome,
  renameLabel,
  onRename,
  busy,
  styles,
  testId,
}: {
  outcome: WriteOutcome;
  renameLabel: string;
  onRename: () => void;
  busy: boolean;
  styles: Pick<CouncilStyles, 'row'>;
  testId?: string;
}) {
  return (
    <MessageBar
      intent={outcome.ok ? 'success' : outcome.confirm ? 'warning' : 'error'}
      layout="multiline"
      role="status"
      data-testid={testId}
    >
      <MessageBarBody>
        {outcome.text}
        {outcome.confirm && (
          <div className={styles.row} style={{ marginTop: 8 }}>
            <Button size="small" onClick={onRename} disabled={busy}>
              {renameLabel}
            </Button>
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

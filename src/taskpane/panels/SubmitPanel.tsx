import { Button, Link, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { computeSeal, type Seal, toAssessmentInput } from '../../template';
import type { Strings, UiLang } from '../i18n';
import type { WorkbookPort } from '../port';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  digest: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** Refuses while errors remain; seals and locks the inputs; offers the JSON; explains signing. */
export function SubmitPanel({ port, view, s }: { port: WorkbookPort; view: WorkbookView; s: Strings; lang: UiLang }) {
  const styles = useStyles();
  const [seal, setSeal] = useState<Seal | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!view.filled || !view.rubric)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{s.noTemplate}</MessageBarBody>
      </MessageBar>
    );
  const errors = view.problems.filter((p) => p.severity === 'error').length;
  const json = JSON.stringify(
    { ...toAssessmentInput(view.rubric, view.filled), seal, result: view.assessment },
    null,
    2,
  );
  const href = `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
  const file = `${view.filled.info.meta.rubric}-${view.filled.info.meta.unit}-${(view.filled.unitName || 'don-vi').replace(/\s+/g, '-')}.json`;

  return (
    <div className={styles.panel}>
      <Text>{s.submitIntro}</Text>
      {errors > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{s.submitBlocked(errors)}</MessageBarBody>
        </MessageBar>
      )}
      <Button
        appearance="primary"
        disabled={errors > 0 || busy || view.sealed}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const next = await computeSeal(view.filled!, new Date().toISOString());
            await port.seal(next);
            setSeal(next);
            await view.refresh();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? s.working : s.submit}
      </Button>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {(seal || view.sealed) && (
        <MessageBar intent="success">
          <MessageBarBody>{s.sealed}</MessageBarBody>
        </MessageBar>
      )}
      {seal && (
        <Text size={200}>
          {s.sealDigest}:{' '}
          <span className={styles.digest} data-testid="seal">
            {seal.digest}
          </span>
        </Text>
      )}
      <Link href={href} download={file}>
        {s.downloadJson}
      </Link>
      <Text as="h2" weight="semibold">
        {s.howToSign}
      </Text>
      <ol>
        {s.signSteps.map((step) => (
          <li key={step}>
            <Text size={200}>{step}</Text>
          </li>
        ))}
      </ol>
    </div>
  );
}

import { Button, Link, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { DtiError } from '../../base';
import { findCriterion, resolveUnit } from '../../engine';
import { sealBlockers, type Seal, toAssessmentInput } from '../../template';
import { ImportFeedback } from './ImportFeedback';
import type { PanelProps } from './props';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  digest: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** Enough to act on at pane width; the rest is counted. */
const NOT_ENTERED_SHOWN = 8;

/** Refuses while errors remain or applicable criteria are not entered; seals and locks the inputs; offers the JSON; explains signing. */
export function SubmitPanel({ port, view, s, lang }: PanelProps) {
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
  const blockers = sealBlockers(view.rubric, view.filled, view.problems);
  const errors = blockers.errors.length;
  const unit = resolveUnit(view.rubric, view.filled.info.meta.unit);
  const notEntered = blockers.notEntered.map((id) => findCriterion(view.rubric!, unit, id));
  const shownNotEntered = notEntered.slice(0, NOT_ENTERED_SHOWN);
  const blocked = errors > 0 || notEntered.length > 0;
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
      {notEntered.length > 0 && !view.sealed && (
        <MessageBar intent="warning" data-testid="not-entered">
          <MessageBarBody>
            {s.submitNotEntered(notEntered.length)}
            <ul className={styles.list}>
              {shownNotEntered.map((c) => (
                <li key={c.id}>
                  {c.id} {lang === 'en' && c.titleEn ? c.titleEn : c.title}
                </li>
              ))}
              {notEntered.length > shownNotEntered.length && (
                <li>{s.andMore(notEntered.length - shownNotEntered.length)}</li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <Button
        appearance="primary"
        disabled={blocked || busy || view.sealed}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            // Sealed from the inputs as they are when the button is pressed, read and locked in one go.
            setSeal(await port.seal(new Date().toISOString()));
            await view.refresh();
          } catch (e) {
            setError(e instanceof DtiError ? e.messageIn(lang) : (e as Error).message);
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
      <ImportFeedback port={port} view={view} s={s} lang={lang} />
    </div>
  );
}

import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import { num } from '../../base';
import { slotCells } from '../../template';
import { PreviousYear } from './PreviousYear';
import { RegisteredLevel } from './RegisteredLevel';
import type { PanelProps } from './props';

/** Enough to act on at pane width. */
const GAINS_SHOWN = 10;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  total: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  gains: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  gain: { justifyContent: 'flex-start', textAlign: 'left', height: 'auto', width: '100%' },
});

/** The total, one bar per pillar, and for level rubrics the level and what the next one needs. */
export function ScorePanel({ port, view, s, lang }: PanelProps) {
  const styles = useStyles();
  const a = view.assessment;
  if (!a || !view.filled)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{s.noTemplate}</MessageBarBody>
      </MessageBar>
    );
  const missing = a.criteria.filter((c) => c.status === 'missing').length;
  const { layout } = view.filled.info;
  const select = (id: string) => {
    const row = layout.rows[id];
    if (row !== undefined)
      void port.selectCell(layout.sheet, slotCells(layout, id, row)[0] ?? `${layout.idColumn}${row}`);
  };
  // Points still to gain, largest first (bonus and penalty criteria aside).
  const gains = a.criteria
    .filter((c) => c.effect === 'score' && c.max !== null && c.points !== null && c.max - c.points > 0)
    .map((c) => ({ c, gain: c.max! - c.points! }))
    .sort((x, y) => y.gain - x.gain)
    .slice(0, GAINS_SHOWN);
  return (
    <div className={styles.panel}>
      {a.level ? (
        <div className={styles.total}>
          <Text size={400}>{s.level}:</Text>
          <Text size={800} weight="bold" data-testid="level">
            {a.level.number}
          </Text>
          <Badge appearance="tint" size="large">
            {a.level.name}
          </Badge>
        </div>
      ) : (
        <div className={styles.total}>
          <Text size={400}>{s.total}:</Text>
          <Text size={800} weight="bold" data-testid="total">
            {num(a.total ?? 0, lang)}
          </Text>
          <Text>{s.ofMax(num(a.max ?? 0, lang), num(a.percent ?? 0, lang))}</Text>
        </div>
      )}
      {missing > 0 && <Text size={200}>{s.missingCount(missing)}</Text>}
      <Text as="h2" weight="semibold">
        {s.pillars}
      </Text>
      {a.pillars.map((p) => {
        const levels = 5;
        const value = a.level ? (p.level ?? 0) / levels : p.max ? (p.points ?? 0) / p.max : 0;
        const label = a.level
          ? `${p.id}. ${p.title}: ${p.level}/${levels}`
          : `${p.id}. ${p.title}: ${num(p.points ?? 0, lang)}/${num(p.max ?? 0, lang)}`;
        return (
          <Field key={p.id} label={label}>
            <ProgressBar value={value} thickness="large" aria-label={label} />
          </Field>
        );
      })}
      {!a.level && gains.length > 0 && (
        <>
          <Text as="h2" weight="semibold">
            {s.toGain}
          </Text>
          <ul className={styles.gains} data-testid="gains">
            {gains.map(({ c, gain }) => (
              <li key={c.id}>
                <Button appearance="subtle" className={styles.gain} onClick={() => select(c.id)}>
                  <Text size={200}>
                    <b>{c.id}</b> {c.title}: {s.toGainRow(num(gain, lang), num(c.points!, lang), num(c.max!, lang))}
                  </Text>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <RegisteredLevel a={a} lang={lang} select={select} className={styles.gain} />
      {a.level &&
        (a.nextLevel ? (
          <>
            <Text weight="semibold">{s.nextLevel(a.nextLevel.number, a.nextLevel.name)}</Text>
            <ul className={styles.gains}>
              {a.nextLevel.shortfalls.map((x) => (
                <li key={x.criterion}>
                  <Button appearance="subtle" className={styles.gain} onClick={() => select(x.criterion)}>
                    <Text size={200}>
                      <b>{x.criterion}</b> {x.title}: {x.required}; {x.shortfall}
                    </Text>
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Text>{s.topLevel}</Text>
        ))}
      <PreviousYear port={port} view={view} s={s} lang={lang} />
    </div>
  );
}

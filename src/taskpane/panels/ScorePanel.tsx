import {
  Badge,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import { num } from '../../base';
import type { Strings, UiLang } from '../i18n';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  total: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The total, one bar per pillar, and for level rubrics the level and what the next one needs. */
export function ScorePanel({ view, s, lang }: { view: WorkbookView; s: Strings; lang: UiLang }) {
  const styles = useStyles();
  const a = view.assessment;
  if (!a)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{s.noTemplate}</MessageBarBody>
      </MessageBar>
    );
  const missing = a.criteria.filter((c) => c.status === 'missing').length;
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
      {a.level &&
        (a.nextLevel ? (
          <>
            <Text weight="semibold">{s.nextLevel(a.nextLevel.number, a.nextLevel.name)}</Text>
            <ul className={styles.list}>
              {a.nextLevel.shortfalls.map((x) => (
                <li key={x.criterion}>
                  <Text size={200}>
                    <b>{x.criterion}</b> {x.title}: {x.required}; {x.shortfall}
                  </Text>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Text>{s.topLevel}</Text>
        ))}
    </div>
  );
}

import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { say } from '../../base';
import { criteriaFor, resolveUnit } from '../../engine';
import type { EntryProblem } from '../../template';
import type { PanelProps } from './props';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
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
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  badge: { flexShrink: 0 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

type Filter = 'all' | 'errors' | 'warnings' | 'not-entered';

const FILTERS: Record<Filter, (p: EntryProblem) => boolean> = {
  all: () => true,
  errors: (p) => p.severity === 'error',
  warnings: (p) => p.severity === 'warning' && p.kind !== 'not-entered',
  'not-entered': (p) => p.kind === 'not-entered',
};

/**
 * What is wrong or missing, grouped by pillar and filtered by kind; each card names the criterion
 * and says the problem in plain words; clicking one selects its cell. The check reruns on every
 * change of the workbook (useWorkbook), so there is nothing to press.
 */
export function CheckPanel({ port, view, s, lang }: PanelProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>('all');
  if (!view.filled || !view.rubric)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{s.noTemplate}</MessageBarBody>
      </MessageBar>
    );
  const rubric = view.rubric;
  // Ids are unique within a unit type only (Kon Tum and Hà Nội reuse them across their tables).
  const byId = new Map(criteriaFor(rubric, resolveUnit(rubric, view.filled.info.meta.unit)).map((c) => [c.id, c]));
  const errors = view.problems.filter(FILTERS.errors).length;
  const warnings = view.problems.length - errors;
  const criterion = (id: string | undefined) => (id ? byId.get(id) : undefined);
  const shown = view.problems.filter(FILTERS[filter]);
  // The decision's pillars in order; problems of the header (unit name, year) first.
  const groups = [
    { id: '', title: s.generalInfo, problems: shown.filter((p) => !p.criterion) },
    ...(view.assessment?.pillars ?? []).map((pillar) => ({
      id: pillar.id,
      title: `${pillar.id}. ${pillar.title}`,
      problems: shown.filter((p) => criterion(p.criterion)?.pillar === pillar.id),
    })),
  ].filter((g) => g.problems.length > 0);
  const time = view.checkedAt?.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'vi-VN');

  return (
    <div className={styles.panel}>
      {time && <Text size={200}>{s.checkedAt(time)}</Text>}
      {view.problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{s.noProblems}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Text role="status">{s.problems(errors, warnings)}</Text>
          <div role="group" aria-label={s.filterLabel} className={styles.filters}>
            {(
              [
                ['all', s.filterAll],
                ['errors', s.filterErrors],
                ['warnings', s.filterWarnings],
                ['not-entered', s.filterNotEntered],
              ] as const
            ).map(([id, label]) => (
              <ToggleButton
                key={id}
                size="small"
                appearance={filter === id ? 'primary' : 'secondary'}
                checked={filter === id}
                onClick={() => setFilter(id)}
              >
                {label} ({view.problems.filter(FILTERS[id]).length})
              </ToggleButton>
            ))}
          </div>
          {groups.length === 0 && <Text>{s.nothingInFilter}</Text>}
          {groups.map((g) => (
            <section key={g.id} className={styles.group} aria-label={g.title}>
              <Text as="h2" weight="semibold" size={300}>
                {g.title} ({g.problems.length})
              </Text>
              <ul className={styles.list}>
                {g.problems.map((p, i) => {
                  const c = criterion(p.criterion);
                  return (
                    <li key={`${p.criterion}-${p.cell.address}-${i}`}>
                      <Button
                        appearance="subtle"
                        className={styles.item}
                        onClick={() => void port.selectCell(p.cell.sheet, p.cell.address)}
                        title={`${s.goToCell} ${p.cell.address}`}
                      >
                        <span className={styles.line}>
                          <Badge
                            className={styles.badge}
                            appearance="filled"
                            color={p.severity === 'error' ? 'danger' : 'warning'}
                          >
                            {p.severity === 'error' ? s.error : s.warning}
                          </Badge>
                          <Text weight="semibold">
                            {c ? `${c.id} ${lang === 'en' && c.titleEn ? c.titleEn : c.title}` : s.generalInfo}
                          </Text>
                        </span>
                        <Text size={200}>{say(p.message, lang)}</Text>
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

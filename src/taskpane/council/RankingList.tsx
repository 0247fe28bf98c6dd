/**
 * The ranking as the council sees it in the pane, on the appraised points: rank, unit, points and
 * signature status a row, the units the council changed marked; a click (or Enter) on a unit opens
 * its criteria to appraise. The units that cannot be ranked follow, each with why — one whose
 * appraisal the validation refuses among them, and it opens too, to fix the entry.
 */
import { Badge, Text } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { num, say } from '../../base';
import { ACCEPTED, SIGNATURE_STATUS, type AppraisalChange, type RankedRow } from '../../council';
import type { PanelProps } from '../panels/props';
import type { CouncilStyles } from './styles';
import { APPRAISE } from './words';

/** Why a file has no rank, and what the verifier found when its signature is not accepted (a hostile file's reason). */
function whyNot(r: RankedRow, lang: PanelProps['lang']): string {
  const s = r.submission;
  const all = [...r.unranked.map((x) => say(x, lang)), ...s.problems, ...(ACCEPTED.has(s.status) ? [] : s.reasons)];
  return [...new Set(all)].join('; ');
}

export interface RankingListProps {
  rows: RankedRow[];
  unranked: RankedRow[];
  levels: boolean;
  changes: Map<string, AppraisalChange[]>;
  /** Files whose appraisal the validation refuses (left out until fixed). */
  refused: Map<string, unknown>;
  /** The file whose criteria are open, and opening another. */
  opened?: string;
  onOpen: (file: string) => void;
  s: PanelProps['s'];
  lang: PanelProps['lang'];
  styles: CouncilStyles;
}

export function RankingList({
  rows,
  unranked,
  levels,
  changes,
  refused,
  opened,
  onOpen,
  s,
  lang,
  styles,
}: RankingListProps) {
  const points = (r: RankedRow) => {
    const a = r.submission.assessment!;
    return levels ? `${s.levelCol} ${a.level?.number ?? 0}` : num(a.total ?? 0, lang);
  };
  const opener = (r: RankedRow) => ({
    role: 'button',
    tabIndex: 0,
    'aria-expanded': opened === r.submission.file,
    onClick: () => onOpen(r.submission.file),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onOpen(r.submission.file);
      }
    },
  });
  const changedBadge = (r: RankedRow) => {
    const n = changes.get(r.submission.file)?.length ?? 0;
    return n ? (
      <Badge appearance="tint" color="warning" size="small" data-testid="unit-changed">
        {say(APPRAISE.changedCount(n), lang)}
      </Badge>
    ) : null;
  };
  return (
    <section className={styles.section} aria-label={s.rankingTitle}>
      <Text weight="semibold">{s.rankingTitle}</Text>
      {rows.length === 0 && <Text size={200}>{s.noRanked}</Text>}
      {rows.length > 0 && (
        <Text size={200} className={styles.remark}>
          {say(APPRAISE.open, lang)}
        </Text>
      )}
      <ol className={styles.list} data-testid="council-ranking">
        {rows.map((r) => (
          <li
            key={r.submission.file}
            className={opened === r.submission.file ? `${styles.ranked} ${styles.open}` : styles.ranked}
            data-testid="ranked-row"
            {...opener(r)}
          >
            <span className={styles.rank} aria-label={s.rankCol}>
              {r.rank}
            </span>
            <span className={styles.file} title={r.submission.file}>
              {r.submission.unitName || r.submission.file}
            </span>
            <span className={styles.points} aria-label={levels ? s.levelCol : s.appraisedCol}>
              {points(r)}
            </span>
            <span className={styles.badge} title={r.submission.digest ? s.sealTip(r.submission.digest) : undefined}>
              <Badge appearance="tint" color={r.submission.status === 'valid' ? 'success' : 'informative'} size="small">
                {say(SIGNATURE_STATUS[r.submission.status], lang)}
              </Badge>
              {changedBadge(r)}
            </span>
          </li>
        ))}
      </ol>
      {unranked.length > 0 && (
        <>
          <Text weight="semibold">{s.notRankable(unranked.length)}</Text>
          <ul className={styles.list} data-testid="council-unranked">
            {unranked.map((r) => {
              // Only a unit the council's appraisal left out can be opened (to fix it): the others have nothing to appraise.
              const canOpen = refused.has(r.submission.file) && !!r.submission.assessment;
              return (
                <li
                  key={r.submission.file}
                  className={canOpen ? `${styles.unranked} ${styles.clickable}` : styles.unranked}
                  data-testid="unranked-row"
                  {...(canOpen ? opener(r) : {})}
                >
                  <Text size={200} weight="semibold" className={styles.file} block>
                    {r.submission.unitName ? `${r.submission.unitName} · ` : ''}
                    {r.submission.file}
                  </Text>
                  <Text size={200} className={styles.reason} block>
                    {whyNot(r, lang)}
                  </Text>
                  {changedBadge(r)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

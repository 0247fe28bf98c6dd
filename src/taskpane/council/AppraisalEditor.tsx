/**
 * One unit's criteria for the council to appraise: per criterion its id and title, what the unit
 * entered, the self-assessed points, the re-score and the maximum, then the appraised points (as
 * typed: "7,5" is 7.5), the reason from the fixed list and a note. A value the sheet's validation
 * would refuse is said under its input (criterion, what was entered, what is expected) and not used.
 * One card a criterion, so it fits a 350 px pane without scrolling sideways.
 */
import { Badge, Button, Checkbox, Field, Input, Select, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { num, say, type Lang } from '../../base';
import {
  appraisable,
  appraisedValue,
  REASONS,
  selfAssessed,
  shownPoints,
  type AppraisalChange,
  type RankedRow,
  type SubmissionResult,
} from '../../council';
import { criteriaFor } from '../../engine';
import type { Rubric, UnitId } from '../../rubrics';
import type { CouncilStyles } from './styles';
import type { PaneEntry } from './useAppraisal';
import { APPRAISE, REASON_EN } from './words';

export interface AppraisalEditorProps {
  rubric: Rubric;
  unit: UnitId;
  /** The submission as re-scored (its criteria carry the re-score). */
  submission: SubmissionResult;
  entries: Map<string, PaneEntry> | undefined;
  changes: AppraisalChange[];
  /** Where the unit stands now, on the appraised points (the ranking itself is above the editor). */
  standing: RankedRow | undefined;
  onEdit: (id: string, patch: Partial<PaneEntry>) => void;
  onClose: () => void;
  lang: Lang;
  styles: CouncilStyles;
}

export function AppraisalEditor({
  rubric,
  unit,
  submission: s,
  entries,
  changes,
  standing,
  onEdit,
  onClose,
  lang,
  styles,
}: AppraisalEditorProps) {
  const [changedOnly, setChangedOnly] = useState(false);
  const levels = rubric.kind === 'levels';
  const titles = useMemo(
    () => new Map(criteriaFor(rubric, unit).map((c) => [c.id, lang === 'en' ? (c.titleEn ?? c.title) : c.title])),
    [rubric, unit, lang],
  );
  const changed = new Set(changes.map((c) => c.criterion));
  const shown = (x: number | null | undefined) => (x === null || x === undefined ? '—' : num(x, lang));
  const criteria = (s.assessment?.criteria ?? []).filter(
    (c) => appraisable(rubric, c) && (!changedOnly || changed.has(c.id) || entries?.get(c.id)?.text.trim()),
  );
  const name = s.unitName || s.file;
  return (
    <section className={styles.editor} aria-label={say(APPRAISE.title(name), lang)} data-testid="appraisal-editor">
      <div className={styles.row} style={{ justifyContent: 'space-between' }}>
        <Text weight="semibold" className={styles.file}>
          {say(APPRAISE.title(name), lang)}
        </Text>
        <Button size="small" appearance="subtle" onClick={onClose}>
          {say(APPRAISE.close, lang)}
        </Button>
      </div>
      {standing && (
        <Text
          size={300}
          weight="semibold"
          role="status"
          data-testid="unit-standing"
          className={standing.rank === null ? styles.reason : undefined}
        >
          {standing.rank === null
            ? say(APPRAISE.notRanked(standing.unranked.map((x) => say(x, lang)).join('; ')), lang)
            : say(
                APPRAISE.standing(
                  standing.rank,
                  levels
                    ? String(standing.submission.assessment?.level?.number ?? 0)
                    : num(standing.submission.assessment?.total ?? 0, lang),
                  levels,
                ),
                lang,
              )}
        </Text>
      )}
      <Text size={200}>{say(APPRAISE.intro, lang)}</Text>
      <div className={styles.row}>
        {changes.length > 0 && (
          <Badge appearance="filled" color="warning" data-testid="changed-count">
            {say(APPRAISE.changedCount(changes.length), lang)}
          </Badge>
        )}
        <Checkbox
          label={say(APPRAISE.changedOnly, lang)}
          checked={changedOnly}
          onChange={(_, d) => setChangedOnly(!!d.checked)}
        />
      </div>
      <ol className={styles.list}>
        {criteria.map((c) => {
          const e = entries?.get(c.id);
          const rescored = shownPoints(rubric, c);
          const own = selfAssessed(s, c.id, rescored);
          const typed = e?.text ?? '';
          const check = typed.trim() ? appraisedValue(rubric, c, typed) : undefined;
          const isChanged = changed.has(c.id);
          const title = titles.get(c.id) ?? '';
          const top = levels ? (rubric.levels?.length ?? 0) : c.effect === 'penalty' ? -(c.max ?? 0) : c.max;
          return (
            <li
              key={c.id}
              className={isChanged ? `${styles.criterion} ${styles.changedCard}` : styles.criterion}
              data-testid="appraisal-criterion"
              data-criterion={c.id}
            >
              <div className={styles.row}>
                <Text weight="semibold">{c.id}</Text>
                {isChanged && (
                  <Badge appearance="tint" color="warning" size="small">
                    {say(APPRAISE.changed, lang)}:{' '}
                    {say(APPRAISE.from(shown(rescored), shown(check?.ok ? check.value : null)), lang)}
                  </Badge>
                )}
              </div>
              <Text size={200} className={styles.clamp} title={title}>
                {title}
              </Text>
              {c.entry && (
                <Text size={100} className={`${styles.clamp} ${styles.remark}`} title={c.entry}>
                  {say(APPRAISE.entry, lang)}: {c.entry}
                </Text>
              )}
              <Text size={100} className={styles.numbers}>
                {say(levels ? APPRAISE.selfLevel : APPRAISE.self, lang)}{' '}
                {typeof own === 'number' ? shown(own) : String(own ?? '—')}
                {' · '}
                {say(APPRAISE.rescored, lang)} {shown(rescored)} · {say(APPRAISE.max, lang)} {shown(top)}
              </Text>
              <div className={styles.inputs}>
                <Field size="small" validationState={check && !check.ok ? 'error' : 'none'} className={styles.shrink}>
                  <Input
                    size="small"
                    className={styles.shrink}
                    inputMode="decimal"
                    aria-label={`${say(levels ? APPRAISE.appraisedLevel : APPRAISE.appraised, lang)} ${c.id}`}
                    placeholder={shown(rescored)}
                    value={typed}
                    onChange={(_, d) => onEdit(c.id, { text: d.value })}
                  />
                </Field>
                <Select
                  size="small"
                  className={styles.shrink}
                  aria-label={`${say(APPRAISE.reason, lang)} ${c.id}`}
                  value={e?.reason ?? ''}
                  onChange={(_, d) => onEdit(c.id, { reason: d.value })}
                >
                  <option value="">{say(APPRAISE.noReason, lang)}</option>
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {lang === 'en' ? (REASON_EN[r] ?? r) : r}
                    </option>
                  ))}
                </Select>
              </div>
              {check && !check.ok && (
                <Text size={200} className={styles.reason} role="alert">
                  {say(check.error, lang)}
                </Text>
              )}
              {isChanged && !e?.reason && (
                <Text size={100} className={styles.remark}>
                  {say(APPRAISE.needReason, lang)}
                </Text>
              )}
              <Input
                size="small"
                className={styles.shrink}
                aria-label={`${say(APPRAISE.note, lang)} ${c.id}`}
                placeholder={say(APPRAISE.note, lang)}
                value={e?.note ?? ''}
                onChange={(_, d) => onEdit(c.id, { note: d.value })}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

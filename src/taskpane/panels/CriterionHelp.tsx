import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { say } from '../../base';
import { findCriterion, inputModel, resolveUnit } from '../../engine';
import { criterionAt } from '../../template';
import type { Strings, UiLang } from '../i18n';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * Help on the criterion the officer is on: what to enter in each cell, the decision's condition
 * and guidance, the evidence it asks for (a signed file flagged), the deadline, and where it
 * stands now (points or level, and what is wrong or missing).
 */
export function CriterionHelp({
  view,
  address,
  onClose,
  s,
  lang,
}: {
  view: WorkbookView;
  address: string | undefined;
  onClose: () => void;
  s: Strings;
  lang: UiLang;
}) {
  const styles = useStyles();
  if (!address || !view.filled || !view.rubric || !view.assessment) return null;
  const id = criterionAt(view.filled.info.layout, address);
  if (!id) return null;
  const rubric = view.rubric;
  const unit = resolveUnit(rubric, view.filled.info.meta.unit);
  const criterion = findCriterion(rubric, unit, id);
  const model = inputModel(rubric, unit, criterion);
  const now = view.assessment.criteria.find((c) => c.id === id);
  const title = lang === 'en' && criterion.titleEn ? criterion.titleEn : criterion.title;
  return (
    <section className={styles.card} aria-label={s.helpTitle(id)} data-testid="criterion-help">
      <div className={styles.head}>
        <Text weight="semibold">
          {id} {title}
        </Text>
        <Button size="small" appearance="subtle" onClick={onClose} aria-label={s.close}>
          ✕
        </Button>
      </div>
      {now && (
        <Text size={200}>
          <b>{s.helpNow}:</b> {now.level !== undefined && now.points === null ? `${s.level} ${now.level}` : ''}{' '}
          {now.message}
        </Text>
      )}
      <Text size={200} weight="semibold">
        {s.helpEnter}
      </Text>
      <ul className={styles.list}>
        {model.slots.map((slot) => (
          <li key={slot.key}>
            <Text size={200}>
              {say(slot.label, lang)}: {say(slot.forms, lang)}
            </Text>
          </li>
        ))}
        {model.notApplicable && (
          <li>
            <Text size={200}>{s.helpNotApplicable(model.notApplicable)}</Text>
          </li>
        )}
      </ul>
      {criterion.guidance && (
        <Text size={200}>
          <b>{s.helpGuidance}:</b> {criterion.guidance}
        </Text>
      )}
      {criterion.evidence && (
        <Text size={200}>
          <b>{s.helpEvidence}:</b> {criterion.evidence.text}{' '}
          {criterion.evidence.signed && (
            <Badge appearance="tint" color="important">
              {s.helpSigned}
            </Badge>
          )}
        </Text>
      )}
      {criterion.deadline && (
        <Text size={200}>
          <b>{s.helpDeadline}:</b> {criterion.deadline.text}
        </Text>
      )}
    </section>
  );
}

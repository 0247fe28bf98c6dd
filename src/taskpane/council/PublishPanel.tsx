/**
 * Two parts of the council tab, mounted by CouncilPanel: the submission deadline (a date, an
 * optional time, whether late submissions are ranked anyway — remembered with the trust anchors)
 * and the "In kết quả xếp hạng" button that writes the published ranking into the open workbook.
 */
import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { say, t } from '../../base';
import type { Round } from '../../council';
import type { UiLang } from '../i18n';
import type { WorkbookPort } from '../port';
import {
  deadlineOf,
  loadDeadline,
  NO_DEADLINE,
  publishedText,
  publishInWorkbook,
  saveDeadline,
  type DeadlineChoice,
} from './publish';
import type { CouncilRanking } from './session';
import { WriteOutcomeBar } from './WriteOutcome';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  remark: { color: tokens.colorNeutralForeground3 },
});

const W = {
  deadline: t('Hạn nộp', 'Submission deadline'),
  date: t('Ngày (giờ Việt Nam)', 'Date (Vietnam time)'),
  time: t('Giờ (không ghi: hết ngày)', 'Time (none: end of day)'),
  acceptLate: t('Vẫn xếp hạng bài nộp muộn (ghi là nộp muộn)', 'Rank late submissions too (marked late)'),
  deadlineNote: t(
    'Bài nộp ký sau hạn (theo dấu thời gian, nếu không có thì theo thời điểm người ký ghi) là nộp muộn. Bài nộp chưa ký không đối chiếu được với hạn.',
    'A submission signed after the deadline (by its timestamp, else the time the signer wrote) is late. An unsigned one cannot be checked against it.',
  ),
  clear: t('Bỏ hạn nộp', 'No deadline'),
  publish: t('In kết quả xếp hạng', 'Print the ranking'),
  published: t('Kết quả xếp hạng để công bố', 'The ranking to publish'),
  publishIntro: t(
    'Sau khi thẩm định trong sổ thẩm định: ghi trang "Kết quả xếp hạng" (quốc hiệu, tên Hội đồng, bảng xếp hạng theo điểm thẩm định, khối chữ ký) để in, ký và công bố.',
    'After appraising in the appraisal workbook: write the "Kết quả xếp hạng" sheet (national title, the council, the ranking on the appraised points, the signature block) to print, sign and publish.',
  ),
  council: t('Tên Hội đồng', "The council's name"),
  place: t('Địa danh', 'Place'),
  dated: t('Ngày văn bản (không ghi: để trống)', "The document's date (none: left blank)"),
  round: t('Vòng thẩm định', 'Round'),
  rounds: { '1': t('Vòng 1', 'Round 1'), '2': t('Vòng 2', 'Round 2'), final: t('Chính thức', 'Final') },
  rename: t('Đổi tên và ghi', 'Rename and write'),
};

/** The deadline the council set, remembered through the port; `field` is its part of the tab. */
export function useDeadline(port: WorkbookPort, lang: UiLang) {
  const [choice, setChoice] = useState<DeadlineChoice>(NO_DEADLINE);
  useEffect(() => void loadDeadline(port).then(setChoice), [port]);
  const at = useMemo(() => deadlineOf(choice), [choice]);
  const change = (next: Partial<DeadlineChoice>) => {
    const all = { ...choice, ...next };
    setChoice(all);
    void saveDeadline(port, all);
  };
  const rule = useMemo(() => (at ? { at, acceptLate: choice.acceptLate } : undefined), [at, choice.acceptLate]);
  return { rule, field: <DeadlineField {...{ choice, change, lang }} /> };
}

function DeadlineField({
  choice,
  change,
  lang,
}: {
  choice: DeadlineChoice;
  change: (c: Partial<DeadlineChoice>) => void;
  lang: UiLang;
}) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={say(W.deadline, lang)} data-testid="council-deadline">
      <Text weight="semibold">{say(W.deadline, lang)}</Text>
      <div className={styles.row}>
        <Field label={say(W.date, lang)}>
          <Input type="date" value={choice.date} onChange={(_, d) => change({ date: d.value })} />
        </Field>
        <Field label={say(W.time, lang)}>
          <Input
            type="time"
            value={choice.time}
            disabled={!choice.date}
            onChange={(_, d) => change({ time: d.value })}
          />
        </Field>
        {choice.date && (
          <Button size="small" appearance="subtle" onClick={() => change({ date: '', time: '' })}>
            {say(W.clear, lang)}
          </Button>
        )}
      </div>
      <Checkbox
        label={say(W.acceptLate, lang)}
        checked={choice.acceptLate}
        disabled={!choice.date}
        onChange={(_, d) => change({ acceptLate: d.checked === true })}
      />
      <Text size={100} className={styles.remark}>
        {say(W.deadlineNote, lang)}
      </Text>
    </section>
  );
}

/** The "In kết quả xếp hạng" button and what came of it. */
export function PublishRanking({
  port,
  ranking,
  lang,
}: {
  port: WorkbookPort;
  ranking: CouncilRanking | undefined;
  lang: UiLang;
}) {
  const styles = useStyles();
  const [council, setCouncil] = useState('');
  const [place, setPlace] = useState('');
  const [dated, setDated] = useState('');
  const [round, setRound] = useState<Round>('final');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; confirm?: boolean }>();
  if (!ranking) return null;

  const publish = async (renameSheets = false) => {
    setBusy(true);
    try {
      // Undated, the document leaves dots to fill in by hand when signed, as dti publish does; the year is Vietnam's.
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dated);
      const date = m ? { day: Number(m[3]), month: Number(m[2]), year: Number(m[1]) } : undefined;
      const year = date?.year ?? new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
      const out = await publishInWorkbook(port, ranking, { year, council, place, date, round }, renameSheets);
      setOutcome({ ok: out.ok, text: publishedText(out, lang), confirm: !out.ok && out.confirm });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.section} aria-label={say(W.published, lang)} data-testid="council-publish">
      <Text weight="semibold">{say(W.published, lang)}</Text>
      <Text size={200}>{say(W.publishIntro, lang)}</Text>
      <div className={styles.row}>
        <Field label={say(W.council, lang)}>
          <Input value={council} placeholder="HỘI ĐỒNG THẨM ĐỊNH" onChange={(_, d) => setCouncil(d.value)} />
        </Field>
        <Field label={say(W.place, lang)}>
          <Input value={place} placeholder="……" onChange={(_, d) => setPlace(d.value)} />
        </Field>
        <Field label={say(W.dated, lang)}>
          <Input type="date" value={dated} onChange={(_, d) => setDated(d.value)} />
        </Field>
      </div>
      <div className={styles.row} role="radiogroup" aria-label={say(W.round, lang)}>
        {(['1', '2', 'final'] as const).map((r) => (
          <Button
            key={r}
            size="small"
            role="radio"
            aria-checked={round === r}
            appearance={round === r ? 'primary' : 'secondary'}
            onClick={() => setRound(r)}
          >
            {say(W.rounds[r], lang)}
          </Button>
        ))}
      </div>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void publish()} disabled={busy}>
          {say(W.publish, lang)}
        </Button>
      </div>
      {outcome && (
        <WriteOutcomeBar
          outcome={outcome}
          renameLabel={say(W.rename, lang)}
          onRename={() => void publish(true)}
          busy={busy}
          styles={styles}
          testId="council-published"
        />
      )}
    </section>
  );
}

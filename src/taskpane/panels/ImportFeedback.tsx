/**
 * The officer's "Nhập ý kiến thẩm định" (Hà Nội 5279/QĐ-UBND Điều 5.3: on the round-1 result the
 * unit adds explanations and evidence): the council's feedback file picked (JSON or its workbook),
 * checked against the template here, then the template updated into a response — every entry
 * kept, the council's remark and a "Giải trình" cell beside each remarked criterion, the round
 * answered recorded. A sealed workbook is re-opened only when the officer says so.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { say, t } from '../../base';
import type { Feedback } from '../feedback-file';
import type { InsertChoices } from '../port';
import type { PanelProps } from './props';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pick: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

const W = {
  title: t('Ý kiến thẩm định của Hội đồng', "The council's feedback"),
  intro: t(
    'Sau thẩm định vòng 1, Hội đồng gửi tệp ý kiến thẩm định. Nhập tệp để thêm ý kiến của Hội đồng và ô Giải trình bên cạnh các tiêu chí được hỏi; số liệu đã nhập được giữ nguyên.',
    "After round 1 the council sends a feedback file. Import it to add the council's remarks and an explanation cell beside the criteria it questioned; the entries stay as they are.",
  ),
  pick: t('Nhập ý kiến thẩm định', 'Import the feedback'),
  write: t('Ghi ý kiến vào mẫu biểu', 'Write the feedback into the template'),
  reopen: t('Mở lại mẫu biểu để giải trình (bỏ niêm phong)', 'Re-open the template to explain (voids the seal)'),
};

export function ImportFeedback({ port, view, lang }: PanelProps) {
  const styles = useStyles();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<{ name: string; feedback?: Feedback; error?: string }>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; confirmSeal?: boolean }>();
  const [busy, setBusy] = useState(false);
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const meta = view.filled?.info.meta;

  const pick = async (file: File | undefined) => {
    setOutcome(undefined);
    if (!file || !meta) return setPicked(undefined);
    const { readFeedbackFile } = await import(/* webpackChunkName: "feedback" */ '../feedback-file');
    const read = readFeedbackFile(new Uint8Array(await file.arrayBuffer()));
    if ('error' in read) return setPicked({ name: file.name, error: say(read.error, lang) });
    if (read.rubric !== meta.rubric || read.unit !== meta.unit)
      return setPicked({
        name: file.name,
        error: L(
          `Ý kiến thẩm định theo ${read.rubric} (${read.unit}), không phải mẫu biểu này (${meta.rubric}, ${meta.unit}).`,
          `The feedback is on ${read.rubric} (${read.unit}), not this template (${meta.rubric}, ${meta.unit}).`,
        ),
      });
    setPicked({ name: file.name, feedback: read });
  };

  const write = async (choices: InsertChoices = {}) => {
    const feedback = picked?.feedback;
    if (!view.rubric || !view.filled || !feedback) return;
    setBusy(true);
    try {
      const { responseRequest } = await import(/* webpackChunkName: "feedback" */ '../feedback-file');
      const out = await port.insertTemplate(
        view.rubric,
        {
          unit: view.filled.info.meta.unit,
          unitName: view.filled.unitName || undefined,
          year: view.filled.year,
          response: responseRequest(feedback),
        },
        () => undefined,
        choices,
      );
      if (out.ok) {
        setOutcome({
          ok: true,
          text: L(
            `Đã thêm ý kiến thẩm định vòng ${feedback.round} và ô Giải trình bên cạnh ${feedback.criteria.length} tiêu chí. Nhập giải trình, bổ sung tài liệu kiểm chứng, rồi niêm phong và ký số lại.`,
            `Added the round-${feedback.round} feedback and an explanation cell beside ${feedback.criteria.length} criteria. Write the explanations, add evidence, then seal and sign again.`,
          ),
        });
        await view.refresh();
      } else setOutcome({ ok: false, text: say(out.message, lang), confirmSeal: out.kind === 'confirm-seal' });
    } finally {
      setBusy(false);
    }
  };

  if (!meta) return null;
  const f = picked?.feedback;
  return (
    <section className={styles.section} aria-labelledby={`${id}-title`} data-testid="import-feedback">
      <Text as="h2" weight="semibold" id={`${id}-title`}>
        {say(W.title, lang)}
      </Text>
      <Text size={200}>{say(W.intro, lang)}</Text>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,.json"
        aria-label={say(W.pick, lang)}
        tabIndex={-1}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <div className={styles.pick}>
        <Button onClick={() => input.current?.click()}>{say(W.pick, lang)}</Button>
        {picked && <Text size={200}>{picked.name}</Text>}
      </div>
      {picked?.error && (
        <MessageBar intent="error">
          <MessageBarBody>{picked.error}</MessageBarBody>
        </MessageBar>
      )}
      {f && (
        <>
          <Text size={200} data-testid="feedback-summary">
            {L(
              `Vòng ${f.round}, bài nộp ${f.submission.file}: ${f.criteria.length} tiêu chí có ý kiến${f.criteria.length ? ` (${f.criteria.map((c) => c.id).join(', ')})` : ''}.`,
              `Round ${f.round}, submission ${f.submission.file}: ${f.criteria.length} criteria remarked${f.criteria.length ? ` (${f.criteria.map((c) => c.id).join(', ')})` : ''}.`,
            )}
          </Text>
          <Button appearance="primary" disabled={busy} onClick={() => void write()}>
            {say(W.write, lang)}
          </Button>
        </>
      )}
      {outcome && (
        <MessageBar intent={outcome.ok ? 'success' : 'warning'}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.confirmSeal && (
        <Button disabled={busy} onClick={() => void write({ voidSeal: true })}>
          {say(W.reopen, lang)}
        </Button>
      )}
    </section>
  );
}

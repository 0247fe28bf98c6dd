/**
 * The council tab's round 2 (Hà Nội 5279/QĐ-UBND Điều 5.4): the round-1 workbook picked, then the
 * round-2 workbook written from the files checked above — round 1's points preset, the units'
 * explanations beside them, the changes beyond explanations flagged — through the same port.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { say, t } from '../../base';
import type { PreviousRound, SubmissionResult } from '../../council';
import { readRound1, round2Spec } from '../council/round2';
import type { WorkbookPort } from '../port';
import type { PanelProps } from './props';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

export interface CouncilRound2Props {
  port: WorkbookPort;
  results: SubmissionResult[];
  choice: { rubric: string; unit: string };
  trusted: boolean;
  pasted: string;
  lang: PanelProps['lang'];
}

export function CouncilRound2({ port, results, choice, trusted, pasted, lang }: CouncilRound2Props) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [round1, setRound1] = useState<{ name: string; read: PreviousRound | { error: string } }>();
  const [written, setWritten] = useState<{ ok: boolean; lines: string[]; confirm?: boolean }>();
  const [busy, setBusy] = useState(false);
  const L = (vi: string, en: string) => say(t(vi, en), lang);

  const pick = async (file: File | undefined) => {
    setWritten(undefined);
    if (!file) return setRound1(undefined);
    const read = readRound1(new Uint8Array(await file.arrayBuffer()));
    setRound1({ name: file.name, read: 'error' in read ? { error: say(read.error, lang) } : read });
  };

  const write = async (renameSheets = false) => {
    if (!round1 || 'error' in round1.read) return;
    setBusy(true);
    try {
      const built = round2Spec(results, choice, round1.read, trusted, pasted, lang);
      if ('error' in built) return setWritten({ ok: false, lines: [say(built.error!, lang)] });
      const out = await port.writeCouncilWorkbook(built.spec, { renameSheets });
      if (!out.ok)
        return setWritten({ ok: false, lines: [say(out.message, lang)], confirm: out.kind === 'confirm-rename' });
      setWritten({
        ok: true,
        lines: [
          L(
            `Đã ghi bảng thẩm định vòng 2: ${built.identity.submissions.length} đơn vị, ${built.responses} bài giải trình; điểm vòng 2 đặt sẵn bằng điểm vòng 1.`,
            `Wrote the round-2 workbook: ${built.identity.submissions.length} units, ${built.responses} responses; the round-2 points preset to round 1's.`,
          ),
          ...built.flagged,
        ],
      });
    } finally {
      setBusy(false);
    }
  };

  const ready = round1 && !('error' in round1.read);
  return (
    <section className={styles.section} data-testid="council-round2">
      <Text weight="semibold">{L('Thẩm định vòng 2', 'Appraisal round 2')}</Text>
      <Text size={200}>
        {L(
          'Khi các tệp ở trên là bài giải trình của các đơn vị: chọn bảng thẩm định vòng 1, rồi ghi bảng thẩm định vòng 2.',
          "When the files above are the units' responses: pick the round-1 workbook, then write the round-2 workbook.",
        )}
      </Text>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx"
        aria-label={L('Chọn bảng thẩm định vòng 1', 'Pick the round-1 workbook')}
        tabIndex={-1}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <div className={styles.row}>
        <Button size="small" onClick={() => input.current?.click()} disabled={busy}>
          {L('Chọn bảng thẩm định vòng 1', 'Pick the round-1 workbook')}
        </Button>
        {round1 && <Text size={200}>{round1.name}</Text>}
        {ready && (
          <Button appearance="primary" size="small" onClick={() => void write()} disabled={busy}>
            {L('Ghi bảng thẩm định vòng 2', 'Write the round-2 workbook')}
          </Button>
        )}
      </div>
      {round1 && 'error' in round1.read && (
        <MessageBar intent="error">
          <MessageBarBody>{round1.read.error}</MessageBarBody>
        </MessageBar>
      )}
      {written && (
        <MessageBar intent={written.ok ? 'success' : 'warning'} layout="multiline" role="status">
          <MessageBarBody>
            {written.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
            {written.confirm && (
              <Button size="small" onClick={() => void write(true)} disabled={busy}>
                {L('Đổi tên trang tính cũ và ghi', 'Rename the old sheets and write')}
              </Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/**
 * The council tab's section for appraisal shared among member agencies (Hà Nội 5279/QĐ-UBND,
 * Điều 6.2): split the council's saved workbook into one download per agency, and merge the
 * agencies' returned workbooks into the open workbook, with the conflicts and the criteria nobody
 * appraised listed. The work is ./agency-files.ts; this is only its face.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { say, t, type Lang } from '../../base';
import type { MergeOutcome } from '../../council';
import type { WorkbookPort } from '../port';
import { download, mergeFiles, splitFile, type PickedFile, type SplitResult } from './agency-files';
import { WriteOutcomeBar } from './WriteOutcome';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
  remark: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: '2px' },
});

const picked = async (files: FileList | null): Promise<PickedFile[]> =>
  Promise.all(
    Array.from(files ?? []).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );

type Merged = Extract<MergeOutcome, { ok: true }>;

export default function AgencyShare({ port, lang }: { port: WorkbookPort; lang: Lang }) {
  const styles = useStyles();
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const splitInput = useRef<HTMLInputElement>(null);
  const mergeInput = useRef<HTMLInputElement>(null);
  const [split, setSplit] = useState<SplitResult>();
  const [toMerge, setToMerge] = useState<PickedFile[]>([]);
  const [merged, setMerged] = useState<{ outcome?: Merged; text: string; ok: boolean; confirm?: boolean }>();
  const [busy, setBusy] = useState(false);

  const doSplit = async (files: FileList | null) => {
    const [file] = await picked(files);
    if (!file) return;
    setBusy(true);
    try {
      setSplit(await splitFile(file));
    } finally {
      setBusy(false);
    }
  };

  const doMerge = async (renameSheets = false) => {
    setBusy(true);
    try {
      const outcome = await mergeFiles(toMerge);
      if (!outcome.ok) return setMerged({ ok: false, text: say(outcome.message, lang) });
      const written = await port.writeCouncilWorkbook(outcome.spec, { renameSheets });
      if (!written.ok)
        return setMerged({ ok: false, text: say(written.message, lang), confirm: written.kind === 'confirm-rename' });
      const settle = outcome.conflicts.length + outcome.unappraised.length;
      setMerged({
        ok: true,
        outcome,
        text: settle
          ? L(
              'Đã ghi bảng thẩm định đã gộp vào sổ làm việc. Còn việc Hội đồng cần quyết định:',
              'The merged appraisal workbook is written into the workbook. Left for the council to decide:',
            )
          : L(
              'Đã ghi bảng thẩm định đã gộp vào sổ làm việc: các cơ quan đã thẩm định mọi tiêu chí được giao, không có ô chấm khác nhau.',
              'The merged appraisal workbook is written into the workbook: the agencies appraised every criterion assigned, with no conflict.',
            ),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className={styles.section}
      aria-label={L('Chia phần thẩm định cho các cơ quan', 'Share the appraisal among the agencies')}
      data-testid="agency-share"
    >
      <Text weight="semibold">
        {L('Chia phần thẩm định cho các cơ quan', 'Share the appraisal among the agencies')}
      </Text>
      <Text size={200}>
        {L(
          'Chọn bảng thẩm định của Hội đồng (tệp đã lưu): mỗi cơ quan nhận một tệp chỉ gồm các tiêu chí cơ quan đó thẩm định.',
          "Pick the council's appraisal workbook (the saved file): each agency gets a file holding only the criteria it appraises.",
        )}
      </Text>
      <input
        ref={splitInput}
        type="file"
        accept=".xlsx"
        className={styles.hidden}
        data-testid="agency-split-input"
        onChange={(e) => void doSplit(e.target.files).then(() => (e.target.value = ''))}
      />
      <div className={styles.row}>
        <Button onClick={() => splitInput.current?.click()} disabled={busy}>
          {L('Chọn bảng thẩm định để chia…', 'Pick the appraisal workbook to split…')}
        </Button>
      </div>
      {split?.ok === true && split.downloads.length === 0 && (
        <MessageBar intent="warning" layout="multiline" role="status">
          <MessageBarBody>
            {L(
              'Trang "Phân công thẩm định" chưa giao tiêu chí nào cho cơ quan nào: ghi cơ quan cho từng tiêu chí, lưu rồi chọn lại tệp.',
              'The sheet "Phân công thẩm định" assigns no criterion to any agency yet: name the agencies, save and pick the file again.',
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {split?.ok === true && split.downloads.length > 0 && (
        <>
          <ul className={styles.list} data-testid="agency-downloads">
            {split.downloads.map((d) => (
              <li key={d.name}>
                <Button size="small" appearance="subtle" onClick={() => download(d)}>
                  {`${d.agency} — ${d.criteria.length} ${L('tiêu chí', 'criteria')}`}
                </Button>
              </li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button size="small" appearance="primary" onClick={() => split.downloads.forEach(download)}>
              {L('Tải tất cả', 'Download all')}
            </Button>
          </div>
          {split.council.length > 0 && (
            <Text size={200} className={styles.remark}>
              {L('Hội đồng tự thẩm định', 'Left to the council')}: {split.council.join(', ')}
            </Text>
          )}
        </>
      )}
      {split?.ok === false && (
        <MessageBar intent={split.kind === 'assign' ? 'warning' : 'error'} layout="multiline" role="status">
          <MessageBarBody>
            {split.kind === 'assign'
              ? L(
                  `Bộ tiêu chí không ghi cơ quan thẩm định cho ${split.unassigned.length} tiêu chí. Tải bảng thẩm định có thêm trang "Phân công thẩm định", ghi cơ quan cho từng tiêu chí (để trống: Hội đồng tự thẩm định), lưu rồi chọn lại tệp đó.`,
                  `The rubric names no agency for ${split.unassigned.length} criteria. Download the appraisal workbook with the sheet "Phân công thẩm định" added, name the agency of each criterion (blank: the council appraises it), save it and pick that file again.`,
                )
              : say(split.message, lang)}
            {split.kind === 'assign' && (
              <div className={styles.row} style={{ marginTop: 8 }}>
                <Button size="small" onClick={() => download(split.download)}>
                  {L('Tải bảng thẩm định có trang phân công', 'Download the workbook with the assignment sheet')}
                </Button>
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      <Text weight="semibold">{L('Gộp phần thẩm định của các cơ quan', "Merge the agencies' appraisals")}</Text>
      <Text size={200}>
        {L(
          'Chọn bảng thẩm định của Hội đồng (tệp đã lưu) cùng các tệp các cơ quan gửi lại; bảng đã gộp được ghi vào sổ làm việc đang mở.',
          "Pick the council's appraisal workbook (the saved file) with the files the agencies sent back; the merged workbook is written into the open workbook.",
        )}
      </Text>
      <input
        ref={mergeInput}
        type="file"
        multiple
        accept=".xlsx"
        className={styles.hidden}
        data-testid="agency-merge-input"
        onChange={(e) => void picked(e.target.files).then((f) => (setToMerge(f), setMerged(undefined)))}
      />
      <div className={styles.row}>
        <Button onClick={() => mergeInput.current?.click()} disabled={busy}>
          {L('Chọn các tệp…', 'Pick the files…')}
        </Button>
        {toMerge.length > 0 && (
          <Button appearance="primary" onClick={() => void doMerge()} disabled={busy}>
            {L(`Gộp ${toMerge.length} tệp`, `Merge ${toMerge.length} files`)}
          </Button>
        )}
      </div>
      {merged && (
        <WriteOutcomeBar
          outcome={merged}
          renameLabel={L('Đổi tên và ghi', 'Rename and write')}
          onRename={() => void doMerge(true)}
          busy={busy}
          styles={styles}
        />
      )}
      {merged?.outcome && <MergeReport outcome={merged.outcome} lang={lang} className={styles.list} />}
    </section>
  );
}

function MergeReport({ outcome, lang, className }: { outcome: Merged; lang: Lang; className: string }) {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  return (
    <ul className={className} data-testid="agency-merge-report">
      {outcome.conflicts.map((c) => (
        <li key={`${c.unitName}|${c.criterion}`}>
          <Text size={200}>
            {L('Chưa thống nhất', 'Conflict')} · {c.unitName} · {c.criterion}:{' '}
            {c.votes.map((v) => `${v.agency} ${String(v.value ?? '')}`).join('; ')}
          </Text>
        </li>
      ))}
      {outcome.unappraised.map((u) => (
        <li key={u.criterion}>
          <Text size={200}>
            {L('Chưa cơ quan nào thẩm định', 'Appraised by no agency')} · {u.criterion} ({u.agencies.join('; ')}):{' '}
            {u.units.length} {L('đơn vị', 'units')}
          </Text>
        </li>
      ))}
      {outcome.merged
        .filter((m) => !m.done)
        .map((m) => (
          <li key={m.file}>
            <Text size={200}>
              {m.agency}: {L('chưa đánh dấu "Đã xong"', 'not marked finished')}
            </Text>
          </li>
        ))}
    </ul>
  );
}

/**
 * The "Hội đồng" tab (a lazy chunk, loaded when the tab is opened): the council picks or drops
 * many submitted files, they are checked in Web Workers with the council core `dti rank` uses,
 * ranked, held against the units that must submit, appraised criterion by criterion with the
 * ranking following live, and the council's appraisal workbook is written into the open workbook
 * through the port (the pane's edits then go into it, and it can be read back). Its parts are in
 * ../council/.
 */
import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Text,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { say, type Text as Words } from '../../base';
import type { SubmissionResult } from '../../council';
import { allRubrics, getRubric } from '../../rubrics';
import { CouncilRound2 } from './CouncilRound2';
import { AppraisalEditor } from '../council/AppraisalEditor';
import { ExpectedUnits } from '../council/ExpectedUnits';
import { RankingList } from '../council/RankingList';
import {
  checkFiles,
  councilSpec,
  loadTrust,
  mostNamed,
  pairFiles,
  rankCouncil,
  saveTrust,
  type TrustAnchor,
} from '../council/session';
import { useCouncilStyles } from '../council/styles';
import { TrustAnchors } from '../council/TrustAnchors';
import { useAppraisal } from '../council/useAppraisal';
import { APPRAISE } from '../council/words';
import { WrittenSheets } from '../council/WrittenSheets';
import { WriteOutcomeBar } from '../council/WriteOutcome';
import { MemoryWorkbook } from '../memory-port';
import { PublishRanking, useDeadline } from '../council/PublishPanel';
import AgencyShare from '../council/AgencyShare';
import type { PanelProps } from './props';
import { CouncilBonus } from './CouncilBonus';

type Written = { ok: boolean; text: string; confirm?: boolean };

export default function CouncilPanel({ port, s, lang }: PanelProps) {
  const styles = useCouncilStyles();
  const filesInput = useRef<HTMLInputElement>(null);
  const [anchors, setAnchors] = useState<TrustAnchor[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [dropping, setDropping] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [results, setResults] = useState<SubmissionResult[]>();
  const [choice, setChoice] = useState<{ rubric: string; unit: string }>();
  const [pasted, setPasted] = useState('');
  const [written, setWritten] = useState<Written>();
  const [readBack, setReadBack] = useState<{ ok: boolean; text: Words }>();
  const [opened, setOpened] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => void loadTrust(port).then(setAnchors), [port]);
  const deadline = useDeadline(port, lang);

  const named = useMemo(() => (results ? mostNamed(results) : undefined), [results]);
  const ranking = useMemo(
    () =>
      results && choice
        ? rankCouncil(results, choice.rubric, choice.unit, anchors.length > 0, pasted, lang, deadline.rule)
        : undefined,
    [results, choice, anchors.length, pasted, lang, deadline.rule],
  );
  const appraisal = useAppraisal(port, ranking, lang);
  const live = appraisal.live;

  /** What was shown of the council's workbook no longer holds: new files, another rubric. */
  const forgetWorkbook = () => {
    setWritten(undefined);
    setReadBack(undefined);
    setOpened(undefined);
    appraisal.reset();
  };

  const addTrust = async (picked: FileList | null) => {
    if (!picked?.length) return;
    const next = [
      ...anchors,
      ...(await Promise.all(
        Array.from(picked).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      )),
    ];
    setAnchors(next);
    await saveTrust(port, next);
  };

  const choose = (picked: File[]) => {
    setFiles(picked);
    setResults(undefined);
    setProgress(undefined);
    forgetWorkbook();
  };

  const check = async () => {
    setBusy(true);
    forgetWorkbook();
    try {
      const out = await checkFiles(
        files.map((f) => ({ name: f.name, read: async () => new Uint8Array(await f.arrayBuffer()) })),
        anchors,
        lang,
        (done, total) => setProgress({ done, total }),
      );
      setResults(out);
      const most = mostNamed(out);
      setChoice((c) => c ?? (most ? { rubric: most.rubric, unit: most.unit } : undefined));
    } finally {
      setBusy(false);
    }
  };

  const write = async (renameSheets = false) => {
    if (!ranking) return;
    setBusy(true);
    setReadBack(undefined);
    try {
      const { spec, identity } = councilSpec(ranking);
      const out = await port.writeCouncilWorkbook(spec, { renameSheets });
      if (out.ok) {
        setWritten({ ok: true, text: s.councilWritten(identity.submissions.length) });
        await appraisal.wroteWorkbook();
      } else setWritten({ ok: false, text: say(out.message, lang), confirm: out.kind === 'confirm-rename' });
    } catch (e) {
      setWritten({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const readAgain = async () => {
    setBusy(true);
    try {
      setReadBack(await appraisal.readBack());
    } catch (e) {
      setReadBack({ ok: false, text: { vi: (e as Error).message, en: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };

  const { submissions, p7s } = pairFiles(files.map((f) => ({ name: f.name, read: async () => new Uint8Array() })));
  const rubric = choice ? getRubric(choice.rubric) : undefined;
  const ranked = live?.rows.filter((r) => r.rank !== null) ?? [];
  const unranked = live?.rows.filter((r) => r.rank === null) ?? [];
  // The editor shows the re-score beside the council's entries: the submission as checked.
  const openedSubmission = ranking?.rows.find((r) => r.submission.file === opened)?.submission;
  const notInWorkbook = live && appraisal.linked ? unranked.filter((r) => r.submission.excluded?.length).length : 0;

  return (
    <div className={styles.panel}>
      <Text as="h2" size={400} weight="semibold">
        {s.councilTitle}
      </Text>
      <Text size={200}>{s.councilIntro}</Text>

      <TrustAnchors
        anchors={anchors}
        onAdd={addTrust}
        onForget={() => (setAnchors([]), void saveTrust(port, []))}
        {...{ s, styles }}
      />
      {deadline.field}

      <div
        className={dropping ? `${styles.drop} ${styles.dropping}` : styles.drop}
        data-testid="council-drop"
        onDragOver={(e) => (e.preventDefault(), setDropping(true))}
        onDragLeave={() => setDropping(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDropping(false);
          choose(Array.from(e.dataTransfer.files));
        }}
      >
        <input
          ref={filesInput}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.p7s"
          className={styles.hidden}
          data-testid="council-input"
          onChange={(e) => choose(Array.from(e.target.files ?? []))}
        />
        <div className={styles.row}>
          <Button onClick={() => filesInput.current?.click()} disabled={busy}>
            {s.filesPick}
          </Button>
          <Text size={200} className={styles.remark}>
            {s.filesDrop}
          </Text>
        </div>
        {files.length > 0 && <Text size={200}>{s.filesChosen(submissions.length, p7s.size)}</Text>}
        {files.length > 0 && (
          <Button appearance="primary" onClick={() => void check()} disabled={busy || submissions.length === 0}>
            {s.checkFiles}
          </Button>
        )}
      </div>

      {progress && (
        <div className={styles.section}>
          <Text size={200} role="status" data-testid="council-progress">
            {s.checking(progress.done, progress.total)}
          </Text>
          <ProgressBar
            value={progress.total ? progress.done / progress.total : 1}
            color={progress.done === progress.total ? 'success' : 'brand'}
            aria-label={s.checking(progress.done, progress.total)}
          />
        </div>
      )}

      {results && choice && rubric && live && (
        <>
          <Field label={s.rubricFor} hint={named ? s.mostNamed(named.count, results.length) : undefined}>
            <Dropdown
              value={`${rubric.decision.number} — ${say(rubric.units.find((u) => u.id === choice.unit)?.label ?? { vi: choice.unit, en: choice.unit }, lang)}`}
              selectedOptions={[`${choice.rubric}\n${choice.unit}`]}
              onOptionSelect={(_, d) => {
                const [r, u] = d.optionValue!.split('\n');
                setChoice({ rubric: r, unit: u });
                forgetWorkbook();
              }}
            >
              {allRubrics().flatMap((r) =>
                r.units.map((u) => {
                  const text = `${r.decision.number} — ${say(u.label, lang)}`;
                  return (
                    <Option key={`${r.id}\n${u.id}`} value={`${r.id}\n${u.id}`} text={text}>
                      {text}
                    </Option>
                  );
                }),
              )}
            </Dropdown>
          </Field>
          <RankingList
            rows={ranked}
            unranked={unranked}
            levels={rubric.kind === 'levels'}
            changes={live.changes}
            refused={live.refused}
            opened={opened}
            onOpen={(file) => setOpened((o) => (o === file ? undefined : file))}
            {...{ s, lang, styles }}
          />
          <CouncilBonus rubric={rubric} rows={ranked} lang={lang} />
          {openedSubmission && (
            <AppraisalEditor
              rubric={rubric}
              unit={ranking!.unit}
              submission={openedSubmission}
              entries={openedSubmission.digest ? appraisal.entries.get(openedSubmission.digest) : undefined}
              changes={live.changes.get(openedSubmission.file) ?? []}
              standing={live.rows.find((r) => r.submission.file === openedSubmission.file)}
              onEdit={(id, patch) => appraisal.edit(openedSubmission, id, patch)}
              onClose={() => setOpened(undefined)}
              {...{ lang, styles }}
            />
          )}
          {appraisal.sync && (
            <Text
              size={200}
              role="status"
              className={appraisal.sync.ok ? styles.remark : styles.reason}
              data-testid="appraisal-sync"
            >
              {appraisal.sync.text}
            </Text>
          )}
          <ExpectedUnits
            report={ranking?.expected}
            pasted={pasted}
            setPasted={setPasted}
            builtIn={!!rubric.units.find((u) => u.id === choice.unit)?.names}
            {...{ s, styles }}
          />
          <section className={styles.section} aria-label={s.writeCouncil}>
            <Text size={200}>{s.writeCouncilIntro}</Text>
            {!appraisal.linked && live.changes.size > 0 && (
              <Text size={200} className={styles.remark}>
                {say(APPRAISE.notLinked, lang)}
              </Text>
            )}
            <div className={styles.row}>
              <Button appearance="primary" onClick={() => void write()} disabled={busy || ranked.length === 0}>
                {s.writeCouncil}
              </Button>
              <Button onClick={() => void readAgain()} disabled={busy} title={say(APPRAISE.readBackIntro, lang)}>
                {say(APPRAISE.readBack, lang)}
              </Button>
            </div>
            {written && (
              <WriteOutcomeBar
                outcome={written}
                renameLabel={s.renameAndWrite}
                onRename={() => void write(true)}
                busy={busy}
                styles={styles}
              />
            )}
            {readBack && (
              <MessageBar intent={readBack.ok ? 'success' : 'error'} layout="multiline" data-testid="read-back">
                <MessageBarBody>
                  {say(readBack.text, lang)}
                  {readBack.ok && notInWorkbook > 0 && ` ${say(APPRAISE.notInWorkbook(notInWorkbook), lang)}`}
                </MessageBarBody>
              </MessageBar>
            )}
            {port instanceof MemoryWorkbook && port.councilSheets.length > 0 && (written?.ok || readBack?.ok) && (
              <WrittenSheets workbook={port} version={port.version} {...{ s, styles }} />
            )}
          </section>
          <CouncilRound2 {...{ port, results, choice, pasted, lang }} trusted={anchors.length > 0} />
          <PublishRanking port={port} ranking={ranking} lang={lang} />
        </>
      )}
      <AgencyShare port={port} lang={lang} />
    </div>
  );
}

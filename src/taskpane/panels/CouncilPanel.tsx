/**
 * The "Hội đồng" tab (a lazy chunk, loaded when the tab is opened): the council picks or drops
 * many submitted files, they are checked in Web Workers with the council core `dti rank` uses,
 * ranked, held against the units that must submit, and the council's appraisal workbook is
 * written into the open workbook through the port.
 */
import {
  Badge,
  Button,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { num, say } from '../../base';
import { SIGNATURE_STATUS } from '../../council';
import { ACCEPTED, type RankedRow } from '../../council';
import type { SubmissionResult } from '../../council';
import { allRubrics, getRubric } from '../../rubrics';
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
import { MemoryWorkbook } from '../memory-port';
import type { PanelProps } from './props';
import { CouncilBonus } from './CouncilBonus';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
  },
  dropping: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: 'none' },
  remark: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  ranked: {
    display: 'grid',
    gridTemplateColumns: '2.2em 1fr auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: '2px',
  },
  rank: { fontWeight: tokens.fontWeightSemibold, textAlign: 'right' },
  points: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  badge: { gridColumn: '2 / 4', justifySelf: 'start' },
  unranked: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: tokens.spacingHorizontalS },
  reason: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  file: { overflowWrap: 'anywhere' },
  tableWrap: { overflowX: 'auto', maxHeight: '320px', border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '1px 3px',
    whiteSpace: 'nowrap',
    maxWidth: '11em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
});

type Written = { ok: boolean; text: string; confirm?: boolean };

export default function CouncilPanel({ port, s, lang }: PanelProps) {
  const styles = useStyles();
  const filesId = useId();
  const trustId = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const trustInput = useRef<HTMLInputElement>(null);
  const [anchors, setAnchors] = useState<TrustAnchor[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [dropping, setDropping] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [results, setResults] = useState<SubmissionResult[]>();
  const [choice, setChoice] = useState<{ rubric: string; unit: string }>();
  const [pasted, setPasted] = useState('');
  const [written, setWritten] = useState<Written>();
  const [busy, setBusy] = useState(false);

  useEffect(() => void loadTrust(port).then(setAnchors), [port]);

  const named = useMemo(() => (results ? mostNamed(results) : undefined), [results]);
  const ranking = useMemo(
    () =>
      results && choice
        ? rankCouncil(results, choice.rubric, choice.unit, anchors.length > 0, pasted, lang)
        : undefined,
    [results, choice, anchors.length, pasted, lang],
  );

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
    setWritten(undefined);
  };

  const check = async () => {
    setBusy(true);
    setWritten(undefined);
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
    try {
      const { spec, identity } = councilSpec(ranking);
      const out = await port.writeCouncilWorkbook(spec, { renameSheets });
      if (out.ok) setWritten({ ok: true, text: s.councilWritten(identity.submissions.length) });
      else setWritten({ ok: false, text: say(out.message, lang), confirm: out.kind === 'confirm-rename' });
    } catch (e) {
      setWritten({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const { submissions, p7s } = pairFiles(files.map((f) => ({ name: f.name, read: async () => new Uint8Array() })));
  const rubric = choice ? getRubric(choice.rubric) : undefined;
  const ranked = ranking?.rows.filter((r) => r.rank !== null) ?? [];
  const unranked = ranking?.rows.filter((r) => r.rank === null) ?? [];

  return (
    <div className={styles.panel}>
      <Text as="h2" size={400} weight="semibold">
        {s.councilTitle}
      </Text>
      <Text size={200}>{s.councilIntro}</Text>

      <section className={styles.section} aria-label={s.trustTitle}>
        <Text weight="semibold">{s.trustTitle}</Text>
        <Text size={200} data-testid="trust-status">
          {anchors.length ? s.trustSome(anchors.length) : s.trustNone}
        </Text>
        {anchors.length > 0 && (
          <Text size={200} className={styles.file}>
            {anchors.map((a) => a.name).join(', ')}
          </Text>
        )}
        <div className={styles.row}>
          <input
            id={trustId}
            ref={trustInput}
            type="file"
            multiple
            accept=".pem,.cer,.crt,.der"
            className={styles.hidden}
            data-testid="trust-input"
            onChange={(e) => void addTrust(e.target.files).then(() => (e.target.value = ''))}
          />
          <Button size="small" onClick={() => trustInput.current?.click()}>
            {s.trustPick}
          </Button>
          {anchors.length > 0 && (
            <Button size="small" appearance="subtle" onClick={() => (setAnchors([]), void saveTrust(port, []))}>
              {s.trustForget}
            </Button>
          )}
        </div>
        <Text size={100} className={styles.remark}>
          {s.trustNote}
        </Text>
      </section>

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
          id={filesId}
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

      {results && choice && rubric && (
        <>
          <Field label={s.rubricFor} hint={named ? s.mostNamed(named.count, results.length) : undefined}>
            <Dropdown
              value={`${rubric.decision.number} — ${say(rubric.units.find((u) => u.id === choice.unit)?.label ?? { vi: choice.unit, en: choice.unit }, lang)}`}
              selectedOptions={[`${choice.rubric}\n${choice.unit}`]}
              onOptionSelect={(_, d) => {
                const [r, u] = d.optionValue!.split('\n');
                setChoice({ rubric: r, unit: u });
                setWritten(undefined);
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
          <Ranking rows={ranked} unranked={unranked} levels={rubric.kind === 'levels'} {...{ s, lang, styles }} />
          <CouncilBonus rubric={rubric} rows={ranked} lang={lang} />
          <Expected
            ranking={ranking}
            pasted={pasted}
            setPasted={setPasted}
            builtIn={!!rubric.units.find((u) => u.id === choice.unit)?.names}
            {...{ s, styles }}
          />
          <section className={styles.section} aria-label={s.writeCouncil}>
            <Text size={200}>{s.writeCouncilIntro}</Text>
            <div className={styles.row}>
              <Button appearance="primary" onClick={() => void write()} disabled={busy || ranked.length === 0}>
                {s.writeCouncil}
              </Button>
            </div>
            {written && (
              <MessageBar
                intent={written.ok ? 'success' : written.confirm ? 'warning' : 'error'}
                layout="multiline"
                role="status"
              >
                <MessageBarBody>
                  {written.text}
                  {written.confirm && (
                    <div className={styles.row} style={{ marginTop: 8 }}>
                      <Button size="small" onClick={() => void write(true)} disabled={busy}>
                        {s.renameAndWrite}
                      </Button>
                    </div>
                  )}
                </MessageBarBody>
              </MessageBar>
            )}
            {written?.ok && port instanceof MemoryWorkbook && <WrittenSheets workbook={port} {...{ s, styles }} />}
          </section>
        </>
      )}
    </div>
  );
}

type Styles = ReturnType<typeof useStyles>;

/** Why a file has no rank, and what the verifier found when its signature is not accepted (a hostile file's reason). */
function whyNot(r: RankedRow, lang: PanelProps['lang']): string {
  const s = r.submission;
  const all = [...r.unranked.map((x) => say(x, lang)), ...s.problems, ...(ACCEPTED.has(s.status) ? [] : s.reasons)];
  return [...new Set(all)].join('; ');
}
type Words = PanelProps['s'];

function Ranking({
  rows,
  unranked,
  levels,
  s,
  lang,
  styles,
}: {
  rows: RankedRow[];
  unranked: RankedRow[];
  levels: boolean;
  s: Words;
  lang: PanelProps['lang'];
  styles: Styles;
}) {
  const points = (r: RankedRow) => {
    const a = r.submission.assessment!;
    return levels ? `${s.levelCol} ${a.level?.number ?? 0}` : num(a.total ?? 0, lang);
  };
  return (
    <section className={styles.section} aria-label={s.rankingTitle}>
      <Text weight="semibold">{s.rankingTitle}</Text>
      {rows.length === 0 && <Text size={200}>{s.noRanked}</Text>}
      <ol className={styles.list} data-testid="council-ranking">
        {rows.map((r) => (
          <li key={r.submission.file} className={styles.ranked} data-testid="ranked-row">
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
            </span>
          </li>
        ))}
      </ol>
      {unranked.length > 0 && (
        <>
          <Text weight="semibold">{s.notRankable(unranked.length)}</Text>
          <ul className={styles.list} data-testid="council-unranked">
            {unranked.map((r) => (
              <li key={r.submission.file} className={styles.unranked} data-testid="unranked-row">
                <Text size={200} weight="semibold" className={styles.file} block>
                  {r.submission.unitName ? `${r.submission.unitName} · ` : ''}
                  {r.submission.file}
                </Text>
                <Text size={200} className={styles.reason} block>
                  {whyNot(r, lang)}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Expected({
  ranking,
  pasted,
  setPasted,
  builtIn,
  s,
  styles,
}: {
  ranking: ReturnType<typeof rankCouncil> | undefined;
  pasted: string;
  setPasted: (v: string) => void;
  builtIn: boolean;
  s: Words;
  styles: Styles;
}) {
  const report = ranking?.expected;
  return (
    <section className={styles.section} aria-label={s.expectedTitle} data-testid="council-expected">
      <Text weight="semibold">{s.expectedTitle}</Text>
      {builtIn && report && !pasted.trim() && <Text size={200}>{s.expectedBuiltIn(report.source)}</Text>}
      <Field label={s.expectedPaste}>
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" rows={2} />
      </Field>
      {report && (
        <>
          <Text size={200}>{report.missing.length ? s.notSubmitted(report.missing.length) : s.allSubmitted}</Text>
          {report.missing.length > 0 && (
            <Text size={200} className={styles.remark}>
              {report.missing.join(', ')}
            </Text>
          )}
          {report.duplicates.length > 0 && (
            <>
              <Text size={200}>{s.submittedTwice(report.duplicates.length)}</Text>
              <ul className={styles.list}>
                {report.duplicates.map((d) => (
                  <li key={d.unit}>
                    <Text size={200}>
                      {d.unit}: {s.countedFile(d.counted)}
                    </Text>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.unexpected.length > 0 && (
            <Text size={200}>
              {s.notOnList(report.unexpected.length)}: {report.unexpected.join(', ')}
            </Text>
          )}
        </>
      )}
    </section>
  );
}

/** Demo mode: the sheets the council's workbook wrote into the memory workbook, as a plain table. */
function WrittenSheets({ workbook, s, styles }: { workbook: MemoryWorkbook; s: Words; styles: Styles }) {
  const [sheet, setSheet] = useState(workbook.councilSheets[0]);
  const cells = workbook.sheets.get(sheet);
  const grid = useMemo(() => {
    let rows = 0;
    let cols = 0;
    for (const a of cells?.keys() ?? []) {
      const m = /^([A-Z]+)(\d+)$/.exec(a);
      if (!m) continue;
      rows = Math.max(rows, Number(m[2]));
      cols = Math.max(
        cols,
        [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0),
      );
    }
    return { rows: Math.min(rows, 60), cols: Math.min(cols, 14) };
  }, [cells]);
  const letter = (i: number) => String.fromCharCode(65 + i); // at most 14 columns shown
  return (
    <div className={styles.section} data-testid="council-sheets">
      <Text weight="semibold">{s.councilSheetsShown}</Text>
      <div className={styles.row} role="tablist">
        {workbook.councilSheets.map((n) => (
          <Button
            key={n}
            size="small"
            role="tab"
            aria-selected={n === sheet}
            appearance={n === sheet ? 'primary' : 'secondary'}
            onClick={() => setSheet(n)}
          >
            {n}
          </Button>
        ))}
      </div>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label={sheet}>
          <tbody>
            {Array.from({ length: grid.rows }, (_, r) => (
              <tr key={r}>
                {Array.from({ length: grid.cols }, (_, c) => {
                  const v = cells?.get(`${letter(c)}${r + 1}`);
                  const text = v === null || v === undefined ? '' : String(v);
                  return (
                    <td key={c} className={styles.cell} title={text || undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

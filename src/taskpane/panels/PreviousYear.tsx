/**
 * The Score tab's "So sánh với năm trước": last year's file picked and read in the browser, the
 * pillars and the largest changes beside this year's live result, and the comparison written into
 * the workbook's summary sheet by updating the template with it (entries kept, as any update).
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useId, useMemo, useRef, useState } from 'react';
import { num, say } from '../../base';
import { compareAssessments, type YearSide } from '../../engine';
import type { InsertChoices } from '../port';
import type { PreviousFile } from '../previous-file';
import type { PanelProps } from './props';

/** Enough to see what moved, at pane width. */
const BIGGEST_SHOWN = 5;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  remark: { color: tokens.colorNeutralForeground3 },
  up: { color: tokens.colorPaletteGreenForeground1, whiteSpace: 'nowrap' },
  down: { color: tokens.colorPaletteRedForeground1, whiteSpace: 'nowrap' },
  same: { whiteSpace: 'nowrap' },
  pick: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

export function PreviousYear({ port, view, s, lang }: PanelProps) {
  const styles = useStyles();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; read?: PreviousFile }>();
  const [written, setWritten] = useState<{ ok: boolean; text: string; confirmSeal?: boolean }>();
  const [busy, setBusy] = useState(false);
  const current = view.assessment;
  const loaded = file?.read?.ok ? file.read : undefined;
  const comparison = useMemo(
    () =>
      current && loaded
        ? compareAssessments(current, loaded.previous.assessment, {
            current: { year: view.filled?.year },
            previous: loaded.previous,
          })
        : undefined,
    [current, loaded, view.filled?.year],
  );

  const pick = async (picked: File | undefined) => {
    setWritten(undefined);
    if (!picked) return setFile(undefined);
    setFile({ name: picked.name });
    const bytes = new Uint8Array(await picked.arrayBuffer());
    const { readPreviousFile } = await import(/* webpackChunkName: "previous" */ '../previous-file');
    setFile({ name: picked.name, read: readPreviousFile(picked.name, bytes) });
  };

  const write = async (choices: InsertChoices = {}) => {
    if (!view.rubric || !view.filled || !loaded) return;
    setBusy(true);
    try {
      const { meta } = view.filled.info;
      const out = await port.insertTemplate(
        view.rubric,
        {
          unit: meta.unit,
          unitName: view.filled.unitName || undefined,
          year: view.filled.year,
          previous: loaded.previous,
        },
        () => undefined,
        choices,
      );
      if (out.ok) setWritten({ ok: true, text: s.previousWritten });
      else setWritten({ ok: false, text: say(out.message, lang), confirmSeal: out.kind === 'confirm-seal' });
    } finally {
      setBusy(false);
    }
  };

  const n = (x: number | null) => (x === null ? '—' : num(x, lang));
  const shown = (y: YearSide | null) => (y ? (y.max ? `${n(y.value)}/${n(y.max)}` : n(y.value)) : '—');
  const change = (x: number | null) =>
    x === null ? null : (
      <span className={x < 0 ? styles.down : x > 0 ? styles.up : styles.same}>
        {x > 0 ? `+${num(x, lang)}` : num(x, lang)}
      </span>
    );
  const biggest = comparison
    ? comparison.criteria
        .filter((c) => c.change !== null && c.change !== 0)
        .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!))
        .slice(0, BIGGEST_SHOWN)
    : [];
  const added = comparison?.criteria.filter((c) => !c.previous).length ?? 0;
  const removed = comparison?.criteria.filter((c) => !c.current).length ?? 0;

  return (
    <section className={styles.section} aria-labelledby={`${inputId}-title`} data-testid="previous">
      <Text as="h2" weight="semibold" id={`${inputId}-title`}>
        {s.previousTitle}
      </Text>
      {/* The browser's own file button speaks the browser's language: a hidden input behind the pane's button. */}
      <input
        ref={fileInput}
        id={inputId}
        className={styles.hidden}
        type="file"
        accept=".xlsx,.json"
        aria-label={s.previousPick}
        tabIndex={-1}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <div className={styles.pick}>
        <Button onClick={() => fileInput.current?.click()}>{s.previousPick}</Button>
        {file && <Text size={200}>{file.name}</Text>}
      </div>
      {file && !file.read && <Text size={200}>{s.previousReading}</Text>}
      {file?.read && !file.read.ok && (
        <MessageBar intent="error">
          <MessageBarBody>{s.previousCannot(file.name, say(file.read.message, lang))}</MessageBarBody>
        </MessageBar>
      )}
      {comparison && loaded && (
        <>
          <Text size={200}>
            {s.previousOf(String(comparison.previous.year ?? '—'), comparison.previous.decision ?? '—')}
          </Text>
          {[
            ...comparison.warnings.map((w) => say(w, lang)),
            ...(loaded.errors ? [s.previousErrors(loaded.errors)] : []),
          ].map((w) => (
            <MessageBar key={w} intent="warning">
              <MessageBarBody>{w}</MessageBarBody>
            </MessageBar>
          ))}
          <ul className={styles.list} data-testid="previous-pillars">
            {[
              ...comparison.pillars.map((p) => ({ key: p.id, label: `${p.id}. ${p.title}`, ...p })),
              { key: 'total', label: s.previousTotal, ...comparison.total },
            ].map((p) => (
              <li key={p.key}>
                <div className={styles.row}>
                  <Text size={200} weight={p.key === 'total' ? 'semibold' : 'regular'}>
                    {p.label}: {shown(p.previous)} → {shown(p.current)}
                  </Text>
                  <Text size={200}>{change(p.change)}</Text>
                </div>
                {p.remarks.length > 0 && (
                  <Text size={100} className={styles.remark}>
                    {p.remarks.map((r) => say(r.text, lang)).join('; ')}
                  </Text>
                )}
              </li>
            ))}
          </ul>
          <Text weight="semibold">{s.previousBiggest}</Text>
          {biggest.length ? (
            <ul className={styles.list} data-testid="previous-biggest">
              {biggest.map((c) => (
                <li key={c.id} className={styles.row}>
                  <Text size={200}>
                    <b>{c.id}</b> {c.title}: {shown(c.previous)} → {shown(c.current)}
                    {c.remarks.some((r) => r.kind === 'max-changed') && ` (${s.previousMaxChanged})`}
                  </Text>
                  <Text size={200}>{change(c.change)}</Text>
                </li>
              ))}
            </ul>
          ) : (
            <Text size={200}>{s.previousNoChange}</Text>
          )}
          <Text size={200}>{s.previousUnmatched(added, removed)}</Text>
          <Button appearance="primary" disabled={busy} onClick={() => void write()}>
            {s.previousWrite}
          </Button>
          {written && (
            <MessageBar intent={written.ok ? 'success' : 'warning'}>
              <MessageBarBody>{written.text}</MessageBarBody>
            </MessageBar>
          )}
          {written?.confirmSeal && (
            <Button disabled={busy} onClick={() => void write({ voidSeal: true })}>
              {s.previousVoidSeal}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

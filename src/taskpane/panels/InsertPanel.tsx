import {
  Button,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { say, type Text } from '../../base';
import { dmyOf, matchUnitName } from '../../engine';
import { allRubrics, getRubric } from '../../rubrics';
import type { FunctionsStatus, InsertChoices, InsertOutcome } from '../port';
import type { PanelProps } from './props';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function InsertPanel({ port, view, s, lang }: PanelProps) {
  const styles = useStyles();
  const rubrics = allRubrics();
  const meta = view.filled?.info.meta;
  const [rubricId, setRubricId] = useState(meta?.rubric ?? rubrics[0].id);
  const [unit, setUnit] = useState(meta?.unit ?? rubrics[0].units[0].id);
  const [unitName, setUnitName] = useState(view.filled?.unitName ?? '');
  const [year, setYear] = useState(String(view.filled?.year ?? new Date().getFullYear()));
  const [progress, setProgress] = useState<{ step: string; fraction: number } | undefined>();
  const [result, setResult] = useState<
    { intent: 'success' | 'error' | 'warning'; text: string; lost?: string[]; notes?: string[] } | undefined
  >();
  // A question before anything changes: a sealed template, or the officer's own sheets in the way.
  const [ask, setAsk] = useState<Extract<InsertOutcome, { kind: 'confirm-seal' | 'confirm-rename' }> | undefined>();
  const [functions, setFunctions] = useState<FunctionsStatus>({ ok: true });
  useEffect(() => {
    void port.functionsStatus().then(setFunctions, () => undefined);
  }, [port]);

  // Follow the template already in the workbook.
  useEffect(() => {
    if (!view.filled) return;
    setRubricId(view.filled.info.meta.rubric);
    setUnit(view.filled.info.meta.unit);
    setUnitName(view.filled.unitName);
    if (view.filled.year) setYear(String(view.filled.year));
  }, [view.filled?.info.meta.rubric, view.filled?.info.meta.unit]); // eslint-disable-line react-hooks/exhaustive-deps

  const rubric = getRubric(rubricId);
  const units = rubric.units;
  const namesId = units.find((u) => u.id === unit)?.names;
  const namesList = namesId ? rubric.lists[namesId] : undefined;
  const offList = namesList !== undefined && unitName.trim() !== '' && !matchUnitName(rubric, namesId!, unitName);
  // Number, date, issuer and scope: 931 and 2263 (both Huế) differ by date and by the units they cover.
  const label = (r: (typeof rubrics)[number]) =>
    `${r.decision.number} ${s.dated(dmyOf(r.decision.date))} — ${r.decision.issuer} (${r.units.map((u) => say(u.label, lang)).join(', ')})`;

  async function insert(choices?: InsertChoices) {
    setResult(undefined);
    setAsk(undefined);
    setProgress({ step: s.working, fraction: 0 });
    try {
      const outcome = await port.insertTemplate(
        rubric,
        { unit, unitName: unitName.trim() || undefined, year: Number(year) || undefined },
        (step, fraction) => setProgress({ step, fraction }),
        choices,
      );
      if (!outcome.ok && (outcome.kind === 'confirm-seal' || outcome.kind === 'confirm-rename')) setAsk(outcome);
      else if (!outcome.ok) setResult({ intent: 'error', text: say(outcome.message as Text, lang) });
      else {
        const notes = [
          ...(outcome.sealVoided ? [s.sealVoided] : []),
          ...(outcome.moved?.length ? [s.movedSheets(outcome.moved.map((m) => `${m.from} → ${m.to}`).join(', '))] : []),
        ];
        if (outcome.functions) setFunctions(outcome.functions);
        setResult({
          intent: outcome.report.lost.length || notes.length ? 'warning' : 'success',
          text: outcome.updated ? s.updated(outcome.report.carried.length) : s.inserted,
          lost: outcome.report.lost.map((l) => `${l.criterion} — ${l.what}: ${String(l.value)} (${l.reason})`),
          notes,
        });
      }
      await view.refresh();
    } catch (e) {
      setResult({ intent: 'error', text: (e as Error).message });
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => (e.preventDefault(), void insert())}>
      <Field label={s.decision}>
        <Dropdown
          value={label(rubric)}
          selectedOptions={[rubricId]}
          onOptionSelect={(_, d) => {
            const next = getRubric(d.optionValue!);
            setRubricId(next.id);
            if (!next.units.some((u) => u.id === unit)) setUnit(next.units[0].id);
          }}
        >
          {rubrics.map((r) => (
            <Option key={r.id} value={r.id} text={label(r)}>
              {label(r)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={s.unitType}>
        <Dropdown
          value={say(units.find((u) => u.id === unit)?.label ?? { vi: unit }, lang)}
          selectedOptions={[unit]}
          onOptionSelect={(_, d) => setUnit(d.optionValue as typeof unit)}
        >
          {units.map((u) => (
            <Option key={u.id} value={u.id} text={say(u.label, lang)}>
              {say(u.label, lang)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={s.unitName}
        validationState={offList ? 'warning' : 'none'}
        validationMessage={offList ? s.unitNameOffList(namesList!.title) : undefined}
      >
        {/* Where the decision lists the units (Hà Nội), its official names are offered as the officer types. */}
        <Input value={unitName} onChange={(_, d) => setUnitName(d.value)} list={namesList ? 'unit-names' : undefined} />
        {namesList && (
          <datalist id="unit-names">
            {namesList.names.map((n) => (
              <option key={n.name} value={n.name} />
            ))}
          </datalist>
        )}
      </Field>
      <Field label={s.year}>
        <Input type="number" value={year} min={2000} max={2100} onChange={(_, d) => setYear(d.value)} />
      </Field>
      <Button appearance="primary" type="submit" disabled={progress !== undefined || ask !== undefined}>
        {view.filled ? s.update : s.insert}
      </Button>
      {progress && (
        <Field validationMessage={progress.step} validationState="none">
          <ProgressBar value={progress.fraction} />
        </Field>
      )}
      {ask && (
        <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-label={say(ask.message, lang)}>
          <MessageBarBody>
            {say(ask.message, lang)}
            <div style={{ display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS }}>
              <Button
                appearance="primary"
                onClick={() => void insert(ask.kind === 'confirm-seal' ? { voidSeal: true } : { renameSheets: true })}
              >
                {ask.kind === 'confirm-seal' ? s.voidSealAndUpdate : s.renameAndInsert}
              </Button>
              <Button
                onClick={() => {
                  setAsk(undefined);
                  setResult({ intent: 'success', text: s.cancelled });
                }}
              >
                {s.cancel}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {!functions.ok && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <strong>{s.functionsUnavailable}.</strong> {say(functions.message, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <MessageBar intent={result.intent}>
          <MessageBarBody>
            {result.text}
            {result.notes?.map((n) => (
              <span key={n}>
                <br />
                {n}
              </span>
            ))}
            {result.lost?.length ? (
              <>
                <br />
                {s.lost}
                <ul>
                  {result.lost.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      )}
      {!view.filled && !result && (
        <MessageBar intent="info">
          <MessageBarBody>{s.noTemplate}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

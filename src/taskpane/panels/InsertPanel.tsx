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
import { allRubrics, getRubric } from '../../rubrics';
import type { Strings, UiLang } from '../i18n';
import type { WorkbookPort } from '../port';
import type { WorkbookView } from '../useWorkbook';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function InsertPanel({
  port,
  view,
  s,
  lang,
}: {
  port: WorkbookPort;
  view: WorkbookView;
  s: Strings;
  lang: UiLang;
}) {
  const styles = useStyles();
  const rubrics = allRubrics();
  const meta = view.filled?.info.meta;
  const [rubricId, setRubricId] = useState(meta?.rubric ?? rubrics[0].id);
  const [unit, setUnit] = useState(meta?.unit ?? rubrics[0].units[0].id);
  const [unitName, setUnitName] = useState(view.filled?.unitName ?? '');
  const [year, setYear] = useState(String(view.filled?.year ?? new Date().getFullYear()));
  const [progress, setProgress] = useState<{ step: string; fraction: number } | undefined>();
  const [result, setResult] = useState<
    { intent: 'success' | 'error' | 'warning'; text: string; lost?: string[] } | undefined
  >();

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
  const label = (r: (typeof rubrics)[number]) => `${r.decision.number} — ${r.decision.issuer}`;

  async function insert() {
    setResult(undefined);
    setProgress({ step: s.working, fraction: 0 });
    try {
      const outcome = await port.insertTemplate(
        rubric,
        { unit, unitName: unitName.trim() || undefined, year: Number(year) || undefined },
        (step, fraction) => setProgress({ step, fraction }),
      );
      if (!outcome.ok) setResult({ intent: 'error', text: say(outcome.message as Text, lang) });
      else
        setResult({
          intent: outcome.report.lost.length ? 'warning' : 'success',
          text: outcome.updated ? s.updated(outcome.report.carried.length) : s.inserted,
          lost: outcome.report.lost.map((l) => `${l.criterion} — ${l.what}: ${String(l.value)} (${l.reason})`),
        });
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
      <Field label={s.unitName}>
        <Input value={unitName} onChange={(_, d) => setUnitName(d.value)} />
      </Field>
      <Field label={s.year}>
        <Input type="number" value={year} min={2000} max={2100} onChange={(_, d) => setYear(d.value)} />
      </Field>
      <Button appearance="primary" type="submit" disabled={progress !== undefined}>
        {view.filled ? s.update : s.insert}
      </Button>
      {progress && (
        <Field validationMessage={progress.step} validationState="none">
          <ProgressBar value={progress.fraction} />
        </Field>
      )}
      {result && (
        <MessageBar intent={result.intent}>
          <MessageBarBody>
            {result.text}
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

/** The pane's view of the workbook: the filled template, re-read (debounced) whenever it changes. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { assess, type Assessment } from '../engine';
import type { Lang } from '../base';
import { getRubric, type Rubric } from '../rubrics';
import {
  checkTemplate,
  progressOf,
  toAssessmentInput,
  type EntryProblem,
  type FilledTemplate,
  type Progress,
} from '../template';
import type { WorkbookPort } from './port';

export interface WorkbookView {
  filled: FilledTemplate | undefined;
  rubric: Rubric | undefined;
  assessment: Assessment | undefined;
  problems: EntryProblem[];
  /** Entered / to enter, errors, missing evidence: overall and per pillar. */
  progress: Progress | undefined;
  /** When the entries were last read and checked. */
  checkedAt: Date | undefined;
  sealed: boolean;
  refresh: () => Promise<void>;
}

export function useWorkbook(port: WorkbookPort, lang: Lang, debounceMs = 300): WorkbookView {
  const [filled, setFilled] = useState<FilledTemplate | undefined>();
  const [checkedAt, setCheckedAt] = useState<Date | undefined>();
  const refresh = useCallback(async () => {
    setFilled(await port.readTemplate());
    setCheckedAt(new Date());
  }, [port]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;
    let alive = true;
    void refresh();
    void port
      .onChange(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), debounceMs);
      })
      .then((off) => (alive ? (unsubscribe = off) : off()));
    return () => {
      alive = false;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [port, refresh, debounceMs, filled?.info.meta.rubric]);

  const rubric = useMemo(() => (filled ? getRubric(filled.info.meta.rubric) : undefined), [filled]);
  const assessment = useMemo(
    () => (rubric && filled ? assess(rubric, toAssessmentInput(rubric, filled), lang) : undefined),
    [rubric, filled, lang],
  );
  const problems = useMemo(() => (rubric && filled ? checkTemplate(rubric, filled) : []), [rubric, filled]);
  const progress = useMemo(() => (assessment ? progressOf(assessment, problems) : undefined), [assessment, problems]);
  return { filled, rubric, assessment, problems, progress, checkedAt, sealed: filled?.seal !== undefined, refresh };
}

/** The pane's view of the workbook: the filled template, re-read (debounced) whenever it changes. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { assess, type Assessment } from '../engine';
import type { Lang } from '../engine/text';
import { getRubric } from '../rubrics/catalog';
import type { Rubric } from '../rubrics/schema';
import { checkTemplate, type EntryProblem } from '../template/check';
import { toAssessmentInput, type FilledTemplate } from '../template/entries';
import type { WorkbookPort } from './port';

export interface WorkbookView {
  filled: FilledTemplate | undefined;
  rubric: Rubric | undefined;
  assessment: Assessment | undefined;
  problems: EntryProblem[];
  sealed: boolean;
  refresh: () => Promise<void>;
}

export function useWorkbook(port: WorkbookPort, lang: Lang, debounceMs = 300): WorkbookView {
  const [filled, setFilled] = useState<FilledTemplate | undefined>();
  const [sealed, setSealed] = useState(false);
  const refresh = useCallback(async () => {
    setFilled(await port.readTemplate());
    setSealed(await port.isSealed());
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
  const assessment = useMemo(() => (rubric && filled ? assess(rubric, toAssessmentInput(rubric, filled), lang) : undefined), [rubric, filled, lang]);
  const problems = useMemo(() => (rubric && filled ? checkTemplate(rubric, filled) : []), [rubric, filled]);
  return { filled, rubric, assessment, problems, sealed, refresh };
}

/**
 * The council's appraisal in the pane: what it typed per unit and criterion (kept as typed, "7,5"
 * included), the live ranking on it from the council core, and — once the council's workbook is
 * in the open workbook — its edits written there (gathered for a moment, then one batched write)
 * and the workbook's appraised cells read back (edits made in Excel) to rank on them as
 * `dti rank --appraisal` does.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { num, say, type Lang, type Text } from '../../base';
import {
  appraisedValue,
  shownPoints,
  type AppraisalCells,
  type AppraisalEdit,
  type AppraisedCell,
  type CriterionScore,
  type SubmissionResult,
} from '../../council';
import type { WorkbookPort } from '../port';
import { rankOnAppraisal, type CouncilRanking } from './session';
import { APPRAISE } from './words';

/** One criterion as the council set it in the pane; a blank `text` keeps the re-score. */
export interface PaneEntry {
  text: string;
  reason: string;
  note: string;
}
export type PaneEntries = Map<string, Map<string, PaneEntry>>;

/** Edits are gathered this long after the last keystroke, then written in one batch. */
const WRITE_AFTER_MS = 600;

const key = (digest: string, id: string) => `${digest}\n${id}`;

/** The value the core reads for an entry: what was typed, or the re-score when left blank. */
const valueOf = (rubric: CouncilRanking['rubric'], c: CriterionScore, e: PaneEntry) =>
  e.text.trim() === '' ? shownPoints(rubric, c) : e.text;

function cellsOf(ranking: CouncilRanking, entries: PaneEntries): AppraisalCells {
  const cells: AppraisalCells = new Map();
  for (const { submission: s } of ranking.rows) {
    const given = s.digest ? entries.get(s.digest) : undefined;
    if (!given || !s.assessment) continue;
    const of: Map<string, AppraisedCell> = new Map();
    for (const c of s.assessment.criteria) {
      const e = given.get(c.id);
      if (e) of.set(c.id, { value: valueOf(ranking.rubric, c, e), reason: e.reason, note: e.note });
    }
    cells.set(s.digest!, of);
  }
  return cells;
}

export type SyncState = { busy: boolean; ok: boolean; text: string } | undefined;

export function useAppraisal(port: WorkbookPort, ranking: CouncilRanking | undefined, lang: Lang) {
  const [entries, setEntries] = useState<PaneEntries>(new Map());
  /** The entries are a council workbook's (read back): a unit not in it is not ranked, as in `dti rank --appraisal`. */
  const [listedOnly, setListedOnly] = useState(false);
  /** The council's workbook is in the open workbook: edits go there too. */
  const [linked, setLinked] = useState(false);
  const [sync, setSync] = useState<SyncState>();
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef({ entries, ranking });
  latest.current = { entries, ranking };

  const live = useMemo(
    () => (ranking ? rankOnAppraisal(ranking, cellsOf(ranking, entries), listedOnly) : undefined),
    [ranking, entries, listedOnly],
  );

  /** The edits of these keys the validation accepts, as the workbook takes them. */
  const editsFor = (keys: Iterable<string>): AppraisalEdit[] => {
    const { entries: now, ranking: r } = latest.current;
    if (!r) return [];
    const byDigest = new Map(r.rows.map((row) => [row.submission.digest, row.submission]));
    const out: AppraisalEdit[] = [];
    for (const k of keys) {
      const [digest, id] = k.split('\n');
      const e = now.get(digest)?.get(id);
      const c = byDigest.get(digest)?.assessment?.criteria.find((x) => x.id === id);
      if (!e || !c) continue;
      const v = appraisedValue(r.rubric, c, valueOf(r.rubric, c, e));
      if (v.ok) out.push({ digest, criterion: id, value: v.value, reason: e.reason, note: e.note });
    }
    return out;
  };

  const write = async (edits: AppraisalEdit[]) => {
    if (!edits.length) return;
    setSync({ busy: true, ok: true, text: say(APPRAISE.saving, lang) });
    try {
      const out = await port.writeAppraisal(edits);
      setSync(
        out.ok
          ? { busy: false, ok: true, text: say(APPRAISE.saved(out.written), lang) }
          : { busy: false, ok: false, text: say(out.message, lang) },
      );
    } catch (e) {
      setSync({ busy: false, ok: false, text: (e as Error).message });
    }
  };

  const flush = () => {
    clearTimeout(timer.current);
    const keys = [...pending.current];
    pending.current.clear();
    return write(editsFor(keys));
  };

  // Leaving the tab: the edits still gathered are written, not dropped.
  const flushOnLeave = useRef(flush);
  flushOnLeave.current = flush;
  useEffect(() => () => void flushOnLeave.current(), []);

  /** The council changed a criterion in the pane. */
  const edit = (s: SubmissionResult, id: string, patch: Partial<PaneEntry>) => {
    if (!s.digest) return;
    setEntries((old) => {
      const next = new Map(old);
      const of = new Map(next.get(s.digest!) ?? []);
      of.set(id, { text: '', reason: '', note: '', ...of.get(id), ...patch });
      next.set(s.digest!, of);
      latest.current = { ...latest.current, entries: next };
      return next;
    });
    if (!linked) return;
    pending.current.add(key(s.digest, id));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), WRITE_AFTER_MS);
  };

  /** The council's workbook was just written (preset to the re-score): the pane's edits so far go into it. */
  const wroteWorkbook = async () => {
    setLinked(true);
    setListedOnly(false);
    pending.current.clear();
    const all = [...latest.current.entries].flatMap(([d, of]) => [...of.keys()].map((id) => key(d, id)));
    await write(editsFor(all));
  };

  /** Reads the open workbook's appraised cells and ranks on them. */
  const readBack = async (): Promise<{ ok: boolean; text: Text }> => {
    if (!ranking) return { ok: false, text: APPRAISE.notLinked };
    await flush();
    const read = await port.readCouncilAppraisal();
    if ('error' in read) return { ok: false, text: read.error };
    const { rubric, unit } = read.identity;
    if (rubric !== ranking.rubric.id || unit !== ranking.unit)
      return { ok: false, text: APPRAISE.otherRubric(rubric, unit) };
    const criteria = new Map(ranking.rows.map((r) => [r.submission.digest, r.submission.assessment?.criteria ?? []]));
    const next: PaneEntries = new Map();
    for (const [digest, of] of read.cells) {
      const own = new Map((criteria.get(digest) ?? []).map((c) => [c.id, c]));
      const entries = new Map<string, PaneEntry>();
      for (const [id, cell] of of) {
        const c = own.get(id);
        // A blank appraised cell counts 0 in the sheet's sums, and so here.
        const raw = cell.value ?? 0;
        const v = c ? appraisedValue(ranking.rubric, c, raw) : undefined;
        const same = c && v?.ok && Math.abs(v.value - (shownPoints(ranking.rubric, c) ?? 0)) <= 0.004;
        // The re-score kept shows as the blank (placeholder) it is in the pane; anything else as the sheet has it.
        const text = same ? '' : typeof raw === 'number' ? num(raw, 'vi', 6) : String(raw);
        if (text || cell.reason || cell.note) entries.set(id, { text, reason: cell.reason, note: cell.note });
      }
      next.set(digest, entries);
    }
    setEntries(next);
    latest.current = { ...latest.current, entries: next };
    setListedOnly(true);
    setLinked(true);
    const after = rankOnAppraisal(ranking, cellsOf(ranking, next), true);
    const changed = [...after.changes.values()].reduce((n, c) => n + c.length, 0);
    return { ok: true, text: APPRAISE.readDone(changed) };
  };

  /** New files or another rubric: the council's workbook in Excel is no longer this ranking's. */
  const reset = () => {
    clearTimeout(timer.current);
    pending.current.clear();
    setEntries(new Map());
    setLinked(false);
    setListedOnly(false);
    setSync(undefined);
  };

  return { entries, live, linked, sync, edit, wroteWorkbook, readBack, reset };
}

export type Appraisal = ReturnType<typeof useAppraisal>;

/**
 * The agencies' workbooks merged back into the council's: by submission (its SHA-256) and
 * criterion id, never by row, so an agency that sorted its rows still merges right.
 *
 * What counts as appraised. An agency's cell is its appraisal when the agency marked its workbook
 * finished ("Đã xong" on "Cơ quan thẩm định": every cell, changed or not, is then its word), or
 * when it changed the points or gave a reason or a note (it looked at that cell, whatever the
 * mark). A returned workbook left untouched and not marked finished says nothing: a council
 * cannot tell "agreed" from "not looked at".
 *
 * Per unit and criterion: the agencies that appraised it agree → their points, the first reason
 * given and every note (each after its agency's name); they differ → a conflict: the council's
 * own cell stays (the re-score unless it changed it), its note says "CHƯA THỐNG NHẤT" with each
 * agency's points, and the council decides; nobody appraised a criterion assigned to an agency →
 * the council's cell stays and it is listed. Criteria assigned to nobody are the council's own.
 * A workbook of another council's batch, rubric or unit type, or one that is not an agency's
 * share, is refused with its file named: nothing is merged then.
 */
import { t, type Text } from '../base';
import type { Rubric, UnitId } from '../rubrics';
import type { LoadedWorkbook } from '../workbook';
import { assignmentSheet, readAssignment } from './agency-assignment';
import { AGENCY_WORKBOOK, councilDigest, rebuiltCouncilWorkbook } from './agency-split';
import { appraisable, shownPoints, type PresetCell } from './appraisal';
import { AGENCY_DONE, type AppraisalIdentity } from './appraisal-layout';
import { readAppraisal } from './appraisal-read';
import { readCouncilRows } from './council-rows';

export interface AgencyFile {
  name: string;
  wb: LoadedWorkbook;
}

export interface AgencyVote extends PresetCell {
  agency: string;
}

export interface MergeConflict {
  unitName: string;
  criterion: string;
  votes: AgencyVote[];
}

export interface Unappraised {
  criterion: string;
  /** The agencies assigned to it. */
  agencies: string[];
  units: string[];
}

export type MergeOutcome =
  | {
      ok: true;
      spec: ReturnType<typeof rebuiltCouncilWorkbook>['spec'];
      identity: AppraisalIdentity;
      /** Each workbook merged: its agency, whether it was marked finished, how many cells it appraised. */
      merged: { file: string; agency: string; done: boolean; appraised: number }[];
      conflicts: MergeConflict[];
      unappraised: Unappraised[];
      /** Agencies assigned criteria whose workbook was not given. */
      missingAgencies: string[];
    }
  | { ok: false; message: Text };

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const refuse = (file: string, why: Text): MergeOutcome => ({
  ok: false,
  message: t(`${fileName(file)}: ${why.vi}`, `${fileName(file)}: ${why.en}`),
});
const asNumber = (v: PresetCell['value']) =>
  v === null || v === '' ? 0 : typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
const samePoints = (a: PresetCell['value'], b: PresetCell['value']) => Math.abs(asNumber(a) - asNumber(b)) < 0.005;
const key = (agency: string) => agency.normalize('NFC').toLocaleLowerCase('vi');

interface Share {
  file: string;
  agency: string;
  criteria: Set<string>;
  done: boolean;
  cells: Map<string, Map<string, PresetCell>>;
}

async function readShare(file: AgencyFile, rubric: Rubric, council: AppraisalIdentity, batch: string) {
  const read = readAppraisal(file.wb);
  if ('error' in read) return refuse(file.name, read.error);
  const { identity } = read;
  if (!identity.agency)
    return refuse(
      file.name,
      t(
        'bảng thẩm định của Hội đồng, không phải phần thẩm định của một cơ quan (tách bằng dti appraise --split-by agency)',
        "a council's appraisal workbook, not an agency's share (made by dti appraise --split-by agency)",
      ),
    );
  if (identity.rubric !== rubric.id || identity.unit !== council.unit)
    return refuse(
      file.name,
      t(
        `phần thẩm định theo ${identity.rubric} (${identity.unit}), không phải ${rubric.id} (${council.unit})`,
        `a share of ${identity.rubric} (${identity.unit}), not ${rubric.id} (${council.unit})`,
      ),
    );
  if (identity.agency.council !== batch)
    return refuse(
      file.name,
      t(
        'được tách từ một bảng thẩm định khác (không cùng các bài nộp), không phải từ bảng thẩm định này',
        'split from another appraisal workbook (other submissions), not from this one',
      ),
    );
  const { done } = identity.agency;
  const share: Share = {
    file: file.name,
    agency: identity.agency.name,
    criteria: new Set(identity.agency.criteria),
    done:
      file.wb.sheetNames.includes(done.sheet) &&
      String(file.wb.read(done.sheet, done.cell) ?? '').trim() === AGENCY_DONE,
    cells: read.cells,
  };
  return share;
}

/** The council's workbook with the agencies' cells in it, and what the council must still decide. */
export async function mergeAgencies(
  rubric: Rubric,
  councilFile: AgencyFile,
  files: AgencyFile[],
): Promise<MergeOutcome> {
  const council = readCouncilRows(rubric, councilFile.wb);
  if ('error' in council) return refuse(councilFile.name, council.error);
  if (council.identity.agency) return refuse(councilFile.name, AGENCY_WORKBOOK(council.identity.agency.name));
  const unit = council.identity.unit as UnitId;
  const batch = await councilDigest(council.identity);
  const shares: Share[] = [];
  for (const f of files) {
    const s = await readShare(f, rubric, council.identity, batch);
    if ('ok' in s) return s; // refused
    const twin = shares.find((x) => key(x.agency) === key(s.agency));
    if (twin)
      return refuse(
        f.name,
        t(
          `${s.agency} đã có tệp ${fileName(twin.file)}: mỗi cơ quan chỉ một tệp`,
          `${s.agency} already has the file ${fileName(twin.file)}: one file per agency`,
        ),
      );
    shares.push(s);
  }
  const { assignment, fromSheet } = readAssignment(councilFile.wb, rubric, unit);
  const merged = new Map<string, Map<string, PresetCell>>();
  const counts = new Map<Share, number>(shares.map((s) => [s, 0]));
  const conflicts: MergeConflict[] = [];
  const unappraised = new Map<string, Unappraised>();
  for (const row of council.rows) {
    const s = row.submission;
    if (row.rank === null || !s.assessment || !s.digest) continue;
    const unitName = s.unitName || s.file;
    const out = new Map(council.cells.get(s.digest));
    for (const c of s.assessment.criteria) {
      const own = out.get(c.id);
      if (!own || !appraisable(rubric, c)) continue; // no points to give (not applicable to this unit)
      const rescored = shownPoints(rubric, c);
      const votes: AgencyVote[] = [];
      for (const share of shares) {
        const cell = share.criteria.has(c.id) ? share.cells.get(s.digest)?.get(c.id) : undefined;
        if (!cell) continue;
        const touched = !samePoints(cell.value, rescored) || !!cell.reason || !!cell.note;
        if (!share.done && !touched) continue;
        votes.push({ agency: share.agency, value: cell.value, reason: cell.reason, note: cell.note });
        counts.set(share, counts.get(share)! + 1);
      }
      if (!votes.length) {
        const assigned = assignment.get(c.id) ?? [];
        if (assigned.length) {
          const u = unappraised.get(c.id) ?? { criterion: c.id, agencies: assigned, units: [] };
          u.units.push(unitName);
          unappraised.set(c.id, u);
        }
        continue;
      }
      if (votes.some((v) => !samePoints(v.value, votes[0].value))) {
        conflicts.push({ unitName, criterion: c.id, votes });
        const said = votes.map((v) => `${v.agency}: ${asNumber(v.value)}`).join('; ');
        out.set(c.id, { ...own, note: `CHƯA THỐNG NHẤT — ${said}. Hội đồng quyết định.` });
        continue;
      }
      out.set(c.id, {
        value: votes[0].value,
        reason: votes.find((v) => v.reason)?.reason ?? '',
        note: votes
          .filter((v) => v.note)
          .map((v) => `${v.agency}: ${v.note}`)
          .join('; '),
      });
    }
    merged.set(s.digest, out);
  }
  const given = new Set(shares.map((s) => key(s.agency)));
  const assigned = [...new Set([...assignment.values()].flat())];
  const { spec, identity } = rebuiltCouncilWorkbook(rubric, council, {
    preset: (d, id) => merged.get(d)?.get(id),
    sheets: fromSheet ? () => [assignmentSheet(rubric, unit, assignment)] : undefined,
  });
  return {
    ok: true,
    spec,
    identity,
    merged: shares.map((s) => ({ file: s.file, agency: s.agency, done: s.done, appraised: counts.get(s)! })),
    conflicts,
    unappraised: [...unappraised.values()],
    missingAgencies: assigned.filter((a) => !given.has(key(a))),
  };
}

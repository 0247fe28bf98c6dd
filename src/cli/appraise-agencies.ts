/**
 * `dti appraise --split-by agency COUNCIL.xlsx --out DIR`: one workbook per member agency, holding
 * the criteria it appraises (src/council/agency-split.ts). For a rubric that names no agency the
 * council's workbook is written to DIR with the sheet "Phân công thẩm định" added, to fill in and
 * split again.
 * `dti appraise --merge COUNCIL.xlsx AGENCY.xlsx... --out MERGED.xlsx`: the agencies' cells back in
 * the council's workbook, with the conflicts and the criteria nobody appraised listed
 * (src/council/agency-merge.ts).
 * Exit: 0 done · 1 done, with something for the council to settle (a conflict, a criterion nobody
 * appraised, an assignment to fill in) · 2 a file cannot be used (a stranger's workbook: nothing merged).
 */
import { basename, join } from 'path';
import { DtiError, say, t, type Text } from '../base';
import { mergeAgencies, readAppraisalIdentity, splitByAgency, type AgencyFile } from '../council';
import { getRubric, type Rubric } from '../rubrics';
import { readWorkbookParts } from '../signature';
import { readParts } from '../workbook';
import { writeXlsx } from '../xlsx';
import type { Args } from './args';
import { usageError } from './help';
import { cannotWrite, readInput, writeOutput, type Io } from './io';
import { workbookError } from './open-workbook';
import { jsonText } from './safe-text';

const fileError = (path: string, why: Text) =>
  new DtiError('file', t(`${basename(path)}: ${why.vi}`, `${basename(path)}: ${why.en}`));

/** A workbook read with the safe reader; its rows are read lazily, so reader errors surface later too. */
function open(path: string, io: Io): AgencyFile {
  try {
    return { name: path, wb: readParts(readWorkbookParts(readInput(path, io))) };
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
}

/** The rubric a council's workbook names. */
function rubricOf(file: AgencyFile): Rubric {
  const identity = readAppraisalIdentity(file.wb);
  if (!identity)
    throw fileError(
      file.name,
      t(
        'không phải bảng thẩm định của Hội đồng (tạo bằng dti appraise)',
        "not a council's appraisal workbook (made by dti appraise)",
      ),
    );
  return getRubric(identity.rubric);
}

/** Reader errors thrown while rows are read: the file's error, exit 2. */
async function guarded<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw workbookError(path, e) ?? e;
  }
}

export async function cmdAppraiseAgencies(args: Args, io: Io): Promise<number> {
  const { '--split-by': by, '--merge': merge, '--out': out } = args.flags;
  if (!out || (by !== undefined && by !== 'agency') || (by !== undefined) === (merge !== undefined))
    throw usageError('appraise');
  return by ? split(args, io, out) : mergeCmd(args, io, merge!, out);
}

async function split(args: Args, io: Io, dir: string): Promise<number> {
  if (args.positional.length !== 1) throw usageError('appraise');
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  const path = args.positional[0];
  const council = open(path, io);
  const rubric = rubricOf(council);
  const outcome = await guarded(path, () => splitByAgency(rubric, council.wb));
  if (!outcome.ok && outcome.kind === 'refused') throw fileError(path, outcome.message);
  try {
    io.makeDir?.(dir);
  } catch (e) {
    throw cannotWrite(dir, e);
  }
  if (!outcome.ok) {
    const target = join(dir, basename(path));
    writeOutput(target, await writeXlsx(outcome.spec), io);
    if (args.json) io.out(jsonText({ assign: target, unassigned: outcome.unassigned }));
    else
      io.out(
        L(
          `Bộ tiêu chí không ghi cơ quan thẩm định cho ${outcome.unassigned.length} tiêu chí. Đã ghi ${target}: bảng thẩm định có thêm trang "Phân công thẩm định". Hội đồng ghi cơ quan cho từng tiêu chí (để trống: Hội đồng tự thẩm định) rồi chạy lại lệnh với tệp đó.`,
          `The rubric names no appraising agency for ${outcome.unassigned.length} criteria. Wrote ${target}: the appraisal workbook with the sheet "Phân công thẩm định" added. The council names the agency of each criterion (blank: the council appraises it) and runs the command again on that file.`,
        ),
      );
    return 1;
  }
  if (!outcome.workbooks.length) {
    if (args.json) io.out(jsonText({ workbooks: [], council: outcome.council }));
    else
      io.out(
        L(
          `Trang "Phân công thẩm định" của ${basename(path)} chưa giao tiêu chí nào cho cơ quan nào: ghi cơ quan cho từng tiêu chí rồi chạy lại.`,
          `The sheet "Phân công thẩm định" of ${basename(path)} assigns no criterion to any agency yet: name the agencies, then run again.`,
        ),
      );
    return 1;
  }
  const written = [];
  for (const w of outcome.workbooks) {
    const target = join(dir, w.fileName);
    writeOutput(target, await writeXlsx(w.spec), io);
    written.push({ agency: w.agency, file: target, criteria: w.criteria, units: w.identity.submissions.length });
  }
  if (args.json) {
    io.out(jsonText({ workbooks: written, council: outcome.council }));
    return 0;
  }
  io.out(
    L(`Đã tách ${written.length} phần thẩm định vào ${dir}:`, `Wrote ${written.length} agencies' shares to ${dir}:`),
  );
  for (const w of written)
    io.out(
      `  ${w.agency}: ${w.criteria.length} ${L('tiêu chí', 'criteria')} (${w.criteria.join(', ')}) × ${w.units} ${L('đơn vị', 'units')} → ${basename(w.file)}`,
    );
  if (outcome.council.length)
    io.out(
      `\n${L('Hội đồng tự thẩm định (không giao cơ quan nào)', 'Left to the council (assigned to no agency)')}: ${outcome.council.join(', ')}`,
    );
  io.out(
    `\n${L(`Khi các cơ quan gửi lại: dti appraise --merge ${path} TỆP... --out TỆP_GỘP.xlsx`, `When the agencies send them back: dti appraise --merge ${path} FILES... --out MERGED.xlsx`)}`,
  );
  return 0;
}

async function mergeCmd(args: Args, io: Io, path: string, out: string): Promise<number> {
  if (args.positional.length === 0) throw usageError('appraise');
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  const council = open(path, io);
  const rubric = rubricOf(council);
  const files = args.positional.map((p) => open(p, io));
  const outcome = await guarded(path, () => mergeAgencies(rubric, council, files));
  if (!outcome.ok) throw new DtiError('file', outcome.message);
  writeOutput(out, await writeXlsx(outcome.spec), io);
  const { merged, conflicts, unappraised, missingAgencies } = outcome;
  const settle = conflicts.length + unappraised.length > 0;
  if (args.json) {
    io.out(
      jsonText({
        out,
        merged,
        conflicts,
        unappraised,
        missingAgencies,
      }),
    );
    return settle ? 1 : 0;
  }
  io.out(L(`Đã gộp vào ${out}:`, `Merged into ${out}:`));
  for (const m of merged)
    io.out(
      `  ${m.agency} (${basename(m.file)}): ${m.appraised} ${L('ô đã thẩm định', 'cells appraised')}${m.done ? '' : L(' — chưa đánh dấu "Đã xong": chỉ tính các ô đã sửa hoặc có lý do, ghi chú', ' — not marked finished: only cells changed or with a reason or note count')}`,
    );
  if (conflicts.length) {
    io.out(
      `\n${L('Chưa thống nhất (giữ điểm của Hội đồng, Hội đồng quyết định)', 'Conflicts (the council’s points kept, for the council to decide)')} (${conflicts.length}):`,
    );
    for (const c of conflicts)
      io.out(
        `  ${c.unitName} · ${c.criterion}: ${c.votes.map((v) => `${v.agency} ${String(v.value ?? '')}`).join('; ')}`,
      );
  }
  if (unappraised.length) {
    io.out(
      `\n${L('Chưa cơ quan nào thẩm định (giữ điểm của Hội đồng)', 'Appraised by no agency (the council’s points kept)')} (${unappraised.length} ${L('tiêu chí', 'criteria')}):`,
    );
    for (const u of unappraised)
      io.out(
        `  ${u.criterion} (${u.agencies.join('; ')}): ${u.units.length} ${L('đơn vị', 'units')} — ${u.units.join(', ')}`,
      );
  }
  if (missingAgencies.length)
    io.out(`\n${L('Chưa nhận tệp của', 'No workbook received from')}: ${missingAgencies.join(', ')}`);
  io.out(
    `\n${L(`Xếp hạng theo điểm đã gộp: dti rank … --appraisal ${out}`, `Rank on the merged points: dti rank … --appraisal ${out}`)}`,
  );
  return settle ? 1 : 0;
}

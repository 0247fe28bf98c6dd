/** The council's commands: `dti verify` and `dti rank`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, extname, join } from 'path';
import { DtiError, resolveUnit } from '../engine';
import { t } from '../engine/text';
import { assessFiles } from '../council/pool';
import { rankingCsv, rankingWorkbook, rankSubmissions, type RankBy } from '../council/rank';
import type { SubmissionResult } from '../council/submission';
import { getRubric } from '../rubrics/catalog';
import { table } from './format';

export interface CouncilIo {
  out: (s: string) => void;
  err: (s: string) => void;
  writeFile: (path: string, bytes: Uint8Array) => void;
  progress?: boolean;
}

const STATUS_VI: Record<string, string> = {
  valid: 'hợp lệ',
  'valid-untrusted': 'hợp lệ, chưa xác thực',
  partial: 'ký một phần',
  invalid: 'KHÔNG HỢP LỆ',
  unsigned: 'chưa ký',
  malformed: 'TỆP LỖI',
};

/** Files given, with directories expanded to the .xlsx files inside them. */
export function submissionFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new DtiError('file', t(`${p}: không tìm thấy tệp hoặc thư mục`, `${p}: no such file or folder`));
    if (statSync(p).isDirectory())
      out.push(
        ...readdirSync(p)
          .filter((f) => extname(f).toLowerCase() === '.xlsx')
          .sort()
          .map((f) => join(p, f)),
      );
    else out.push(p);
  }
  return out;
}

function trustAnchors(paths: string[]): Uint8Array[] {
  return paths.map((p) => {
    try {
      return new Uint8Array(readFileSync(p));
    } catch {
      throw new DtiError('trust', t(`--trust ${p}: không đọc được chứng thư số`, `--trust ${p}: cannot read the certificate`));
    }
  });
}

function progressBar(io: CouncilIo) {
  if (!io.progress) return undefined;
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/** A file is accepted when every signature verifies (and chains to a given anchor when anchors were given) and its seal, if any, matches. */
const accepted = (s: SubmissionResult, trusted: boolean) => (s.status === 'valid' || (!trusted && s.status === 'valid-untrusted')) && s.seal !== 'broken';

export async function cmdVerify(files: string[], trust: string[], json: boolean, io: CouncilIo): Promise<number> {
  const anchors = trustAnchors(trust);
  const results = await assessFiles(submissionFiles(files), { trustAnchors: anchors }, { onProgress: progressBar(io) });
  const reasonsOf = (s: SubmissionResult) => [
    ...s.reasons,
    ...(s.seal === 'valid' ? ['Mã niêm phong khớp với số liệu nhập (seal matches)'] : s.seal === 'broken' ? ['Mã niêm phong KHÔNG khớp: số liệu đã bị sửa sau khi niêm phong (seal mismatch)'] : []),
  ];
  if (json) io.out(JSON.stringify(results.map((s) => ({ file: s.file, status: s.status, signer: s.signer, signedAt: s.signedAt, reasons: reasonsOf(s) })), null, 2));
  else {
    io.out(table(['Tệp', 'Trạng thái', 'Người ký', 'Thời điểm ký'], results.map((s) => [basename(s.file), STATUS_VI[s.status] ?? s.status, s.signer ?? '', s.signedAt ?? '']), [32, 22, 44, 24]));
    for (const s of results) {
      io.out(`\n${basename(s.file)}:`);
      for (const r of reasonsOf(s)) io.out(`  • ${r}`);
    }
  }
  return results.every((s) => accepted(s, anchors.length > 0)) ? 0 : 1;
}

export async function cmdRank(paths: string[], flags: { rubric?: string; unit?: string; out?: string; by?: string }, trust: string[], json: boolean, io: CouncilIo): Promise<number> {
  if (!flags.rubric || !flags.unit || !flags.out || paths.length === 0)
    throw new DtiError('usage', t('Cách dùng: dti rank TỆP|THƯ_MỤC --rubric ID --unit LOẠI --out xep-hang.xlsx [--trust CA.pem] [--by total|percent] [--json]', 'Usage: dti rank FILES|DIR --rubric ID --unit TYPE --out ranking.xlsx [--trust CA.pem] [--by total|percent] [--json]'));
  const rubric = getRubric(flags.rubric);
  const unit = resolveUnit(rubric, flags.unit);
  const by = (flags.by ?? 'total') as RankBy;
  if (by !== 'total' && by !== 'percent') throw new DtiError('usage', t('--by cần total hoặc percent', '--by takes total or percent'));
  const anchors = trustAnchors(trust);
  const files = submissionFiles(paths);
  const results = await assessFiles(files, { trustAnchors: anchors, expect: { rubric: rubric.id, unit } }, { onProgress: progressBar(io) });
  const rows = rankSubmissions(rubric, results, by, anchors.length > 0);
  const label = rubric.units.find((u) => u.id === unit)!.label.vi;
  io.writeFile(flags.out, await rankingWorkbook(rubric, label, rows));
  const csvPath = flags.out.replace(/\.xlsx$/i, '') + '.csv';
  io.writeFile(csvPath, new TextEncoder().encode(rankingCsv(rubric, rows)));
  if (json)
    io.out(
      JSON.stringify(
        rows.map((r) => ({
          rank: r.rank,
          file: r.submission.file,
          unitName: r.submission.unitName ?? null,
          total: r.submission.assessment?.total ?? null,
          max: r.submission.assessment?.max ?? null,
          percent: r.submission.assessment?.percent ?? null,
          level: r.submission.assessment?.level ?? null,
          status: r.submission.status,
          seal: r.submission.seal,
          differences: r.submission.differences,
          problems: r.submission.problems,
        })),
        null,
        2,
      ),
    );
  else {
    io.out(
      table(
        ['Hạng', 'Đơn vị', rubric.kind === 'levels' ? 'Mức' : 'Tổng', 'Chữ ký', 'Ghi chú'],
        rows.map((r) => [
          r.rank === null ? '—' : String(r.rank),
          r.submission.unitName || basename(r.submission.file),
          String(rubric.kind === 'levels' ? (r.submission.assessment?.level?.number ?? '') : (r.submission.assessment?.total ?? '')),
          STATUS_VI[r.submission.status] ?? r.submission.status,
          [...r.submission.problems, ...(r.submission.differences.length ? [`${r.submission.differences.length} số trong tệp khác số chấm lại`] : [])].join('; '),
        ]),
        [5, 34, 8, 22, 60],
        [0, 2],
      ),
    );
    io.out(`\nĐã ghi ${flags.out} và ${csvPath}. Đồng hạng khi bằng điểm (1, 2, 2, 4).`);
  }
  return 0;
}

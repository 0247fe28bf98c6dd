/** `dti verify FILE...`: each workbook's digital signatures and seal. */
import { basename } from 'path';
import { say, t } from '../base';
import { SIGNATURE_STATUS, type SubmissionResult } from '../council';
import { assessFiles } from './batch/pool';
import type { Args } from './args';
import { accepted, progressBar, submissionFiles, trustAnchors } from './council';
import { table } from './format';
import { jsonText } from './safe-text';
import { usageError } from './help';
import type { Io } from './io';

const SEAL_MATCHES = t('Mã niêm phong khớp với số liệu nhập (seal matches)', 'The seal matches the entries');
const SEAL_BROKEN = t(
  'Mã niêm phong KHÔNG khớp: số liệu đã bị sửa sau khi niêm phong (seal mismatch)',
  'The seal does NOT match: the entries were edited after sealing (seal mismatch)',
);

export async function cmdVerify(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw usageError('verify');
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  const anchors = trustAnchors(args.trust);
  const files = submissionFiles(args.positional);
  const results = await assessFiles(
    files,
    { trustAnchors: anchors, lang: args.lang },
    { onProgress: progressBar(io, args.json) },
  );
  const reasonsOf = (s: SubmissionResult) => [
    ...s.reasons,
    ...s.templateProblems,
    ...(s.seal === 'valid' ? [say(SEAL_MATCHES, args.lang)] : s.seal === 'broken' ? [say(SEAL_BROKEN, args.lang)] : []),
  ];
  const ok = results.filter((s) => accepted(s, anchors.length > 0));
  if (args.json)
    io.out(
      jsonText(
        results.map((s) => ({
          file: s.file,
          status: s.status,
          signer: s.signer,
          signedAt: s.signedAt,
          reasons: reasonsOf(s),
        })),
      ),
    );
  else {
    io.out(
      table(
        [L('Tệp', 'File'), L('Trạng thái', 'Status'), L('Người ký', 'Signer'), L('Thời điểm ký', 'Signed at')],
        results.map((s) => [
          basename(s.file),
          say(SIGNATURE_STATUS[s.status], args.lang),
          s.signer ?? '',
          s.signedAt ?? '',
        ]),
        [32, 31, 44, 24],
      ),
    );
    for (const s of results) {
      io.out(`\n${basename(s.file)}:`);
      for (const r of reasonsOf(s)) io.out(`  • ${r}`);
    }
    io.out(
      `\n${L(`Đạt: ${ok.length}/${results.length} tệp`, `Accepted: ${ok.length} of ${results.length} files`)}${anchors.length ? '' : L(' (chưa có --trust: chưa kiểm tra nguồn cấp chứng thư)', ' (no --trust: certificate issuers not checked)')}.`,
    );
  }
  return ok.length === results.length ? 0 : 1;
}

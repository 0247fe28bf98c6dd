/**
 * `dti verify FILE...`: each workbook's digital signatures and seal. A council's own appraisal
 * workbook among them is reported as such, with the submissions it covers matched by SHA-256 with
 * the submission files given (verified beside it, or only compared with --submissions DIR).
 */
import { createHash } from 'crypto';
import { basename } from 'path';
import { say, t, type Lang } from '../base';
import {
  matchSubmissions,
  SIGNATURE_STATUS,
  signingTimeText,
  vietnamTime,
  type CouncilWorkbook,
  type SubmissionResult,
} from '../council';
import { getRubric } from '../rubrics';
import { assessFiles } from './batch/pool';
import type { Args } from './args';
import { accepted, progressBar, submissionFiles, trustAnchors } from './council';
import { table } from './format';
import { jsonText } from './safe-text';
import { usageError } from './help';
import { readRegularFile, type Io } from './io';

const SEAL_MATCHES = t('Mã niêm phong khớp với số liệu nhập (seal matches)', 'The seal matches the entries');
const SEAL_BROKEN = t(
  'Mã niêm phong KHÔNG khớp: số liệu đã bị sửa sau khi niêm phong (seal mismatch)',
  'The seal does NOT match: the entries were edited after sealing (seal mismatch)',
);

/** A submission file to match with a council's workbook: its path and SHA-256. */
interface GivenFile {
  file: string;
  digest?: string;
}

/** The files of --submissions DIR, hashed only: compared with the council's workbook, not verified. */
function hashedFiles(dir: string | undefined): GivenFile[] {
  if (!dir) return [];
  return submissionFiles([dir]).map((file) => ({
    file,
    digest: createHash('sha256').update(readRegularFile(file)).digest('hex'),
  }));
}

function unitLabel(c: CouncilWorkbook, lang: Lang): string {
  try {
    const unit = getRubric(c.rubric).units.find((u) => u.id === c.unit);
    return unit ? say(unit.label, lang) : c.unit;
  } catch {
    return c.unit;
  }
}

/** The short form of a digest people compare by eye. */
const short = (digest: string) => digest.slice(0, 12);

function councilLines(c: CouncilWorkbook, unsigned: boolean, given: GivenFile[], lang: Lang): string[] {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  const match = matchSubmissions(c, given);
  const lines = [
    `  ${L('Sổ thẩm định của hội đồng', "The council's appraisal workbook")}: ${c.rubric}, ${L('phiên bản', 'version')} ${c.version}, ${unitLabel(c, lang)} — ${L(`${c.submissions.length} bài nộp được thẩm định`, `${c.submissions.length} submissions appraised`)}`,
    unsigned
      ? `  • ${L(
          'Sổ chưa ký số: không có gì bảo đảm thông tin nhận dạng của sổ (bộ chỉ số, danh sách bài nộp)',
          'The workbook is not signed: nothing vouches for its identity (rubric, list of submissions)',
        )}`
      : c.identityUncovered.length
        ? `  • ${L(
            'Thông tin nhận dạng của sổ (bộ chỉ số, danh sách bài nộp) KHÔNG được chữ ký số hợp lệ nào bao phủ: có thể đã bị sửa sau khi ký',
            "The workbook's identity (rubric, list of submissions) is NOT covered by any valid signature: it could have been changed after signing",
          )}`
        : `  • ${L(
            'Thông tin nhận dạng của sổ (bộ chỉ số, danh sách bài nộp) nằm trong phần được chữ ký số bao phủ',
            "The workbook's identity (rubric, list of submissions) is covered by the signature",
          )}`,
  ];
  const headers = [L('Bài nộp', 'Submission'), L('Mã tệp', 'File digest'), L('Đơn vị', 'Unit')];
  const rows = match.submissions.map((s) => [basename(s.file), short(s.digest), s.unitName]);
  if (given.length) {
    headers.push(L('Tệp đã cho', 'File given'));
    rows.forEach((r, i) => {
      const file = match.submissions[i].given?.file;
      r.push(file ? `${L('khớp', 'matches')} ${basename(file)}` : L('không có tệp nào khớp', 'no file matches'));
    });
  }
  lines.push(
    '',
    ...table(headers, rows, [28, 12, 28, 36])
      .split('\n')
      .map((l) => `  ${l}`),
  );
  if (given.length && match.notInWorkbook.length)
    lines.push(
      '',
      `  ${L('Tệp đã cho không có trong sổ (chưa được thẩm định, hoặc đã bị sửa)', 'Files given that the workbook does not name (not appraised, or changed since)')}: ${match.notInWorkbook.map((g) => basename(g.file)).join(', ')}`,
    );
  return lines;
}

function councilJson(c: CouncilWorkbook, given: GivenFile[]) {
  const match = matchSubmissions(c, given);
  return {
    rubric: c.rubric,
    version: c.version,
    unit: c.unit,
    identityCovered: c.identityUncovered.length === 0,
    identityUncovered: c.identityUncovered,
    submissions: match.submissions.map((s) => ({ ...s, given: s.given?.file ?? null })),
    notInWorkbook: given.length ? match.notInWorkbook.map((g) => g.file) : [],
  };
}

export async function cmdVerify(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw usageError('verify');
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  const anchors = trustAnchors(args.trust);
  const files = submissionFiles(args.positional);
  const extra = hashedFiles(args.flags['--submissions']);
  const results = await assessFiles(
    files,
    { trustAnchors: anchors, lang: args.lang },
    { onProgress: progressBar(io, args.json) },
  );
  // What a council's workbook is matched with: every other file of the command.
  const given: GivenFile[] = [...results.filter((s) => !s.council), ...extra];
  // A response to the council's feedback says which round it answers, first.
  const responseOf = (s: SubmissionResult) =>
    s.response
      ? [
          L(
            `Giải trình sau thẩm định vòng ${s.response.round}: ${Object.keys(s.response.explanations).length} tiêu chí có giải trình (trả lời bài nộp có mã ${short(s.response.answers)})`,
            `Explanations after appraisal round ${s.response.round}: ${Object.keys(s.response.explanations).length} criteria explained (answering the submission ${short(s.response.answers)})`,
          ),
        ]
      : [];
  const reasonsOf = (s: SubmissionResult) => [
    ...responseOf(s),
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
          attestedAt: s.attestedAt ?? null,
          attestedBy: s.attestedBy ?? null,
          reasons: reasonsOf(s),
          ...(s.council ? { kind: 'appraisal', council: councilJson(s.council, given) } : {}),
          ...(s.response ? { response: s.response } : {}),
        })),
      ),
    );
  else {
    io.out(
      table(
        [
          L('Tệp', 'File'),
          L('Trạng thái', 'Status'),
          L('Người ký', 'Signer'),
          L('Thời điểm ký (giờ Việt Nam)', 'Signed at (Vietnam time)'),
        ],
        results.map((s) => [
          basename(s.file),
          say(SIGNATURE_STATUS[s.status], args.lang),
          s.signer ?? '',
          signingTimeText(s, args.lang, vietnamTime),
        ]),
        [32, 31, 44, 36],
      ),
    );
    for (const s of results) {
      io.out(`\n${basename(s.file)}:`);
      for (const r of reasonsOf(s)) io.out(`  • ${r}`);
      if (s.council)
        for (const line of councilLines(s.council, s.status === 'unsigned', given, args.lang)) io.out(line);
    }
    io.out(
      `\n${L(`Đạt: ${ok.length}/${results.length} tệp`, `Accepted: ${ok.length} of ${results.length} files`)}${anchors.length ? '' : L(' (chưa có --trust: chưa kiểm tra nguồn cấp chứng thư)', ' (no --trust: certificate issuers not checked)')}.`,
    );
  }
  return ok.length === results.length ? 0 : 1;
}

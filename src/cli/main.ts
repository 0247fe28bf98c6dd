/**
 * `dti` — the command line for officers and appraisal councils. Every failure is a message in
 * Vietnamese (or English with --lang en) and an exit code, never a stack trace:
 *   0 scored (missing values are listed as problems), 1 some entered value is invalid or unknown,
 *   2 the command or a file could not be used at all.
 */
import { readFileSync, writeFileSync } from 'fs';
import { z } from 'zod';
import { assess, criteriaFor, DtiError, expected, resolveUnit, type Assessment } from '../engine';
import { say, t, type Lang } from '../engine/text';
import { allRubrics, getRubric } from '../rubrics/catalog';
import { criterionMax, isScored } from '../rubrics/model';
import { formatAssessment, table } from './format';
import { cmdRank, cmdVerify } from './council';
import { assessmentFromXlsx, isZip, makeTemplate } from './workbook';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => Uint8Array;
  writeFile: (path: string, bytes: Uint8Array) => void;
}

const nodeIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readFile: (p) => new Uint8Array(readFileSync(p)),
  writeFile: (p, bytes) => writeFileSync(p, bytes),
};

const HELP = t(
  `dti — chấm điểm bộ chỉ số chuyển đổi số (DTI)

Cách dùng:
  dti rubrics [--json]                 Các bộ tiêu chí và loại đơn vị: số tiêu chí, điểm tối đa
  dti criteria RUBRIC UNIT [--json]    Các tiêu chí của một loại đơn vị và giá trị cần nhập
  dti score FILE... [--json]           Chấm điểm bản tự đánh giá (.json hoặc mẫu .xlsx đã điền)
  dti template --rubric ID --unit LOẠI [--unit-name TÊN] [--year NĂM] [--from FILE] --out FILE.xlsx
                                       Tạo mẫu Excel; --from giữ lại số liệu của tệp .json hoặc mẫu cũ
  dti verify FILE.xlsx... [--trust CA.pem ...] [--json]
                                       Xác minh chữ ký số (và tệp .p7s ký rời), niêm phong
  dti rank TỆP|THƯ_MỤC --rubric ID --unit LOẠI --out xep-hang.xlsx [--trust CA.pem] [--by total|percent]
                                       Xác minh, chấm lại từ số liệu nhập và xếp hạng các đơn vị

Tùy chọn:
  --json        Xuất JSON
  --lang en     Tiếng Anh (mặc định: tiếng Việt)
  --help        Trợ giúp   --version   Phiên bản

FILE.json: {"rubric": ID, "unit": "so"|"huyen"|"xa", "unitName"?: tên, "year"?: năm,
            "values": {"MÃ_TIÊU_CHÍ": giá trị}, "options"?: {"cách_đọc": "lựa chọn"}}
Mã thoát: 0 đã chấm · 1 có giá trị không hợp lệ · 2 lệnh hoặc tệp không dùng được`,
  `dti — score digital transformation (DTI) self-assessments

Usage:
  dti rubrics [--json]                 Rubrics and unit types: criteria count, max points
  dti criteria RUBRIC UNIT [--json]    A unit type's criteria and what to enter
  dti score FILE... [--json]           Score self-assessments (.json, or filled .xlsx templates)
  dti template --rubric ID --unit TYPE [--unit-name NAME] [--year YEAR] [--from FILE] --out FILE.xlsx
                                       Write an Excel template; --from keeps the entries of a .json or an older template
  dti verify FILE.xlsx... [--trust CA.pem ...] [--json]
                                       Verify digital signatures (and detached .p7s), and the seal
  dti rank FILES|DIR --rubric ID --unit TYPE --out ranking.xlsx [--trust CA.pem] [--by total|percent]
                                       Verify, re-score from the inputs and rank the units

Options:
  --json        JSON output
  --lang en     English (default: Vietnamese)
  --help        Help   --version   Version

FILE.json: {"rubric": ID, "unit": "so"|"huyen"|"xa", "unitName"?: name, "year"?: year,
            "values": {"CRITERION_ID": value}, "options"?: {"option": "choice"}}
Exit codes: 0 scored · 1 some value is invalid · 2 the command or a file cannot be used`,
);

class UsageError extends DtiError {}

const VALUE_FLAGS = ['--rubric', '--unit', '--unit-name', '--year', '--out', '--from', '--by'] as const;

interface Args {
  command?: string;
  positional: string[];
  flags: Partial<Record<(typeof VALUE_FLAGS)[number], string>>;
  /** --trust may be given several times. */
  trust: string[];
  json: boolean;
  lang: Lang;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], flags: {}, trust: [], json: false, lang: 'vi', help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--version' || a === '-v') args.version = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      if (v !== 'vi' && v !== 'en') throw new UsageError('usage', t(`--lang cần vi hoặc en, không phải "${v ?? ''}"`, `--lang takes vi or en, not "${v ?? ''}"`));
      args.lang = v;
    } else if (a === '--trust' || a.startsWith('--trust=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError('usage', t('--trust cần tệp chứng thư gốc (PEM hoặc DER)', '--trust needs a root certificate file (PEM or DER)'));
      args.trust.push(v);
    } else if ((VALUE_FLAGS as readonly string[]).includes(a.split('=')[0])) {
      const name = a.split('=')[0] as (typeof VALUE_FLAGS)[number];
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError('usage', t(`${name} cần một giá trị`, `${name} needs a value`));
      args.flags[name] = v;
    } else if (a.startsWith('-')) throw new UsageError('usage', t(`Không có tùy chọn "${a}" (xem dti --help)`, `Unknown option "${a}" (see dti --help)`));
    else if (!args.command) args.command = a;
    else args.positional.push(a);
  }
  return args;
}

const AssessmentFileSchema = z.object({
  rubric: z.string(),
  unit: z.string(),
  unitName: z.string().optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  values: z.record(z.string(), z.unknown()),
  options: z.record(z.string(), z.string()).optional(),
});

function readBytes(file: string, io: Io): Uint8Array {
  try {
    return io.readFile(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tìm thấy tệp' : String((e as Error).message);
    throw new DtiError('file', t(`${file}: ${reason}`, `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : reason}`));
  }
}

function parseAssessmentJson(file: string, bytes: Uint8Array): z.infer<typeof AssessmentFileSchema> {
  const text = new TextDecoder().decode(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = (e as Error).message;
    throw new DtiError('json', t(`${file}: không phải JSON hợp lệ (${m})`, `${file}: not valid JSON (${m})`));
  }
  const parsed = AssessmentFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(gốc)'}: ${i.message}`).join('\n');
    throw new DtiError(
      'file-shape',
      t(
        `${file}: cần {"rubric": ID, "unit": loại đơn vị, "values": {mã tiêu chí: giá trị}}\n${lines}`,
        `${file}: expected {"rubric": ID, "unit": unit type, "values": {criterion id: value}}\n${lines}`,
      ),
    );
  }
  return parsed.data;
}

function cmdRubrics(args: Args, io: Io): number {
  const rows = allRubrics().flatMap((r) =>
    r.units.map((u) => {
      const applicable = criteriaFor(r, u.id).filter(isScored);
      return {
        rubric: r.id,
        unit: u.id,
        criteria: applicable.length,
        max: r.kind === 'levels' ? null : applicable.reduce((s, c) => s + criterionMax(c, u.id), 0),
        title: r.title,
        decision: r.decision.number,
        unitLabel: say(u.label, args.lang),
      };
    }),
  );
  if (args.json) io.out(JSON.stringify(rows.map(({ rubric, unit, criteria, max }) => ({ rubric, unit, criteria, max })), null, 2));
  else {
    const L = (vi: string, en: string) => say(t(vi, en), args.lang);
    io.out(
      table(
        [L('Bộ tiêu chí', 'Rubric'), L('Quyết định', 'Decision'), L('Đơn vị', 'Unit'), L('Tiêu chí', 'Criteria'), L('Tối đa', 'Max')],
        rows.map((r) => [r.rubric, r.decision, `${r.unit} (${r.unitLabel})`, String(r.criteria), r.max === null ? L('mức độ 1–5', 'levels 1–5') : String(r.max)]),
        [16, 14, 34, 8, 11],
        [3, 4],
      ),
    );
  }
  return 0;
}

function cmdCriteria(args: Args, io: Io): number {
  const [rubricId, unitArg] = args.positional;
  if (!rubricId || !unitArg) throw new UsageError('usage', t('Cách dùng: dti criteria RUBRIC UNIT', 'Usage: dti criteria RUBRIC UNIT'));
  const rubric = getRubric(rubricId);
  const unit = resolveUnit(rubric, unitArg);
  const list = criteriaFor(rubric, unit).map((c) => ({
    id: c.id,
    pillar: c.pillar,
    title: c.title,
    max: rubric.kind === 'levels' ? null : criterionMax(c, unit),
    rule: c.rule.kind,
    expects: say(expected(c), args.lang),
    deadline: c.deadline?.by ?? null,
    signedEvidence: c.evidence?.signed ?? false,
  }));
  if (args.json) io.out(JSON.stringify(list, null, 2));
  else
    io.out(
      table(
        ['Mã', 'Tiêu chí', 'Tối đa', 'Cần nhập'].map((h, i) => (args.lang === 'en' ? ['Id', 'Criterion', 'Max', 'Expects'][i] : h)),
        list.map((c) => [c.id, c.title, c.max === null ? '' : String(c.max), c.expects]),
        [8, 56, 6, 60],
        [2],
      ),
    );
  return 0;
}

async function cmdScore(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('usage', t('Cách dùng: dti score FILE.json [--json]', 'Usage: dti score FILE.json [--json]'));
  const results: Assessment[] = [];
  let exit = 0;
  for (const file of args.positional) {
    try {
      const bytes = readBytes(file, io);
      const input = isZip(bytes) ? await assessmentFromXlsx(file, bytes) : parseAssessmentJson(file, bytes);
      const rubric = getRubric(input.rubric);
      const result = assess(rubric, input, args.lang);
      results.push(result);
      if (result.problems.some((p) => p.severity === 'error')) exit = Math.max(exit, 1);
      if (!args.json) io.out(formatAssessment(result, rubric.title, args.lang) + '\n');
    } catch (e) {
      if (!(e instanceof DtiError) || e instanceof UsageError) throw e;
      io.err(`✗ ${e.messageIn(args.lang)}`);
      exit = 2;
    }
  }
  if (args.json && results.length) io.out(JSON.stringify(args.positional.length === 1 ? results[0] : results, null, 2));
  return exit;
}

async function cmdTemplate(args: Args, io: Io): Promise<number> {
  const { '--rubric': rubric, '--unit': unit, '--out': out, '--unit-name': unitName, '--year': yearText, '--from': from } = args.flags;
  if (!rubric || !unit || !out)
    throw new UsageError('usage', t('Cách dùng: dti template --rubric ID --unit LOẠI [--unit-name TÊN] [--year NĂM] [--from FILE] --out FILE.xlsx', 'Usage: dti template --rubric ID --unit TYPE [--unit-name NAME] [--year YEAR] [--from FILE] --out FILE.xlsx'));
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
    throw new UsageError('usage', t(`--year cần năm từ 2000 đến 2100, không phải "${yearText}"`, `--year takes a year 2000–2100, not "${yearText}"`));
  let source: Parameters<typeof makeTemplate>[0]['from'];
  if (from) {
    const bytes = readBytes(from, io);
    if (isZip(bytes)) source = { kind: 'xlsx', bytes, file: from };
    else {
      const json = parseAssessmentJson(from, bytes);
      source = { kind: 'json', values: json.values, unitName: json.unitName, year: json.year };
    }
  }
  const { bytes, report, criteria } = await makeTemplate({ rubric, unit, unitName, year, from: source });
  io.writeFile(out, bytes);
  const L = (vi: string, en: string) => say(t(vi, en), args.lang);
  if (args.json) io.out(JSON.stringify({ out, criteria, carried: report?.carried.length ?? 0, lost: report?.lost ?? [] }, null, 2));
  else {
    io.out(`${L('Đã tạo', 'Wrote')} ${out}: ${criteria} ${L('tiêu chí', 'criteria')}`);
    if (report) {
      io.out(`${L('Giữ lại số liệu của', 'Kept the entries of')} ${report.carried.length} ${L('tiêu chí', 'criteria')}.`);
      for (const l of report.lost) io.out(`  ! ${l.criterion} — ${l.what}: ${String(l.value)} (${l.reason})`);
    }
  }
  return report?.lost.length ? 1 : 0;
}

export async function run(argv: string[], io: Io = nodeIo): Promise<number> {
  let lang: Lang = 'vi';
  try {
    const args = parseArgs(argv);
    lang = args.lang;
    if (args.version) {
      io.out(VERSION);
      return 0;
    }
    if (args.help || !args.command) {
      io.out(say(HELP, lang));
      return args.help ? 0 : 2;
    }
    switch (args.command) {
      case 'rubrics':
        return cmdRubrics(args, io);
      case 'criteria':
        return cmdCriteria(args, io);
      case 'score':
        return await cmdScore(args, io);
      case 'template':
        return await cmdTemplate(args, io);
      case 'verify':
        if (args.positional.length === 0) throw new UsageError('usage', t('Cách dùng: dti verify FILE.xlsx... [--trust CA.pem] [--json]', 'Usage: dti verify FILE.xlsx... [--trust CA.pem] [--json]'));
        return await cmdVerify(args.positional, args.trust, args.json, { ...io, progress: io === nodeIo && process.stderr.isTTY && !args.json });
      case 'rank':
        return await cmdRank(args.positional, { rubric: args.flags['--rubric'], unit: args.flags['--unit'], out: args.flags['--out'], by: args.flags['--by'] }, args.trust, args.json, { ...io, progress: io === nodeIo && process.stderr.isTTY && !args.json });
      default:
        throw new UsageError('usage', t(`Không có lệnh "${args.command}" (xem dti --help)`, `Unknown command "${args.command}" (see dti --help)`));
    }
  } catch (e) {
    if (e instanceof DtiError) io.err(`✗ ${e.messageIn(lang)}`);
    else io.err(`✗ ${say(t('Lỗi nội bộ', 'Internal error'), lang)}: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
}

// Two levels below the package root both as source (src/cli) and built (dist/cli).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

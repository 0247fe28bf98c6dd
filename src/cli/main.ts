/**
 * `dti` — the command line for officers and appraisal councils. Every failure is a message in
 * Vietnamese (or English with --lang en) and an exit code, never a stack trace:
 *   0 scored (missing values are listed as problems), 1 some entered value is invalid or unknown,
 *   2 the command or a file could not be used at all.
 */
import { readFileSync } from 'fs';
import { z } from 'zod';
import { assess, criteriaFor, DtiError, expected, resolveUnit, type Assessment } from '../engine';
import { say, t, type Lang } from '../engine/text';
import { allRubrics, getRubric } from '../rubrics/catalog';
import { criterionMax, isScored } from '../rubrics/model';
import { formatAssessment, table } from './format';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => string;
}

const nodeIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readFile: (p) => readFileSync(p, 'utf8'),
};

const HELP = t(
  `dti — chấm điểm bộ chỉ số chuyển đổi số (DTI)

Cách dùng:
  dti rubrics [--json]                 Các bộ tiêu chí và loại đơn vị: số tiêu chí, điểm tối đa
  dti criteria RUBRIC UNIT [--json]    Các tiêu chí của một loại đơn vị và giá trị cần nhập
  dti score FILE.json... [--json]      Chấm điểm một (hoặc nhiều) bản tự đánh giá

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
  dti score FILE.json... [--json]      Score one (or more) self-assessments

Options:
  --json        JSON output
  --lang en     English (default: Vietnamese)
  --help        Help   --version   Version

FILE.json: {"rubric": ID, "unit": "so"|"huyen"|"xa", "unitName"?: name, "year"?: year,
            "values": {"CRITERION_ID": value}, "options"?: {"option": "choice"}}
Exit codes: 0 scored · 1 some value is invalid · 2 the command or a file cannot be used`,
);

class UsageError extends DtiError {}

interface Args {
  command?: string;
  positional: string[];
  json: boolean;
  lang: Lang;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], json: false, lang: 'vi', help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--version' || a === '-v') args.version = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      if (v !== 'vi' && v !== 'en') throw new UsageError('usage', t(`--lang cần vi hoặc en, không phải "${v ?? ''}"`, `--lang takes vi or en, not "${v ?? ''}"`));
      args.lang = v;
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

function readAssessmentFile(file: string, io: Io): z.infer<typeof AssessmentFileSchema> {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tìm thấy tệp' : String((e as Error).message);
    throw new DtiError('file', t(`${file}: ${reason}`, `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : reason}`));
  }
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

function cmdScore(args: Args, io: Io): number {
  if (args.positional.length === 0) throw new UsageError('usage', t('Cách dùng: dti score FILE.json [--json]', 'Usage: dti score FILE.json [--json]'));
  const results: Assessment[] = [];
  let exit = 0;
  for (const file of args.positional) {
    try {
      const input = readAssessmentFile(file, io);
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

export function run(argv: string[], io: Io = nodeIo): number {
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
        return cmdScore(args, io);
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

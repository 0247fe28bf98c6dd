/** The `dti` command line as parsed: the command, its operands and flags. */
import { DtiError, t, type Lang } from '../base';
import { clip } from './safe-text';

/** A command used the wrong way: exit 2, with the command's usage line. */
export class UsageError extends DtiError {
  constructor(text: ReturnType<typeof t>) {
    super('usage', text);
  }
}

export const VALUE_FLAGS = [
  '--rubric',
  '--unit',
  '--unit-name',
  '--year',
  '--out',
  '--from',
  '--by',
  '--previous',
  '--expected',
  '--appraisal',
  '--submissions',
  '--feedback',
  '--deadline',
  '--council',
  '--place',
  '--date',
  '--round',
  '--split-by',
  '--merge',
] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];

export interface Args {
  command?: string;
  positional: string[];
  flags: Partial<Record<ValueFlag, string>>;
  /** --trust may be given several times. */
  trust: string[];
  json: boolean;
  /** --accept-late: submissions signed after --deadline are ranked, marked late. */
  acceptLate: boolean;
  lang: Lang;
  help: boolean;
  version: boolean;
}

/** The value of `--name=value` or of `--name value` (advancing past it). */
function valueOf(argv: string[], i: number): { value: string | undefined; next: number } {
  const a = argv[i];
  return a.includes('=') ? { value: a.slice(a.indexOf('=') + 1), next: i } : { value: argv[i + 1], next: i + 1 };
}

/** The language asked for, known before the rest is parsed, so that a parsing error follows it too. */
export function langOf(argv: string[]): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  return at >= 0 && valueOf(argv, at).value === 'en' ? 'en' : 'vi';
}

export function parseArgs(argv: string[]): Args {
  const args: Args = {
    positional: [],
    flags: {},
    trust: [],
    json: false,
    acceptLate: false,
    lang: 'vi',
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.split('=')[0];
    if (a === '--json') args.json = true;
    else if (a === '--accept-late') args.acceptLate = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--version' || a === '-v') args.version = true;
    else if (name === '--lang') {
      const { value, next } = valueOf(argv, i);
      if (value !== 'vi' && value !== 'en')
        throw new UsageError(
          t(
            `--lang cần vi hoặc en, không phải "${clip(value ?? '')}"`,
            `--lang takes vi or en, not "${clip(value ?? '')}"`,
          ),
        );
      args.lang = value;
      i = next;
    } else if (name === '--trust') {
      const { value, next } = valueOf(argv, i);
      if (!value || value.startsWith('--'))
        throw new UsageError(
          t('--trust cần tệp chứng thư gốc (PEM hoặc DER)', '--trust needs a root certificate file (PEM or DER)'),
        );
      args.trust.push(value);
      i = next;
    } else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const { value, next } = valueOf(argv, i);
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(t(`${name} cần một giá trị`, `${name} needs a value`));
      args.flags[name as ValueFlag] = value;
      i = next;
    } else if (a.startsWith('-'))
      throw new UsageError(
        t(`Không có tùy chọn "${clip(a)}" (xem dti help)`, `Unknown option "${clip(a)}" (see dti help)`),
      );
    else if (!args.command) args.command = a;
    else args.positional.push(a);
  }
  return args;
}

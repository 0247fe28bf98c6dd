/**
 * `dti` — the command line for officers and appraisal councils. Every failure is a message in
 * Vietnamese (or English with --lang en) and an exit code, never a stack trace:
 *   0 scored (missing values are listed as problems), 1 some entered value is invalid or unknown,
 *   2 the command or a file could not be used at all.
 *
 * Start-up matters (an officer runs `dti score` many times): the commands that need ExcelJS or the
 * worker pool are loaded only when run, and the built CLI carries the rubrics validated at build
 * time (webpack.cli.config.js), so scoring a .json file loads neither ExcelJS nor zod.
 */
import { DtiError, say, t, type Lang } from '../base';
import { langOf, parseArgs, UsageError, type Args } from './args';
import { commandHelp, globalHelp, isCommand, type CommandName } from './help';
import { cmdCriteria, cmdRubrics } from './library';
import { nodeIo, quietOnBrokenPipe, type Io } from './io';
import { clip, terminalText } from './safe-text';
import { cmdScore } from './score';

export type { Io } from './io';

const RUN: Record<CommandName, (args: Args, io: Io) => number | Promise<number>> = {
  rubrics: cmdRubrics,
  criteria: cmdCriteria,
  score: cmdScore,
  template: async (args, io) => (await import(/* webpackChunkName: "template" */ './template')).cmdTemplate(args, io),
  verify: async (args, io) => (await import(/* webpackChunkName: "verify" */ './verify')).cmdVerify(args, io),
  report: async (args, io) => (await import(/* webpackChunkName: "report" */ './report')).cmdReport(args, io),
  rank: async (args, io) => (await import(/* webpackChunkName: "rank" */ './rank')).cmdRank(args, io),
  appraise: async (args, io) => (await import(/* webpackChunkName: "appraise" */ './appraise')).cmdAppraise(args, io),
  feedback: async (args, io) => (await import(/* webpackChunkName: "feedback" */ './feedback')).cmdFeedback(args, io),
  publish: async (args, io) => (await import(/* webpackChunkName: "publish" */ './publish')).cmdPublish(args, io),
};

const unknownCommand = (name: string) =>
  new UsageError(t(`Không có lệnh "${clip(name)}" (xem dti help)`, `Unknown command "${clip(name)}" (see dti help)`));

/** `dti help [CMD]`, `dti CMD --help`, `dti --help`. */
function help(topic: string | undefined, io: Io, lang: Lang): number {
  if (topic === undefined || topic === 'help') io.out(globalHelp(lang));
  else if (isCommand(topic)) io.out(commandHelp(topic, lang));
  else throw unknownCommand(topic);
  return 0;
}

/**
 * What reaches the terminal is made safe first (./safe-text.ts): unit names and cell values come
 * from submitters. JSON output is already escaped (jsonText) and passes unchanged.
 */
const safeIo = (io: Io): Io => ({
  ...io,
  out: (s) => io.out(terminalText(s)),
  err: (s) => io.err(terminalText(s)),
});

export async function run(argv: string[], raw: Io = nodeIo): Promise<number> {
  if (raw === nodeIo) quietOnBrokenPipe();
  const io = safeIo(raw);
  let lang = langOf(argv);
  try {
    const args = parseArgs(argv);
    lang = args.lang;
    if (args.version) {
      io.out(VERSION);
      return 0;
    }
    if (args.command === 'help') return help(args.positional[0], io, lang);
    if (args.help) return help(args.command, io, lang);
    if (!args.command) {
      io.out(globalHelp(lang));
      return 2;
    }
    if (!isCommand(args.command)) throw unknownCommand(args.command);
    return await RUN[args.command](args, io);
  } catch (e) {
    if (e instanceof DtiError) io.err(`✗ ${e.messageIn(lang)}`);
    else io.err(`✗ ${say(t('Lỗi nội bộ', 'Internal error'), lang)}: ${clip(String((e as Error)?.message ?? e), 300)}`);
    return 2;
  }
}

// Two levels below the package root both as source (src/cli) and bundled (dist/cli).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

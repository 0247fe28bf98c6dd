/**
 * Worker thread: verifies and re-scores submissions for the pool (./pool.ts), one at a time in the
 * order they arrive (the pool sends the next file ahead, so it waits here, not in the pool).
 */
import { existsSync } from 'fs';
import { basename } from 'path';
import { parentPort } from 'worker_threads';
import { say, t } from '../../base';
import { useHost } from '../../platform';
import { nodeHost } from '../../platform/node';
import {
  assessSubmissionFile,
  unreadableSubmission,
  type SubmissionOptions,
  type SubmissionResult,
} from '../../council';
import { readRegularFile, reason } from '../io';

export interface Task {
  id: number;
  file: string;
  options: Omit<SubmissionOptions, 'p7s'>;
}

export interface TaskOutcome {
  id: number;
  result?: SubmissionResult;
  error?: string;
}

useHost(nodeHost);

/** The detached signature beside the file, if there is one to read; why not, if it cannot be. */
function readP7s(file: string, lang: 'vi' | 'en'): { p7s?: Uint8Array; note?: string } {
  const path = `${file}.p7s`;
  if (!existsSync(path)) return {};
  try {
    return { p7s: readRegularFile(path, MAX_P7S_BYTES) };
  } catch (e) {
    const why = reason(e, path, false);
    return {
      note: say(
        t(
          `${basename(path)}: ${why.vi}; tệp chữ ký .p7s này không được dùng`,
          `${basename(path)}: ${why.en}; this .p7s signature is not used`,
        ),
        lang,
      ),
    };
  }
}

/** A detached signature is a few kilobytes; a megabyte is generous. */
const MAX_P7S_BYTES = 1024 * 1024;

async function run(task: Task): Promise<TaskOutcome> {
  const lang = task.options.lang ?? 'vi';
  let bytes: Uint8Array;
  try {
    // Refused before any read when it is not a regular file or is too large (FIFO, /dev/zero, a folder).
    bytes = readRegularFile(task.file);
  } catch (e) {
    const why = reason(e, task.file, false);
    const code = (e as NodeJS.ErrnoException).code;
    return {
      id: task.id,
      result: unreadableSubmission(task.file, `${task.file}: ${say(why, lang)}${code ? ` (${code})` : ''}`),
    };
  }
  try {
    const { p7s, note } = readP7s(task.file, lang);
    const result = await assessSubmissionFile(task.file, bytes, { ...task.options, p7s });
    if (note) result.reasons.push(note);
    return { id: task.id, result };
  } catch (e) {
    return { id: task.id, error: (e as Error).message ?? String(e) };
  }
}

const queue: Task[] = [];
let busy = false;

parentPort?.on('message', async (task: Task) => {
  queue.push(task);
  if (busy) return;
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) parentPort!.postMessage(await run(next));
  busy = false;
});

/**
 * Worker thread: verifies and re-scores submissions for the pool (./pool.ts), one at a time in the
 * order they arrive (the pool sends the next file ahead, so it waits here, not in the pool).
 */
import { existsSync, readFileSync } from 'fs';
import { parentPort } from 'worker_threads';
import { say, t } from '../../base';
import { useHost } from '../../platform';
import { nodeHost } from '../../platform/node';
import { assessSubmission, type SubmissionOptions, type SubmissionResult } from '../../council';

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

async function run(task: Task): Promise<TaskOutcome> {
  try {
    const bytes = new Uint8Array(readFileSync(task.file));
    const p7sPath = `${task.file}.p7s`;
    const p7s = existsSync(p7sPath) ? new Uint8Array(readFileSync(p7sPath)) : undefined;
    return { id: task.id, result: await assessSubmission(task.file, bytes, { ...task.options, p7s }) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const lang = task.options.lang ?? 'vi';
    const unreadable =
      code === 'ENOENT'
        ? t('không tìm thấy tệp', 'file not found')
        : code === 'EISDIR'
          ? t('đây là một thư mục', 'it is a folder')
          : code === 'EACCES' || code === 'EPERM'
            ? t('không có quyền đọc', 'permission denied')
            : undefined;
    return {
      id: task.id,
      error: unreadable ? `${task.file}: ${say(unreadable, lang)} (${code})` : ((e as Error).message ?? String(e)),
    };
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

/** Worker thread: verifies and re-scores one submission at a time for the pool (./pool.ts). */
import { existsSync, readFileSync } from 'fs';
import { parentPort } from 'worker_threads';
import { assessSubmission, type SubmissionOptions } from './submission';

export interface Task {
  id: number;
  file: string;
  options: Omit<SubmissionOptions, 'p7s'>;
}

parentPort?.on('message', async (task: Task) => {
  try {
    const bytes = new Uint8Array(readFileSync(task.file));
    const p7sPath = `${task.file}.p7s`;
    const p7s = existsSync(p7sPath) ? new Uint8Array(readFileSync(p7sPath)) : undefined;
    const result = await assessSubmission(task.file, bytes, { ...task.options, p7s });
    parentPort!.postMessage({ id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: (e as Error).message ?? String(e) });
  }
});

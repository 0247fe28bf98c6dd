/**
 * Runs submissions through worker threads: one per core, each file under a time limit. A file
 * that hangs or crashes its worker is reported as malformed with the reason, and the worker is
 * replaced, so one hostile file cannot stop the batch.
 *
 * Each worker is given its next file before it finishes the current one, so it never waits for
 * the main thread between files (that wait was ~0.7 ms a file, a tenth of the work). The time
 * limit runs for the file a worker is busy with: from when it is sent to an idle worker, or from
 * when the worker finished the file before it.
 */
import { existsSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { DtiError, say, t } from '../../base';
import { unreadableSubmission, type SubmissionOptions, type SubmissionResult } from '../../council';
import type { Task, TaskOutcome } from './worker';

export interface PoolOptions {
  concurrency?: number;
  /** Per file, milliseconds. */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Files a worker holds at once: the one it works on and the next. */
const IN_FLIGHT = 2;

/**
 * The worker script: the one-file bundle with rubrics validated at build time (webpack.worker.config.js),
 * dist/worker/worker.js — beside dist/cli for the bundled CLI, three levels up from these sources
 * (the tests run them).
 */
function workerScript(): string {
  for (const folder of [join(__dirname, '..', 'worker'), join(__dirname, '..', '..', '..', 'dist', 'worker')])
    if (existsSync(join(folder, 'worker.js'))) return join(folder, 'worker.js');
  throw new DtiError(
    'not-built',
    t(
      'Chưa build tiến trình đọc tệp (dist/worker/worker.js): chạy npm run build:cli',
      'The file reader (dist/worker/worker.js) is not built: run npm run build:cli',
    ),
  );
}

const failed = unreadableSubmission;

export async function assessFiles(
  files: string[],
  options: Omit<SubmissionOptions, 'p7s'>,
  pool: PoolOptions = {},
): Promise<SubmissionResult[]> {
  // One worker a core: with the host's synchronous digests a worker rarely waits, and more
  // workers than cores only add warm-up and contention (measured: 2 workers 123/s, 4 workers 101/s).
  const size = Math.max(1, Math.min(pool.concurrency ?? cpus().length, files.length));
  const timeoutMs = pool.timeoutMs ?? 20000;
  const results: SubmissionResult[] = new Array(files.length);
  const script = workerScript();
  const L = (vi: string, en: string) => say(t(vi, en), options.lang ?? 'vi');
  let next = 0;
  let done = 0;
  /** Files a replaced worker held but had not started: sent again before new ones. */
  const retry: number[] = [];
  const take = () => (retry.length ? retry.shift() : next < files.length ? next++ : undefined);

  const lane = () =>
    new Promise<void>((finish) => {
      let worker: Worker;
      const held: number[] = []; // in order; the first is the one the worker is on
      let timer: NodeJS.Timeout | undefined;

      const settle = (id: number, result: SubmissionResult) => {
        results[id] = result;
        pool.onProgress?.(++done, files.length);
      };
      const armTimer = () => {
        clearTimeout(timer);
        timer = held.length
          ? setTimeout(
              () =>
                replace(
                  L(
                    `Quá thời gian xử lý (${timeoutMs} ms): tệp bị bỏ qua (timeout)`,
                    `Took longer than ${timeoutMs} ms: file skipped (timeout)`,
                  ),
                ),
              timeoutMs,
            )
          : undefined;
      };
      const fill = () => {
        const wasIdle = held.length === 0;
        while (held.length < IN_FLIGHT) {
          const id = take();
          if (id === undefined) break;
          held.push(id);
          const task: Task = { id, file: files[id], options };
          worker.postMessage(task);
        }
        if (wasIdle) armTimer();
        if (!held.length) stop();
      };
      const stop = () => {
        worker.removeAllListeners();
        void worker.terminate();
        finish();
      };
      /** The file the worker was on failed it: report that file, give the others back, start afresh. */
      const replace = (reason: string) => {
        const [id, ...rest] = held.splice(0);
        clearTimeout(timer);
        worker.removeAllListeners();
        void worker.terminate();
        if (id !== undefined) settle(id, failed(files[id], reason));
        retry.unshift(...rest);
        if (retry.length || next < files.length) start();
        else finish();
      };
      const start = () => {
        worker = new Worker(script);
        worker.on('message', (m: TaskOutcome) => {
          const at = held.indexOf(m.id);
          if (at < 0) return;
          held.splice(at, 1);
          settle(m.id, m.result ?? failed(files[m.id], m.error ?? L('lỗi không rõ', 'unknown error')));
          armTimer();
          fill();
        });
        worker.on('error', (e) => replace(L(`Lỗi khi đọc tệp: ${e.message}`, `Error reading the file: ${e.message}`)));
        worker.on('exit', (code) =>
          replace(
            L(`Tiến trình đọc tệp dừng bất thường (mã ${code})`, `The file reader stopped unexpectedly (code ${code})`),
          ),
        );
        fill();
      };
      start();
    });

  await Promise.all(Array.from({ length: size }, lane));
  return results;
}

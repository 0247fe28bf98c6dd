/**
 * The council's files verified and re-scored in Web Workers, a few at once, each under a time
 * limit: a worker that does not answer in time is terminated, its file reported as timed out, and
 * a fresh worker takes the next file, so a hostile file never hangs the pane. When no worker can
 * be created (an old host, a test page) or its script cannot load (an error before the worker
 * said it is ready: a blocked or missing council-worker.js), the files run in the page one after
 * another, each raced against the same limit (a file that runs over is reported and the batch goes
 * on). An error after the worker is ready is the file's: it is reported, a fresh worker goes on.
 *
 * Workers are made by a factory so that the pool's rules are tested in Node with fakes.
 */
import { say, t, type Lang } from '../../base';
import { unreadableSubmission, type SubmissionOptions, type SubmissionResult } from '../../council';

export interface CouncilFile {
  name: string;
  bytes: Uint8Array;
  p7s?: Uint8Array;
}

/** What the page sends a worker (./worker.ts) and what it answers. */
export interface CouncilTask {
  id: number;
  file: CouncilFile;
  options: Omit<SubmissionOptions, 'p7s'>;
}
export interface CouncilOutcome {
  id: number;
  result?: SubmissionResult;
  error?: string;
}

/** The little of a Worker the pool uses. */
export interface TaskWorker {
  post(task: CouncilTask): void;
  /** `loaded`: the worker had said it is ready (its script ran) before the error. */
  onAnswer(handler: (outcome: CouncilOutcome) => void, onError: (message: string, loaded: boolean) => void): void;
  terminate(): void;
}

export interface PoolOptions {
  /** Throws when no worker can be made: the files then run in the page. */
  createWorker: () => TaskWorker;
  /** The same work in the page, for the fallback. */
  runInPage: (task: CouncilTask) => Promise<CouncilOutcome>;
  concurrency: number;
  timeoutMs: number;
  onProgress?: (done: number, total: number) => void;
}

/** A file that took too long: "quá thời gian", the wording the council sees. */
export const timedOut = (lang: Lang, ms: number): string =>
  say(
    t(
      `Quá thời gian: tệp không kiểm tra xong trong ${Math.round(ms / 1000)} giây nên bị bỏ qua`,
      `Timed out: the file was not checked within ${Math.round(ms / 1000)} seconds and was skipped`,
    ),
    lang,
  );

const failedWith = (lang: Lang, message: string) =>
  say(t(`Lỗi khi kiểm tra tệp: ${message}`, `Error checking the file: ${message}`), lang);

export async function assessInPool(
  files: CouncilFile[],
  options: Omit<SubmissionOptions, 'p7s'>,
  pool: PoolOptions,
): Promise<SubmissionResult[]> {
  const lang = options.lang ?? 'vi';
  const results: SubmissionResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const settle = (id: number, outcome: CouncilOutcome | undefined, why?: string) => {
    results[id] =
      outcome?.result ?? unreadableSubmission(files[id].name, why ?? failedWith(lang, outcome?.error ?? '?'));
    pool.onProgress?.(++done, files.length);
  };
  const task = (id: number): CouncilTask => ({ id, file: files[id], options });

  /** Files to run in the page: the one whose worker could not load, then the rest. */
  const inPage: number[] = [];
  const runAllInPage = async () => {
    for (; next < files.length; next++) inPage.push(next);
    for (const id of inPage) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), pool.timeoutMs)));
      const outcome = await Promise.race([
        pool.runInPage(task(id)).catch((e: unknown) => ({ id, error: (e as Error)?.message ?? String(e) })),
        limit,
      ]);
      clearTimeout(timer);
      settle(id, outcome, outcome ? undefined : timedOut(lang, pool.timeoutMs));
    }
    return results;
  };

  let first: TaskWorker;
  try {
    first = pool.createWorker();
  } catch {
    return runAllInPage();
  }

  const lane = (worker: TaskWorker) =>
    new Promise<void>((finish) => {
      let current = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const give = () => {
        if (next >= files.length) {
          worker.terminate();
          return finish();
        }
        current = next++;
        timer = setTimeout(() => replace(timedOut(lang, pool.timeoutMs)), pool.timeoutMs);
        worker.post(task(current));
      };
      /** The worker failed its file (ran over, crashed): the file is reported, a new worker goes on. */
      const replace = (why: string) => {
        clearTimeout(timer);
        worker.terminate();
        settle(current, undefined, why);
        current = -1;
        if (next >= files.length) return finish();
        try {
          worker = pool.createWorker();
        } catch {
          return finish(); // the other lanes, or the page, take the rest
        }
        listen();
        give();
      };
      const listen = () =>
        worker.onAnswer(
          (outcome) => {
            if (outcome.id !== current) return;
            clearTimeout(timer);
            settle(current, outcome);
            give();
          },
          (message, loaded) => {
            if (loaded) return replace(failedWith(lang, message));
            // The script did not load: not the file's fault; it runs in the page, no more workers here.
            clearTimeout(timer);
            worker.terminate();
            if (current >= 0) inPage.push(current);
            current = -1;
            finish();
          },
        );
      listen();
      give();
    });

  const size = Math.max(1, Math.min(pool.concurrency, files.length));
  const workers = [first];
  for (let i = 1; i < size; i++) {
    try {
      workers.push(pool.createWorker());
    } catch {
      break;
    }
  }
  await Promise.all(workers.map(lane));
  return runAllInPage();
}

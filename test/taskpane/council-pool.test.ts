/**
 * The pane's council pool (src/taskpane/council/pool.ts) with fake workers: a file whose worker
 * never answers is reported as timed out and its worker terminated, the other files are still
 * done, each exactly once; without workers, or when the worker's script cannot load, the files run
 * in the page under the same limit.
 */
import { unreadableSubmission } from '../../src/council';
import {
  assessInPool,
  type CouncilFile,
  type CouncilOutcome,
  type CouncilTask,
  type TaskWorker,
} from '../../src/taskpane/council/pool';

const files: CouncilFile[] = ['a.xlsx', 'hang.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx'].map((name) => ({
  name,
  bytes: new Uint8Array([1]),
}));

/** Answers every file at once, except "hang.xlsx", which it never answers. */
function fakeWorkers() {
  const made: { terminated: boolean; seen: string[] }[] = [];
  const createWorker = (): TaskWorker => {
    const state = { terminated: false, seen: [] as string[] };
    made.push(state);
    let answer: (o: CouncilOutcome) => void = () => undefined;
    return {
      post(task: CouncilTask) {
        state.seen.push(task.file.name);
        if (task.file.name !== 'hang.xlsx')
          setTimeout(() => !state.terminated && answer({ id: task.id, result: done(task.file.name) }), 1);
      },
      onAnswer: (handler) => (answer = handler),
      terminate: () => (state.terminated = true),
    };
  };
  return { made, createWorker };
}

const done = (name: string) => ({ ...unreadableSubmission(name, 'ok'), status: 'valid' as const });
const neverInPage = () => Promise.reject(new Error('not used'));

test('a file that never answers is reported as timed out; the others are done; progress reaches the end', async () => {
  const { made, createWorker } = fakeWorkers();
  const progress: number[] = [];
  const results = await assessInPool(
    files,
    { lang: 'vi' },
    { createWorker, runInPage: neverInPage, concurrency: 1, timeoutMs: 50, onProgress: (d) => progress.push(d) },
  );
  expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
  expect(results.map((r) => r.status)).toEqual(['valid', 'malformed', 'valid', 'valid', 'valid']);
  expect(results[1].reasons[0]).toMatch(/^Quá thời gian/);
  expect(progress).toEqual([1, 2, 3, 4, 5]);
  // The hung worker was terminated and replaced by one that did the rest; both stopped at the end.
  expect(made.map((w) => w.seen)).toEqual([
    ['a.xlsx', 'hang.xlsx'],
    ['b.xlsx', 'c.xlsx', 'd.xlsx'],
  ]);
  expect(made.every((w) => w.terminated)).toBe(true);
  // Each file was sent once.
  expect(made.flatMap((w) => w.seen).sort()).toEqual(files.map((f) => f.name).sort());
});

test('a worker that crashes reports its file with the reason and the batch goes on', async () => {
  let n = 0;
  const createWorker = (): TaskWorker => {
    let fail: (m: string, loaded: boolean) => void = () => undefined;
    let answer: (o: CouncilOutcome) => void = () => undefined;
    return {
      post: (task) =>
        setTimeout(
          () =>
            task.file.name === 'b.xlsx'
              ? fail('out of memory', true)
              : answer({ id: task.id, result: done(task.file.name) }),
          1,
        ),
      onAnswer: (h, e) => ((answer = h), (fail = e)),
      terminate: () => void n++,
    };
  };
  const results = await assessInPool(
    files.filter((f) => f.name !== 'hang.xlsx'),
    { lang: 'en' },
    {
      createWorker,
      runInPage: neverInPage,
      concurrency: 1,
      timeoutMs: 1000,
    },
  );
  expect(results.map((r) => r.status)).toEqual(['valid', 'malformed', 'valid', 'valid']);
  expect(results[1].reasons).toEqual(['Error checking the file: out of memory']);
});

test('without workers the files run in the page, one that runs over the limit is reported', async () => {
  const ran: string[] = [];
  const runInPage = (task: CouncilTask) => {
    ran.push(task.file.name);
    return task.file.name === 'hang.xlsx'
      ? new Promise<CouncilOutcome>(() => undefined)
      : Promise.resolve({ id: task.id, result: done(task.file.name) });
  };
  const results = await assessInPool(
    files,
    { lang: 'vi' },
    {
      createWorker: () => {
        throw new Error('no Worker');
      },
      runInPage,
      concurrency: 4,
      timeoutMs: 30,
    },
  );
  expect(ran).toEqual(files.map((f) => f.name));
  expect(results.map((r) => r.status)).toEqual(['valid', 'malformed', 'valid', 'valid', 'valid']);
  expect(results[1].reasons[0]).toMatch(/^Quá thời gian/);
});

/** In the page: each file answered at once, except "hang.xlsx", which never finishes. */
function pageRunner() {
  const ran: string[] = [];
  const runInPage = (task: CouncilTask) => {
    ran.push(task.file.name);
    return task.file.name === 'hang.xlsx'
      ? new Promise<CouncilOutcome>(() => undefined)
      : Promise.resolve({ id: task.id, result: { ...done(task.file.name), signer: 'in the page' } });
  };
  return { ran, runInPage };
}

test('a worker script that cannot load (an error before it is ready): every file runs in the page, under the limit', async () => {
  const made: { posted: string[]; terminated: boolean }[] = [];
  const createWorker = (): TaskWorker => {
    const state = { posted: [] as string[], terminated: false };
    made.push(state);
    return {
      post: (task) => state.posted.push(task.file.name),
      // The browser fires "error" on a worker whose script is missing or blocked, before any message.
      onAnswer: (_, onError) => setTimeout(() => onError('', false), 1),
      terminate: () => (state.terminated = true),
    };
  };
  const { ran, runInPage } = pageRunner();
  const progress: number[] = [];
  const results = await assessInPool(
    files,
    { lang: 'vi' },
    { createWorker, runInPage, concurrency: 2, timeoutMs: 40, onProgress: (d) => progress.push(d) },
  );
  // Both lanes' workers failed to load; no worker was made after that, both were stopped.
  expect(made).toHaveLength(2);
  expect(made.every((w) => w.terminated)).toBe(true);
  // Each file ran in the page exactly once (the two posted to the dead workers among them).
  expect([...ran].sort()).toEqual(files.map((f) => f.name).sort());
  expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
  expect(results.map((r) => r.status)).toEqual(['valid', 'malformed', 'valid', 'valid', 'valid']);
  expect(results.filter((r) => r.status === 'valid').every((r) => r.signer === 'in the page')).toBe(true);
  // The file that never finishes in the page is given up after the same limit, not awaited forever.
  expect(results[1].reasons[0]).toMatch(/^Quá thời gian/);
  expect(progress).toEqual([1, 2, 3, 4, 5]);
});

test('an error after the worker is ready is the file’s: reported, and a fresh worker (not the page) goes on', async () => {
  let made = 0;
  const createWorker = (): TaskWorker => {
    made++;
    let answer: (o: CouncilOutcome) => void = () => undefined;
    let fail: (m: string, loaded: boolean) => void = () => undefined;
    return {
      post: (task) =>
        setTimeout(
          () =>
            task.file.name === 'a.xlsx' ? fail('boom', true) : answer({ id: task.id, result: done(task.file.name) }),
          1,
        ),
      onAnswer: (h, e) => ((answer = h), (fail = e)),
      terminate: () => undefined,
    };
  };
  const { ran, runInPage } = pageRunner();
  const results = await assessInPool(
    files.filter((f) => f.name !== 'hang.xlsx'),
    { lang: 'en' },
    { createWorker, runInPage, concurrency: 1, timeoutMs: 1000 },
  );
  expect(ran).toEqual([]);
  expect(made).toBe(2);
  expect(results.map((r) => r.status)).toEqual(['malformed', 'valid', 'valid', 'valid']);
  expect(results[0].reasons).toEqual(['Error checking the file: boom']);
});

test('when no new worker can be made after one timed out, the rest run in the page instead of failing', async () => {
  let made = 0;
  const createWorker = (): TaskWorker => {
    if (++made > 1) throw new Error('no more workers');
    return { post: () => undefined, onAnswer: () => undefined, terminate: () => undefined };
  };
  const { ran, runInPage } = pageRunner();
  const results = await assessInPool(
    files.filter((f) => f.name !== 'hang.xlsx'),
    { lang: 'vi' },
    { createWorker, runInPage, concurrency: 1, timeoutMs: 30 },
  );
  // a.xlsx went to the one worker, which never answered: timed out; the rest ran in the page.
  expect(results[0].reasons[0]).toMatch(/^Quá thời gian/);
  expect(ran).toEqual(['b.xlsx', 'c.xlsx', 'd.xlsx']);
  expect(results.slice(1).map((r) => r.status)).toEqual(['valid', 'valid', 'valid']);
});

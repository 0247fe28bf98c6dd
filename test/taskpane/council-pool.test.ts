/**
 * The pane's council pool (src/taskpane/council/pool.ts) with fake workers: a file whose worker
 * never answers is reported as timed out and its worker terminated, the other files are still
 * done, each exactly once; without workers the files run in the page under the same limit.
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
    let fail: (m: string) => void = () => undefined;
    let answer: (o: CouncilOutcome) => void = () => undefined;
    return {
      post: (task) =>
        setTimeout(
          () =>
            task.file.name === 'b.xlsx' ? fail('out of memory') : answer({ id: task.id, result: done(task.file.name) }),
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

/**
 * The pane's council Web Worker (built as council-worker.js, webpack.config.js): one file at a time,
 * verified and re-scored by the very function the CLI's worker threads call.
 */
import { assessFileTask } from './run';
import type { CouncilTask } from './pool';
import type { WorkerReady } from './web-workers';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<CouncilTask>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => void assessFileTask(e.data).then((outcome) => scope.postMessage(outcome));

// Loaded: the page's pool now knows an error from here on is a file's, not a script that failed to load.
scope.postMessage({ ready: true } satisfies WorkerReady);

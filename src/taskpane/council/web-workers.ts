/** Web Workers for the council's pool: council-worker.js beside the pane's page (same folder, same release). */
import type { TaskWorker } from './pool';

export const WORKER_FILE = 'council-worker.js';

/** What the worker posts first, once its script runs (./worker.ts). */
export interface WorkerReady {
  ready: true;
}

export function createWebWorker(): TaskWorker {
  if (typeof Worker === 'undefined') throw new Error('no Worker');
  const worker = new Worker(new URL(WORKER_FILE, location.href));
  return {
    post: (task) => worker.postMessage(task),
    onAnswer(handler, onError) {
      // The script says it is ready as soon as it runs: an error before that is a script that did not load.
      let loaded = false;
      worker.onmessage = (e) => {
        loaded = true;
        if (!(e.data as WorkerReady)?.ready) handler(e.data);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        onError(e.message || 'worker error', loaded);
      };
      worker.onmessageerror = () => onError('unreadable answer', loaded);
    },
    terminate: () => worker.terminate(),
  };
}

/** A small pool: the machine's cores, at most 4 (more only adds start-up and memory). */
export const poolSize = () => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4));

/** Web Workers for the council's pool: council-worker.js beside the pane's page (same folder, same release). */
import type { TaskWorker } from './pool';

export const WORKER_FILE = 'council-worker.js';

export function createWebWorker(): TaskWorker {
  if (typeof Worker === 'undefined') throw new Error('no Worker');
  const worker = new Worker(new URL(WORKER_FILE, location.href));
  return {
    post: (task) => worker.postMessage(task),
    onAnswer(handler, onError) {
      worker.onmessage = (e) => handler(e.data);
      // A script that cannot load or a crash: the message, or what kind of failure.
      worker.onerror = (e) => {
        e.preventDefault();
        onError(e.message || 'worker error');
      };
      worker.onmessageerror = () => onError('unreadable answer');
    },
    terminate: () => worker.terminate(),
  };
}

/** A small pool: the machine's cores, at most 4 (more only adds start-up and memory). */
export const poolSize = () => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4));

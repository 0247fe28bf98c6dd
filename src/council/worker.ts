/** Worker thread: verifies and re-scores one submission at a time for the pool (./pool.ts). */
import { existsSync, readFileSync } from 'fs';
import { parentPort } from 'worker_threads';
import { createHash } from 'crypto';
import { inflateRawSync } from 'zlib';
import { useHostDigest } from '../signature';
import { assessSubmission, type SubmissionOptions } from './submission';

export interface Task {
  id: number;
  file: string;
  options: Omit<SubmissionOptions, 'p7s'>;
}

/** zlib, stopped one byte past the declared size so a lying entry fails instead of filling memory. */
const nodeInflate = (compressed: Uint8Array, declaredSize: number): Uint8Array => inflateRawSync(compressed, { maxOutputLength: declaredSize + 1 });

// Node's hashes: the same digests as WebCrypto, without its per-call overhead.
useHostDigest((hash, data) => new Uint8Array(createHash(hash.replace('-', '').toLowerCase()).update(data).digest()));

parentPort?.on('message', async (task: Task) => {
  try {
    const bytes = new Uint8Array(readFileSync(task.file));
    const p7sPath = `${task.file}.p7s`;
    const p7s = existsSync(p7sPath) ? new Uint8Array(readFileSync(p7sPath)) : undefined;
    const result = await assessSubmission(task.file, bytes, { ...task.options, p7s, inflateRaw: nodeInflate });
    parentPort!.postMessage({ id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: (e as Error).message ?? String(e) });
  }
});

/** One council task run (in a Web Worker, or in the page when no worker can be made). */
import { assessSubmissionFile } from '../../council';
import type { CouncilOutcome, CouncilTask } from './pool';

export async function assessFileTask({ id, file, options }: CouncilTask): Promise<CouncilOutcome> {
  try {
    return { id, result: await assessSubmissionFile(file.name, file.bytes, { ...options, p7s: file.p7s }) };
  } catch (e) {
    return { id, error: (e as Error)?.message ?? String(e) };
  }
}

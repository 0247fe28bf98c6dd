/**
 * The pane's own council path, timed in headless Chromium (used by council.bench.ts): the built
 * task pane (test-output/web) in demo mode, the council tab given the trust anchor through its
 * input, the submissions picked through its file input, then "Kiểm tra và xếp hạng" clicked — so
 * the files are read as File objects and checked by the pane's pool (src/taskpane/council/pool.ts)
 * in council-worker.js Web Workers with WebCrypto, exactly as a council's click runs them.
 *
 * Timed in the page from the click: the picking is not (Playwright hands Chromium the files
 * before), reading the picked files' bytes is (the pane does it on the click). "checked" is when the
 * progress shows N/N, "ranked" when the ranking is on screen (the ranking and its rendering added).
 */
import type { Page } from 'playwright-core';
import { startPaneBrowser } from '../test/support/pane-browser';

export interface PaneTiming {
  /** Click to the progress reading 0/N: the picked files' bytes read. */
  readMs?: number;
  /** Click to the progress reading N/N: read, verified and re-scored in the pool. */
  checkedMs: number;
  /** Click to the ranking shown. */
  rankedMs: number;
  ranked: number;
  unranked: number;
  /** The page's navigator.hardwareConcurrency (the pool's size is this, at most 4). */
  cores: number;
  /** Whether council-worker.js was fetched: the files went to Web Workers, not the page. */
  inWorkers: boolean;
}

const CHECK = 'Kiểm tra và xếp hạng';

/** Records, in the page, when the check is clicked and when the progress and the ranking show it done. */
function watch(page: Page, n: number) {
  return page.evaluate(
    ({ n, check }) => {
      const marks: Record<string, number> = {};
      (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('button')?.textContent?.includes(check)) marks.start ??= performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        const progress = document.querySelector('[data-testid="council-progress"]')?.textContent ?? '';
        if (marks.read === undefined && progress.includes(`0/${n}`)) marks.read = performance.now();
        if (marks.checked === undefined && progress.includes(`${n}/${n}`)) marks.checked = performance.now();
        if (marks.ranked === undefined && document.querySelector('[data-testid="council-ranking"]'))
          marks.ranked = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { n, check: CHECK },
  );
}

export async function timePanePath(files: string[], rootPem: string): Promise<PaneTiming> {
  let inWorkers = false;
  const pane = await startPaneBrowser((path) => {
    if (path.endsWith('council-worker.js')) inWorkers = true;
  });
  try {
    const page = await pane.open({ width: 350, height: 900 });
    await page.getByRole('tab', { name: 'Hội đồng' }).click();
    await page.getByTestId('trust-input').setInputFiles(rootPem);
    await page.getByTestId('trust-status').filter({ hasText: '1 chứng thư gốc được ghi nhớ' }).waitFor();
    await page.getByTestId('council-input').setInputFiles(files);
    await page.getByText(`${files.length} tệp bài nộp`).waitFor();
    await watch(page, files.length);
    await page.getByRole('button', { name: CHECK }).click();
    await page.getByTestId('council-ranking').waitFor({ timeout: 30 * 60_000 });
    const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
    if (marks.start === undefined || marks.checked === undefined || marks.ranked === undefined)
      throw new Error(`the pane's run was not seen through: ${JSON.stringify(marks)}`);
    return {
      ...(marks.read === undefined ? {} : { readMs: marks.read - marks.start }),
      checkedMs: marks.checked - marks.start,
      rankedMs: marks.ranked - marks.start,
      ranked: await page.getByTestId('ranked-row').count(),
      unranked: await page.getByTestId('unranked-row').count(),
      cores: await page.evaluate(() => navigator.hardwareConcurrency),
      inWorkers,
    };
  } finally {
    await pane.close();
  }
}

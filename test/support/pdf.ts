/** Reading a printed PDF back (poppler-utils): its pages' size and text, and the size of every piece of text. */
import { execFileSync } from 'child_process';
import { inflateSync } from 'zlib';

/** Page size (points) and page count, from pdfinfo. */
export function pdfPages(file: string): { width: number; height: number; pages: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { width: Number(w), height: Number(h), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

/** One page's text (pdftotext, reading order). */
export const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });

/**
 * Every `Tf` size in the PDF's content streams; fails if any text is scaled by a matrix.
 * LibreOffice writes every piece of text with the size it is drawn at in its `Tf` operator and
 * positions it with `Td` only (no scaling `Tm`/`cm` of text, checked here too), so the smallest
 * `Tf` is the smallest text on the page.
 */
export function textSizes(pdf: Buffer): number[] {
  const raw = pdf.toString('latin1');
  const sizes: number[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // a font or an image, not page content
    }
    for (const tm of content.matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) [-\d.]+ [-\d.]+ (Tm|cm)/g))
      if (/\bTf\b/.test(content)) expect([tm[5], Number(tm[1]), Number(tm[4])]).toEqual([tm[5], 1, 1]);
    for (const tf of content.matchAll(/\/\S+ ([\d.]+) Tf/g)) sizes.push(Number(tf[1]));
  }
  return sizes;
}

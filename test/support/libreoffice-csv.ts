/**
 * Many workbooks converted to CSV by one LibreOffice process (a start costs seconds), for the
 * differential reader test: every sheet of each file as NAME-SHEET.csv, UTF-8, cell contents as
 * stored rather than as formatted (token 9 "false"), formulas not recalculated on load — what
 * LibreOffice reads from the file. (test/support/libreoffice.ts converts one file at a time.)
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseCsv, profile as loProfile } from './libreoffice';

/** Each file's sheets as rows of CSV cells: file name → sheet name → rows. */
export function libreOfficeCells(files: Record<string, Uint8Array>): Map<string, Map<string, string[][]>> {
  const input = mkdtempSync(join(tmpdir(), 'lo-in-'));
  const out = mkdtempSync(join(tmpdir(), 'lo-out-'));
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(input, `${name}.xlsx`);
    writeFileSync(path, bytes);
    return path;
  });
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${loProfile(false)}`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      out,
      ...paths,
    ],
    { stdio: 'pipe', timeout: 600000 },
  );
  const result = new Map<string, Map<string, string[][]>>();
  const made = readdirSync(out);
  for (const name of Object.keys(files)) {
    const sheets = new Map<string, string[][]>();
    for (const f of made.filter((x) => x.startsWith(`${name}-`) && x.endsWith('.csv')))
      sheets.set(f.slice(name.length + 1, -4), parseCsv(readFileSync(join(out, f), 'utf8')));
    result.set(name, sheets);
  }
  return result;
}

/** LibreOffice headless (Debian's libreoffice-calc-nogui, installed by .ci/run) for checking generated files. */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A private LibreOffice profile; with `recalc`, every formula of an .xlsx is recalculated on load
 * (Calc › Formula › "Recalculation on file load: Always") instead of showing the stored results.
 */
export function profile(recalc: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${recalc ? 0 : 1}</value></prop></item>
</oor:items>`,
  );
  return `file://${dir}`;
}

/** Converts a file; returns the output directory. */
export function convert(file: string, format: 'pdf' | 'csv-all', options: { recalc?: boolean } = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'lo-out-'));
  const filter =
    format === 'pdf' ? 'pdf' : 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${profile(options.recalc ?? false)}`,
      '--convert-to',
      filter,
      '--outdir',
      out,
      file,
    ],
    {
      stdio: 'pipe',
      timeout: 120000,
    },
  );
  return out;
}

/** Rows of one sheet's CSV export (all sheets are exported as NAME-SHEET.csv). */
export function sheetCsv(outDir: string, sheet: string): string[][] {
  const file = readdirSync(outDir).find((f) => f.endsWith(`-${sheet}.csv`));
  if (!file) throw new Error(`no CSV for sheet ${sheet} in ${readdirSync(outDir).join(', ')}`);
  return parseCsv(readFileSync(join(outDir, file), 'utf8'));
}

/** RFC 4180 CSV, as LibreOffice writes it: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''));
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}

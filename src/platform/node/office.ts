/**
 * LibreOffice headless, for `dti report --out FILE.pdf`: an .xlsx converted to PDF in a private,
 * throw-away profile (a running LibreOffice or the user's own settings never interfere), the
 * stored results shown as they are (no recalculation on load: LibreOffice cannot compute the
 * add-in's functions, and the report holds values anyway).
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';

/** The program run: `soffice` from the PATH unless DTI_SOFFICE names another. */
const sofficeCommand = () => process.env.DTI_SOFFICE || 'soffice';

export type PdfResult =
  | { ok: true; pdf: Uint8Array }
  | { ok: false; reason: 'not-installed' }
  | { ok: false; reason: 'failed'; detail: string };

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>
</oor:items>`;

/** The PDF LibreOffice prints from an .xlsx file's bytes (two minutes at most). */
export function xlsxToPdf(xlsx: Uint8Array, timeoutMs = 120_000): PdfResult {
  const dir = mkdtempSync(join(tmpdir(), 'dti-report-'));
  try {
    mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(join(dir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE);
    const input = join(dir, 'bao-cao.xlsx');
    writeFileSync(input, xlsx);
    const run = spawnSync(
      sofficeCommand(),
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { stdio: 'pipe', timeout: timeoutMs },
    );
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
      return { ok: false, reason: 'not-installed' };
    try {
      return { ok: true, pdf: new Uint8Array(readFileSync(join(dir, 'bao-cao.pdf'))) };
    } catch {
      const detail = run.error?.message ?? (String(run.stderr ?? '').trim() || `exit ${run.status}`);
      return { ok: false, reason: 'failed', detail };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

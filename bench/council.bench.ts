/**
 * The council's throughput: signed submissions verified and re-scored per second (`dti rank`'s
 * pipeline: worker threads, each file verified then scored from its inputs), against LibreOffice
 * headless recalculating the same files, in one run. Targets: ≥ 200 workbooks/s on this 2-core
 * machine and ≥ 20× LibreOffice. Also a batch of 20 of them with 5 hostile files among them (a
 * FIFO, a link to /dev/zero, a sheet nested 4,000 deep, a zip bomb, two cells at one address —
 * from test/fixtures/hostile) against the 20 alone: target ≤ 2×. Prints; asserts nothing.
 *
 * Then the pane's path on the same files in headless Chromium (./council-pane.ts): the council
 * tab's own pool, Web Workers and WebCrypto, the files picked through its file input; target ≥ 50 %
 * of the CLI's workbooks per second. The web bundle (test-output/web) is built first, as the tests
 * build it (test/support/global-setup.js); DTI_WEB_REUSE=1 keeps one already built. Without
 * Chromium (/usr/bin/chromium) that part is skipped.
 * Run: npm run bench:council  (N=200 npm run bench:council for a quicker run)
 */
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { assessFiles } from '../src/cli/batch/pool';
import { CHROMIUM } from '../test/support/system';
import { timePanePath } from './council-pane';
const buildWeb: () => Promise<void> = require('../test/support/global-setup.js');
import { makeTestPki, signXlsx } from '../test/support/sign-opc';
import { sealedSubmission } from '../test/support/submissions';

const N = Number(process.env.N ?? 1000);
const LO_SAMPLE = Math.min(N, Number(process.env.LO_SAMPLE ?? 40));

async function main(): Promise<void> {
  const dir = join(__dirname, '..', 'test-output', `bench-submissions-${N}`);
  const pkiDir = join(dir, 'pki');
  let generated = existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('.xlsx')).length === N;
  if (!generated) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pki = await makeTestPki(pkiDir);
    const key = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    const t0 = Date.now();
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    for (let i = 0; i < N; i++) {
      const bytes = await signXlsx(await sealedSubmission(i + 1, `Xã số ${i + 1}`), key, signedAt);
      writeFileSync(join(dir, `xa-${String(i + 1).padStart(4, '0')}.xlsx`), bytes);
    }
    console.log(
      `generated ${N} signed, sealed submissions (hue-2263-2023, 79 criteria) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    generated = true;
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join(dir, f));
  const root = new Uint8Array(require('fs').readFileSync(join(pkiDir, 'root.pem')));

  const t0 = process.hrtime.bigint();
  const results = await assessFiles(files, { trustAnchors: [root], expect: { rubric: 'hue-2263-2023', unit: 'xa' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const valid = results.filter((r) => r.status === 'valid' && r.seal === 'valid' && r.assessment).length;
  const rate = N / seconds;
  console.log(
    `dti (verify + re-score, ${cpus().length} workers on ${cpus().length} cores): ${N} workbooks in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} workbooks/s (${valid}/${N} valid, sealed and scored) — target ≥ 200/s`,
  );

  await panePath(files, join(pkiDir, 'root.pem'), rate);

  await hostileBatch(files.slice(0, 20), root);

  // LibreOffice headless recalculating a sample of the same files (always recalculate on load).
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('LibreOffice (soffice) not installed: no comparison');
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'lo-bench-'));
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(
    join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  const out = mkdtempSync(join(tmpdir(), 'lo-bench-out-'));
  const sample = files.slice(0, LO_SAMPLE);
  const lo = (fs: string[]) =>
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        'xlsx',
        '--outdir',
        out,
        ...fs,
      ],
      { stdio: 'ignore', timeout: 600000 },
    );
  lo(sample.slice(0, 1)); // first start creates the profile; not counted
  const l0 = process.hrtime.bigint();
  lo(sample);
  const loSeconds = Number(process.hrtime.bigint() - l0) / 1e9;
  const loRate = sample.length / loSeconds;
  console.log(
    `LibreOffice headless (recalculate on load, one process for ${sample.length} files): ${loSeconds.toFixed(2)} s = ${loRate.toFixed(1)} workbooks/s`,
  );
  console.log(`ratio: ${(rate / loRate).toFixed(1)}× LibreOffice — target ≥ 20×`);
}

/** The same files through the pane's council tab in Chromium, beside the CLI's rate. */
async function panePath(files: string[], rootPem: string, cliRate: number): Promise<void> {
  if (!CHROMIUM.available()) return console.log('Chromium not installed: the pane path is not measured');
  await buildWeb();
  const pane = await timePanePath(files, rootPem);
  const rate = files.length / (pane.checkedMs / 1000);
  console.log(
    `pane (council tab in headless Chromium, ${pane.inWorkers ? 'Web Workers' : 'NO workers: in the page'}, navigator.hardwareConcurrency ${pane.cores}): ${files.length} workbooks in ${(pane.checkedMs / 1000).toFixed(2)} s from the click (bytes read in ${((pane.readMs ?? NaN) / 1000).toFixed(2)} s) = ${rate.toFixed(1)} workbooks/s (${pane.ranked}/${files.length} ranked, ${pane.unranked} not); ranking shown at ${(pane.rankedMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `pane / dti: ${rate.toFixed(1)} / ${cliRate.toFixed(1)} workbooks/s = ${((100 * rate) / cliRate).toFixed(0)} % — target ≥ 50 %`,
  );
}

/** 20 good files alone, then with 5 hostile ones among them; the best of three runs of each. */
async function hostileBatch(good: string[], root: Uint8Array): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dti-hostile-bench-'));
  const corpus = join(__dirname, '..', 'test', 'fixtures', 'hostile');
  spawnSync('mkfifo', [join(dir, 'fifo.xlsx')]);
  symlinkSync('/dev/zero', join(dir, 'zero.xlsx'));
  for (const f of ['deep-sheet.xlsx', 'zip-bomb.xlsx', 'duplicate-cell.xlsx'])
    copyFileSync(join(corpus, f), join(dir, f));
  const hostile = ['fifo.xlsx', 'zero.xlsx', 'deep-sheet.xlsx', 'zip-bomb.xlsx', 'duplicate-cell.xlsx'].map((f) =>
    join(dir, f),
  );
  const mixed = good.flatMap((f, i) => (i % 4 === 0 && hostile[i / 4] ? [f, hostile[i / 4]] : [f]));
  const options = { trustAnchors: [root], expect: { rubric: 'hue-2263-2023', unit: 'xa' } };
  const time = async (list: string[]) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = process.hrtime.bigint();
      const results = await assessFiles(list, options);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
      if (list === mixed && results.filter((r) => r.status === 'malformed').length < hostile.length)
        throw new Error('a hostile file was not reported malformed');
    }
    return best;
  };
  const alone = await time(good);
  const withHostile = await time(mixed);
  console.log(
    `hostile batch: ${good.length} good files ${alone.toFixed(0)} ms; with ${hostile.length} hostile among them (FIFO, /dev/zero, 4,000-deep sheet, zip bomb, duplicate cell) ${withHostile.toFixed(0)} ms = ${(withHostile / alone).toFixed(2)}× — target ≤ 2×`,
  );
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

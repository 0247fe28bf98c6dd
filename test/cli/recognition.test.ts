/**
 * Kon Tum's recognition of the registered level (121/QĐ-UBND, II.3) through the council's workbook
 * and `dti rank --appraisal`: the council holds the registrations, types them in "Mức đăng ký", and
 * "Công nhận" follows the appraised level live; the CLI says recognised / not recognised, and so
 * does LibreOffice's recalculation after the council edits an appraised level.
 *
 * By hand from Phụ lục 01: every criterion at its top value reaches level 5; I.1 (share of
 * procedures online: 50/60/70/100/100%) at 55% holds the commune at level 1; I.4 (periodic
 * reporting on the system, "Có" from level 3) at Không holds it at level 2.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import {
  APPRAISAL_COLUMNS as COL,
  APPRAISAL_SHEET,
  RANKING_SHEET,
  REGISTRATION_COLUMNS as REG,
} from '../../src/council';
import { criteriaFor } from '../../src/engine';
import { getRubric } from '../../src/rubrics';
import { dti } from '../support/dti';
import { convert, sheetCsv } from '../support/libreoffice';
import { makeTestPki, signXlsx, type TestPki } from '../support/sign-opc';
import { sealedTemplate } from '../support/submissions';
import { LIBREOFFICE } from '../support/system';

const kontum = getRubric('kontum-121-2025');
const top = () =>
  Object.fromEntries(
    criteriaFor(kontum, 'xa').map((c) => {
      const m = (c.rule as { measure: string }).measure;
      return [c.id, m === 'ratio' ? 1 : m === 'yes' ? true : m === 'count' ? 5 : { numerator: 5, denominator: 5 }];
    }),
  );

interface RankRow {
  rank: number | null;
  unitName: string;
  level: { number: number } | null;
  registered: number | null;
  recognised: boolean | null;
  reason: string | null;
}

/** The council's workbook with cells of "Xếp hạng" (by unit) and of "Thẩm định" (by unit and criterion) changed. */
async function edit(
  bytes: Uint8Array,
  registered: Record<string, unknown>,
  appraised: [unit: string, criterion: string, level: number][] = [],
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ranking = wb.getWorksheet(RANKING_SHEET)!;
  ranking.eachRow((row, r) => {
    const unit = String(row.getCell('B').value);
    if (r > 3 && unit in registered) ranking.getCell(`${REG.registered}${r}`).value = registered[unit] as number;
  });
  const sheet = wb.getWorksheet(APPRAISAL_SHEET)!;
  for (const [unit, id, level] of appraised)
    sheet.eachRow((row, r) => {
      if (row.getCell(COL.unit).value === unit && row.getCell(COL.criterion).value === id)
        sheet.getCell(`${COL.appraised}${r}`).value = level;
    });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('Kon Tum: the registered level recognised or not, in the council workbook and dti rank', () => {
  let pki: TestPki;
  let dir: string;
  let out: string;
  let council: Uint8Array;
  const options = () => ['--rubric', 'kontum-121-2025', '--unit', 'xa', '--trust', join(pki.dir, 'root.pem')];
  const rank = async (workbook: Uint8Array, json = true) =>
    dti(
      [
        'rank',
        dir,
        ...options(),
        '--appraisal',
        '/v/td.xlsx',
        '--out',
        join(out, 'xh.xlsx'),
        ...(json ? ['--json'] : []),
      ],
      { '/v/td.xlsx': workbook },
    );
  const rows = async (workbook: Uint8Array) => JSON.parse((await rank(workbook)).stdout) as RankRow[];
  const summary = (rs: RankRow[]) =>
    rs.map((x) => [x.unitName, x.level?.number ?? null, x.registered, x.recognised]).sort();
  // Registered by 20/01: Đăk Hà level 2, Ngọk Réo level 4, Đăk Tô level 3.
  const registrations = { 'Xã Đăk Hà': 2, 'Xã Ngọk Réo': 4, 'Xã Đăk Tô': 3 };

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'dti-pki-')));
    dir = mkdtempSync(join(tmpdir(), 'dti-kontum-'));
    out = mkdtempSync(join(tmpdir(), 'dti-kontum-out-'));
    const signer = { privateKeyPem: pki.signerKeyPem, certificatePem: pki.signerPem };
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 60000);
    // Ngọk Réo's template records its registered level (4); the others' leave it blank.
    const put = async (file: string, unit: string, changed: Record<string, unknown>, registered?: number) =>
      writeFileSync(
        join(dir, file),
        await signXlsx(await sealedTemplate(kontum, 'xa', unit, { ...top(), ...changed }, registered), signer, at),
      );
    await put('a.xlsx', 'Xã Đăk Hà', { 'I.1': 0.55 });
    await put('b.xlsx', 'Xã Ngọk Réo', {}, 4);
    await put('c.xlsx', 'Xã Đăk Tô', { 'I.4': false });
    const r = await dti(['appraise', dir, ...options(), '--out', join(out, 'td.xlsx')]);
    expect(r.stderr).toBe('');
    council = r.written[join(out, 'td.xlsx')];
  }, 120000);

  test('the workbook (read back with ExcelJS): "Mức đăng ký" an unlocked input validated 1..5, "Công nhận" a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(council as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(RANKING_SHEET)!;
    expect([ws.getCell('H3').value, ws.getCell('J3').value]).toEqual(['Mức tự đánh giá', 'Mức thẩm định']);
    expect([ws.getCell(`${REG.registered}3`).value, ws.getCell(`${REG.recognised}3`).value]).toEqual([
      'Mức đăng ký',
      'Công nhận mức đăng ký',
    ]);
    for (const r of [4, 5, 6]) {
      const input = ws.getCell(`${REG.registered}${r}`);
      expect(input.protection?.locked).toBe(false);
      expect(input.dataValidation).toMatchObject({ type: 'whole', formulae: [1, 5] });
      const recognised = ws.getCell(`${REG.recognised}${r}`).value as ExcelJS.CellFormulaValue;
      expect(recognised.formula).toBe(`IF(N(O${r})=0,"Chưa đăng ký",IF(J${r}>=O${r},"Công nhận","Không công nhận"))`);
    }
    // Prefilled from the templates: Ngọk Réo registered 4 (level 5: recognised); the others nothing yet.
    const byUnit = new Map<string, [unknown, unknown]>();
    for (const r of [4, 5, 6])
      byUnit.set(String(ws.getCell(`B${r}`).value), [
        ws.getCell(`${REG.registered}${r}`).value,
        (ws.getCell(`${REG.recognised}${r}`).value as ExcelJS.CellFormulaValue).result,
      ]);
    expect(Object.fromEntries(byUnit)).toEqual({
      'Xã Ngọk Réo': [4, 'Công nhận'],
      'Xã Đăk Hà': [null, 'Chưa đăng ký'],
      'Xã Đăk Tô': [null, 'Chưa đăng ký'],
    });
  });

  test('dti rank without the council’s workbook: the registration the template records, against the re-scored level', async () => {
    const r = await dti(['rank', dir, ...options(), '--out', join(out, 'plain.xlsx'), '--json']);
    expect(r.stderr).toBe('');
    expect(summary(JSON.parse(r.stdout) as RankRow[])).toEqual(
      [
        ['Xã Đăk Hà', 1, null, null],
        ['Xã Ngọk Réo', 5, 4, true],
        ['Xã Đăk Tô', 2, null, null],
      ].sort(),
    );
  }, 60000);

  test('registered 2, 4, 3 against levels 1, 5, 2: only Ngọk Réo recognised', async () => {
    const edited = await edit(council, registrations);
    expect(summary(await rows(edited))).toEqual(
      [
        ['Xã Đăk Hà', 1, 2, false],
        ['Xã Ngọk Réo', 5, 4, true],
        ['Xã Đăk Tô', 2, 3, false],
      ].sort(),
    );
    const text = (await rank(edited, false)).stdout;
    expect(text).toContain('Công nhận mức đăng ký (1/3):');
    expect(text).toContain('Xã Ngọk Réo: đăng ký mức 4, thẩm định mức 5 → Công nhận');
    expect(text).toContain('Xã Đăk Hà: đăng ký mức 2, thẩm định mức 1 → Không công nhận');
  }, 60000);

  test('the council raises Đăk Hà’s I.1 to 2 and cuts Ngọk Réo’s I.1 to 3: the recognitions swap', async () => {
    const edited = await edit(council, registrations, [
      ['Xã Đăk Hà', 'I.1', 2],
      ['Xã Ngọk Réo', 'I.1', 3],
    ]);
    expect(summary(await rows(edited))).toEqual(
      [
        ['Xã Đăk Hà', 2, 2, true],
        ['Xã Ngọk Réo', 3, 4, false],
        ['Xã Đăk Tô', 2, 3, false],
      ].sort(),
    );
  }, 60000);

  test('a registered level that is not a level: the unit is not ranked, the message says which and why', async () => {
    const r = (await rows(await edit(council, { ...registrations, 'Xã Đăk Tô': 6 }))).find(
      (x) => x.unitName === 'Xã Đăk Tô',
    )!;
    expect(r.rank).toBeNull();
    expect(r.reason).toContain('Xã Đăk Tô: mức đăng ký "6" không phải mức từ 1 đến 5');
  }, 60000);

  (LIBREOFFICE.available() ? test : test.skip)(
    'LibreOffice recalculates "Công nhận" after the edit to the CLI’s recognised / not recognised',
    async () => {
      const edited = await edit(council, registrations, [
        ['Xã Đăk Hà', 'I.1', 2],
        ['Xã Ngọk Réo', 'I.1', 3],
      ]);
      const cli = (await rows(edited)).map((x) => [
        x.unitName,
        x.level!.number,
        x.recognised ? 'Công nhận' : 'Không công nhận',
      ]);
      const file = join(out, 'edited.xlsx');
      writeFileSync(file, edited);
      const sheet = sheetCsv(convert(file, 'csv-all', { recalc: true }), RANKING_SHEET);
      const col = (h: string) => sheet[2].indexOf(h);
      const got = sheet
        .slice(3)
        .filter((r) => r[col('Hạng')] !== '')
        .map((r) => [r[col('Đơn vị')], Number(r[col('Mức thẩm định')]), r[col('Công nhận mức đăng ký')]]);
      expect(got.sort()).toEqual(cli.sort());
      expect(got.sort()).toEqual(
        [
          ['Xã Ngọk Réo', 3, 'Không công nhận'],
          ['Xã Đăk Hà', 2, 'Công nhận'],
          ['Xã Đăk Tô', 2, 'Không công nhận'],
        ].sort(),
      );
    },
    120000,
  );
});

/**
 * Offline checks of manifest.xml (the official validator needs the network), of the production
 * manifest `npm run manifest` writes, and of the generated functions.json metadata. Expectations
 * come from the manifest reference (AppDomain, Version, Requirements) and the requirement-set tables.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { FUNCTION_SETS } from '../../src/excel';

const root = join(__dirname, '..', '..');
const xml = readFileSync(join(root, 'manifest.xml'), 'utf8');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['Set', 'Url', 'String', 'Image', 'Runtime', 'ExtensionPoint', 'Host', 'Override'].includes(name),
});
const app = parser.parse(xml).OfficeApp;
const overrides = app.VersionOverrides;
const resources = overrides.Resources;
const urls: Record<string, string> = Object.fromEntries(
  resources.Urls.Url.map((u: Record<string, string>) => [u['@id'], u['@DefaultValue']]),
);
const shortStrings: Record<string, string> = Object.fromEntries(
  resources.ShortStrings.String.map((s: Record<string, string>) => [s['@id'], s['@DefaultValue']]),
);
const longStrings: Record<string, string> = Object.fromEntries(
  resources.LongStrings.String.map((s: Record<string, string>) => [s['@id'], s['@DefaultValue']]),
);
const images: Record<string, string> = Object.fromEntries(
  resources.Images.Image.map((s: Record<string, string>) => [s['@id'], s['@DefaultValue']]),
);
const workbook = overrides.Hosts.Host.find((h: Record<string, string>) => h['@type'] === 'Workbook');

describe('manifest.xml', () => {
  test('is a task pane add-in for Excel with a GUID id and a four-part version', () => {
    expect(app['@type']).toBe('TaskPaneApp');
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(String(app.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.Hosts.Host.map((h: Record<string, string>) => h['@Name'])).toEqual(['Workbook']);
    expect(app.DefaultLocale).toBe('vi-VN');
    expect(app.DisplayName['@DefaultValue'].length).toBeLessThanOrEqual(125);
    expect(app.Description['@DefaultValue'].length).toBeLessThanOrEqual(250);
  });

  test('the base manifest asks only for ExcelApi 1.1, so the pane opens (and explains) in every Excel with the API', () => {
    const sets = app.Requirements.Sets.Set.map((s: Record<string, string>) => [s['@Name'], s['@MinVersion']]);
    expect(sets).toEqual([['ExcelApi', '1.1']]);
  });

  test('the functions and the ribbon button (VersionOverrides) ask for what the functions need, nothing else', () => {
    const sets = overrides.Requirements.Sets.Set.map((s: Record<string, string>) => [s['@Name'], s['@MinVersion']]);
    expect(sets).toEqual(FUNCTION_SETS.map((s) => [s.name, s.version]));
    expect(sets).toEqual([
      ['SharedRuntime', '1.1'],
      ['CustomFunctionsRuntime', '1.2'],
    ]);
    // Element order inside VersionOverrides: Description, Requirements, Hosts, Resources.
    expect(xml.indexOf('<Requirements>', xml.indexOf('<VersionOverrides'))).toBeLessThan(
      xml.indexOf('<Hosts>', xml.indexOf('<VersionOverrides')),
    );
  });

  test('every AppDomain is an origin: protocol, host, port, no path, no closing slash', () => {
    for (const d of [app.AppDomains.AppDomain].flat()) expect(d).toMatch(/^https:\/\/[^/\s]+$/);
  });

  test('one long-lived runtime whose page is the task pane and the functions page', () => {
    const runtimes = workbook.Runtimes.Runtime;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]['@lifetime']).toBe('long');
    const page = runtimes[0]['@resid'];
    expect(page.length).toBeLessThanOrEqual(32);
    const cf = workbook.AllFormFactors.ExtensionPoint.find(
      (e: Record<string, string>) => e['@type'] === 'CustomFunctions',
    );
    expect(cf.Page.SourceLocation['@resid']).toBe(page);
    const button = workbook.DesktopFormFactor.ExtensionPoint[0].OfficeTab.Group.Control;
    expect(button.Action.SourceLocation['@resid']).toBe(page);
    expect(urls[page]).toBe(app.DefaultSettings.SourceLocation['@DefaultValue']);
  });

  test('custom functions: namespace CDS, script functions.js, metadata functions.json', () => {
    const cf = workbook.AllFormFactors.ExtensionPoint.find(
      (e: Record<string, string>) => e['@type'] === 'CustomFunctions',
    );
    expect(shortStrings[cf.Namespace['@resid']]).toBe('CDS');
    expect(urls[cf.Script.SourceLocation['@resid']]).toMatch(/\/functions\.js$/);
    expect(urls[cf.Metadata.SourceLocation['@resid']]).toMatch(/\/functions\.json$/);
  });

  test('every resid points at a resource, every URL is https, every icon file exists', () => {
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of resids) expect(id in urls || id in shortStrings || id in longStrings || id in images).toBe(true);
    for (const u of [
      ...Object.values(urls),
      ...Object.values(images),
      app.IconUrl['@DefaultValue'],
      app.HighResolutionIconUrl['@DefaultValue'],
    ]) {
      expect(u).toMatch(/^https:\/\//);
    }
    for (const icon of [
      ...Object.values(images),
      app.IconUrl['@DefaultValue'],
      app.HighResolutionIconUrl['@DefaultValue'],
    ])
      expect(existsSync(join(root, 'assets', icon.split('/').pop()!))).toBe(true);
  });
});

describe('npm run manifest (a release for a production host)', () => {
  const web = join(__dirname, '..', '..', 'test-output', 'web');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'manifest.js'), ...args], { encoding: 'utf8' });
  const parse = (file: string) => parser.parse(readFileSync(file, 'utf8')).OfficeApp;
  let out: string;
  beforeEach(() => (out = mkdtempSync(join(tmpdir(), 'dti-release-'))));
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  test('writes the AppDomain as the origin only, every URL under a folder of its own, the files in it', () => {
    const r = run('https://dti.example.gov.vn/addin/', '--web', web, '--out', out);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const m = parse(join(out, 'manifest.xml'));
    const version = String(m.Version);
    expect(version).toBe(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}.1`);
    expect(m.AppDomains.AppDomain).toBe('https://dti.example.gov.vn');
    expect(m.DefaultSettings.SourceLocation['@DefaultValue']).toBe(
      `https://dti.example.gov.vn/addin/${version}/taskpane.html`,
    );
    const text = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(text).not.toContain('localhost');
    for (const u of [...text.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((x) => x[1]))
      expect(u.startsWith(`https://dti.example.gov.vn/addin/${version}/`)).toBe(true);
    for (const f of ['taskpane.html', 'taskpane.js', 'functions.js', 'functions.json', 'assets/icon-32.png'])
      expect([f, existsSync(join(out, version, f))]).toEqual([f, true]);
    expect(readFileSync(join(out, 'web.config'), 'utf8')).toBe(
      readFileSync(join(root, 'deploy', 'web.config'), 'utf8'),
    );
  });

  test('raises <Version> at every release, from the last one written or the deployed one given', () => {
    for (let i = 0; i < 2; i++) expect(run('https://a.example/x', '--web', web, '--out', out).status).toBe(0);
    expect(String(parse(join(out, 'manifest.xml')).Version)).toMatch(/\.2$/);
    const deployed = join(out, 'deployed.xml');
    writeFileSync(
      deployed,
      readFileSync(join(root, 'manifest.xml'), 'utf8').replace(/<Version>[^<]+/, '<Version>0.1.0.41'),
    );
    const again = mkdtempSync(join(tmpdir(), 'dti-release-'));
    try {
      expect(run('https://a.example/x', '--web', web, '--out', again, '--previous', deployed).status).toBe(0);
      expect(String(parse(join(again, 'manifest.xml')).Version)).toBe('0.1.0.42');
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    // A deployed version above package.json's cannot be followed: raise package.json first.
    writeFileSync(deployed, readFileSync(deployed, 'utf8').replace(/<Version>[^<]+/, '<Version>9.0.0.1'));
    const refused = run('https://a.example/x', '--web', web, '--out', out, '--previous', deployed);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/không lớn hơn bản đã phát hành 9\.0\.0\.1/);
  });

  test('refuses an address that is not HTTPS, and a missing build', () => {
    expect(run('http://dti.example.gov.vn/addin', '--web', web, '--out', out).status).toBe(2);
    expect(run('https://dti.example.gov.vn/addin?x=1', '--web', web, '--out', out).status).toBe(2);
    const missing = run('https://dti.example.gov.vn/addin', '--web', join(out, 'none'), '--out', out);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringMatching(/npm run build/)]);
  });

  test('npm run build never overwrites a production manifest: the web build copies no manifest, the release lives apart', () => {
    const config = readFileSync(join(root, 'webpack.config.js'), 'utf8');
    expect(config).not.toMatch(/from: 'manifest\.xml'/);
    expect(existsSync(join(web, 'manifest.xml'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toMatch(/rmSync\('dist\/web'/); // only dist/web is wiped; releases are in dist/release
    expect(readFileSync(join(root, 'scripts', 'manifest.js'), 'utf8')).toMatch(/'dist', 'release'/);
  });
});

describe('functions.json generated from the JSDoc', () => {
  const metadata = JSON.parse(readFileSync(join(root, 'test-output', 'web', 'functions.json'), 'utf8'));
  const byId = Object.fromEntries(metadata.functions.map((f: { id: string }) => [f.id, f]));
  const params = (id: string) =>
    byId[id].parameters.map((p: Record<string, unknown>) => [
      p.name,
      p.type,
      p.dimensionality ?? 'scalar',
      p.optional ?? false,
    ]);

  test('ids and names', () => {
    expect(Object.keys(byId).sort()).toEqual([
      'DTI_CHECK',
      'DTI_LEVEL',
      'DTI_LEVEL_NAME',
      'DTI_MAX',
      'DTI_SCORE',
      'DTI_SHORTFALL',
    ]);
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  const optionalValues = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => [`value${from + i}`, 'any', 'scalar', true]);

  test('DTI_SCORE(rubric, unit, criterionId, value, [value2..value8]): the slots, then the unit name, year, general items → number', () => {
    expect(params('DTI_SCORE')).toEqual([
      ['rubric', 'string', 'scalar', false],
      ['unit', 'string', 'scalar', false],
      ['criterionId', 'string', 'scalar', false],
      ['value', 'any', 'scalar', false],
      ...optionalValues(2, 8),
    ]);
    expect(byId.DTI_SCORE.result.type).toBe('number');
    // DTI_MAX reads the same arguments; a criterion's maximum may depend on them (the unit's list).
    expect(params('DTI_MAX').slice(3)).toEqual([['value', 'any', 'scalar', true], ...optionalValues(2, 8)]);
  });

  test('DTI_LEVEL takes one criterion and its cells, or two ranges (ids and values) → number', () => {
    expect(params('DTI_LEVEL')).toEqual([
      ['rubric', 'string', 'scalar', false],
      ['unit', 'string', 'scalar', false],
      ['criterionIds', 'any', 'matrix', false],
      ['values', 'any', 'matrix', false],
      ...optionalValues(2, 4),
    ]);
    expect(byId.DTI_LEVEL.result.type).toBe('number');
  });

  test('descriptions and parameter help are in Vietnamese', () => {
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
    for (const f of metadata.functions) {
      expect(f.description).toMatch(vietnamese);
      for (const p of f.parameters) expect(p.description).toMatch(vietnamese);
    }
  });
});

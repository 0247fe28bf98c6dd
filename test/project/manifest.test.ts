/**
 * Offline checks of manifest.xml (the official validator needs the network) and of the generated
 * functions.json metadata.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';

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

  test('requires SharedRuntime 1.1', () => {
    const sets = app.Requirements.Sets.Set.map((s: Record<string, string>) => [s['@Name'], s['@MinVersion']]);
    expect(sets).toContainEqual(['SharedRuntime', '1.1']);
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

  test('DTI_SCORE(rubric, unit, criterionId, value, [value2..value5]) → number', () => {
    expect(params('DTI_SCORE')).toEqual([
      ['rubric', 'string', 'scalar', false],
      ['unit', 'string', 'scalar', false],
      ['criterionId', 'string', 'scalar', false],
      ['value', 'any', 'scalar', false],
      ['value2', 'any', 'scalar', true],
      ['value3', 'any', 'scalar', true],
      ['value4', 'any', 'scalar', true],
      ['value5', 'any', 'scalar', true],
    ]);
    expect(byId.DTI_SCORE.result.type).toBe('number');
  });

  test('DTI_LEVEL takes two ranges (matrices) → number', () => {
    expect(params('DTI_LEVEL')).toEqual([
      ['rubric', 'string', 'scalar', false],
      ['unit', 'string', 'scalar', false],
      ['criterionIds', 'any', 'matrix', false],
      ['values', 'any', 'matrix', false],
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

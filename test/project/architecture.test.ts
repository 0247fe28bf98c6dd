/**
 * The layering is checkable: every import in src/ is read, and the test fails on an edge against
 * the layer map (a lower layer importing a higher one), on a deep import into another folder (a
 * folder is entered through its index.ts), and on a Node built-in in the browser-safe layers.
 *
 *   base ← rubrics ← engine ← functions, template ← workbook, xlsx, excel ← council, cli, taskpane
 *   base ← platform ← signature ← council, cli, taskpane
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { builtinModules } from 'module';
import { dirname, join, relative, resolve } from 'path';

const SRC = resolve(__dirname, '..', '..', 'src');

/** Which folders each folder may import from (besides itself). */
const LAYERS: Record<string, string[]> = {
  base: [],
  platform: ['base'],
  rubrics: ['base'],
  engine: ['base', 'rubrics'],
  functions: ['base', 'rubrics', 'engine'],
  template: ['base', 'rubrics', 'engine', 'platform'],
  workbook: ['base', 'template'],
  xlsx: ['base', 'template', 'functions', 'workbook'],
  excel: ['base', 'rubrics', 'engine', 'template'],
  signature: ['base', 'platform'],
  council: ['base', 'rubrics', 'engine', 'template', 'workbook', 'signature', 'platform'],
  cli: ['base', 'rubrics', 'engine', 'functions', 'template', 'workbook', 'xlsx', 'signature', 'platform', 'council'],
  taskpane: [
    'base',
    'rubrics',
    'engine',
    'functions',
    'template',
    'workbook',
    'xlsx',
    'excel',
    'signature',
    'platform',
    'council',
  ],
};

/** Folders whose code runs in the task pane and the council's workers alike: no Node built-ins. */
const BROWSER_SAFE = [
  'base',
  'platform',
  'rubrics',
  'engine',
  'functions',
  'template',
  'workbook',
  'signature',
  'council',
  'excel',
];
/** Inside a browser-safe folder, the one place Node primitives are lent to the core (see platform/host.ts). */
const NODE_ALLOWED = [join('platform', 'node')];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  from: string;
  specifier: string;
  /** The file or folder it resolves to, relative to src/. */
  to?: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g;

function edges(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (!specifier.startsWith('.')) return { from, specifier };
    const target = resolve(dirname(file), specifier);
    return { from, specifier, to: relative(SRC, target) };
  });
}

const top = (path: string) => path.split(/[\\/]/)[0];
/** The package's own manifest (the CLI's version) is the one file outside src/ that src/ reads. */
const PACKAGE_JSON = join('..', 'package.json');
const all = sources(SRC).flatMap(edges);
const inside = all.filter((e) => e.to !== PACKAGE_JSON);

describe('the layers', () => {
  test('every folder of src/ has its place in the layer map', () => {
    const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });

  test('imports only point down the layer map', () => {
    const against = inside
      .filter((e) => e.to !== undefined && top(e.to) !== top(e.from) && !LAYERS[top(e.from)].includes(top(e.to)))
      .map((e) => `${e.from} → ${e.specifier}`);
    expect(against).toEqual([]);
  });

  test('another folder is entered through its index.ts', () => {
    const deep = inside
      .filter((e) => e.to !== undefined && top(e.to) !== top(e.from))
      .filter((e) => !existsSync(join(SRC, e.to!, 'index.ts')))
      .map((e) => `${e.from} → ${e.specifier}`);
    expect(deep).toEqual([]);
  });

  test('the browser-safe layers import no Node built-in', () => {
    const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const offenders = all
      .filter((e) => BROWSER_SAFE.includes(top(e.from)) && !NODE_ALLOWED.some((p) => e.from.startsWith(p)))
      .filter((e) => node.has(e.specifier.split('/')[0]) || node.has(e.specifier))
      .map((e) => `${e.from} → ${e.specifier}`);
    expect(offenders).toEqual([]);
  });

  test('nothing in src/ reaches outside it but the package manifest', () => {
    expect(
      all.filter((e) => e.to?.startsWith('..') && e.to !== PACKAGE_JSON).map((e) => `${e.from} → ${e.specifier}`),
    ).toEqual([]);
  });

  test('the check reads the imports it judges (a known edge of each kind is seen)', () => {
    expect(all).toContainEqual(expect.objectContaining({ from: join('engine', 'assess.ts'), to: 'base' }));
    expect(all.some((e) => e.from.startsWith('cli') && e.specifier === './template')).toBe(true); // a dynamic import()
    expect(all).toContainEqual(
      expect.objectContaining({ from: join('platform', 'node', 'index.ts'), specifier: 'zlib' }),
    );
  });
});

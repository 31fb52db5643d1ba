/**
 * The layout of src/ is the map of the code: each folder is one layer, and imports only point
 * down (README, "How the code is laid out"). This reads every import in src/ and fails on an
 * arrow that runs up or sideways, or on an import circle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

/** What each layer may import besides itself. The ways in are index.ts (public-api.ts), worker/, shim/, node/. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  contract: [],
  image: ['contract'],
  runtime: ['contract'],
  shape: ['contract'],
  pipeline: ['contract', 'image', 'runtime', 'shape'],
  analyzer: ['contract', 'image', 'runtime', 'shape', 'pipeline'],
  worker: ['contract', 'image', 'runtime', 'analyzer'],
  shim: ['contract', 'runtime', 'analyzer'],
  node: ['contract', 'image', 'runtime', 'analyzer', 'public-api.ts'],
  'public-api.ts': ['contract', 'image', 'analyzer', 'worker', 'shim'],
  'index.ts': ['runtime', 'public-api.ts'],
  demo: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!;

/** The files of ours that a file imports (type-only imports too: they are arrows of the map). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => {
    const path = resolve(dirname(file), s);
    return path.endsWith('.ts') || path.endsWith('.json') ? path : `${path}.ts`;
  });
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((i) => i.startsWith(SRC))]));

describe('src/ layout', () => {
  it('has a rule for every top-level folder and file', () => {
    expect([...new Set(files.map(layerOf))].filter((l) => !(l in MAY_IMPORT))).toEqual([]);
  });

  it('imports only point down', () => {
    const upward = files.flatMap((f) =>
      graph.get(f)!
        .filter((to) => layerOf(to) !== layerOf(f) && !MAY_IMPORT[layerOf(f)]!.includes(layerOf(to)))
        .map((to) => `${relative(SRC, f)} -> ${relative(SRC, to)}`),
    );
    expect(upward).toEqual([]);
  });

  it('every import names a file that exists', () => {
    const missing = files.flatMap((f) => graph.get(f)!.filter((to) => !files.includes(to)).map((to) => `${relative(SRC, f)} -> ${relative(SRC, to)}`));
    expect(missing).toEqual([]);
  });

  it("matches the README's layout table, folder for folder", () => {
    const readme = readFileSync(resolve(SRC, '../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How the code is laid out'));
    const named = new Set([...section.matchAll(/`src\/([\w-]+)\/`/g)].map((m) => m[1]!));
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    expect([...named].sort()).toEqual(folders.sort());
  });

  it('has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const to of graph.get(f) ?? []) visit(to, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});

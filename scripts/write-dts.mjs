// Makes dist/types (tsc's declarations) usable under every moduleResolution an app may use:
// node16 and nodenext want each relative import to name its .js file, so the specifiers get
// their extension here. Side-effect imports (backend registrations) go: they carry no types and
// would ask the app to resolve packages it need not have. dist/faceshape.d.ts is the entry.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const dist = process.env.FACESHAPE_DIST ?? 'dist';
const types = join(dist, 'types');

function declarations(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? declarations(path) : path.endsWith('.d.ts') ? [path] : [];
  });
}

function withExtension(file, spec) {
  const target = resolve(dirname(file), spec);
  if (existsSync(`${target}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${spec}/index.js`;
  throw new Error(`${file}: cannot resolve ${spec}`);
}

for (const file of declarations(types)) {
  const text = readFileSync(file, 'utf8')
    .replace(/^import '[^']+';\n/gm, '')
    .replace(/(from |import\()'(\.\.?\/[^']+)'/g, (_m, lead, spec) => `${lead}'${withExtension(file, spec)}'`);
  writeFileSync(file, text);
}
writeFileSync(join(dist, 'faceshape.d.ts'), "export * from './types/src/index.js';\n");

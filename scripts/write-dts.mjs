// dist/faceshape.d.ts: the module's types, next to it, as package.json's exports promise.
import { writeFileSync } from 'node:fs';
const dist = process.env.FACESHAPE_DIST ?? 'dist';
writeFileSync(new URL(`../${dist}/faceshape.d.ts`, import.meta.url), "export * from './types/src/index';\n");

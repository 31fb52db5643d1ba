/**
 * The README's tables of the 90-point schema and of the error codes, generated from the
 * data the code itself uses (src/contract/schema.ts, src/contract/errors.ts). `npm run docs` rewrites them
 * between their markers; test/readme.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ERROR_CODES } from '../src/contract/errors';
import { GROUPS } from '../src/contract/schema';

export function schemaTable(): string {
  const rows = GROUPS.map((g) => `| \`${g.name}\` | ${g.size} | ${g.order} |`);
  return ['| group | points | order ("left" = image-left) |', '|---|---|---|', ...rows].join('\n');
}

export function errorTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.when} | ${e.message} |`);
  return ['| code | HTTP | when | message |', '|---|---|---|---|', ...rows].join('\n');
}

const TABLES: Record<string, () => string> = { schema: schemaTable, errors: errorTable };

export function withTables(readme: string): string {
  let out = readme;
  for (const [name, make] of Object.entries(TABLES)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no generated:${name} markers`);
    out = out.replace(re, `$1${make()}$2`);
  }
  return out;
}

const README = new URL('../README.md', import.meta.url);
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync(README, withTables(readFileSync(README, 'utf8')));
}

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { withTables } from '../scripts/readme-tables';

it('README tables of the schema and error codes match the code (npm run docs)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(withTables(readme)).toBe(readme);
});

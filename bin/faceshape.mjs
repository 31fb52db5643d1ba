#!/usr/bin/env node
// Starts the faceshape command, which `npm run build` compiles to dist/node/cli.js.
try {
  await import('../dist/node/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('cli.js')) throw e;
  console.error('faceshape: the command is not built yet: run `npm run build` in the faceshape package first.');
  process.exitCode = 2;
}

/**
 * A build plugin that turns the source tree's asset URLs (src/runtime/asset-urls.ts and the
 * worker in src/worker/client.ts) into the package's layout, as plain
 * `new URL('./models/x.bin', import.meta.url)`: the form an app's bundler follows. The
 * sources mark them @vite-ignore so this build leaves them for the app's build (it would
 * inline them); the mark goes here, and the build fails if any source path is left.
 */
import type { Plugin } from 'vite';

export interface AssetPaths {
  /** Where models/ is, relative to the built files: './models/'. */
  models: string;
  /** Where the tfjs wasm binaries are: './wasm/'. */
  wasm: string;
  /** The analyzer worker script: './faceshape-worker.js'. */
  worker: string;
}

const url = (inner: string): RegExp =>
  new RegExp(String.raw`new URL\(\s*(?:/\*\s*@vite-ignore\s*\*/\s*)?(["'\x60])${inner}\1\s*,\s*import\.meta\.url\s*\)`, 'g');

export function assetPaths(paths: AssetPaths): Plugin {
  const rules: [RegExp, (file: string) => string][] = [
    [url(String.raw`\.\./\.\./models/([\w.-]+)`), (file) => paths.models + file],
    [url(String.raw`\.\./\.\./node_modules/@tensorflow/tfjs-backend-wasm/dist/([\w.-]+)`), (file) => paths.wasm + file],
    [url(String.raw`\./(faceshape-worker)\.ts`), () => paths.worker],
  ];
  return {
    name: 'faceshape-asset-paths',
    renderChunk(code, chunk) {
      let out = code;
      for (const [pattern, to] of rules) out = out.replace(pattern, (_m, _q, file: string) => `new URL(${JSON.stringify(to(file))}, import.meta.url)`);
      const left = /new URL\([^)]*(@vite-ignore|\.\.\/\.\.\/models\/|tfjs-backend-wasm\/dist\/|faceshape-worker\.ts)/.exec(out);
      if (left) this.error(`${chunk.fileName}: an asset URL was not rewritten: ${JSON.stringify(out.slice(Math.max(0, left.index - 80), left.index + 80))}`);
      return out === code ? null : { code: out, map: null };
    },
  };
}

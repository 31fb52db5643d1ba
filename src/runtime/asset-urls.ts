/**
 * Where each shipped file is, named one by one in `new URL('<file>', import.meta.url)`: the
 * form that Vite, webpack and Rollup follow, copying the file into the app's build and
 * rewriting the URL. A base URL joined with names at run time would be left alone, and the
 * files never copied.
 *
 * The paths here are the source tree's (models/ and the tfjs package two levels up). The
 * library build rewrites them to the package's layout (./models/, ./wasm/ next to
 * faceshape.js) and drops the @vite-ignore marks that keep its own build from inlining them.
 */

/** The model files, as named in models/manifest.json. */
export type ModelFile =
  | 'facemesh-detection-short.json'
  | 'facemesh-detection-short.bin'
  | 'facemesh-detection-full.json'
  | 'facemesh-detection-full.bin'
  | 'facemesh-attention.json'
  | 'facemesh-attention.bin'
  | 'facemesh.json'
  | 'facemesh.bin'
  | 'fitted-map-3.0.json'
  | 'fitted-map-2.0.json';

export const MODEL_URLS: Record<ModelFile, () => URL> = {
  'facemesh-detection-short.json': () => new URL(/* @vite-ignore */ '../../models/facemesh-detection-short.json', import.meta.url),
  'facemesh-detection-short.bin': () => new URL(/* @vite-ignore */ '../../models/facemesh-detection-short.bin', import.meta.url),
  'facemesh-detection-full.json': () => new URL(/* @vite-ignore */ '../../models/facemesh-detection-full.json', import.meta.url),
  'facemesh-detection-full.bin': () => new URL(/* @vite-ignore */ '../../models/facemesh-detection-full.bin', import.meta.url),
  'facemesh-attention.json': () => new URL(/* @vite-ignore */ '../../models/facemesh-attention.json', import.meta.url),
  'facemesh-attention.bin': () => new URL(/* @vite-ignore */ '../../models/facemesh-attention.bin', import.meta.url),
  'facemesh.json': () => new URL(/* @vite-ignore */ '../../models/facemesh.json', import.meta.url),
  'facemesh.bin': () => new URL(/* @vite-ignore */ '../../models/facemesh.bin', import.meta.url),
  'fitted-map-3.0.json': () => new URL(/* @vite-ignore */ '../../models/fitted-map-3.0.json', import.meta.url),
  'fitted-map-2.0.json': () => new URL(/* @vite-ignore */ '../../models/fitted-map-2.0.json', import.meta.url),
};

/** The tfjs wasm binaries the browser may load: plain, and SIMD where the browser has it. */
export type WasmFile = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm';

export const WASM_URLS: Record<WasmFile, () => URL> = {
  'tfjs-backend-wasm.wasm': () =>
    new URL(/* @vite-ignore */ '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', import.meta.url),
  'tfjs-backend-wasm-simd.wasm': () =>
    new URL(/* @vite-ignore */ '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', import.meta.url),
};

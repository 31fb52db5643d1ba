/**
 * Picks and starts the TF.js backend. 'auto' takes WebGL only on a real GPU: on a software
 * rasteriser (SwiftShader, llvmpipe) WebGL is about ten times slower than wasm SIMD, and its
 * first call spends seconds compiling shaders. WebGL is there where register-webgl.ts was
 * imported (the browser entries); elsewhere it fails to start like a missing GPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FaceAnalyzeError } from '../contract/errors';
import type { WasmFile } from './asset-urls';
import { installWasmKernels } from './kernels/install';

/** The TF.js backends the analyzer can run on. */
export type Backend = 'webgl' | 'wasm' | 'cpu';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

/** The WebGL renderer string, or null where there is no WebGL at all. */
export function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') return null;
  try {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/** The order in which 'auto' tries backends on this device. */
export function autoOrder(renderer: string | null): Backend[] {
  if (renderer !== null && !SOFTWARE_RENDERER.test(renderer)) return ['webgl', 'wasm', 'cpu'];
  return ['wasm', 'webgl', 'cpu'];
}

let wasmConfigured = false;

function configureWasm(wasmUrls: Record<WasmFile, string> | undefined): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
  // Threaded wasm hangs in minified builds and needs cross-origin isolation; the SIMD build
  // is as fast on two cores. TF.js wants a URL for the threaded binary all the same.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  installWasmKernels();
  if (wasmUrls) setWasmPaths({ ...wasmUrls, 'tfjs-backend-wasm-threaded-simd.wasm': wasmUrls['tfjs-backend-wasm-simd.wasm'] });
}

/** The context the running webgl backend draws with, or null on any other backend. */
function webglContext(): WebGLRenderingContext | null {
  return tf.getBackend() === 'webgl' ? (tf.backend() as MathBackendWebGL).gpgpu.gl : null;
}

/**
 * Why the wasm binary could not be used, read from what its URL answers: a missing file is
 * the usual cause (a 404, or a dev server's HTML page for any unknown path).
 */
async function wasmProblem(wasmUrls: Record<WasmFile, string> | undefined): Promise<string> {
  const url = wasmUrls?.['tfjs-backend-wasm-simd.wasm'];
  if (!url) return 'its binary could not be loaded';
  try {
    const response = await fetch(url);
    const head = new Uint8Array(await response.arrayBuffer()).subarray(0, 4);
    const type = response.headers.get('content-type') ?? 'no content type';
    if (!response.ok) return `${url} answered HTTP ${response.status}`;
    if (String.fromCharCode(...head) !== '\0asm') return `${url} answered ${type}, not a wasm binary`;
    return `${url} is a wasm binary, but this browser could not run it`;
  } catch (e) {
    return `${url} could not be fetched (${(e as Error)?.message ?? e})`;
  }
}

/** Null once `name` runs, else why it could not start. */
async function tryBackend(name: Backend, wasmUrls: Record<WasmFile, string> | undefined): Promise<string | null> {
  if (name === 'wasm') configureWasm(wasmUrls);
  let started = false;
  try {
    // setBackend resolves false (or throws) when the backend cannot initialise on this device.
    // TF.js keeps one webgl backend per page: after a context loss it stays, dead, in place.
    started = (await tf.setBackend(name)) && tf.getBackend() === name && !(name === 'webgl' && webglContext()?.isContextLost());
  } catch {
    started = false;
  }
  if (started) return null;
  return name === 'wasm' ? wasmProblem(wasmUrls) : 'it could not initialise on this device';
}

export async function startBackend(choice: Backend | 'auto', wasmUrls: Record<WasmFile, string> | undefined): Promise<Backend> {
  const order = choice === 'auto' ? autoOrder(webglRenderer()) : [choice];
  const problems: string[] = [];
  for (const name of order) {
    const problem = await tryBackend(name, wasmUrls);
    if (problem === null) {
      // A missing wasm binary under 'auto' would otherwise pass as a silent tenfold slowdown.
      if (problems.length > 0) console.warn(`faceshape: running on ${name}: ${problems.join('; ')}.`);
      return name;
    }
    problems.push(`${name} could not start (${problem})`);
  }
  throw new FaceAnalyzeError(
    'backend_unavailable',
    choice === 'auto'
      ? `No TensorFlow.js backend could start on this device: ${problems.join('; ')}.`
      : `The ${problems[0]}; use backend: 'auto' to fall back.`,
  );
}

/** Where an analyzer goes when its backend dies, in this order. */
const FALLBACK_ORDER: Backend[] = ['wasm', 'cpu'];

/** Starts the first backend of FALLBACK_ORDER other than the one that died. */
export async function startFallback(dead: Backend, wasmUrls: Record<WasmFile, string> | undefined): Promise<Backend> {
  for (const name of FALLBACK_ORDER) {
    if (name !== dead && (await tryBackend(name, wasmUrls)) === null) return name;
  }
  throw new FaceAnalyzeError('backend_unavailable', `The ${dead} backend stopped working and neither wasm nor cpu could start in its place.`);
}

/** Tells when the WebGL context of the running backend is lost. */
export interface ContextWatch {
  lost(): boolean;
  /**
   * Whether `call` settled or the context was lost first: TF.js waits forever on a fence of a
   * lost context, so every call races this. The listener lives only as long as the call, so
   * nothing piles up on a context that is never lost.
   */
  race(call: Promise<unknown>): Promise<'settled' | 'lost'>;
}

/** A watch on the webgl backend's context; null on backends that cannot lose one. */
export function watchContext(): ContextWatch | null {
  const gl = webglContext();
  if (!gl) return null;
  const canvas = gl.canvas as EventTarget;
  return {
    lost: () => gl.isContextLost(),
    race: (call) =>
      new Promise((resolve) => {
        const onLost = (): void => resolve('lost');
        canvas.addEventListener('webglcontextlost', onLost, { once: true });
        if (gl.isContextLost()) resolve('lost');
        const settled = (): void => {
          canvas.removeEventListener('webglcontextlost', onLost);
          resolve('settled');
        };
        call.then(settled, settled);
      }),
  };
}

/**
 * Faster stand-ins for tfjs-backend-wasm kernels that our models lean on and that the backend
 * implements element by element with stride arithmetic: GatherV2 (the attention mesh samples
 * its feature maps with it), Transform (every face crop) and DepthToSpace (the full-range
 * detector). Each keeps the original for the inputs it does not handle.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { makeDepthToSpace } from './depth-to-space';
import { makeGather } from './gather';
import { makeTransform } from './transform';

const REPLACEMENTS: Record<string, (original: KernelFunc) => KernelFunc> = {
  GatherV2: makeGather,
  Transform: makeTransform,
  DepthToSpace: makeDepthToSpace,
};

let installed = false;

/** Puts the replacements in the wasm backend's kernel registry (once per page). */
export function installWasmKernels(): void {
  if (installed) return;
  installed = true;
  for (const [name, make] of Object.entries(REPLACEMENTS)) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc) });
  }
}

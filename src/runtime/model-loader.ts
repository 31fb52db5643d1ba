/**
 * Loads the shipped models (from the page's own origin unless told otherwise), verifying every file against the
 * checksums recorded in models/manifest.json (bundled into the module, so a swapped file on
 * the server cannot vouch for itself), and compiles each graph for our runner.
 */
import * as tf from '@tensorflow/tfjs-core';
import manifest from '../../models/manifest.json';
import { FaceAnalyzeError } from '../contract/errors';
import type { ModelFile } from './asset-urls';
import { compileGraph, type CompiledGraph, type GraphSignature, type GraphTopology } from './graph-runner';
import { sha256 } from './sha256';

type ManifestFile = { sha256: string; bytes: number };
const FILES = manifest.files as Record<string, ManifestFile>;

export type ModelName = 'facemesh-detection-short' | 'facemesh-detection-full' | 'facemesh-attention' | 'facemesh';

/** Bytes a model needs to download (json + weights). */
export const modelBytes = (name: ModelName): number => FILES[`${name}.json`]!.bytes + FILES[`${name}.bin`]!.bytes;

/** Bytes of one file of the manifest. */
export const fileBytes = (file: string): number => FILES[file]?.bytes ?? 0;

export interface LoaderContext {
  /** Where a model file is fetched from. */
  urlOf: (file: ModelFile) => string;
  fetch: typeof fetch;
  /** Called with the bytes of this model received so far. */
  onBytes?: (bytes: number) => void;
}

/** An HTML page where a file was expected: a dev server's or a host's fallback for a missing file. */
const looksLikeHtml = (bytes: Uint8Array): boolean =>
  /^\s*<(!doctype|html|head|body|!--)/i.test(new TextDecoder().decode(bytes.subarray(0, 64)));

async function fetchVerified(file: ModelFile, ctx: LoaderContext, add: (n: number) => void): Promise<Uint8Array> {
  const expected = FILES[file];
  const url = ctx.urlOf(file);
  const fail = (why: string, cause?: unknown): FaceAnalyzeError =>
    new FaceAnalyzeError('model_load_failed', `The face model file ${file} could not be loaded from ${url}: ${why}.`, { cause });
  if (!expected) throw fail('it is not in the model manifest');
  let response: Response;
  try {
    response = await ctx.fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw fail('the request failed', e);
  }
  if (!response.ok) throw fail(`HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
      add(value.length);
    }
  } else {
    const all = new Uint8Array(await response.arrayBuffer());
    chunks.push(all);
    length = all.length;
    add(length);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const type = response.headers.get('content-type') ?? '';
  if (/text\/html/i.test(type) || looksLikeHtml(bytes)) {
    // Checked before the checksum, which would point at a damaged file rather than a missing one.
    throw fail(`the server answered with an HTML page (HTTP ${response.status}${type ? `, ${type}` : ''}), not the file: is it deployed at that URL?`);
  }
  const digest = await sha256(bytes);
  if (digest !== expected.sha256) throw fail(`its checksum is ${digest.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…`);
  return bytes;
}

export async function loadModel(name: ModelName, ctx: LoaderContext): Promise<CompiledGraph> {
  let total = 0;
  const add = (n: number): void => {
    total += n;
    ctx.onBytes?.(total);
  };
  const [json, weights] = await Promise.all([
    fetchVerified(`${name}.json`, ctx, add),
    fetchVerified(`${name}.bin`, ctx, add),
  ]);
  let weightMap: tf.NamedTensorMap = {};
  try {
    const artifacts = JSON.parse(new TextDecoder().decode(json)) as {
      modelTopology: GraphTopology;
      weightsManifest: tf.io.WeightsManifestConfig;
      signature?: GraphSignature;
    };
    const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    weightMap = tf.io.decodeWeights(buffer, artifacts.weightsManifest.flatMap((g) => g.weights));
    return compileGraph(artifacts.modelTopology, weightMap, artifacts.signature);
  } catch (e) {
    tf.dispose(Object.values(weightMap));
    throw new FaceAnalyzeError('model_load_failed', `The face model ${name} could not be read: ${(e as Error).message}.`, { cause: e });
  }
}

/**
 * A data file of the manifest, verified like the models and parsed as JSON: what it holds is
 * for the layer that uses it to check (the fitted point maps: shape/fitted-map.ts).
 */
export async function loadJson(file: ModelFile, ctx: LoaderContext): Promise<unknown> {
  let total = 0;
  const bytes = await fetchVerified(file, ctx, (n) => ctx.onBytes?.((total += n)));
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (e) {
    throw new FaceAnalyzeError('model_load_failed', `The model file ${file} could not be read: ${(e as Error).message}.`, { cause: e });
  }
}

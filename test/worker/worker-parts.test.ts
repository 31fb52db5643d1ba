/**
 * The pure parts of the worker analyzer: what crosses postMessage (options, requests, pixels,
 * errors) and the table of calls in flight. Each value is put through a real structured clone
 * where crossing is the point.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, FaceAnalyzeError } from '../../src/contract/errors';
import { validateRequest } from '../../src/contract/request';
import { PendingCalls } from '../../src/worker/calls';
import { DEFAULT_START_TIMEOUT_MS, startTimeout, wireOptions, type WorkerAnalyzerOptions } from '../../src/worker/options';
import { copyPixels, crossImage, crossingOf } from '../../src/worker/transfer';
import { errorToWire, reviveError } from '../../src/worker/wire-error';
import { wireRequest, wireTrackOptions } from '../../src/worker/wire-request';

const PAGE = 'https://site.test/album/index.html';

async function rejection(run: () => unknown): Promise<FaceAnalyzeError> {
  const e = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(e).toBeInstanceOf(FaceAnalyzeError);
  return e as FaceAnalyzeError;
}

describe('wireOptions', () => {
  it('resolves base URLs against the page, turns URL objects into strings, warms up by default and leaves out what was not given', () => {
    const wire = wireOptions({ modelBaseUrl: 'models/', wasmBaseUrl: new URL('https://cdn.site.test/wasm/'), maxFaces: 3, onProgress: () => undefined }, PAGE);
    expect(wire).toEqual({ modelBaseUrl: 'https://site.test/album/models/', wasmBaseUrl: 'https://cdn.site.test/wasm/', maxFaces: 3, warmUp: true });
    expect(structuredClone(wire)).toEqual(wire);
    expect(wireOptions({}, PAGE)).toEqual({ warmUp: true });
  });

  it('passes the checked options as given, for the analyzer in the worker to refuse them as on the page', () => {
    expect(wireOptions({ backend: 'webgl', preload: ['2.0', '3.0'], fetchTimeoutMs: -1, maxFaces: 0, warmUp: false }, PAGE)).toEqual({
      backend: 'webgl',
      preload: ['2.0', '3.0'],
      fetchTimeoutMs: -1,
      maxFaces: 0,
      warmUp: false,
    });
  });

  it('refuses a fetch function with invalid_request, saying what to do instead', async () => {
    const options = { fetch: globalThis.fetch } as unknown as WorkerAnalyzerOptions;
    const e = await rejection(() => wireOptions(options, PAGE));
    expect(e.code).toBe('invalid_request');
    expect(e.message).toContain('createFaceAnalyzer({ fetch })');
    expect(e.message).toContain('serveAnalyzerWorker');
  });

  it('start timeout: 30 s by default, a positive number otherwise', async () => {
    expect(startTimeout({})).toBe(DEFAULT_START_TIMEOUT_MS);
    expect(DEFAULT_START_TIMEOUT_MS).toBe(30_000);
    expect(startTimeout({ startTimeoutMs: 500 })).toBe(500);
    expect((await rejection(() => startTimeout({ startTimeoutMs: 0 }))).code).toBe('invalid_request');
  });
});

describe('wireRequest', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("carries a relative image_url as the page's absolute URL, with every option explicit", () => {
    vi.stubGlobal('location', { href: PAGE });
    const wire = wireRequest(validateRequest({ image_url: 'photos/me.jpg', mode: 1 }));
    expect(wire).toEqual({ image_url: 'https://site.test/album/photos/me.jpg', mode: 1, face_model_version: '3.0', need_rotate_detection: 0, output: 'default' });
  });

  it('keeps base64, rotation, version and output', () => {
    const wire = wireRequest(validateRequest({ image_base64: 'AAAA', need_rotate_detection: 1, face_model_version: '2.0', output: 'tencent' }));
    expect(wire).toEqual({ image_base64: 'AAAA', mode: 0, face_model_version: '2.0', need_rotate_detection: 1, output: 'tencent' });
  });

  it('puts the crossed image in place of the original', () => {
    const original = { data: new Uint8ClampedArray(32 * 32 * 4), width: 32, height: 32 };
    const crossed = copyPixels(original).image;
    const wire = wireRequest(validateRequest({ image: original }), crossed);
    expect(wire.image).toBe(crossed);
    expect(wireTrackOptions(validateRequest({ image: original, mode: 1 }))).toEqual({ mode: 1, face_model_version: '3.0' });
  });

  it("carries track()'s smoothing, and the frame's own time where the caller gave none", () => {
    const valid = validateRequest({ image: { data: new Uint8ClampedArray(32 * 32 * 4), width: 32, height: 32 } });
    expect(wireTrackOptions(valid, { smoothing: false }, 1500)).toEqual({ mode: 0, face_model_version: '3.0', smoothing: false, timestamp: 1500 });
    expect(wireTrackOptions(valid, { smoothing: { beta: 10 }, timestamp: 7 }, 1500)).toEqual({ mode: 0, face_model_version: '3.0', smoothing: { beta: 10 }, timestamp: 7 });
  });
});

describe('image crossing', () => {
  it('sends Blobs and Files as they are, raw pixels as a copy, anything else through an ImageBitmap', () => {
    expect(crossingOf(new Blob([new Uint8Array(4)]))).toBe('as-is');
    expect(crossingOf(new File([new Uint8Array(4)], 'a.jpg'))).toBe('as-is');
    expect(crossingOf({ data: new Uint8ClampedArray(4), width: 1, height: 1 })).toBe('pixels');
    expect(crossingOf({ data: new Uint8Array(4), width: 1, height: 1 })).toBe('pixels');
    expect(crossingOf({ data: [0, 0, 0, 0], width: 1, height: 1 })).toBe('bitmap');
  });

  it('copies exactly the pixels (not the larger buffer they sit in) into a buffer that transfers without touching the original', () => {
    const big = new Uint8Array(10_000).map((_, i) => i % 251);
    const pixels = { data: big.subarray(400, 400 + 40 * 32 * 4), width: 40, height: 32 };
    const { image, transfer } = copyPixels(pixels);
    expect(transfer).toHaveLength(1);
    expect((transfer[0] as ArrayBuffer).byteLength).toBe(40 * 32 * 4);
    const received = structuredClone(image, { transfer }) as typeof pixels;
    expect(received.width).toBe(40);
    expect(received.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(received.data)).toEqual(Array.from(pixels.data));
    expect(big.byteLength).toBe(10_000);
    expect(big[400]).toBe(400 % 251);
  });

  it('checks pixels on the page with the codes and messages of the analyzer', async () => {
    const short = await rejection(() => crossImage({ data: new Uint8ClampedArray(10), width: 40, height: 40 }));
    expect(short.code).toBe('image_decode_failed');
    expect(short.message).toBe('The ImageData has a size that does not match its pixel data.');
    expect((await rejection(() => crossImage({ data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 }))).code).toBe('image_too_small');
    const other = await rejection(() => crossImage({ width: 40 } as never));
    expect(other.code).toBe('invalid_request');
    expect(other.message).toBe('image must be an image, canvas, video, VideoFrame, ImageBitmap, ImageData or Blob.');
  });
});

describe('errors across the worker boundary', () => {
  it('revives the same FaceAnalyzeError: code, status, message, trace id, envelope', () => {
    const original = new FaceAnalyzeError('not_an_image', 'The file is empty (0 bytes).');
    const revived = reviveError(structuredClone(errorToWire(original)));
    expect(revived).toBeInstanceOf(FaceAnalyzeError);
    expect(revived).toBeInstanceOf(Error);
    expect(revived.name).toBe('FaceAnalyzeError');
    expect([revived.code, revived.status, revived.message, revived.traceId]).toEqual([original.code, original.status, original.message, original.traceId]);
    expect(revived.toJSON()).toEqual(original.toJSON());
  });

  it('every code survives the trip', () => {
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      expect(reviveError(errorToWire(new FaceAnalyzeError(code))).toJSON().error).toEqual({ code, message: ERROR_CODES[code].message });
    }
  });

  it('anything else thrown in the worker arrives as internal_error with its message', () => {
    const revived = reviveError(errorToWire(new TypeError('x is undefined')));
    expect(revived.code).toBe('internal_error');
    expect(revived.message).toContain('x is undefined');
  });

  it('a code the page does not know becomes internal_error rather than a broken envelope', () => {
    const revived = reviveError({ code: 'no_such_code' as never, message: 'm', traceId: 't' });
    expect(revived.code).toBe('internal_error');
    expect(revived.status).toBe(500);
    expect(revived.message).toContain('no_such_code');
  });
});

describe('PendingCalls', () => {
  it('gives every call its own id and answer, once', async () => {
    const calls = new PendingCalls();
    const a = calls.open<string>();
    const b = calls.open<string>();
    expect(a.id).not.toBe(b.id);
    expect(calls.size).toBe(2);
    expect(calls.resolve(b.id, 'second')).toBe(true);
    expect(calls.resolve(b.id, 'again')).toBe(false);
    expect(calls.reject(a.id, new FaceAnalyzeError('no_image'))).toBe(true);
    await expect(b.answer).resolves.toBe('second');
    await expect(a.answer).rejects.toMatchObject({ code: 'no_image' });
    expect(calls.size).toBe(0);
    expect(calls.resolve(12345, 'never opened')).toBe(false);
  });

  it('rejects every call still waiting, each with an error of its own', async () => {
    const calls = new PendingCalls();
    const waiting = [calls.open(), calls.open(), calls.open()];
    calls.rejectAll(() => new FaceAnalyzeError('analyzer_closed'));
    const errors = await Promise.all(waiting.map((c) => c.answer.catch((e: FaceAnalyzeError) => e)));
    expect(errors.map((e) => (e as FaceAnalyzeError).code)).toEqual(['analyzer_closed', 'analyzer_closed', 'analyzer_closed']);
    expect(new Set(errors.map((e) => (e as FaceAnalyzeError).traceId)).size).toBe(3);
    expect(calls.size).toBe(0);
  });
});

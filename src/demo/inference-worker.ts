/**
 * The analyzer in a module worker, so inference never blocks the page. It imports the public
 * module like the page would; the module finds its models and wasm next to itself.
 */
import { createFaceAnalyzer, FaceAnalyzeError, type FaceAnalyzer, type TrackOptions } from '/faceshape.js';
import type { FromWorker, ToWorker } from './engine-protocol';
import { runOutcome } from './run-outcome';

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
let analyzer: Promise<FaceAnalyzer> | undefined;

interface Following {
  id: number;
  reader: ReadableStreamDefaultReader<VideoFrame>;
  options: TrackOptions;
  /** Resolves the wait for the page to show the last frame. */
  shown?: () => void;
}
let following: Following | undefined;
let reader: OffscreenCanvasRenderingContext2D | undefined;

/** A camera frame's RGBA pixels: camera frames arrive in CPU memory, so this is a plain copy. */
function framePixels(frame: VideoFrame): ImageData {
  const { displayWidth: w, displayHeight: h } = frame;
  if (!reader || reader.canvas.width !== w || reader.canvas.height !== h) {
    reader = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  }
  reader.drawImage(frame, 0, 0);
  return reader.getImageData(0, 0, w, h);
}

/**
 * Tracks frame after frame; the stream keeps only the newest frame while one is analysed, and
 * each result waits until the page has shown the previous one, so a page that paints slowly
 * (software rendering) is never flooded.
 */
async function follow(a: FaceAnalyzer, f: Following): Promise<void> {
  while (following === f) {
    const { value: frame, done } = await f.reader.read().catch(() => ({ value: undefined, done: true }));
    if (done || !frame) return;
    // The camera's own capture time (µs) is the time the smoothing goes by.
    const timestamp = frame.timestamp / 1000;
    let pixels: ImageData;
    try {
      pixels = framePixels(frame);
    } finally {
      frame.close();
    }
    const outcome = await runOutcome(() => a.track(pixels, { ...f.options, timestamp }));
    if (following !== f) return;
    scope.postMessage({ type: 'followed', id: f.id, outcome, frame: pixels }, [pixels.data.buffer]);
    await new Promise<void>((resolve) => (f.shown = resolve));
  }
}

scope.onmessage = async ({ data }) => {
  switch (data.type) {
    case 'init':
      analyzer = createFaceAnalyzer({
        onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
        onBackendChange: (change) => scope.postMessage({ type: 'backend', backend: change.to }),
      });
      try {
        scope.postMessage({ type: 'ready', backend: (await analyzer).backend });
      } catch (e) {
        const error = e instanceof FaceAnalyzeError ? e : new FaceAnalyzeError('model_load_failed', String((e as Error)?.message ?? e));
        scope.postMessage({ type: 'failed', error: error.toJSON() });
      }
      return;
    case 'analyze': {
      const a = await analyzer!;
      scope.postMessage({ type: 'done', id: data.id, outcome: await runOutcome(() => a.analyze(data.request)) });
      return;
    }
    case 'track': {
      const a = await analyzer!;
      const outcome = await runOutcome(() => a.track(data.frame, data.options));
      scope.postMessage({ type: 'done', id: data.id, outcome, frame: data.frame }, [data.frame.data.buffer]);
      return;
    }
    case 'follow': {
      const a = await analyzer!;
      void following?.reader.cancel();
      following?.shown?.();
      following = { id: data.id, reader: data.frames.getReader(), options: data.options };
      void follow(a, following);
      return;
    }
    case 'follow-options':
      if (following) following.options = data.options;
      return;
    case 'follow-ack':
      if (following?.id === data.id) following.shown?.();
      return;
    case 'unfollow':
      void following?.reader.cancel();
      following?.shown?.();
      following = undefined;
      return;
    case 'reset':
      (await analyzer!).resetTracking();
  }
};

/**
 * createFaceAnalyzer(): the public engine. It hides TF.js, the backends and the models behind
 * the hosted API's request and response, and frees everything on close().
 */
import * as tf from '@tensorflow/tfjs-core';
import { FULL_RANGE, SHORT_RANGE } from './anchors';
import { assetRoot } from './asset-root';
import { startBackend, startFallback, watchContext, type ContextWatch } from './backend';
import { FaceAnalyzeError, newTraceId, toFaceAnalyzeError } from './errors';
import { makeDetector, type Detector } from './face-detector';
import { distinctFaces, findFaces, roiFromMesh } from './face-finder';
import { faceShape } from './face-shape';
import { meshesInSpan } from './follow';
import { boundingBox, type Roi } from './geometry';
import type { CompiledGraph } from './graph-runner';
import { readImage, shrinkTo, type ImageDecoder, type Pixels } from './image-input';
import { toTensor, WORK_SIDE } from './image-tensor';
import { runLandmarks, type Landmarker, type MeshResult } from './landmarker';
import { ATTENTION_HEADS, MESH_HEAD } from './mesh-decoder';
import { loadModel, modelBytes, type ModelName } from './model-loader';
import { validateRequest } from './request';
import { warmUp } from './warm-up';
import { SerialQueue } from './serial-queue';
import { toTencent, type TencentAnalyzeResponse } from './tencent';
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerOptions,
  AnalyzerStats,
  Backend,
  FaceAnalyzer,
  FaceModelVersion,
  ImageInput,
  TrackOptions,
} from './types';

const DEFAULT_MAX_FACES = 10;
/** While tracking fewer faces than wanted, look for new ones this often (frames). */
const REDETECT_EVERY = 10;

const LANDMARK_MODELS: Record<FaceModelVersion, { model: ModelName; heads: Landmarker['heads'] }> = {
  '3.0': { model: 'facemesh-attention', heads: ATTENTION_HEADS },
  '2.0': { model: 'facemesh', heads: [MESH_HEAD] },
};

export interface AnalyzerInternals {
  /** For Node and other runtimes without createImageBitmap. */
  decode?: ImageDecoder;
}

const isBrowser = (): boolean =>
  typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

/** The models on one backend; replaced whole when that backend dies. */
interface Runtime {
  backend: Backend;
  detectors: Detector[];
  landmarkers: Map<FaceModelVersion, Promise<Landmarker>>;
  watch: ContextWatch | null;
}

export async function createFaceAnalyzer(options: AnalyzerOptions & AnalyzerInternals = {}): Promise<FaceAnalyzer> {
  try {
    return await startAnalyzer(options);
  } catch (e) {
    throw toFaceAnalyzeError(e);
  }
}

async function startAnalyzer(options: AnalyzerOptions & AnalyzerInternals): Promise<FaceAnalyzer> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const root = assetRoot();
  const modelBase = new URL(String(options.modelBaseUrl ?? new URL('models/', root)), globalThis.location?.href).href;
  const modelBaseUrl = modelBase.endsWith('/') ? modelBase : `${modelBase}/`;
  const wasmBase = options.wasmBaseUrl ?? (isBrowser() ? new URL('wasm/', root) : undefined);
  const maxFaces = options.maxFaces ?? DEFAULT_MAX_FACES;
  if (!Number.isInteger(maxFaces) || maxFaces < 1) throw new FaceAnalyzeError('invalid_request', 'maxFaces must be a whole number of at least 1.');
  const timeoutMs = options.fetchTimeoutMs ?? 15000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new FaceAnalyzeError('invalid_request', 'fetchTimeoutMs must be a number of milliseconds above 0.');
  const wasmBaseUrl = wasmBase === undefined ? undefined : String(wasmBase);

  const backend: Backend = await startBackend(options.backend ?? 'auto', wasmBaseUrl);

  const preload = options.preload ?? ['3.0'];
  // Bytes received of every model asked for so far: a model loaded on first use (or again
  // after a lost context) joins the total instead of overflowing it.
  const received = new Map<ModelName, number>();
  const report = (step: ModelName, bytes: number): void => {
    received.set(step, bytes);
    const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);
    options.onProgress?.({ loadedBytes: sum(received.values()), totalBytes: sum([...received.keys()].map(modelBytes)), step });
  };
  const load = (name: ModelName): Promise<CompiledGraph> => {
    received.set(name, 0);
    return loadModel(name, { baseUrl: modelBaseUrl, fetch: fetchFn, onBytes: (bytes) => report(name, bytes) });
  };

  const loadRuntime = async (on: Backend, versions: FaceModelVersion[]): Promise<Runtime> => {
    const names: ModelName[] = ['facemesh-detection-short', 'facemesh-detection-full', ...versions.map((v) => LANDMARK_MODELS[v].model)];
    const settled = await Promise.allSettled(names.map(load));
    const models = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) {
      // The models that did load would otherwise hold their weights with nothing left to free them.
      for (const m of models) m.dispose();
      throw failed.reason;
    }
    const [shortModel, fullModel, ...meshModels] = models;
    return {
      backend: on,
      detectors: [makeDetector(SHORT_RANGE, shortModel!), makeDetector(FULL_RANGE, fullModel!)],
      landmarkers: new Map(versions.map((v, i) => [v, Promise.resolve({ model: meshModels[i]!, heads: LANDMARK_MODELS[v].heads })])),
      watch: watchContext(),
    };
  };
  const disposeRuntime = async (r: Runtime): Promise<void> => {
    for (const d of r.detectors) d.model.dispose();
    for (const l of r.landmarkers.values()) (await l.catch(() => null))?.model.dispose();
  };

  let runtime = await loadRuntime(backend, preload);
  const landmarker = (v: FaceModelVersion): Promise<Landmarker> => {
    const { landmarkers } = runtime;
    let l = landmarkers.get(v);
    if (!l) {
      l = load(LANDMARK_MODELS[v].model).then((model) => ({ model, heads: LANDMARK_MODELS[v].heads }));
      landmarkers.set(v, l);
      l.catch(() => landmarkers.delete(v));
    }
    return l;
  };

  /** After a lost WebGL context: the models again, on the next backend in line. */
  const recover = async (): Promise<void> => {
    const dead = runtime;
    await disposeRuntime(dead);
    const to = await startFallback(dead.backend, wasmBaseUrl);
    runtime = await loadRuntime(to, [...dead.landmarkers.keys()]);
    // A throwing listener is the page's bug, to surface there, not in this call.
    queueMicrotask(() => options.onBackendChange?.({ from: dead.backend, to, reason: 'context_lost' }));
  };

  /** Runs `work`, and runs it again on the fallback backend if the context is lost under it. */
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (runtime.watch?.lost()) await recover();
    const watch = runtime.watch;
    if (!watch) return work();
    const attempt = work();
    const first = await watch.race(attempt);
    if (first === 'settled' && !watch.lost()) return attempt;
    await recover();
    return work();
  };

  if (options.warmUp) {
    try {
      await run(async () => warmUp(runtime.detectors, await Promise.all(runtime.landmarkers.values())));
    } catch (e) {
      await disposeRuntime(runtime);
      throw e;
    }
  }

  const queue = new SerialQueue();
  let closed = false;
  let tracked: Roi[] = [];
  let framesSinceDetect = 0;
  const inputContext = { fetch: fetchFn, timeoutMs, decode: options.decode };

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new FaceAnalyzeError('analyzer_closed');
    try {
      return await queue.run(async () => {
        if (closed) throw new FaceAnalyzeError('analyzer_closed');
        return run(work);
      });
    } catch (e) {
      throw toFaceAnalyzeError(e);
    }
  };

  const respond = (pixels: Pixels, scale: number, version: FaceModelVersion, faces: MeshResult[]): AnalyzeResponse => ({
    image_width: pixels.width,
    image_height: pixels.height,
    face_model_version: version,
    face_shape_set: faces.map((f) => faceShape(f.mesh.map((p) => ({ x: p.x / scale, y: p.y / scale })))),
  });

  const withImage = async <T>(pixels: Pixels, work: (image: tf.Tensor3D, scale: number) => Promise<T>): Promise<T> => {
    let image: tf.Tensor3D | undefined;
    let working = pixels;
    try {
      working = await shrinkTo(pixels, WORK_SIDE);
      const t = toTensor(working);
      image = t.image;
      return await work(t.image, t.scale);
    } finally {
      image?.dispose();
      working.release();
    }
  };

  /** Runs the detectors for faces not followed yet: only new faces need a mesh. */
  const lookForNewFaces = async (image: tf.Tensor3D, mesh: Landmarker, followed: MeshResult[], limit: number): Promise<MeshResult[]> => {
    framesSinceDetect = 0;
    const known = followed.map((f) => boundingBox(f.mesh));
    const fresh = await findFaces(runtime.detectors, mesh, image, { rotate: false, maxFaces: limit, known });
    return distinctFaces([...followed, ...fresh], limit);
  };

  const analyzer: FaceAnalyzer = {
    get backend(): Backend {
      return runtime.backend;
    },
    stats(): AnalyzerStats {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
    analyze: ((request: AnalyzeRequest): Promise<AnalyzeResponse | TencentAnalyzeResponse> =>
      guard(async () => {
        const req = validateRequest(request);
        const mesh = await landmarker(req.version);
        const pixels = await readImage(req.source, inputContext);
        const response = await withImage(pixels, async (image, scale) => {
          const faces = await findFaces(runtime.detectors, mesh, image, { rotate: req.rotate, maxFaces: req.mode === 1 ? 1 : maxFaces });
          return respond(pixels, scale, req.version, faces);
        });
        return req.output === 'tencent' ? toTencent(response, newTraceId()) : response;
      })) as FaceAnalyzer['analyze'],
    track(frame: ImageInput, trackOptions: TrackOptions = {}): Promise<AnalyzeResponse> {
      return guard(async () => {
        const req = validateRequest({ image: frame, mode: trackOptions.mode, face_model_version: trackOptions.face_model_version });
        const limit = req.mode === 1 ? 1 : maxFaces;
        const mesh = await landmarker(req.version);
        const pixels = await readImage(req.source, inputContext);
        framesSinceDetect++;
        const detectionDue = (found: number): boolean => found === 0 || (found < limit && framesSinceDetect >= REDETECT_EVERY);
        /** The answer, with its faces' crops kept (in image pixels) for the next frame. */
        const settle = (scale: number, faces: MeshResult[]): AnalyzeResponse => {
          tracked = faces.map((f) => {
            const r = roiFromMesh(f.mesh);
            return { ...r, cx: r.cx / scale, cy: r.cy / scale, size: r.size / scale };
          });
          return respond(pixels, scale, req.version, faces);
        };
        // WebGL uploads whole frames as textures cheaply; on the CPU backends the followed faces
        // of a frame no larger than the work size (so at scale 1) read just the pixels their
        // crops need, and the whole frame is read only when the detectors must look.
        let followed: MeshResult[] | null = null;
        if (tracked.length > 0 && runtime.backend !== 'webgl' && Math.max(pixels.width, pixels.height) <= WORK_SIDE) {
          try {
            followed = distinctFaces(await meshesInSpan(mesh, pixels, tracked), limit);
          } catch (e) {
            pixels.release();
            throw e;
          }
          if (!detectionDue(followed.length)) {
            pixels.release();
            return settle(1, followed);
          }
        }
        return withImage(pixels, async (image, scale) => {
          const rescale = (r: Roi): Roi => ({ ...r, cx: r.cx * scale, cy: r.cy * scale, size: r.size * scale });
          let faces = followed ?? (tracked.length > 0 ? distinctFaces(await runLandmarks(mesh, image, tracked.map(rescale)), limit) : []);
          if (detectionDue(faces.length)) faces = await lookForNewFaces(image, mesh, faces, limit);
          return settle(scale, faces);
        });
      });
    },
    resetTracking(): void {
      tracked = [];
    },
    close(): void {
      if (closed) return;
      closed = true;
      void queue.run(() => disposeRuntime(runtime));
    },
  };
  return analyzer;
}


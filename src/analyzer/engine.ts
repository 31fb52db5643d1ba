/**
 * The models on a backend, and what keeps them running: loading (with progress), a mesh
 * version loaded on first use, and the move to the next backend when the WebGL context is
 * lost under a call, which that call then reruns on. Knows nothing of requests or responses.
 */
import { startBackend, startFallback, watchContext, type Backend, type ContextWatch } from '../runtime/backend';
import type { ModelFile, WasmFile } from '../runtime/asset-urls';
import type { CompiledGraph } from '../runtime/graph-runner';
import { fileBytes, loadJson, loadModel, modelBytes, type ModelName } from '../runtime/model-loader';
import type { FaceModelVersion } from '../contract/types';
import { makeDetector, type Detector } from '../pipeline/face-detector';
import type { Landmarker } from '../pipeline/landmarker';
import { DETECTOR_MODELS, LANDMARK_MODELS } from '../pipeline/model-set';
import { warmUp } from '../pipeline/warm-up';
import { readFittedMap, type FittedMap } from '../shape/fitted-map';
import type { UprightCheck } from '../shape/upright-check';
import type { BackendChange, LoadProgress } from './api';

export interface EngineOptions {
  backend: Backend | 'auto';
  modelUrl: (file: ModelFile) => string;
  wasmUrls: Record<WasmFile, string> | undefined;
  fetch: typeof fetch;
  preload: readonly FaceModelVersion[];
  warmUp: boolean;
  onProgress?: ((progress: LoadProgress) => void) | undefined;
  onBackendChange?: ((change: BackendChange) => void) | undefined;
}

/** A mesh model, the map that turns its meshes into the contract's points, and its upright check. */
export type MeshModel = Landmarker & { pointMap: FittedMap; upright: UprightCheck };

export interface Engine {
  readonly backend: Backend;
  readonly detectors: readonly Detector[];
  /** The mesh of a version and its point map, loaded on first use (and again after a failed load). */
  landmarker(version: FaceModelVersion): Promise<MeshModel>;
  /** Runs `work`, and runs it again on the fallback backend if the context is lost under it. */
  run<T>(work: () => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** The models on one backend; replaced whole when that backend dies. */
interface Runtime {
  backend: Backend;
  detectors: Detector[];
  landmarkers: Map<FaceModelVersion, Promise<MeshModel>>;
  watch: ContextWatch | null;
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const backend = await startBackend(options.backend, options.wasmUrls);

  // Bytes received and expected of every file asked for so far (a model's json and weights
  // count as one step): a model loaded on first use (or again after a lost context) joins
  // the total instead of overflowing it.
  const received = new Map<string, { bytes: number; of: number }>();
  const report = (step: string, bytes: number, of: number): void => {
    received.set(step, { bytes, of });
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const all = [...received.values()];
    options.onProgress?.({ loadedBytes: sum(all.map((r) => r.bytes)), totalBytes: sum(all.map((r) => r.of)), step });
  };
  const load = (name: ModelName): Promise<CompiledGraph> => {
    received.set(name, { bytes: 0, of: modelBytes(name) });
    return loadModel(name, { urlOf: options.modelUrl, fetch: options.fetch, onBytes: (bytes) => report(name, bytes, modelBytes(name)) });
  };
  // The point maps are plain numbers, not tensors: loaded once, they outlive a lost context.
  const pointMaps = new Map<FaceModelVersion, Promise<FittedMap>>();
  const pointMap = (version: FaceModelVersion): Promise<FittedMap> => {
    let m = pointMaps.get(version);
    if (!m) {
      const file = LANDMARK_MODELS[version].pointMap;
      received.set(file, { bytes: 0, of: fileBytes(file) });
      m = loadJson(file, { urlOf: options.modelUrl, fetch: options.fetch, onBytes: (bytes) => report(file, bytes, fileBytes(file)) }).then(
        (json) => readFittedMap(json, version),
      );
      pointMaps.set(version, m);
      m.catch(() => pointMaps.delete(version));
    }
    return m;
  };

  const loadRuntime = async (on: Backend, versions: readonly FaceModelVersion[]): Promise<Runtime> => {
    const names = [...DETECTOR_MODELS.map((d) => d.model), ...versions.map((v) => LANDMARK_MODELS[v].model)];
    // Models and maps download side by side: the maps need nothing of the models.
    const [settled, maps] = await Promise.all([Promise.allSettled(names.map(load)), Promise.allSettled(versions.map(pointMap))]);
    const models = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = [...settled, ...maps].find((s) => s.status === 'rejected');
    if (failed) {
      // The models that did load would otherwise hold their weights with nothing left to free them.
      for (const m of models) m.dispose();
      throw failed.reason;
    }
    const meshModels = models.slice(DETECTOR_MODELS.length);
    const fitted = maps.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    return {
      backend: on,
      detectors: DETECTOR_MODELS.map((d, i) => makeDetector(d.config, models[i]!)),
      landmarkers: new Map(
        versions.map((v, i) => [v, Promise.resolve({ model: meshModels[i]!, heads: LANDMARK_MODELS[v].heads, pointMap: fitted[i]!, upright: LANDMARK_MODELS[v].upright })]),
      ),
      watch: watchContext(),
    };
  };
  const disposeRuntime = async (r: Runtime): Promise<void> => {
    for (const d of r.detectors) d.model.dispose();
    for (const l of r.landmarkers.values()) (await l.catch(() => null))?.model.dispose();
  };

  let runtime = await loadRuntime(backend, options.preload);

  /** After a lost WebGL context: the models again, on the next backend in line. */
  const recover = async (): Promise<void> => {
    const dead = runtime;
    await disposeRuntime(dead);
    const to = await startFallback(dead.backend, options.wasmUrls);
    runtime = await loadRuntime(to, [...dead.landmarkers.keys()]);
    // A throwing listener is the page's bug, to surface there, not in this call.
    queueMicrotask(() => options.onBackendChange?.({ from: dead.backend, to, reason: 'context_lost' }));
  };

  const engine: Engine = {
    get backend() {
      return runtime.backend;
    },
    get detectors() {
      return runtime.detectors;
    },
    landmarker(version) {
      const { landmarkers } = runtime;
      let l = landmarkers.get(version);
      if (!l) {
        const model = load(LANDMARK_MODELS[version].model);
        l = Promise.all([model, pointMap(version)]).then(([m, fitted]) => ({
          model: m,
          heads: LANDMARK_MODELS[version].heads,
          pointMap: fitted,
          upright: LANDMARK_MODELS[version].upright,
        }));
        // A map that fails to load leaves the model it came with to be freed here.
        l.catch(() => model.then((m) => m.dispose(), () => undefined));
        landmarkers.set(version, l);
        l.catch(() => landmarkers.delete(version));
      }
      return l;
    },
    async run(work) {
      if (runtime.watch?.lost()) await recover();
      const watch = runtime.watch;
      if (!watch) return work();
      const attempt = work();
      const first = await watch.race(attempt);
      if (first === 'settled' && !watch.lost()) return attempt;
      await recover();
      return work();
    },
    dispose: () => disposeRuntime(runtime),
  };

  if (options.warmUp) {
    try {
      await engine.run(async () => warmUp(runtime.detectors, await Promise.all(runtime.landmarkers.values())));
    } catch (e) {
      await engine.dispose();
      throw e;
    }
  }
  return engine;
}
